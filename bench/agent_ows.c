/* agent_ows.c - an SNMP agent written on the WinSNMP API, for the agent-role
 * benchmark (issue 5): listens on 127.0.0.1:port and answers every
 * GET/GETNEXT with the request's names bound to a TimeTicks "uptime". Load it
 * with bench_wire_netsnmp; compare with snmpd under the same load.
 * Also measures trap delivery latency: with "traps" as third argument it
 * sends SNMPv2c traps to itself and prints the median time from SnmpSendMsg
 * to the receiving callback.
 *
 * usage: agent_ows [port] [seconds] [traps]
 *        agent_ows [port] [seconds] idle S   (also stops once S seconds pass
 *        without a request after the first one)
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "winsnmp.h"
#include "bench_clock.h"

static atomic_ulong answered;
static double t_start;

static SNMPAPI_STATUS CALLBACK on_request(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                          LPARAM lp, LPVOID data)
{
    HSNMP_ENTITY src = 0, dst = 0;
    HSNMP_CONTEXT ctx = 0;
    HSNMP_PDU pdu = 0;
    (void)hwnd; (void)msg; (void)lp; (void)data;
    if (wp)
        return SNMPAPI_SUCCESS;
    if (SnmpRecvMsg(s, &src, &dst, &ctx, &pdu) == SNMPAPI_SUCCESS) {
        smiINT type = SNMP_PDU_RESPONSE, zero = 0;
        HSNMP_VBL vbl = 0;
        smiVALUE v;
        smiUINT32 i, n;
        SnmpGetPduData(pdu, NULL, NULL, NULL, NULL, &vbl);
        n = SnmpCountVbl(vbl);
        v.syntax = SNMP_SYNTAX_TIMETICKS;
        v.value.uNumber = (smiUINT32)((now() - t_start) * 100);
        for (i = 1; i <= n; i++)
            SnmpSetVb(vbl, i, NULL, &v);
        SnmpSetPduData(pdu, &type, NULL, &zero, &zero, &vbl);
        SnmpSendMsg(s, dst, src, ctx, pdu);
        SnmpFreeVbl(vbl);
        atomic_fetch_add(&answered, 1);
    }
    if (pdu) SnmpFreePdu(pdu);
    if (src) SnmpFreeEntity(src);
    if (dst) SnmpFreeEntity(dst);
    if (ctx) SnmpFreeContext(ctx);
    return SNMPAPI_SUCCESS;
}

static atomic_int trap_seen;
static double trap_recv_time;

static SNMPAPI_STATUS CALLBACK on_trap(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                       LPARAM lp, LPVOID data)
{
    HSNMP_PDU pdu = 0;
    (void)hwnd; (void)msg; (void)wp; (void)lp; (void)data;
    trap_recv_time = now();
    if (SnmpRecvMsg(s, NULL, NULL, NULL, &pdu) == SNMPAPI_SUCCESS)
        SnmpFreePdu(pdu);
    atomic_store(&trap_seen, 1);
    return SNMPAPI_SUCCESS;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void trap_latency(int port)
{
    char addr[64];
    static double lat[2000];
    smiOCTETS com = { 6, (smiLPBYTE)"public" };
    HSNMP_SESSION r = SnmpCreateSession(NULL, 0, on_trap, NULL);
    HSNMP_SESSION snd = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY re, to;
    HSNMP_CONTEXT ctx;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu;
    smiOID name;
    smiVALUE v;
    int i, n = 0;

    snprintf(addr, sizeof addr, "127.0.0.1:%d", port + 1);
    re = SnmpStrToEntity(r, addr);
    to = SnmpStrToEntity(snd, addr);
    ctx = SnmpStrToContext(snd, &com);
    SnmpRegister(r, NULL, re, NULL, NULL, SNMPAPI_ON);
    vbl = SnmpCreateVbl(snd, NULL, NULL);
    SnmpStrToOid("1.3.6.1.2.1.1.3.0", &name);
    v.syntax = SNMP_SYNTAX_TIMETICKS;
    v.value.uNumber = 1;
    SnmpSetVb(vbl, 0, &name, &v);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpStrToOid("1.3.6.1.6.3.1.1.4.1.0", &name);
    v.syntax = SNMP_SYNTAX_OID;
    SnmpStrToOid("1.3.6.1.4.1.99.7", &v.value.oid);
    SnmpSetVb(vbl, 0, &name, &v);
    pdu = SnmpCreatePdu(snd, SNMP_PDU_TRAP, 0, 0, 0, vbl);
    for (i = 0; i < 2000; i++) {
        double t0, end;
        atomic_store(&trap_seen, 0);
        t0 = now();
        SnmpSendMsg(snd, 0, to, ctx, pdu);
        end = t0 + 1;
        while (!atomic_load(&trap_seen) && now() < end)
            ;
        if (atomic_load(&trap_seen))
            lat[n++] = trap_recv_time - t0;
    }
    qsort(lat, (size_t)n, sizeof(*lat), cmp);
    printf("trap SnmpSendMsg -> receiver callback: median %.1f us, p99 %.1f us (%d traps)\n",
           n ? lat[n / 2] * 1e6 : -1.0, n ? lat[n * 99 / 100] * 1e6 : -1.0, n);
    SnmpClose(r);
    SnmpClose(snd);
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 16300;
    int seconds = argc > 2 ? atoi(argv[2]) : 10;
    char addr[64];
    smiUINT32 a, b, c, d, e;
    HSNMP_SESSION s;
    HSNMP_ENTITY me;
    double end, idle = 0, last_t;
    unsigned long last_n = 0;

    SnmpStartup(&a, &b, &c, &d, &e);
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
    if (argc > 4 && !strcmp(argv[3], "idle"))
        idle = atof(argv[4]);
    if (argc > 3 && !strcmp(argv[3], "traps")) {
        trap_latency(port);
        SnmpCleanup();
        return 0;
    }
    t_start = now();
    s = SnmpCreateSession(NULL, 0, on_request, NULL);
    snprintf(addr, sizeof addr, "127.0.0.1:%d", port);
    me = SnmpStrToEntity(s, addr);
    if (SnmpListen(me, SNMPAPI_ON) != SNMPAPI_SUCCESS) {
        fprintf(stderr, "listen failed: %lu\n", (unsigned long)SnmpGetLastError(s));
        return 1;
    }
    end = now() + seconds;
    last_t = now();
    while (now() < end) {
        unsigned long n = atomic_load(&answered);
        usleep(10000);
        if (n != last_n) {
            last_n = n;
            last_t = now();
        } else if (idle > 0 && n && now() - last_t > idle) {
            break;
        }
    }
    fprintf(stderr, "agent_ows: answered %lu\n", (unsigned long)atomic_load(&answered));
    SnmpCleanup();
    return 0;
}
