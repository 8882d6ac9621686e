/* test_wire_timeout.c - retransmission and timeouts: a request to a silent
 * agent is sent retries + 1 times with the same bytes and gives exactly one
 * TL_TIMEOUT (lParam = request id) after timeout x (retries + 1); a cancelled
 * request gives none; retransmit mode OFF stops retransmission, also of a
 * request already outstanding; a port where nothing listens times out too;
 * SnmpRecvMsg after the timeout fails with TL_TIMEOUT but fills its outputs. */
#include <stdatomic.h>
#include "wire.h"
#include "sink.h"

/* Ports next to the agent's: a sink that never answers, and nothing. */
#define SINK_PORT wire_port(1)
#define DEAD_PORT wire_port(2)

static atomic_int notes;
static atomic_long last_wp, last_lp;
static double last_time;   /* written by the callback before notes++ */

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                         LPARAM lp, LPVOID data)
{
    (void)s; (void)hwnd; (void)msg; (void)data;
    last_time = wire_now();
    atomic_store(&last_wp, (long)wp);
    atomic_store(&last_lp, (long)lp);
    atomic_fetch_add(&notes, 1);
    return SNMPAPI_SUCCESS;
}

static smiINT send_get(HSNMP_SESSION s, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx)
{
    HSNMP_PDU pdu = wire_make_get(s);
    smiINT type, id = 0, es, ei;
    CHECK(SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpGetPduData(pdu, &type, &id, &es, &ei, NULL);
    SnmpFreePdu(pdu);
    return id;
}

/* Waits until `n` notifications arrived or `seconds` passed. */
static void wait_notes(int n, double seconds)
{
    double end = wire_now() + seconds;
    while (atomic_load(&notes) < n && wire_now() < end)
        wire_sleep_ms(1);
}

int main(void)
{
    smiOCTETS com = { 6, (smiLPBYTE)"public" };
    unsigned char buf[1500], first[1500];
    int len = 0, flen = 0, n;
    HSNMP_SESSION s;
    HSNMP_ENTITY sink_e, dead_e;
    HSNMP_CONTEXT ctx;
    sink_t sink = sink_open(SINK_PORT);
    double t0, el;
    smiINT id;

    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    s = SnmpCreateSession(NULL, 0, on_notify, NULL);
    sink_e = SnmpStrToEntity(s, wire_addr(1));
    dead_e = SnmpStrToEntity(s, wire_addr(2));
    ctx = SnmpStrToContext(s, &com);
    CHECK(s && sink_e && dead_e && ctx);
    CHECK(SnmpSetTimeout(sink_e, 20) == SNMPAPI_SUCCESS);   /* 200 ms */
    CHECK(SnmpSetRetry(sink_e, 2) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetTimeout(dead_e, 15) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetRetry(dead_e, 1) == SNMPAPI_SUCCESS);

    /* 1. Three sends, one timeout after 600 ms. */
    t0 = wire_now();
    id = send_get(s, sink_e, ctx);
    wire_sleep_ms(50);
    CHECK_EQ(sink_count(sink, first, sizeof first, &flen), 1);
    wait_notes(1, 3.0);
    el = last_time - t0;
    CHECK_EQ(atomic_load(&notes), 1);
    CHECK_EQ(atomic_load(&last_wp), SNMPAPI_TL_TIMEOUT);
    CHECK_EQ(atomic_load(&last_lp), id);
    CHECK(el >= 0.59 && el < 0.85);
    fprintf(stderr, "  timeout after %.0f ms (expected 600)\n", el * 1000);
    n = sink_count(sink, buf, sizeof buf, &len);
    CHECK_EQ(n, 2);   /* the two retransmissions */
    CHECK(len == flen && memcmp(buf, first, (size_t)len) == 0);
    wire_sleep_ms(500);
    CHECK_EQ(atomic_load(&notes), 1);   /* exactly one */
    {
        HSNMP_ENTITY src = 0, dst = 0;
        HSNMP_CONTEXT c = 0;
        HSNMP_PDU pdu = 0;
        smiINT type, rid = 0, es, ei;
        char text[64] = "";
        CHECK(SnmpRecvMsg(s, &src, &dst, &c, &pdu) == SNMPAPI_FAILURE);
        CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_TIMEOUT);
        CHECK(src != 0 && c != 0 && pdu != 0);
        CHECK(SnmpGetPduData(pdu, &type, &rid, &es, &ei, NULL) == SNMPAPI_SUCCESS);
        CHECK_EQ(rid, id);
        CHECK_EQ(type, SNMP_PDU_GET);
        CHECK(SnmpEntityToStr(src, sizeof text, text) != SNMPAPI_FAILURE);
        CHECK(strncmp(text, "127.0.0.1", 9) == 0);
        SnmpFreePdu(pdu);
        SnmpFreeEntity(src);
        if (dst) SnmpFreeEntity(dst);
        SnmpFreeContext(c);
        CHECK(SnmpRecvMsg(s, &src, &dst, &c, &pdu) == SNMPAPI_FAILURE);
        CHECK_EQ(SnmpGetLastError(s), SNMPAPI_NOOP);
    }

    /* 2. A cancelled request: no retransmission, no notification. */
    atomic_store(&notes, 0);
    id = send_get(s, sink_e, ctx);
    CHECK(SnmpCancelMsg(s, id) == SNMPAPI_SUCCESS);
    CHECK(SnmpCancelMsg(s, id) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_PDU_INVALID);
    wire_sleep_ms(900);
    CHECK_EQ(atomic_load(&notes), 0);
    CHECK_EQ(sink_count(sink, buf, sizeof buf, &len), 1);

    /* 3. Retransmit mode OFF: one send, timeout after one period. */
    CHECK(SnmpSetRetransmitMode(SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    atomic_store(&notes, 0);
    t0 = wire_now();
    id = send_get(s, sink_e, ctx);
    wait_notes(1, 2.0);
    el = last_time - t0;
    CHECK_EQ(atomic_load(&notes), 1);
    CHECK_EQ(atomic_load(&last_lp), id);
    CHECK(el >= 0.19 && el < 0.45);
    CHECK_EQ(sink_count(sink, buf, sizeof buf, &len), 1);
    CHECK(SnmpSetRetransmitMode(SNMPAPI_ON) == SNMPAPI_SUCCESS);

    /* 4. Turning it OFF also stops an outstanding request's retransmits. */
    CHECK(SnmpSetRetry(sink_e, 5) == SNMPAPI_SUCCESS);
    atomic_store(&notes, 0);
    t0 = wire_now();
    id = send_get(s, sink_e, ctx);
    wire_sleep_ms(300);               /* one retransmission at 200 ms */
    CHECK(SnmpSetRetransmitMode(SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    wait_notes(1, 2.0);
    el = last_time - t0;
    CHECK_EQ(atomic_load(&notes), 1);
    CHECK(el >= 0.39 && el < 0.7);    /* at the next deadline, not 1.2 s */
    CHECK_EQ(sink_count(sink, buf, sizeof buf, &len), 2);
    CHECK(SnmpSetRetransmitMode(SNMPAPI_ON) == SNMPAPI_SUCCESS);

    /* 5. A port where nothing listens: exactly one timeout at 2 x 150 ms. */
    atomic_store(&notes, 0);
    t0 = wire_now();
    id = send_get(s, dead_e, ctx);
    wait_notes(1, 2.0);
    el = last_time - t0;
    wire_sleep_ms(300);
    CHECK_EQ(atomic_load(&notes), 1);
    CHECK_EQ(atomic_load(&last_wp), SNMPAPI_TL_TIMEOUT);
    CHECK_EQ(atomic_load(&last_lp), id);
    CHECK(el >= 0.29 && el < 0.55);
    fprintf(stderr, "  dead port: timeout after %.0f ms (expected 300)\n", el * 1000);

    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    sink_close(sink);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_timeout");
}
