/*
 * test_session.c - conformance: SnmpOpen, SnmpCreateSession, SnmpClose and
 * the ownership of handles by the session that created them.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

/* Not a window on any system: a small odd value no window manager hands out. */
#define NOT_A_WINDOW ((HWND)(uintptr_t)0x0badf00du)

static void create_session_with_callback(void **state)
{
    HSNMP_SESSION s;
    (void)state;
    s = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    assert_non_null(s);
    EXPECT_RET(SnmpClose(s), SNMPAPI_SUCCESS);
    /* Closing twice: the handle is gone. */
    EXPECT_FAIL(SnmpClose(s), SNMPAPI_SESSION_INVALID);
}

/* With a callback, hWnd and wMsg are ignored (passed through unchanged). */
static void callback_session_ignores_hwnd(void **state)
{
    HSNMP_SESSION s;
    (void)state;
    s = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NOT_A_WINDOW, 0x401, conf_callback, NULL));
    EXPECT_OK(SnmpClose(s));
}

static void hwnd_invalid(void **state)
{
    (void)state;
    EXPECT_FAIL(SnmpOpen(NOT_A_WINDOW, 0x401), SNMPAPI_HWND_INVALID);
    EXPECT_FAIL(SnmpCreateSession(NOT_A_WINDOW, 0x401, NULL, NULL), SNMPAPI_HWND_INVALID);
}

/* [open] in the spec: polling-only sessions (no window, no callback). Either
 * they are accepted (and then behave like any session) or refused with the
 * documented OPERATION_INVALID; nothing else is acceptable. */
static void polling_only_session_open(void **state)
{
    HSNMP_SESSION s;
    (void)state;
    conf_before_ = conf_sentinel(SNMPAPI_OPERATION_INVALID);
    s = SnmpOpen(NULL, 0);
    if (s == NULL) {
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OPERATION_INVALID);
    } else {
        assert_int_equal(SnmpGetLastError(NULL), conf_before_);
        EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
        EXPECT_OK(SnmpClose(s));
    }
    conf_before_ = conf_sentinel(SNMPAPI_OPERATION_INVALID);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    if (s == NULL) {
        assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OPERATION_INVALID);
    } else {
        assert_int_equal(SnmpGetLastError(NULL), conf_before_);
        EXPECT_OK(SnmpClose(s));
    }
}

#if CONF_WINDOWS
/* A real (message-only) window is accepted by both constructors. */
static void window_session(void **state)
{
    HWND w;
    HSNMP_SESSION s1, s2;
    (void)state;
    w = CreateWindowExA(0, "STATIC", "conf", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    assert_non_null(w);
    s1 = (HSNMP_SESSION)EXPECT_OK(SnmpOpen(w, WM_USER + 1));
    s2 = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(w, WM_USER + 2, NULL, NULL));
    assert_ptr_not_equal(s1, s2);
    EXPECT_OK(SnmpClose(s1));
    EXPECT_OK(SnmpClose(s2));
    /* A destroyed window is no longer a window. */
    DestroyWindow(w);
    EXPECT_FAIL(SnmpOpen(w, WM_USER + 1), SNMPAPI_HWND_INVALID);
}
#endif

static void close_invalid_handles(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU pdu;
    HSNMP_VBL vbl;
    pdu = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    vbl = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    EXPECT_FAIL(SnmpClose(NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpClose((HSNMP_SESSION)(uintptr_t)0xdeadbeefu), SNMPAPI_SESSION_INVALID);
    /* Handles of other types are not sessions. */
    EXPECT_FAIL(SnmpClose((HSNMP_SESSION)pdu), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpClose((HSNMP_SESSION)vbl), SNMPAPI_SESSION_INVALID);
    /* ...and survive the attempt. */
    EXPECT_OK(SnmpFreePdu(pdu));
    EXPECT_OK(SnmpFreeVbl(vbl));
}

/* SnmpClose frees every entity, context, PDU and VBL the session created,
 * and only those. */
static void close_frees_owned_handles(void **state)
{
    HSNMP_SESSION a = FX(state), b;
    HSNMP_PDU pa, pb;
    HSNMP_VBL va, vb;
    HSNMP_ENTITY ea, eb;
    HSNMP_CONTEXT ca, cb;
    smiOCTETS comm = {6, (smiLPBYTE)"public"};

    b = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    pa = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(a, SNMP_PDU_GET, 0, 0, 0, NULL));
    pb = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(b, SNMP_PDU_GET, 0, 0, 0, NULL));
    va = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(a, NULL, NULL));
    vb = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(b, NULL, NULL));
    ea = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(a, "127.0.0.1"));
    eb = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(b, "127.0.0.1"));
    ca = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(a, &comm));
    cb = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(b, &comm));

    EXPECT_OK(SnmpClose(b));

    EXPECT_FAIL(SnmpFreePdu(pb), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpFreeVbl(vb), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpFreeEntity(eb), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpFreeContext(cb), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(b, SNMP_PDU_GET, 0, 0, 0, NULL), SNMPAPI_SESSION_INVALID);

    EXPECT_OK(SnmpFreePdu(pa));
    EXPECT_OK(SnmpFreeVbl(va));
    EXPECT_OK(SnmpFreeEntity(ea));
    EXPECT_OK(SnmpFreeContext(ca));
}

/* Objects of a closed session must not be usable through another session. */
static void objects_of_closed_session_not_duplicable(void **state)
{
    HSNMP_SESSION a = FX(state), b;
    HSNMP_PDU pb;
    HSNMP_VBL vb;
    b = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    pb = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(b, SNMP_PDU_GET, 0, 0, 0, NULL));
    vb = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(b, NULL, NULL));
    EXPECT_OK(SnmpClose(b));
    EXPECT_FAIL(SnmpDuplicatePdu(a, pb), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpDuplicateVbl(a, vb), SNMPAPI_VBL_INVALID);
    EXPECT_FAIL(SnmpCreatePdu(a, SNMP_PDU_GET, 0, 0, 0, vb), SNMPAPI_VBL_INVALID);
}

/* OpenWinSNMP decision (issue 2): a freed slot is not handed out again at
 * once, so a stale session handle never names a new session. */
static void stale_session_handle_not_reused_owsdecision(void **state)
{
    HSNMP_SESSION s1, s2;
    (void)state;
    s1 = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    EXPECT_OK(SnmpClose(s1));
    s2 = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    assert_ptr_not_equal(s1, s2);
    EXPECT_FAIL(SnmpClose(s1), SNMPAPI_SESSION_INVALID);
    EXPECT_OK(SnmpClose(s2));
}

static void many_sessions(void **state)
{
    enum { N = 64 };
    HSNMP_SESSION s[N];
    int i, j;
    (void)state;
    for (i = 0; i < N; i++) {
        s[i] = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, (LPVOID)(uintptr_t)i));
        for (j = 0; j < i; j++)
            assert_ptr_not_equal(s[i], s[j]);
    }
    /* Close in an order different from creation. */
    for (i = 0; i < N; i += 2)
        EXPECT_OK(SnmpClose(s[i]));
    for (i = 1; i < N; i += 2)
        EXPECT_OK(SnmpClose(s[i]));
    for (i = 0; i < N; i++)
        EXPECT_FAIL(SnmpClose(s[i]), SNMPAPI_SESSION_INVALID);
}

/* SnmpCleanup with open sessions and objects succeeds and frees them. */
static void cleanup_with_open_sessions(void **state)
{
    HSNMP_SESSION s;
    int i;
    (void)state;
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    for (i = 0; i < 8; i++) {
        s = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
        EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
        EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
        EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    }
    EXPECT_OK(SnmpCleanup());
    EXPECT_FAIL(SnmpClose(s), SNMPAPI_NOT_INITIALIZED);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(create_session_with_callback),
        CONF_TEST(callback_session_ignores_hwnd),
        CONF_TEST(hwnd_invalid),
        CONF_TEST(polling_only_session_open),
#if CONF_WINDOWS
        CONF_TEST(window_session),
#endif
        CONF_TEST(close_invalid_handles),
        CONF_TEST(close_frees_owned_handles),
        CONF_TEST(objects_of_closed_session_not_duplicable),
        CONF_TEST(stale_session_handle_not_reused_owsdecision),
        CONF_TEST(many_sessions),
        cmocka_unit_test(cleanup_with_open_sessions),
    };
    return CONF_RUN("conformance.session", tests);
}
