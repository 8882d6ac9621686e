/* test_rxitem.c - a received message as one allocation (perf): the decoder's
 * reserved head (ows_msg_decode_ex) and the objects SnmpRecvMsg builds inside
 * the queue item (core/rxitem.c), freed in every order, edited, and with the
 * allocation failing. */
#include "core_helpers.h"
#include "core/engine.h"
#include "core/msg_codec.h"
#include "core/session.h"

/* Asserts that exactly `want` allocations are live, at once. The engine
 * thread allocates nothing behind the test's back: its buffers and its room
 * for the first sockets (OWS_NET_FIRST_SOCKS, engine.h) are made before
 * SnmpStartup returns, and these tests receive no datagram. So a difference
 * is a leak or a premature free, never a matter of timing. (It once waited
 * up to 2 s here, and still failed about once in 80 runs on a loaded
 * machine: the poller made its array at the engine's first wait, which
 * could come after the test had counted.) */
static void expect_live(long want)
{
    assert_int_equal(ows_alloc_live(), want);
}

static uint32_t name_ids[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };

/* Encodes a v2c RESPONSE (request id 7, sysName.0 = `value`, `nvb` times). */
static size_t make_response(uint8_t *buf, size_t cap, const char *value, uint32_t nvb,
                            size_t *off)
{
    static ows_varbind vbs[200];
    ows_msg m;
    size_t len;
    uint32_t i;

    assert_true(nvb <= 200);
    memset(&m, 0, sizeof m);
    m.version = OWS_SNMPV2C;
    m.community.ptr = (uint8_t *)"public";
    m.community.len = 6;
    m.pdu.type = OWS_PDU_RESPONSE;
    m.pdu.request_id = 7;
    for (i = 0; i < nvb; i++) {
        memset(&vbs[i], 0, sizeof vbs[i]);
        vbs[i].name.ids = name_ids;
        vbs[i].name.len = 9;
        vbs[i].value.syntax = OWS_SYN_OCTETS;
        vbs[i].value.v.str.ptr = (uint8_t *)value;
        vbs[i].value.v.str.len = (uint32_t)strlen(value);
    }
    m.pdu.vbl.items = vbs;
    m.pdu.vbl.count = nvb;
    assert_int_equal(ows_msg_encode(&m, buf, cap, off, &len), 0);
    return len;
}

static uint8_t wire[65536];

static void check_head(uint32_t nvb)
{
    ows_msg plain, with_head;
    size_t off, len = make_response(wire, sizeof wire, "a-value", nvb, &off);
    long live = ows_alloc_live();
    unsigned long count;

    assert_int_equal(ows_msg_decode(wire + off, len, &plain), 0);
    count = ows_alloc_count();
    assert_int_equal(ows_msg_decode_ex(wire + off, len, &with_head, 100), 0);
    /* One allocation, the head first: writable, and not overlapping the data. */
    assert_int_equal(ows_alloc_count(), count + 1);
    assert_non_null(with_head.pdu.vbl.arena);
    memset(with_head.pdu.vbl.arena, 0xA5, 100);
    assert_true(ows_msg_equal(&plain, &with_head));
    assert_int_equal(((uintptr_t)with_head.pdu.vbl.items) & 7, 0);
    ows_msg_free(&with_head);
    ows_msg_free(&plain);
    expect_live(live);

    /* The one allocation failing: an error, *m zeroed, nothing left. */
    ows_alloc_fail_after(0);
    assert_int_equal(ows_msg_decode_ex(wire + off, len, &with_head, OWS_RX_HEAD), OWS_E_ALLOC);
    ows_alloc_fail_after(-1);
    assert_null(with_head.pdu.vbl.arena);
    assert_int_equal(with_head.pdu.vbl.count, 0);
    expect_live(live);
}

/* Decoding into a caller's block: filled in place when the message fits
 * (no allocation, the block is the arena), the usual one allocation when it
 * does not; the block is never freed, not even on a malformed message. */
static void test_decode_into_block(void **state)
{
    static uint64_t block[OWS_RX_BLOCK / 8];
    ows_msg plain, in;
    size_t off, len;
    long live = ows_alloc_live();
    unsigned long count;
    (void)state;

    len = make_response(wire, sizeof wire, "a-value", 3, &off);
    assert_int_equal(ows_msg_decode(wire + off, len, &plain), 0);
    count = ows_alloc_count();
    assert_int_equal(ows_msg_decode_in(wire + off, len, &in, OWS_RX_HEAD, block, sizeof block), 0);
    assert_int_equal(ows_alloc_count(), count);
    assert_ptr_equal(in.pdu.vbl.arena, block);
    assert_true(ows_msg_equal(&plain, &in));
    ows_msg_free(&plain);
    /* Too big for the block: allocated, and equal all the same. */
    len = make_response(wire, sizeof wire, "a-value", 60, &off);
    assert_int_equal(ows_msg_decode(wire + off, len, &plain), 0);
    assert_int_equal(ows_msg_decode_in(wire + off, len, &in, OWS_RX_HEAD, block, sizeof block), 0);
    assert_ptr_not_equal(in.pdu.vbl.arena, block);
    assert_true(ows_msg_equal(&plain, &in));
    ows_msg_free(&in);
    ows_msg_free(&plain);
    /* Malformed (truncated): an error, *m zeroed, nothing allocated. */
    assert_int_not_equal(ows_msg_decode_in(wire + off, 20, &in, OWS_RX_HEAD, block, sizeof block), 0);
    assert_null(in.pdu.vbl.arena);
    expect_live(live);
}

/* Small messages (stack scratch) and big ones (sized, then filled in place). */
static void test_decode_head(void **state)
{
    (void)state;
    check_head(1);
    check_head(200);
}

/* Queues a decoded response to session `sh` the way the engine does, as the
 * reply to a request that named the entity `asked_dst` and the context
 * `asked_ctx` (0: none), with the community `com` (NULL: "public"), from a
 * peer of address family `family`. */
static void queue_item(HSNMP_SESSION sh, HSNMP_ENTITY asked_dst, HSNMP_CONTEXT asked_ctx,
                       const smiOCTETS *com, uint16_t family)
{
    struct ows_session *s;
    struct ows_rxitem *it;
    ows_msg m;
    size_t off, len = make_response(wire, sizeof wire, "bench-value", 1, &off);

    assert_int_equal(ows_msg_decode_ex(wire + off, len, &m, OWS_RX_HEAD), 0);
    ows_lock();
    assert_int_equal(ows_session_get((uintptr_t)sh, &s), 0);
    assert_non_null(ows_net_state(s, 1));
    it = m.pdu.vbl.arena;
    memset(it, 0, sizeof *it);
    it->request_id = m.pdu.request_id;
    it->peer.family = family;
    it->peer.port = 161;
    it->local.family = OWS_AF_INET;
    it->local.port = 40000;
    it->msg = m;
    it->asked[OWS_REPLY_SRC] = (uint32_t)(uintptr_t)asked_dst;
    it->asked[OWS_REPLY_CTX] = (uint32_t)(uintptr_t)asked_ctx;
    if (com) {
        it->msg.community.ptr = com->ptr;
        it->msg.community.len = com->len;
    }
    ows_queue_push(s->net, it);
    ows_object_put(&s->hdr);
    ows_unlock();
}

static void queue_reply(HSNMP_SESSION sh, HSNMP_ENTITY asked_dst, HSNMP_CONTEXT asked_ctx,
                        const smiOCTETS *com)
{
    queue_item(sh, asked_dst, asked_ctx, com, OWS_AF_INET);
}

/* A message that answers no request of ours. */
static void queue_one(HSNMP_SESSION sh)
{
    queue_reply(sh, 0, 0, NULL);
}

struct got {
    HSNMP_ENTITY src, dst;
    HSNMP_CONTEXT ctx;
    HSNMP_PDU pdu;
};

static void recv_one(HSNMP_SESSION sh, struct got *g)
{
    memset(g, 0, sizeof *g);
    assert_int_equal(SnmpRecvMsg(sh, &g->src, &g->dst, &g->ctx, &g->pdu), SNMPAPI_SUCCESS);
    assert_true(g->src && g->dst && g->ctx && g->pdu);
}

/* Everything each object shows must still be right whatever went before. */
static void check_ctx(HSNMP_CONTEXT c)
{
    smiOCTETS o;
    assert_int_equal(SnmpContextToStr(c, &o), SNMPAPI_SUCCESS);
    assert_int_equal(o.len, 6);
    assert_memory_equal(o.ptr, "public", 6);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&o);
}

static void check_pdu(HSNMP_PDU p)
{
    smiINT type, id, es, ei;
    HSNMP_VBL vbl;
    smiOID name;
    smiVALUE v;
    assert_int_equal(SnmpGetPduData(p, &type, &id, &es, &ei, &vbl), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_RESPONSE);
    assert_int_equal(id, 7);
    assert_int_equal(SnmpCountVbl(vbl), 1);
    assert_int_equal(SnmpGetVb(vbl, 1, &name, &v), SNMPAPI_SUCCESS);
    assert_int_equal(name.len, 9);
    assert_int_equal(v.syntax, SNMP_SYNTAX_OCTETS);
    assert_memory_equal(v.value.string.ptr, "bench-value", 11);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&v.value.string);
    SnmpFreeVbl(vbl);
}

static void check_entity(HSNMP_ENTITY e, const char *text)
{
    char buf[64];
    assert_int_not_equal(SnmpEntityToStr(e, sizeof buf, buf), SNMPAPI_FAILURE);
    assert_string_equal(buf, text);
}

static void test_objects_every_order(void **state)
{
    HSNMP_SESSION s;
    struct got g;
    long live;
    int order;
    (void)state;

    core_startup();
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    assert_true(s);
    /* The first message also makes the session's engine state, and the
     * first descriptors the descriptor registry. */
    queue_one(s);
    recv_one(s, &g);
    check_ctx(g.ctx);
    check_pdu(g.pdu);
    SnmpFreeEntity(g.src);
    SnmpFreeEntity(g.dst);
    SnmpFreeContext(g.ctx);
    SnmpFreePdu(g.pdu);
    live = ows_alloc_live();
    /* Each of the 24 orders of freeing the four objects. */
    for (order = 0; order < 24; order++) {
        int pick[4] = { 0, 1, 2, 3 }, i, k = order;
        for (i = 0; i < 4; i++) {
            int j = i + k % (4 - i), t = pick[i];
            k /= 4 - i;
            pick[i] = pick[j];
            pick[j] = t;
        }
        queue_one(s);
        recv_one(s, &g);
        for (i = 0; i < 4; i++) {
            /* What is not freed yet still reads back right. */
            if (g.ctx) check_ctx(g.ctx);
            if (g.pdu) check_pdu(g.pdu);
            if (g.src) check_entity(g.src, "0.0.0.0");
            switch (pick[i]) {
            case 0: assert_int_equal(SnmpFreeEntity(g.src), SNMPAPI_SUCCESS); g.src = 0; break;
            case 1: assert_int_equal(SnmpFreeEntity(g.dst), SNMPAPI_SUCCESS); g.dst = 0; break;
            case 2: assert_int_equal(SnmpFreeContext(g.ctx), SNMPAPI_SUCCESS); g.ctx = 0; break;
            default: assert_int_equal(SnmpFreePdu(g.pdu), SNMPAPI_SUCCESS); g.pdu = 0; break;
            }
        }
        expect_live(live);
    }
    /* Only some outputs asked for: the others are never made. */
    queue_one(s);
    {
        HSNMP_PDU p = 0;
        assert_int_equal(SnmpRecvMsg(s, NULL, NULL, NULL, &p), SNMPAPI_SUCCESS);
        check_pdu(p);
        assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    }
    queue_one(s);
    assert_int_equal(SnmpRecvMsg(s, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    expect_live(live);
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    core_cleanup();
}

/* A received PDU edited (new list, changed varbind) and duplicated, then
 * freed before and after the rest; and objects still held at SnmpClose. */
static void test_objects_edited_and_closed(void **state)
{
    HSNMP_SESSION s;
    HSNMP_VBL vbl, vbl2;
    HSNMP_PDU dup;
    struct got g;
    smiOID name = { 9, name_ids };
    smiVALUE v;
    HSNMP_SESSION s2;
    long live;
    (void)state;

    core_startup();
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    queue_one(s);
    recv_one(s, &g);
    check_ctx(g.ctx);
    check_pdu(g.pdu);
    SnmpFreeEntity(g.src);
    SnmpFreeEntity(g.dst);
    SnmpFreeContext(g.ctx);
    SnmpFreePdu(g.pdu);
    live = ows_alloc_live();

    queue_one(s);
    recv_one(s, &g);
    assert_int_equal(SnmpGetPduData(g.pdu, NULL, NULL, NULL, NULL, &vbl), SNMPAPI_SUCCESS);
    v.syntax = SNMP_SYNTAX_INT;
    v.value.sNumber = 42;
    assert_int_equal(SnmpSetVb(vbl, 0, &name, &v), 2);
    assert_int_equal(SnmpSetPduData(g.pdu, NULL, NULL, NULL, NULL, &vbl), SNMPAPI_SUCCESS);
    dup = SnmpDuplicatePdu(s, g.pdu);
    assert_true(dup);
    assert_int_equal(SnmpFreeContext(g.ctx), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeEntity(g.src), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeEntity(g.dst), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetPduData(g.pdu, NULL, NULL, NULL, NULL, &vbl2), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCountVbl(vbl2), 2);
    assert_int_equal(SnmpFreePdu(g.pdu), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCountVbl(vbl2), 2);
    assert_int_equal(SnmpFreeVbl(vbl2), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetPduData(dup, NULL, NULL, NULL, NULL, &vbl), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCountVbl(vbl), 2);
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(dup), SNMPAPI_SUCCESS);
    expect_live(live);

    /* Objects still held, and an item never received, at SnmpClose. */
    s2 = SnmpCreateSession(NULL, 0, NULL, NULL);
    queue_one(s2);
    recv_one(s2, &g);
    assert_int_equal(SnmpFreeEntity(g.dst), SNMPAPI_SUCCESS);
    queue_one(s2);
    assert_int_equal(SnmpClose(s2), SNMPAPI_SUCCESS);
    expect_live(live);
    assert_int_equal(SnmpFreeContext(g.ctx), SNMPAPI_FAILURE);
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    core_cleanup();
}

/* A reply gives back the request's own entity and context, one more hold
 * each; if a handle cannot be made, SnmpRecvMsg fails and the holds go back.
 * A message whose handles can never be made (here: a sender address of no
 * known family) is dropped then, so that the messages behind it are still
 * received; one that found the process short of handles (allocation) waits
 * at the head of the queue for the next call. */
static void test_request_handles(void **state)
{
    smiOCTETS pub = { 6, (smiLPBYTE)"public" };
    HSNMP_SESSION s;
    HSNMP_ENTITY agent, src = 0, dst = 0;
    HSNMP_CONTEXT ctx, c = 0;
    HSNMP_PDU p = 0;
    struct got g, held[256];
    int n = 0, i;
    (void)state;

    core_startup();
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    agent = SnmpStrToEntity(s, "127.0.0.1:161");
    ctx = SnmpStrToContext(s, &pub);
    queue_reply(s, agent, ctx, NULL);
    recv_one(s, &g);
    assert_true(g.src == agent);
    assert_true(g.ctx == ctx);
    check_entity(g.dst, "0.0.0.0");
    assert_int_equal(SnmpFreeEntity(g.src), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeContext(g.ctx), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeEntity(g.dst), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(g.pdu), SNMPAPI_SUCCESS);
    check_entity(agent, "127.0.0.1");
    check_ctx(ctx);

    /* Permanent: dropped, and the next message comes out. The request's
     * destination entity is given back first, so this also proves that its
     * hold went back. */
    queue_item(s, 0, ctx, NULL, 99);
    queue_reply(s, 0, 0, NULL);
    assert_int_equal(SnmpRecvMsg(s, &src, &dst, &c, &p), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(s), SNMPAPI_ENTITY_UNKNOWN);
    /* The context's hold went back: one free deletes it. */
    assert_int_equal(SnmpFreeContext(ctx), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeContext(ctx), SNMPAPI_FAILURE);
    recv_one(s, &g);
    check_entity(g.src, "0.0.0.0");
    check_pdu(g.pdu);
    assert_int_equal(SnmpRecvMsg(s, &src, &dst, &c, &p), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(s), SNMPAPI_NOOP);

    /* Transient: every free handle is taken by received messages while the
     * handle table cannot grow (received objects allocate nothing), until
     * one finds none left. It fails with ALLOC_ERROR, gives its holds back
     * and stays first in the queue. */
    for (i = 0; i < 256; i++)
        queue_reply(s, agent, 0, NULL);
    ows_alloc_fail_after(0);
    while (n < 256 && SnmpRecvMsg(s, &held[n].src, &held[n].dst, &held[n].ctx, &held[n].pdu))
        n++;
    ows_alloc_fail_after(-1);
    assert_true(n > 0 && n < 256);
    assert_int_equal(SnmpGetLastError(s), SNMPAPI_ALLOC_ERROR);
    for (i = 0; i < n; i++) {
        SnmpFreeEntity(held[i].src);
        SnmpFreeEntity(held[i].dst);
        SnmpFreeContext(held[i].ctx);
        SnmpFreePdu(held[i].pdu);
    }
    for (i = n; i < 256; i++) {
        recv_one(s, &g);
        assert_true(g.src == agent);
        check_pdu(g.pdu);
        SnmpFreeEntity(g.src);
        SnmpFreeEntity(g.dst);
        SnmpFreeContext(g.ctx);
        SnmpFreePdu(g.pdu);
    }
    assert_int_equal(SnmpRecvMsg(s, &src, &dst, &c, &p), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(s), SNMPAPI_NOOP);
    /* Every hold went back: the last free deletes the entity. */
    assert_int_equal(SnmpFreeEntity(agent), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeEntity(agent), SNMPAPI_FAILURE);
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    core_cleanup();
}

/* A community longer than any a program would choose still becomes the
 * context SnmpRecvMsg hands out, byte for byte, and the messages behind it
 * are received: one datagram from anyone must not jam the queue. */
static void test_long_community(void **state)
{
    static uint8_t big[60000];
    static const uint32_t lens[] = { 1025, 2000, sizeof big };
    smiOCTETS com, o;
    HSNMP_SESSION s;
    struct got g;
    size_t k;
    (void)state;

    core_startup();
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    for (k = 0; k < sizeof big; k++)
        big[k] = (uint8_t)('a' + k % 26);
    for (k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        com.len = lens[k];
        com.ptr = big;
        queue_reply(s, 0, 0, &com);
        queue_one(s);
        recv_one(s, &g);
        assert_int_equal(SnmpContextToStr(g.ctx, &o), SNMPAPI_SUCCESS);
        assert_int_equal(o.len, lens[k]);
        assert_memory_equal(o.ptr, big, lens[k]);
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&o);
        check_pdu(g.pdu);
        SnmpFreeEntity(g.src);
        SnmpFreeEntity(g.dst);
        SnmpFreeContext(g.ctx);
        SnmpFreePdu(g.pdu);
        recv_one(s, &g);
        check_ctx(g.ctx);
        SnmpFreeEntity(g.src);
        SnmpFreeEntity(g.dst);
        SnmpFreeContext(g.ctx);
        SnmpFreePdu(g.pdu);
    }
    /* The same community is a context the application can make, too. */
    com.len = 2000;
    assert_true(SnmpStrToContext(s, &com));
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    core_cleanup();
}

/* An empty community is a legal one: SnmpRecvMsg hands out a context for it,
 * as SnmpDecodeMsg does, whose string is empty (and with NULL storage behind
 * the message's community, as the engine leaves it, nothing reads NULL). */
static void test_empty_community(void **state)
{
    smiOCTETS com = { 0, NULL }, o;
    HSNMP_SESSION s;
    struct got g;
    (void)state;

    core_startup();
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    queue_reply(s, 0, 0, &com);
    recv_one(s, &g);
    o.len = 99;
    o.ptr = NULL;
    assert_int_equal(SnmpContextToStr(g.ctx, &o), SNMPAPI_SUCCESS);
    assert_int_equal(o.len, 0);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&o);
    check_pdu(g.pdu);
    SnmpFreeEntity(g.src);
    SnmpFreeEntity(g.dst);
    assert_int_equal(SnmpFreeContext(g.ctx), SNMPAPI_SUCCESS);
    SnmpFreePdu(g.pdu);
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    core_cleanup();
}

/* The engine's recycled blocks: LIFO, at most OWS_SPARES_MAX kept (more
 * are freed at once), all freed by draining. */
static void test_spares(void **state)
{
    struct ows_spares sp = { NULL, 0 };
    void *b[OWS_SPARES_MAX + 3];
    long live = ows_alloc_live();
    uint32_t i;
    (void)state;

    assert_null(ows_spares_take(&sp));
    ows_spares_give(&sp, NULL);
    assert_int_equal(sp.n, 0);
    for (i = 0; i < OWS_SPARES_MAX + 3; i++) {
        b[i] = ows_malloc(64);
        assert_non_null(b[i]);
    }
    for (i = 0; i < OWS_SPARES_MAX + 3; i++)
        ows_spares_give(&sp, b[i]);
    assert_int_equal(sp.n, OWS_SPARES_MAX);
    expect_live(live + (long)OWS_SPARES_MAX);
    assert_ptr_equal(ows_spares_take(&sp), b[OWS_SPARES_MAX - 1]);
    assert_ptr_equal(ows_spares_take(&sp), b[OWS_SPARES_MAX - 2]);
    ows_free(b[OWS_SPARES_MAX - 1]);
    ows_free(b[OWS_SPARES_MAX - 2]);
    ows_spares_drain(&sp);
    assert_int_equal(sp.n, 0);
    assert_null(sp.head);
    expect_live(live);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spares),
        cmocka_unit_test(test_decode_head),
        cmocka_unit_test(test_decode_into_block),
        cmocka_unit_test(test_objects_every_order),
        cmocka_unit_test(test_objects_edited_and_closed),
        cmocka_unit_test(test_request_handles),
        cmocka_unit_test(test_long_community),
        cmocka_unit_test(test_empty_community),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
