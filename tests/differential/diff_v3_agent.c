/* diff_v3_agent.c - our SNMPv3 codec and USM against net-snmp's snmpd on the
 * wire (the wire tests' agent, tests/agent/snmpd.conf's v3 users), with
 * plain UDP sockets and no engine: the codec's own proof before the engine
 * uses it.
 *
 *  1. Discovery (RFC 3414 4): a noAuthNoPriv GET with an empty engine ID
 *     brings a Report of usmStatsUnknownEngineIDs with the agent's engine
 *     ID, boots and time.
 *  2. For every user (each level, each auth and priv protocol): a GET of
 *     sysName.0 that we encode, sign and encrypt; snmpd answers, and we
 *     verify, decrypt and decode its Response.
 *  3. Errors as the RFC says: wrong auth password -> usmStatsWrongDigests;
 *     unknown user -> usmStatsUnknownUserNames; engine time far off ->
 *     usmStatsNotInTimeWindows (authenticated, with the right time, which a
 *     manager resyncs from). Discovery's own Report already gives the time
 *     (net-snmp fills it in), so the stale request is sent 1000 s ahead.
 * Usage: diff_v3_agent PORT. Exit 0 only if all of it holds.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "core/v3_codec.h"
#include "core/msg_codec.h"
#include "core/error.h"

static int fd, failures;
static uint8_t engine[32];
static uint32_t engine_len;
static int32_t boots, etime;
static int32_t next_id = 1000;

#define CHECK(cond, what) do { if (!(cond)) { \
    printf("FAIL %s: %s (line %d)\n", what, #cond, __LINE__); failures++; return; } } while (0)

struct user {
    const char *name;
    int auth;
    const char *apw;
    int priv;
    const char *ppw;
};

static void make_keys(const struct user *u, const char *apw, ows_v3_keys *k)
{
    uint8_t ku[OWS_USM_KEY_MAX], kul[OWS_USM_KEY_MAX];
    memset(k, 0, sizeof *k);
    k->auth = u->auth;
    k->priv = u->priv;
    if (u->auth) {
        ows_usm_password_to_key(u->auth, (const uint8_t *)apw, strlen(apw), ku);
        ows_usm_localize_key(u->auth, ku, engine, engine_len, k->auth_key);
    }
    if (u->priv) {
        ows_usm_password_to_key(u->auth, (const uint8_t *)u->ppw, strlen(u->ppw), ku);
        ows_usm_localize_key(u->auth, ku, engine, engine_len, kul);
        ows_usm_priv_key(u->auth, u->priv, kul, k->priv_key, k->preiv);
    }
}

/* Sends one GET of sysName.0 (or of nothing) and waits up to 2 s for the
 * answer to its msgID; 0 when one came, with its envelope in *m and its
 * bytes in buf. */
static int exchange(const struct user *u, const ows_v3_keys *k, int32_t use_time, int with_vb,
                    uint8_t *buf, size_t cap, size_t *got, ows_v3_msg *m)
{
    static const uint32_t sysname[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    ows_varbind vb;
    ows_pdu pdu;
    ows_v3_head h = { next_id++, 65507, OWS_V3_FLAG_REPORTABLE, OWS_V3_MODEL_USM };
    ows_v3_usm usm;
    ows_v3_scoped sc = { engine, engine_len, NULL, 0, &pdu };
    uint8_t out[2048];
    size_t off, len;
    uint64_t salt;

    memset(&vb, 0, sizeof vb);
    vb.name.ids = (uint32_t *)sysname;
    vb.name.len = 9;
    vb.value.syntax = OWS_SYN_NULL;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = OWS_PDU_GET;
    pdu.request_id = h.msg_id;
    pdu.vbl.items = with_vb ? &vb : NULL;
    pdu.vbl.count = with_vb ? 1 : 0;
    memset(&usm, 0, sizeof usm);
    memcpy(usm.engine_id, engine, engine_len);
    usm.engine_id_len = engine_len;
    usm.engine_boots = boots;
    usm.engine_time = use_time;
    usm.user_len = (uint32_t)strlen(u->name);
    memcpy(usm.user, u->name, usm.user_len);
    salt = 0x0102030400000000ull + (uint64_t)h.msg_id;
    for (int i = 0; i < 8; i++)
        usm.priv[i] = (uint8_t)(salt >> (56 - 8 * i));
    if (u->auth)
        h.flags |= OWS_V3_FLAG_AUTH;
    if (u->priv)
        h.flags |= OWS_V3_FLAG_PRIV;
    if (ows_v3_encode(&h, &usm, &sc, u->auth ? k : NULL, out, sizeof out, &off, &len))
        return -1;
    if (send(fd, out + off, len, 0) != (ssize_t)len)
        return -1;
    for (int tries = 0; tries < 5; tries++) {
        struct pollfd p = { fd, POLLIN, 0 };
        ssize_t n;
        if (poll(&p, 1, 2000) <= 0)
            return -1;
        n = recv(fd, buf, cap, 0);
        if (n <= 0)
            return -1;
        *got = (size_t)n;
        if (ows_v3_decode(buf, *got, m) == 0 && m->head.msg_id == h.msg_id)
            return 0;
    }
    return -1;
}

/* The first varbind's OID is usmStats.<which>.0 (1.3.6.1.6.3.15.1.1.x.0). */
static int is_usm_stat(const ows_msg *pm, uint32_t which)
{
    static const uint32_t base[] = { 1, 3, 6, 1, 6, 3, 15, 1, 1 };
    const ows_oid *o;
    if (pm->pdu.type != OWS_PDU_REPORT || pm->pdu.vbl.count < 1)
        return 0;
    o = &pm->pdu.vbl.items[0].name;
    return o->len == 11 && !memcmp(o->ids, base, sizeof base) && o->ids[9] == which &&
           o->ids[10] == 0;
}

/* One request as user u (keys from apw) at engine time t, and its answer:
 * with `secure`, verified (when u authenticates) and opened with u's keys,
 * else opened as a plain (unauthenticated Report) message. 0 on success;
 * *m keeps the answer's header and security parameters. */
static int ask(const struct user *u, const char *apw, int32_t t, int with_vb, int secure,
               ows_msg *pm, ows_v3_msg *m)
{
    uint8_t buf[2048], ctx[32];
    uint32_t ctx_len;
    size_t n;
    ows_v3_keys k;
    make_keys(u, apw, &k);
    if (exchange(u, &k, t, with_vb, buf, sizeof buf, &n, m))
        return -1;
    if (secure && u->auth && (!(m->head.flags & OWS_V3_FLAG_AUTH) ||
                              ows_usm_auth_check(u->auth, k.auth_key, buf, n, m->usm.auth_at)))
        return -2;
    if (!secure && (m->head.flags & OWS_V3_FLAG_PRIV))
        return -3;
    return ows_v3_open_scoped(m, secure ? &k : NULL, NULL, 0, pm, ctx, &ctx_len) ? -4 : 0;
}

static void discover(void)
{
    static const struct user nobody = { "", OWS_USM_AUTH_NONE, NULL, OWS_USM_PRIV_NONE, NULL };
    ows_v3_msg m;
    ows_msg pm;
    int stat;
    engine_len = 0;
    boots = etime = 0;
    CHECK(ask(&nobody, NULL, 0, 0, 0, &pm, &m) == 0, "discovery");
    stat = is_usm_stat(&pm, 4);
    ows_msg_free(&pm);
    CHECK(stat, "discovery: usmStatsUnknownEngineIDs");
    CHECK(m.usm.engine_id_len >= 5, "discovery");
    memcpy(engine, m.usm.engine_id, m.usm.engine_id_len);
    engine_len = m.usm.engine_id_len;
    boots = m.usm.engine_boots;
    etime = m.usm.engine_time;
    printf("ok   discovery: engine ID of %u octets, boots %d, time %d\n", engine_len, boots, etime);
}

/* An authenticated request 1000 s ahead (outside the 150 s window whatever
 * the agent's clock) earns an authenticated Report of
 * usmStatsNotInTimeWindows with the right time (RFC 3414 3.2 step 7). */
static void stale_time(const struct user *u)
{
    ows_v3_msg m;
    ows_msg pm;
    int stat;
    CHECK(ask(u, u->apw, etime + 1000, 0, 1, &pm, &m) == 0, "stale time");
    stat = is_usm_stat(&pm, 2);
    ows_msg_free(&pm);
    CHECK(stat, "stale time: usmStatsNotInTimeWindows");
    boots = m.usm.engine_boots;
    etime = m.usm.engine_time;
    printf("ok   time 1000 s off: authenticated Report usmStatsNotInTimeWindows.0 with boots %d, "
           "time %d\n", boots, etime);
}

static void get_as(const struct user *u)
{
    ows_v3_msg m;
    ows_msg pm;
    const ows_value *v;
    int ok;

    CHECK(ask(u, u->apw, etime, 1, 1, &pm, &m) == 0, u->name);
    v = pm.pdu.vbl.count == 1 ? &pm.pdu.vbl.items[0].value : NULL;
    ok = pm.pdu.type == OWS_PDU_RESPONSE && pm.pdu.error_status == 0 && v &&
         v->syntax == OWS_SYN_OCTETS && v->v.str.len == 16 &&
         !memcmp(v->v.str.ptr, "openwinsnmp-test", 16);
    ows_msg_free(&pm);
    CHECK(ok, u->name);
    CHECK(m.usm.user_len == strlen(u->name) && !memcmp(m.usm.user, u->name, m.usm.user_len),
          u->name);
    CHECK(!!(m.head.flags & OWS_V3_FLAG_PRIV) == (u->priv != 0), u->name);
    printf("ok   %s: GET sysName.0 = \"openwinsnmp-test\"\n", u->name);
}

/* A request that snmpd must refuse with the unauthenticated Report
 * usmStats.<which>.0 (RFC 3414 3.2). */
static void refused(const struct user *u, const char *apw, uint32_t which, const char *what)
{
    ows_v3_msg m;
    ows_msg pm;
    int stat;
    CHECK(ask(u, apw, etime, 1, 0, &pm, &m) == 0, what);
    stat = is_usm_stat(&pm, which);
    ows_msg_free(&pm);
    CHECK(stat, what);
    printf("ok   %s: Report usmStats.%u.0\n", what, which);
}

int main(int argc, char **argv)
{
    static const struct user users[] = {
        { "noauthuser", OWS_USM_AUTH_NONE, NULL, OWS_USM_PRIV_NONE, NULL },
        { "md5auth", OWS_USM_AUTH_MD5, "md5password", OWS_USM_PRIV_NONE, NULL },
        { "md5des", OWS_USM_AUTH_MD5, "md5password", OWS_USM_PRIV_DES, "despassword" },
        { "shaaes", OWS_USM_AUTH_SHA1, "shapassword", OWS_USM_PRIV_AES128, "aespassword" },
        { "s224aes", OWS_USM_AUTH_SHA224, "sha224password", OWS_USM_PRIV_AES128, "aespassword" },
        { "s256aes", OWS_USM_AUTH_SHA256, "sha256password", OWS_USM_PRIV_AES128, "aespassword" },
        { "s384des", OWS_USM_AUTH_SHA384, "sha384password", OWS_USM_PRIV_DES, "despassword" },
        { "s512a256", OWS_USM_AUTH_SHA512, "sha512password", OWS_USM_PRIV_AES256, "aespassword" },
        { "sha1a192", OWS_USM_AUTH_SHA1, "shapassword", OWS_USM_PRIV_AES192, "aespassword" },
    };
    static const struct user ghost = { "ghost", OWS_USM_AUTH_SHA1, "shapassword",
                                       OWS_USM_PRIV_NONE, NULL };
    struct sockaddr_in to;

    if (argc < 2) {
        printf("usage: diff_v3_agent PORT\n");
        return 2;
    }
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons((uint16_t)atoi(argv[1]));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof to) != 0) {
        perror("socket");
        return 1;
    }
    discover();
    if (!failures)
        stale_time(&users[1]);
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        get_as(&users[i]);
    if (!failures) {
        refused(&users[3], "wrong-password", 5, "wrong auth password");
        refused(&ghost, "shapassword", 3, "unknown user");
    }
    close(fd);
    printf("%s\n", failures ? "FAILED" : "all exchanges as expected");
    return failures ? 1 : 0;
}
