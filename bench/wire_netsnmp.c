/* wire_netsnmp.c - the reference client for the wire benchmarks: net-snmp's
 * asynchronous C API doing GET round trips with N requests outstanding
 * against bench/responder, printing GETs per second.
 *
 * usage: wire_netsnmp [port] [outstanding] [seconds] [max_gets]
 *        (defaults 16200, 16, 3, 0 = run for `seconds`)
 * With BENCH_V3_LEVEL (noAuthNoPriv, authNoPriv, authPriv) it speaks SNMPv3
 * as user "bench" with SHA-256 and AES-128 (bench/responder_v3.c's user).
 */
#include <sys/select.h>
#include "netsnmp_bench.h"

static unsigned long done, failed, max_gets;
static netsnmp_session *live;

static int send_one(void)
{
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET);
    snmp_add_null_var(pdu, name, OID_LENGTH(name));
    if (!snmp_send(live, pdu)) { snmp_free_pdu(pdu); return -1; }
    return 0;
}

/* One response (or timeout) in, one request out: keeps N outstanding. */
static int on_response(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu, void *magic)
{
    (void)s; (void)reqid; (void)pdu; (void)magic;
    if (op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE) done++; else failed++;
    if (!max_gets || done < max_gets) send_one();
    return 1;
}

int main(int argc, char **argv)
{
    const char *port = argc > 1 ? argv[1] : "16200";
    int outstanding = argc > 2 ? atoi(argv[2]) : 16;
    double seconds = argc > 3 ? atof(argv[3]) : 3.0;
    const char *host = "127.0.0.1";
    max_gets = argc > 4 ? strtoul(argv[4], NULL, 10) : 0;
    if (max_gets) seconds = 600;

    live = bench_netsnmp_open("wire_netsnmp", host, port, on_response);
    if (!live) return 1;

    for (int i = 0; i < outstanding; i++) send_one();
    double t0 = now(), end = t0 + seconds;
    while (now() < end && (!max_gets || done < max_gets)) {
        int fds = 0, block = 1;
        fd_set fdset;
        struct timeval tv = { 0, 100000 };
        FD_ZERO(&fdset);
        snmp_select_info(&fds, &fdset, &tv, &block);
        int n = select(fds, &fdset, NULL, NULL, &tv);
        if (n > 0) snmp_read(&fdset);
        else if (n == 0) snmp_timeout();
    }
    double el = now() - t0;
    printf("net-snmp async: outstanding %d: %.0f GETs/s (%lu ok, %lu failed, %.2f s)\n",
           outstanding, done / el, done, failed, el);
    snmp_close(live);
    snmp_shutdown("wire_netsnmp");
    return 0;
}
