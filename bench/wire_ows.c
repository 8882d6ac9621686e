/* wire_ows.c - our client for the wire benchmarks: GET round trips through
 * the WinSNMP API (callback session, each reply received and freed, the next
 * GET sent from the callback) with N requests outstanding against
 * bench/responder, printing GETs per second. Mirrors bench/wire_netsnmp.c.
 *
 * usage: wire_ows [port] [outstanding] [seconds] [max_gets] [handles]
 *   max_gets 0 = run for `seconds`; handles 1 (default) = SnmpRecvMsg returns
 *   all four handles and frees them, 0 = the PDU only.
 * With BENCH_V3_ENTITY set, the destination is that TRANSLATED-mode name of
 * the WSNMP_DATABASE file (an SNMPv3 entry: bench/run-v3.sh) and the port
 * is unused.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "winsnmp.h"
#include "bench_clock.h"

static HSNMP_ENTITY dst;
static HSNMP_CONTEXT ctx;
static HSNMP_PDU get, get0;
static atomic_ulong done, failed;
static unsigned long max_gets;
static int all_handles = 1;
static atomic_int stop;

static void send_one(HSNMP_SESSION s, HSNMP_PDU get)
{
    smiINT zero = 0;
    /* Request id 0 = a fresh id for every send. */
    SnmpSetPduData(get, NULL, &zero, NULL, NULL, NULL);
    if (SnmpSendMsg(s, 0, dst, ctx, get) != SNMPAPI_SUCCESS)
        atomic_fetch_add(&failed, 1);
}

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                         LPARAM lp, LPVOID data)
{
    HSNMP_ENTITY se = 0, de = 0;
    HSNMP_CONTEXT c = 0;
    HSNMP_PDU pdu = 0;
    (void)hwnd; (void)msg; (void)lp; (void)data;
    if (all_handles) {
        if (SnmpRecvMsg(s, &se, &de, &c, &pdu) == SNMPAPI_SUCCESS) {
            SnmpFreeEntity(se);
            SnmpFreeEntity(de);
            SnmpFreeContext(c);
            SnmpFreePdu(pdu);
            atomic_fetch_add(&done, 1);
        } else if (wp) {
            SnmpFreeEntity(se); SnmpFreeEntity(de); SnmpFreeContext(c); SnmpFreePdu(pdu);
            atomic_fetch_add(&failed, 1);
        }
    } else {
        if (SnmpRecvMsg(s, NULL, NULL, NULL, &pdu) == SNMPAPI_SUCCESS) {
            SnmpFreePdu(pdu);
            atomic_fetch_add(&done, 1);
        } else if (wp) {
            atomic_fetch_add(&failed, 1);
        }
    }
    if (max_gets && atomic_load(&done) + 0 >= max_gets)
        atomic_store(&stop, 1);
    if (!atomic_load(&stop))
        send_one(s, get);
    return SNMPAPI_SUCCESS;
}

int main(int argc, char **argv)
{
    const char *port = argc > 1 ? argv[1] : "16200";
    int outstanding = argc > 2 ? atoi(argv[2]) : 16;
    double seconds = argc > 3 ? atof(argv[3]) : 3.0;
    char agent[64];
    smiUINT32 a, b, c, d, e;
    smiOCTETS com = { 6, (smiLPBYTE)"public" };
    smiOID name;
    HSNMP_SESSION s;
    HSNMP_VBL vbl;
    double t0, el, end;
    int i;

    max_gets = argc > 4 ? strtoul(argv[4], NULL, 10) : 0;
    all_handles = argc > 5 ? atoi(argv[5]) : 1;
    snprintf(agent, sizeof agent, "127.0.0.1:%s", port);
    SnmpStartup(&a, &b, &c, &d, &e);
    s = SnmpCreateSession(NULL, 0, on_notify, NULL);
    if (getenv("BENCH_V3_ENTITY")) {
        SnmpSetTranslateMode(SNMPAPI_TRANSLATED);
        dst = SnmpStrToEntity(s, getenv("BENCH_V3_ENTITY"));
    } else {
        SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
        dst = SnmpStrToEntity(s, agent);
    }
    if (dst == SNMPAPI_FAILURE) {
        fprintf(stderr, "wire_ows: no such entity\n");
        return 1;
    }
    ctx = SnmpStrToContext(s, &com);
    SnmpSetTimeout(dst, 100);
    SnmpSetRetry(dst, 1);
    SnmpStrToOid("1.3.6.1.2.1.1.5.0", &name);
    vbl = SnmpCreateVbl(s, &name, NULL);
    /* The callback's PDU and the start-up PDU: never shared between threads. */
    get = SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, vbl);
    get0 = SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, vbl);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);

    t0 = now();
    end = t0 + (max_gets ? 600 : seconds);
    for (i = 0; i < outstanding; i++)
        send_one(s, get0);
    while (!atomic_load(&stop) && now() < end)
        usleep(1000);
    atomic_store(&stop, 1);
    el = now() - t0;
    printf("OpenWinSNMP%s: outstanding %d: %.0f GETs/s (%lu ok, %lu failed, %.2f s)\n",
           all_handles ? "" : " (PDU only)", outstanding, atomic_load(&done) / el,
           (unsigned long)atomic_load(&done), (unsigned long)atomic_load(&failed), el);
    SnmpClose(s);
    SnmpCleanup();
    return 0;
}
