/* translate_v3.c - the SNMPv3 entries of the TRANSLATED-mode database
 * (format in translate.h): parsing, validation, line-numbered problems that
 * never show a password, and the permission warning. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/translate.h"
#include "core/usm.h"
#include "core/error.h"
#include "core/trace.h"
#include "platform.h"

#define MAX_V3_FIELDS 16
#define LINE_MAX_LEN 2048

void ows_wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

struct name_val { const char *name; int val; };

static const struct name_val auth_names[] = {
    { "MD5", OWS_USM_AUTH_MD5 }, { "SHA", OWS_USM_AUTH_SHA1 }, { "SHA1", OWS_USM_AUTH_SHA1 },
    { "SHA-1", OWS_USM_AUTH_SHA1 }, { "SHA-224", OWS_USM_AUTH_SHA224 },
    { "SHA-256", OWS_USM_AUTH_SHA256 }, { "SHA-384", OWS_USM_AUTH_SHA384 },
    { "SHA-512", OWS_USM_AUTH_SHA512 }, { NULL, 0 }
};
static const struct name_val priv_names[] = {
    { "DES", OWS_USM_PRIV_DES }, { "AES", OWS_USM_PRIV_AES128 },
    { "AES-128", OWS_USM_PRIV_AES128 }, { "AES128", OWS_USM_PRIV_AES128 },
    { "AES-192", OWS_USM_PRIV_AES192 }, { "AES192", OWS_USM_PRIV_AES192 },
    { "AES-256", OWS_USM_PRIV_AES256 }, { "AES256", OWS_USM_PRIV_AES256 }, { NULL, 0 }
};
static const struct name_val level_names[] = {
    { "noAuthNoPriv", 0 }, { "authNoPriv", 1 }, { "authPriv", 2 }, { NULL, 0 }
};

static int lookup(const struct name_val *t, const char *s, int *out)
{
    for (; t->name; t++) {
        size_t i = 0;
        while (t->name[i] && tolower((unsigned char)t->name[i]) == tolower((unsigned char)s[i]))
            i++;
        if (!t->name[i] && !s[i]) {
            *out = t->val;
            return 1;
        }
    }
    return 0;
}

static int hex_value(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int parse_hex(const char *s, uint8_t *out, size_t max, uint32_t *n)
{
    size_t len;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    len = strlen(s);
    if (len % 2 || len / 2 > max)
        return 0;
    for (size_t i = 0; i < len / 2; i++) {
        int hi = hex_value(s[2 * i]), lo = hex_value(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return 0;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *n = (uint32_t)(len / 2);
    return 1;
}

struct checker {
    ows_translate_report report;
    void *ctx;
    unsigned line;
    int problems;              /* the entry's errors */
    int warnings;              /* the file's permissions */
};

static void problem(struct checker *c, const char *fmt, const char *arg)
{
    char msg[200];
    snprintf(msg, sizeof msg, fmt, arg);
    c->problems++;
    c->report(c->ctx, c->line, msg);
}

/* Field keys, in the order of the seen[] flags. */
enum { K_USER, K_LEVEL, K_AUTH, K_AUTHPASS, K_PRIV, K_PRIVPASS, K_CONTEXT, K_ENGINE,
       K_AUTHORITATIVE, K_COUNT };
static const char *const keys[K_COUNT] = {
    "user", "level", "auth", "authpass", "priv", "privpass", "context", "contextengine",
    "engine"
};

static int key_of(const char *f, size_t klen)
{
    for (int k = 0; k < K_COUNT; k++) {
        size_t i = 0;
        if (strlen(keys[k]) != klen)
            continue;
        while (i < klen && tolower((unsigned char)f[i]) == keys[k][i])
            i++;
        if (i == klen)
            return k;
    }
    return -1;
}

static void copy_pass(struct checker *c, const char *what, const char *v, char *out)
{
    size_t n = strlen(v);
    /* Neither the password nor its length goes into the message. */
    if (n < OWS_V3_PASS_MIN)
        problem(c, "%s is shorter than 8 characters (RFC 3414 11.2)", what);
    else if (n > OWS_V3_PASS_MAX)
        problem(c, "%s is longer than 256 characters", what);
    else
        memcpy(out, v, n + 1);
}

static void unavailable(struct checker *c, const char *what, int kind, int alg)
{
    const char *why = ows_crypto_unavailable(kind, alg);
    char msg[200];
    if (why) {
        snprintf(msg, sizeof msg, "%s protocol not available here: %s", what, why);
        problem(c, "%s", msg);
    }
}

/* The key=value fields of a v3 line (f[0] name, f[1] address, f[2] "v3",
 * then from f[3]) or of an @user line (from f[1]; user_line set). */
static void parse_entry(struct checker *c, char **f, int n, int user_line, struct ows_v3_entry *e)
{
    int seen[K_COUNT] = { 0 };
    int first = user_line ? 1 : 3;
    memset(e, 0, sizeof *e);
    if (n > MAX_V3_FIELDS) {
        problem(c, "more than %s fields", "16");
        return;
    }
    if (!user_line && strlen(f[1]) >= sizeof e->addr)
        problem(c, "the address is longer than %s characters", "255");
    else if (!user_line)
        memcpy(e->addr, f[1], strlen(f[1]) + 1);
    for (int i = first; i < n; i++) {
        const char *eq = strchr(f[i], '='), *v;
        char key[24];
        int k;
        if (!eq) {
            /* Never echoed: it may be a password that lost its key. */
            char num[12];
            snprintf(num, sizeof num, "%d", i + 1);
            problem(c, "field %s is not key=value", num);
            continue;
        }
        v = eq + 1;
        k = key_of(f[i], (size_t)(eq - f[i]));
        if (k < 0) {
            snprintf(key, sizeof key, "%.*s", (int)(eq - f[i] < 20 ? eq - f[i] : 20), f[i]);
            problem(c, "unknown key '%s'", key);
            continue;
        }
        if (seen[k]++) {
            problem(c, "'%s' given twice", keys[k]);
            continue;
        }
        /* engine= names a user's authoritative engine (@user lines only);
         * an entity's context belongs to requests, not to a local user. */
        if (user_line ? (k == K_CONTEXT || k == K_ENGINE) : k == K_AUTHORITATIVE) {
            problem(c, user_line ? "'%s' does not belong on an @user line"
                                 : "'%s' belongs on @user lines only", keys[k]);
            continue;
        }
        switch (k) {
        case K_USER:
            if (!*v || strlen(v) > 32)
                problem(c, "user must have 1 to 32 characters%s", "");
            else
                memcpy(e->user, v, strlen(v) + 1);
            break;
        case K_LEVEL:
            if (!lookup(level_names, v, &e->level))
                problem(c, "unknown level '%.40s' (noAuthNoPriv, authNoPriv, authPriv)", v);
            break;
        case K_AUTH:
            if (!lookup(auth_names, v, &e->auth))
                problem(c, "unknown auth protocol '%.40s' (MD5, SHA, SHA-224, SHA-256, SHA-384, "
                        "SHA-512)", v);
            break;
        case K_PRIV:
            if (!lookup(priv_names, v, &e->priv))
                problem(c, "unknown priv protocol '%.40s' (DES, AES, AES-192, AES-256)", v);
            break;
        case K_AUTHPASS:
            copy_pass(c, "authpass", v, e->auth_pass);
            break;
        case K_PRIVPASS:
            copy_pass(c, "privpass", v, e->priv_pass);
            break;
        case K_CONTEXT:
            if (strlen(v) > 32)
                problem(c, "context is longer than 32 characters%s", "");
            else
                memcpy(e->context, v, strlen(v) + 1);
            break;
        case K_ENGINE:
            if (!parse_hex(v, e->context_engine, sizeof e->context_engine,
                           &e->context_engine_len) || e->context_engine_len < 5)
                problem(c, "contextengine must be 5 to 32 octets in hex%s", "");
            break;
        case K_AUTHORITATIVE:
            if (!parse_hex(v, e->engine, sizeof e->engine, &e->engine_len) ||
                e->engine_len < 5)
                problem(c, "engine must be 5 to 32 octets in hex%s", "");
            break;
        }
    }
    if (!seen[K_USER])
        problem(c, "no user= (the security name)%s", "");
    if (!seen[K_LEVEL]) {
        problem(c, "no level= (noAuthNoPriv, authNoPriv or authPriv)%s", "");
        return;
    }
    /* The level decides which protocol fields belong. */
    {
        static const char *const level_text[3] = { "noAuthNoPriv", "authNoPriv", "authPriv" };
        int want_auth = e->level >= 1, want_priv = e->level == 2;
        const int fk[4] = { K_AUTH, K_AUTHPASS, K_PRIV, K_PRIVPASS };
        const int want[4] = { want_auth, want_auth, want_priv, want_priv };
        for (int j = 0; j < 4; j++) {
            char msg[64];
            if (want[j] == !!seen[fk[j]])
                continue;
            snprintf(msg, sizeof msg, "level %s %s %s=", level_text[e->level],
                     want[j] ? "needs" : "does not take", keys[fk[j]]);
            problem(c, "%s", msg);
        }
    }
    /* An algorithm this platform's crypto library lacks makes the entry
     * unusable here: say so now, not at the first request. */
    if (e->auth && seen[K_AUTH])
        unavailable(c, "auth", 0, ows_usm_auth_hash(e->auth));
    if (e->priv && seen[K_PRIV]) {
        static const int ciph[OWS_USM_PRIV_COUNT_] = { -1, OWS_CIPHER_DES_CBC,
            OWS_CIPHER_AES128_CFB, OWS_CIPHER_AES192_CFB, OWS_CIPHER_AES256_CFB };
        unavailable(c, "priv", 1, ciph[e->priv]);
    }
}

/* An @engine line: "@engine engineid=HEX". */
static void parse_engine(struct checker *c, char **f, int n, struct ows_v3_entry *e)
{
    memset(e, 0, sizeof *e);
    if (n != 2 || strncmp(f[1], "engineid=", 9))
        problem(c, "@engine takes one field, engineid=HEX%s", "");
    else if (!parse_hex(f[1] + 9, e->engine, sizeof e->engine, &e->engine_len) ||
             e->engine_len < 5)
        problem(c, "engineid must be 5 to 32 octets in hex%s", "");
}

/* What a scan does with the lines it reads. */
struct scan_job {
    const char *name;                  /* a v3 entity's name, or NULL: every line */
    struct ows_v3_entry *e;            /* that entity's entry */
    ows_translate_local_fn local;      /* NULL, or gets each valid @engine/@user line */
    void *local_ctx;
};

static void permission_warning(struct checker *c, const char *path)
{
    char msg[200];
    c->warnings++;
    snprintf(msg, sizeof msg, "%s can be read by other users and holds SNMPv3 "
             "passwords (chmod 600 it)", path);
    c->report(c->ctx, 0, msg);
}

/* One line's fields: 1 when it was the job's named entity. */
static int scan_line(struct checker *c, char **f, int n, const struct scan_job *job,
                     struct ows_v3_entry *scratch, const char *path, int *warned)
{
    int kind = 0, before = c->problems;
    if (n >= 1 && !job->name && !strcmp(f[0], "@engine"))
        kind = OWS_LOCAL_ENGINE;
    else if (n >= 1 && !job->name && !strcmp(f[0], "@user"))
        kind = OWS_LOCAL_USER;
    else if (n < 3 || strcmp(f[2], "v3") || (job->name && strcmp(f[0], job->name)))
        return 0;
    if (!*warned && ows_plat_file_private(path) == 0) {
        *warned = 1;
        permission_warning(c, path);
    }
    if (kind == OWS_LOCAL_ENGINE)
        parse_engine(c, f, n, scratch);
    else
        parse_entry(c, f, n, kind == OWS_LOCAL_USER, job->name ? job->e : scratch);
    if (kind && job->local && c->problems == before)
        job->local(job->local_ctx, kind, scratch);
    return job->name != NULL;
}

/* Reads the database; with job->name, stops at that name's v3 line (its
 * problems only), else checks every v3, @engine and @user line. Returns 1
 * when name's line was found. */
static int scan(const char *path, const struct scan_job *job, struct checker *c)
{
    char line[LINE_MAX_LEN];
    char *f[MAX_V3_FIELDS + 1];
    struct ows_v3_entry scratch;
    int found = 0, warned = 0;
    FILE *fp = fopen(path, "r");

    c->line = 0;
    if (!fp) {
        problem(c, "cannot open the database %s", path);
        return 0;
    }
    /* Bounded: a database is small; stop after 100,000 lines. */
    while (!found && c->line < 100000 && fgets(line, sizeof line, fp)) {
        size_t len = strlen(line);
        int n;
        c->line++;
        if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(fp)) {
            int ch;
            /* The rest of an over-long line is skipped, not read as a line. */
            while ((ch = fgetc(fp)) != EOF && ch != '\n')
                ;
            n = ows_translate_split(line, f, MAX_V3_FIELDS);
            if ((n >= 3 && !strcmp(f[2], "v3") && (!job->name || !strcmp(f[0], job->name))) ||
                (n >= 1 && !job->name && f[0][0] == '@')) {
                problem(c, "line longer than %s characters", "2046");
                found = job->name != NULL;
                if (found)
                    memset(job->e, 0, sizeof *job->e);
            }
            ows_wipe(line, sizeof line);
            continue;
        }
        n = ows_translate_split(line, f, MAX_V3_FIELDS);
        found = scan_line(c, f, n, job, &scratch, path, &warned);
        ows_wipe(line, sizeof line);
        ows_wipe(&scratch, sizeof scratch);
    }
    fclose(fp);
    return found;
}

static void count_only(void *ctx, unsigned line, const char *msg)
{
    (void)ctx;
    (void)line;
    (void)msg;
}

int ows_translate_v3_check(const char *path, ows_translate_report report, void *ctx)
{
    struct checker c = { report ? report : count_only, ctx, 0, 0, 0 };
    struct scan_job job = { NULL, NULL, NULL, NULL };
    scan(path, &job, &c);
    return c.problems + c.warnings;
}

int ows_translate_local(const char *path, ows_translate_local_fn fn, void *fn_ctx,
                        ows_translate_report report, void *ctx)
{
    struct checker c = { report ? report : count_only, ctx, 0, 0, 0 };
    struct scan_job job = { NULL, NULL, fn, fn_ctx };
    scan(path, &job, &c);
    return c.problems + c.warnings;
}

void ows_translate_to_trace(void *ctx, unsigned line, const char *msg)
{
    const char *path = ctx;
    if (line)
        OWS_WARN("WSNMP_DATABASE %s line %u: %s", path, line, msg);
    else
        OWS_WARN("WSNMP_DATABASE: %s", msg);
}

int ows_translate_v3(const char *name, struct ows_v3_entry *e)
{
    const char *path = ows_plat_getenv("WSNMP_DATABASE");
    struct checker c;
    int found;

    if (!path || !*path || !name || !*name)
        return 0;
    c.report = ows_translate_to_trace;
    c.ctx = (void *)path;
    c.problems = 0;
    c.warnings = 0;
    {
        /* A missing file is an empty database, not a problem to report. */
        FILE *fp = fopen(path, "r");
        if (!fp)
            return 0;
        fclose(fp);
    }
    {
        struct scan_job job = { name, e, NULL, NULL };
        found = scan(path, &job, &c);
    }
    if (!found)
        return 0;
    /* The permission warning alone does not make the entry unusable. */
    if (c.problems) {
        ows_wipe(e, sizeof *e);
        return OWS_E_ENTITY_UNKNOWN;
    }
    return 1;
}
