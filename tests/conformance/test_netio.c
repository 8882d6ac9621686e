/*
 * test_netio.c - conformance: the network exports doing real work on
 * loopback, both sides in-process and through the public API only (a
 * listening entity of a second session is the peer; no raw sockets).
 *
 * What Microsoft's pages document and test_network.c (argument checks) does
 * not reach: a request answered by an agent, the TL_TIMEOUT notification and
 * SnmpRecvMsg filling its outputs on a transport error, retransmission and
 * its OFF mode, SnmpCancelMsg, SnmpListen's NOOP / MODE_INVALID / port
 * release, SnmpSendMsg's OPERATION_INVALID for an INFORM to an SNMPv1 entity,
 * SnmpRegister's prefix matching.
 *
 * Ports: OWS_CONF_NET_PORT and the next 17 (UDP, loopback); CMakeLists.txt
 * sets it to the build's OWS_WIRE_PORT + 30; without it, 16191. Every wait is
 * bounded. Tests whose name ends in _KNOWN_DEVIATION show a difference from
 * the documentation and skip() with the reason while the library has it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"


static unsigned port_base(void)
{
    const char *p = getenv("OWS_CONF_NET_PORT");
    unsigned v = p ? (unsigned)strtoul(p, NULL, 10) : 0u;
    return v ? v : 16191u;
}

/* ---- notification recorder ---------------------------------------------- */

/* Written by the library's notification thread, read by the test thread:
 * GCC/Clang atomics (both toolchains of the project have them). */
struct rec {
    long n_ok;          /* wParam == 0: something queued */
    long n_err;         /* wParam != 0 */
    long last_wparam;
    long last_lparam;
};

static SNMPAPI_STATUS CALLBACK rec_callback(HSNMP_SESSION s, HWND w, UINT m, WPARAM wp,
                                            LPARAM lp, LPVOID data)
{
    struct rec *r = (struct rec *)data;
    (void)s; (void)w; (void)m;
    if (wp == 0) {
        __atomic_add_fetch(&r->n_ok, 1, __ATOMIC_SEQ_CST);
    } else {
        __atomic_store_n(&r->last_lparam, (long)lp, __ATOMIC_SEQ_CST);
        __atomic_store_n(&r->last_wparam, (long)wp, __ATOMIC_SEQ_CST);
        __atomic_add_fetch(&r->n_err, 1, __ATOMIC_SEQ_CST);
    }
    return SNMPAPI_SUCCESS;
}

static long rec_get(long *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }

/* Waits (bounded) until *p >= want. */
static int wait_count(long *p, long want, unsigned max_ms)
{
    unsigned t;
    for (t = 0; t < max_ms; t += 10) {
        if (rec_get(p) >= want)
            return 1;
        conf_sleep_ms(10);
    }
    return rec_get(p) >= want;
}

/* ---- builders ------------------------------------------------------------ */

static HSNMP_ENTITY entity_at(HSNMP_SESSION s, unsigned port)
{
    HSNMP_ENTITY e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    EXPECT_RET(SnmpSetPort(e, port), SNMPAPI_SUCCESS);
    return e;
}

static HSNMP_CONTEXT community(HSNMP_SESSION s, const char *c)
{
    smiOCTETS o;
    o.len = (smiUINT32)strlen(c);
    o.ptr = (smiLPBYTE)c;
    return (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &o));
}

/* An entity at `port` with its retransmission policy: timeout in
 * centiseconds, retry count. */
static HSNMP_ENTITY entity_with_policy(HSNMP_SESSION s, unsigned port, smiTIMETICKS timeout,
                                       smiUINT32 retry)
{
    HSNMP_ENTITY e = entity_at(s, port);
    EXPECT_OK(SnmpSetTimeout(e, timeout));
    EXPECT_OK(SnmpSetRetry(e, retry));
    return e;
}

/* The agent side: an entity at `port` that session `a` listens on. */
static HSNMP_ENTITY listening_entity(HSNMP_SESSION a, unsigned port)
{
    HSNMP_ENTITY e = entity_at(a, port);
    EXPECT_RET(SnmpListen(e, SNMPAPI_ON), SNMPAPI_SUCCESS);
    return e;
}

/* A manager and an agent session, each with its cleared recorder. */
static void open_pair(struct rec *mrec, struct rec *arec, HSNMP_SESSION *m, HSNMP_SESSION *a)
{
    memset(mrec, 0, sizeof *mrec);
    memset(arec, 0, sizeof *arec);
    *m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, mrec));
    *a = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, arec));
}

/* A GET (or other type) for sysDescr.0 with request id `id`. */
static HSNMP_PDU make_pdu(HSNMP_SESSION s, smiINT type, smiINT32 id)
{
    smiUINT32 ids[9];
    smiOID name = conf_oid(ids, 9, "1.3.6.1.2.1.1.1.0");
    smiVALUE null_value;
    HSNMP_VBL v;
    HSNMP_PDU p;
    memset(&null_value, 0, sizeof null_value);
    null_value.syntax = SNMP_SYNTAX_NULL;
    v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, &null_value));
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, type, id, 0, 0, v));
    EXPECT_OK(SnmpFreeVbl(v));
    return p;
}

/* Polls SnmpRecvMsg until a message arrives (bounded). */
static SNMPAPI_STATUS recv_wait(HSNMP_SESSION s, HSNMP_ENTITY *src, HSNMP_ENTITY *dst,
                                HSNMP_CONTEXT *ctx, HSNMP_PDU *pdu, unsigned max_ms)
{
    unsigned t;
    SNMPAPI_STATUS r = SNMPAPI_FAILURE;
    for (t = 0; t < max_ms; t += 10) {
        r = SnmpRecvMsg(s, src, dst, ctx, pdu);
        if (r != SNMPAPI_FAILURE || SnmpGetLastError(s) != SNMPAPI_NOOP)
            return r;
        conf_sleep_ms(10);
    }
    return r;
}

static void free_msg(HSNMP_ENTITY src, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx, HSNMP_PDU pdu)
{
    if (src) SnmpFreeEntity(src);
    if (dst) SnmpFreeEntity(dst);
    if (ctx) SnmpFreeContext(ctx);
    if (pdu) SnmpFreePdu(pdu);
}

/* Drains an agent session: counts the requests with request id `id`. */
static long drain_count(HSNMP_SESSION agent, smiINT32 id, smiINT want_type)
{
    long n = 0;
    HSNMP_ENTITY src, dst;
    HSNMP_CONTEXT ctx;
    HSNMP_PDU pdu;
    for (;;) {
        smiINT type = 0, es = 0, ei = 0;
        smiINT32 rid = 0;
        src = dst = NULL; ctx = NULL; pdu = NULL;
        if (SnmpRecvMsg(agent, &src, &dst, &ctx, &pdu) != SNMPAPI_SUCCESS)
            break;
        if (pdu && SnmpGetPduData(pdu, &type, &rid, &es, &ei, NULL) == SNMPAPI_SUCCESS &&
            rid == id && type == want_type)
            n++;
        free_msg(src, dst, ctx, pdu);
    }
    return n;
}

/* ---- tests --------------------------------------------------------------- */

/* SnmpSendMsg -> an agent (SnmpListen) -> SnmpRecvMsg on the agent side ->
 * SnmpSendMsg(RESPONSE) with source and destination swapped -> SnmpRecvMsg
 * on the manager side, with a wParam == 0 notification for each. */
static void request_response_loopback(void **state)
{
    static struct rec mrec, arec;
    unsigned port = port_base();
    HSNMP_SESSION m, a;
    HSNMP_ENTITY agent_e, dst_e, src = NULL, dst = NULL;
    HSNMP_CONTEXT ctx = NULL, c;
    HSNMP_PDU req, pdu = NULL, resp;
    HSNMP_VBL vbl = NULL;
    smiINT type = 0, es = -1, ei = -1;
    smiINT32 rid = 0;
    smiOCTETS text;
    smiVALUE val;
    smiOID name;
    char buf[64];
    (void)state;
    open_pair(&mrec, &arec, &m, &a);
    agent_e = listening_entity(a, port);

    dst_e = entity_at(m, port);
    c = community(m, "public");
    req = make_pdu(m, SNMP_PDU_GET, 4242);
    EXPECT_RET(SnmpSendMsg(m, NULL, dst_e, c, req), SNMPAPI_SUCCESS);

    /* Agent side: the request, its sender and its community. */
    assert_true(wait_count(&arec.n_ok, 1, 5000));
    assert_int_equal(recv_wait(a, &src, &dst, &ctx, &pdu, 5000), SNMPAPI_SUCCESS);
    assert_non_null(src);
    assert_non_null(pdu);
    EXPECT_RET(SnmpGetPduData(pdu, &type, &rid, &es, &ei, &vbl), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_GET);
    assert_int_equal(rid, 4242);
    assert_int_equal(es, 0);
    assert_int_equal(ei, 0);
    assert_true(SnmpEntityToStr(src, sizeof buf, buf) > 0);
    assert_string_equal(buf, "127.0.0.1");
    assert_non_null(ctx);
    EXPECT_RET(SnmpContextToStr(ctx, &text), SNMPAPI_SUCCESS);
    assert_int_equal(text.len, 6);
    assert_memory_equal(text.ptr, "public", 6);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &text));

    /* The answer: sysDescr.0 = "hello". */
    memset(&val, 0, sizeof val);
    val.syntax = SNMP_SYNTAX_OCTETS;
    val.value.string.len = 5;
    val.value.string.ptr = (smiLPBYTE)"hello";
    EXPECT_RET(SnmpSetVb(vbl, 1, NULL, &val), 1);
    resp = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(a, SNMP_PDU_RESPONSE, 4242, 0, 0, vbl));
    EXPECT_RET(SnmpSendMsg(a, agent_e, src, ctx, resp), SNMPAPI_SUCCESS);
    free_msg(src, dst, ctx, pdu);
    SnmpFreeVbl(vbl);
    SnmpFreePdu(resp);

    /* Manager side. */
    src = dst = NULL; ctx = NULL; pdu = NULL; vbl = NULL;
    assert_true(wait_count(&mrec.n_ok, 1, 5000));
    assert_int_equal(recv_wait(m, &src, &dst, &ctx, &pdu, 5000), SNMPAPI_SUCCESS);
    assert_non_null(pdu);
    EXPECT_RET(SnmpGetPduData(pdu, &type, &rid, &es, &ei, &vbl), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_RESPONSE);
    assert_int_equal(rid, 4242);
    EXPECT_RET(SnmpGetVb(vbl, 1, &name, &val), SNMPAPI_SUCCESS);
    assert_int_equal(val.syntax, SNMP_SYNTAX_OCTETS);
    assert_int_equal(val.value.string.len, 5);
    assert_memory_equal(val.value.string.ptr, "hello", 5);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &val.value.string);
    /* The source of the response is the agent's address. */
    assert_non_null(src);
    assert_true(SnmpEntityToStr(src, sizeof buf, buf) > 0);
    assert_string_equal(buf, "127.0.0.1");
    assert_int_equal(rec_get(&mrec.n_err), 0);
    free_msg(src, dst, ctx, pdu);
    SnmpFreeVbl(vbl);
    /* Answered: the request is no longer outstanding (SnmpCancelMsg). */
    EXPECT_FAIL_S(m, SnmpCancelMsg(m, 4242), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpClose(a));
    EXPECT_OK(SnmpClose(m));
}

/* Spec 3 / SnmpRecvMsg page: a request whose retries are spent is notified
 * with wParam = SNMPAPI_TL_TIMEOUT, lParam = request id; SnmpRecvMsg then
 * fails with the TL_ code "and the output parameters also contain the
 * values ... to enable the WinSNMP application to recover gracefully". */
static void timeout_notified_and_recv_fills_outputs(void **state)
{
    static struct rec mrec;
    unsigned port = port_base() + 1;   /* nobody listens here */
    HSNMP_SESSION m;
    HSNMP_ENTITY e, src = NULL, dst = NULL;
    HSNMP_CONTEXT c, ctx = NULL;
    HSNMP_PDU req, pdu = NULL;
    smiINT type = 0;
    smiINT32 rid = 0;
    (void)state;
    memset(&mrec, 0, sizeof mrec);
    m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, &mrec));
    e = entity_with_policy(m, port, 10, 1);
    c = community(m, "public");
    req = make_pdu(m, SNMP_PDU_GET, 5151);
    EXPECT_RET(SnmpSendMsg(m, NULL, e, c, req), SNMPAPI_SUCCESS);
    assert_true(wait_count(&mrec.n_err, 1, 5000));
    assert_int_equal(rec_get(&mrec.last_wparam), SNMPAPI_TL_TIMEOUT);
    assert_int_equal(rec_get(&mrec.last_lparam), 5151);

    EXPECT_FAIL_S(m, SnmpRecvMsg(m, &src, &dst, &ctx, &pdu), SNMPAPI_TL_TIMEOUT);
    assert_non_null(pdu);
    EXPECT_RET(SnmpGetPduData(pdu, &type, &rid, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(rid, 5151);
    assert_int_equal(type, SNMP_PDU_GET);
    free_msg(src, dst, ctx, pdu);
    /* Reported once: the queue is empty again and the id is not outstanding. */
    EXPECT_FAIL_S(m, SnmpRecvMsg(m, &src, &dst, &ctx, &pdu), SNMPAPI_NOOP);
    EXPECT_FAIL_S(m, SnmpCancelMsg(m, 5151), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpClose(m));
}

/* Retransmissions carry the same request id; retries = n gives n + 1
 * transmissions (SnmpSetRetry, "Managing the Retransmission Policy"). */
static void retransmissions_reuse_request_id(void **state)
{
    static struct rec mrec, arec;
    unsigned port = port_base() + 2;
    HSNMP_SESSION m, a;
    HSNMP_ENTITY e;
    HSNMP_CONTEXT c;
    HSNMP_PDU req;
    (void)state;
    open_pair(&mrec, &arec, &m, &a);
    listening_entity(a, port);
    e = entity_with_policy(m, port, 10, 2);
    c = community(m, "public");
    req = make_pdu(m, SNMP_PDU_GET, 6161);
    EXPECT_RET(SnmpSendMsg(m, NULL, e, c, req), SNMPAPI_SUCCESS);
    /* The agent never answers: the manager is told of the timeout. */
    assert_true(wait_count(&mrec.n_err, 1, 5000));
    assert_int_equal(rec_get(&mrec.last_wparam), SNMPAPI_TL_TIMEOUT);
    assert_int_equal(rec_get(&mrec.last_lparam), 6161);
    conf_sleep_ms(100);
    assert_int_equal(drain_count(a, 6161, SNMP_PDU_GET), 3);
    EXPECT_OK(SnmpClose(a));
    EXPECT_OK(SnmpClose(m));
}

/* SnmpSetRetransmitMode(SNMPAPI_OFF): a request goes out once, whatever the
 * retry count; the timeout is still reported. */
static void retransmit_off_sends_once(void **state)
{
    static struct rec mrec, arec;
    unsigned port = port_base() + 3;
    HSNMP_SESSION m, a;
    HSNMP_ENTITY e;
    HSNMP_CONTEXT c;
    HSNMP_PDU req;
    smiUINT32 mode = 7;
    (void)state;
    EXPECT_RET(SnmpSetRetransmitMode(SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpGetRetransmitMode(&mode), SNMPAPI_SUCCESS);
    assert_int_equal(mode, SNMPAPI_OFF);
    open_pair(&mrec, &arec, &m, &a);
    listening_entity(a, port);
    e = entity_with_policy(m, port, 10, 3);
    c = community(m, "public");
    req = make_pdu(m, SNMP_PDU_GET, 7171);
    EXPECT_RET(SnmpSendMsg(m, NULL, e, c, req), SNMPAPI_SUCCESS);
    assert_true(wait_count(&mrec.n_err, 1, 5000));
    assert_int_equal(rec_get(&mrec.last_wparam), SNMPAPI_TL_TIMEOUT);
    conf_sleep_ms(100);
    assert_int_equal(drain_count(a, 7171, SNMP_PDU_GET), 1);
    EXPECT_OK(SnmpClose(a));
    EXPECT_OK(SnmpClose(m));
    EXPECT_OK(SnmpSetRetransmitMode(SNMPAPI_ON));
}

/* SnmpCancelMsg: "cancel retransmission attempts and time-out notifications"
 * for an outstanding request; afterwards the id is unknown (PDU_INVALID). */
static void cancel_stops_retransmission_and_timeout(void **state)
{
    static struct rec mrec, arec;
    unsigned port = port_base() + 4;
    HSNMP_SESSION m, a;
    HSNMP_ENTITY e, src = NULL, dst = NULL;
    HSNMP_CONTEXT c, ctx = NULL;
    HSNMP_PDU req, pdu = NULL;
    long before;
    (void)state;
    open_pair(&mrec, &arec, &m, &a);
    listening_entity(a, port);
    e = entity_with_policy(m, port, 30, 3);
    c = community(m, "public");
    req = make_pdu(m, SNMP_PDU_GET, 8181);
    EXPECT_RET(SnmpSendMsg(m, NULL, e, c, req), SNMPAPI_SUCCESS);
    assert_true(wait_count(&arec.n_ok, 1, 5000));
    EXPECT_RET(SnmpCancelMsg(m, 8181), SNMPAPI_SUCCESS);
    before = drain_count(a, 8181, SNMP_PDU_GET);
    assert_true(before >= 1 && before <= 2);
    /* Longer than timeout * (retries + 1): nothing more goes out, no
     * timeout is reported, nothing is queued for the manager. */
    conf_sleep_ms(1500);
    assert_int_equal(drain_count(a, 8181, SNMP_PDU_GET), 0);
    assert_int_equal(rec_get(&mrec.n_err), 0);
    EXPECT_FAIL_S(m, SnmpRecvMsg(m, &src, &dst, &ctx, &pdu), SNMPAPI_NOOP);
    EXPECT_FAIL_S(m, SnmpCancelMsg(m, 8181), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpClose(a));
    EXPECT_OK(SnmpClose(m));
}

/* SnmpListen: NOOP when the entity already acts as an agent; MODE_INVALID
 * for an lStatus other than ON/OFF; OFF "releases ... the port assigned it",
 * so another entity can listen there at once. */
static void listen_noop_mode_and_release(void **state)
{
    HSNMP_SESSION s = FX(state);
    unsigned port = port_base() + 5;
    HSNMP_ENTITY e1 = entity_at(s, port), e2 = entity_at(s, port);
    EXPECT_FAIL_S(s, SnmpListen(e1, 2), SNMPAPI_MODE_INVALID);
    EXPECT_FAIL_S(s, SnmpListen(e1, 0xffffffffu), SNMPAPI_MODE_INVALID);
    EXPECT_RET(SnmpListen(e1, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_FAIL_S(s, SnmpListen(e1, SNMPAPI_ON), SNMPAPI_NOOP);
    EXPECT_RET(SnmpListen(e1, SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpListen(e2, SNMPAPI_ON), SNMPAPI_SUCCESS);
    /* Agent role over: SnmpSetPort is allowed again on e1 (not on e2). */
    EXPECT_RET(SnmpSetPort(e1, port + 1), SNMPAPI_SUCCESS);
    EXPECT_FAIL(SnmpSetPort(e2, port + 1), SNMPAPI_OPERATION_INVALID);
    EXPECT_RET(SnmpListen(e2, SNMPAPI_OFF), SNMPAPI_SUCCESS);
}

/* SnmpListenEx, the same with the wildcard address and the status check. */
static void listen_ex_all_addr(void **state)
{
    HSNMP_SESSION s = FX(state);
    unsigned port = port_base() + 6;
    HSNMP_ENTITY e = entity_at(s, port);
    EXPECT_FAIL_S(s, SnmpListenEx(e, 2, SNMPLISTEN_ALL_ADDR), SNMPAPI_MODE_INVALID);
    EXPECT_RET(SnmpListenEx(e, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR), SNMPAPI_SUCCESS);
    EXPECT_FAIL_S(s, SnmpListenEx(e, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR), SNMPAPI_NOOP);
    EXPECT_RET(SnmpListenEx(e, SNMPAPI_OFF, SNMPLISTEN_ALL_ADDR), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpListenEx(e, SNMPAPI_ON, SNMPLISTEN_USEENTITY_ADDR), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpListenEx(e, SNMPAPI_OFF, SNMPLISTEN_USEENTITY_ADDR), SNMPAPI_SUCCESS);
}

/* SnmpListen remarks: SnmpClose must release the ports of the session's
 * agent entities. */
static void close_releases_agent_port(void **state)
{
    HSNMP_SESSION s = FX(state), a;
    unsigned port = port_base() + 7;
    HSNMP_ENTITY e;
    a = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    e = entity_at(a, port);
    EXPECT_RET(SnmpListen(e, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpClose(a));
    e = entity_at(s, port);
    EXPECT_RET(SnmpListen(e, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpListen(e, SNMPAPI_OFF), SNMPAPI_SUCCESS);
}

/* SnmpListen documents two transport codes only: TL_RESOURCE_ERROR ("a
 * socket could not be created") and TL_OTHER ("an error occurred ... while
 * trying to bind a socket"). A port another socket holds is a bind error. */
static void listen_bind_error_is_tl_other(void **state)
{
    HSNMP_SESSION s = FX(state), a;
    unsigned port = port_base() + 8;
    HSNMP_ENTITY e1, e2;
    SNMPAPI_STATUS r;
    unsigned got;
    a = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    e1 = entity_at(a, port);
    e2 = entity_at(s, port);
    EXPECT_RET(SnmpListen(e1, SNMPAPI_ON), SNMPAPI_SUCCESS);
    (void)conf_sentinel(0);
    r = SnmpListen(e2, SNMPAPI_ON);
    got = (unsigned)SnmpGetLastError(NULL);
    if (r == SNMPAPI_SUCCESS) {
        /* A stack that lets a second UDP socket share the port: nothing to check. */
        SnmpListen(e2, SNMPAPI_OFF);
        EXPECT_OK(SnmpClose(a));
        skip();
    }
    EXPECT_OK(SnmpClose(a));
    assert_int_equal(got, SNMPAPI_TL_OTHER);
    assert_int_equal(SnmpGetLastError(s), SNMPAPI_TL_OTHER);
}

/* SnmpSetRetransmitMode remarks: "If a WinSNMP application sets the
 * retransmission mode to SNMPAPI_OFF, the implementation does not initiate
 * retransmission attempts for new SNMP communications operations. The new
 * setting affects all subsequent calls to the SnmpSendMsg function, until the
 * WinSNMP application sets the retransmission mode back to SNMPAPI_ON."
 * And "Turning Retransmission On and Off" (desktop-src/SNMP): with SNMPAPI_ON
 * "the implementation begins execution of the application's retransmission
 * policy. The new retransmission mode does not affect outstanding SNMP
 * messages" (while OFF "cancels retransmission attempts for outstanding SNMP
 * messages", which the library does). So a request sent while OFF is not
 * retransmitted after the mode is turned back ON. */
static void retransmit_mode_is_taken_at_send(void **state)
{
    static struct rec mrec, arec;
    unsigned port = port_base() + 12;
    HSNMP_SESSION m, a;
    HSNMP_ENTITY e;
    HSNMP_CONTEXT c;
    HSNMP_PDU req;
    long n;
    (void)state;
    open_pair(&mrec, &arec, &m, &a);
    listening_entity(a, port);
    e = entity_with_policy(m, port, 20, 2);
    c = community(m, "public");
    req = make_pdu(m, SNMP_PDU_GET, 12121);
    EXPECT_RET(SnmpSetRetransmitMode(SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSendMsg(m, NULL, e, c, req), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSetRetransmitMode(SNMPAPI_ON), SNMPAPI_SUCCESS);
    assert_true(wait_count(&mrec.n_err, 1, 5000));
    assert_int_equal(rec_get(&mrec.last_wparam), SNMPAPI_TL_TIMEOUT);
    conf_sleep_ms(100);
    n = drain_count(a, 12121, SNMP_PDU_GET);
    EXPECT_OK(SnmpClose(a));
    EXPECT_OK(SnmpClose(m));
    assert_int_equal(n, 1);
}

/* SnmpSendMsg remarks: an InformRequest to an SNMPv1 entity cannot be
 * translated -> OPERATION_INVALID. */
static void send_inform_to_v1_operation_invalid(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    HSNMP_CONTEXT c;
    HSNMP_PDU p;
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
    e = entity_at(s, port_base() + 9);
    c = community(s, "public");
    p = make_pdu(s, SNMP_PDU_INFORM, 9191);
    EXPECT_FAIL_S(s, SnmpSendMsg(s, NULL, e, c, p), SNMPAPI_OPERATION_INVALID);
    /* Nothing became outstanding. */
    EXPECT_FAIL_S(s, SnmpCancelMsg(s, 9191), SNMPAPI_PDU_INVALID);
}

/* SnmpSendMsg to an SNMPv2c entity: a GETBULK goes out as GETBULK, to an
 * SNMPv1 entity as GETNEXT (RFC 1908/3584 translation, SnmpSendMsg remarks). */
static void send_getbulk_translation(void **state)
{
    static struct rec arec;
    unsigned port = port_base() + 10;
    HSNMP_SESSION m = FX(state), a;
    HSNMP_ENTITY e1, e2;
    HSNMP_CONTEXT c;
    HSNMP_PDU bulk1, bulk2;
    memset(&arec, 0, sizeof arec);
    a = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, &arec));
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2));
    listening_entity(a, port);
    e2 = entity_at(m, port);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
    e1 = entity_at(m, port);
    c = community(m, "public");
    bulk2 = make_pdu(m, SNMP_PDU_GETBULK, 10101);
    bulk1 = make_pdu(m, SNMP_PDU_GETBULK, 10102);
    EXPECT_RET(SnmpSendMsg(m, NULL, e2, c, bulk2), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSendMsg(m, NULL, e1, c, bulk1), SNMPAPI_SUCCESS);
    assert_true(wait_count(&arec.n_ok, 2, 5000));
    conf_sleep_ms(50);
    /* No answer will come: stop both requests (their status does not matter). */
    SnmpCancelMsg(m, 10101);
    SnmpCancelMsg(m, 10102);
    /* The agent listens as a v2c entity but takes both versions. */
    {
        long bulk = 0, next = 0;
        HSNMP_ENTITY src, dst;
        HSNMP_CONTEXT ctx;
        HSNMP_PDU pdu;
        int i;
        for (i = 0; i < 4; i++) {
            smiINT type = 0;
            smiINT32 rid = 0;
            src = dst = NULL; ctx = NULL; pdu = NULL;
            if (SnmpRecvMsg(a, &src, &dst, &ctx, &pdu) != SNMPAPI_SUCCESS)
                break;
            if (pdu && SnmpGetPduData(pdu, &type, &rid, NULL, NULL, NULL)) {
                if (rid == 10101 && type == SNMP_PDU_GETBULK)
                    bulk++;
                if (rid == 10102 && type == SNMP_PDU_GETNEXT)
                    next++;
            }
            free_msg(src, dst, ctx, pdu);
        }
        assert_true(bulk >= 1);
        assert_true(next >= 1);
    }
    EXPECT_OK(SnmpClose(a));
}

/* A v2 TRAP sent to a registered trap port reaches the registered session
 * (SnmpRegister with NULL filters; the trap port is the dst entity's,
 * an OpenWinSNMP choice for unprivileged use, README). */
static HSNMP_PDU make_trap(HSNMP_SESSION s, const char *trap_oid)
{
    smiUINT32 ids1[9], ids2[11], ids3[MAXOBJIDSIZE];
    smiOID up = conf_oid(ids1, 9, "1.3.6.1.2.1.1.3.0");
    smiOID toid = conf_oid(ids2, 11, "1.3.6.1.6.3.1.1.4.1.0");
    smiOID val_oid = conf_oid(ids3, MAXOBJIDSIZE, trap_oid);
    smiVALUE v;
    HSNMP_VBL vbl;
    HSNMP_PDU p;
    memset(&v, 0, sizeof v);
    v.syntax = SNMP_SYNTAX_TIMETICKS;
    v.value.uNumber = 1234;
    vbl = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &up, &v));
    v.syntax = SNMP_SYNTAX_OID;
    v.value.oid = val_oid;
    EXPECT_RET(SnmpSetVb(vbl, 0, &toid, &v), 2);
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_TRAP, 0, 0, 0, vbl));
    EXPECT_OK(SnmpFreeVbl(vbl));
    return p;
}

/* SnmpRegister remarks: the notification OID is a prefix pattern; "if a
 * received trap has fewer subidentifiers than n, the object identifier does
 * not match". Registered with the full trap OID + one more sub-id: nothing;
 * with a strict prefix: delivered, in SNMPv2 form. */
static void register_prefix_match(void **state)
{
    static struct rec mrec;
    unsigned port = port_base() + 11;
    HSNMP_SESSION m, sender = FX(state);
    HSNMP_ENTITY dst, to, src = NULL, d2 = NULL;
    HSNMP_CONTEXT c, ctx = NULL;
    HSNMP_PDU trap, pdu = NULL;
    smiUINT32 long_ids[11], pre_ids[9];
    smiOID too_long = conf_oid(long_ids, 11, "1.3.6.1.4.1.99999.1.2.3.4");
    smiOID prefix = conf_oid(pre_ids, 9, "1.3.6.1.4.1.99999.1");
    smiINT type = 0;
    memset(&mrec, 0, sizeof mrec);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2));
    m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, &mrec));
    dst = entity_at(m, port);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &too_long, SNMPAPI_ON), SNMPAPI_SUCCESS);
    to = entity_at(sender, port);
    c = community(sender, "public");
    trap = make_trap(sender, "1.3.6.1.4.1.99999.1.2.3");
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    conf_sleep_ms(300);
    assert_int_equal(rec_get(&mrec.n_ok), 0);
    EXPECT_FAIL_S(m, SnmpRecvMsg(m, &src, &d2, &ctx, &pdu), SNMPAPI_NOOP);

    /* Now a matching (shorter) prefix as well. */
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &prefix, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    assert_int_equal(recv_wait(m, &src, &d2, &ctx, &pdu, 5000), SNMPAPI_SUCCESS);
    assert_non_null(pdu);
    EXPECT_RET(SnmpGetPduData(pdu, &type, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_TRAP);
    free_msg(src, d2, ctx, pdu);
    /* Exactly one delivery for two matching-or-not registrations. */
    conf_sleep_ms(100);
    EXPECT_FAIL_S(m, SnmpRecvMsg(m, &src, &d2, &ctx, &pdu), SNMPAPI_NOOP);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &prefix, SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &too_long, SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpClose(m));
}

/* Counts the traps queued for `m` (draining them). */
static long drain_traps(HSNMP_SESSION m)
{
    long n = 0;
    HSNMP_ENTITY src, dst;
    HSNMP_CONTEXT ctx;
    HSNMP_PDU pdu;
    for (;;) {
        src = dst = NULL; ctx = NULL; pdu = NULL;
        if (SnmpRecvMsg(m, &src, &dst, &ctx, &pdu) != SNMPAPI_SUCCESS)
            break;
        n++;
        free_msg(src, dst, ctx, pdu);
    }
    return n;
}

/* "Multiple Trap Registrations" (desktop-src/SNMP): a filtered registration
 * after an unfiltered one, an identical one, or one whose OID has a
 * registered OID as prefix "returns SNMPAPI_SUCCESS ... but the redundant
 * registration is ineffective"; "To unregister the session, you must match
 * each unique registration call ... You do not need to match redundant
 * registration calls." So a trap is delivered once, and unregistering the
 * unique registration stops delivery of what the redundant ones named. */
static void register_redundant_registrations_ineffective(void **state)
{
    static struct rec mrec;
    unsigned port = port_base() + 15;
    HSNMP_SESSION m, sender = FX(state);
    HSNMP_ENTITY dst, to;
    HSNMP_CONTEXT c;
    HSNMP_PDU trap;
    smiUINT32 x_ids[9], p_ids[8];
    smiOID x = conf_oid(x_ids, 9, "1.3.6.1.4.1.99999.7.1");
    smiOID prefix = conf_oid(p_ids, 8, "1.3.6.1.4.1.99999.7");
    long n1, n2, n3, n4;
    memset(&mrec, 0, sizeof mrec);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2));
    m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, &mrec));
    dst = entity_at(m, port);
    to = entity_at(sender, port);
    c = community(sender, "public");
    trap = make_trap(sender, "1.3.6.1.4.1.99999.7.1.5");

    /* Case 1: unfiltered, then a filtered one (redundant). */
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, NULL, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &x, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    assert_true(wait_count(&mrec.n_ok, 1, 5000));
    conf_sleep_ms(200);
    n1 = drain_traps(m);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, NULL, SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    conf_sleep_ms(300);
    n2 = drain_traps(m);
    SnmpRegister(m, NULL, dst, NULL, &x, SNMPAPI_OFF);   /* whatever it says */

    /* Case 3: a prefix, then a longer OID under it (redundant). */
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &prefix, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &x, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    conf_sleep_ms(300);
    n3 = drain_traps(m);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, &prefix, SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    conf_sleep_ms(300);
    n4 = drain_traps(m);
    SnmpRegister(m, NULL, dst, NULL, &x, SNMPAPI_OFF);
    EXPECT_OK(SnmpClose(m));

    /* One trap, one delivery, whatever the number of matching registrations. */
    assert_int_equal(n1, 1);
    assert_int_equal(n3, 1);
    assert_int_equal(n2, 0);
    assert_int_equal(n4, 0);
}

/* SNMPAPI_CALLBACK: "The function must return SNMPAPI_SUCCESS to continue
 * execution of the application. If the function returns any other value,
 * the implementation responds as if the application called the SnmpClose
 * function for the indicated session." */
static long failing_calls;
static SNMPAPI_STATUS CALLBACK failing_callback(HSNMP_SESSION s, HWND w, UINT m, WPARAM wp,
                                                LPARAM lp, LPVOID data)
{
    (void)s; (void)w; (void)m; (void)wp; (void)lp; (void)data;
    __atomic_add_fetch(&failing_calls, 1, __ATOMIC_SEQ_CST);
    return SNMPAPI_FAILURE;
}

static void callback_failure_closes_session(void **state)
{
    unsigned port = port_base() + 16;
    HSNMP_SESSION m;
    HSNMP_ENTITY e;
    HSNMP_CONTEXT c;
    HSNMP_PDU p1, p2;
    unsigned t;
    (void)state;
    __atomic_store_n(&failing_calls, 0, __ATOMIC_SEQ_CST);
    m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, failing_callback, NULL));
    e = entity_with_policy(m, port, 10, 0);
    c = community(m, "public");
    p1 = make_pdu(m, SNMP_PDU_GET, 16161);
    p2 = make_pdu(m, SNMP_PDU_GET, 16162);
    EXPECT_RET(SnmpSendMsg(m, NULL, e, c, p1), SNMPAPI_SUCCESS);
    {
        /* The second request times out well after the first closed the session. */
        HSNMP_ENTITY e2 = entity_at(m, port);
        EXPECT_OK(SnmpSetTimeout(e2, 100));
        EXPECT_OK(SnmpSetRetry(e2, 0));
        EXPECT_RET(SnmpSendMsg(m, NULL, e2, c, p2), SNMPAPI_SUCCESS);
    }
    assert_true(wait_count(&failing_calls, 1, 5000));
    /* The close happens after the callback returns: wait until the handle
     * is gone (bounded). */
    for (t = 0; t < 3000; t += 10) {
        if (SnmpGetLastError(m) == SNMPAPI_SESSION_INVALID)
            break;
        conf_sleep_ms(10);
    }
    EXPECT_FAIL(SnmpClose(m), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpRecvMsg(m, NULL, NULL, NULL, NULL), SNMPAPI_SESSION_INVALID);
    /* Its handles went with it, and no further notification came. */
    EXPECT_FAIL(SnmpFreePdu(p2), SNMPAPI_PDU_INVALID);
    conf_sleep_ms(1300);
    assert_int_equal(__atomic_load_n(&failing_calls, __ATOMIC_SEQ_CST), 1);
}

/* A received SNMPv1 trap keeps its whole community, however long: here 300
 * octets, which a registration filtered on that exact context must match and
 * SnmpRecvMsg's context must give back unchanged (OpenWinSNMP: nothing of a
 * received message is cut short). */
static void v1_trap_long_community_kept(void **state)
{
    static struct rec mrec;
    static char long_com[301];
    unsigned port = port_base() + 17;
    HSNMP_SESSION m, sender = FX(state);
    HSNMP_ENTITY dst, to, src = NULL, d2 = NULL;
    HSNMP_CONTEXT mc, c, ctx = NULL;
    HSNMP_PDU trap, pdu = NULL;
    smiOCTETS got;
    memset(long_com, 'k', 300);
    long_com[0] = 'L';
    long_com[299] = 'Z';
    memset(&mrec, 0, sizeof mrec);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2));
    m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, &mrec));
    dst = entity_at(m, port);
    mc = community(m, long_com);
    EXPECT_RET(SnmpRegister(m, NULL, dst, mc, NULL, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
    to = entity_at(sender, port);
    c = community(sender, long_com);
    trap = make_trap(sender, "1.3.6.1.4.1.99999.0.6");
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    assert_int_equal(recv_wait(m, &src, &d2, &ctx, &pdu, 5000), SNMPAPI_SUCCESS);
    assert_non_null(ctx);
    EXPECT_RET(SnmpContextToStr(ctx, &got), SNMPAPI_SUCCESS);
    assert_int_equal(got.len, 300);
    assert_memory_equal(got.ptr, long_com, 300);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&got));
    free_msg(src, d2, ctx, pdu);
    EXPECT_RET(SnmpRegister(m, NULL, dst, mc, NULL, SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpClose(m));
}

/* "Assigning Request Identifiers" (desktop-src/SNMP): "When the
 * implementation receives traps from an SNMPv1 entity, it assigns a non-zero
 * value to the request_id field of the PDU"; "Translating Traps from SNMPv1
 * to SNMPv2C": the trap is delivered in SNMPv2C form and its last variable
 * binding is snmpTrapEnterprise.0. The v1 trap is made by the library itself:
 * a v2 TRAP sent to an SNMPv1 entity goes out as a Trap-PDU. */
static void v1_trap_received_request_id_nonzero(void **state)
{
    static struct rec mrec;
    unsigned port = port_base() + 14;
    HSNMP_SESSION m, sender = FX(state);
    HSNMP_ENTITY dst, to, src = NULL, d2 = NULL;
    HSNMP_CONTEXT c, ctx = NULL;
    HSNMP_PDU trap, pdu = NULL;
    HSNMP_VBL vbl = NULL;
    smiINT type = 0;
    smiINT32 rid = -1;
    smiUINT32 n;
    smiOID name;
    smiVALUE val;
    char buf[MAXOBJIDSTRSIZE];
    memset(&mrec, 0, sizeof mrec);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2));
    m = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, rec_callback, &mrec));
    dst = entity_at(m, port);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, NULL, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
    to = entity_at(sender, port);
    c = community(sender, "public");
    trap = make_trap(sender, "1.3.6.1.4.1.99999.0.5");
    EXPECT_RET(SnmpSendMsg(sender, NULL, to, c, trap), SNMPAPI_SUCCESS);
    assert_int_equal(recv_wait(m, &src, &d2, &ctx, &pdu, 5000), SNMPAPI_SUCCESS);
    assert_non_null(pdu);
    EXPECT_RET(SnmpGetPduData(pdu, &type, &rid, NULL, NULL, &vbl), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_TRAP);
    n = (smiUINT32)EXPECT_OK(SnmpCountVbl(vbl));
    assert_true(n >= 3);
    EXPECT_RET(SnmpGetVb(vbl, n, &name, &val), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpOidToStr(&name, sizeof buf, buf));
    assert_string_equal(buf, "1.3.6.1.6.3.1.1.4.3.0");        /* snmpTrapEnterprise.0 */
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    if (val.syntax == SNMP_SYNTAX_OID)
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&val.value.oid);
    SnmpFreeVbl(vbl);
    free_msg(src, d2, ctx, pdu);
    EXPECT_RET(SnmpRegister(m, NULL, dst, NULL, NULL, SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpClose(m));
    assert_int_not_equal(rid, 0);
}

#if CONF_WINDOWS
/* SnmpOpen remarks (window notification): "If the wParam parameter of the
 * notification message is not equal to zero, it represents a WinSNMP error
 * code. The error code applies to the PDU identified by the request
 * identifier in the lParam parameter"; wParam 0 means "call SnmpRecvMsg". */
static void window_notification_timeout_and_message(void **state)
{
    unsigned port = port_base() + 13;
    HWND w;
    HSNMP_SESSION ws, a;
    HSNMP_ENTITY e, agent_e, src = NULL, dst = NULL;
    HSNMP_CONTEXT c, ctx = NULL;
    HSNMP_PDU req, pdu = NULL;
    MSG msg;
    unsigned t;
    int got_err = 0, got_zero = 0;
    (void)state;
    w = CreateWindowExA(0, "STATIC", "conf-netio", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    assert_non_null(w);
    ws = (HSNMP_SESSION)EXPECT_OK(SnmpOpen(w, WM_USER + 7));
    e = entity_with_policy(ws, port, 10, 0);
    c = community(ws, "public");
    req = make_pdu(ws, SNMP_PDU_GET, 13131);
    EXPECT_RET(SnmpSendMsg(ws, NULL, e, c, req), SNMPAPI_SUCCESS);
    for (t = 0; t < 5000 && !got_err; t += 10) {
        while (PeekMessageA(&msg, w, WM_USER + 7, WM_USER + 7, PM_REMOVE)) {
            if (msg.wParam == SNMPAPI_TL_TIMEOUT && msg.lParam == 13131)
                got_err = 1;
        }
        if (!got_err)
            Sleep(10);
    }
    assert_true(got_err);
    EXPECT_FAIL_S(ws, SnmpRecvMsg(ws, &src, &dst, &ctx, &pdu), SNMPAPI_TL_TIMEOUT);
    free_msg(src, dst, ctx, pdu);

    /* A message for the window session: wParam 0. */
    a = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    agent_e = listening_entity(a, port);
    EXPECT_OK(SnmpSetTimeout(e, 200));
    {
        smiINT32 id2 = 13132;
        SnmpSetPduData(req, NULL, &id2, NULL, NULL, NULL);
    }
    EXPECT_RET(SnmpSendMsg(ws, NULL, e, c, req), SNMPAPI_SUCCESS);
    src = dst = NULL; ctx = NULL; pdu = NULL;
    assert_int_equal(recv_wait(a, &src, &dst, &ctx, &pdu, 5000), SNMPAPI_SUCCESS);
    {
        smiINT rt = SNMP_PDU_RESPONSE;
        EXPECT_RET(SnmpSetPduData(pdu, &rt, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
        EXPECT_RET(SnmpSendMsg(a, agent_e, src, ctx, pdu), SNMPAPI_SUCCESS);
    }
    free_msg(src, dst, ctx, pdu);
    for (t = 0; t < 5000 && !got_zero; t += 10) {
        while (PeekMessageA(&msg, w, WM_USER + 7, WM_USER + 7, PM_REMOVE)) {
            if (msg.wParam == 0)
                got_zero = 1;
        }
        if (!got_zero)
            Sleep(10);
    }
    assert_true(got_zero);
    src = dst = NULL; ctx = NULL; pdu = NULL;
    EXPECT_RET(SnmpRecvMsg(ws, &src, &dst, &ctx, &pdu), SNMPAPI_SUCCESS);
    {
        smiINT rt = 0;
        smiINT32 rid = 0;
        EXPECT_OK(SnmpGetPduData(pdu, &rt, &rid, NULL, NULL, NULL));
        assert_int_equal(rt, SNMP_PDU_RESPONSE);
        assert_int_equal(rid, 13132);
    }
    free_msg(src, dst, ctx, pdu);
    EXPECT_OK(SnmpClose(a));
    EXPECT_OK(SnmpClose(ws));
    DestroyWindow(w);
}
#endif

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(request_response_loopback),
        CONF_TEST(timeout_notified_and_recv_fills_outputs),
        CONF_TEST(retransmissions_reuse_request_id),
        CONF_TEST(retransmit_off_sends_once),
        CONF_TEST(cancel_stops_retransmission_and_timeout),
        CONF_TEST(listen_noop_mode_and_release),
        CONF_TEST(listen_ex_all_addr),
        CONF_TEST(close_releases_agent_port),
        CONF_TEST(listen_bind_error_is_tl_other),
        CONF_TEST(retransmit_mode_is_taken_at_send),
        CONF_TEST(send_inform_to_v1_operation_invalid),
        CONF_TEST(send_getbulk_translation),
        CONF_TEST(register_prefix_match),
        CONF_TEST(v1_trap_received_request_id_nonzero),
        CONF_TEST(v1_trap_long_community_kept),
        CONF_TEST(register_redundant_registrations_ineffective),
        CONF_TEST(callback_failure_closes_session),
#if CONF_WINDOWS
        CONF_TEST(window_notification_timeout_and_message),
#endif
    };
    return CONF_RUN("conformance.netio", tests);
}
