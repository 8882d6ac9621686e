/* test_wire_v3.c - an unchanged WinSNMP manager gets SNMPv3 (issue 13): the
 * program below uses the public API only, in TRANSLATED mode, with entity
 * names that a WSNMP_DATABASE file (written here) maps to snmpd's v3 users
 * (tests/agent/snmpd.conf). For every user (noAuthNoPriv; MD5, SHA,
 * SHA-224/256/384/512 authentication; DES, AES-128/192/256 privacy):
 *   - a GET of sysName.0 gives snmpd's value, and the reply comes back
 *     with the request's own entity and context handles;
 *   - a walk of the system group gives the same names as a v2c walk;
 *   - a SET of ifAdminStatus.1 to its value succeeds and reads back.
 * Then the failures, each within a fraction of the request's timeout and
 * with the documented notification (README "Decisions": a Report ends a
 * request with SNMPAPI_TL_UNDELIVERABLE, lParam = the request id):
 * wrong password, unknown user, a security level the user does not have;
 * and a silent address ends in SNMPAPI_TL_TIMEOUT after its retries.
 * One user also goes through a callback session and, on Windows, a
 * window-message (SnmpOpen) session. Three GETs sent at once to an agent
 * not yet discovered share one discovery and all come back at once (not
 * one timeout later). Windows' CNG has no
 * SHA-224: there its entry is refused (SNMPAPI_ENTITY_UNKNOWN), loudly. */
#include <stdatomic.h>
#include "wire.h"
#ifndef _WIN32
#  include <sys/stat.h>
#endif

#define DB_FILE "test_wire_v3.db"
/* A loopback port where nothing listens (cmake/test_ports.cmake: +90). */
#define DEAD_OFFSET 90

struct user {
    const char *name;
    const char *opts;
    int sha224;
};

static const struct user users[] = {
    { "noauthuser", "level=noAuthNoPriv", 0 },
    { "md5auth", "level=authNoPriv auth=MD5 authpass=md5password", 0 },
    { "md5des", "level=authPriv auth=MD5 authpass=md5password priv=DES privpass=despassword", 0 },
    { "shaaes", "level=authPriv auth=SHA authpass=shapassword priv=AES privpass=aespassword", 0 },
    { "s224aes", "level=authPriv auth=SHA-224 authpass=sha224password priv=AES-128 "
                 "privpass=aespassword", 1 },
    { "s256aes", "level=authPriv auth=SHA-256 authpass=sha256password priv=AES "
                 "privpass=aespassword", 0 },
    { "s384des", "level=authPriv auth=SHA-384 authpass=sha384password priv=DES "
                 "privpass=despassword", 0 },
    { "s512a256", "level=authPriv auth=SHA-512 authpass=sha512password priv=AES-256 "
                  "privpass=aespassword", 0 },
    { "sha1a192", "level=authPriv auth=SHA authpass=shapassword priv=AES-192 "
                  "privpass=aespassword", 0 },
};
#define NUSERS (sizeof users / sizeof users[0])

/* Entries that must fail, with how. */
static const struct user bad[] = {
    { "badpass", "user=s256aes level=authPriv auth=SHA-256 authpass=notthepassword priv=AES "
                 "privpass=aespassword", 0 },
    { "nouser", "user=nosuchuser level=authNoPriv auth=SHA authpass=shapassword", 0 },
    { "badlevel", "user=md5auth level=authPriv auth=MD5 authpass=md5password priv=DES "
                  "privpass=despassword", 0 },
};

#define SYSNAME "1.3.6.1.2.1.1.5.0"
#define SYSTEM "1.3.6.1.2.1.1"
#define ADMIN "1.3.6.1.2.1.2.2.1.7.1"
#define MAX_WALK 64

static int write_db(void)
{
    FILE *f = fopen(DB_FILE, "w");
    size_t i;
    if (!f)
        return 0;
    fprintf(f, "# written by test_wire_v3\n");
    for (i = 0; i < NUSERS; i++)
        fprintf(f, "v3_%s %s v3 user=%s %s\n", users[i].name, AGENT4, users[i].name,
                users[i].opts);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        fprintf(f, "v3_%s %s v3 %s\n", bad[i].name, AGENT4, bad[i].opts);
    fprintf(f, "v3_dead %s v3 user=s256aes level=authPriv auth=SHA-256 "
               "authpass=sha256password priv=AES privpass=aespassword\n", wire_addr(DEAD_OFFSET));
    fclose(f);
#ifdef _WIN32
    _putenv("WSNMP_DATABASE=" DB_FILE);
#else
    chmod(DB_FILE, 0600);
    setenv("WSNMP_DATABASE", DB_FILE, 1);
#endif
    return 1;
}

/* Sends one PDU and polls for what comes back: its status, PDU data, and
 * whether the reply carried the request's own entity and context. */
static int request(HSNMP_SESSION s, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx, smiINT type,
                   const char *oid, const smiVALUE *value, double secs, struct wire_reply *r,
                   smiINT *sent_id)
{
    smiOID name;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu;
    smiINT t, id = 0, es, ei;
    double end;
    memset(r, 0, sizeof *r);
    if (SnmpStrToOid(oid, &name) == SNMPAPI_FAILURE)
        return 0;
    vbl = SnmpCreateVbl(s, &name, value);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    pdu = SnmpCreatePdu(s, type, 0, 0, 0, vbl);
    SnmpFreeVbl(vbl);
    if (!pdu)
        return 0;
    if (SnmpSendMsg(s, 0, dst, ctx, pdu) != SNMPAPI_SUCCESS) {
        SnmpFreePdu(pdu);
        return 0;
    }
    SnmpGetPduData(pdu, &t, &id, &es, &ei, NULL);
    SnmpFreePdu(pdu);
    if (sent_id)
        *sent_id = id;
    end = wire_now() + secs;
    while (wire_now() < end) {
        HSNMP_ENTITY rs = 0, rd = 0;
        HSNMP_CONTEXT rc = 0;
        HSNMP_PDU rp = 0;
        SNMPAPI_STATUS st = SnmpRecvMsg(s, &rs, &rd, &rc, &rp);
        smiUINT32 err = st == SNMPAPI_SUCCESS ? SNMPAPI_SUCCESS : SnmpGetLastError(s);
        if (st != SNMPAPI_SUCCESS && err == SNMPAPI_NOOP) {
            wire_sleep_ms(1);
            continue;
        }
        r->status = err;
        /* The reply-handle rule: the request's own handles come back. */
        CHECK(rs == dst);
        CHECK(rc == ctx);
        if (rp) {
            SnmpGetPduData(rp, &r->type, &r->reqid, &r->err_status, &r->err_index, &r->vbl);
            SnmpFreePdu(rp);
        }
        CHECK_EQ(r->reqid, id);
        if (rs) SnmpFreeEntity(rs);
        if (rd) SnmpFreeEntity(rd);
        if (rc) SnmpFreeContext(rc);
        return 1;
    }
    return 0;
}

/* The first varbind's name (as text, into buf) and value. */
static int first_vb(HSNMP_VBL vbl, char *buf, size_t size, smiVALUE *v)
{
    smiOID o;
    if (!vbl || SnmpGetVb(vbl, 1, &o, v) == SNMPAPI_FAILURE)
        return 0;
    SnmpOidToStr(&o, (smiUINT32)size, buf);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
    return 1;
}

static void free_value(smiVALUE *v)
{
    if (v->syntax == SNMP_SYNTAX_OCTETS || v->syntax == SNMP_SYNTAX_OPAQUE ||
        v->syntax == SNMP_SYNTAX_IPADDR || v->syntax == SNMP_SYNTAX_NSAPADDR ||
        v->syntax == SNMP_SYNTAX_BITS)
        SnmpFreeDescriptor(v->syntax, (smiLPOPAQUE)&v->value.string);
    else if (v->syntax == SNMP_SYNTAX_OID)
        SnmpFreeDescriptor(v->syntax, (smiLPOPAQUE)&v->value.oid);
}

/* Walks the system group with GETNEXT; the names into names[], their count back. */
static int walk(HSNMP_SESSION s, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx, char names[][128])
{
    char cur[128] = SYSTEM;
    int n = 0;
    while (n < MAX_WALK) {
        struct wire_reply r;
        smiVALUE v;
        char next[128];
        if (!request(s, dst, ctx, SNMP_PDU_GETNEXT, cur, NULL, 10.0, &r, NULL) ||
            r.status != SNMPAPI_SUCCESS || r.err_status != 0) {
            if (r.vbl) SnmpFreeVbl(r.vbl);
            return -1;
        }
        if (!first_vb(r.vbl, next, sizeof next, &v)) {
            SnmpFreeVbl(r.vbl);
            return -1;
        }
        free_value(&v);
        SnmpFreeVbl(r.vbl);
        if (strncmp(next, SYSTEM ".", strlen(SYSTEM) + 1) || v.syntax == SNMP_SYNTAX_ENDOFMIBVIEW)
            break;
        snprintf(names[n++], 128, "%s", next);
        snprintf(cur, sizeof cur, "%s", next);
    }
    return n;
}

static HSNMP_CONTEXT context(HSNMP_SESSION s)
{
    smiOCTETS o = { 6, (smiLPBYTE)"public" };
    return SnmpStrToContext(s, &o);
}

static void one_user(HSNMP_SESSION s, const struct user *u, char ref[][128], int nref)
{
    char name[64], got[128], walked[MAX_WALK][128];
    HSNMP_ENTITY dst;
    HSNMP_CONTEXT ctx = context(s);
    struct wire_reply r;
    smiVALUE v, set;
    int n, i, ok = 0;

    snprintf(name, sizeof name, "v3_%s", u->name);
    dst = SnmpStrToEntity(s, name);
#ifdef _WIN32
    if (u->sha224) {
        /* CNG has no SHA-224: the entry is refused as the README says. */
        CHECK(dst == SNMPAPI_FAILURE);
        CHECK_EQ(SnmpGetLastError(s), SNMPAPI_ENTITY_UNKNOWN);
        printf("SKIP %s: Windows' CNG has no SHA-224 (the entry is refused, as documented)\n",
               u->name);
        SnmpFreeContext(ctx);
        return;
    }
#endif
    CHECK(dst != SNMPAPI_FAILURE && ctx != SNMPAPI_FAILURE);
    if (dst == SNMPAPI_FAILURE)
        return;
    CHECK(SnmpEntityToStr(dst, sizeof got, got) != SNMPAPI_FAILURE && !strcmp(got, name));

    /* GET */
    CHECK(request(s, dst, ctx, SNMP_PDU_GET, SYSNAME, NULL, 10.0, &r, NULL));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.type, SNMP_PDU_RESPONSE);
    CHECK_EQ(r.err_status, 0);
    if (first_vb(r.vbl, got, sizeof got, &v)) {
        CHECK(!strcmp(got, SYSNAME));
        CHECK(v.syntax == SNMP_SYNTAX_OCTETS && v.value.string.len == 16 &&
              !memcmp(v.value.string.ptr, "openwinsnmp-test", 16));
        ok = v.syntax == SNMP_SYNTAX_OCTETS;
        free_value(&v);
    } else {
        CHECK(!"GET: no varbind");
    }
    if (r.vbl) SnmpFreeVbl(r.vbl);

    /* Walk: the same names as SNMPv2c's. */
    n = walk(s, dst, ctx, walked);
    CHECK_EQ(n, nref);
    for (i = 0; i < n && i < nref; i++)
        CHECK(!strcmp(walked[i], ref[i]));

    /* SET ifAdminStatus.1 to its value, then read it back. */
    CHECK(request(s, dst, ctx, SNMP_PDU_GET, ADMIN, NULL, 10.0, &r, NULL));
    memset(&v, 0, sizeof v);
    if (!first_vb(r.vbl, got, sizeof got, &v) || v.syntax != SNMP_SYNTAX_INT)
        CHECK(!"GET ifAdminStatus.1");
    if (r.vbl) SnmpFreeVbl(r.vbl);
    set.syntax = SNMP_SYNTAX_INT;
    set.value.sNumber = v.value.sNumber;
    CHECK(request(s, dst, ctx, SNMP_PDU_SET, ADMIN, &set, 10.0, &r, NULL));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.type, SNMP_PDU_RESPONSE);
    CHECK_EQ(r.err_status, SNMP_ERROR_NOERROR);
    if (first_vb(r.vbl, got, sizeof got, &v))
        CHECK(v.syntax == SNMP_SYNTAX_INT && v.value.sNumber == set.value.sNumber);
    else
        CHECK(!"SET: no varbind");
    if (r.vbl) SnmpFreeVbl(r.vbl);
    printf("%-10s GET %s, walk %d names, SET done\n", u->name, ok ? "ok" : "FAILED", n);
    SnmpFreeEntity(dst);
    SnmpFreeContext(ctx);
}

/* A request that must end with `code` (a TL_* notification) within `max` s. */
static void must_fail(HSNMP_SESSION s, const char *name, smiUINT32 code, double max,
                      smiUINT32 timeout_cs, smiUINT32 retries)
{
    HSNMP_ENTITY dst = SnmpStrToEntity(s, name);
    HSNMP_CONTEXT ctx = context(s);
    struct wire_reply r;
    double t0, el;
    CHECK(dst != SNMPAPI_FAILURE);
    if (dst == SNMPAPI_FAILURE)
        return;
    SnmpSetTimeout(dst, timeout_cs);
    SnmpSetRetry(dst, retries);
    t0 = wire_now();
    CHECK(request(s, dst, ctx, SNMP_PDU_GET, SYSNAME, NULL, max + 5.0, &r, NULL));
    el = wire_now() - t0;
    CHECK_EQ(r.status, code);
    /* SnmpRecvMsg gives the request's PDU back with the error. */
    CHECK_EQ(r.type, SNMP_PDU_GET);
    CHECK(el < max);
    printf("%-10s ended with %lu after %.2f s\n", name, (unsigned long)r.status, el);
    if (r.vbl) SnmpFreeVbl(r.vbl);
    SnmpFreeEntity(dst);
    SnmpFreeContext(ctx);
}

static atomic_int notes;
static atomic_long last_wp, last_lp;

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                         LPARAM lp, LPVOID data)
{
    (void)s; (void)hwnd; (void)msg; (void)data;
    atomic_store(&last_wp, (long)wp);
    atomic_store(&last_lp, (long)lp);
    atomic_fetch_add(&notes, 1);
    return SNMPAPI_SUCCESS;
}

#ifdef _WIN32
#define WM_SNMP (WM_USER + 9)
static LRESULT CALLBACK wndproc(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == WM_SNMP) {
        atomic_store(&last_wp, (long)wp);
        atomic_store(&last_lp, (long)lp);
        atomic_fetch_add(&notes, 1);
        return 0;
    }
    return DefWindowProcA(h, msg, wp, lp);
}

static void pump(void)
{
    MSG m;
    while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) {
        TranslateMessage(&m);
        DispatchMessageA(&m);
    }
}
#endif

/* The notified paths, a callback or (window) a window message: a reply
 * (wParam 0) and a Report's end (wParam TL_UNDELIVERABLE), each with
 * lParam = the request id. */
static void notified_session(int window)
{
    HSNMP_SESSION s = 0;
    HSNMP_ENTITY good, badpw;
    HSNMP_CONTEXT ctx;
    HSNMP_ENTITY to[2];
    const long want[2] = { 0, SNMPAPI_TL_UNDELIVERABLE };
    int k;
#ifdef _WIN32
    HWND hwnd = NULL;
    if (window) {
        WNDCLASSA wc;
        memset(&wc, 0, sizeof wc);
        wc.lpfnWndProc = wndproc;
        wc.hInstance = GetModuleHandleA(NULL);
        wc.lpszClassName = "ows_wire_v3";
        RegisterClassA(&wc);
        hwnd = CreateWindowExA(0, "ows_wire_v3", "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL,
                               GetModuleHandleA(NULL), NULL);
        CHECK(hwnd != NULL);
        s = SnmpOpen(hwnd, WM_SNMP);
    } else
#endif
        s = SnmpCreateSession(NULL, 0, on_notify, NULL);
    good = SnmpStrToEntity(s, "v3_s256aes");
    badpw = SnmpStrToEntity(s, "v3_badpass");
    ctx = context(s);
    to[0] = good;
    to[1] = badpw;
    CHECK(s && good != SNMPAPI_FAILURE && badpw != SNMPAPI_FAILURE && ctx != SNMPAPI_FAILURE);
    for (k = 0; k < 2; k++) {
        HSNMP_PDU pdu = wire_make_get(s);
        smiINT t, id = 0, es, ei;
        double end;
        HSNMP_ENTITY rs = 0, rd = 0;
        HSNMP_CONTEXT rc = 0;
        HSNMP_PDU rp = 0;
        int before = atomic_load(&notes);
        CHECK(SnmpSendMsg(s, 0, to[k], ctx, pdu) == SNMPAPI_SUCCESS);
        SnmpGetPduData(pdu, &t, &id, &es, &ei, NULL);
        SnmpFreePdu(pdu);
        end = wire_now() + 10.0;
        while (atomic_load(&notes) == before && wire_now() < end) {
#ifdef _WIN32
            if (window)
                pump();
#endif
            wire_sleep_ms(1);
        }
        CHECK_EQ(atomic_load(&notes), before + 1);
        CHECK_EQ(atomic_load(&last_wp), want[k]);
        CHECK_EQ(atomic_load(&last_lp), id);
        CHECK(SnmpRecvMsg(s, &rs, &rd, &rc, &rp) == (want[k] ? SNMPAPI_FAILURE : SNMPAPI_SUCCESS));
        if (want[k])
            CHECK_EQ(SnmpGetLastError(s), want[k]);
        CHECK(rs == to[k] && rc == ctx && rp);
        if (rp) {
            CHECK(SnmpGetPduData(rp, &t, &es, NULL, NULL, NULL) != SNMPAPI_FAILURE);
            CHECK_EQ(t, want[k] ? SNMP_PDU_GET : SNMP_PDU_RESPONSE);
            CHECK_EQ(es, id);
            SnmpFreePdu(rp);
        }
        if (rs) SnmpFreeEntity(rs);
        if (rd) SnmpFreeEntity(rd);
        if (rc) SnmpFreeContext(rc);
    }
    printf("%s session: reply and Report notified\n", window ? "window" : "callback");
    SnmpClose(s);
#ifdef _WIN32
    if (hwnd)
        DestroyWindow(hwnd);
#endif
}

/* A fresh start (the remote engines are forgotten at the last cleanup),
 * then three GETs to the same agent at once: one discovery serves all
 * three (WSNMP_DEBUG=stats counts the requests that waited behind it),
 * and every reply is in well before the 10 s timeout that a request left
 * waiting for its own retry would need. */
static void concurrent_first(void)
{
    HSNMP_SESSION s;
    HSNMP_ENTITY dst;
    HSNMP_CONTEXT ctx;
    HSNMP_PDU pdus[3];
    smiINT ids[3];
    int got = 0, k;
    double t0, end;

    wire_startup(SNMPAPI_TRANSLATED);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    dst = SnmpStrToEntity(s, "v3_shaaes");
    ctx = context(s);
    CHECK(s && dst != SNMPAPI_FAILURE && ctx != SNMPAPI_FAILURE);
    SnmpSetTimeout(dst, 1000);
    SnmpSetRetry(dst, 1);
    for (k = 0; k < 3; k++)
        pdus[k] = wire_make_get(s);
    /* Back to back, so that the probe's Report is (usually) still on its
     * way; the sharing itself is shown by tests/unit/test_v3_manager.c. */
    t0 = wire_now();
    for (k = 0; k < 3; k++)
        CHECK(SnmpSendMsg(s, 0, dst, ctx, pdus[k]) == SNMPAPI_SUCCESS);
    for (k = 0; k < 3; k++) {
        smiINT t, es, ei;
        SnmpGetPduData(pdus[k], &t, &ids[k], &es, &ei, NULL);
        SnmpFreePdu(pdus[k]);
    }
    end = t0 + 8.0;
    while (got < 3 && wire_now() < end) {
        HSNMP_ENTITY rs = 0, rd = 0;
        HSNMP_CONTEXT rc = 0;
        HSNMP_PDU rp = 0;
        smiINT t = 0, id = 0, es = -1, ei;
        if (SnmpRecvMsg(s, &rs, &rd, &rc, &rp) != SNMPAPI_SUCCESS) {
            CHECK_EQ(SnmpGetLastError(s), SNMPAPI_NOOP);
            wire_sleep_ms(1);
            continue;
        }
        SnmpGetPduData(rp, &t, &id, &es, &ei, NULL);
        CHECK_EQ(t, SNMP_PDU_RESPONSE);
        CHECK_EQ(es, 0);
        CHECK(id == ids[0] || id == ids[1] || id == ids[2]);
        got++;
        if (rp) SnmpFreePdu(rp);
        if (rs) SnmpFreeEntity(rs);
        if (rd) SnmpFreeEntity(rd);
        if (rc) SnmpFreeContext(rc);
    }
    CHECK_EQ(got, 3);
    printf("three first requests to a new agent: %d replies in %.2f s\n", got, wire_now() - t0);
    SnmpClose(s);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
}

int main(void)
{
    HSNMP_SESSION s;
    HSNMP_ENTITY v2;
    HSNMP_CONTEXT ctx;
    char ref[MAX_WALK][128];
    int nref;
    size_t i;
    long live0;

    setvbuf(stdout, NULL, _IONBF, 0);
    CHECK(write_db());
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    live0 = wire_live_handles();
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    CHECK(s != SNMPAPI_FAILURE);

    /* The reference: the system group's names by SNMPv2c. */
    v2 = SnmpStrToEntity(s, AGENT4);
    ctx = context(s);
    nref = walk(s, v2, ctx, ref);
    CHECK(nref >= 7);
    SnmpFreeEntity(v2);
    SnmpFreeContext(ctx);

    CHECK(SnmpSetTranslateMode(SNMPAPI_TRANSLATED) == SNMPAPI_SUCCESS);
    for (i = 0; i < NUSERS; i++)
        one_user(s, &users[i], ref, nref);

    /* Reports end a request at once; 5 s x 4 tries would be the timeout. */
    must_fail(s, "v3_badpass", SNMPAPI_TL_UNDELIVERABLE, 4.0, 500, 3);
    must_fail(s, "v3_nouser", SNMPAPI_TL_UNDELIVERABLE, 4.0, 500, 3);
    must_fail(s, "v3_badlevel", SNMPAPI_TL_UNDELIVERABLE, 4.0, 500, 3);
    /* Nobody there: discovery probes go unanswered until the timeout. */
    must_fail(s, "v3_dead", SNMPAPI_TL_TIMEOUT, 3.0, 50, 2);
    notified_session(0);
#ifdef _WIN32
    notified_session(1);
#endif

    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    if (live0 >= 0)
        CHECK_EQ(wire_live_handles(), live0);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    concurrent_first();
    remove(DB_FILE);
    if (wire_failures)
        printf("test_wire_v3: %d failures\n", wire_failures);
    else
        printf("test_wire_v3: all passed\n");
    return wire_failures ? 1 : 0;
}
