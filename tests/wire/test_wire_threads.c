/* test_wire_threads.c - 8 threads, each opening a session, doing one GET
 * against snmpd and closing it, 1,000 times (a quarter of them callback
 * sessions, a quarter closed with the request still outstanding). Afterwards
 * no handle is left (natively) and, in a TSan build, no race is reported. */
#include <stdatomic.h>
#include "wire.h"
#ifndef _WIN32
#  include <pthread.h>
#endif

#define THREADS 8
#define CYCLES 1000

static smiOCTETS com = { 6, (smiLPBYTE)"public" };
static atomic_int ok_count, fail_count;
static char agent4[48];   /* set before the threads start (wire_agent is not thread-safe) */

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                         LPARAM lp, LPVOID data)
{
    atomic_int *got = data;
    HSNMP_PDU pdu = 0;
    (void)hwnd; (void)msg; (void)lp;
    if (wp == 0 && SnmpRecvMsg(s, NULL, NULL, NULL, &pdu) == SNMPAPI_SUCCESS) {
        SnmpFreePdu(pdu);
        atomic_store(got, 1);
    }
    return SNMPAPI_SUCCESS;
}

static void cycle(int i)
{
    atomic_int got = 0;
    int mode = i % 4;   /* 0,1 polling; 2 callback; 3 closed while outstanding */
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, mode == 2 ? on_notify : NULL, &got);
    HSNMP_ENTITY dst = SnmpStrToEntity(s, agent4);
    HSNMP_CONTEXT ctx = SnmpStrToContext(s, &com);
    smiOID name;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu;
    int sent;

    if (!s || !dst || !ctx) {
        atomic_fetch_add(&fail_count, 1);
        if (s) SnmpClose(s);
        return;
    }
    SnmpSetTimeout(dst, 50);
    SnmpSetRetry(dst, 10);
    SnmpStrToOid("1.3.6.1.2.1.1.5.0", &name);
    vbl = SnmpCreateVbl(s, &name, NULL);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    pdu = SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, vbl);
    sent = SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS;
    if (!sent) {
        atomic_fetch_add(&fail_count, 1);
    } else if (mode == 3) {
        atomic_fetch_add(&ok_count, 1);
    } else {
        double end = wire_now() + 10;
        int done = 0;
        while (!done && wire_now() < end) {
            if (mode == 2) {
                done = atomic_load(&got);
            } else {
                HSNMP_PDU r = 0;
                if (SnmpRecvMsg(s, NULL, NULL, NULL, &r) == SNMPAPI_SUCCESS) {
                    SnmpFreePdu(r);
                    done = 1;
                }
            }
            if (!done) wire_sleep_ms(1);
        }
        atomic_fetch_add(done ? &ok_count : &fail_count, 1);
    }
    /* Some handles are freed explicitly, the rest by SnmpClose. */
    if (i % 2) {
        SnmpFreeVbl(vbl);
        SnmpFreePdu(pdu);
    }
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
}

#ifdef _WIN32
static DWORD WINAPI worker(LPVOID arg)
#else
static void *worker(void *arg)
#endif
{
    int i, base = (int)(intptr_t)arg;
    for (i = 0; i < CYCLES; i++)
        cycle(base + i);
    return 0;
}

int main(void)
{
    int t;
    double t0;
    long live;
#ifdef _WIN32
    HANDLE th[THREADS];
#else
    pthread_t th[THREADS];
#endif
    snprintf(agent4, sizeof agent4, "%s", AGENT4);
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    t0 = wire_now();
    for (t = 0; t < THREADS; t++) {
#ifdef _WIN32
        th[t] = CreateThread(NULL, 0, worker, (LPVOID)(intptr_t)(t * 7), 0, NULL);
#else
        pthread_create(&th[t], NULL, worker, (void *)(intptr_t)(t * 7));
#endif
    }
    for (t = 0; t < THREADS; t++) {
#ifdef _WIN32
        WaitForSingleObject(th[t], INFINITE);
        CloseHandle(th[t]);
#else
        pthread_join(th[t], NULL);
#endif
    }
    fprintf(stderr, "  %d x %d cycles: %d ok, %d failed, %.2f s\n", THREADS, CYCLES,
            atomic_load(&ok_count), atomic_load(&fail_count), wire_now() - t0);
    CHECK_EQ(atomic_load(&ok_count), THREADS * CYCLES);
    CHECK_EQ(atomic_load(&fail_count), 0);
    live = wire_live_handles();
    CHECK(live == 0 || live == -1);   /* every session closed: nothing left */
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    live = wire_live_handles();
    CHECK(live == 0 || live == -1);
    return wire_done("test_wire_threads");
}
