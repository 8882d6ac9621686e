/* wsnmptrapd.c - receives traps and informs sent to ADDRESS[:PORT] (default
 * port 162) and prints each, its variables as `snmpget -On` prints them:
 *
 *   TRAP from 127.0.0.1, community "public"
 *   .1.3.6.1.2.1.1.3.0 = Timeticks: (4242) 0:00:42.42
 *   .1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.3
 *   ...
 *
 * INFORMs are acknowledged by the library before the program sees them
 * (the line says so). Runs until -Cc COUNT notifications have arrived, -I
 * SECONDS pass without one, or it is stopped.
 *
 * WinSNMP: SnmpRegister(session, sender, receiver, community, trap OID,
 * SNMPAPI_ON) with NULL for "any"; the library listens on the receiver's
 * port and queues each notification to the session, in SNMPv2 form (an
 * SNMPv1 trap is converted, RFC 3584), for SnmpRecvMsg.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include "wtool.h"

struct receiver { int wanted, received; event_t *arrived; };

static int trapd_option(struct wtool *t, char letter, const char *arg)
{
    struct receiver *r = (struct receiver *)t->tool;
    char *end;
    if (letter != 'c')
        return 0;
    r->wanted = (int)strtol(arg, &end, 10);
    return !*end && end != arg && r->wanted > 0;
}

/* The session's notification: wParam 0 means messages are queued;
 * print_notifications (examples/common.c) takes them with SnmpRecvMsg and
 * prints each with its sender (SnmpEntityToStr), community
 * (SnmpContextToStr) and variables (SnmpGetPduData, SnmpGetVb). */
static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION session, HWND hWnd, UINT wMsg,
                                         WPARAM wParam, LPARAM lParam, LPVOID clientData)
{
    struct receiver *r = (struct receiver *)clientData;
    int n;
    (void)hWnd; (void)wMsg; (void)lParam;

    if (wParam != 0)   /* an error notification: a receiver sends no requests */
        return SNMPAPI_SUCCESS;
    n = print_notifications(session, "");
    r->received += n;
    if (n)
        event_set(r->arrived);
    return SNMPAPI_SUCCESS;
}

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    struct receiver r = { 0, 0, NULL };
    unsigned idle;

    t.prog = "wsnmptrapd";
    t.synopsis = "(the address to listen on, e.g. 127.0.0.1:1162 or [::1]:1162)";
    t.app_options = "  -Cc<NUM>\t\tstop after <NUM> notifications\n"
                    "  -I SECONDS\t\tstop after SECONDS without a notification\n";
    t.app_option = trapd_option;
    t.tool = &r;
    t.default_port = "162";
    wt_parse_args(&t, argc, argv);
    if (t.nargs)
        wt_fail(&t, WT_USAGE, "unexpected argument %s (see -h)", t.args[0]);
    r.arrived = event_create();
    t.callback = on_notify;
    wt_open(&t);   /* t.agent: the address to listen on */
    /* Any sender, sent to this address, any community, any notification. */
    if (SnmpRegister(t.session, NULL, t.agent, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE)
        wt_fail(&t, WT_TRANSPORT, "SnmpRegister on %s failed: %s", t.peer,
                api_error_name(SnmpGetLastError(t.session)));
    printf("wsnmptrapd: listening on %s\n", t.peer);
    fflush(stdout);

    idle = t.wait_seconds ? (unsigned)t.wait_seconds * 1000u : 0xFFFFFFFFu;
    while ((!r.wanted || r.received < r.wanted) && event_wait(r.arrived, idle))
        ;
    SnmpRegister(t.session, NULL, t.agent, NULL, NULL, SNMPAPI_OFF);
    printf("wsnmptrapd: %d notification(s) received\n", r.received);
    wt_close(&t);
    event_free(r.arrived);
    return WT_OK;
}
