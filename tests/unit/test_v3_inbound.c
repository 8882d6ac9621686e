/* test_v3_inbound.c - the agent and receiver side of SNMPv3
 * (core/v3_local.h, core/v3_inbound.h) without sockets: messages a manager
 * or a trap sender would send, built with the codec, go through
 * ows_v3_in_take; each of RFC 3414 3.2's failures is counted and, when the
 * message is reportable, answered with the right Report (our engine ID,
 * boots and time, the counter's OID and value; authenticated for
 * usmStatsNotInTimeWindows); a valid request opens with its security
 * state, and its reply decodes and verifies with the user's keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/translate.h"
#include "core/usm_user.h"
#include "core/v3_codec.h"
#include "core/v3_inbound.h"
#include "core/v3_local.h"
#include "core/v3_mib.h"
#include "core/v3_trap.h"

#define HEAD 64                      /* the caller's room, as the engine's item */
static const uint8_t sender[8] = { 0x80, 0, 0, 0, 1, 2, 3, 4 };
static char path[64];
static uint8_t local[32];
static uint32_t local_len;

static void write_db(const char *text)
{
    FILE *f;
    int fd;
    strcpy(path, "/tmp/ows-v3in-XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, 0600), 0);
}

static int setup(void **state)
{
    (void)state;
    write_db("# the agent's users\n"
             "@engine engineid=0x80000000050102030405060708\n"
             "@user user=guest level=noAuthNoPriv\n"
             "@user user=ops level=authNoPriv auth=SHA-256 authpass=ops-password\n"
             "@user user=admin level=authPriv auth=SHA authpass=admin-auth priv=AES "
             "privpass=admin-priv\n"
             "@user user=olddes level=authPriv auth=MD5 authpass=des-auth-pw priv=DES "
             "privpass=des-priv-pw\n"
             "@user user=trapper engine=0x8000000001020304 level=authNoPriv auth=MD5 "
             "authpass=trap-password\n"
             "# a manager's view of the same users (v3 entity lines)\n"
             "m-ops x v3 user=ops level=authNoPriv auth=SHA-256 authpass=ops-password\n"
             "m-admin x v3 user=admin level=authPriv auth=SHA authpass=admin-auth priv=AES "
             "privpass=admin-priv\n"
             "m-des x v3 user=olddes level=authPriv auth=MD5 authpass=des-auth-pw priv=DES "
             "privpass=des-priv-pw\n"
             "m-bad x v3 user=admin level=authPriv auth=SHA authpass=wrong-auth priv=AES "
             "privpass=admin-priv\n"
             "m-badpriv x v3 user=admin level=authPriv auth=SHA authpass=admin-auth priv=AES "
             "privpass=wrong-priv\n"
             "m-trap x v3 user=trapper level=authNoPriv auth=MD5 authpass=trap-password\n");
    setenv("WSNMP_DATABASE", path, 1);
    assert_int_equal(ows_v3_local_load(NULL), 5);
    ows_v3_local_id(local, &local_len);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ows_v3_local_clear();
    unlink(path);
    return 0;
}

/* The keys a manager holds for database entity `name` at `engine`. */
static void keys_of(const char *name, const uint8_t *engine, size_t elen, ows_v3_keys *k)
{
    struct ows_v3_entry e;
    struct ows_usm_user u;
    assert_int_equal(ows_translate_v3(name, &e), 1);
    assert_int_equal(ows_usm_user_from_entry(&e, &u), 0);
    assert_int_equal(ows_usm_user_keys(&u, engine, elen, k), 0);
    ows_usm_user_clear(&u);
}

struct out {
    uint8_t buf[2048];
    size_t off, len;
};

/* A message of `type` from `user` with the n variables vbs: flags give the
 * level (plus reportable). */
static void build_vbs(struct out *o, const char *user, uint8_t flags, const ows_v3_keys *k,
                      const uint8_t *engine, size_t elen, int32_t boots, int32_t time,
                      int32_t type, ows_varbind *vbs, uint32_t n)
{
    ows_pdu pdu;
    ows_v3_head h = { 4242, 65507, flags, OWS_V3_MODEL_USM };
    ows_v3_usm u;
    ows_v3_scoped sc;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = type;
    pdu.request_id = 777;
    pdu.vbl.items = vbs;
    pdu.vbl.count = n;
    memset(&u, 0, sizeof u);
    if (elen)
        memcpy(u.engine_id, engine, elen);
    u.engine_id_len = (uint32_t)elen;
    u.engine_boots = boots;
    u.engine_time = time;
    u.user_len = (uint32_t)strlen(user);
    memcpy(u.user, user, u.user_len);
    if (flags & OWS_V3_FLAG_PRIV) {
        memset(u.priv, 0x11, 8);
        u.priv_len = 8;
    }
    memset(&sc, 0, sizeof sc);
    sc.context_engine_id = engine;
    sc.context_engine_id_len = elen;
    sc.context_name = (const uint8_t *)"ctx";
    sc.context_name_len = 3;
    sc.pdu = &pdu;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, (flags & OWS_V3_FLAG_AUTH) ? k : NULL, o->buf,
                                   sizeof o->buf, &o->off, &o->len), 0);
}

/* The same with one variable, sysName.0. */
static void build(struct out *o, const char *user, uint8_t flags, const ows_v3_keys *k,
                  const uint8_t *engine, size_t elen, int32_t boots, int32_t time, int32_t type)
{
    static uint32_t ids[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    ows_varbind vb;
    memset(&vb, 0, sizeof vb);
    vb.name.ids = ids;
    vb.name.len = 9;
    vb.value.syntax = OWS_SYN_NULL;
    build_vbs(o, user, flags, k, engine, elen, boots, time, type, &vb, 1);
}

static void now(int32_t *boots, int32_t *time)
{
    ows_v3_local_clock(boots, time);
}

/* Takes o; expects failure `err`, counter `which` one up, and (report) a
 * Report naming that counter, with our engine, checked with keys when the
 * Report must be authenticated. */
static void expect_fail(const struct out *o, int err, int which, int report, const ows_v3_keys *k)
{
    uint8_t rep[OWS_V3_REPORT_MAX];
    size_t roff, rlen;
    struct ows_v3_in *st;
    uint32_t before = ows_v3_stat(which);
    ows_msg m;
    assert_int_equal(ows_v3_in_take(o->buf + o->off, o->len, &m, HEAD, NULL, 0, &st, rep, &roff,
                                    &rlen), err);
    assert_null(st);
    assert_null(m.pdu.vbl.arena);
    assert_int_equal(ows_v3_stat(which), before + 1);
    if (!report) {
        assert_int_equal(rlen, 0);
        return;
    }
    {
        ows_v3_msg v;
        ows_msg pm;
        uint8_t ce[32];
        uint32_t ce_len;
        int32_t boots, time;
        assert_true(rlen > 0);
        assert_int_equal(ows_v3_decode(rep + roff, rlen, &v), 0);
        assert_int_equal(v.head.msg_id, 4242);
        assert_int_equal(v.head.flags & OWS_V3_FLAG_REPORTABLE, 0);
        assert_int_equal(!!(v.head.flags & OWS_V3_FLAG_AUTH), k != NULL);
        assert_int_equal(v.head.flags & OWS_V3_FLAG_PRIV, 0);
        assert_memory_equal(v.usm.engine_id, local, local_len);
        assert_int_equal(v.usm.engine_id_len, local_len);
        now(&boots, &time);
        assert_int_equal(v.usm.engine_boots, boots);
        assert_true(v.usm.engine_time <= time && v.usm.engine_time >= time - 2);
        if (k)
            assert_int_equal(ows_usm_auth_check(k->auth, k->auth_key, rep + roff, rlen,
                                                v.usm.auth_at), 0);
        assert_int_equal(ows_v3_open_scoped(&v, NULL, NULL, 0, &pm, ce, &ce_len), 0);
        assert_int_equal(pm.pdu.type, OWS_PDU_REPORT);
        assert_int_equal(pm.pdu.vbl.count, 1);
        assert_int_equal(pm.pdu.vbl.items[0].name.len, 11);
        assert_int_equal(pm.pdu.vbl.items[0].name.ids[6], 15);
        assert_int_equal(pm.pdu.vbl.items[0].name.ids[9],
                         (uint32_t)(which - OWS_V3S_UNSUPPORTED_LEVELS + 1));
        assert_int_equal(pm.pdu.vbl.items[0].value.syntax, OWS_SYN_CNTR32);
        assert_int_equal(pm.pdu.vbl.items[0].value.v.u, before + 1);
        assert_int_equal(ce_len, local_len);
        ows_msg_free(&pm);
    }
}

static void test_local_engine(void **state)
{
    static const uint8_t want[] = { 0x80, 0, 0, 0, 5, 1, 2, 3, 4, 5, 6, 7, 8 };
    int32_t boots, time;
    (void)state;
    assert_int_equal(local_len, sizeof want);
    assert_memory_equal(local, want, sizeof want);
    now(&boots, &time);
    /* Seconds since 2024 at the first use: well past 1 by now. */
    assert_true(boots > 10000000);
    assert_true(time >= 0 && time < 600);
}

static void test_reports(void **state)
{
    struct out o;
    ows_v3_keys k, bad;
    int32_t boots, time;
    uint8_t r = OWS_V3_FLAG_REPORTABLE;
    (void)state;
    now(&boots, &time);
    /* Discovery: empty engine ID and user. */
    build(&o, "", r, NULL, NULL, 0, 0, 0, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_UNKNOWN_ENGINES, 1, NULL);
    /* An engine nobody configured. */
    build(&o, "admin", r, NULL, (const uint8_t *)"\x80\0\0\0\5zzzz", 9, 0, 0, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_UNKNOWN_ENGINES, 1, NULL);
    build(&o, "nobody", r, NULL, local, local_len, boots, time, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_UNKNOWN_USERS, 1, NULL);
    /* admin is authPriv; a noAuthNoPriv or authNoPriv request is refused. */
    build(&o, "admin", r, NULL, local, local_len, boots, time, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_UNSUPPORTED_LEVELS, 1, NULL);
    keys_of("m-admin", local, local_len, &k);
    bad = k;
    bad.priv = OWS_USM_PRIV_NONE;
    build(&o, "admin", r | OWS_V3_FLAG_AUTH, &bad, local, local_len, boots, time, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_UNSUPPORTED_LEVELS, 1, NULL);
    /* A wrong auth password. */
    keys_of("m-bad", local, local_len, &bad);
    build(&o, "admin", r | OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV, &bad, local, local_len, boots,
          time, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_WRONG_DIGEST, OWS_V3S_WRONG_DIGESTS, 1, NULL);
    /* Out of the window: other boots, time too far either way; the Report
     * is authenticated with the user's key so that the time can be trusted. */
    build(&o, "admin", r | 3, &k, local, local_len, boots - 1, time, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_NOT_IN_TIME, 1, &k);
    build(&o, "admin", r | 3, &k, local, local_len, boots, time + 200, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_NOT_IN_TIME, 1, &k);
    build(&o, "admin", r | 3, &k, local, local_len, 0, 0, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_NOT_IN_TIME, 1, &k);
    /* A wrong privacy password: what it decrypts does not decode. */
    keys_of("m-badpriv", local, local_len, &bad);
    build(&o, "admin", r | 3, &bad, local, local_len, boots, time, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_DECRYPT, OWS_V3S_DECRYPTION_ERRORS, 1, NULL);
    /* Not reportable (a trap): counted, no Report. */
    build(&o, "nobody", 0, NULL, local, local_len, boots, time, OWS_PDU_TRAP);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_UNKNOWN_USERS, 0, NULL);
    ows_wipe(&k, sizeof k);
    ows_wipe(&bad, sizeof bad);
}

/* Opens our reply to build()'s request with the manager's keys: msgID,
 * digest, request-id, contextName checked; *back to be freed. */
static void open_reply(const uint8_t *msg, size_t len, uint8_t flags, const ows_v3_keys *k,
                       ows_msg *back)
{
    uint8_t ce[32];
    uint32_t ce_len;
    ows_v3_msg v;
    assert_int_equal(ows_v3_decode(msg, len, &v), 0);
    assert_int_equal(v.head.msg_id, 4242);
    assert_int_equal(v.head.flags, flags);
    assert_memory_equal(v.usm.engine_id, local, local_len);
    if (flags & OWS_V3_FLAG_AUTH)
        assert_int_equal(ows_usm_auth_check(k->auth, k->auth_key, msg, len, v.usm.auth_at), 0);
    assert_int_equal(ows_v3_open_scoped(&v, k, NULL, 0, back, ce, &ce_len), 0);
    assert_int_equal(back->pdu.type, OWS_PDU_RESPONSE);
    assert_int_equal(back->pdu.request_id, 777);
    assert_int_equal(back->community.len, 3);
}

/* A valid request at each level opens, with its security state; the reply
 * encodes with it and verifies with the manager's keys. */
static void one_request(const char *entity, const char *user, uint8_t flags)
{
    struct out o;
    ows_v3_keys k;
    uint8_t rep[OWS_V3_REPORT_MAX], block[1024], reply[2048];
    size_t roff, rlen, off, len;
    struct ows_v3_in *st;
    int32_t boots, time;
    ows_msg m, back;

    memset(&k, 0, sizeof k);
    if (entity)
        keys_of(entity, local, local_len, &k);
    now(&boots, &time);
    build(&o, user, flags | OWS_V3_FLAG_REPORTABLE, &k, local, local_len, boots, time,
          OWS_PDU_GET);
    assert_int_equal(ows_v3_in_take(o.buf + o.off, o.len, &m, HEAD, block, sizeof block, &st,
                                    rep, &roff, &rlen), 0);
    assert_int_equal(rlen, 0);
    assert_ptr_equal(m.pdu.vbl.arena, block);
    assert_ptr_equal((uint8_t *)st, block + HEAD);
    assert_int_equal(m.version, OWS_SNMPV3);
    assert_int_equal(m.pdu.type, OWS_PDU_GET);
    assert_int_equal(m.pdu.request_id, 777);
    assert_int_equal(m.community.len, 3);
    assert_memory_equal(m.community.ptr, "ctx", 3);
    assert_int_equal(st->msg_id, 4242);
    assert_int_equal(st->user_len, strlen(user));
    assert_memory_equal(st->user, user, st->user_len);
    assert_int_equal(st->level, flags & 2 ? OWS_USM_AUTHPRIV : flags & 1 ? OWS_USM_AUTHNOPRIV
                                                                           : OWS_USM_NOAUTH);
    assert_int_equal(st->context_name_len, 3);
    assert_int_equal(st->context_engine_len, local_len);

    m.pdu.type = OWS_PDU_RESPONSE;
    assert_int_equal(ows_v3_in_encode_reply(st, &m.pdu, reply, sizeof reply, &off, &len), 0);
    open_reply(reply + off, len, flags, &k, &back);
    ows_msg_free(&back);
    /* A reply beyond the request's msgMaxSize, or beyond the buffer, goes
     * as tooBig with no varbinds (RFC 3416 4.2.1); one that fits does not. */
    {
        static uint8_t big[600];
        ows_varbind vb = m.pdu.vbl.items[0];
        ows_pdu p = m.pdu;
        size_t i, caps[3] = { sizeof reply, sizeof reply, 700 };
        int32_t maxes[3] = { 484, 65507, 65507 };
        vb.value.syntax = OWS_SYN_OCTETS;
        vb.value.v.str.ptr = big;
        vb.value.v.str.len = sizeof big;
        p.vbl.items = &vb;
        p.vbl.count = 1;
        p.error_status = p.error_index = 0;
        for (i = 0; i < 3; i++) {
            int too_big = i != 1;
            st->max_size = maxes[i];
            assert_int_equal(ows_v3_in_encode_reply(st, &p, reply, caps[i], &off, &len), 0);
            assert_true(len <= (size_t)st->max_size && off + len <= caps[i]);
            open_reply(reply + off, len, flags, &k, &back);
            assert_int_equal(back.pdu.error_status, too_big ? 1 : 0);
            assert_int_equal(back.pdu.error_index, 0);
            assert_int_equal(back.pdu.vbl.count, too_big ? 0 : 1);
            ows_msg_free(&back);
        }
        /* Even tooBig beyond it (a limit below RFC 3412's 484, which the
         * decoder refuses; here set by hand): nothing to send. */
        st->max_size = 60;
        assert_int_equal(ows_v3_in_encode_reply(st, &p, reply, sizeof reply, &off, &len),
                         OWS_E_TL_PDU_TOO_BIG);
    }
    m.pdu.vbl.arena = NULL;   /* in `block`, on the stack */
    ows_wipe(&k, sizeof k);
}

static void test_requests(void **state)
{
    (void)state;
    one_request(NULL, "guest", 0);
    one_request("m-ops", "ops", OWS_V3_FLAG_AUTH);
    one_request("m-admin", "admin", OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV);
    one_request("m-des", "olddes", OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV);
}

/* A trap from a sender's engine, with that engine's user; the sender's
 * clock is tracked: an older one is a replay. Its user sends traps only. */
static void test_traps(void **state)
{
    struct out o;
    ows_v3_keys k;
    uint8_t rep[OWS_V3_REPORT_MAX];
    size_t roff, rlen;
    struct ows_v3_in *st;
    ows_msg m;
    (void)state;
    keys_of("m-trap", sender, sizeof sender, &k);
    build(&o, "trapper", OWS_V3_FLAG_AUTH, &k, sender, sizeof sender, 7, 1000, OWS_PDU_TRAP);
    assert_int_equal(ows_v3_in_take(o.buf + o.off, o.len, &m, HEAD, NULL, 0, &st, rep, &roff,
                                    &rlen), 0);
    assert_int_equal(m.pdu.type, OWS_PDU_TRAP);
    ows_msg_free(&m);
    /* Later: fine; much earlier, or older boots: replays. */
    build(&o, "trapper", OWS_V3_FLAG_AUTH, &k, sender, sizeof sender, 7, 1100, OWS_PDU_TRAP);
    assert_int_equal(ows_v3_in_take(o.buf + o.off, o.len, &m, HEAD, NULL, 0, &st, rep, &roff,
                                    &rlen), 0);
    ows_msg_free(&m);
    build(&o, "trapper", OWS_V3_FLAG_AUTH, &k, sender, sizeof sender, 7, 900, OWS_PDU_TRAP);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_NOT_IN_TIME, 0, NULL);
    build(&o, "trapper", OWS_V3_FLAG_AUTH, &k, sender, sizeof sender, 6, 5000, OWS_PDU_TRAP);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_NOT_IN_TIME, 0, NULL);
    /* The sender's user asking a GET of us: not its engine's to answer. */
    build(&o, "trapper", OWS_V3_FLAG_AUTH, &k, sender, sizeof sender, 7, 1100, OWS_PDU_GET);
    expect_fail(&o, OWS_E_USM_PARAMS, OWS_V3S_UNKNOWN_PDU_HANDLERS, 0, NULL);
    /* The same into a caller's heap block: refused, the block left to
     * its owner (freeing it here would be a double free under ASan). */
    {
        uint8_t rep2[OWS_V3_REPORT_MAX];
        void *block = malloc(1024);
        assert_non_null(block);
        assert_int_equal(ows_v3_in_take(o.buf + o.off, o.len, &m, HEAD, block, 1024, &st, rep2,
                                        &roff, &rlen), OWS_E_USM_PARAMS);
        memset(block, 0x5a, 1024);
        free(block);
    }
    ows_wipe(&k, sizeof k);
}

/* Cut, flipped and foreign messages: counted, never a crash or a leak. */
static void test_bad_input(void **state)
{
    struct out o;
    ows_v3_keys k;
    uint8_t rep[OWS_V3_REPORT_MAX], copy[2048];
    size_t roff, rlen, n;
    struct ows_v3_in *st;
    int32_t boots, time;
    ows_msg m;
    (void)state;
    keys_of("m-admin", local, local_len, &k);
    now(&boots, &time);
    build(&o, "admin", 7, &k, local, local_len, boots, time, OWS_PDU_GET);
    assert_true(ows_v3_is_msg(o.buf + o.off, o.len));
    for (n = 0; n < o.len; n++) {
        uint32_t parse = ows_v3_stat(OWS_V3S_PARSE_ERRS) + ows_v3_stat(OWS_V3S_INVALID_MSGS);
        assert_int_not_equal(ows_v3_in_take(o.buf + o.off, n, &m, HEAD, NULL, 0, &st, rep, &roff,
                                            &rlen), 0);
        assert_int_equal(ows_v3_stat(OWS_V3S_PARSE_ERRS) + ows_v3_stat(OWS_V3S_INVALID_MSGS),
                         parse + 1);
    }
    for (n = 0; n < o.len; n++) {
        memcpy(copy, o.buf + o.off, o.len);
        copy[n] ^= 0x40;
        if (ows_v3_in_take(copy, o.len, &m, HEAD, NULL, 0, &st, rep, &roff, &rlen) == 0)
            ows_msg_free(&m);   /* a flip inside a length that still decodes */
        assert_true(rlen <= OWS_V3_REPORT_MAX);
    }
    /* A v2c message is not SNMPv3. */
    assert_false(ows_v3_is_msg((const uint8_t *)"\x30\x05\x02\x01\x01\x04\x00", 7));
    ows_wipe(&k, sizeof k);
}

/* The @engine/@user lines: a bad one is skipped, the rest still load; a
 * database without @engine keeps the process's engine ID. */
static void test_reload(void **state)
{
    uint8_t id[32];
    uint32_t len;
    (void)state;
    write_db("@user user=a level=authNoPriv auth=SHA\n"        /* no authpass: unusable */
             "@user user=b level=noAuthNoPriv\n");
    setenv("WSNMP_DATABASE", path, 1);
    assert_int_equal(ows_v3_local_load(NULL), 1);
    ows_v3_local_id(id, &len);
    assert_int_equal(len, local_len);
    assert_memory_equal(id, local, len);
    unlink(path);
    assert_int_equal(ows_v3_local_load("/nonexistent/db"), 0);
}

/* Our traps to a database v3 entity: our engine authoritative, the
 * entity's user and level, keys localised to our engine ID; a fresh msgID
 * and salt each time; nothing but a TRAP, and no trap to a name that is
 * not a v3 line. */
static void test_traps_sent(void **state)
{
    static uint32_t ids[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };
    uint8_t buf[1024], ce[32];
    size_t off, len;
    int32_t first_id = 0;
    uint32_t ce_len;
    ows_v3_keys k;
    ows_varbind vb;
    ows_pdu pdu;
    ows_v3_msg v;
    ows_msg back;
    (void)state;
    memset(&vb, 0, sizeof vb);
    vb.name.ids = ids;
    vb.name.len = 9;
    vb.value.syntax = OWS_SYN_TIMETICKS;
    vb.value.v.u = 42;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = OWS_PDU_TRAP;
    pdu.request_id = 9;
    pdu.vbl.items = &vb;
    pdu.vbl.count = 1;
    keys_of("m-admin", local, local_len, &k);
    for (int round = 0; round < 2; round++) {
        assert_int_equal(ows_v3_encode_trap("m-admin", &pdu, buf, sizeof buf, &off, &len), 0);
        assert_int_equal(ows_v3_decode(buf + off, len, &v), 0);
        assert_int_equal(v.head.flags, OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV);
        assert_int_equal(v.usm.engine_id_len, local_len);
        assert_memory_equal(v.usm.engine_id, local, local_len);
        assert_int_equal(v.usm.user_len, 5);
        assert_memory_equal(v.usm.user, "admin", 5);
        if (round)
            assert_int_not_equal(v.head.msg_id, first_id);
        first_id = v.head.msg_id;
        assert_int_equal(ows_usm_auth_check(k.auth, k.auth_key, buf + off, len, v.usm.auth_at),
                         0);
        assert_int_equal(ows_v3_open_scoped(&v, &k, NULL, 0, &back, ce, &ce_len), 0);
        assert_int_equal(back.pdu.type, OWS_PDU_TRAP);
        assert_int_equal(back.pdu.vbl.items[0].value.v.u, 42);
        assert_int_equal(back.community.len, 0);
        assert_int_equal(ce_len, local_len);
        ows_msg_free(&back);
    }
    assert_int_equal(ows_v3_encode_trap("no-such-entity", &pdu, buf, sizeof buf, &off, &len),
                     OWS_E_ENTITY_UNKNOWN);
    pdu.type = OWS_PDU_GET;
    assert_int_equal(ows_v3_encode_trap("m-admin", &pdu, buf, sizeof buf, &off, &len),
                     OWS_E_OPERATION_INVALID);
    ows_wipe(&k, sizeof k);
}

/* GETs of snmpEngine, snmpMPDStats and usmStats objects only are answered
 * by the library (v3_mib.h), with v3_local.h's values; any other request
 * is the application's. */
static void engine_objects(const char *entity, const char *user, uint8_t flags)
{
    static uint32_t names[][12] = {
        { 11, 1, 3, 6, 1, 6, 3, 10, 2, 1, 1, 0 },     /* snmpEngineID.0 */
        { 11, 1, 3, 6, 1, 6, 3, 10, 2, 1, 2, 0 },     /* snmpEngineBoots.0 */
        { 11, 1, 3, 6, 1, 6, 3, 10, 2, 1, 3, 0 },     /* snmpEngineTime.0 */
        { 11, 1, 3, 6, 1, 6, 3, 10, 2, 1, 4, 0 },     /* snmpEngineMaxMessageSize.0 */
        { 11, 1, 3, 6, 1, 6, 3, 15, 1, 1, 3, 0 },     /* usmStatsUnknownUserNames.0 */
        { 11, 1, 3, 6, 1, 6, 3, 15, 1, 1, 6, 0 },     /* usmStatsDecryptionErrors.0 */
        { 11, 1, 3, 6, 1, 6, 3, 11, 2, 1, 2, 0 },     /* snmpInvalidMsgs.0 */
        { 11, 1, 3, 6, 1, 6, 3, 15, 1, 1, 7, 0 },     /* no such object */
        { 10, 1, 3, 6, 1, 6, 3, 15, 1, 1, 2 },        /* usmStatsNotInTimeWindows, no .0 */
        { 9, 1, 3, 6, 1, 6, 3, 10, 2, 1 },            /* the subtree itself */
        { 9, 1, 3, 6, 1, 2, 1, 1, 5, 0 },             /* sysName.0: not ours */
    };
    enum { N = 10 };
    static const uint32_t syntax[N] = {
        OWS_SYN_OCTETS, OWS_SYN_INT, OWS_SYN_INT, OWS_SYN_INT, OWS_SYN_CNTR32, OWS_SYN_CNTR32,
        OWS_SYN_CNTR32, OWS_SYN_NOSUCHOBJECT, OWS_SYN_NOSUCHINSTANCE, OWS_SYN_NOSUCHOBJECT };
    ows_varbind vbs[OWS_V3_MIB_MAX_VBS + 1];
    struct out o;
    ows_v3_keys k;
    uint8_t rep[OWS_V3_REPORT_MAX], reply[2048];
    size_t roff, rlen, off, len, i;
    struct ows_v3_in *st;
    int32_t boots, time;
    uint32_t unknown_users, decryption, invalid;
    ows_msg m, back;

    memset(&k, 0, sizeof k);
    if (entity)
        keys_of(entity, local, local_len, &k);
    memset(vbs, 0, sizeof vbs);
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        vbs[i].name.len = names[i][0];
        vbs[i].name.ids = names[i] + 1;
        vbs[i].value.syntax = OWS_SYN_NULL;
    }
    /* Counters that are not all zero. */
    ows_v3_stat_bump(OWS_V3S_UNKNOWN_USERS);
    ows_v3_stat_bump(OWS_V3S_INVALID_MSGS);
    unknown_users = ows_v3_stat(OWS_V3S_UNKNOWN_USERS);
    decryption = ows_v3_stat(OWS_V3S_DECRYPTION_ERRORS);
    invalid = ows_v3_stat(OWS_V3S_INVALID_MSGS);

    now(&boots, &time);
    build_vbs(&o, user, flags, &k, local, local_len, boots, time, OWS_PDU_GET, vbs, N);
    assert_int_equal(ows_v3_in_take(o.buf + o.off, o.len, &m, HEAD, NULL, 0, &st, rep, &roff,
                                    &rlen), 0);
    assert_int_equal(ows_v3_mib_answer(&m.pdu, st, reply, sizeof reply, &off, &len), 1);
    ows_msg_free(&m);
    open_reply(reply + off, len, flags, &k, &back);
    assert_int_equal(back.pdu.error_status, 0);
    assert_int_equal(back.pdu.vbl.count, N);
    for (i = 0; i < N; i++) {
        const ows_varbind *b = &back.pdu.vbl.items[i];
        assert_int_equal(b->name.len, names[i][0]);
        assert_memory_equal(b->name.ids, names[i] + 1, b->name.len * sizeof(uint32_t));
        assert_int_equal(b->value.syntax, syntax[i]);
    }
    assert_int_equal(back.pdu.vbl.items[0].value.v.str.len, local_len);
    assert_memory_equal(back.pdu.vbl.items[0].value.v.str.ptr, local, local_len);
    assert_int_equal(back.pdu.vbl.items[1].value.v.i, boots);
    assert_in_range(back.pdu.vbl.items[2].value.v.i, time, time + 2);
    assert_int_equal(back.pdu.vbl.items[3].value.v.i, 65507);
    assert_true(unknown_users > 0 && invalid > 0);
    assert_int_equal(back.pdu.vbl.items[4].value.v.u, unknown_users);
    assert_int_equal(back.pdu.vbl.items[5].value.v.u, decryption);
    assert_int_equal(back.pdu.vbl.items[6].value.v.u, invalid);
    ows_msg_free(&back);

    /* The application's: a GET naming another object too, a GETNEXT, a
     * GET of more than OWS_V3_MIB_MAX_VBS variables. */
    {
        static const struct { int32_t type; uint32_t first, n; } theirs[] = {
            { OWS_PDU_GET, 5, 6 }, { OWS_PDU_GETNEXT, 0, 4 }, { OWS_PDU_GET, 0, 0 } };
        for (i = 0; i < 3; i++) {
            uint32_t first = theirs[i].first, n = theirs[i].n, j;
            if (!n) {   /* the first name, OWS_V3_MIB_MAX_VBS + 1 times */
                for (j = 0; j <= OWS_V3_MIB_MAX_VBS; j++)
                    vbs[j] = vbs[0];
                n = OWS_V3_MIB_MAX_VBS + 1;
            }
            build_vbs(&o, user, flags, &k, local, local_len, boots, time, theirs[i].type,
                      vbs + first, n);
            assert_int_equal(ows_v3_in_take(o.buf + o.off, o.len, &m, HEAD, NULL, 0, &st, rep,
                                            &roff, &rlen), 0);
            assert_int_equal(ows_v3_mib_answer(&m.pdu, st, reply, sizeof reply, &off, &len),
                             0);
            ows_msg_free(&m);
        }
    }
    ows_wipe(&k, sizeof k);
}

static void test_engine_objects(void **state)
{
    (void)state;
    engine_objects(NULL, "guest", 0);
    engine_objects("m-admin", "admin", OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_local_engine),
        cmocka_unit_test(test_reports),
        cmocka_unit_test(test_requests),
        cmocka_unit_test(test_traps),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_traps_sent),
        cmocka_unit_test(test_engine_objects),
        cmocka_unit_test(test_reload),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
