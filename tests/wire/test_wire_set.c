/* test_wire_set.c - SET against snmpd: with the read-write community it
 * succeeds and reads back; with the read-only one the agent's error comes
 * back (v1 noSuchName, v2c noAccess). The target is ifAdminStatus.1 set to
 * the value it already has. Also checks SnmpSendMsg's and SnmpRecvMsg's
 * error codes. */
#include "wire.h"

static HSNMP_CONTEXT ctx_of(HSNMP_SESSION s, const char *c)
{
    smiOCTETS o;
    o.len = (smiUINT32)strlen(c);
    o.ptr = (smiLPBYTE)c;
    return SnmpStrToContext(s, &o);
}

static smiINT first_int(HSNMP_VBL vbl)
{
    smiOID o;
    smiVALUE v;
    if (SnmpGetVb(vbl, 1, &o, &v) == SNMPAPI_FAILURE)
        return -1;
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
    return v.syntax == SNMP_SYNTAX_INT ? v.value.sNumber : -1;
}

static void run(int v2, const char *agent)
{
    const char *oid = "1.3.6.1.2.1.2.2.1.7.1";
    HSNMP_SESSION s;
    HSNMP_ENTITY dst;
    HSNMP_CONTEXT pub, priv;
    struct wire_reply r;
    smiVALUE val;
    smiINT cur;

    SnmpSetTranslateMode(v2 ? SNMPAPI_UNTRANSLATED_V2 : SNMPAPI_UNTRANSLATED_V1);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    dst = SnmpStrToEntity(s, agent);
    pub = ctx_of(s, "public");
    priv = ctx_of(s, "private");
    CHECK(s && dst && pub && priv);

    CHECK(wire_request(s, dst, pub, SNMP_PDU_GET, oid, 0, 0, NULL, &r));
    cur = first_int(r.vbl);
    CHECK(cur == 1 || cur == 2);
    if (r.vbl) SnmpFreeVbl(r.vbl);

    val.syntax = SNMP_SYNTAX_INT;
    val.value.sNumber = cur;
    CHECK(wire_request(s, dst, priv, SNMP_PDU_SET, oid, 0, 0, &val, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.type, SNMP_PDU_RESPONSE);
    CHECK_EQ(r.err_status, SNMP_ERROR_NOERROR);
    CHECK_EQ(first_int(r.vbl), cur);
    if (r.vbl) SnmpFreeVbl(r.vbl);

    CHECK(wire_request(s, dst, priv, SNMP_PDU_GET, oid, 0, 0, NULL, &r));
    CHECK_EQ(first_int(r.vbl), cur);
    if (r.vbl) SnmpFreeVbl(r.vbl);

    CHECK(wire_request(s, dst, pub, SNMP_PDU_SET, oid, 0, 0, &val, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.err_status, v2 ? SNMP_ERROR_NOACCESS : SNMP_ERROR_NOSUCHNAME);
    CHECK_EQ(r.err_index, 1);
    if (r.vbl) SnmpFreeVbl(r.vbl);
    fprintf(stderr, "  SET %s %s: done\n", v2 ? "v2c" : "v1", agent);
    SnmpClose(s);
}

/* Every documented failure of the three exports that needs no agent. */
static void errors(void)
{
    HSNMP_SESSION s, other;
    HSNMP_ENTITY dst, dst1;
    HSNMP_CONTEXT ctx;
    HSNMP_PDU pdu, bad, inform;
    HSNMP_ENTITY e1 = 0, e2 = 0;
    HSNMP_CONTEXT c1 = 0;
    HSNMP_PDU p1 = 0;
    smiOID name;

    CHECK(SnmpSendMsg((HSNMP_SESSION)1, 0, 0, 0, 0) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    CHECK(SnmpRecvMsg((HSNMP_SESSION)1, &e1, &e2, &c1, &p1) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    CHECK(SnmpCancelMsg((HSNMP_SESSION)1, 1) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);

    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    other = SnmpCreateSession(NULL, 0, NULL, NULL);
    dst = SnmpStrToEntity(s, AGENT4);
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1);
    dst1 = SnmpStrToEntity(s, AGENT4);
    ctx = ctx_of(s, "public");
    SnmpStrToOid("1.3.6.1.2.1.1.5.0", &name);
    {
        HSNMP_VBL vbl = SnmpCreateVbl(s, &name, NULL);
        pdu = SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, vbl);
        /* SnmpCreatePdu sets the error fields of any type (SnmpSetPduData
         * only of a GETBULK): a GET with error status 5 cannot be sent. */
        bad = SnmpCreatePdu(s, SNMP_PDU_GET, 0, 5, 0, vbl);
        inform = SnmpCreatePdu(s, SNMP_PDU_INFORM, 0, 0, 0, vbl);
        SnmpFreeVbl(vbl);
    }
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);

    CHECK(SnmpSendMsg((HSNMP_SESSION)12345, 0, dst, ctx, pdu) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    CHECK(SnmpSendMsg(s, 0, (HSNMP_ENTITY)12345, ctx, pdu) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_ENTITY_INVALID);
    CHECK(SnmpSendMsg(s, (HSNMP_ENTITY)12345, dst, ctx, pdu) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_ENTITY_INVALID);
    CHECK(SnmpSendMsg(s, 0, dst, (HSNMP_CONTEXT)12345, pdu) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_CONTEXT_INVALID);
    CHECK(SnmpSendMsg(s, 0, dst, ctx, (HSNMP_PDU)12345) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_PDU_INVALID);
    CHECK(SnmpSendMsg(s, 0, dst, ctx, (HSNMP_PDU)dst) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_PDU_INVALID);
    /* Error status must be 0 except in RESPONSE and GETBULK. */
    CHECK(SnmpSendMsg(s, 0, dst, ctx, bad) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_PDU_INVALID);
    /* INFORM cannot go to an SNMPv1 entity. */
    CHECK(SnmpSendMsg(s, 0, dst1, ctx, inform) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_OPERATION_INVALID);

    CHECK(SnmpRecvMsg((HSNMP_SESSION)12345, &e1, &e2, &c1, &p1) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    CHECK(SnmpRecvMsg(other, &e1, &e2, &c1, &p1) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(other), SNMPAPI_NOOP);
    CHECK(SnmpCancelMsg((HSNMP_SESSION)12345, 1) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    CHECK(SnmpCancelMsg(other, 777) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(other), SNMPAPI_PDU_INVALID);

    /* A closed session's handles stop working. */
    CHECK(SnmpClose(other) == SNMPAPI_SUCCESS);
    CHECK(SnmpRecvMsg(other, &e1, &e2, &c1, &p1) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    CHECK(SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    SnmpCleanup();
}

int main(void)
{
    errors();
    wire_startup(SNMPAPI_UNTRANSLATED_V1);
    run(0, AGENT4);
    run(1, AGENT4);
    run(0, AGENT6);
    run(1, AGENT6);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_set");
}
