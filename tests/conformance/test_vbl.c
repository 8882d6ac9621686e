/*
 * test_vbl.c - conformance: SnmpCreateVbl, SnmpDuplicateVbl, SnmpFreeVbl,
 * SnmpCountVbl, SnmpGetVb, SnmpSetVb, SnmpDeleteVb.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define JUNK ((HANDLE)(uintptr_t)0x0ddba11u)

static smiUINT32 sys_ids[9] = {1, 3, 6, 1, 2, 1, 1, 1, 0};

static smiVALUE int_value(smiINT n)
{
    smiVALUE v;
    memset(&v, 0, sizeof v);
    v.syntax = SNMP_SYNTAX_INT;
    v.value.sNumber = n;
    return v;
}

/* Reads entry `i` and checks name length/last sub-id and INT value. */
static void expect_int_vb(HSNMP_VBL vbl, smiUINT32 i, smiUINT32 last, smiINT n)
{
    smiOID name = {0, NULL};
    smiVALUE val;
    memset(&val, 0, sizeof val);
    EXPECT_RET(SnmpGetVb(vbl, i, &name, &val), SNMPAPI_SUCCESS);
    assert_int_equal(name.len, 9);
    assert_non_null(name.ptr);
    assert_int_equal(name.ptr[7], last);
    assert_int_equal(val.syntax, SNMP_SYNTAX_INT);
    assert_int_equal(val.value.sNumber, n);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name));
}

/* Builds a list of n entries 1.3.6.1.2.1.1.<i>.0 = INT i*10. */
static HSNMP_VBL make_vbl(HSNMP_SESSION s, smiUINT32 n)
{
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    smiUINT32 i;
    for (i = 1; i <= n; i++) {
        smiUINT32 ids[9];
        smiOID name = {9, ids};
        smiVALUE val = int_value((smiINT)(i * 10));
        memcpy(ids, sys_ids, sizeof ids);
        ids[7] = i;
        EXPECT_RET(SnmpSetVb(v, 0, &name, &val), i);
    }
    return v;
}

static void empty_list(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v;
    v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    /* Documented: an empty list counts 0 with NOOP. */
    EXPECT_FAIL(SnmpCountVbl(v), SNMPAPI_NOOP);
    EXPECT_RET(SnmpFreeVbl(v), SNMPAPI_SUCCESS);
}

/* With a NULL name the value is ignored and the list is empty. */
static void null_name_ignores_value(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiVALUE val = int_value(5);
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, &val));
    EXPECT_FAIL(SnmpCountVbl(v), SNMPAPI_NOOP);
    EXPECT_OK(SnmpFreeVbl(v));
}

static void create_with_entry(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOID name = {9, sys_ids};
    smiVALUE val = int_value(-42);
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, &val));
    EXPECT_RET(SnmpCountVbl(v), 1);
    expect_int_vb(v, 1, 1, -42);
    EXPECT_OK(SnmpFreeVbl(v));
}

/* A name with a NULL value gets syntax NULL. */
static void create_with_null_value(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOID name = {9, sys_ids}, got = {0, NULL};
    smiVALUE val;
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, NULL));
    memset(&val, 0x33, sizeof val);
    EXPECT_OK(SnmpGetVb(v, 1, &got, &val));
    assert_int_equal(val.syntax, SNMP_SYNTAX_NULL);
    assert_int_equal(got.len, 9);
    assert_memory_equal(got.ptr, sys_ids, sizeof sys_ids);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&got));
    EXPECT_OK(SnmpFreeVbl(v));
}

static void create_vbl_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiUINT32 big[MAXOBJIDSIZE + 1];
    smiOID too_long = {MAXOBJIDSIZE + 1, big};
    smiOID no_ptr = {4, NULL};
    smiOID name = {9, sys_ids};
    smiVALUE bad;
    memset(big, 0, sizeof big);
    memset(&bad, 0, sizeof bad);
    bad.syntax = 0x99;
    EXPECT_FAIL(SnmpCreateVbl(NULL, &name, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreateVbl(JUNK, &name, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(s, SnmpCreateVbl(s, &too_long, NULL), SNMPAPI_OID_INVALID);
    EXPECT_FAIL_S(s, SnmpCreateVbl(s, &no_ptr, NULL), SNMPAPI_OID_INVALID);
    EXPECT_FAIL_S(s, SnmpCreateVbl(s, &name, &bad), SNMPAPI_SYNTAX_INVALID);
    bad.syntax = SNMP_PDU_GET;   /* a PDU type is not a value syntax */
    EXPECT_FAIL_S(s, SnmpCreateVbl(s, &name, &bad), SNMPAPI_SYNTAX_INVALID);
}

/* The largest legal name (128 sub-ids) is accepted. */
static void max_length_name(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiUINT32 ids[MAXOBJIDSIZE];
    smiOID name = {MAXOBJIDSIZE, ids}, got = {0, NULL};
    HSNMP_VBL v;
    int i;
    for (i = 0; i < MAXOBJIDSIZE; i++)
        ids[i] = (smiUINT32)(i < 2 ? 1 + 2 * i : i);
    v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, NULL));
    EXPECT_OK(SnmpGetVb(v, 1, &got, NULL));
    assert_int_equal(got.len, MAXOBJIDSIZE);
    assert_memory_equal(got.ptr, ids, sizeof ids);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&got));
    EXPECT_OK(SnmpFreeVbl(v));
}

static void set_vb_append_and_update(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 3);
    smiVALUE val = int_value(777);
    smiUINT32 ids[9];
    smiOID name = {9, ids};
    EXPECT_RET(SnmpCountVbl(v), 3);
    /* Update index 2, value only (NULL name keeps the name). */
    EXPECT_RET(SnmpSetVb(v, 2, NULL, &val), 2);
    expect_int_vb(v, 2, 2, 777);
    /* Update index 3 with a new name and value. */
    memcpy(ids, sys_ids, sizeof ids);
    ids[7] = 9;
    val = int_value(9);
    EXPECT_RET(SnmpSetVb(v, 3, &name, &val), 3);
    expect_int_vb(v, 3, 9, 9);
    /* Append returns the new count. */
    EXPECT_RET(SnmpSetVb(v, 0, &name, &val), 4);
    EXPECT_RET(SnmpCountVbl(v), 4);
    /* Name with a NULL value: syntax NULL. */
    EXPECT_RET(SnmpSetVb(v, 0, &name, NULL), 5);
    {
        smiVALUE got;
        memset(&got, 0x44, sizeof got);
        EXPECT_OK(SnmpGetVb(v, 5, NULL, &got));
        assert_int_equal(got.syntax, SNMP_SYNTAX_NULL);
    }
    expect_int_vb(v, 1, 1, 10);
    EXPECT_OK(SnmpFreeVbl(v));
}

static void set_vb_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 2);
    HSNMP_PDU p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    smiUINT32 big[MAXOBJIDSIZE + 1];
    smiOID too_long = {MAXOBJIDSIZE + 1, big}, name = {9, sys_ids}, no_ptr = {3, NULL};
    smiVALUE val = int_value(1), bad;
    memset(big, 0, sizeof big);
    memset(&bad, 0, sizeof bad);
    bad.syntax = 0x99;
    EXPECT_FAIL(SnmpSetVb(NULL, 0, &name, &val), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpSetVb(JUNK, 0, &name, &val), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpSetVb((HSNMP_VBL)p, 0, &name, &val), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpSetVb(v, 3, &name, &val), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpSetVb(v, 1000, &name, &val), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpSetVb(v, 0xffffffffu, &name, &val), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpSetVb(v, 0, &too_long, &val), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpSetVb(v, 1, &no_ptr, &val), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpSetVb(v, 0, &name, &bad), SNMPAPI_SYNTAX_INVALID);
    /* Appending needs a name. OpenWinSNMP decision: OID_INVALID. */
    EXPECT_FAIL(SnmpSetVb(v, 0, NULL, &val), SNMPAPI_OID_INVALID);
    /* Nothing changed. */
    EXPECT_RET(SnmpCountVbl(v), 2);
    expect_int_vb(v, 1, 1, 10);
    expect_int_vb(v, 2, 2, 20);
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_FAIL(SnmpSetVb(v, 0, &name, &val), SNMPAPI_VBL_INVALID);
}

static void get_vb_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 2);
    smiOID name = {0, NULL};
    smiVALUE val;
    memset(&val, 0, sizeof val);
    EXPECT_FAIL(SnmpGetVb(v, 0, &name, &val), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpGetVb(v, 3, &name, &val), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpGetVb(v, 0x80000000u, &name, &val), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpGetVb(NULL, 1, &name, &val), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpGetVb(JUNK, 1, &name, &val), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpGetVb((HSNMP_VBL)s, 1, &name, &val), SNMPAPI_VBL_INVALID);
    /* No output descriptor was handed out by the failures. */
    assert_null(name.ptr);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_FAIL(SnmpGetVb(v, 1, &name, &val), SNMPAPI_VBL_INVALID);
    /* An empty list has no index 1. */
    v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    EXPECT_FAIL(SnmpGetVb(v, 1, &name, &val), SNMPAPI_INDEX_INVALID);
    EXPECT_OK(SnmpFreeVbl(v));
}

static void delete_vb_shifts(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 4);
    EXPECT_RET(SnmpDeleteVb(v, 2), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpCountVbl(v), 3);
    expect_int_vb(v, 1, 1, 10);
    expect_int_vb(v, 2, 3, 30);
    expect_int_vb(v, 3, 4, 40);
    EXPECT_OK(SnmpDeleteVb(v, 3));
    EXPECT_OK(SnmpDeleteVb(v, 1));
    EXPECT_RET(SnmpCountVbl(v), 1);
    expect_int_vb(v, 1, 3, 30);
    EXPECT_OK(SnmpDeleteVb(v, 1));
    EXPECT_FAIL(SnmpCountVbl(v), SNMPAPI_NOOP);
    EXPECT_OK(SnmpFreeVbl(v));
}

static void delete_vb_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 2);
    EXPECT_FAIL(SnmpDeleteVb(v, 0), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpDeleteVb(v, 3), SNMPAPI_INDEX_INVALID);
    EXPECT_FAIL(SnmpDeleteVb(NULL, 1), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpDeleteVb(JUNK, 1), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpDeleteVb((HSNMP_VBL)s, 1), SNMPAPI_VBL_INVALID);
    EXPECT_RET(SnmpCountVbl(v), 2);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_FAIL(SnmpDeleteVb(v, 1), SNMPAPI_VBL_INVALID);
}

static void count_vbl_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 1);
    EXPECT_FAIL(SnmpCountVbl(NULL), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpCountVbl(JUNK), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpCountVbl((HSNMP_VBL)s), SNMPAPI_VBL_INVALID);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_FAIL(SnmpCountVbl(v), SNMPAPI_VBL_INVALID);
}

static void duplicate_vbl(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 3), d;
    d = (HSNMP_VBL)EXPECT_OK(SnmpDuplicateVbl(s, v));
    assert_ptr_not_equal(d, v);
    /* Independent: changing the original leaves the copy alone. */
    EXPECT_OK(SnmpDeleteVb(v, 1));
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_RET(SnmpCountVbl(d), 3);
    expect_int_vb(d, 1, 1, 10);
    expect_int_vb(d, 3, 3, 30);
    EXPECT_OK(SnmpFreeVbl(d));
    /* An empty list duplicates to an empty list. */
    v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    d = (HSNMP_VBL)EXPECT_OK(SnmpDuplicateVbl(s, v));
    EXPECT_FAIL(SnmpCountVbl(d), SNMPAPI_NOOP);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreeVbl(d));
}

static void duplicate_vbl_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 1);
    HSNMP_PDU p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_FAIL(SnmpDuplicateVbl(NULL, v), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDuplicateVbl(JUNK, v), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDuplicateVbl((HSNMP_SESSION)v, v), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(s, SnmpDuplicateVbl(s, NULL), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL_S(s, SnmpDuplicateVbl(s, JUNK), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL_S(s, SnmpDuplicateVbl(s, (HSNMP_VBL)p), SNMPAPI_VBL_INVALID);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_FAIL_S(s, SnmpDuplicateVbl(s, v), SNMPAPI_VBL_INVALID);
    EXPECT_OK(SnmpFreePdu(p));
}

static void free_vbl_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 1);
    HSNMP_PDU p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, v));
    smiINT t = 0;
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_FAIL(SnmpFreeVbl(v), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpFreeVbl(NULL), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpFreeVbl(JUNK), SNMPAPI_VBL_INVALID);
    /* Real applications pass a PDU handle to SnmpFreeVbl: rejected, and the
     * PDU is unharmed. */
    EXPECT_FAIL(SnmpFreeVbl((HSNMP_VBL)p), SNMPAPI_VBL_INVALID);
    EXPECT_OK(SnmpGetPduData(p, &t, NULL, NULL, NULL, NULL));
    assert_int_equal(t, SNMP_PDU_GET);
    EXPECT_OK(SnmpFreePdu(p));
}

/* Every value syntax round-trips through SnmpSetVb/SnmpGetVb. */
static void all_syntaxes_round_trip(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    smiOID name = {9, sys_ids};
    smiBYTE ip[4] = {192, 0, 2, 7};
    smiBYTE bytes[5] = {'h', 0, 'l', 0xfe, 'o'};
    smiUINT32 oid_ids[5] = {1, 3, 6, 1, 4};
    static const smiUINT32 syn[] = {
        SNMP_SYNTAX_INT, SNMP_SYNTAX_UINT32, SNMP_SYNTAX_CNTR32, SNMP_SYNTAX_GAUGE32,
        SNMP_SYNTAX_TIMETICKS, SNMP_SYNTAX_CNTR64, SNMP_SYNTAX_OCTETS, SNMP_SYNTAX_OPAQUE,
        SNMP_SYNTAX_IPADDR, SNMP_SYNTAX_BITS, SNMP_SYNTAX_OID, SNMP_SYNTAX_NULL,
        SNMP_SYNTAX_NOSUCHOBJECT, SNMP_SYNTAX_NOSUCHINSTANCE, SNMP_SYNTAX_ENDOFMIBVIEW};
    const smiUINT32 n = sizeof syn / sizeof syn[0];
    smiUINT32 i;
    for (i = 0; i < n; i++) {
        smiVALUE val;
        memset(&val, 0, sizeof val);
        val.syntax = syn[i];
        switch (syn[i]) {
        case SNMP_SYNTAX_INT: val.value.sNumber = -2147483647 - 1; break;
        case SNMP_SYNTAX_CNTR64: val.value.hNumber.hipart = 0xfedcba98u;
                                 val.value.hNumber.lopart = 0x76543210u; break;
        case SNMP_SYNTAX_OCTETS: case SNMP_SYNTAX_OPAQUE: case SNMP_SYNTAX_BITS:
            val.value.string.len = sizeof bytes; val.value.string.ptr = bytes; break;
        case SNMP_SYNTAX_IPADDR:
            val.value.string.len = 4; val.value.string.ptr = ip; break;
        case SNMP_SYNTAX_OID:
            val.value.oid.len = 5; val.value.oid.ptr = oid_ids; break;
        case SNMP_SYNTAX_NULL: case SNMP_SYNTAX_NOSUCHOBJECT:
        case SNMP_SYNTAX_NOSUCHINSTANCE: case SNMP_SYNTAX_ENDOFMIBVIEW: break;
        default: val.value.uNumber = 0xffffffffu - i; break;
        }
        EXPECT_RET(SnmpSetVb(v, 0, &name, &val), i + 1);
    }
    /* The library copied the inputs. */
    memset(bytes, 0, sizeof bytes);
    memset(ip, 0, sizeof ip);
    memset(oid_ids, 0, sizeof oid_ids);
    for (i = 0; i < n; i++) {
        smiVALUE got;
        smiOID gname = {0, NULL};
        memset(&got, 0, sizeof got);
        EXPECT_OK(SnmpGetVb(v, i + 1, &gname, &got));
        assert_int_equal(got.syntax, syn[i]);
        assert_int_equal(gname.len, 9);
        switch (syn[i]) {
        case SNMP_SYNTAX_INT: assert_int_equal(got.value.sNumber, -2147483647 - 1); break;
        case SNMP_SYNTAX_CNTR64:
            assert_int_equal(got.value.hNumber.hipart, 0xfedcba98u);
            assert_int_equal(got.value.hNumber.lopart, 0x76543210u); break;
        case SNMP_SYNTAX_OCTETS: case SNMP_SYNTAX_OPAQUE: case SNMP_SYNTAX_BITS:
            assert_int_equal(got.value.string.len, 5);
            assert_memory_equal(got.value.string.ptr, "h\0l\xfeo", 5);
            EXPECT_OK(SnmpFreeDescriptor(syn[i], &got.value.string)); break;
        case SNMP_SYNTAX_IPADDR:
            assert_int_equal(got.value.string.len, 4);
            assert_memory_equal(got.value.string.ptr, "\xc0\x00\x02\x07", 4);
            EXPECT_OK(SnmpFreeDescriptor(syn[i], &got.value.string)); break;
        case SNMP_SYNTAX_OID: {
            static const smiUINT32 want[5] = {1, 3, 6, 1, 4};
            assert_int_equal(got.value.oid.len, 5);
            assert_memory_equal(got.value.oid.ptr, want, sizeof want);
            EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&got.value.oid));
            break; }
        case SNMP_SYNTAX_NULL: case SNMP_SYNTAX_NOSUCHOBJECT:
        case SNMP_SYNTAX_NOSUCHINSTANCE: case SNMP_SYNTAX_ENDOFMIBVIEW: break;
        default: assert_int_equal(got.value.uNumber, 0xffffffffu - i); break;
        }
        EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&gname));
    }
    EXPECT_OK(SnmpFreeVbl(v));
}

/* Zero-length strings are legal values. */
static void empty_octets_value(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOID name = {9, sys_ids};
    smiVALUE val, got;
    HSNMP_VBL v;
    memset(&val, 0, sizeof val);
    memset(&got, 0, sizeof got);
    val.syntax = SNMP_SYNTAX_OCTETS;
    val.value.string.len = 0;
    val.value.string.ptr = NULL;
    v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, &val));
    EXPECT_OK(SnmpGetVb(v, 1, NULL, &got));
    assert_int_equal(got.syntax, SNMP_SYNTAX_OCTETS);
    assert_int_equal(got.value.string.len, 0);
    if (got.value.string.ptr != NULL)
        EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &got.value.string));
    EXPECT_OK(SnmpFreeVbl(v));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(empty_list),
        CONF_TEST(null_name_ignores_value),
        CONF_TEST(create_with_entry),
        CONF_TEST(create_with_null_value),
        CONF_TEST(create_vbl_errors),
        CONF_TEST(max_length_name),
        CONF_TEST(set_vb_append_and_update),
        CONF_TEST(set_vb_errors),
        CONF_TEST(get_vb_errors),
        CONF_TEST(delete_vb_shifts),
        CONF_TEST(delete_vb_errors),
        CONF_TEST(count_vbl_errors),
        CONF_TEST(duplicate_vbl),
        CONF_TEST(duplicate_vbl_errors),
        CONF_TEST(free_vbl_errors),
        CONF_TEST(all_syntaxes_round_trip),
        CONF_TEST(empty_octets_value),
    };
    return CONF_RUN("conformance.vbl", tests);
}
