/* test_oid_api.c - SnmpStrToOid, SnmpOidToStr, SnmpOidCopy, SnmpOidCompare
 * and SnmpFreeDescriptor through the exports: return values, last errors,
 * every documented error code, and allocation failure. */
#include "api_helpers.h"
#include <stdlib.h>
#include "core/descriptor.h"

static int setup(void **st)
{
    (void)st;
    if (SnmpStartup(NULL, NULL, NULL, NULL, NULL) != SNMPAPI_SUCCESS)
        return -1;
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    SnmpCleanup();
    return 0;
}

static void test_not_initialized(void **st)
{
    smiOID o = { 0, NULL };
    smiUINT32 ids[] = { 1, 3 };
    smiOID src = { 2, ids };
    smiINT r;
    char buf[16];

    (void)st;
    SnmpCleanup();
    EXPECT_FAIL(SnmpStrToOid("1.3", &o), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpOidToStr(&src, sizeof buf, buf), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpOidCopy(&src, &o), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpOidCompare(&src, &src, 0, &r), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o), SNMPAPI_NOT_INITIALIZED);
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
}

static void test_str_to_oid(void **st)
{
    smiOID o = { 0, NULL };
    char long_text[1500];

    (void)st;
    assert_int_equal(SnmpStrToOid("1.3.6.1.2.1.1.5.0", &o), 9);
    assert_int_equal(o.len, 9);
    assert_int_equal(o.ptr[7], 5);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o), SNMPAPI_SUCCESS);
    EXPECT_FAIL(SnmpStrToOid("1", &o), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpStrToOid("1..3", &o), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpStrToOid("1.3.6.x", &o), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpStrToOid(" 1.3", &o), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpStrToOid("1.3.4294967296", &o), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpStrToOid(NULL, &o), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpStrToOid("1.3", NULL), SNMPAPI_OID_INVALID);
    memset(long_text, '0', sizeof long_text);
    long_text[0] = '1';
    long_text[1] = '.';
    long_text[1409] = '\0';   /* 1409 characters */
    EXPECT_FAIL(SnmpStrToOid(long_text, &o), SNMPAPI_OID_INVALID);
}

static void test_oid_to_str(void **st)
{
    smiUINT32 ids[] = { 1, 3, 6, 1, 4, 1, 311 };
    smiOID o = { 7, ids }, empty = { 0, NULL }, toolong = { 129, ids }, noptr = { 3, NULL };
    char buf[32];

    (void)st;
    assert_int_equal(SnmpOidToStr(&o, sizeof buf, buf), 16);   /* "1.3.6.1.4.1.311" + NUL */
    assert_string_equal(buf, "1.3.6.1.4.1.311");
    assert_int_equal(SnmpOidToStr(&o, 16, buf), 16);
    EXPECT_FAIL(SnmpOidToStr(&o, 15, buf), SNMPAPI_OUTPUT_TRUNCATED);
    EXPECT_FAIL(SnmpOidToStr(&o, 0, buf), SNMPAPI_SIZE_INVALID);
    EXPECT_FAIL(SnmpOidToStr(&o, sizeof buf, NULL), SNMPAPI_SIZE_INVALID);
    EXPECT_FAIL(SnmpOidToStr(NULL, sizeof buf, buf), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidToStr(&empty, sizeof buf, buf), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidToStr(&toolong, sizeof buf, buf), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidToStr(&noptr, sizeof buf, buf), SNMPAPI_OID_INVALID);
}

static void test_oid_copy(void **st)
{
    smiUINT32 ids[] = { 1, 3, 6, 1 };
    smiOID src = { 4, ids }, dst = { 0, NULL }, empty = { 0, NULL }, toolong = { 129, ids };

    (void)st;
    assert_int_equal(SnmpOidCopy(&src, &dst), 4);
    assert_int_equal(dst.len, 4);
    assert_ptr_not_equal(dst.ptr, ids);
    assert_memory_equal(dst.ptr, ids, sizeof ids);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&dst), SNMPAPI_SUCCESS);
    EXPECT_FAIL(SnmpOidCopy(NULL, &dst), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCopy(&src, NULL), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCopy(&empty, &dst), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCopy(&toolong, &dst), SNMPAPI_OID_INVALID);
}

static void test_oid_compare(void **st)
{
    smiUINT32 a[] = { 1, 3, 6, 1, 2 }, b[] = { 1, 3, 6, 1, 3 };
    smiOID x = { 5, a }, y = { 5, b }, p = { 3, a }, bad = { 130, a };
    smiINT r = 99;

    (void)st;
    assert_int_equal(SnmpOidCompare(&x, &y, 0, &r), SNMPAPI_SUCCESS);
    assert_true(r < 0);
    assert_int_equal(SnmpOidCompare(&y, &x, 0, &r), SNMPAPI_SUCCESS);
    assert_true(r > 0);
    assert_int_equal(SnmpOidCompare(&x, &y, 4, &r), SNMPAPI_SUCCESS);
    assert_int_equal(r, 0);
    assert_int_equal(SnmpOidCompare(&p, &x, 0, &r), SNMPAPI_SUCCESS);
    assert_true(r < 0);
    assert_int_equal(SnmpOidCompare(&p, &x, 3, &r), SNMPAPI_SUCCESS);
    assert_int_equal(r, 0);
    assert_int_equal(SnmpOidCompare(&x, &x, 128, &r), SNMPAPI_SUCCESS);
    assert_int_equal(r, 0);
    EXPECT_FAIL(SnmpOidCompare(&x, &y, 129, &r), SNMPAPI_SIZE_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&x, NULL, 0, &r), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&bad, &x, 0, &r), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&x, &y, 0, NULL), SNMPAPI_OTHER_ERROR);
}

static void test_free_descriptor(void **st)
{
    smiOID o = { 0, NULL };
    smiOCTETS foreign, stack;
    smiOCTETS *as_octets = (smiOCTETS *)&o;
    int local = 0;

    (void)st;
    assert_int_equal(SnmpStrToOid("1.3.6", &o), 3);
    /* A wrong but string-ish syntax is tolerated. */
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_INT, (smiLPOPAQUE)&o), SNMPAPI_SYNTAX_INVALID);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_NULL, (smiLPOPAQUE)&o), SNMPAPI_SYNTAX_INVALID);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, as_octets), SNMPAPI_SUCCESS);
    /* Double free, foreign heap, stack, NULL. */
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o), SNMPAPI_OPERATION_INVALID);
    foreign.len = 8;
    foreign.ptr = malloc(8);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &foreign), SNMPAPI_OPERATION_INVALID);
    free(foreign.ptr);
    stack.len = sizeof local;
    stack.ptr = (smiLPBYTE)&local;
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OPAQUE, &stack), SNMPAPI_OPERATION_INVALID);
    stack.ptr = NULL;
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &stack), SNMPAPI_OPERATION_INVALID);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, NULL), SNMPAPI_OPERATION_INVALID);
}

static void test_cleanup_frees_descriptors(void **st)
{
    smiOID o;
    long live;
    int i;

    (void)st;
    SnmpCleanup();
    live = ows_alloc_live();
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    for (i = 0; i < 10; i++)
        assert_int_equal(SnmpStrToOid("1.3.6.1", &o), 4);
    SnmpCleanup();   /* the application never freed them: cleanup does */
    assert_int_equal(ows_desc_live(), 0);
    assert_int_equal(ows_alloc_live(), live);
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
}

static void test_alloc_torture(void **st)
{
    smiUINT32 ids[] = { 1, 3, 6, 1 };
    smiOID src = { 4, ids }, dst;
    long base, k;
    SNMPAPI_STATUS r;

    (void)st;
    /* Free the registry first so its growth is part of each call. */
    SnmpCleanup();
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    for (k = 0; k < 10; k++) {
        base = ows_alloc_live();
        ows_alloc_fail_after(k);
        ows_set_last_error(SENTINEL);
        r = SnmpStrToOid("1.3.6.1", &dst);
        ows_alloc_fail_after(-1);
        if (r)
            break;
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ALLOC_ERROR);
        assert_int_equal(ows_desc_live(), 0);
        (void)base;
    }
    assert_true(k > 0);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&dst), SNMPAPI_SUCCESS);
    for (k = 0; k < 10; k++) {
        base = ows_alloc_live();
        ows_alloc_fail_after(k);
        ows_set_last_error(SENTINEL);
        r = SnmpOidCopy(&src, &dst);
        ows_alloc_fail_after(-1);
        if (r)
            break;
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ALLOC_ERROR);
        assert_int_equal(ows_alloc_live(), base);
    }
    assert_true(k > 0);
    assert_int_equal(r, 4);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&dst), SNMPAPI_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_not_initialized, setup, teardown),
        cmocka_unit_test_setup_teardown(test_str_to_oid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oid_to_str, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oid_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oid_compare, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_descriptor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_frees_descriptors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_torture, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
