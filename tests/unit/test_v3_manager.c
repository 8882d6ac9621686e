/* test_v3_manager.c - the manager side of SNMPv3 (core/v3_manager.h)
 * without sockets: the test plays the agent, building its Reports and
 * Responses with the codec, and checks each verdict and what the manager
 * sends next. Discovery, re-encoding of every try, the one
 * resync-and-retry (NotInTimeWindows, UnknownEngineIDs), Reports that end
 * a request, and the checks that drop a message (unknown msgID, other
 * address, wrong digest, replayed boots, stale time, level mismatch,
 * unauthenticated time Reports), one discovery shared by the requests
 * to an address; the derived users shared between
 * entities (core/usm_cache.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/translate.h"
#include "core/usm_cache.h"
#include "core/usm_user.h"
#include "core/v3_target.h"
#include "core/v3_codec.h"
#include "core/v3_manager.h"

static const uint8_t E1[12] = { 0x80, 0, 0x1f, 0x88, 0x80, 1, 2, 3, 4, 5, 6, 7 };
static const uint8_t E2[9] = { 0x80, 0, 0x1f, 0x88, 0x04, 'n', 'e', 'w', '!' };
static int owner_token;
static uint8_t out[4096];
static size_t off, len;
static const char *agent_context = "ctxA";    /* the contextName of Responses */

static struct ows_v3_entry entry(int level)
{
    struct ows_v3_entry e;
    memset(&e, 0, sizeof e);
    strcpy(e.user, "alice");
    e.level = level;
    if (level >= 1) {
        e.auth = OWS_USM_AUTH_SHA256;
        strcpy(e.auth_pass, "alice-auth-pw");
    }
    if (level == 2) {
        e.priv = OWS_USM_PRIV_AES128;
        strcpy(e.priv_pass, "alice-priv-pw");
    }
    strcpy(e.context, "ctxA");
    return e;
}

/* The agent's keys for alice at engine id. */
static ows_v3_keys agent_keys(int level, const uint8_t *id, size_t n)
{
    struct ows_v3_entry e = entry(level);
    struct ows_usm_user u;
    ows_v3_keys k;
    assert_int_equal(ows_usm_user_from_entry(&e, &u), 0);
    assert_int_equal(ows_usm_user_keys(&u, id, n, &k), 0);
    ows_usm_user_clear(&u);
    return k;
}

static struct ows_addr addr(uint16_t port)
{
    struct ows_addr a;
    memset(&a, 0, sizeof a);
    a.family = OWS_AF_INET;
    a.port = port;
    a.bytes[0] = 127;
    a.bytes[3] = 1;
    return a;
}

/* A fresh request of alice at `level` to 127.0.0.1:port. */
static struct ows_v3_req *new_req(int level, uint16_t port, int32_t request_id)
{
    struct ows_v3_entry e = entry(level);
    struct ows_v3_target *t;
    struct ows_v3_req *vr;
    struct ows_addr a = addr(port);
    assert_int_equal(ows_v3_target_new(&e, &t), 0);
    assert_int_equal(ows_v3_req_new(t, &a, request_id, &owner_token, &vr), 0);
    ows_v3_target_put(t);    /* the request holds its own reference */
    return vr;
}

static const uint32_t sysname[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };

/* The manager's next datagram for a GET of sysName.0, decoded. */
static ows_v3_msg next_try(struct ows_v3_req *vr, int32_t request_id)
{
    ows_varbind vb;
    ows_pdu p;
    ows_v3_msg m;
    memset(&vb, 0, sizeof vb);
    vb.name.ids = (uint32_t *)sysname;
    vb.name.len = 9;
    vb.value.syntax = OWS_SYN_NULL;
    memset(&p, 0, sizeof p);
    p.type = OWS_PDU_GET;
    p.request_id = request_id;
    p.vbl.items = &vb;
    p.vbl.count = 1;
    assert_int_equal(ows_v3_req_encode(vr, &p, out, sizeof out, &off, &len), 0);
    assert_int_equal(ows_v3_decode(out + off, len, &m), 0);
    return m;
}

/* The agent's answer: a Response (report 0) or a Report of usmStats.report,
 * at `flags`' level with alice's keys at engine id (unless flags is 0). */
static size_t agent(uint8_t *buf, size_t cap, int32_t msg_id, uint8_t flags, const uint8_t *id,
                    size_t idlen, int32_t boots, int32_t time, int report, int32_t request_id,
                    size_t *at)
{
    uint32_t oid[11] = { 1, 3, 6, 1, 6, 3, 15, 1, 1, 0, 0 };
    uint8_t str[16] = "openwinsnmp-test";
    ows_varbind vb;
    ows_pdu p;
    ows_v3_head h = { msg_id, 65507, flags, OWS_V3_MODEL_USM };
    ows_v3_usm u;
    ows_v3_scoped sc;
    ows_v3_keys k;
    size_t o, n;
    int level = flags & OWS_V3_FLAG_PRIV ? 2 : flags & OWS_V3_FLAG_AUTH ? 1 : 0;

    memset(&vb, 0, sizeof vb);
    memset(&p, 0, sizeof p);
    memset(&u, 0, sizeof u);
    if (report) {
        oid[9] = (uint32_t)report;
        vb.name.ids = oid;
        vb.name.len = 11;
        vb.value.syntax = OWS_SYN_CNTR32;
        vb.value.v.u = 1;
        p.type = OWS_PDU_REPORT;
    } else {
        vb.name.ids = (uint32_t *)sysname;
        vb.name.len = 9;
        vb.value.syntax = OWS_SYN_OCTETS;
        vb.value.v.str.ptr = str;
        vb.value.v.str.len = 16;
        p.type = OWS_PDU_RESPONSE;
    }
    p.request_id = request_id;
    p.vbl.items = &vb;
    p.vbl.count = 1;
    memcpy(u.engine_id, id, idlen);
    u.engine_id_len = (uint32_t)idlen;
    u.engine_boots = boots;
    u.engine_time = time;
    memcpy(u.user, "alice", 5);
    u.user_len = report == 4 ? 0 : 5;
    if (level == 2) {
        memcpy(u.priv, "saltsalt", 8);
        u.priv_len = 8;
    }
    memset(&sc, 0, sizeof sc);
    sc.context_engine_id = id;
    sc.context_engine_id_len = idlen;
    sc.context_name = (const uint8_t *)agent_context;
    sc.context_name_len = report ? 0 : strlen(agent_context);
    sc.pdu = &p;
    if (level)
        k = agent_keys(level, id, idlen);
    assert_int_equal(ows_v3_encode(&h, &u, &sc, level ? &k : NULL, buf, cap, &o, &n), 0);
    memmove(buf, buf + o, n);
    if (at) {
        ows_v3_msg m;
        assert_int_equal(ows_v3_decode(buf, n, &m), 0);
        *at = m.usm.auth_at;
    }
    return n;
}

/* Feeds an agent's datagram to the manager: the verdict, *err for FAIL. */
static int feed(const uint8_t *buf, size_t n, uint16_t port, int *err, ows_msg *pm)
{
    struct ows_addr a = addr(port);
    void *owner = NULL;
    ows_msg m;
    int e = 0, v = ows_v3_mgr_receive(buf, n, &a, 0, &owner, &m, &e);
    if (v != OWS_V3_DROP)
        assert_ptr_equal(owner, &owner_token);
    if (err)
        *err = e;
    if (pm)
        *pm = m;
    else
        ows_msg_free(&m);
    return v;
}

#define AUTHPRIV (OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV)
enum { R_LEVEL = 1, R_TIME = 2, R_USER = 3, R_ENGINE = 4, R_DIGEST = 5 };

/* Discovery, then the request itself; returns the request's first try. */
static ows_v3_msg discover(struct ows_v3_req *vr, uint16_t port, int32_t rid, int32_t boots,
                           int32_t time)
{
    uint8_t b[2048];
    ows_v3_msg m = next_try(vr, rid);
    size_t n;
    /* RFC 3414 4: noAuthNoPriv, reportable, empty engine ID and user. */
    assert_int_equal(m.head.flags, OWS_V3_FLAG_REPORTABLE);
    assert_int_equal(m.usm.engine_id_len, 0);
    assert_int_equal(m.usm.user_len, 0);
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, boots, time, R_ENGINE, rid, NULL);
    assert_int_equal(feed(b, n, port, NULL, NULL), OWS_V3_RESEND);
    return next_try(vr, rid);
}

static void test_discovery_and_response(void **state)
{
    uint8_t b[2048];
    ows_v3_keys k = agent_keys(2, E1, sizeof E1);
    struct ows_v3_req *vr = new_req(2, 20001, 77);
    ows_v3_msg m1, m2;
    ows_msg pm;
    uint8_t ceid[32];
    uint32_t ceid_len;
    size_t n, at;
    int err;
    (void)state;

    m1 = discover(vr, 20001, 77, 7, 1000);
    assert_int_equal(m1.head.flags, AUTHPRIV | OWS_V3_FLAG_REPORTABLE);
    assert_int_equal(m1.usm.engine_id_len, sizeof E1);
    assert_memory_equal(m1.usm.engine_id, E1, sizeof E1);
    assert_int_equal(m1.usm.engine_boots, 7);
    assert_true(m1.usm.engine_time >= 1000 && m1.usm.engine_time <= 1001);
    assert_int_equal(m1.usm.user_len, 5);
    assert_int_equal(m1.usm.priv_len, 8);
    assert_int_equal(ows_usm_auth_check(k.auth, k.auth_key, out + off, len, m1.usm.auth_at), 0);
    /* The agent can decrypt it: our GET, in the entry's context. */
    assert_int_equal(ows_v3_open_scoped(&m1, &k, NULL, 0, &pm, ceid, &ceid_len), 0);
    assert_int_equal(pm.pdu.type, OWS_PDU_GET);
    assert_int_equal(pm.pdu.request_id, 77);
    assert_int_equal(pm.community.len, 4);
    assert_memory_equal(pm.community.ptr, "ctxA", 4);
    assert_int_equal(ceid_len, sizeof E1);
    ows_msg_free(&pm);

    /* A retransmission: new msgID and salt. */
    m2 = next_try(vr, 77);
    assert_int_not_equal(m2.head.msg_id, m1.head.msg_id);
    assert_memory_not_equal(m2.usm.priv, m1.usm.priv, 8);

    /* A wrong digest, another address, an unknown msgID: dropped. */
    n = agent(b, sizeof b, m2.head.msg_id, AUTHPRIV, E1, sizeof E1, 7, 1000, 0, 77, &at);
    b[at] ^= 1;
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DROP);
    b[at] ^= 1;
    assert_int_equal(feed(b, n, 20002, NULL, NULL), OWS_V3_DROP);
    n = agent(b, sizeof b, m2.head.msg_id + 1000, AUTHPRIV, E1, sizeof E1, 7, 1000, 0, 77, NULL);
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DROP);
    /* A lower level than asked, a replay from an earlier boot, a stale time. */
    n = agent(b, sizeof b, m2.head.msg_id, OWS_V3_FLAG_AUTH, E1, sizeof E1, 7, 1000, 0, 77, NULL);
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DROP);
    n = agent(b, sizeof b, m2.head.msg_id, AUTHPRIV, E1, sizeof E1, 7, 1000, 0, 77, NULL);
    assert_int_equal(feed(b, n, 20001, &err, &pm), OWS_V3_DELIVER);
    assert_int_equal(pm.version, OWS_SNMPV3);
    assert_int_equal(pm.pdu.type, OWS_PDU_RESPONSE);
    assert_int_equal(pm.pdu.request_id, 77);
    assert_int_equal(pm.pdu.vbl.count, 1);
    assert_memory_equal(pm.pdu.vbl.items[0].value.v.str.ptr, "openwinsnmp-test", 16);
    ows_msg_free(&pm);
    n = agent(b, sizeof b, m2.head.msg_id, AUTHPRIV, E1, sizeof E1, 6, 5000, 0, 77, NULL);
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DROP);
    n = agent(b, sizeof b, m2.head.msg_id, AUTHPRIV, E1, sizeof E1, 7, 1000 - 151, 0, 77, NULL);
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DROP);
    /* The first try's msgID still answers. */
    n = agent(b, sizeof b, m1.head.msg_id, AUTHPRIV, E1, sizeof E1, 7, 1001, 0, 77, NULL);
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DELIVER);
    /* ... until four newer tries pushed it out. */
    for (int i = 0; i < 4; i++)
        next_try(vr, 77);
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DROP);
    ows_v3_req_free(vr);
    /* A freed request's msgIDs answer nothing. */
    assert_int_equal(feed(b, n, 20001, NULL, NULL), OWS_V3_DROP);
}

static void test_time_resync_once(void **state)
{
    uint8_t b[2048];
    struct ows_v3_req *vr = new_req(2, 20011, 5);
    ows_v3_msg m;
    size_t n;
    int err = 0;
    (void)state;

    m = discover(vr, 20011, 5, 3, 400);
    /* An unauthenticated time Report is not believed. */
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 9, 50, R_TIME, 5, NULL);
    assert_int_equal(feed(b, n, 20011, NULL, NULL), OWS_V3_DROP);
    /* The engine rebooted: the authenticated Report resyncs, once. */
    n = agent(b, sizeof b, m.head.msg_id, OWS_V3_FLAG_AUTH, E1, sizeof E1, 9, 50, R_TIME, 5,
              NULL);
    assert_int_equal(feed(b, n, 20011, NULL, NULL), OWS_V3_RESEND);
    m = next_try(vr, 5);
    assert_int_equal(m.usm.engine_boots, 9);
    assert_true(m.usm.engine_time >= 50 && m.usm.engine_time <= 51);
    n = agent(b, sizeof b, m.head.msg_id, OWS_V3_FLAG_AUTH, E1, sizeof E1, 9, 50, R_TIME, 5,
              NULL);
    assert_int_equal(feed(b, n, 20011, &err, NULL), OWS_V3_FAIL);
    assert_int_equal(err, OWS_E_TL_UNDELIVERABLE);
    ows_v3_req_free(vr);
}

static void test_engine_change_once(void **state)
{
    uint8_t b[2048];
    ows_v3_keys k2 = agent_keys(1, E2, sizeof E2);
    struct ows_v3_req *vr = new_req(1, 20021, 6);
    ows_v3_msg m;
    size_t n;
    int err = 0;
    (void)state;

    m = discover(vr, 20021, 6, 1, 10);
    assert_int_equal(m.head.flags, OWS_V3_FLAG_AUTH | OWS_V3_FLAG_REPORTABLE);
    n = agent(b, sizeof b, m.head.msg_id, 0, E2, sizeof E2, 1, 3, R_ENGINE, 6, NULL);
    assert_int_equal(feed(b, n, 20021, NULL, NULL), OWS_V3_RESEND);
    /* Keys relocalised for the new engine. */
    m = next_try(vr, 6);
    assert_memory_equal(m.usm.engine_id, E2, sizeof E2);
    assert_int_equal(ows_usm_auth_check(k2.auth, k2.auth_key, out + off, len, m.usm.auth_at), 0);
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 1, 3, R_ENGINE, 6, NULL);
    assert_int_equal(feed(b, n, 20021, &err, NULL), OWS_V3_FAIL);
    assert_int_equal(err, OWS_E_TL_UNDELIVERABLE);
    ows_v3_req_free(vr);
}

static void test_reports_that_end(void **state)
{
    static const int reports[] = { R_LEVEL, R_USER, R_DIGEST, 6 };
    uint8_t b[2048];
    (void)state;
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        uint16_t port = (uint16_t)(20031 + i);
        struct ows_v3_req *vr = new_req(2, port, 8);
        ows_v3_msg m = discover(vr, port, 8, 1, 10);
        int err = 0;
        size_t n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 1, 10, reports[i], 8, NULL);
        assert_int_equal(feed(b, n, port, &err, NULL), OWS_V3_FAIL);
        assert_int_equal(err, OWS_E_TL_UNDELIVERABLE);
        ows_v3_req_free(vr);
    }
}

static void test_noauth_user(void **state)
{
    uint8_t b[2048];
    struct ows_v3_req *vr = new_req(0, 20041, 9);
    ows_v3_msg m;
    ows_msg pm;
    size_t n;
    (void)state;
    m = discover(vr, 20041, 9, 1, 10);
    assert_int_equal(m.head.flags, OWS_V3_FLAG_REPORTABLE);
    assert_memory_equal(m.usm.engine_id, E1, sizeof E1);
    assert_int_equal(m.usm.user_len, 5);
    assert_int_equal(m.usm.auth_len, 0);
    /* An authenticated answer to a user without keys: dropped. */
    n = agent(b, sizeof b, m.head.msg_id, OWS_V3_FLAG_AUTH, E1, sizeof E1, 1, 10, 0, 9, NULL);
    assert_int_equal(feed(b, n, 20041, NULL, NULL), OWS_V3_DROP);
    /* The wrong request id: dropped. */
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 1, 10, 0, 10, NULL);
    assert_int_equal(feed(b, n, 20041, NULL, NULL), OWS_V3_DROP);
    /* Another context than the request's: dropped (RFC 3412 7.2.12). */
    agent_context = "ctxB";
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 1, 10, 0, 9, NULL);
    agent_context = "ctxA";
    assert_int_equal(feed(b, n, 20041, NULL, NULL), OWS_V3_DROP);
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 1, 10, 0, 9, NULL);
    assert_int_equal(feed(b, n, 20041, NULL, &pm), OWS_V3_DELIVER);
    assert_int_equal(pm.pdu.request_id, 9);
    ows_msg_free(&pm);
    ows_v3_req_free(vr);
}

/* Two first requests to one agent each send a probe; the second probe's
 * Report, arriving after an authenticated Response confirmed the engine's
 * time, does not replace that time with its unauthenticated one. */
static void test_late_probe_report(void **state)
{
    uint8_t b[2048];
    struct ows_v3_req *a = new_req(1, 20061, 11), *c = new_req(1, 20061, 12);
    ows_v3_msg pc, pc2, m;
    size_t n;
    (void)state;
    /* c probes (twice: a retry), a waits behind it. */
    pc = next_try(c, 12);
    assert_int_equal(pc.usm.engine_id_len, 0);
    assert_int_equal(ows_v3_req_encode(a, &(ows_pdu){ .type = OWS_PDU_GET }, out, sizeof out,
                                       &off, &len), 0);
    assert_int_equal(len, 0);
    pc2 = next_try(c, 12);
    assert_int_equal(pc2.usm.engine_id_len, 0);
    n = agent(b, sizeof b, pc.head.msg_id, 0, E1, sizeof E1, 4, 100, R_ENGINE, 12, NULL);
    assert_int_equal(feed(b, n, 20061, NULL, NULL), OWS_V3_RESEND);
    assert_ptr_equal(ows_v3_mgr_take_ready(), &owner_token);
    assert_null(ows_v3_mgr_take_ready());
    /* a's request, answered with an authenticated time. */
    m = next_try(a, 11);
    assert_int_equal(m.usm.engine_id_len, sizeof E1);
    n = agent(b, sizeof b, m.head.msg_id, OWS_V3_FLAG_AUTH, E1, sizeof E1, 4, 500, 0, 11, NULL);
    assert_int_equal(feed(b, n, 20061, NULL, NULL), OWS_V3_DELIVER);
    /* The late Report to c's retried probe does not undo that time. */
    n = agent(b, sizeof b, pc2.head.msg_id, 0, E1, sizeof E1, 4, 100, R_ENGINE, 12, NULL);
    assert_int_equal(feed(b, n, 20061, NULL, NULL), OWS_V3_RESEND);
    m = next_try(c, 12);
    assert_true(m.usm.engine_time >= 500 && m.usm.engine_time <= 501);
    ows_v3_req_free(a);
    ows_v3_req_free(c);
}

static void test_garbage(void **state)
{
    uint8_t b[2048];
    size_t n = agent(b, sizeof b, 1, 0, E1, sizeof E1, 1, 1, R_ENGINE, 1, NULL);
    (void)state;
    /* Every truncation of a message is dropped, never a crash. */
    for (size_t k = 0; k < n; k++)
        assert_int_equal(feed(b, k, 20051, NULL, NULL), OWS_V3_DROP);
    ows_v3_mgr_shutdown();
}

/* A request with its own owner (the engine's request), level authPriv. */
static struct ows_v3_req *req_owned(uint16_t port, int32_t rid, void *owner)
{
    struct ows_v3_entry e = entry(2);
    struct ows_v3_target *t;
    struct ows_v3_req *vr;
    struct ows_addr a = addr(port);
    assert_int_equal(ows_v3_target_new(&e, &t), 0);
    assert_int_equal(ows_v3_req_new(t, &a, rid, owner, &vr), 0);
    ows_v3_target_put(t);
    return vr;
}

/* The three first requests to a new agent: one probe; the others wait
 * (nothing to send, on their retries too) and become ready when the
 * Report comes; a request to another address probes for itself; a
 * waiter whose prober ended probes on its next try. */
static void test_shared_discovery(void **state)
{
    int o1, o2, o3, o4, o5, o6;
    struct ows_v3_req *r1 = req_owned(20101, 11, &o1), *r2 = req_owned(20101, 12, &o2);
    struct ows_v3_req *r3 = req_owned(20101, 13, &o3), *r4 = req_owned(20102, 14, &o4);
    struct ows_v3_req *r5, *r6;
    struct ows_addr a = addr(20101);
    uint8_t b[2048];
    void *owner, *got[3];
    ows_v3_msg m;
    ows_msg pm;
    size_t n;
    int e;
    (void)state;

    m = next_try(r1, 11);
    assert_int_equal(m.usm.engine_id_len, 0);
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 3, 500, R_ENGINE, 11, NULL);
    /* r2 and r3 send nothing, first try or retry. */
    for (int i = 0; i < 2; i++) {
        assert_int_equal(ows_v3_req_encode(r2, &(ows_pdu){ .type = OWS_PDU_GET }, out,
                                           sizeof out, &off, &len), 0);
        assert_int_equal(len, 0);
        assert_int_equal(ows_v3_req_encode(r3, &(ows_pdu){ .type = OWS_PDU_GET }, out,
                                           sizeof out, &off, &len), 0);
        assert_int_equal(len, 0);
    }
    /* Another address has its own discovery. */
    m = next_try(r4, 14);
    assert_int_equal(m.usm.engine_id_len, 0);
    assert_null(ows_v3_mgr_take_ready());

    /* The probe's Report: r1 goes again, r2 and r3 are ready, once each. */
    assert_int_equal(ows_v3_mgr_receive(b, n, &a, 0, &owner, &pm, &e), OWS_V3_RESEND);
    assert_ptr_equal(owner, &o1);
    got[0] = ows_v3_mgr_take_ready();
    got[1] = ows_v3_mgr_take_ready();
    got[2] = ows_v3_mgr_take_ready();
    assert_null(got[2]);
    assert_true((got[0] == &o2 && got[1] == &o3) || (got[0] == &o3 && got[1] == &o2));
    /* And each sends the real request to the discovered engine. */
    m = next_try(r2, 12);
    assert_int_equal(m.usm.engine_id_len, sizeof E1);
    assert_int_equal(m.head.flags, AUTHPRIV | OWS_V3_FLAG_REPORTABLE);
    m = next_try(r3, 13);
    assert_int_equal(m.usm.engine_id_len, sizeof E1);
    m = next_try(r1, 11);
    assert_int_equal(m.usm.engine_id_len, sizeof E1);
    ows_v3_req_free(r1);
    ows_v3_req_free(r2);
    ows_v3_req_free(r3);

    /* r4 still probes 20102; r5 waits behind it; r4 ends (its time is
     * up): r5 probes itself on its next try, and r6 then waits on r5. */
    r5 = req_owned(20102, 15, &o5);
    assert_int_equal(ows_v3_req_encode(r5, &(ows_pdu){ .type = OWS_PDU_GET }, out, sizeof out,
                                       &off, &len), 0);
    assert_int_equal(len, 0);
    ows_v3_req_free(r4);
    m = next_try(r5, 15);
    assert_int_equal(m.usm.engine_id_len, 0);
    assert_int_equal(m.head.flags, OWS_V3_FLAG_REPORTABLE);
    r6 = req_owned(20102, 16, &o6);
    assert_int_equal(ows_v3_req_encode(r6, &(ows_pdu){ .type = OWS_PDU_GET }, out, sizeof out,
                                       &off, &len), 0);
    assert_int_equal(len, 0);
    /* A waiter that ends leaves no trace in the lists. */
    ows_v3_req_free(r6);
    n = agent(b, sizeof b, m.head.msg_id, 0, E1, sizeof E1, 3, 500, R_ENGINE, 15, NULL);
    a = addr(20102);
    assert_int_equal(ows_v3_mgr_receive(b, n, &a, 0, &owner, &pm, &e), OWS_V3_RESEND);
    assert_ptr_equal(owner, &o5);
    assert_null(ows_v3_mgr_take_ready());
    ows_v3_req_free(r5);
}

/* A target of user `name` at authPriv with these passwords; derivations
 * counts the users derived (not served by the cache) on the way. */
static struct ows_v3_target *target(const char *name, int level, const char *apw,
                                    const char *ppw, unsigned long *derivations)
{
    struct ows_v3_entry e = entry(2);
    struct ows_v3_target *t;
    unsigned long before = ows_usm_cache_derivations();
    strcpy(e.user, name);
    e.level = level;
    strcpy(e.auth_pass, apw);
    strcpy(e.priv_pass, ppw);
    assert_int_equal(ows_v3_target_new(&e, &t), 0);
    *derivations = ows_usm_cache_derivations() - before;
    return t;
}

static void test_user_cache(void **state)
{
    struct ows_v3_target *t1, *t2, *t3, *t4, *t5, *few[OWS_USM_CACHE_SLOTS + 1];
    unsigned long d;
    char name[16];
    (void)state;
    t1 = target("carol", 2, "carol-auth-pw", "carol-priv-pw", &d);
    assert_int_equal(d, 1);
    /* The second entity of the same line reuses the derived keys. */
    t2 = target("carol", 2, "carol-auth-pw", "carol-priv-pw", &d);
    assert_int_equal(d, 0);
    assert_memory_equal(&t1->user, &t2->user, sizeof t1->user);
    /* Another auth or privacy password, or level, is another user. */
    t3 = target("carol", 2, "carol-auth-pw2", "carol-priv-pw", &d);
    assert_int_equal(d, 1);
    assert_memory_not_equal(t1->user.auth_ku, t3->user.auth_ku, sizeof t1->user.auth_ku);
    t4 = target("carol", 2, "carol-auth-pw", "carol-priv-pw2", &d);
    assert_int_equal(d, 1);
    assert_memory_equal(t1->user.auth_ku, t4->user.auth_ku, sizeof t1->user.auth_ku);
    assert_memory_not_equal(t1->user.priv_ku, t4->user.priv_ku, sizeof t1->user.priv_ku);
    t5 = target("carol", 1, "carol-auth-pw", "carol-priv-pw", &d);
    assert_int_equal(d, 1);
    assert_int_equal(t5->user.level, 1);
    ows_v3_target_put(t5);
    /* The targets keep their own copies: the cache may forget (SnmpCleanup). */
    ows_usm_cache_clear();
    assert_memory_equal(&t1->user, &t2->user, sizeof t1->user);
    t5 = target("carol", 2, "carol-auth-pw", "carol-priv-pw", &d);
    assert_int_equal(d, 1);
    assert_memory_equal(&t1->user, &t5->user, sizeof t1->user);
    /* Bounded: one user more than the slots pushes the least recently used
     * (carol, just above) out; the most recent ones stay. */
    for (int i = 0; i <= OWS_USM_CACHE_SLOTS; i++) {
        snprintf(name, sizeof name, "u%d", i);
        few[i] = target(name, 0, "", "", &d);
        assert_int_equal(d, 1);
    }
    ows_v3_target_put(t5);
    t5 = target("carol", 2, "carol-auth-pw", "carol-priv-pw", &d);
    assert_int_equal(d, 1);
    ows_v3_target_put(t5);
    t5 = target("u8", 0, "", "", &d);
    assert_int_equal(d, 0);
    ows_v3_target_put(t5);
    for (int i = 0; i <= OWS_USM_CACHE_SLOTS; i++)
        ows_v3_target_put(few[i]);
    ows_v3_target_put(t1);
    ows_v3_target_put(t2);
    ows_v3_target_put(t3);
    ows_v3_target_put(t4);
    ows_usm_cache_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_discovery_and_response),
        cmocka_unit_test(test_time_resync_once),
        cmocka_unit_test(test_engine_change_once),
        cmocka_unit_test(test_reports_that_end),
        cmocka_unit_test(test_noauth_user),
        cmocka_unit_test(test_late_probe_report),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_user_cache),
        cmocka_unit_test(test_shared_discovery),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
