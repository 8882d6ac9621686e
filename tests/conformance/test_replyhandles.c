/*
 * test_replyhandles.c - conformance: the handles SnmpRecvMsg returns for a
 * reply, the way real programs use them (issue 9).
 *
 * A C++ WinSNMP wrapper written for Microsoft's DLL matches each reply to
 * its agent object by the context handle SnmpRecvMsg returns: the reply to
 * an outstanding request comes back with the request's own destination
 * entity (as its source), source entity and context. The application may
 * free what SnmpRecvMsg gave it, as the documentation recommends, and still
 * use its own handles, or never free them. `wrapper_matches_by_context`
 * is that wrapper in miniature: 10 agent objects (two agent ports, five
 * objects each, one community), 10 requests per round, every reply must
 * find its object, in a round that frees what SnmpRecvMsg returns and one
 * that does not.
 *
 * The agent is a second session in the same process (SnmpListen), answering
 * from its callback. Ports: OWS_CONF_REPLY_PORT and the next two
 * (CMakeLists.txt: the build's OWS_WIRE_PORT + 25); without it, 16186.
 * Every wait is bounded.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define N_AGENTS 10

static unsigned port_base(void)
{
    const char *p = getenv("OWS_CONF_REPLY_PORT");
    unsigned v = p ? (unsigned)strtoul(p, NULL, 10) : 0u;
    return v ? v : 16186u;
}

static HSNMP_ENTITY entity_at(HSNMP_SESSION s, unsigned port)
{
    char text[32];
    snprintf(text, sizeof text, "127.0.0.1:%u", port);
    return (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, text));
}

static HSNMP_CONTEXT public_context(HSNMP_SESSION s)
{
    smiOCTETS o;
    o.len = 6;
    o.ptr = (smiLPBYTE)"public";
    return (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &o));
}

/* ---- the agent: answers every GET from its callback ---------------------- */

static long answered, not_fresh;
static HSNMP_ENTITY listening[2];

static SNMPAPI_STATUS CALLBACK agent_callback(HSNMP_SESSION a, HWND w, UINT m, WPARAM wp,
                                              LPARAM lp, LPVOID data)
{
    HSNMP_ENTITY src = NULL, dst = NULL;
    HSNMP_CONTEXT ctx = NULL;
    HSNMP_PDU pdu = NULL, resp;
    HSNMP_VBL vbl = NULL;
    smiINT type = 0, es = 0, ei = 0;
    smiINT32 rid = 0;
    (void)w; (void)m; (void)wp; (void)lp; (void)data;
    if (SnmpRecvMsg(a, &src, &dst, &ctx, &pdu) != SNMPAPI_SUCCESS)
        return SNMPAPI_SUCCESS;
    /* A request to an agent answers nothing it asked: fresh handles, not
     * the listening entity's. */
    if (dst == listening[0] || dst == listening[1])
        __atomic_add_fetch(&not_fresh, 1, __ATOMIC_SEQ_CST);
    if (SnmpGetPduData(pdu, &type, &rid, &es, &ei, &vbl) == SNMPAPI_SUCCESS &&
        type == SNMP_PDU_GET) {
        /* The answer goes out from the address that was asked (dst). */
        resp = SnmpCreatePdu(a, SNMP_PDU_RESPONSE, rid, 0, 0, vbl);
        if (resp && SnmpSendMsg(a, dst, src, ctx, resp) == SNMPAPI_SUCCESS)
            __atomic_add_fetch(&answered, 1, __ATOMIC_SEQ_CST);
        SnmpFreePdu(resp);
    }
    SnmpFreeVbl(vbl);
    SnmpFreePdu(pdu);
    SnmpFreeContext(ctx);
    SnmpFreeEntity(dst);
    SnmpFreeEntity(src);
    return SNMPAPI_SUCCESS;
}

/* An agent session listening on the two agent ports. */
static HSNMP_SESSION start_agent(void)
{
    HSNMP_SESSION a = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, agent_callback, NULL));
    listening[0] = entity_at(a, port_base());
    listening[1] = entity_at(a, port_base() + 1);
    EXPECT_RET(SnmpListen(listening[0], SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpListen(listening[1], SNMPAPI_ON), SNMPAPI_SUCCESS);
    return a;
}

/* ---- the wrapper ---------------------------------------------------------- */

struct agent_obj {
    HSNMP_ENTITY entity;     /* its own, from SnmpStrToEntity */
    HSNMP_CONTEXT context;   /* its own, from SnmpStrToContext */
    smiINT32 request_id;     /* of the outstanding GET, 0 when answered */
    int matched;
};

/* A GET of sysDescr.0 (request id 0: the library picks one). */
static HSNMP_PDU make_get(HSNMP_SESSION s)
{
    smiUINT32 ids[9];
    smiOID name = conf_oid(ids, 9, "1.3.6.1.2.1.1.1.0");
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, NULL));
    HSNMP_PDU p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, v));
    EXPECT_OK(SnmpFreeVbl(v));
    return p;
}

static void send_get(HSNMP_SESSION m, struct agent_obj *o)
{
    HSNMP_PDU p = make_get(m);
    smiINT type, es, ei;
    EXPECT_RET(SnmpSendMsg(m, NULL, o->entity, o->context, p), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpGetPduData(p, &type, &o->request_id, &es, &ei, NULL), SNMPAPI_SUCCESS);
    assert_int_not_equal(o->request_id, 0);
    o->matched = 0;
    EXPECT_OK(SnmpFreePdu(p));
}

/* Receives until every object has its reply (at most 10 s); each reply is
 * matched by the context handle alone, as the wrapper does. free_handles:
 * free the entities and context SnmpRecvMsg returned, or keep them. */
static int receive_round(HSNMP_SESSION m, struct agent_obj *objs, int free_handles)
{
    int got = 0, t, i;
    for (t = 0; t < 1000 && got < N_AGENTS; t++) {
        HSNMP_ENTITY src = NULL, dst = NULL;
        HSNMP_CONTEXT ctx = NULL;
        HSNMP_PDU pdu = NULL;
        smiINT type = 0, es = -1, ei = -1;
        smiINT32 rid = 0;
        struct agent_obj *o = NULL;
        if (SnmpRecvMsg(m, &src, &dst, &ctx, &pdu) != SNMPAPI_SUCCESS) {
            assert_int_equal(SnmpGetLastError(m), SNMPAPI_NOOP);
            conf_sleep_ms(10);
            continue;
        }
        for (i = 0; i < N_AGENTS; i++)
            if (objs[i].context == ctx)
                o = &objs[i];
        assert_non_null(o);          /* found by its context handle */
        assert_false(o->matched);
        EXPECT_RET(SnmpGetPduData(pdu, &type, &rid, &es, &ei, NULL), SNMPAPI_SUCCESS);
        assert_int_equal(type, SNMP_PDU_RESPONSE);
        assert_int_equal(rid, o->request_id);
        assert_true(src == o->entity);   /* the request's destination */
        assert_non_null(dst);            /* the request named no source: made */
        o->matched = 1;
        got++;
        EXPECT_OK(SnmpFreePdu(pdu));
        if (free_handles) {
            EXPECT_OK(SnmpFreeEntity(src));
            EXPECT_OK(SnmpFreeEntity(dst));
            EXPECT_OK(SnmpFreeContext(ctx));
        }
    }
    return got;
}

static void wrapper_matches_by_context(void **state)
{
    struct agent_obj objs[N_AGENTS];
    HSNMP_SESSION m, a;
    char text[64];
    int i;
    (void)state;
    a = start_agent();
    /* The wrapper's session: polled, no window, no callback. */
    m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, NULL, NULL));
    for (i = 0; i < N_AGENTS; i++) {
        objs[i].entity = entity_at(m, port_base() + (unsigned)(i & 1));
        objs[i].context = public_context(m);
    }

    /* Round 1: the application frees what SnmpRecvMsg gave it. */
    for (i = 0; i < N_AGENTS; i++)
        send_get(m, &objs[i]);
    assert_int_equal(receive_round(m, objs, 1), N_AGENTS);
    /* ... and its own handles still work: round 2 uses them again and
     * keeps what SnmpRecvMsg gives. */
    for (i = 0; i < N_AGENTS; i++) {
        assert_true(SnmpEntityToStr(objs[i].entity, sizeof text, text) > 0);
        assert_string_equal(text, "127.0.0.1");
        send_get(m, &objs[i]);
    }
    assert_int_equal(receive_round(m, objs, 0), N_AGENTS);
    /* Kept, the returned handles are the objects' own: one free each from
     * the application's side leaves them usable until SnmpClose. */
    for (i = 0; i < N_AGENTS; i++) {
        EXPECT_OK(SnmpFreeContext(objs[i].context));
        EXPECT_OK(SnmpFreeEntity(objs[i].entity));
        assert_true(SnmpEntityToStr(objs[i].entity, sizeof text, text) > 0);
    }
    assert_true(__atomic_load_n(&answered, __ATOMIC_SEQ_CST) >= 2 * N_AGENTS);
    assert_int_equal(__atomic_load_n(&not_fresh, __ATOMIC_SEQ_CST), 0);
    EXPECT_OK(SnmpClose(m));
    EXPECT_OK(SnmpClose(a));
}

/* One request and what SnmpRecvMsg returns for it: a polled manager
 * session with one agent object, and an agent (none on the silent port). */
struct exchange {
    HSNMP_SESSION m, a;
    struct agent_obj o;
    HSNMP_ENTITY src, dst;
    HSNMP_CONTEXT ctx;
    HSNMP_PDU pdu;
};

static void exchange_open(struct exchange *x, unsigned port)
{
    memset(x, 0, sizeof *x);
    x->a = port == port_base() + 2 ? NULL : start_agent();
    x->m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, NULL, NULL));
    x->o.entity = entity_at(x->m, port);
    x->o.context = public_context(x->m);
}

/* SnmpRecvMsg, polled until something (a reply or a transport error report)
 * is there, at most 10 s. */
static SNMPAPI_STATUS exchange_recv(struct exchange *x)
{
    SNMPAPI_STATUS r = SNMPAPI_FAILURE;
    int t;
    for (t = 0; t < 1000; t++) {
        r = SnmpRecvMsg(x->m, &x->src, &x->dst, &x->ctx, &x->pdu);
        if (r == SNMPAPI_SUCCESS || SnmpGetLastError(x->m) != SNMPAPI_NOOP)
            break;
        conf_sleep_ms(10);
    }
    return r;
}

static void exchange_close(struct exchange *x)
{
    EXPECT_OK(SnmpClose(x->m));
    if (x->a)
        EXPECT_OK(SnmpClose(x->a));
}

/* Each SnmpRecvMsg hand-out of the request's handle is one more reference:
 * freed once by the application and once for the reply, the handle is gone
 * (a third free is ENTITY_INVALID / CONTEXT_INVALID, not a double free). */
static void reply_handles_are_counted(void **state)
{
    struct exchange x;
    (void)state;
    exchange_open(&x, port_base());
    send_get(x.m, &x.o);
    assert_int_equal(exchange_recv(&x), SNMPAPI_SUCCESS);
    assert_true(x.src == x.o.entity);
    assert_true(x.ctx == x.o.context);
    /* The application frees its own handles first: the reply's still work. */
    EXPECT_OK(SnmpFreeEntity(x.o.entity));
    EXPECT_OK(SnmpFreeContext(x.o.context));
    assert_int_equal(SnmpSetTimeout(x.src, 200), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpFreeEntity(x.src));
    EXPECT_OK(SnmpFreeContext(x.ctx));
    EXPECT_FAIL(SnmpFreeEntity(x.src), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpFreeContext(x.ctx), SNMPAPI_CONTEXT_INVALID);
    EXPECT_OK(SnmpFreeEntity(x.dst));
    EXPECT_OK(SnmpFreePdu(x.pdu));
    exchange_close(&x);
}

/* A request whose handles the application freed before the reply came gets
 * fresh, working handles with its reply. */
static void reply_after_request_handles_freed(void **state)
{
    struct exchange x;
    smiOCTETS text;
    (void)state;
    exchange_open(&x, port_base());
    send_get(x.m, &x.o);
    EXPECT_OK(SnmpFreeEntity(x.o.entity));
    EXPECT_OK(SnmpFreeContext(x.o.context));
    assert_int_equal(exchange_recv(&x), SNMPAPI_SUCCESS);
    assert_non_null(x.src);
    assert_non_null(x.ctx);
    EXPECT_RET(SnmpContextToStr(x.ctx, &text), SNMPAPI_SUCCESS);
    assert_int_equal(text.len, 6);
    assert_memory_equal(text.ptr, "public", 6);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &text));
    EXPECT_OK(SnmpFreeEntity(x.src));
    EXPECT_OK(SnmpFreeEntity(x.dst));
    EXPECT_OK(SnmpFreeContext(x.ctx));
    EXPECT_OK(SnmpFreePdu(x.pdu));
    exchange_close(&x);
}

/* The TL_TIMEOUT report of a request carries the request's handles too, so
 * the wrapper finds the agent object whose request timed out. */
static void timeout_report_gives_request_handles(void **state)
{
    struct exchange x;
    (void)state;
    exchange_open(&x, port_base() + 2);   /* nobody answers there */
    EXPECT_OK(SnmpSetTimeout(x.o.entity, 5));
    EXPECT_OK(SnmpSetRetry(x.o.entity, 1));
    send_get(x.m, &x.o);
    assert_int_equal(exchange_recv(&x), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(x.m), SNMPAPI_TL_TIMEOUT);
    assert_true(x.src == x.o.entity);
    assert_true(x.ctx == x.o.context);
    EXPECT_OK(SnmpFreeEntity(x.src));
    EXPECT_OK(SnmpFreeContext(x.ctx));
    if (x.dst)
        EXPECT_OK(SnmpFreeEntity(x.dst));
    if (x.pdu)
        EXPECT_OK(SnmpFreePdu(x.pdu));
    /* The objects' own handles are still there. */
    assert_int_equal(SnmpSetTimeout(x.o.entity, 100), SNMPAPI_SUCCESS);
    exchange_close(&x);
}

/* What a program can rely on whatever the implementation does with two
 * SnmpStrToEntity/SnmpStrToContext calls of one name in one session: each
 * call's handle works until that call's handle is freed once. */
static void identical_names_each_call_owns_a_handle(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e1 = entity_at(s, 161), e2 = entity_at(s, 161);
    HSNMP_CONTEXT c1 = public_context(s), c2 = public_context(s);
    char text[64];
    smiOCTETS o;
    EXPECT_OK(SnmpFreeEntity(e1));
    assert_true(SnmpEntityToStr(e2, sizeof text, text) > 0);
    assert_string_equal(text, "127.0.0.1");
    EXPECT_OK(SnmpFreeEntity(e2));
    EXPECT_OK(SnmpFreeContext(c1));
    EXPECT_RET(SnmpContextToStr(c2, &o), SNMPAPI_SUCCESS);
    assert_int_equal(o.len, 6);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &o));
    EXPECT_OK(SnmpFreeContext(c2));
}

/* OpenWinSNMP's decision (README, Decisions): every call makes a handle of
 * its own, so per-handle settings stay apart and a handle freed is gone. */
static void identical_names_distinct_handles_owsdecision(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e1 = entity_at(s, 161), e2 = entity_at(s, 161);
    HSNMP_CONTEXT c1 = public_context(s), c2 = public_context(s);
    smiTIMETICKS def = 0, got = 0, actual = 0;
    smiUINT32 retry = 0, actual_retry = 0;
    assert_true(e1 != e2);
    assert_true(c1 != c2);
    EXPECT_OK(SnmpGetTimeout(e2, &def, &actual));
    EXPECT_OK(SnmpSetTimeout(e1, def + 300));
    EXPECT_OK(SnmpSetRetry(e1, 7));
    EXPECT_OK(SnmpGetTimeout(e2, &got, &actual));
    assert_int_equal(got, def);
    EXPECT_OK(SnmpGetRetry(e2, &retry, &actual_retry));
    assert_int_not_equal(retry, 7);
    EXPECT_OK(SnmpFreeEntity(e1));
    EXPECT_FAIL(SnmpFreeEntity(e1), SNMPAPI_ENTITY_INVALID);
    EXPECT_OK(SnmpFreeContext(c1));
    EXPECT_FAIL(SnmpFreeContext(c1), SNMPAPI_CONTEXT_INVALID);
    EXPECT_OK(SnmpFreeEntity(e2));
    EXPECT_OK(SnmpFreeContext(c2));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(wrapper_matches_by_context),
        CONF_TEST(reply_handles_are_counted),
        CONF_TEST(reply_after_request_handles_freed),
        CONF_TEST(timeout_report_gives_request_handles),
        CONF_TEST(identical_names_each_call_owns_a_handle),
        CONF_TEST(identical_names_distinct_handles_owsdecision),
    };
    return CONF_RUN("replyhandles", tests);
}
