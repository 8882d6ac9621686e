/* test_wire_get.c - GET and GETNEXT against snmpd: SNMPv1 and SNMPv2c, IPv4
 * and IPv6, polling sessions; v1/v2c error reporting for a missing object. */
#include "wire.h"

static HSNMP_CONTEXT make_ctx(HSNMP_SESSION s, const char *community)
{
    smiOCTETS o;
    o.len = (smiUINT32)strlen(community);
    o.ptr = (smiLPBYTE)community;
    return SnmpStrToContext(s, &o);
}

/* The first varbind of a reply: name text and string value. */
static void first_vb(HSNMP_VBL vbl, char *name, size_t nsize, char *val, size_t vsize,
                     smiUINT32 *syntax)
{
    smiOID o;
    smiVALUE v;
    name[0] = val[0] = 0;
    *syntax = 0;
    if (SnmpGetVb(vbl, 1, &o, &v) == SNMPAPI_FAILURE)
        return;
    snprintf(name, nsize, "%s", wire_oid_str(&o));
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
    *syntax = v.syntax;
    if (v.syntax == SNMP_SYNTAX_OCTETS) {
        size_t n = v.value.string.len < vsize - 1 ? v.value.string.len : vsize - 1;
        memcpy(val, v.value.string.ptr, n);
        val[n] = 0;
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&v.value.string);
    } else if (v.syntax == SNMP_SYNTAX_OID) {
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v.value.oid);
    }
}

static void run(smiUINT32 translate, const char *agent, int v2)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY dst;
    HSNMP_CONTEXT ctx;
    struct wire_reply r;
    char name[256], val[256];
    smiUINT32 syn;

    CHECK(SnmpSetTranslateMode(translate) == SNMPAPI_SUCCESS);
    CHECK(s != 0);
    dst = SnmpStrToEntity(s, agent);
    ctx = make_ctx(s, "public");
    CHECK(dst != 0);
    CHECK(ctx != 0);
    fprintf(stderr, "  %s %s\n", v2 ? "v2c" : "v1", agent);

    /* GET sysName.0 */
    CHECK(wire_request(s, dst, ctx, SNMP_PDU_GET, "1.3.6.1.2.1.1.5.0", 0, 0, NULL, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.type, SNMP_PDU_RESPONSE);
    CHECK_EQ(r.err_status, 0);
    CHECK(r.reqid != 0);
    first_vb(r.vbl, name, sizeof name, val, sizeof val, &syn);
    CHECK(strcmp(name, "1.3.6.1.2.1.1.5.0") == 0);
    CHECK(strcmp(val, "openwinsnmp-test") == 0);
    if (r.vbl) SnmpFreeVbl(r.vbl);

    /* GETNEXT sysName.0 -> sysLocation.0 */
    CHECK(wire_request(s, dst, ctx, SNMP_PDU_GETNEXT, "1.3.6.1.2.1.1.5.0", 0, 0, NULL, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    first_vb(r.vbl, name, sizeof name, val, sizeof val, &syn);
    CHECK(strcmp(name, "1.3.6.1.2.1.1.6.0") == 0);
    CHECK(strcmp(val, "OpenWinSNMP test lab") == 0);
    if (r.vbl) SnmpFreeVbl(r.vbl);

    /* A missing object: noSuchName in v1, a noSuchObject exception in v2c. */
    CHECK(wire_request(s, dst, ctx, SNMP_PDU_GET, "1.3.6.1.2.1.1.99.0", 0, 0, NULL, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    first_vb(r.vbl, name, sizeof name, val, sizeof val, &syn);
    if (v2) {
        CHECK_EQ(r.err_status, 0);
        CHECK_EQ(syn, SNMP_SYNTAX_NOSUCHOBJECT);
    } else {
        CHECK_EQ(r.err_status, SNMP_ERROR_NOSUCHNAME);
        CHECK_EQ(r.err_index, 1);
    }
    if (r.vbl) SnmpFreeVbl(r.vbl);

    /* GETBULK: v2c returns max-repetitions varbinds; to a v1 entity it is
     * sent as GETNEXT (RFC 3584) and returns one. */
    CHECK(wire_request(s, dst, ctx, SNMP_PDU_GETBULK, "1.3.6.1.2.1.1", 0, 5, NULL, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(SnmpCountVbl(r.vbl), v2 ? 5 : 1);
    if (r.vbl) SnmpFreeVbl(r.vbl);

    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
}

int main(void)
{
    wire_startup(SNMPAPI_UNTRANSLATED_V1);
    run(SNMPAPI_UNTRANSLATED_V1, AGENT4, 0);
    run(SNMPAPI_UNTRANSLATED_V2, AGENT4, 1);
    run(SNMPAPI_UNTRANSLATED_V1, AGENT6, 0);
    run(SNMPAPI_UNTRANSLATED_V2, AGENT6, 1);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_get");
}
