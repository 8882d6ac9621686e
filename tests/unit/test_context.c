/* test_context.c - SnmpStrToContext/SnmpContextToStr/SnmpFreeContext, the
 * TRANSLATED database for contexts, ows_context_new, and alloc torture. */
#include "core_helpers.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "core/context.h"
#include "core/descriptor.h"
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

static void test_round_trip(void **st)
{
    smiOCTETS in = { 7, (smiLPBYTE) "pub\0lic" }, out = { 0, NULL };
    HSNMP_CONTEXT c;
    (void)st;
    c = SnmpStrToContext(sess, &in);
    assert_non_null(c);
    assert_int_equal(SnmpContextToStr(c, &out), SNMPAPI_SUCCESS);
    assert_int_equal(out.len, 7);
    assert_memory_equal(out.ptr, "pub\0lic", 7);
    /* The descriptor belongs to the caller, freed once. */
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeContext(c), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeContext(c), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_CONTEXT_INVALID);
    assert_int_equal(SnmpContextToStr(c, &out), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_CONTEXT_INVALID);
}

static void test_errors(void **st)
{
    smiOCTETS empty = { 0, (smiLPBYTE) "x" }, nullptr_ = { 3, NULL }, ok = { 6, (smiLPBYTE) "public" };
    smiOCTETS out;
    HSNMP_CONTEXT c;
    (void)st;
    assert_null(SnmpStrToContext(sess, &empty));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_CONTEXT_INVALID);
    assert_int_equal(SnmpGetLastError(sess), SNMPAPI_CONTEXT_INVALID);
    assert_null(SnmpStrToContext(sess, &nullptr_));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_CONTEXT_INVALID);
    assert_null(SnmpStrToContext(sess, NULL));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_CONTEXT_INVALID);
    assert_null(SnmpStrToContext(NULL, &ok));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    c = SnmpStrToContext(sess, &ok);
    assert_non_null(c);
    assert_int_equal(SnmpContextToStr(c, NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);
    assert_int_equal(SnmpContextToStr(NULL, &out), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_CONTEXT_INVALID);
    /* A session handle is not a context, nor the reverse. */
    assert_int_equal(SnmpFreeContext((HSNMP_CONTEXT)sess), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_CONTEXT_INVALID);
    assert_null(SnmpStrToContext((HSNMP_SESSION)c, &ok));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    assert_int_equal(SnmpFreeContext(c), SNMPAPI_SUCCESS);
}

static void test_translated(void **st)
{
    char path[] = "/tmp/ows-ctx-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    smiOCTETS name = { 2, (smiLPBYTE) "ro" }, lit = { 7, (smiLPBYTE) "private" }, out;
    HSNMP_CONTEXT c, c2;
    (void)st;
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("ro public\nrouter1 127.0.0.1 v1\n", f);
    fclose(f);
    setenv("WSNMP_DATABASE", path, 1);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_TRANSLATED), SNMPAPI_SUCCESS);
    c = SnmpStrToContext(sess, &name);
    c2 = SnmpStrToContext(sess, &lit);
    assert_non_null(c);
    assert_non_null(c2);
    /* TRANSLATED: the friendly name comes back; untranslated: the community. */
    assert_int_equal(SnmpContextToStr(c, &out), SNMPAPI_SUCCESS);
    assert_int_equal(out.len, 2);
    assert_memory_equal(out.ptr, "ro", 2);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpContextToStr(c, &out), SNMPAPI_SUCCESS);
    assert_int_equal(out.len, 6);
    assert_memory_equal(out.ptr, "public", 6);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out);
    /* Unknown names are the literal community. */
    assert_int_equal(SnmpContextToStr(c2, &out), SNMPAPI_SUCCESS);
    assert_int_equal(out.len, 7);
    assert_memory_equal(out.ptr, "private", 7);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out);
    unsetenv("WSNMP_DATABASE");
    unlink(path);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1), SNMPAPI_SUCCESS);
}

static void test_internal_constructor(void **st)
{
    struct ows_session *s;
    struct ows_context *c;
    (void)st;
    ows_lock();
    assert_int_equal(ows_session_get(OWS_H2V(sess), &s), OWS_OK);
    assert_int_equal(ows_context_new(s, (const uint8_t *)"abc", 3, &c), OWS_OK);
    assert_int_equal(c->community.len, 3);
    assert_ptr_equal(c->hdr.owner, s);
    ows_handle_delete(&c->hdr);
    /* An empty community is legal in a message: it makes a context. */
    assert_int_equal(ows_context_new(s, (const uint8_t *)"abc", 0, &c), OWS_OK);
    assert_int_equal(c->community.len, 0);
    assert_non_null(c->community.ptr);
    ows_handle_delete(&c->hdr);
    assert_int_equal(ows_context_new(s, NULL, 0, &c), OWS_OK);
    ows_handle_delete(&c->hdr);
    assert_int_equal(ows_context_new(s, NULL, 3, &c), OWS_E_CONTEXT_INVALID);
    assert_null(c);
    ows_object_put(&s->hdr);
    ows_unlock();
}

static int make_context(void)
{
    smiOCTETS ok = { 6, (smiLPBYTE) "public" };
    HSNMP_CONTEXT c = SnmpStrToContext(sess, &ok);
    if (!c)
        return 0;
    assert_int_equal(SnmpFreeContext(c), SNMPAPI_SUCCESS);
    return 1;
}

static HSNMP_CONTEXT torture_ctx;

static int context_to_str(void)
{
    smiOCTETS out;
    if (SnmpContextToStr(torture_ctx, &out) != SNMPAPI_SUCCESS)
        return 0;
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    return 1;
}

static void test_alloc_torture(void **st)
{
    smiOCTETS ok = { 6, (smiLPBYTE) "public" };
    (void)st;
    CORE_ALLOC_TORTURE(make_context(), 10);
    torture_ctx = SnmpStrToContext(sess, &ok);
    assert_non_null(torture_ctx);
    /* Warm up the descriptor registry: its set is allocated once and kept,
     * which is state, not a leak. */
    assert_true(context_to_str());
    CORE_ALLOC_TORTURE(context_to_str(), 10);
    assert_int_equal(SnmpFreeContext(torture_ctx), SNMPAPI_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_translated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_internal_constructor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_torture, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
