/* traprecv.c - a WinSNMP trap receiver: registers for the traps and informs
 * sent to ADDRESS:PORT and prints each one as it arrives, until COUNT have
 * arrived or SECONDS have passed.
 *
 * usage: example_traprecv ADDRESS:PORT [COUNT [SECONDS]]     (defaults: 1, 30)
 *
 * SnmpRegister takes filters: the sender, the destination, the community
 * (context) and a prefix of the notification OID, each NULL for "any". The
 * library receives notifications on one UDP socket per process, by default
 * on port 162, which needs privileges; OpenWinSNMP listens instead on the
 * port of the destination entity of the first registration when that port
 * is not 161 (see the README), which is what this program relies on.
 *
 * What arrives is always in SNMPv2 form: sysUpTime.0, snmpTrapOID.0, then the
 * trap's own variables (an SNMPv1 trap is converted, RFC 3584). An INFORM has
 * already been acknowledged by the library when the application sees it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include "common.h"

struct receiver {
    event_t *done;   /* set when `wanted` notifications have arrived */
    int wanted, received;
};

/* The session's notification: wParam 0 means messages are queued; the
 * receiving and printing (SnmpRecvMsg, SnmpEntityToStr, SnmpContextToStr,
 * SnmpGetPduData, SnmpGetVb and the frees) is print_notifications, in
 * common.c. */
static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION session, HWND hWnd, UINT wMsg,
                                         WPARAM wParam, LPARAM lParam, LPVOID clientData)
{
    struct receiver *r = (struct receiver *)clientData;
    int before = r->received;
    (void)hWnd; (void)wMsg; (void)lParam;

    if (wParam != 0)   /* an error notification; a receiver sends no requests */
        return SNMPAPI_SUCCESS;
    r->received += print_notifications(session, "  ");
    if (before < r->wanted && r->received >= r->wanted)
        event_set(r->done);
    return SNMPAPI_SUCCESS;
}

int main(int argc, char **argv)
{
    const char *address = argc > 1 ? argv[1] : "0.0.0.0";
    struct receiver r;
    int seconds = argc > 3 ? atoi(argv[3]) : 30;
    HSNMP_SESSION session;
    HSNMP_ENTITY me;
    int ok;

    memset(&r, 0, sizeof r);
    r.wanted = argc > 2 ? atoi(argv[2]) : 1;
    r.done = event_create();
    if (!r.done || SnmpStartup(NULL, NULL, NULL, NULL, NULL) == SNMPAPI_FAILURE) {
        printf("SnmpStartup failed: %s\n", api_error_name(SnmpGetLastError(NULL)));
        return 1;
    }
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);   /* entity strings are addresses */
    session = SnmpCreateSession(NULL, 0, on_notify, &r);
    me = session ? SnmpStrToEntity(session, address) : 0;
    /* Any sender, sent to `me`, any community, any notification OID. */
    if (!me || SnmpRegister(session, NULL, me, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE) {
        printf("SnmpRegister failed: %s\n", api_error_name(SnmpGetLastError(session)));
        SnmpCleanup();
        return 1;
    }
    printf("listening for traps and informs on %s\n", address);
    fflush(stdout);

    ok = event_wait(r.done, (unsigned)seconds * 1000u);
    /* Same five arguments with SNMPAPI_OFF unregister (SnmpClose would too). */
    SnmpRegister(session, NULL, me, NULL, NULL, SNMPAPI_OFF);
    SnmpClose(session);
    SnmpCleanup();
    event_free(r.done);
    if (ok)
        printf("trap receiver: %d notification(s) received\n", r.wanted);
    else
        printf("trap receiver: FAILED, %d of %d notification(s) in %d s\n", r.received,
               r.wanted, seconds);
    fflush(stdout);
    return ok ? 0 : 1;
}
