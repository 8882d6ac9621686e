/* test_state.c - startup/cleanup rules, modes, vendor info, the last error
 * before startup and after cleanup, the API lock, and the debug trace. */
#include "core_helpers.h"
#include <stdlib.h>
#include "core/session.h"
#include "core/trace.h"

static SNMPAPI_STATUS CALLBACK cb(HSNMP_SESSION s, HWND w, UINT m, WPARAM wp, LPARAM lp,
                                  LPVOID d)
{
    (void)s; (void)w; (void)m; (void)wp; (void)lp; (void)d;
    return SNMPAPI_SUCCESS;
}

static void test_not_initialized(void **st)
{
    smiUINT32 v = 77;
    smiVENDORINFO vi;
    (void)st;
    assert_int_equal(SnmpCleanup(), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    ows_set_last_error(0);
    /* SnmpCleanupEx documents only ALLOC_ERROR and OTHER_ERROR. */
    assert_int_equal(SnmpCleanupEx(), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);
    ows_set_last_error(0);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_FAILURE);
    assert_int_equal(v, 77);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    assert_int_equal(SnmpSetTranslateMode(1), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetRetransmitMode(&v), SNMPAPI_FAILURE);
    assert_int_equal(SnmpSetRetransmitMode(1), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetVendorInfo(&vi), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetTimeout(NULL, &v, &v), SNMPAPI_FAILURE);
    assert_int_equal(SnmpSetTimeout(NULL, 1), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetRetry(NULL, &v, &v), SNMPAPI_FAILURE);
    assert_int_equal(SnmpSetRetry(NULL, 1), SNMPAPI_FAILURE);
    assert_null(SnmpCreateSession(NULL, 0, cb, NULL));
    assert_null(SnmpOpen(NULL, 0));
    assert_int_equal(SnmpClose(NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    /* A session handle before startup: invalid, and the stored error stays. */
    assert_int_equal(SnmpGetLastError((HSNMP_SESSION)(uintptr_t)0x1234), SNMPAPI_SESSION_INVALID);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
}

static void test_startup_outputs_and_plain_not_counted(void **st)
{
    smiUINT32 ma = 0, mi = 9, lv = 0, tm = 9, rm = 9;
    (void)st;
    assert_int_equal(SnmpStartup(&ma, &mi, &lv, &tm, &rm), SNMPAPI_SUCCESS);
    assert_int_equal(ma, 2);
    assert_int_equal(mi, 0);
    assert_int_equal(lv, SNMPAPI_V2_SUPPORT);
    assert_int_equal(tm, SNMPAPI_UNTRANSLATED_V1);
    assert_int_equal(rm, SNMPAPI_ON);
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    /* One cleanup undoes all plain startups. */
    assert_int_equal(SnmpCleanup(), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCleanup(), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
}

static void test_ex_counted(void **st)
{
    smiUINT32 v;
    (void)st;
    assert_int_equal(SnmpStartupEx(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpStartupEx(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCleanupEx(), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_SUCCESS);   /* still up */
    assert_int_equal(SnmpCleanupEx(), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    assert_int_equal(SnmpCleanupEx(), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);
}

static void test_plain_cleanup_with_ex_refs(void **st)
{
    HSNMP_SESSION s;
    smiUINT32 v;
    (void)st;
    /* [open, decided] plain cleanup while an Ex reference remains keeps the
     * library (and its sessions) up until the last CleanupEx. */
    assert_int_equal(SnmpStartupEx(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    s = SnmpCreateSession(NULL, 0, cb, NULL);
    assert_non_null(s);
    assert_int_equal(SnmpCleanup(), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(ows_session_count(), 1);
    assert_int_equal(SnmpCleanupEx(), SNMPAPI_SUCCESS);
    assert_int_equal(ows_session_count(), 0);
    assert_int_equal(ows_handle_live(0), 0);
    /* CleanupEx after a plain startup drops that startup. */
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpCleanupEx(), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_FAILURE);
}

static void test_cleanup_frees_everything(void **st)
{
    HSNMP_SESSION s1, s2;
    HSNMP_ENTITY e;
    smiOCTETS comm = { 6, (smiLPBYTE) "public" };
    long live0;
    (void)st;
    core_startup();
    live0 = ows_alloc_live();
    s1 = SnmpCreateSession(NULL, 0, cb, NULL);
    s2 = SnmpOpen(NULL, 0);
    assert_non_null(s1);
    assert_non_null(s2);
    e = SnmpStrToEntity(s1, "127.0.0.1");
    assert_non_null(e);
    assert_non_null(SnmpStrToContext(s2, &comm));
    assert_true(ows_alloc_live() > live0);
    assert_int_equal(SnmpCleanup(), SNMPAPI_SUCCESS);
    assert_int_equal(ows_handle_live(0), 0);
    /* Only the process-lifetime table storage may remain: nothing at all. */
    assert_true(ows_alloc_live() <= live0);
    /* Handles from before cleanup stay dead after a new startup. */
    core_startup();
    assert_int_equal(SnmpClose(s1), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    assert_int_equal(SnmpFreeEntity(e), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    core_cleanup();
}

static void test_modes(void **st)
{
    smiUINT32 v = 99;
    (void)st;
    core_startup();
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(v, SNMPAPI_UNTRANSLATED_V1);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(v, SNMPAPI_UNTRANSLATED_V2);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_TRANSLATED), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpSetTranslateMode(3), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_MODE_INVALID);
    assert_int_equal(SnmpSetTranslateMode(0xFFFFFFFFu), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_MODE_INVALID);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(v, SNMPAPI_TRANSLATED);
    assert_int_equal(SnmpGetTranslateMode(NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);

    assert_int_equal(SnmpGetRetransmitMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(v, SNMPAPI_ON);
    assert_int_equal(SnmpSetRetransmitMode(SNMPAPI_OFF), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetRetransmitMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(v, SNMPAPI_OFF);
    assert_int_equal(SnmpSetRetransmitMode(2), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_MODE_INVALID);
    assert_int_equal(SnmpGetRetransmitMode(NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);
    /* Startup reports the current modes. */
    {
        smiUINT32 tm = 9, rm = 9;
        assert_int_equal(SnmpStartupEx(NULL, NULL, NULL, &tm, &rm), SNMPAPI_SUCCESS);
        assert_int_equal(tm, SNMPAPI_TRANSLATED);
        assert_int_equal(rm, SNMPAPI_OFF);
    }
    core_cleanup();
    /* The final cleanup restores the defaults. */
    core_startup();
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(v, SNMPAPI_UNTRANSLATED_V1);
    assert_int_equal(SnmpGetRetransmitMode(&v), SNMPAPI_SUCCESS);
    assert_int_equal(v, SNMPAPI_ON);
    core_cleanup();
}

static void test_vendor_info(void **st)
{
    smiVENDORINFO vi;
    (void)st;
    core_startup();
    memset(&vi, 0x55, sizeof(vi));
    assert_int_equal(SnmpGetVendorInfo(&vi), SNMPAPI_SUCCESS);
    assert_string_equal(vi.vendorName, "OpenWinSNMP");
    assert_true(memchr(vi.vendorContact, 0, sizeof(vi.vendorContact)) != NULL);
    assert_true(memchr(vi.vendorVersionId, 0, sizeof(vi.vendorVersionId)) != NULL);
    assert_true(memchr(vi.vendorVersionDate, 0, sizeof(vi.vendorVersionDate)) != NULL);
    assert_int_equal(vi.vendorEnterprise, 0);
    assert_int_equal(SnmpGetVendorInfo(NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOOP);
    core_cleanup();
}

static void test_last_error_survives_cleanup(void **st)
{
    (void)st;
    core_startup();
    assert_int_equal(SnmpSetRetransmitMode(7), SNMPAPI_FAILURE);
    assert_int_equal(SnmpCleanup(), SNMPAPI_SUCCESS);
    /* Success does not reset it; it is readable after cleanup. */
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_MODE_INVALID);
}

static int start_and_stop(void)
{
    if (SnmpStartup(NULL, NULL, NULL, NULL, NULL) != SNMPAPI_SUCCESS)
        return 0;
    assert_int_equal(SnmpCleanup(), SNMPAPI_SUCCESS);
    return 1;
}

static void test_startup_alloc_torture(void **st)
{
    smiUINT32 v;
    (void)st;
    /* Every allocation of the first startup (the engine's included) fails in
     * turn: ALLOC_ERROR, nothing leaked, and the library stays down. */
    CORE_ALLOC_TORTURE(start_and_stop(), 200);
    assert_int_equal(SnmpGetTranslateMode(&v), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
}

static void test_lock_held(void **st)
{
    (void)st;
    assert_false(ows_lock_held());
    ows_lock();
    assert_true(ows_lock_held());
    ows_unlock();
    assert_false(ows_lock_held());
}

static void test_trace_env(void **st)
{
    (void)st;
    setenv("WSNMP_DEBUG", "warn", 1);
    ows_trace_init();
    assert_int_equal(ows_trace_level, OWS_TRACE_WARN);
    setenv("WSNMP_DEBUG", "stats", 1);
    ows_trace_init();
    assert_int_equal(ows_trace_level, OWS_TRACE_STATS);
    setenv("WSNMP_DEBUG", "1", 1);
    ows_trace_init();
    assert_int_equal(ows_trace_level, OWS_TRACE_ALL);
    OWS_TRACE("trace line %d", 1);              /* goes to stderr */
    setenv("WSNMP_DEBUG", "0", 1);
    ows_trace_init();
    assert_int_equal(ows_trace_level, OWS_TRACE_OFF);
    unsetenv("WSNMP_DEBUG");
    ows_trace_init();
    assert_int_equal(ows_trace_level, OWS_TRACE_OFF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_initialized),
        cmocka_unit_test(test_startup_outputs_and_plain_not_counted),
        cmocka_unit_test(test_ex_counted),
        cmocka_unit_test(test_plain_cleanup_with_ex_refs),
        cmocka_unit_test(test_cleanup_frees_everything),
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_vendor_info),
        cmocka_unit_test(test_last_error_survives_cleanup),
        cmocka_unit_test(test_startup_alloc_torture),
        cmocka_unit_test(test_lock_held),
        cmocka_unit_test(test_trace_env),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
