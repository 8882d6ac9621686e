/* mgmt_bench.h - what the Management API benchmarks share: a monotonic
 * clock and one GET of sysName.0 through SnmpMgrRequest. */
#ifndef OWS_BENCH_MGMT_H
#define OWS_BENCH_MGMT_H
#include <string.h>
#include "mgmtapi.h"
#ifndef _WIN32
#  include <time.h>
#endif

static double now_us(void)
{
#ifdef _WIN32
    static LARGE_INTEGER f;
    LARGE_INTEGER c;
    if (!f.QuadPart)
        QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart * 1e6 / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
#endif
}

/* One GET of sysName.0, the list built in snmpapi memory as a caller does;
 * 1 when answered without an error. */
static int get_one(LPSNMP_MGR_SESSION s)
{
    static UINT sysName0[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    SnmpVarBindList l;
    AsnInteger es = 0, ei = 0;
    int ok;
    l.list = (SnmpVarBind *)SnmpUtilMemAlloc(sizeof(SnmpVarBind));
    l.len = 1;
    l.list[0].name.idLength = 9;
    l.list[0].name.ids = (UINT *)SnmpUtilMemAlloc(sizeof sysName0);
    memcpy(l.list[0].name.ids, sysName0, sizeof sysName0);
    l.list[0].value.asnType = ASN_NULL;
    ok = SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei) && !es;
    SnmpUtilVarBindListFree(&l);
    return ok;
}

#endif
