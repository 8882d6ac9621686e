/* test_entity.c - SnmpStrToEntity/SnmpEntityToStr/SnmpFreeEntity/SnmpSetPort,
 * timeout and retry policy, versions by translate mode, the TRANSLATED
 * database, text splitting, and alloc torture. */
#include "core_helpers.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "core/entity.h"
#include "core/session.h"

static HSNMP_SESSION sess;

static int setup(void **st)
{
    (void)st;
    return core_open_session(&sess);
}

static int teardown(void **st)
{
    (void)st;
    core_close_session(sess);
    return 0;
}

static struct ows_entity *peek(HSNMP_ENTITY h)
{
    struct ows_entity *e;
    ows_lock();
    assert_int_equal(ows_entity_get(OWS_H2V(h), &e), OWS_OK);
    ows_object_put(&e->hdr);
    ows_unlock();
    return e;
}

static void test_addresses(void **st)
{
    char buf[128];
    HSNMP_ENTITY e;
    struct ows_entity *p;
    (void)st;
    e = SnmpStrToEntity(sess, "127.0.0.1");
    assert_non_null(e);
    p = peek(e);
    assert_int_equal(p->addr.family, OWS_AF_INET);
    assert_int_equal(p->addr.port, 161);
    assert_int_equal(p->version, 0);
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf), 10);
    assert_string_equal(buf, "127.0.0.1");

    e = SnmpStrToEntity(sess, "127.0.0.1:16161");
    assert_non_null(e);
    assert_int_equal(peek(e)->addr.port, 16161);
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf), 10);
    assert_string_equal(buf, "127.0.0.1");

    e = SnmpStrToEntity(sess, "::1");
    assert_non_null(e);
    p = peek(e);
    assert_int_equal(p->addr.family, OWS_AF_INET6);
    assert_int_equal(p->addr.port, 161);
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf), 4);
    assert_string_equal(buf, "::1");

    e = SnmpStrToEntity(sess, "[::1]:1234");
    assert_non_null(e);
    assert_int_equal(peek(e)->addr.port, 1234);

    e = SnmpStrToEntity(sess, "localhost");
    assert_non_null(e);
    assert_int_equal(peek(e)->addr.port, 161);
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf) > 1, 1);

    e = SnmpStrToEntity(sess, "localhost:999");
    assert_non_null(e);
    assert_int_equal(peek(e)->addr.port, 999);
}

static void test_bad_strings(void **st)
{
    static const char *bad[] = { "", "256.1.1.1:x", "1.2.3.4:0", "1.2.3.4:65536",
                                 "1.2.3.4:", ":161", "[::1", "[::1]x", "[]:5",
                                 "[::1]:99999", "host name with spaces.invalid",
                                 "1.2.3.4:12a" };
    size_t i;
    char longtext[2000];
    (void)st;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_null(SnmpStrToEntity(sess, bad[i]));
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_UNKNOWN);
    }
    assert_null(SnmpStrToEntity(sess, NULL));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_UNKNOWN);
    memset(longtext, 'a', sizeof(longtext) - 1);
    longtext[sizeof(longtext) - 1] = 0;
    assert_null(SnmpStrToEntity(sess, longtext));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_UNKNOWN);
    /* Session checks come first. */
    assert_null(SnmpStrToEntity(NULL, "127.0.0.1"));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    assert_null(SnmpStrToEntity((HSNMP_SESSION)(uintptr_t)0x41414141, "127.0.0.1"));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
}

static void test_split(void **st)
{
    char host[64];
    uint16_t port;
    (void)st;
    assert_int_equal(ows_entity_split("a.b:12", host, sizeof(host), &port), OWS_OK);
    assert_string_equal(host, "a.b");
    assert_int_equal(port, 12);
    assert_int_equal(ows_entity_split("fe80::1", host, sizeof(host), &port), OWS_OK);
    assert_string_equal(host, "fe80::1");
    assert_int_equal(port, 0);
    assert_int_equal(ows_entity_split("[fe80::1]:65535", host, sizeof(host), &port), OWS_OK);
    assert_string_equal(host, "fe80::1");
    assert_int_equal(port, 65535);
    assert_int_equal(ows_entity_split("abcdef", host, 4, &port), OWS_E_ENTITY_UNKNOWN);
    assert_int_equal(ows_entity_split(NULL, host, sizeof(host), &port), OWS_E_ENTITY_UNKNOWN);
}

static void test_to_str_sizes(void **st)
{
    HSNMP_ENTITY e = SnmpStrToEntity(sess, "10.20.30.40");
    char buf[32];
    (void)st;
    assert_non_null(e);
    /* "10.20.30.40" is 11 chars: 12 bytes with the NUL. */
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(SnmpEntityToStr(e, 0, buf), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OUTPUT_TRUNCATED);
    assert_int_equal(buf[0], 'x');
    assert_int_equal(SnmpEntityToStr(e, 11, buf), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OUTPUT_TRUNCATED);
    assert_int_equal(SnmpEntityToStr(e, 12, buf), 12);
    assert_string_equal(buf, "10.20.30.40");
    assert_int_equal(SnmpEntityToStr(e, 12, NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OUTPUT_TRUNCATED);
    assert_int_equal(SnmpEntityToStr(NULL, sizeof(buf), buf), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpEntityToStr((HSNMP_ENTITY)sess, sizeof(buf), buf), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
}

static void test_free_and_set_port(void **st)
{
    HSNMP_ENTITY e = SnmpStrToEntity(sess, "127.0.0.1");
    (void)st;
    assert_int_equal(SnmpSetPort(e, 16161), SNMPAPI_SUCCESS);
    assert_int_equal(peek(e)->addr.port, 16161);
    assert_int_equal(SnmpSetPort(e, 0), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);
    assert_int_equal(SnmpSetPort(e, 70000), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);
    peek(e)->listening = 1;              /* what SnmpListen will set */
    assert_int_equal(SnmpSetPort(e, 162), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OPERATION_INVALID);
    peek(e)->listening = 0;
    assert_int_equal(SnmpSetPort(NULL, 162), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpFreeEntity(e), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeEntity(e), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpSetPort(e, 162), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpFreeEntity((HSNMP_ENTITY)sess), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
}

static void test_timeout_retry(void **st)
{
    HSNMP_ENTITY e = SnmpStrToEntity(sess, "127.0.0.1");
    smiTIMETICKS pol = 0, act = 99;
    smiUINT32 rp = 0, ra = 99;
    (void)st;
    assert_int_equal(SnmpGetTimeout(e, &pol, &act), SNMPAPI_SUCCESS);
    assert_int_equal(pol, OWS_DEFAULT_TIMEOUT_CS);
    assert_int_equal(act, 0);
    assert_int_equal(SnmpGetRetry(e, &rp, &ra), SNMPAPI_SUCCESS);
    assert_int_equal(rp, OWS_DEFAULT_RETRIES);
    assert_int_equal(ra, 0);
    assert_int_equal(SnmpSetTimeout(e, 250), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpSetRetry(e, 7), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetTimeout(e, &pol, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(pol, 250);
    assert_int_equal(SnmpGetRetry(e, &rp, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(rp, 7);
    act = 5;
    assert_int_equal(SnmpGetTimeout(e, NULL, &act), SNMPAPI_SUCCESS);
    assert_int_equal(act, 0);
    /* 0 restores the default. */
    assert_int_equal(SnmpSetTimeout(e, 0), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpSetRetry(e, 0), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetTimeout(e, &pol, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(pol, OWS_DEFAULT_TIMEOUT_CS);
    assert_int_equal(SnmpGetRetry(e, &rp, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(rp, OWS_DEFAULT_RETRIES);
    /* Both pointers NULL: NOOP, recorded for the owning session too. */
    assert_int_equal(SnmpGetTimeout(e, NULL, NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOOP);
    assert_int_equal(SnmpGetLastError(sess), SNMPAPI_NOOP);
    assert_int_equal(SnmpGetRetry(e, NULL, NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOOP);
    /* Invalid entities. */
    assert_int_equal(SnmpGetTimeout(NULL, &pol, &act), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpSetTimeout(NULL, 1), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpGetRetry((HSNMP_ENTITY)sess, &rp, &ra), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpSetRetry(NULL, 1), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
}

static void test_versions_by_mode(void **st)
{
    HSNMP_ENTITY e1, e2;
    (void)st;
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2), SNMPAPI_SUCCESS);
    e2 = SnmpStrToEntity(sess, "127.0.0.1");
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1), SNMPAPI_SUCCESS);
    e1 = SnmpStrToEntity(sess, "127.0.0.1");
    /* Fixed at creation: changing the mode later does not change them. */
    assert_int_equal(peek(e2)->version, 1);
    assert_int_equal(peek(e1)->version, 0);
}

static void test_translated_database(void **st)
{
    char path[] = "/tmp/ows-db-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    HSNMP_ENTITY e;
    char buf[64];
    (void)st;
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("# test database\n"
          "router1 127.0.0.2:16161 v2c\n"
          "  oldbox\t10.9.8.7 v1   # trailing comment\n"
          "ro public\n"
          "badver 1.1.1.1 v3\n"
          "too many fields here x\n", f);
    fclose(f);
    setenv("WSNMP_DATABASE", path, 1);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_TRANSLATED), SNMPAPI_SUCCESS);
    e = SnmpStrToEntity(sess, "router1");
    assert_non_null(e);
    assert_int_equal(peek(e)->version, 1);
    assert_int_equal(peek(e)->addr.port, 16161);
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf), 8);
    assert_string_equal(buf, "router1");
    /* In untranslated mode the same entity shows its address. */
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf), 10);
    assert_string_equal(buf, "127.0.0.2");
    /* Untranslated mode does not consult the database. */
    assert_null(SnmpStrToEntity(sess, "oldbox"));
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_TRANSLATED), SNMPAPI_SUCCESS);
    e = SnmpStrToEntity(sess, "oldbox");
    assert_non_null(e);
    assert_int_equal(peek(e)->version, 0);
    assert_int_equal(peek(e)->addr.port, 161);
    /* Unknown names and bad lines fall back to the literal text, as v1. */
    e = SnmpStrToEntity(sess, "127.0.0.3");
    assert_non_null(e);
    assert_int_equal(peek(e)->version, 0);
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf), 10);
    assert_string_equal(buf, "127.0.0.3");
    assert_null(SnmpStrToEntity(sess, "badver"));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_UNKNOWN);
    assert_null(SnmpStrToEntity(sess, "ro"));     /* a context line, not an entity */
    /* A missing file is an empty database. */
    setenv("WSNMP_DATABASE", "/nonexistent/ows-db", 1);
    assert_null(SnmpStrToEntity(sess, "router1"));
    unsetenv("WSNMP_DATABASE");
    unlink(path);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1), SNMPAPI_SUCCESS);
}

static int make_entity(void)
{
    HSNMP_ENTITY e = SnmpStrToEntity(sess, "127.0.0.1:16161");
    if (!e)
        return 0;
    assert_int_equal(SnmpFreeEntity(e), SNMPAPI_SUCCESS);
    return 1;
}

static void test_alloc_torture(void **st)
{
    (void)st;
    CORE_ALLOC_TORTURE(make_entity(), 10);
    {
        /* Entity from an address (the engine's and codec's constructor). */
        struct ows_addr a;
        struct ows_entity *e;
        struct ows_session *s;
        long k, live;
        int err = OWS_E_ALLOC;
        memset(&a, 0, sizeof(a));
        a.family = OWS_AF_INET;
        a.port = 162;
        ows_lock();
        assert_int_equal(ows_session_get(OWS_H2V(sess), &s), OWS_OK);
        for (k = 0; err && k < 10; k++) {
            live = ows_alloc_live();
            ows_alloc_fail_after(k);
            err = ows_entity_new_addr(s, &a, 1, "name", &e);
            ows_alloc_fail_after(-1);
            if (err) {
                assert_int_equal(err, OWS_E_ALLOC);
                assert_int_equal(ows_alloc_live(), live);
            }
        }
        assert_int_equal(err, OWS_OK);
        assert_int_equal(e->version, 1);
        ows_handle_delete(&e->hdr);
        a.family = 0;
        assert_int_equal(ows_entity_new_addr(s, &a, 1, NULL, &e), OWS_E_ENTITY_UNKNOWN);
        ows_object_put(&s->hdr);
        ows_unlock();
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_addresses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_strings, setup, teardown),
        cmocka_unit_test(test_split),
        cmocka_unit_test_setup_teardown(test_to_str_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_and_set_port, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout_retry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_versions_by_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_translated_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_torture, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
