/* test_vbl_api.c - the VBL exports: behaviour, last errors, every documented
 * error code, stale/garbage/wrong-type handles, allocation failure. */
#include "api_helpers.h"
#include "core/descriptor.h"

static HSNMP_SESSION sess;
static smiUINT32 n1[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static smiUINT32 n2[] = { 1, 3, 6, 1, 2, 1, 1, 2, 0 };
static smiOID name1 = { 9, n1 }, name2 = { 9, n2 };

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

static smiVALUE int_val(smiINT i)
{
    smiVALUE v;
    memset(&v, 0, sizeof v);
    v.syntax = SNMP_SYNTAX_INT;
    v.value.sNumber = i;
    return v;
}

static void test_create_count_get(void **st)
{
    smiVALUE v = int_val(-5), out;
    smiOID nm;
    HSNMP_VBL vbl, empty;

    (void)st;
    vbl = SnmpCreateVbl(sess, &name1, &v);
    assert_non_null(vbl);
    assert_int_equal(SnmpCountVbl(vbl), 1);
    assert_int_equal(SnmpGetVb(vbl, 1, &nm, &out), SNMPAPI_SUCCESS);
    assert_int_equal(nm.len, 9);
    assert_memory_equal(nm.ptr, n1, sizeof n1);
    assert_int_equal(out.syntax, SNMP_SYNTAX_INT);
    assert_int_equal(out.value.sNumber, -5);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm), SNMPAPI_SUCCESS);

    /* A NULL name gives an empty list; the value is ignored. Counting an
     * empty list returns 0 with NOOP. */
    empty = SnmpCreateVbl(sess, NULL, &v);
    assert_non_null(empty);
    EXPECT_FAIL(SnmpCountVbl(empty), SNMPAPI_NOOP);
    assert_int_equal(SnmpGetLastError(sess), SNMPAPI_NOOP);
    EXPECT_FAIL(SnmpGetVb(empty, 1, &nm, &out), SNMPAPI_INDEX_INVALID);

    /* A NULL value is syntax NULL. */
    assert_int_equal(SnmpSetVb(empty, 0, &name2, NULL), 1);
    assert_int_equal(SnmpGetVb(empty, 1, &nm, &out), SNMPAPI_SUCCESS);
    assert_int_equal(out.syntax, SNMP_SYNTAX_NULL);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(empty), SNMPAPI_SUCCESS);
}

static void test_all_syntaxes_roundtrip(void **st)
{
    smiUINT32 oidv[] = { 1, 3, 6, 1, 4, 1, 9 };
    smiBYTE bytes[] = { 'a', 0, 'b' };
    smiBYTE ip[] = { 127, 0, 0, 1 };
    smiVALUE in[12], out;
    smiOID nm;
    HSNMP_VBL vbl = SnmpCreateVbl(sess, NULL, NULL);
    int i;

    (void)st;
    memset(in, 0, sizeof in);
    in[0] = int_val(-2147483647 - 1);
    in[1].syntax = SNMP_SYNTAX_CNTR32;    in[1].value.uNumber = 4294967295u;
    in[2].syntax = SNMP_SYNTAX_GAUGE32;   in[2].value.uNumber = 7;
    in[3].syntax = SNMP_SYNTAX_TIMETICKS; in[3].value.uNumber = 100;
    in[4].syntax = SNMP_SYNTAX_UINT32;    in[4].value.uNumber = 8;
    in[5].syntax = SNMP_SYNTAX_CNTR64;
    in[5].value.hNumber.hipart = 0x80000001u;
    in[5].value.hNumber.lopart = 0xfffffffeu;
    in[6].syntax = SNMP_SYNTAX_OCTETS;    in[6].value.string.len = 3; in[6].value.string.ptr = bytes;
    in[7].syntax = SNMP_SYNTAX_IPADDR;    in[7].value.string.len = 4; in[7].value.string.ptr = ip;
    in[8].syntax = SNMP_SYNTAX_OPAQUE;    in[8].value.string.len = 0; in[8].value.string.ptr = NULL;
    in[9].syntax = SNMP_SYNTAX_OID;       in[9].value.oid.len = 7; in[9].value.oid.ptr = oidv;
    in[10].syntax = SNMP_SYNTAX_NOSUCHINSTANCE;
    in[11].syntax = SNMP_SYNTAX_ENDOFMIBVIEW;
    for (i = 0; i < 12; i++)
        assert_int_equal(SnmpSetVb(vbl, 0, &name1, &in[i]), (SNMPAPI_STATUS)i + 1);
    assert_int_equal(SnmpCountVbl(vbl), 12);
    for (i = 0; i < 12; i++) {
        assert_int_equal(SnmpGetVb(vbl, (smiUINT32)i + 1, &nm, &out), SNMPAPI_SUCCESS);
        assert_int_equal(out.syntax, in[i].syntax);
        switch (out.syntax) {
        case SNMP_SYNTAX_OCTETS: case SNMP_SYNTAX_IPADDR: case SNMP_SYNTAX_OPAQUE:
            assert_int_equal(out.value.string.len, in[i].value.string.len);
            if (in[i].value.string.len)
                assert_memory_equal(out.value.string.ptr, in[i].value.string.ptr,
                                    in[i].value.string.len);
            /* Even an empty string comes back freeable. */
            assert_int_equal(SnmpFreeDescriptor(out.syntax, &out.value.string), SNMPAPI_SUCCESS);
            break;
        case SNMP_SYNTAX_OID:
            assert_int_equal(out.value.oid.len, 7);
            assert_memory_equal(out.value.oid.ptr, oidv, sizeof oidv);
            assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&out.value.oid),
                             SNMPAPI_SUCCESS);
            break;
        case SNMP_SYNTAX_CNTR64:
            assert_int_equal(out.value.hNumber.hipart, 0x80000001u);
            assert_int_equal(out.value.hNumber.lopart, 0xfffffffeu);
            break;
        case SNMP_SYNTAX_INT:
            assert_int_equal(out.value.sNumber, in[i].value.sNumber);
            break;
        case SNMP_SYNTAX_NOSUCHINSTANCE: case SNMP_SYNTAX_ENDOFMIBVIEW:
            break;
        default:
            assert_int_equal(out.value.uNumber, in[i].value.uNumber);
        }
        assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm), SNMPAPI_SUCCESS);
    }
    assert_int_equal(ows_desc_live(), 0);
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
}

static void test_set_delete(void **st)
{
    smiVALUE v = int_val(1), w = int_val(2), out;
    smiOID nm;
    HSNMP_VBL vbl = SnmpCreateVbl(sess, &name1, &v);

    (void)st;
    assert_int_equal(SnmpSetVb(vbl, 0, &name2, &w), 2);
    /* Update the value only. */
    assert_int_equal(SnmpSetVb(vbl, 1, NULL, &w), 1);
    assert_int_equal(SnmpGetVb(vbl, 1, &nm, &out), SNMPAPI_SUCCESS);
    assert_memory_equal(nm.ptr, n1, sizeof n1);
    assert_int_equal(out.value.sNumber, 2);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm);
    /* Update name and value. */
    assert_int_equal(SnmpSetVb(vbl, 1, &name2, NULL), 1);
    assert_int_equal(SnmpGetVb(vbl, 1, &nm, &out), SNMPAPI_SUCCESS);
    assert_memory_equal(nm.ptr, n2, sizeof n2);
    assert_int_equal(out.syntax, SNMP_SYNTAX_NULL);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm);
    /* Delete shifts down. */
    assert_int_equal(SnmpSetVb(vbl, 2, &name1, &v), 2);
    assert_int_equal(SnmpDeleteVb(vbl, 1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCountVbl(vbl), 1);
    assert_int_equal(SnmpGetVb(vbl, 1, &nm, &out), SNMPAPI_SUCCESS);
    assert_memory_equal(nm.ptr, n1, sizeof n1);
    assert_int_equal(out.value.sNumber, 1);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm);
    /* Outputs left NULL are simply not filled. */
    assert_int_equal(SnmpGetVb(vbl, 1, NULL, &out), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetVb(vbl, 1, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(ows_desc_live(), 0);
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
}

static void test_errors(void **st)
{
    smiVALUE v = int_val(1), bad = int_val(0), out;
    smiUINT32 big[130] = { 1, 3 };
    smiOID toolong = { 129, big }, empty = { 0, big }, noptr = { 2, NULL }, nm;
    HSNMP_VBL vbl = SnmpCreateVbl(sess, &name1, &v);
    HSNMP_PDU pdu = SnmpCreatePdu(sess, 0, 0, 0, 0, NULL);
    HSNMP_VBL dup;

    (void)st;
    /* SnmpCreateVbl */
    EXPECT_FAIL(SnmpCreateVbl(NULL, &name1, &v), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreateVbl((HSNMP_SESSION)vbl, &name1, &v), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreateVbl(sess, &toolong, &v), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpCreateVbl(sess, &empty, &v), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpCreateVbl(sess, &noptr, &v), SNMPAPI_OID_INVALID);
    bad.syntax = SNMP_SYNTAX_SEQUENCE;
    EXPECT_FAIL(SnmpCreateVbl(sess, &name1, &bad), SNMPAPI_SYNTAX_INVALID);
    assert_int_equal(SnmpGetLastError(sess), SNMPAPI_SYNTAX_INVALID);
    bad.syntax = SNMP_SYNTAX_IPADDR;
    bad.value.string.len = 6;
    bad.value.string.ptr = (smiLPBYTE)"abcdef";
    EXPECT_FAIL(SnmpCreateVbl(sess, &name1, &bad), SNMPAPI_SYNTAX_INVALID);
    /* SnmpSetVb */
    EXPECT_FAIL(SnmpSetVb(NULL, 0, &name1, &v), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpSetVb((HSNMP_VBL)pdu, 0, &name1, &v), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpSetVb(vbl, 2, &name1, &v), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpSetVb(vbl, 0, NULL, &v), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpSetVb(vbl, 0, &toolong, &v), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpSetVb(vbl, 1, &empty, &v), SNMPAPI_OID_INVALID);
    bad.syntax = 0x31;
    EXPECT_FAIL(SnmpSetVb(vbl, 1, NULL, &bad), SNMPAPI_SYNTAX_INVALID);
    /* SnmpGetVb / SnmpDeleteVb / SnmpCountVbl / SnmpFreeVbl */
    EXPECT_FAIL(SnmpGetVb(vbl, 0, &nm, &out), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpGetVb(vbl, 2, &nm, &out), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpGetVb(NULL, 1, &nm, &out), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpDeleteVb(vbl, 0), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpDeleteVb(vbl, 2), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpDeleteVb((HSNMP_VBL)sess, 1), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpCountVbl((HSNMP_VBL)pdu), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpFreeVbl((HSNMP_VBL)pdu), SNMPAPI_VBL_INVALID);   /* PDU given as VBL */
    /* SnmpDuplicateVbl */
    EXPECT_FAIL(SnmpDuplicateVbl(NULL, vbl), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDuplicateVbl(sess, (HSNMP_VBL)pdu), SNMPAPI_VBL_INVALID);
    dup = SnmpDuplicateVbl(sess, vbl);
    assert_non_null(dup);
    assert_ptr_not_equal(dup, vbl);
    assert_int_equal(SnmpCountVbl(dup), 1);
    /* Freed twice; then every export refuses the stale handle. */
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
    EXPECT_FAIL(SnmpFreeVbl(vbl), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpCountVbl(vbl), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpGetVb(vbl, 1, &nm, &out), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpSetVb(vbl, 0, &name1, &v), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpDeleteVb(vbl, 1), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpDuplicateVbl(sess, vbl), SNMPAPI_VBL_INVALID);
    assert_int_equal(SnmpCountVbl(dup), 1);   /* the copy is independent */
    assert_int_equal(SnmpFreeVbl(dup), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreePdu(pdu), SNMPAPI_SUCCESS);
}

static void test_garbage_handles(void **st)
{
    smiVALUE v = int_val(1), out;
    smiOID nm;
    uint32_t x = 0x12345678u;
    int i;

    (void)st;
    for (i = 0; i < 2000; i++) {
        HSNMP_VBL h;

        x = x * 1664525u + 1013904223u;
        h = (HSNMP_VBL)(uintptr_t)(i % 2 ? x : (uint64_t)x << 16 | (uint64_t)i);
        assert_int_equal(SnmpCountVbl(h), 0);
        assert_int_equal(SnmpGetVb(h, 1, &nm, &out), 0);
        assert_int_equal(SnmpSetVb(h, 0, &name1, &v), 0);
        assert_int_equal(SnmpDeleteVb(h, 1), 0);
        assert_int_equal(SnmpFreeVbl(h), 0);
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_VBL_INVALID);
    }
}

static void test_close_frees_owned(void **st)
{
    HSNMP_SESSION s2 = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_VBL a, b;
    size_t before = ows_handle_live(OWS_T_VBL);

    (void)st;
    a = SnmpCreateVbl(s2, &name1, NULL);
    b = SnmpDuplicateVbl(s2, a);
    assert_non_null(b);
    assert_int_equal(ows_handle_live(OWS_T_VBL), before + 2);
    assert_int_equal(SnmpClose(s2), SNMPAPI_SUCCESS);
    assert_int_equal(ows_handle_live(OWS_T_VBL), before);
    EXPECT_FAIL(SnmpCountVbl(a), SNMPAPI_VBL_INVALID);
}

static void test_not_initialized(void **st)
{
    smiVALUE out;
    smiOID nm;

    (void)st;
    SnmpCleanup();
    EXPECT_FAIL(SnmpCreateVbl(sess, &name1, NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpDuplicateVbl(sess, NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpFreeVbl(NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpCountVbl(NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpGetVb(NULL, 1, &nm, &out), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpSetVb(NULL, 0, &name1, NULL), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpDeleteVb(NULL, 1), SNMPAPI_NOT_INITIALIZED);
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    sess = SnmpCreateSession(NULL, 0, NULL, NULL);
}

static void test_alloc_torture(void **st)
{
    smiVALUE s, out;
    smiOID nm;
    HSNMP_VBL vbl = NULL, dup = NULL;
    SNMPAPI_STATUS idx = 0;

    (void)st;
    memset(&s, 0, sizeof s);
    s.syntax = SNMP_SYNTAX_OCTETS;
    s.value.string.len = 5;
    s.value.string.ptr = (smiLPBYTE)"hello";
    TORTURE(vbl = SnmpCreateVbl(sess, &name1, &s), assert_non_null(vbl));
    TORTURE(idx = SnmpSetVb(vbl, 0, &name2, &s), assert_int_equal(idx, 2));
    TORTURE(idx = SnmpSetVb(vbl, 1, NULL, &s), assert_int_equal(idx, 1));
    TORTURE(dup = SnmpDuplicateVbl(sess, vbl), assert_non_null(dup));
    /* GetVb: make the descriptor registry exist first (its growth is kept,
     * which is not a leak), then every descriptor allocation fails in turn. */
    assert_int_equal(SnmpGetVb(vbl, 2, &nm, NULL), SNMPAPI_SUCCESS);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm);
    TORTURE(SnmpGetVb(vbl, 2, &nm, &out), (void)0);
    assert_int_equal(ows_desc_live(), 2);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&nm);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out.value.string);
    assert_int_equal(SnmpFreeVbl(vbl), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeVbl(dup), SNMPAPI_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_count_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_syntaxes_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_frees_owned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_initialized, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_torture, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
