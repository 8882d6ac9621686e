/* test_pdu_api.c - the PDU exports: defaults, every documented error code,
 * ownership, stale/garbage handles, allocation failure. */
#include "api_helpers.h"

static HSNMP_SESSION sess;
static smiUINT32 n1[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static smiOID name1 = { 9, n1 };

static int setup(void **st)
{
    (void)st;
    return api_open_session(&sess);
}

static int teardown(void **st)
{
    (void)st;
    api_close_session(sess);
    return 0;
}

static void test_create_defaults(void **st)
{
    HSNMP_PDU a, b;
    HSNMP_VBL vbl = NULL;
    smiINT type = 0, es = 7, ei = 7;
    smiINT32 rid_a = 0, rid_b = 0;

    (void)st;
    a = SnmpCreatePdu(sess, 0, 0, 0, 0, NULL);
    b = SnmpCreatePdu(sess, 0, 0, 0, 0, NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(SnmpGetPduData(a, &type, &rid_a, &es, &ei, &vbl), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_GETNEXT);
    assert_int_equal(es, 0);
    assert_int_equal(ei, 0);
    assert_true(rid_a > 0);
    assert_non_null(vbl);
    EXPECT_FAIL(SnmpCountVbl(vbl), SNMPAPI_NOOP);   /* empty list */
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetPduData(b, NULL, &rid_b, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_true(rid_b > 0);
    assert_int_not_equal(rid_a, rid_b);   /* generated ids differ */
    assert_int_equal(SnmpFreePdu(a), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(b), SNMPAPI_SUCCESS);
}

static void test_create_explicit_and_types(void **st)
{
    static const smiINT types[] = {
        SNMP_PDU_GET, SNMP_PDU_GETNEXT, SNMP_PDU_RESPONSE, SNMP_PDU_SET,
        SNMP_PDU_GETBULK, SNMP_PDU_INFORM, SNMP_PDU_TRAP,
    };
    HSNMP_VBL v = SnmpCreateVbl(sess, &name1, NULL), got = NULL;
    HSNMP_PDU p;
    smiINT type, es, ei;
    smiINT32 rid;
    size_t i;

    (void)st;
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        p = SnmpCreatePdu(sess, types[i], 1234, 2, 3, v);
        assert_non_null(p);
        assert_int_equal(SnmpGetPduData(p, &type, &rid, &es, &ei, &got), SNMPAPI_SUCCESS);
        assert_int_equal(type, types[i]);
        assert_int_equal(rid, 1234);
        assert_int_equal(es, 2);   /* non-repeaters for GETBULK */
        assert_int_equal(ei, 3);   /* max-repetitions for GETBULK */
        assert_int_equal(SnmpCountVbl(got), 1);
        assert_ptr_not_equal(got, v);
        assert_int_equal(SnmpFreeVbl(got), SNMPAPI_SUCCESS);
        assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    }
    /* The PDU holds a copy: the application's list can change or go. */
    p = SnmpCreatePdu(sess, SNMP_PDU_GET, 0, 0, 0, v);
    assert_int_equal(SnmpSetVb(v, 0, &name1, NULL), 2);
    assert_int_equal(SnmpFreeVbl(v), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &got), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCountVbl(got), 1);
    assert_int_equal(SnmpFreeVbl(got), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
}

static void test_create_errors(void **st)
{
    HSNMP_SESSION other = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_VBL mine = SnmpCreateVbl(sess, &name1, NULL);
    HSNMP_VBL theirs = SnmpCreateVbl(other, &name1, NULL);
    HSNMP_PDU p = SnmpCreatePdu(sess, 0, 0, 0, 0, NULL);

    (void)st;
    EXPECT_FAIL(SnmpCreatePdu(NULL, 0, 0, 0, 0, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreatePdu((HSNMP_SESSION)mine, 0, 0, 0, 0, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(sess, SNMP_PDU_V1TRAP, 0, 0, 0, NULL), SNMPAPI_PDU_INVALID);
    assert_int_equal(SnmpGetLastError(sess), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(sess, 0x99, 0, 0, 0, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(sess, -1, 0, 0, 0, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(sess, 0, 0, 0, 0, theirs), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(sess, 0, 0, 0, 0, (HSNMP_VBL)p), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(sess, 0, 0, 0, 0, (HSNMP_VBL)(uintptr_t)0x7ffffff3u), SNMPAPI_VBL_INVALID);
    assert_int_equal(SnmpFreeVbl(mine), SNMPAPI_SUCCESS);
    EXPECT_FAIL(SnmpCreatePdu(sess, 0, 0, 0, 0, mine), SNMPAPI_VBL_INVALID);   /* stale */
    assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(other), SNMPAPI_SUCCESS);
}

static void test_get_set_data(void **st)
{
    HSNMP_SESSION other = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_VBL v1 = SnmpCreateVbl(sess, &name1, NULL), theirs = SnmpCreateVbl(other, NULL, NULL);
    HSNMP_VBL g1 = NULL, g2 = NULL;
    HSNMP_PDU p = SnmpCreatePdu(sess, SNMP_PDU_GET, 77, 0, 0, NULL);
    smiINT type = SNMP_PDU_GETBULK, nr = 1, mr = 20, bad = SNMP_PDU_V1TRAP, t2;
    smiINT32 rid = 555, r2;

    (void)st;
    EXPECT_FAIL(SnmpGetPduData(p, NULL, NULL, NULL, NULL, NULL), SNMPAPI_NOOP);
    EXPECT_FAIL(SnmpSetPduData(p, NULL, NULL, NULL, NULL, NULL), SNMPAPI_NOOP);
    EXPECT_FAIL(SnmpGetPduData(NULL, &t2, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpGetPduData((HSNMP_PDU)v1, &t2, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpSetPduData(NULL, &type, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpSetPduData((HSNMP_PDU)v1, &type, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    /* Invalid type or list: nothing at all changes. */
    EXPECT_FAIL(SnmpSetPduData(p, &bad, &rid, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpSetPduData(p, &type, &rid, NULL, NULL, &theirs), SNMPAPI_VBL_INVALID);
    {
        HSNMP_VBL zero = NULL, wrong = (HSNMP_VBL)p;
        EXPECT_FAIL(SnmpSetPduData(p, NULL, &rid, NULL, NULL, &zero), SNMPAPI_VBL_INVALID);
        EXPECT_FAIL(SnmpSetPduData(p, NULL, &rid, NULL, NULL, &wrong), SNMPAPI_VBL_INVALID);
    }
    assert_int_equal(SnmpGetPduData(p, &t2, &r2, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(t2, SNMP_PDU_GET);
    assert_int_equal(r2, 77);
    /* Update everything. */
    assert_int_equal(SnmpSetPduData(p, &type, &rid, &nr, &mr, &v1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetPduData(p, &t2, &r2, &nr, &mr, &g1), SNMPAPI_SUCCESS);
    assert_int_equal(t2, SNMP_PDU_GETBULK);
    assert_int_equal(r2, 555);
    assert_int_equal(nr, 1);
    assert_int_equal(mr, 20);
    assert_int_equal(SnmpCountVbl(g1), 1);
    /* Each read gives a new, independent list handle. */
    assert_int_equal(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &g2), SNMPAPI_SUCCESS);
    assert_ptr_not_equal(g1, g2);
    assert_int_equal(SnmpDeleteVb(g1, 1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCountVbl(g2), 1);
    assert_int_equal(SnmpFreeVbl(g1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(g2), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(v1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(other), SNMPAPI_SUCCESS);
}

static void test_duplicate_free(void **st)
{
    HSNMP_VBL v = SnmpCreateVbl(sess, &name1, NULL), g = NULL;
    HSNMP_PDU p = SnmpCreatePdu(sess, SNMP_PDU_SET, 9, 0, 0, v), d;
    smiINT32 rid = 0;

    (void)st;
    EXPECT_FAIL(SnmpDuplicatePdu(NULL, p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDuplicatePdu(sess, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpDuplicatePdu(sess, (HSNMP_PDU)v), SNMPAPI_PDU_INVALID);
    d = SnmpDuplicatePdu(sess, p);
    assert_non_null(d);
    assert_ptr_not_equal(d, p);
    assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    EXPECT_FAIL(SnmpFreePdu(p), SNMPAPI_PDU_INVALID);       /* freed twice */
    EXPECT_FAIL(SnmpFreePdu((HSNMP_PDU)v), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpGetPduData(p, NULL, &rid, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpDuplicatePdu(sess, p), SNMPAPI_PDU_INVALID);
    assert_int_equal(SnmpGetPduData(d, NULL, &rid, NULL, NULL, &g), SNMPAPI_SUCCESS);
    assert_int_equal(rid, 9);
    assert_int_equal(SnmpCountVbl(g), 1);
    assert_int_equal(SnmpFreeVbl(g), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(v), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(d), SNMPAPI_SUCCESS);
}

static void test_close_frees_owned(void **st)
{
    HSNMP_SESSION s2 = SnmpCreateSession(NULL, 0, NULL, NULL);
    size_t pdus = ows_handle_live(OWS_T_PDU), vbls = ows_handle_live(OWS_T_VBL);
    HSNMP_PDU p = SnmpCreatePdu(s2, 0, 0, 0, 0, NULL), d = SnmpDuplicatePdu(s2, p);
    HSNMP_VBL g = NULL;

    (void)st;
    assert_int_equal(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &g), SNMPAPI_SUCCESS);
    assert_int_equal(ows_handle_live(OWS_T_PDU), pdus + 2);
    assert_int_equal(ows_handle_live(OWS_T_VBL), vbls + 1);
    assert_int_equal(SnmpClose(s2), SNMPAPI_SUCCESS);
    assert_int_equal(ows_handle_live(OWS_T_PDU), pdus);
    assert_int_equal(ows_handle_live(OWS_T_VBL), vbls);
    EXPECT_FAIL(SnmpFreePdu(d), SNMPAPI_PDU_INVALID);
}

static void test_not_initialized(void **st)
{
    smiINT t;

    (void)st;
    SnmpCleanup();
    EXPECT_FAIL(SnmpCreatePdu(sess, 0, 0, 0, 0, NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpGetPduData(NULL, &t, NULL, NULL, NULL, NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpSetPduData(NULL, &t, NULL, NULL, NULL, NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpDuplicatePdu(sess, NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpFreePdu(NULL), SNMPAPI_NOT_INITIALIZED);
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    sess = SnmpCreateSession(NULL, 0, NULL, NULL);
}

static void test_garbage_handles(void **st)
{
    uint32_t x = 0x9e3779b9u;
    smiINT t;
    int i;

    (void)st;
    for (i = 0; i < 2000; i++) {
        HSNMP_PDU h;

        x = x * 1664525u + 1013904223u;
        h = (HSNMP_PDU)(uintptr_t)(i % 2 ? x : (uint64_t)x << 20 | (uint64_t)i);
        assert_int_equal(SnmpGetPduData(h, &t, NULL, NULL, NULL, NULL), 0);
        assert_int_equal(SnmpSetPduData(h, &t, NULL, NULL, NULL, NULL), 0);
        assert_null(SnmpDuplicatePdu(sess, h));
        assert_int_equal(SnmpFreePdu(h), 0);
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_PDU_INVALID);
    }
}

static void test_alloc_torture(void **st)
{
    HSNMP_VBL v = SnmpCreateVbl(sess, &name1, NULL), g = NULL;
    HSNMP_PDU p = NULL, d = NULL;
    smiINT32 rid = 5;

    (void)st;
    assert_int_equal(SnmpSetVb(v, 0, &name1, NULL), 2);
    TORTURE(p = SnmpCreatePdu(sess, SNMP_PDU_GET, 0, 0, 0, v), assert_non_null(p));
    TORTURE(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &g), assert_non_null(g));
    TORTURE(SnmpSetPduData(p, NULL, &rid, NULL, NULL, &g), (void)0);
    TORTURE(d = SnmpDuplicatePdu(sess, p), assert_non_null(d));
    assert_int_equal(SnmpGetPduData(d, NULL, &rid, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(rid, 5);
    assert_int_equal(SnmpFreeVbl(g), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(v), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(d), SNMPAPI_SUCCESS);
}

/* 100,000 create/free cycles of lists and PDUs leave no handle and no
 * allocation behind. */
static void test_cycles(void **st)
{
    size_t pdus = ows_handle_live(OWS_T_PDU), vbls = ows_handle_live(OWS_T_VBL);
    long live = ows_alloc_live();
    int i;

    (void)st;
    for (i = 0; i < 100000; i++) {
        HSNMP_VBL v = SnmpCreateVbl(sess, &name1, NULL);
        HSNMP_PDU p = SnmpCreatePdu(sess, SNMP_PDU_GET, i + 1, 0, 0, v);

        assert_non_null(v);
        assert_non_null(p);
        assert_int_equal(SnmpFreeVbl(v), SNMPAPI_SUCCESS);
        assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    }
    assert_int_equal(ows_handle_live(OWS_T_PDU), pdus);
    assert_int_equal(ows_handle_live(OWS_T_VBL), vbls);
    assert_true(ows_alloc_live() <= live);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_explicit_and_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_set_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_free, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_frees_owned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_initialized, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_torture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cycles, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
