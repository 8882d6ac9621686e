/*
 * test_pdu.c - conformance: SnmpCreatePdu, SnmpGetPduData, SnmpSetPduData,
 * SnmpDuplicatePdu, SnmpFreePdu.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define JUNK ((HANDLE)(uintptr_t)0x600dcafeu)

/* A VBL with `n` entries named 1.3.6.1.2.1.1.<i>.0 holding INT i. */
static HSNMP_VBL make_vbl(HSNMP_SESSION s, int n)
{
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    int i;
    for (i = 1; i <= n; i++) {
        smiUINT32 ids[9] = {1, 3, 6, 1, 2, 1, 1, (smiUINT32)i, 0};
        smiOID name = {9, ids};
        smiVALUE val;
        memset(&val, 0, sizeof val);
        val.syntax = SNMP_SYNTAX_INT;
        val.value.sNumber = i;
        EXPECT_RET(SnmpSetVb(v, 0, &name, &val), i);
    }
    return v;
}

static smiUINT32 vbl_count(HSNMP_VBL v)
{
    smiUINT32 n = SnmpCountVbl(v);
    if (n == 0)
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOOP);
    return n;
}

static void create_defaults(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p;
    smiINT type = -1, es = -1, ei = -1;
    smiINT32 rid = 0;
    HSNMP_VBL v = NULL;
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, 0, 0, 0, 0, NULL));
    EXPECT_RET(SnmpGetPduData(p, &type, &rid, &es, &ei, &v), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_GETNEXT);
    assert_int_not_equal(rid, 0);   /* generated */
    assert_int_equal(es, 0);
    assert_int_equal(ei, 0);
    assert_non_null(v);             /* a new (empty) list the app frees */
    assert_int_equal(vbl_count(v), 0);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_RET(SnmpFreePdu(p), SNMPAPI_SUCCESS);
}

/* Two PDUs with generated ids get different ids. */
static void generated_request_ids_differ(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p1, p2;
    smiINT32 r1 = 0, r2 = 0;
    p1 = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    p2 = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_OK(SnmpGetPduData(p1, NULL, &r1, NULL, NULL, NULL));
    EXPECT_OK(SnmpGetPduData(p2, NULL, &r2, NULL, NULL, NULL));
    assert_int_not_equal(r1, r2);
    EXPECT_OK(SnmpFreePdu(p1));
    EXPECT_OK(SnmpFreePdu(p2));
}

static void create_every_valid_type(void **state)
{
    static const smiINT types[] = {SNMP_PDU_GET, SNMP_PDU_GETNEXT, SNMP_PDU_RESPONSE,
                                   SNMP_PDU_SET, SNMP_PDU_GETBULK, SNMP_PDU_INFORM,
                                   SNMP_PDU_TRAP};
    HSNMP_SESSION s = FX(state);
    size_t i;
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        HSNMP_PDU p;
        smiINT t = -1;
        smiINT32 rid = 0;
        p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, types[i], 1000 + (smiINT32)i, 0, 0, NULL));
        EXPECT_OK(SnmpGetPduData(p, &t, &rid, NULL, NULL, NULL));
        assert_int_equal(t, types[i]);
        assert_int_equal(rid, 1000 + (smiINT32)i);
        EXPECT_OK(SnmpFreePdu(p));
    }
}

static void create_pdu_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 1);
    /* V1TRAP cannot be created (documented: only the SNMPv2 trap can). */
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, SNMP_PDU_V1TRAP, 0, 0, 0, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, 0x42, 0, 0, 0, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, SNMP_PDU_TRAP + 1, 0, 0, 0, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, -1, 0, 0, 0, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(NULL, SNMP_PDU_GET, 0, 0, 0, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(JUNK, SNMP_PDU_GET, 0, 0, 0, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreatePdu((HSNMP_SESSION)v, SNMP_PDU_GET, 0, 0, 0, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, JUNK), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, (HSNMP_VBL)s), SNMPAPI_VBL_INVALID);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, v), SNMPAPI_VBL_INVALID);
}

/* GETBULK carries non-repeaters / max-repetitions in the error fields. */
static void getbulk_fields(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p;
    smiINT es = -1, ei = -1, t = 0;
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GETBULK, 77, 2, 25, NULL));
    EXPECT_OK(SnmpGetPduData(p, &t, NULL, &es, &ei, NULL));
    assert_int_equal(t, SNMP_PDU_GETBULK);
    assert_int_equal(es, 2);
    assert_int_equal(ei, 25);
    EXPECT_OK(SnmpFreePdu(p));
}

/* The PDU's list is the given list's contents; the app keeps its VBL. */
static void pdu_with_vbl(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 3), got = NULL;
    HSNMP_PDU p;
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 5, 0, 0, v));
    EXPECT_OK(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &got));
    assert_non_null(got);
    assert_ptr_not_equal(got, v);   /* a new handle */
    assert_int_equal(vbl_count(got), 3);
    /* Freeing the returned list leaves the PDU's list intact. */
    EXPECT_OK(SnmpFreeVbl(got));
    got = NULL;
    EXPECT_OK(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &got));
    assert_int_equal(vbl_count(got), 3);
    EXPECT_OK(SnmpFreeVbl(got));
    /* The app's own VBL is still valid and its own. */
    assert_int_equal(vbl_count(v), 3);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreePdu(p));
}

/* The list SnmpGetPduData hands out takes every edit: a string and an OID
 * value replacing numbers, entries added past its size and removed, and the
 * PDU's own list stays as it was. */
static void pdu_data_vbl_edits(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_VBL v = make_vbl(s, 3), got = NULL, again = NULL;
    HSNMP_PDU p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 5, 0, 0, v));
    smiUINT32 new_ids[3] = {1, 3, 99}, val_ids[4] = {1, 3, 6, 7};
    smiOID new_name = {3, new_ids}, name;
    smiVALUE str, oid, val;
    smiBYTE text[] = "a value longer than the name it follows";
    int i;

    EXPECT_OK(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &got));
    str.syntax = SNMP_SYNTAX_OCTETS;
    str.value.string.len = (smiUINT32)(sizeof text - 1);
    str.value.string.ptr = text;
    oid.syntax = SNMP_SYNTAX_OID;
    oid.value.oid.len = 4;
    oid.value.oid.ptr = val_ids;
    EXPECT_RET(SnmpSetVb(got, 2, NULL, &str), 2);
    EXPECT_RET(SnmpSetVb(got, 3, NULL, &oid), 3);
    for (i = 0; i < 5; i++)
        EXPECT_RET(SnmpSetVb(got, 0, &new_name, &str), 4 + i);
    EXPECT_OK(SnmpDeleteVb(got, 1));
    assert_int_equal(vbl_count(got), 7);
    EXPECT_OK(SnmpGetVb(got, 1, &name, &val));
    assert_int_equal(name.len, 9);
    assert_int_equal(name.ptr[7], 2);
    assert_int_equal(val.syntax, SNMP_SYNTAX_OCTETS);
    assert_int_equal(val.value.string.len, sizeof text - 1);
    assert_memory_equal(val.value.string.ptr, text, sizeof text - 1);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&val.value.string);
    EXPECT_OK(SnmpGetVb(got, 2, &name, &val));
    assert_int_equal(name.ptr[7], 3);
    assert_int_equal(val.syntax, SNMP_SYNTAX_OID);
    assert_int_equal(val.value.oid.len, 4);
    assert_memory_equal(val.value.oid.ptr, val_ids, sizeof val_ids);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&val.value.oid);
    EXPECT_OK(SnmpGetVb(got, 7, &name, &val));
    assert_int_equal(name.len, 3);
    assert_memory_equal(name.ptr, new_ids, sizeof new_ids);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&val.value.string);
    /* The PDU's list: still three INTs. */
    EXPECT_OK(SnmpGetPduData(p, NULL, NULL, NULL, NULL, &again));
    assert_int_equal(vbl_count(again), 3);
    EXPECT_OK(SnmpGetVb(again, 2, &name, &val));
    assert_int_equal(val.syntax, SNMP_SYNTAX_INT);
    assert_int_equal(val.value.sNumber, 2);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    EXPECT_OK(SnmpFreeVbl(again));
    EXPECT_OK(SnmpFreeVbl(got));
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreePdu(p));
}

static void get_pdu_data_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p;
    HSNMP_VBL v = make_vbl(s, 1);
    smiINT t = 0;
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_FAIL(SnmpGetPduData(p, NULL, NULL, NULL, NULL, NULL), SNMPAPI_NOOP);
    EXPECT_FAIL(SnmpGetPduData(NULL, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpGetPduData(JUNK, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpGetPduData((HSNMP_PDU)v, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpGetPduData((HSNMP_PDU)s, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_FAIL(SnmpGetPduData(p, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpFreeVbl(v));
}

static void set_pdu_data(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p;
    HSNMP_VBL v = make_vbl(s, 2), got = NULL;
    smiINT t = SNMP_PDU_GETBULK, nr = 1, mr = 10, gt = 0, ges = 0, gei = 0;
    smiINT32 rid = 4242, grid = 0;
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 1, 0, 0, NULL));
    EXPECT_RET(SnmpSetPduData(p, &t, &rid, &nr, &mr, &v), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetPduData(p, &gt, &grid, &ges, &gei, &got));
    assert_int_equal(gt, SNMP_PDU_GETBULK);
    assert_int_equal(grid, 4242);
    assert_int_equal(ges, 1);
    assert_int_equal(gei, 10);
    assert_int_equal(vbl_count(got), 2);
    EXPECT_OK(SnmpFreeVbl(got));
    /* NULL means unchanged. */
    t = SNMP_PDU_SET;
    EXPECT_OK(SnmpSetPduData(p, &t, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpGetPduData(p, &gt, &grid, &ges, &gei, NULL));
    assert_int_equal(gt, SNMP_PDU_SET);
    assert_int_equal(grid, 4242);
    assert_int_equal(ges, 1);
    assert_int_equal(gei, 10);
    rid = 99;
    EXPECT_OK(SnmpSetPduData(p, NULL, &rid, NULL, NULL, NULL));
    EXPECT_OK(SnmpGetPduData(p, &gt, &grid, NULL, NULL, NULL));
    assert_int_equal(gt, SNMP_PDU_SET);
    assert_int_equal(grid, 99);
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreePdu(p));
}

static void set_pdu_data_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p;
    HSNMP_VBL junkv = (HSNMP_VBL)JUNK, sv = (HSNMP_VBL)s;
    smiINT t = SNMP_PDU_GET, bad = SNMP_PDU_V1TRAP, gt = 0;
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_FAIL(SnmpSetPduData(p, NULL, NULL, NULL, NULL, NULL), SNMPAPI_NOOP);
    EXPECT_FAIL(SnmpSetPduData(NULL, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpSetPduData(JUNK, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpSetPduData((HSNMP_PDU)s, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpSetPduData(p, NULL, NULL, NULL, NULL, &junkv), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpSetPduData(p, NULL, NULL, NULL, NULL, &sv), SNMPAPI_VBL_INVALID);
    /* OpenWinSNMP decision: the type rule of SnmpCreatePdu applies here too
     * (no V1TRAP, no unknown type). */
    EXPECT_FAIL(SnmpSetPduData(p, &bad, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    bad = 0x55;
    EXPECT_FAIL(SnmpSetPduData(p, &bad, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
    /* A rejected call changes nothing. */
    EXPECT_OK(SnmpGetPduData(p, &gt, NULL, NULL, NULL, NULL));
    assert_int_equal(gt, SNMP_PDU_GET);
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_FAIL(SnmpSetPduData(p, &t, NULL, NULL, NULL, NULL), SNMPAPI_PDU_INVALID);
}

static void duplicate_pdu(void **state)
{
    HSNMP_SESSION s = FX(state), s2;
    HSNMP_VBL v = make_vbl(s, 2), got = NULL;
    HSNMP_PDU p, d, d2;
    smiINT t = 0, es = 0, ei = 0;
    smiINT32 rid = 0;
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_RESPONSE, 321, 2, 1, v));
    d = (HSNMP_PDU)EXPECT_OK(SnmpDuplicatePdu(s, p));
    assert_ptr_not_equal(p, d);
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpGetPduData(d, &t, &rid, &es, &ei, &got));
    assert_int_equal(t, SNMP_PDU_RESPONSE);
    assert_int_equal(rid, 321);
    assert_int_equal(es, 2);
    assert_int_equal(ei, 1);
    assert_int_equal(vbl_count(got), 2);
    EXPECT_OK(SnmpFreeVbl(got));
    /* Duplicating into another session: the copy belongs to that session. */
    s2 = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    d2 = (HSNMP_PDU)EXPECT_OK(SnmpDuplicatePdu(s2, d));
    EXPECT_OK(SnmpClose(s2));
    EXPECT_FAIL(SnmpFreePdu(d2), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpFreePdu(d));
    EXPECT_OK(SnmpFreeVbl(v));
}

static void duplicate_pdu_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p;
    HSNMP_VBL v = make_vbl(s, 1);
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_FAIL(SnmpDuplicatePdu(NULL, p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDuplicatePdu(JUNK, p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDuplicatePdu((HSNMP_SESSION)p, p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(s, SnmpDuplicatePdu(s, NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL_S(s, SnmpDuplicatePdu(s, JUNK), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL_S(s, SnmpDuplicatePdu(s, (HSNMP_PDU)v), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_FAIL_S(s, SnmpDuplicatePdu(s, p), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpFreeVbl(v));
}

static void free_pdu_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p;
    HSNMP_VBL v = make_vbl(s, 1);
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, v));
    EXPECT_FAIL(SnmpFreePdu(NULL), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpFreePdu(JUNK), SNMPAPI_PDU_INVALID);
    /* A VBL is not a PDU, and survives the attempt. */
    EXPECT_FAIL(SnmpFreePdu((HSNMP_PDU)v), SNMPAPI_PDU_INVALID);
    assert_int_equal(vbl_count(v), 1);
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_FAIL(SnmpFreePdu(p), SNMPAPI_PDU_INVALID);
    /* Freeing the PDU does not free the app's VBL. */
    assert_int_equal(vbl_count(v), 1);
    EXPECT_OK(SnmpFreeVbl(v));
}

/* OpenWinSNMP decision (documented nowhere): a PDU takes only a VBL of its
 * own session, in SnmpCreatePdu and SnmpSetPduData alike. */
static void vbl_of_other_session_owsdecision(void **state)
{
    HSNMP_SESSION s = FX(state), s2;
    HSNMP_VBL other;
    HSNMP_PDU p;
    s2 = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    other = make_vbl(s2, 1);
    EXPECT_FAIL_S(s, SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, other), SNMPAPI_VBL_INVALID);
    p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_FAIL(SnmpSetPduData(p, NULL, NULL, NULL, NULL, &other), SNMPAPI_VBL_INVALID);
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpClose(s2));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(create_defaults),
        CONF_TEST(generated_request_ids_differ),
        CONF_TEST(create_every_valid_type),
        CONF_TEST(create_pdu_errors),
        CONF_TEST(getbulk_fields),
        CONF_TEST(pdu_with_vbl),
        CONF_TEST(pdu_data_vbl_edits),
        CONF_TEST(get_pdu_data_errors),
        CONF_TEST(set_pdu_data),
        CONF_TEST(set_pdu_data_errors),
        CONF_TEST(duplicate_pdu),
        CONF_TEST(duplicate_pdu_errors),
        CONF_TEST(free_pdu_errors),
        CONF_TEST(vbl_of_other_session_owsdecision),
    };
    return CONF_RUN("conformance.pdu", tests);
}
