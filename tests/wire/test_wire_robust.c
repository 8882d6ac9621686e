/* test_wire_robust.c - what arrives is checked before it is believed, and
 * the receive queue is bounded:
 * - a fake agent answers one GET with garbage, a truncated message, a reply
 *   with another request id, the right reply and a duplicate of it: exactly
 *   one message is queued; another session's GET to snmpd is undisturbed;
 * - at the bound (4,096 queued messages per session) further replies are
 *   dropped (a callback counts what is queued) but their requests stay
 *   outstanding, so after the application drains the queue the
 *   retransmissions are answered and every request completes exactly once. */
#include <stdatomic.h>
#include "wire.h"
#include "sink.h"

static smiOCTETS com = { 6, (smiLPBYTE)"public" };

/* Receives one message; returns its request id, 0 for NOOP, -1 on error. */
static long recv_one(HSNMP_SESSION s)
{
    HSNMP_PDU pdu = 0;
    smiINT type, id = 0, es, ei;
    if (SnmpRecvMsg(s, NULL, NULL, NULL, &pdu) == SNMPAPI_FAILURE)
        return SnmpGetLastError(s) == SNMPAPI_NOOP ? 0 : -1;
    SnmpGetPduData(pdu, &type, &id, &es, &ei, NULL);
    SnmpFreePdu(pdu);
    return id;
}

static void fake_agent(void)
{
    sink_t sink = sink_open(wire_port(4));
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_SESSION other = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY fake = SnmpStrToEntity(s, wire_addr(4));
    HSNMP_CONTEXT ctx = SnmpStrToContext(s, &com);
    HSNMP_PDU pdu = wire_make_get(s);
    unsigned char req[1500], resp[1500], wrong[1500];
    struct sockaddr_in from;
    smiINT type, id = 0, es, ei;
    int len, k;
    struct wire_reply r;

    CHECK(SnmpSendMsg(s, 0, fake, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpGetPduData(pdu, &type, &id, &es, &ei, NULL);
    len = sink_recv_from(sink, req, sizeof req, &from, 2000);
    /* 30 L | 02 01 01 | 04 06 "public" | A0 L | 02 n id... (short forms) */
    CHECK(len > 20 && req[13] == 0xA0 && req[15] == 0x02);
    if (len > 20 && req[13] == 0xA0 && req[15] == 0x02) {
        memcpy(resp, req, (size_t)len);
        resp[13] = 0xA2;
        memcpy(wrong, resp, (size_t)len);
        wrong[16 + wrong[16]] ^= 0x55;      /* last octet of the request id */
        sink_send_to(sink, "garbage, not BER at all", 23, &from);
        sink_send_to(sink, resp, len - 3, &from);           /* truncated */
        sink_send_to(sink, wrong, len, &from);              /* unknown id */
        sink_send_to(sink, req, len, &from);                /* a GET, not a reply */
        sink_send_to(sink, resp, len, &from);               /* the reply */
        sink_send_to(sink, resp, len, &from);               /* its duplicate */
    }
    /* Meanwhile another session works normally. */
    {
        HSNMP_ENTITY agent = SnmpStrToEntity(other, AGENT4);
        HSNMP_CONTEXT c2 = SnmpStrToContext(other, &com);
        CHECK(wire_request(other, agent, c2, SNMP_PDU_GET, "1.3.6.1.2.1.1.5.0", 0, 0, NULL, &r));
        CHECK_EQ(r.status, SNMPAPI_SUCCESS);
        if (r.vbl) SnmpFreeVbl(r.vbl);
    }
    wire_sleep_ms(300);
    k = 0;
    for (;;) {
        long got = recv_one(s);
        if (got <= 0) break;
        CHECK_EQ(got, id);
        k++;
    }
    CHECK_EQ(k, 1);
    SnmpFreePdu(pdu);
    SnmpClose(s);
    SnmpClose(other);
    sink_close(sink);
}

#define BOUND 4096
#define SENT 4200

/* Replies queued for queue_bound's session: one notification each (a reply
 * dropped at the bound has none); the callback only counts. */
static atomic_long queued;

static SNMPAPI_STATUS CALLBACK count_queued(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                            LPARAM lp, LPVOID data)
{
    (void)s; (void)hwnd; (void)msg; (void)lp; (void)data;
    if (wp == 0)
        atomic_fetch_add(&queued, 1);
    return SNMPAPI_SUCCESS;
}

static void queue_bound(void)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, count_queued, NULL);
    HSNMP_ENTITY dst = SnmpStrToEntity(s, AGENT4);
    HSNMP_CONTEXT ctx = SnmpStrToContext(s, &com);
    HSNMP_PDU pdu = wire_make_get(s);
    static unsigned char seen[SENT + 1];
    smiINT zero = 0, type, id, es, ei, first = 0;
    int i, first_drain = 0, total = 0, dups = 0;
    double end;

    SnmpSetTimeout(dst, 100);
    SnmpSetRetry(dst, 20);
    for (i = 0; i < SENT; i++) {
        SnmpSetPduData(pdu, NULL, &zero, NULL, NULL, NULL);
        CHECK(SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS);
        SnmpGetPduData(pdu, &type, &id, &es, &ei, NULL);
        if (i == 0) first = id;
        if (i % 100 == 99) wire_sleep_ms(15);   /* do not overrun snmpd's socket */
    }
    /* Until the queue is full (bounded: 60 s), then a while more, draining
     * nothing, for the replies beyond it to arrive and be dropped: no more
     * than the bound may have been queued. Counted by the notifications, not
     * by the drain below: on a loaded machine replies still arrive while it
     * runs (a drain once came to 4,098), and no fixed wait is sure to see
     * the queue full (one saw 128 queued after 1.5 s). */
    end = wire_now() + 60;
    while (atomic_load(&queued) < BOUND && wire_now() < end)
        wire_sleep_ms(20);
    wire_sleep_ms(500);
    fprintf(stderr, "  queue bound: %ld queued before the first drain (bound %d)\n",
            atomic_load(&queued), BOUND);
    CHECK_EQ(atomic_load(&queued), BOUND);
    for (;;) {
        long got = recv_one(s);
        if (got <= 0) break;
        first_drain++;
        if (got >= first && got - first < SENT) {
            if (seen[got - first]++) dups++;
        }
    }
    fprintf(stderr, "  queue bound: first drain %d\n", first_drain);
    CHECK(first_drain >= BOUND);
    total = first_drain;
    end = wire_now() + 30;
    while (total < SENT && wire_now() < end) {
        long got = recv_one(s);
        if (got < 0) break;
        if (got == 0) { wire_sleep_ms(5); continue; }
        total++;
        if (got >= first && got - first < SENT && seen[got - first]++) dups++;
    }
    fprintf(stderr, "  queue bound: %d of %d answered in the end, %d duplicates\n", total,
            SENT, dups);
    CHECK_EQ(total, SENT);
    CHECK_EQ(dups, 0);
    SnmpFreePdu(pdu);
    SnmpClose(s);
}

int main(void)
{
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    fake_agent();
    queue_bound();
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_robust");
}
