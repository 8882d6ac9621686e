/* wire_close.c - release-path benchmarks: SnmpClose latency (idle session,
 * session with a socket, session with 1,000 outstanding requests),
 * SnmpCleanup of 10,000 open sessions, and heap bytes per idle session.
 *
 * usage: wire_close [port-of-a-silent-udp-sink]   (default 16995: nothing
 * needs to listen there; requests simply stay outstanding)
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "winsnmp.h"
#include "bench_clock.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp);
    return v[n / 2];
}

static void startup(void)
{
    smiUINT32 a, b, c, d, e;
    SnmpStartup(&a, &b, &c, &d, &e);
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
}

/* Opens a session and sends `n` GETs to agent (none when n == 0). */
static HSNMP_SESSION open_with(const char *agent, int n)
{
    smiOCTETS com = { 6, (smiLPBYTE)"public" };
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    smiOID name;
    smiINT zero = 0;
    HSNMP_ENTITY dst;
    HSNMP_CONTEXT ctx;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu;
    int i;
    if (!n)
        return s;
    dst = SnmpStrToEntity(s, agent);
    ctx = SnmpStrToContext(s, &com);
    SnmpStrToOid("1.3.6.1.2.1.1.5.0", &name);
    vbl = SnmpCreateVbl(s, &name, NULL);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    pdu = SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, vbl);
    for (i = 0; i < n; i++) {
        SnmpSetPduData(pdu, NULL, &zero, NULL, NULL, NULL);
        if (SnmpSendMsg(s, 0, dst, ctx, pdu) != SNMPAPI_SUCCESS) {
            fprintf(stderr, "send failed: %lu\n", (unsigned long)SnmpGetLastError(s));
            exit(1);
        }
    }
    return s;
}

int main(int argc, char **argv)
{
    char agent[64];
    static double t[2000];
    static HSNMP_SESSION many[10000];
    struct mallinfo2 m0, m1;
    double t0;
    int i;

    snprintf(agent, sizeof agent, "127.0.0.1:%s", argc > 1 ? argv[1] : "16995");
    startup();

    for (i = 0; i < 2000; i++) {
        HSNMP_SESSION s = open_with(agent, 0);
        t0 = now();
        SnmpClose(s);
        t[i] = now() - t0;
    }
    printf("SnmpClose, idle session: median %.2f us\n", median(t, 2000) * 1e6);

    for (i = 0; i < 500; i++) {
        HSNMP_SESSION s = open_with(agent, 1);
        t0 = now();
        SnmpClose(s);
        t[i] = now() - t0;
    }
    printf("SnmpClose, session with a socket and 1 outstanding: median %.2f us\n",
           median(t, 500) * 1e6);

    for (i = 0; i < 50; i++) {
        HSNMP_SESSION s = open_with(agent, 1000);
        t0 = now();
        SnmpClose(s);
        t[i] = now() - t0;
    }
    printf("SnmpClose, 1,000 outstanding: median %.2f us\n", median(t, 50) * 1e6);

    m0 = mallinfo2();
    for (i = 0; i < 10000; i++)
        many[i] = open_with(agent, 0);
    m1 = mallinfo2();
    printf("heap per idle session: %.0f bytes\n",
           (double)(m1.uordblks - m0.uordblks) / 10000.0);
    t0 = now();
    SnmpCleanup();
    printf("SnmpCleanup of 10,000 idle sessions: %.2f ms\n", (now() - t0) * 1e3);

    startup();
    m0 = mallinfo2();
    for (i = 0; i < 1000; i++)
        many[i] = open_with(agent, 1);
    m1 = mallinfo2();
    printf("heap per session with a socket and 1 outstanding GET: %.0f bytes\n",
           (double)(m1.uordblks - m0.uordblks) / 1000.0);
    t0 = now();
    SnmpCleanup();
    printf("SnmpCleanup of 1,000 sessions with a socket and a request each: %.2f ms\n",
           (now() - t0) * 1e3);
    return 0;
}
