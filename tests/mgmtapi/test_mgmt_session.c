/* test_mgmt_session.c - SnmpMgrOpen, SnmpMgrCtl, SnmpMgrClose: every
 * documented error, and garbage, stale and double-closed sessions. No
 * agent is contacted. */
#include "mconf.h"

static void open_close(void **state)
{
    LPSNMP_MGR_SESSION s;
    (void)state;
    MCALL(s, SnmpMgrOpen("127.0.0.1", "public", 1000, 1));
    assert_non_null(s);
    MOK(SnmpMgrClose(s));
    /* Host names, IPv6 and ports are accepted too. */
    MCALL(s, SnmpMgrOpen("localhost:16161", "public", 1000, 1));
    assert_non_null(s);
    MOK(SnmpMgrClose(s));
    MCALL(s, SnmpMgrOpen("::1", "public", 1000, 1));
    assert_non_null(s);
    MOK(SnmpMgrClose(s));
    MCALL(s, SnmpMgrOpen("[::1]:16161", "public", 1000, 1));
    assert_non_null(s);
    MOK(SnmpMgrClose(s));
}

static void open_bad_input_owsdecision(void **state)
{
    (void)state;
    MFAILS(SnmpMgrOpen(NULL, "public", 1000, 1), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrOpen("127.0.0.1", NULL, 1000, 1), SNMP_MGMTAPI_INVALID_BUFFER);
    /* A name that does not resolve: a Windows Sockets error (WSAHOST_NOT_FOUND). */
    MFAILS(SnmpMgrOpen("no-such-host.invalid", "public", 1000, 1), 11001);
    MFAILS(SnmpMgrOpen("999.1.1.1", "public", 1000, 1), 11001);
}

static void close_invalid(void **state)
{
    LPSNMP_MGR_SESSION s;
    static int not_a_session[16];
    (void)state;
    MCALL(s, SnmpMgrOpen("127.0.0.1", "public", 1000, 1));
    assert_non_null(s);
    MOK(SnmpMgrClose(s));
    /* Double close and stale values. */
    MFAILS(SnmpMgrClose(s), SNMP_MGMTAPI_INVALID_SESSION);
    MFAILS(SnmpMgrClose(s), SNMP_MGMTAPI_INVALID_SESSION);
    /* Garbage: a pointer to something else, odd values, all ones. */
    MFAILS(SnmpMgrClose(not_a_session), SNMP_MGMTAPI_INVALID_SESSION);
    MFAILS(SnmpMgrClose((LPSNMP_MGR_SESSION)(uintptr_t)1), SNMP_MGMTAPI_INVALID_SESSION);
    MFAILS(SnmpMgrClose((LPSNMP_MGR_SESSION)(uintptr_t)0x12345678u), SNMP_MGMTAPI_INVALID_SESSION);
    MFAILS(SnmpMgrClose((LPSNMP_MGR_SESSION)~(uintptr_t)0), SNMP_MGMTAPI_INVALID_SESSION);
    /* NULL without SnmpMgrTrapListen: nothing to release. */
    MFAILS(SnmpMgrClose(NULL), SNMP_MGMTAPI_INVALID_SESSION);
}

static void stale_value_does_not_name_new_session(void **state)
{
    LPSNMP_MGR_SESSION a, b;
    (void)state;
    MCALL(a, SnmpMgrOpen("127.0.0.1", "public", 1000, 1));
    assert_non_null(a);
    MOK(SnmpMgrClose(a));
    MCALL(b, SnmpMgrOpen("127.0.0.1", "public", 1000, 1));
    assert_non_null(b);
    /* Closing the stale value must not close b. */
    MFAILS(SnmpMgrClose(a), SNMP_MGMTAPI_INVALID_SESSION);
    MOK(SnmpMgrClose(b));
}

static void ctl_errors(void **state)
{
    LPSNMP_MGR_SESSION s;
    UINT port = 16161;
    DWORD got = 77;
    (void)state;
    MCALL(s, SnmpMgrOpen("127.0.0.1", "public", 1000, 1));
    assert_non_null(s);
    MOK(SnmpMgrCtl(s, MGMCTL_SETAGENTPORT, &port, sizeof(port), NULL, 0, &got));
    MFAILS(SnmpMgrCtl(s, 0x7777, &port, sizeof(port), NULL, 0, &got), SNMP_MGMTAPI_INVALID_CTL);
    MFAILS(SnmpMgrCtl(s, 0, &port, sizeof(port), NULL, 0, &got), SNMP_MGMTAPI_INVALID_CTL);
    MFAILS(SnmpMgrCtl(s, MGMCTL_SETAGENTPORT, NULL, sizeof(port), NULL, 0, &got),
           SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrCtl(s, MGMCTL_SETAGENTPORT, &port, 1, NULL, 0, &got), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrCtl(NULL, MGMCTL_SETAGENTPORT, &port, sizeof(port), NULL, 0, &got),
           SNMP_MGMTAPI_INVALID_SESSION);
    MOK(SnmpMgrClose(s));
    MFAILS(SnmpMgrCtl(s, MGMCTL_SETAGENTPORT, &port, sizeof(port), NULL, 0, &got),
           SNMP_MGMTAPI_INVALID_SESSION);
}

static void ctl_port_range_owsdecision(void **state)
{
    LPSNMP_MGR_SESSION s;
    UINT port;
    (void)state;
    MCALL(s, SnmpMgrOpen("127.0.0.1", "public", 1000, 1));
    assert_non_null(s);
    port = 0;
    MFAILS(SnmpMgrCtl(s, MGMCTL_SETAGENTPORT, &port, sizeof(port), NULL, 0, NULL),
           SNMP_MGMTAPI_INVALID_BUFFER);
    port = 70000;
    MFAILS(SnmpMgrCtl(s, MGMCTL_SETAGENTPORT, &port, sizeof(port), NULL, 0, NULL),
           SNMP_MGMTAPI_INVALID_BUFFER);
    port = 1;
    MOK(SnmpMgrCtl(s, MGMCTL_OWS_SETVERSION, &port, sizeof(port), NULL, 0, NULL));
    port = 2;
    MFAILS(SnmpMgrCtl(s, MGMCTL_OWS_SETVERSION, &port, sizeof(port), NULL, 0, NULL),
           SNMP_MGMTAPI_INVALID_BUFFER);
    MOK(SnmpMgrClose(s));
}

static void many_pairs_and_sessions(void **state)
{
    enum { N = 300 };
    LPSNMP_MGR_SESSION s[N];
    int i;
    (void)state;
    for (i = 0; i < 2000; i++) {
        LPSNMP_MGR_SESSION t = SnmpMgrOpen("127.0.0.1", "public", 100, 0);
        assert_non_null(t);
        assert_true(SnmpMgrClose(t));
    }
    for (i = 0; i < N; i++) {
        s[i] = SnmpMgrOpen("127.0.0.1", "public", 100, 0);
        assert_non_null(s[i]);
    }
    for (i = 0; i < N; i++)
        assert_true(SnmpMgrClose(s[i]));
    for (i = 0; i < N; i++)
        MFAILS(SnmpMgrClose(s[i]), SNMP_MGMTAPI_INVALID_SESSION);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(open_close),
        cmocka_unit_test(open_bad_input_owsdecision),
        cmocka_unit_test(close_invalid),
        cmocka_unit_test(stale_value_does_not_name_new_session),
        cmocka_unit_test(ctl_errors),
        cmocka_unit_test(ctl_port_range_owsdecision),
        cmocka_unit_test(many_pairs_and_sessions),
    };
    return CONF_RUN("mgmt_session", tests);
}
