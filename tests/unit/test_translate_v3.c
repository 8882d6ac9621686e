/* test_translate_v3.c - the SNMPv3 entries of the TRANSLATED-mode database
 * (core/translate.h): valid entries at each level, every validation rule
 * with its line number, no password in any message or in the trace, the
 * permission warning, and the legacy entries left as they were. */
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
#include "core/translate.h"
#include "core/usm.h"
#include "core/error.h"
#include "core/trace.h"

#define SECRET "Zq9-secret-Zq9"     /* every password below contains it */

static char path[64];

static void write_db(const char *text, mode_t mode)
{
    FILE *f;
    int fd;
    strcpy(path, "/tmp/ows-v3db-XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
    setenv("WSNMP_DATABASE", path, 1);
}

struct report { unsigned line[64]; char msg[64][200]; int n; };

static void collect(void *ctx, unsigned line, const char *msg)
{
    struct report *r = ctx;
    assert_true(r->n < 64);
    r->line[r->n] = line;
    snprintf(r->msg[r->n], sizeof r->msg[0], "%s", msg);
    r->n++;
    /* The rule of rules: no password, nor a piece of one, in a message. */
    assert_null(strstr(msg, "Zq9"));
}

/* Whether a problem containing `text` was reported for `line`. */
static int has(const struct report *r, unsigned line, const char *text)
{
    for (int i = 0; i < r->n; i++)
        if (r->line[i] == line && strstr(r->msg[i], text))
            return 1;
    return 0;
}

static void test_valid_entries(void **state)
{
    struct ows_v3_entry e;
    struct report r = { .n = 0 };
    write_db("# SNMPv3 users\n"
             "plain 10.0.0.1 v3 user=guest level=noAuthNoPriv\n"
             "signed 10.0.0.2:1161 v3 user=ops level=authNoPriv auth=sha-256 authpass=a" SECRET "\n"
             "secret [::1]:161 v3 level=AUTHPRIV user=admin auth=SHA authpass=b" SECRET
             " priv=AES privpass=c" SECRET " context=ctx contextengine=0x80001F8880e9630000d61ff449\n"
             "old 10.0.0.9 v2c\n", 0600);
    assert_int_equal(ows_translate_v3_check(path, collect, &r), 0);

    assert_int_equal(ows_translate_v3("plain", &e), 1);
    assert_string_equal(e.addr, "10.0.0.1");
    assert_string_equal(e.user, "guest");
    assert_int_equal(e.level, 0);
    assert_int_equal(e.auth, OWS_USM_AUTH_NONE);

    assert_int_equal(ows_translate_v3("signed", &e), 1);
    assert_string_equal(e.addr, "10.0.0.2:1161");
    assert_int_equal(e.level, 1);
    assert_int_equal(e.auth, OWS_USM_AUTH_SHA256);
    assert_string_equal(e.auth_pass, "a" SECRET);
    assert_int_equal(e.priv, OWS_USM_PRIV_NONE);

    assert_int_equal(ows_translate_v3("secret", &e), 1);
    assert_string_equal(e.addr, "[::1]:161");
    assert_int_equal(e.level, 2);
    assert_int_equal(e.auth, OWS_USM_AUTH_SHA1);
    assert_int_equal(e.priv, OWS_USM_PRIV_AES128);
    assert_string_equal(e.priv_pass, "c" SECRET);
    assert_string_equal(e.context, "ctx");
    assert_int_equal(e.context_engine_len, 13);
    assert_memory_equal(e.context_engine, "\x80\x00\x1f\x88\x80\xe9\x63\x00\x00\xd6\x1f\xf4\x49", 13);

    /* Not v3 entries: a legacy line, an unknown name. */
    assert_int_equal(ows_translate_v3("old", &e), 0);
    assert_int_equal(ows_translate_v3("nobody", &e), 0);
    unlink(path);
    /* No database: nothing found, nothing reported. */
    assert_int_equal(ows_translate_v3("plain", &e), 0);
    unsetenv("WSNMP_DATABASE");
    assert_int_equal(ows_translate_v3("plain", &e), 0);
}

static void test_problems_by_line(void **state)
{
    struct report r = { .n = 0 };
    struct ows_v3_entry e;
    int count;
    write_db("# line 1\n"
             "a 1.1.1.1 v3 level=noAuthNoPriv\n"                                   /* 2 */
             "b 1.1.1.1 v3 user=u\n"                                               /* 3 */
             "c 1.1.1.1 v3 user=u level=authNoPriv\n"                              /* 4 */
             "d 1.1.1.1 v3 user=u level=noAuthNoPriv auth=MD5 authpass=" SECRET "\n" /* 5 */
             "e 1.1.1.1 v3 user=u level=authPriv auth=MD5 authpass=x" SECRET
             " priv=RC4 privpass=y" SECRET "\n"                                    /* 6 */
             "f 1.1.1.1 v3 user=u level=authNoPriv auth=SHA-257 authpass=" SECRET "\n" /* 7 */
             "g 1.1.1.1 v3 user=u level=authNoPriv auth=MD5 authpass=Zq9shrt\n"   /* 8 */
             "h 1.1.1.1 v3 user=u level=authNoPriv auth=MD5 " SECRET "\n"          /* 9 */
             "i 1.1.1.1 v3 user=u level=secure\n"                                  /* 10 */
             "j 1.1.1.1 v3 user=u user=v level=noAuthNoPriv\n"                     /* 11 */
             "k 1.1.1.1 v3 user=u level=noAuthNoPriv colour=blue\n"                /* 12 */
             "l 1.1.1.1 v3 user=0123456789012345678901234567890123 level=noAuthNoPriv\n" /* 13 */
             "m 1.1.1.1 v3 user=u level=noAuthNoPriv contextengine=0x0102\n"       /* 14 */
             "n 1.1.1.1 v3 user=u level=noAuthNoPriv contextengine=zz0102030405\n" /* 15 */
             "o 1.1.1.1 v3 user=u level=noAuthNoPriv "
             "context=0123456789012345678901234567890123\n"                        /* 16 */
             "ok 1.1.1.1 v3 user=u level=noAuthNoPriv\n",                          /* 17 */
             0600);
    count = ows_translate_v3_check(path, collect, &r);
    assert_int_equal(count, r.n);
    assert_true(has(&r, 2, "no user="));
    assert_true(has(&r, 3, "no level="));
    assert_true(has(&r, 4, "needs auth="));
    assert_true(has(&r, 4, "needs authpass="));
    assert_true(has(&r, 5, "does not take auth="));
    assert_true(has(&r, 5, "does not take authpass="));
    assert_true(has(&r, 6, "unknown priv protocol 'RC4'"));
    assert_true(has(&r, 7, "unknown auth protocol 'SHA-257'"));
    assert_true(has(&r, 8, "authpass is shorter than 8"));
    assert_true(has(&r, 9, "field 7 is not key=value"));
    assert_true(has(&r, 10, "unknown level 'secure'"));
    assert_true(has(&r, 11, "'user' given twice"));
    assert_true(has(&r, 12, "unknown key 'colour'"));
    assert_true(has(&r, 13, "user must have 1 to 32"));
    assert_true(has(&r, 14, "contextengine must be 5 to 32"));
    assert_true(has(&r, 15, "contextengine must be 5 to 32"));
    assert_true(has(&r, 16, "context is longer than 32"));
    for (int i = 0; i < r.n; i++)
        assert_true(r.line[i] >= 2 && r.line[i] <= 16);

    /* A bad entry is never used, and its secrets do not linger in *e. */
    memset(&e, 0x55, sizeof e);
    assert_int_equal(ows_translate_v3("e", &e), OWS_E_ENTITY_UNKNOWN);
    for (size_t i = 0; i < sizeof e.auth_pass; i++)
        assert_int_equal(e.auth_pass[i], 0);
    assert_int_equal(ows_translate_v3("ok", &e), 1);
    unlink(path);
}

static void test_long_line(void **state)
{
    static char text[5000];
    struct report r = { .n = 0 };
    struct ows_v3_entry e;
    strcpy(text, "long 1.1.1.1 v3 user=u level=noAuthNoPriv context=");
    memset(text + strlen(text), 'x', 3000);
    strcat(text, "\nnext 1.1.1.1 v3 user=u level=noAuthNoPriv\n");
    write_db(text, 0600);
    assert_int_equal(ows_translate_v3_check(path, collect, &r), 1);
    assert_true(has(&r, 1, "line longer than"));
    /* The line after it is read as line 2 and is fine. */
    assert_int_equal(ows_translate_v3("long", &e), OWS_E_ENTITY_UNKNOWN);
    assert_int_equal(ows_translate_v3("next", &e), 1);
    unlink(path);
}

static void test_permissions(void **state)
{
    struct report r = { .n = 0 };
    struct ows_v3_entry e;
    write_db("s 1.1.1.1 v3 user=u level=authNoPriv auth=MD5 authpass=" SECRET "\n", 0644);
    assert_int_equal(ows_translate_v3_check(path, collect, &r), 1);
    assert_true(has(&r, 0, "can be read by other users"));
    /* A warning, not an error: the entry is still used. */
    assert_int_equal(ows_translate_v3("s", &e), 1);
    assert_int_equal(chmod(path, 0600), 0);
    r.n = 0;
    assert_int_equal(ows_translate_v3_check(path, collect, &r), 0);
    unlink(path);
    r.n = 0;
    assert_int_equal(ows_translate_v3_check(path, collect, &r), 1);
    assert_true(has(&r, 0, "cannot open"));
}

/* The trace itself (WSNMP_DEBUG=warn, stderr into a file) carries the
 * line-numbered problem and never the password. */
static void test_trace_has_no_secret(void **state)
{
    char tpath[] = "/tmp/ows-v3trace-XXXXXX", buf[4096];
    struct ows_v3_entry e;
    int tfd = mkstemp(tpath), saved = dup(2);
    size_t n;
    FILE *f;

    assert_true(tfd >= 0 && saved >= 0);
    write_db("x 1.1.1.1 v3 user=u level=authNoPriv auth=MD7 authpass=" SECRET " "
             SECRET "\n", 0644);
    setenv("WSNMP_DEBUG", "warn", 1);
    ows_trace_init();
    fflush(stderr);
    dup2(tfd, 2);
    assert_int_equal(ows_translate_v3("x", &e), OWS_E_ENTITY_UNKNOWN);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    f = fopen(tpath, "r");
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    close(tfd);
    unlink(tpath);
    unlink(path);
    assert_non_null(strstr(buf, "line 1: unknown auth protocol 'MD7'"));
    assert_non_null(strstr(buf, "line 1: field 8 is not key=value"));
    assert_non_null(strstr(buf, "can be read by other users"));
    assert_null(strstr(buf, "Zq9"));
}

/* The local engine's lines (@engine, @user): valid ones reach the callback
 * with their fields, each problem is reported with its line and without a
 * password, and the entity/context lookups never read them. */
struct locals { int engines, users; char names[8][33]; uint32_t engine_len[8]; };

static void on_local(void *ctx, int kind, const struct ows_v3_entry *e)
{
    struct locals *l = ctx;
    if (kind == OWS_LOCAL_ENGINE) {
        assert_int_equal(e->engine_len, 9);
        l->engines++;
        return;
    }
    assert_int_equal(kind, OWS_LOCAL_USER);
    assert_true(l->users < 8);
    snprintf(l->names[l->users], 33, "%s", e->user);
    l->engine_len[l->users++] = e->engine_len;
}

static void test_local_lines(void **state)
{
    struct report r = { .n = 0 };
    struct locals l;
    char addr[64];
    uint32_t version;
    uint8_t com[64];
    size_t com_len;
    int problems;
    (void)state;
    memset(&l, 0, sizeof l);
    write_db("@engine engineid=0x800000000501020304\n"
             "@user user=admin level=authPriv auth=SHA authpass=a" SECRET " priv=AES privpass=b"
             SECRET "\n"
             "@user user=trap engine=0x8000000001020304 level=noAuthNoPriv\n"
             "@user user=bad level=authNoPriv auth=SHA\n"                          /* 4 */
             "@user user=ctx level=noAuthNoPriv context=x\n"                       /* 5 */
             "@engine engineid=0x80\n"                                             /* 6 */
             "@engine\n"                                                           /* 7 */
             "@user user=e2 engine=zz level=noAuthNoPriv\n"                         /* 8 */
             "ent 10.0.0.1 v3 user=u level=noAuthNoPriv engine=0x8000000001020304\n" /* 9 */
             "@user x 10.0.0.1\n"
             "@engine public\n", 0600);
    problems = ows_translate_local(path, on_local, &l, collect, &r);
    assert_int_equal(problems, r.n);
    assert_true(problems >= 8);   /* lines 4 to 11, some more than once */
    assert_int_equal(l.engines, 1);
    assert_int_equal(l.users, 2);
    assert_string_equal(l.names[0], "admin");
    assert_int_equal(l.engine_len[0], 0);
    assert_string_equal(l.names[1], "trap");
    assert_int_equal(l.engine_len[1], 8);
    assert_true(has(&r, 4, "needs authpass="));
    assert_true(has(&r, 5, "does not belong on an @user line"));
    assert_true(has(&r, 6, "engineid must be 5 to 32 octets"));
    assert_true(has(&r, 7, "@engine takes one field"));
    assert_true(has(&r, 8, "engine must be 5 to 32 octets"));
    assert_true(has(&r, 9, "belongs on @user lines only"));
    assert_true(has(&r, 10, "is not key=value"));
    assert_true(has(&r, 11, "@engine takes one field"));
    /* ows_translate_v3_check sees the same problems. */
    assert_int_equal(ows_translate_v3_check(path, NULL, NULL), problems);
    /* '@' names are reserved: never an entity or a context. */
    assert_int_equal(ows_translate_entity("@user", addr, sizeof addr, &version), 0);
    assert_int_equal(ows_translate_context((const uint8_t *)"@engine", 7, com, sizeof com,
                                           &com_len), 0);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_entries),
        cmocka_unit_test(test_problems_by_line),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_permissions),
        cmocka_unit_test(test_trace_has_no_secret),
        cmocka_unit_test(test_local_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
