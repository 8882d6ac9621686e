/* test_wire_close.c - the release path under traffic: SnmpClose with 1,000
 * outstanding requests (to a silent agent and to snmpd while its replies
 * arrive), SnmpClose from inside the session's own callback, a callback
 * returning failure, SnmpCleanup with requests in flight and from inside a
 * callback, a polling session closed with replies queued. After SnmpClose
 * returns no notification for that session may arrive.
 * snmpd sometimes ignores requests for a few seconds after a burst to ports
 * that closed meanwhile, so the callback phases use a 0.5 s timeout with
 * retries and wait up to 10 s. */
#include <stdatomic.h>
#include "wire.h"
#include "sink.h"

static atomic_int notes;
static smiOCTETS com = { 6, (smiLPBYTE)"public" };

enum { CB_COUNT, CB_CLOSE_SELF, CB_FAIL, CB_CLEANUP };
static atomic_int cb_mode;
static atomic_int inner_result = -1;

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                         LPARAM lp, LPVOID data)
{
    (void)hwnd; (void)msg; (void)wp; (void)lp; (void)data;
    atomic_fetch_add(&notes, 1);
    switch (atomic_load(&cb_mode)) {
    case CB_CLOSE_SELF:
        atomic_store(&inner_result, (int)SnmpClose(s));
        break;
    case CB_FAIL:
        return SNMPAPI_FAILURE;
    case CB_CLEANUP:
        atomic_store(&inner_result, (int)SnmpCleanup());
        break;
    default:
        break;
    }
    return SNMPAPI_SUCCESS;
}

/* Sends `n` GETs (each with a fresh request id) from s to agent. */
static HSNMP_SESSION flood(const char *agent, int n, int callback, smiUINT32 timeout_cs)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, callback ? on_notify : NULL, NULL);
    HSNMP_ENTITY dst = SnmpStrToEntity(s, agent);
    HSNMP_CONTEXT ctx = SnmpStrToContext(s, &com);
    HSNMP_PDU pdu = wire_make_get(s);
    smiINT zero = 0;
    int i, ok = 0;
    if (timeout_cs) {
        SnmpSetTimeout(dst, timeout_cs);
        SnmpSetRetry(dst, 5);
    }
    for (i = 0; i < n; i++) {
        SnmpSetPduData(pdu, NULL, &zero, NULL, NULL, NULL);   /* new id each time */
        ok += SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS;
    }
    /* A callback may close the session while we are still sending. */
    if (atomic_load(&cb_mode) == CB_COUNT)
        CHECK_EQ(ok, n);
    else
        CHECK(ok >= 1);
    SnmpFreePdu(pdu);
    return s;
}

static void close_outstanding(void)
{
    HSNMP_SESSION s;
    double t0, el;
    int frozen;
    sink_t sink = sink_open(wire_port(3));

    /* A silent agent: 1,000 outstanding, closed at once, no timeout after. */
    atomic_store(&cb_mode, CB_COUNT);
    atomic_store(&notes, 0);
    s = flood(wire_addr(3), 1000, 1, 20);
    t0 = wire_now();
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    el = wire_now() - t0;
    fprintf(stderr, "  SnmpClose with 1000 outstanding (silent agent): %.1f us\n", el * 1e6);
    wire_sleep_ms(600);
    CHECK_EQ(atomic_load(&notes), 0);
    sink_close(sink);

    /* snmpd: close while its replies arrive; nothing after SnmpClose returns. */
    atomic_store(&notes, 0);
    s = flood(AGENT4, 1000, 1, 0);
    wire_sleep_ms(2);
    t0 = wire_now();
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    el = wire_now() - t0;
    frozen = atomic_load(&notes);
    wire_sleep_ms(300);
    CHECK_EQ(atomic_load(&notes), frozen);
    fprintf(stderr, "  SnmpClose with replies arriving: %.1f us, %d notified before\n",
            el * 1e6, frozen);
}

static void close_in_callback(void)
{
    HSNMP_SESSION s;
    HSNMP_ENTITY e = 0;
    double end;

    atomic_store(&cb_mode, CB_CLOSE_SELF);
    atomic_store(&notes, 0);
    atomic_store(&inner_result, -1);
    s = flood(AGENT4, 50, 1, 50);
    end = wire_now() + 10;
    while (atomic_load(&inner_result) == -1 && wire_now() < end)
        wire_sleep_ms(1);
    CHECK_EQ(atomic_load(&inner_result), SNMPAPI_SUCCESS);
    wire_sleep_ms(200);
    CHECK_EQ(atomic_load(&notes), 1);   /* nothing after the close */
    CHECK(SnmpRecvMsg(s, &e, NULL, NULL, NULL) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);

    /* A callback returning failure closes its session. */
    atomic_store(&cb_mode, CB_FAIL);
    atomic_store(&notes, 0);
    s = flood(AGENT4, 20, 1, 50);
    end = wire_now() + 10;
    while (atomic_load(&notes) == 0 && wire_now() < end)
        wire_sleep_ms(1);
    wire_sleep_ms(200);
    CHECK_EQ(atomic_load(&notes), 1);
    CHECK(SnmpClose(s) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    atomic_store(&cb_mode, CB_COUNT);
}

static void polling_close_with_queue(void)
{
    HSNMP_SESSION s = flood(AGENT4, 20, 0, 0);
    wire_sleep_ms(200);   /* the replies are queued, never received */
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
}

static void get_works(void)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY dst = SnmpStrToEntity(s, AGENT4);
    HSNMP_CONTEXT ctx = SnmpStrToContext(s, &com);
    struct wire_reply r;
    CHECK(wire_request(s, dst, ctx, SNMP_PDU_GET, "1.3.6.1.2.1.1.5.0", 0, 0, NULL, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.err_status, 0);
    if (r.vbl) SnmpFreeVbl(r.vbl);
    SnmpClose(s);
}

static void cleanup_in_flight(void)
{
    int i;
    double t0, end;
    long live;

    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    atomic_store(&cb_mode, CB_COUNT);
    for (i = 0; i < 4; i++)
        flood(AGENT4, 250, i % 2, 0);
    t0 = wire_now();
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    fprintf(stderr, "  SnmpCleanup with 1000 requests in flight: %.1f us\n",
            (wire_now() - t0) * 1e6);
    live = wire_live_handles();
    CHECK(live == 0 || live == -1);

    /* Cleanup from inside a callback, then start again. */
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    atomic_store(&cb_mode, CB_CLEANUP);
    atomic_store(&inner_result, -1);
    flood(AGENT4, 10, 1, 50);
    end = wire_now() + 10;
    while (atomic_load(&inner_result) == -1 && wire_now() < end)
        wire_sleep_ms(1);
    CHECK_EQ(atomic_load(&inner_result), SNMPAPI_SUCCESS);
    atomic_store(&cb_mode, CB_COUNT);
    CHECK(SnmpCreateSession(NULL, 0, NULL, NULL) == 0);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    get_works();
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
}

int main(void)
{
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    close_outstanding();
    close_in_callback();
    polling_close_with_queue();
    get_works();
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    cleanup_in_flight();
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_close");
}
