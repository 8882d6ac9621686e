/* test_mgmt_request.c - SnmpMgrRequest against net-snmp's snmpd (the wire
 * fixture, OWS_AGENT_PORT): GET, GETNEXT and SET in SNMPv1 and SNMPv2c,
 * agent errors, a dead agent (timeout with doubling), and bad input. */
#define _POSIX_C_SOURCE 200809L
#include "mconf.h"
#include <time.h>

static const UINT sysName0[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
static const UINT sysDescr0[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static const UINT system_[] = { 1, 3, 6, 1, 2, 1, 1 };
static const UINT nothing0[] = { 1, 3, 6, 1, 2, 1, 1, 99, 0 };
static const UINT ifAdmin1[] = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 7, 1 };

static LPSNMP_MGR_SESSION open_agent(const char *community, UINT version)
{
    LPSNMP_MGR_SESSION s = SnmpMgrOpen(mconf_agent(), (LPSTR)community, 2000, 2);
    assert_non_null(s);
    if (version)
        assert_true(SnmpMgrCtl(s, MGMCTL_OWS_SETVERSION, &version, sizeof(version), NULL, 0, NULL));
    return s;
}

static void get_one(UINT version)
{
    LPSNMP_MGR_SESSION s = open_agent("public", version);
    SnmpVarBindList l;
    AsnInteger es = -1, ei = -1;
    mconf_list1(&l, sysName0, 9);
    MOK(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei));
    assert_int_equal(es, 0);
    assert_int_equal(ei, 0);
    assert_int_equal(l.len, 1);
    assert_int_equal(l.list[0].name.idLength, 9);
    assert_memory_equal(l.list[0].name.ids, sysName0, sizeof(sysName0));
    assert_int_equal(l.list[0].value.asnType, ASN_OCTETSTRING);
    assert_int_equal(l.list[0].value.asnValue.string.length, 16);
    assert_memory_equal(l.list[0].value.asnValue.string.stream, "openwinsnmp-test", 16);
    assert_true(l.list[0].value.asnValue.string.dynamic);
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
}

static void get_v1(void **state) { (void)state; get_one(0); }

static void get_v2c_owsdecision(void **state) { (void)state; get_one(1); }

static void getnext(void **state)
{
    LPSNMP_MGR_SESSION s = open_agent("public", 0);
    SnmpVarBindList l;
    AsnInteger es = -1, ei = -1;
    (void)state;
    mconf_list1(&l, system_, 7);
    MOK(SnmpMgrRequest(s, SNMP_PDU_GETNEXT, &l, &es, &ei));
    assert_int_equal(es, 0);
    assert_int_equal(l.len, 1);
    assert_int_equal(l.list[0].name.idLength, 9);
    assert_memory_equal(l.list[0].name.ids, sysDescr0, sizeof(sysDescr0));
    assert_int_equal(l.list[0].value.asnType, ASN_OCTETSTRING);
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
}

static void getbulk_v2c_owsdecision(void **state)
{
    LPSNMP_MGR_SESSION s = open_agent("public", 1);
    SnmpVarBindList l;
    AsnInteger nonrep = 0, maxrep = 5;
    UINT i;
    (void)state;
    /* non-repeaters and max-repetitions go in through errorStatus/errorIndex. */
    mconf_list1(&l, system_, 7);
    MOK(SnmpMgrRequest(s, SNMP_PDU_GETBULK, &l, &nonrep, &maxrep));
    assert_int_equal(nonrep, 0);
    assert_int_equal(l.len, 5);
    for (i = 0; i < l.len; i++) {
        /* sysDescr.0 .. sysName.0, in order. */
        assert_int_equal(l.list[i].name.idLength, 9);
        assert_int_equal(l.list[i].name.ids[7], i + 1);
    }
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
}

static void agent_errors(void **state)
{
    LPSNMP_MGR_SESSION s = open_agent("public", 0);
    SnmpVarBindList l;
    AsnInteger es = -1, ei = -1;
    UINT v2 = 1;
    (void)state;
    /* SNMPv1: an unknown object is noSuchName at index 1. */
    mconf_list1(&l, nothing0, 9);
    MOK(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei));
    assert_int_equal(es, SNMP_ERRORSTATUS_NOSUCHNAME);
    assert_int_equal(ei, 1);
    SnmpUtilVarBindListFree(&l);
    /* SNMPv2c: the exception value instead. */
    assert_true(SnmpMgrCtl(s, MGMCTL_OWS_SETVERSION, &v2, sizeof(v2), NULL, 0, NULL));
    mconf_list1(&l, nothing0, 9);
    MOK(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei));
    assert_int_equal(es, 0);
    assert_int_equal(l.len, 1);
    assert_int_equal(l.list[0].value.asnType, SNMP_EXCEPTION_NOSUCHOBJECT);
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
}

static void set_one(const char *community, UINT version, int want_ok)
{
    LPSNMP_MGR_SESSION s = open_agent(community, version);
    SnmpVarBindList l;
    AsnInteger es = -1, ei = -1;
    mconf_list1(&l, ifAdmin1, 11);
    l.list[0].value.asnType = ASN_INTEGER;
    l.list[0].value.asnValue.number = 1;
    MOK(SnmpMgrRequest(s, SNMP_PDU_SET, &l, &es, &ei));
    if (want_ok) {
        /* snmpd accepts it when it may change the interface (root), else
         * it refuses with an error at index 1; either way it answered. */
        if (es == 0) {
            assert_int_equal(l.list[0].value.asnType, ASN_INTEGER);
            assert_int_equal(l.list[0].value.asnValue.number, 1);
        } else {
            assert_int_equal(ei, 1);
        }
    } else {
        assert_int_not_equal(es, 0);
        assert_int_equal(ei, 1);
    }
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
}

static void set_v1(void **state)
{
    (void)state;
    set_one("private", 0, 1);
    set_one("public", 0, 0);
}

static void set_v2c(void **state)
{
    (void)state;
    set_one("private", 1, 1);
    set_one("public", 1, 0);
}

static double now_s(void)
{
#ifdef _WIN32
    return GetTickCount() / 1000.0;
#else
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
#endif
}

static void dead_agent_times_out(void **state)
{
    /* Nothing listens on this port (OWS_DEAD_PORT, else the wire port + 80). */
    char agent[64];
    const char *p = getenv("OWS_DEAD_PORT");
    LPSNMP_MGR_SESSION s;
    SnmpVarBindList l;
    AsnInteger es = -1, ei = -1;
    double t0, dt;
    (void)state;
    snprintf(agent, sizeof(agent), "127.0.0.1:%s", p && *p ? p : "17470");
    s = SnmpMgrOpen(agent, (LPSTR)"public", 100, 2);
    assert_non_null(s);
    mconf_list1(&l, sysName0, 9);
    t0 = now_s();
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei), SNMP_MGMTAPI_TIMEOUT);
    dt = now_s() - t0;
    /* 100 + 200 + 400 ms: the timeout doubles on each retry. */
    if (dt < 0.65 || dt > 3.0) {
        fprintf(stderr, "timed out after %.3f s, want about 0.7 s\n", dt);
        fail();
    }
    /* The caller's list is untouched. */
    assert_int_equal(l.len, 1);
    assert_memory_equal(l.list[0].name.ids, sysName0, sizeof(sysName0));
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
}

static void bad_input(void **state)
{
    LPSNMP_MGR_SESSION s = open_agent("public", 0), gone;
    SnmpVarBindList l, empty = { NULL, 1 };
    AsnInteger es = -1, ei = -1;
    (void)state;
    mconf_list1(&l, sysName0, 9);
    MFAILS(SnmpMgrRequest(NULL, SNMP_PDU_GET, &l, &es, &ei), SNMP_MGMTAPI_INVALID_SESSION);
    MFAILS(SnmpMgrRequest((LPSNMP_MGR_SESSION)(uintptr_t)0xdeadbeefu, SNMP_PDU_GET, &l, &es, &ei),
           SNMP_MGMTAPI_INVALID_SESSION);
    gone = open_agent("public", 0);
    MOK(SnmpMgrClose(gone));
    MFAILS(SnmpMgrRequest(gone, SNMP_PDU_GET, &l, &es, &ei), SNMP_MGMTAPI_INVALID_SESSION);
    MFAILS(SnmpMgrRequest(s, 0x99, &l, &es, &ei), SNMP_PDUAPI_UNRECOGNIZED_PDU);
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_RESPONSE, &l, &es, &ei), SNMP_PDUAPI_UNRECOGNIZED_PDU);
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_GET, NULL, &es, &ei), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_GET, &l, NULL, &ei), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, NULL), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_GET, &empty, &es, &ei), SNMP_MGMTAPI_INVALID_BUFFER);
    /* A name of no sub-identifiers, and one of 129. */
    l.list[0].name.idLength = 0;
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei), SNMP_MGMTAPI_INVALID_BUFFER);
    l.list[0].name.idLength = 129;
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei), SNMP_MGMTAPI_INVALID_BUFFER);
    l.list[0].name.idLength = 9;
    /* A SET value of a type SNMP has not. */
    l.list[0].value.asnType = 0x33;
    MFAILS(SnmpMgrRequest(s, SNMP_PDU_SET, &l, &es, &ei), SNMP_MGMTAPI_INVALID_BUFFER);
    /* The list survived every failure. */
    assert_int_equal(l.len, 1);
    assert_memory_equal(l.list[0].name.ids, sysName0, sizeof(sysName0));
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(get_v1),
        cmocka_unit_test(get_v2c_owsdecision),
        cmocka_unit_test(getnext),
        cmocka_unit_test(getbulk_v2c_owsdecision),
        cmocka_unit_test(agent_errors),
        cmocka_unit_test(set_v1),
        cmocka_unit_test(set_v2c),
        cmocka_unit_test(dead_agent_times_out),
        cmocka_unit_test(bad_input),
    };
    return CONF_RUN("mgmt_request", tests);
}
