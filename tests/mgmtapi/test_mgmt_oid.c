/* test_mgmt_oid.c - SnmpMgrStrToOid and SnmpMgrOidToStr: absolute and
 * mib-2-relative text, the built-in MIB-II names, round trips, and bad
 * input (NULL, unknown names, malformed and overflowing text). */
#include "mconf.h"

static void expect_oid(const char *text, const UINT *ids, UINT n)
{
    AsnObjectIdentifier o = { 0, NULL };
    SetLastError(MCONF_SENTINEL);
    if (!SnmpMgrStrToOid((LPSTR)text, &o)) {
        fprintf(stderr, "StrToOid(\"%s\") failed, last error %lu\n", text,
                (unsigned long)GetLastError());
        fail();
    }
    if (o.idLength != n || memcmp(o.ids, ids, n * sizeof(UINT))) {
        char *got = NULL;
        SnmpMgrOidToStr(&o, &got);
        fprintf(stderr, "StrToOid(\"%s\") = %s (%u ids)\n", text, got ? got : "?", o.idLength);
        fail();
    }
    SnmpUtilOidFree(&o);
}

static void str_to_oid(void **state)
{
    static const UINT sysdescr0[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
    static const UINT ifadmin1[] = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 7, 1 };
    static const UINT system_[] = { 1, 3, 6, 1, 2, 1, 1 };
    static const UINT ent[] = { 1, 3, 6, 1, 4, 1, 311 };
    static const UINT rel[] = { 1, 3, 6, 1, 2, 1, 1, 3, 6, 1, 2, 1, 1 };
    (void)state;
    expect_oid("system.sysDescr.0", sysdescr0, 9);
    expect_oid(".1.3.6.1.2.1.1.1.0", sysdescr0, 9);
    expect_oid("1.1.0", sysdescr0, 9);
    expect_oid("system.1.0", sysdescr0, 9);
    expect_oid(".iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0", sysdescr0, 9);
    expect_oid("interfaces.ifTable.ifEntry.ifAdminStatus.1", ifadmin1, 11);
    expect_oid("2.2.1.7.1", ifadmin1, 11);
    expect_oid(".1.3.6.1.2.1.1", system_, 7);
    expect_oid(".iso.org.dod.internet.private.enterprises.311", ent, 7);
    /* The documented pitfall: without the dot, 1.3.6.1.2.1.1 is relative. */
    expect_oid("1.3.6.1.2.1.1", rel, 13);
}

static void expect_str(const UINT *ids, UINT n, const char *want)
{
    AsnObjectIdentifier o;
    LPSTR s = NULL;
    o.ids = (UINT *)ids;
    o.idLength = n;
    MOK(SnmpMgrOidToStr(&o, &s));
    assert_non_null(s);
    if (strcmp(s, want)) {
        fprintf(stderr, "OidToStr = \"%s\", want \"%s\"\n", s, want);
        fail();
    }
    SnmpUtilMemFree(s);
}

static void oid_to_str(void **state)
{
    static const UINT sysdescr0[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
    static const UINT ifdescr2[] = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 2, 2 };
    static const UINT ent[] = { 1, 3, 6, 1, 4, 1, 8072, 3, 2, 10 };
    static const UINT odd[] = { 1, 3, 6, 1, 2, 1, 99, 4294967295u };
    static const UINT two[] = { 2, 5 };
    (void)state;
    expect_str(sysdescr0, 9, "system.sysDescr.0");
    expect_str(ifdescr2, 11, "interfaces.ifTable.ifEntry.ifDescr.2");
    expect_str(ent, 10, ".iso.org.dod.internet.private.enterprises.8072.3.2.10");
    expect_str(odd, 8, "99.4294967295");
    expect_str(two, 2, ".2.5");
}

static void round_trip(void **state)
{
    static const char *texts[] = {
        "system.sysUpTime.0", "ip.ipRouteTable.ipRouteEntry.ipRouteNextHop.10.0.0.0",
        "snmp.snmpEnableAuthenTraps.0", "tcp.tcpConnTable.tcpConnEntry.tcpConnState.1.2.3",
        ".iso.org.dod.internet.private.enterprises.311.1", "udp.udpTable.udpEntry.udpLocalPort",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        AsnObjectIdentifier o = { 0, NULL };
        LPSTR s = NULL;
        MOK(SnmpMgrStrToOid((LPSTR)texts[i], &o));
        MOK(SnmpMgrOidToStr(&o, &s));
        assert_string_equal(s, texts[i]);
        SnmpUtilMemFree(s);
        SnmpUtilOidFree(&o);
    }
}

static void bad_input_owsdecision(void **state)
{
    AsnObjectIdentifier o = { 0, NULL };
    LPSTR s = NULL;
    char big[2048];
    int i;
    (void)state;
    MFAILS(SnmpMgrStrToOid(NULL, &o), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrStrToOid((LPSTR)"system", NULL), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrStrToOid((LPSTR)"system.noSuchName.0", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)"frobnicate", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)"", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)".", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)"1..2", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)"1.2.", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)"1.4294967296", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)"1.2x", &o), SNMP_BERAPI_INVALID_OBJELEM);
    MFAILS(SnmpMgrStrToOid((LPSTR)"sys tem", &o), SNMP_BERAPI_INVALID_OBJELEM);
    /* 129 sub-identifiers (relative: 6 + 123 + ...) overflow SNMP_MAX_OID_LEN. */
    big[0] = '.';
    for (i = 0; i < 129; i++)
        memcpy(big + 1 + 2 * i, "1.", 2);
    big[1 + 2 * 129 - 1] = 0;
    MFAILS(SnmpMgrStrToOid(big, &o), SNMP_BERAPI_OVERFLOW);
    big[1 + 2 * 128 - 1] = 0;   /* exactly 128: fine */
    MOK(SnmpMgrStrToOid(big, &o));
    assert_int_equal(o.idLength, 128);
    SnmpUtilOidFree(&o);
    /* A very long text made of one huge number. */
    memset(big, '9', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    MFAILS(SnmpMgrStrToOid(big, &o), SNMP_BERAPI_INVALID_OBJELEM);

    MFAILS(SnmpMgrOidToStr(NULL, &s), SNMP_MGMTAPI_INVALID_BUFFER);
    o.idLength = 0;
    o.ids = NULL;
    MFAILS(SnmpMgrOidToStr(&o, &s), SNMP_MGMTAPI_INVALID_BUFFER);
    o.idLength = 3;
    MFAILS(SnmpMgrOidToStr(&o, &s), SNMP_MGMTAPI_INVALID_BUFFER);
    MFAILS(SnmpMgrOidToStr(&o, NULL), SNMP_MGMTAPI_INVALID_BUFFER);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(str_to_oid),
        cmocka_unit_test(oid_to_str),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(bad_input_owsdecision),
    };
    return CONF_RUN("mgmt_oid", tests);
}
