/*
 * test_startup.c - conformance: SnmpStartup/SnmpCleanup and the Ex pair,
 * translate and retransmit modes, vendor info, and SnmpGetLastError.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define JUNK ((HANDLE)(uintptr_t)0x13572468u)

/* Every export that needs a started library fails with NOT_INITIALIZED. The
 * handle arguments are garbage on purpose: the startup check comes first. */
static void expect_all_not_initialized(void)
{
    smiUINT32 u = 0, u2 = 0;
    smiINT i1 = 0, i2 = 0, i3 = 0;
    smiINT32 r32 = 0;
    smiVENDORINFO vi;
    char buf[64];
    smiUINT32 ids[4] = {1, 3, 6, 1};
    smiOID oid = {4, ids}, out_oid = {0, NULL};
    smiOCTETS oct = {6, (smiLPBYTE)"public"}, out_oct = {0, NULL};
    smiVALUE val;
    HSNMP_VBL vbl = NULL;
    HSNMP_ENTITY e1 = NULL, e2 = NULL;
    HSNMP_CONTEXT c1 = NULL;
    HSNMP_PDU p1 = NULL;
    const unsigned NI = SNMPAPI_NOT_INITIALIZED;

    memset(&vi, 0, sizeof vi);
    memset(&val, 0, sizeof val);

    EXPECT_FAIL(SnmpGetTranslateMode(&u), NI);
    EXPECT_FAIL(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1), NI);
    EXPECT_FAIL(SnmpGetRetransmitMode(&u), NI);
    EXPECT_FAIL(SnmpSetRetransmitMode(SNMPAPI_ON), NI);
    EXPECT_FAIL(SnmpGetTimeout(JUNK, &u, &u2), NI);
    EXPECT_FAIL(SnmpSetTimeout(JUNK, 100), NI);
    EXPECT_FAIL(SnmpGetRetry(JUNK, &u, &u2), NI);
    EXPECT_FAIL(SnmpSetRetry(JUNK, 3), NI);
    EXPECT_FAIL(SnmpGetVendorInfo(&vi), NI);
    EXPECT_FAIL(SnmpCleanup(), NI);
    /* SnmpCleanupEx's page lists only ALLOC_ERROR and OTHER_ERROR. */
    EXPECT_FAIL(SnmpCleanupEx(), SNMPAPI_OTHER_ERROR);
    EXPECT_FAIL(SnmpOpen(NULL, 0), NI);
    EXPECT_FAIL(SnmpCreateSession(NULL, 0, conf_callback, NULL), NI);
    EXPECT_FAIL(SnmpClose(JUNK), NI);
    EXPECT_FAIL(SnmpStrToEntity(JUNK, "127.0.0.1"), NI);
    EXPECT_FAIL(SnmpEntityToStr(JUNK, sizeof buf, buf), NI);
    EXPECT_FAIL(SnmpFreeEntity(JUNK), NI);
    EXPECT_FAIL(SnmpSetPort(JUNK, 1161), NI);
    EXPECT_FAIL(SnmpStrToContext(JUNK, &oct), NI);
    EXPECT_FAIL(SnmpContextToStr(JUNK, &out_oct), NI);
    EXPECT_FAIL(SnmpFreeContext(JUNK), NI);
    EXPECT_FAIL(SnmpCreatePdu(JUNK, SNMP_PDU_GET, 1, 0, 0, NULL), NI);
    EXPECT_FAIL(SnmpGetPduData(JUNK, &i1, &r32, &i2, &i3, &vbl), NI);
    EXPECT_FAIL(SnmpSetPduData(JUNK, &i1, &r32, &i2, &i3, &vbl), NI);
    EXPECT_FAIL(SnmpDuplicatePdu(JUNK, JUNK), NI);
    EXPECT_FAIL(SnmpFreePdu(JUNK), NI);
    EXPECT_FAIL(SnmpCreateVbl(JUNK, &oid, NULL), NI);
    EXPECT_FAIL(SnmpDuplicateVbl(JUNK, JUNK), NI);
    EXPECT_FAIL(SnmpFreeVbl(JUNK), NI);
    EXPECT_FAIL(SnmpCountVbl(JUNK), NI);
    EXPECT_FAIL(SnmpGetVb(JUNK, 1, &out_oid, &val), NI);
    EXPECT_FAIL(SnmpSetVb(JUNK, 0, &oid, NULL), NI);
    EXPECT_FAIL(SnmpDeleteVb(JUNK, 1), NI);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&out_oid), NI);
    EXPECT_FAIL(SnmpStrToOid("1.3.6.1", &out_oid), NI);
    EXPECT_FAIL(SnmpOidToStr(&oid, sizeof buf, buf), NI);
    EXPECT_FAIL(SnmpOidCopy(&oid, &out_oid), NI);
    EXPECT_FAIL(SnmpOidCompare(&oid, &oid, 0, &i1), NI);
    /* The network and codec exports too. */
    EXPECT_FAIL(SnmpSendMsg(JUNK, JUNK, JUNK, JUNK, JUNK), NI);
    EXPECT_FAIL(SnmpRecvMsg(JUNK, &e1, &e2, &c1, &p1), NI);
    EXPECT_FAIL(SnmpRegister(JUNK, NULL, NULL, NULL, NULL, SNMPAPI_ON), NI);
    EXPECT_FAIL(SnmpListen(JUNK, SNMPAPI_ON), NI);
    EXPECT_FAIL(SnmpListenEx(JUNK, SNMPAPI_ON, SNMPLISTEN_USEENTITY_ADDR), NI);
    EXPECT_FAIL(SnmpCancelMsg(JUNK, 1), NI);
    EXPECT_FAIL(SnmpEncodeMsg(JUNK, JUNK, JUNK, JUNK, JUNK, &out_oct), NI);
    EXPECT_FAIL(SnmpDecodeMsg(JUNK, &e1, &e2, &c1, &p1, &oct), NI);
    /* Nothing was written to the outputs. */
    assert_null(out_oid.ptr);
    assert_null(out_oct.ptr);
}

/* Must run first in the process: nothing has been started yet. */
static void before_startup_everything_not_initialized(void **state)
{
    (void)state;
    /* SnmpGetLastError works before startup (documented). */
    (void)SnmpGetLastError(NULL);
    expect_all_not_initialized();
}

static void after_cleanup_everything_not_initialized(void **state)
{
    (void)state;
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    EXPECT_OK(SnmpCleanup());
    expect_all_not_initialized();
    /* ...and SnmpGetLastError still answers after cleanup. */
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
}

static void startup_outputs(void **state)
{
    smiUINT32 maj = 77, min = 77, lvl = 77, tm = 77, rm = 77;
    (void)state;
    EXPECT_RET(SnmpStartup(&maj, &min, &lvl, &tm, &rm), SNMPAPI_SUCCESS);
    assert_int_equal(maj, 2);
    assert_int_equal(min, 0);
    assert_int_equal(lvl, SNMPAPI_V2_SUPPORT);
    assert_int_equal(tm, SNMPAPI_UNTRANSLATED_V1);
    assert_int_equal(rm, SNMPAPI_ON);
    EXPECT_OK(SnmpCleanup());
}

static void startup_null_outputs_allowed(void **state)
{
    smiUINT32 maj = 0;
    (void)state;
    EXPECT_RET(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpStartup(&maj, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(maj, 2);
    EXPECT_OK(SnmpCleanup());
}

/* Startup reports the CURRENT modes, not just the defaults. */
static void startup_reports_current_modes(void **state)
{
    smiUINT32 tm = 77, rm = 77;
    (void)state;
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2));
    EXPECT_OK(SnmpSetRetransmitMode(SNMPAPI_OFF));
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, &tm, &rm));
    assert_int_equal(tm, SNMPAPI_UNTRANSLATED_V2);
    assert_int_equal(rm, SNMPAPI_OFF);
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
    EXPECT_OK(SnmpSetRetransmitMode(SNMPAPI_ON));
    EXPECT_OK(SnmpCleanup());
}

/* The plain pair is not counted: one SnmpCleanup undoes many SnmpStartup. */
static void plain_startup_not_counted(void **state)
{
    smiUINT32 m = 0;
    (void)state;
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpCleanup());
    EXPECT_FAIL(SnmpGetTranslateMode(&m), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpCleanup(), SNMPAPI_NOT_INITIALIZED);
}

/* The Ex pair is reference counted. */
static void startupex_counted(void **state)
{
    smiUINT32 maj = 0, min = 9, lvl = 0, tm = 9, rm = 9, m = 0;
    (void)state;
    EXPECT_RET(SnmpStartupEx(&maj, &min, &lvl, &tm, &rm), SNMPAPI_SUCCESS);
    assert_int_equal(maj, 2);
    assert_int_equal(min, 0);
    assert_int_equal(lvl, SNMPAPI_V2_SUPPORT);
    assert_int_equal(tm, SNMPAPI_UNTRANSLATED_V1);
    assert_int_equal(rm, SNMPAPI_ON);
    EXPECT_OK(SnmpStartupEx(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpCleanupEx());
    /* One reference remains: still usable. */
    EXPECT_OK(SnmpGetTranslateMode(&m));
    EXPECT_OK(SnmpCleanupEx());
    EXPECT_FAIL(SnmpGetTranslateMode(&m), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpCleanupEx(), SNMPAPI_OTHER_ERROR);
}

/* Final teardown happens only when no successful Startup/StartupEx remains:
 * a plain SnmpStartup keeps the library alive across the last SnmpCleanupEx. */
static void plain_startup_survives_cleanupex(void **state)
{
    smiUINT32 m = 0;
    HSNMP_SESSION s;
    (void)state;
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpStartupEx(NULL, NULL, NULL, NULL, NULL));
    s = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    EXPECT_OK(SnmpCleanupEx());
    EXPECT_OK(SnmpGetTranslateMode(&m));
    /* The session survived too. */
    EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_OK(SnmpCleanup());
    EXPECT_FAIL(SnmpGetTranslateMode(&m), SNMPAPI_NOT_INITIALIZED);
}

/* Cleanup frees every session: a fresh startup does not know the old ones. */
static void cleanup_invalidates_sessions(void **state)
{
    HSNMP_SESSION s;
    (void)state;
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    s = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    EXPECT_OK(SnmpCleanup());
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_FAIL(SnmpClose(s), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_OK(SnmpCleanup());
}

static void translate_mode(void **state)
{
    smiUINT32 m = 77;
    (void)state;
    EXPECT_OK(SnmpGetTranslateMode(&m));
    assert_int_equal(m, SNMPAPI_UNTRANSLATED_V1);
    EXPECT_RET(SnmpSetTranslateMode(SNMPAPI_TRANSLATED), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetTranslateMode(&m));
    assert_int_equal(m, SNMPAPI_TRANSLATED);
    EXPECT_RET(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetTranslateMode(&m));
    assert_int_equal(m, SNMPAPI_UNTRANSLATED_V2);
    EXPECT_FAIL(SnmpSetTranslateMode(3), SNMPAPI_MODE_INVALID);
    EXPECT_FAIL(SnmpSetTranslateMode(0xffffffffu), SNMPAPI_MODE_INVALID);
    /* A rejected mode leaves the current one alone. */
    EXPECT_OK(SnmpGetTranslateMode(&m));
    assert_int_equal(m, SNMPAPI_UNTRANSLATED_V2);
    EXPECT_RET(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetTranslateMode(&m));
    assert_int_equal(m, SNMPAPI_UNTRANSLATED_V1);
}

/* OpenWinSNMP decision: a NULL out-pointer fails instead of crashing. */
static void get_modes_null_pointer_owsdecision(void **state)
{
    (void)state;
    assert_int_equal(SnmpGetTranslateMode(NULL), SNMPAPI_FAILURE);
    assert_int_not_equal(SnmpGetLastError(NULL), 0);
    assert_int_equal(SnmpGetRetransmitMode(NULL), SNMPAPI_FAILURE);
    assert_int_not_equal(SnmpGetLastError(NULL), 0);
}

static void retransmit_mode(void **state)
{
    smiUINT32 m = 77;
    (void)state;
    EXPECT_OK(SnmpGetRetransmitMode(&m));
    assert_int_equal(m, SNMPAPI_ON);
    EXPECT_RET(SnmpSetRetransmitMode(SNMPAPI_OFF), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetRetransmitMode(&m));
    assert_int_equal(m, SNMPAPI_OFF);
    EXPECT_FAIL(SnmpSetRetransmitMode(2), SNMPAPI_MODE_INVALID);
    EXPECT_FAIL(SnmpSetRetransmitMode(0x80000000u), SNMPAPI_MODE_INVALID);
    EXPECT_OK(SnmpGetRetransmitMode(&m));
    assert_int_equal(m, SNMPAPI_OFF);
    EXPECT_RET(SnmpSetRetransmitMode(SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetRetransmitMode(&m));
    assert_int_equal(m, SNMPAPI_ON);
}

static void vendor_info(void **state)
{
    smiVENDORINFO vi;
    (void)state;
    memset(&vi, 0x5a, sizeof vi);
    EXPECT_RET(SnmpGetVendorInfo(&vi), SNMPAPI_SUCCESS);
    /* Every string is NUL-terminated inside its field. */
    assert_non_null(memchr(vi.vendorName, 0, sizeof vi.vendorName));
    assert_non_null(memchr(vi.vendorContact, 0, sizeof vi.vendorContact));
    assert_non_null(memchr(vi.vendorVersionId, 0, sizeof vi.vendorVersionId));
    assert_non_null(memchr(vi.vendorVersionDate, 0, sizeof vi.vendorVersionDate));
    assert_true(strlen(vi.vendorName) > 0);
    assert_true(strlen(vi.vendorVersionId) > 0);
    EXPECT_FAIL(SnmpGetVendorInfo(NULL), SNMPAPI_NOOP);
}

/* OpenWinSNMP decision (issue 2): the vendor info names this project. */
static void vendor_info_names_project_owsdecision(void **state)
{
    smiVENDORINFO vi;
    (void)state;
    memset(&vi, 0, sizeof vi);
    EXPECT_OK(SnmpGetVendorInfo(&vi));
    assert_non_null(strstr(vi.vendorName, "OpenWinSNMP"));
}

/* The process-wide last error follows the most recent failure. */
static void last_error_process_wide(void **state)
{
    smiUINT32 ids[2] = {1, 3};
    smiOID o = {2, ids};
    smiINT r = 0;
    (void)state;
    assert_int_equal(SnmpSetTranslateMode(9), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_MODE_INVALID);
    assert_int_equal(SnmpOidCompare(&o, &o, 500, &r), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SIZE_INVALID);
    /* Reading it does not clear it. */
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SIZE_INVALID);
    assert_int_equal(SnmpClose((HSNMP_SESSION)JUNK), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
}

/* A valid session reports its own last error; another session's failure
 * does not overwrite it. */
static void last_error_per_session(void **state)
{
    HSNMP_SESSION a = FX(state), b;
    smiUINT32 big[MAXOBJIDSIZE + 1];
    smiOID bad = {MAXOBJIDSIZE + 1, big};
    smiVALUE v;
    memset(big, 0, sizeof big);
    memset(&v, 0, sizeof v);
    b = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    EXPECT_FAIL_S(a, SnmpCreateVbl(a, &bad, NULL), SNMPAPI_OID_INVALID);
    v.syntax = 0x99;
    {
        smiUINT32 ids[3] = {1, 3, 6};
        smiOID good = {3, ids};
        EXPECT_FAIL_S(b, SnmpCreateVbl(b, &good, &v), SNMPAPI_SYNTAX_INVALID);
    }
    assert_int_equal(SnmpGetLastError(a), SNMPAPI_OID_INVALID);
    assert_int_equal(SnmpGetLastError(b), SNMPAPI_SYNTAX_INVALID);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SYNTAX_INVALID);
    EXPECT_OK(SnmpClose(b));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(before_startup_everything_not_initialized),
        cmocka_unit_test(after_cleanup_everything_not_initialized),
        cmocka_unit_test(startup_outputs),
        cmocka_unit_test(startup_null_outputs_allowed),
        cmocka_unit_test(startup_reports_current_modes),
        cmocka_unit_test(plain_startup_not_counted),
        cmocka_unit_test(startupex_counted),
        cmocka_unit_test(plain_startup_survives_cleanupex),
        cmocka_unit_test(cleanup_invalidates_sessions),
        CONF_TEST(translate_mode),
        CONF_TEST(get_modes_null_pointer_owsdecision),
        CONF_TEST(retransmit_mode),
        CONF_TEST(vendor_info),
        CONF_TEST(vendor_info_names_project_owsdecision),
        CONF_TEST(last_error_process_wide),
        CONF_TEST(last_error_per_session),
    };
    return CONF_RUN("conformance.startup", tests);
}
