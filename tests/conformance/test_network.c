/*
 * test_network.c - conformance: the network exports (SnmpSendMsg,
 * SnmpRecvMsg, SnmpRegister, SnmpListen, SnmpListenEx, SnmpCancelMsg) fail
 * cleanly with their *_INVALID codes on invalid handles and never crash.
 * The behaviour on the wire is tested by tests/wire/.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define JUNK ((HANDLE)(uintptr_t)0xfeedf00du)

struct net_fx {
    HSNMP_SESSION s;
    HSNMP_ENTITY e;
    HSNMP_CONTEXT c;
    HSNMP_PDU p;
};

static void make(HSNMP_SESSION s, struct net_fx *f)
{
    smiOCTETS comm = {6, (smiLPBYTE)"public"};
    f->s = s;
    f->e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    /* A port where nothing listens, so a send that got through would not
     * reach anyone. */
    EXPECT_OK(SnmpSetPort(f->e, 9));
    f->c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &comm));
    f->p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
}

static void send_msg_invalid(void **state)
{
    struct net_fx f;
    make(FX(state), &f);
    EXPECT_FAIL(SnmpSendMsg(NULL, NULL, f.e, f.c, f.p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpSendMsg(JUNK, NULL, f.e, f.c, f.p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpSendMsg((HSNMP_SESSION)f.p, NULL, f.e, f.c, f.p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, JUNK, f.e, f.c, f.p), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, JUNK, f.c, f.p), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, (HSNMP_ENTITY)f.c, f.c, f.p), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, f.e, JUNK, f.p), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, f.e, (HSNMP_CONTEXT)f.e, f.p), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, f.e, f.c, JUNK), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, f.e, f.c, (HSNMP_PDU)f.s), SNMPAPI_PDU_INVALID);
}

/* Validation at send time (spec section 5): error status/index must be 0
 * unless RESPONSE or GETBULK. */
static void send_msg_pdu_fields_invalid(void **state)
{
    struct net_fx f;
    HSNMP_PDU bad;
    make(FX(state), &f);
    bad = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(f.s, SNMP_PDU_GET, 0, 5, 1, NULL));
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, f.e, f.c, bad), SNMPAPI_PDU_INVALID);
    EXPECT_OK(SnmpFreePdu(bad));
}

static void recv_msg(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e1 = NULL, e2 = NULL;
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    EXPECT_FAIL(SnmpRecvMsg(NULL, &e1, &e2, &c, &p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpRecvMsg(JUNK, &e1, &e2, &c, &p), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpRecvMsg((HSNMP_SESSION)v, &e1, &e2, &c, &p), SNMPAPI_SESSION_INVALID);
    /* Nothing was received: the queue is empty (spec: NOOP). */
    EXPECT_FAIL_S(s, SnmpRecvMsg(s, &e1, &e2, &c, &p), SNMPAPI_NOOP);
    assert_null(p);
}

static void register_invalid(void **state)
{
    struct net_fx f;
    smiUINT32 ids[2] = {1, 3};
    smiOID oid = {2, ids};
    make(FX(state), &f);
    EXPECT_FAIL(SnmpRegister(NULL, NULL, NULL, NULL, &oid, SNMPAPI_ON), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpRegister(JUNK, NULL, NULL, NULL, &oid, SNMPAPI_ON), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpRegister((HSNMP_SESSION)f.e, NULL, NULL, NULL, &oid, SNMPAPI_ON),
                SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(f.s, SnmpRegister(f.s, JUNK, NULL, NULL, &oid, SNMPAPI_ON), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpRegister(f.s, NULL, JUNK, NULL, &oid, SNMPAPI_ON), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpRegister(f.s, NULL, NULL, JUNK, &oid, SNMPAPI_ON), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL_S(f.s, SnmpRegister(f.s, NULL, NULL, (HSNMP_CONTEXT)f.p, &oid, SNMPAPI_ON),
                  SNMPAPI_CONTEXT_INVALID);
}

/* Documented for SnmpRegister: an invalid notification OID. */
static void register_oid_invalid(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiUINT32 big[MAXOBJIDSIZE + 1];
    smiOID no_ptr = {2, NULL}, too_long = {MAXOBJIDSIZE + 1, big};
    memset(big, 0, sizeof big);
    EXPECT_FAIL_S(s, SnmpRegister(s, NULL, NULL, NULL, &no_ptr, SNMPAPI_ON), SNMPAPI_OID_INVALID);
    EXPECT_FAIL_S(s, SnmpRegister(s, NULL, NULL, NULL, &too_long, SNMPAPI_ON), SNMPAPI_OID_INVALID);
}

/* A trap destination on a free high loopback port (the trap port is the dst
 * entity's port when it is not 162: spec section 6, an OpenWinSNMP choice). */
static HSNMP_ENTITY trap_dst(HSNMP_SESSION s, unsigned *port)
{
    HSNMP_ENTITY dst = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    *port = 45000u + (unsigned)(conf_rand64() % 2000u);
    EXPECT_OK(SnmpSetPort(dst, *port));
    return dst;
}

/* Registering, repeating a registration and unregistering with the same
 * arguments all succeed (spec section 6). */
static void register_on_off(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiUINT32 ids[7] = {1, 3, 6, 1, 6, 3, 1};
    smiOID prefix = {7, ids};
    unsigned port;
    HSNMP_ENTITY dst = trap_dst(s, &port);
    EXPECT_RET(SnmpRegister(s, NULL, dst, NULL, &prefix, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpRegister(s, NULL, dst, NULL, &prefix, SNMPAPI_ON), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpRegister(s, NULL, dst, NULL, &prefix, SNMPAPI_OFF), SNMPAPI_SUCCESS);
}

/* Documented: "if [state] contains a different value [than SNMPAPI_ON or
 * SNMPAPI_OFF], the implementation registers the application". */
static void register_other_state_registers(void **state)
{
    HSNMP_SESSION s = FX(state);
    unsigned port;
    HSNMP_ENTITY dst = trap_dst(s, &port);
    EXPECT_RET(SnmpRegister(s, NULL, dst, NULL, NULL, 7), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpRegister(s, NULL, dst, NULL, NULL, SNMPAPI_OFF));
}

static void listen_invalid(void **state)
{
    struct net_fx f;
    make(FX(state), &f);
    EXPECT_FAIL(SnmpListen(NULL, SNMPAPI_ON), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpListen(JUNK, SNMPAPI_ON), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpListen((HSNMP_ENTITY)f.c, SNMPAPI_ON), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpListenEx(NULL, SNMPAPI_ON, SNMPLISTEN_USEENTITY_ADDR), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpListenEx(JUNK, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpListenEx((HSNMP_ENTITY)f.s, SNMPAPI_OFF, SNMPLISTEN_USEENTITY_ADDR),
                SNMPAPI_ENTITY_INVALID);
}

static void cancel_msg(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_FAIL(SnmpCancelMsg(NULL, 1), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCancelMsg(JUNK, 1), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCancelMsg((HSNMP_SESSION)p, 1), SNMPAPI_SESSION_INVALID);
    /* No such outstanding request (spec: PDU_INVALID). */
    EXPECT_FAIL_S(s, SnmpCancelMsg(s, 123456), SNMPAPI_PDU_INVALID);
}

/* Freed objects passed to the network exports. */
static void freed_objects(void **state)
{
    struct net_fx f;
    HSNMP_SESSION s2;
    make(FX(state), &f);
    EXPECT_OK(SnmpFreeEntity(f.e));
    EXPECT_OK(SnmpFreeContext(f.c));
    EXPECT_FAIL(SnmpListen(f.e, SNMPAPI_ON), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpSendMsg(f.s, NULL, f.e, f.c, f.p), SNMPAPI_ENTITY_INVALID);
    s2 = (HSNMP_SESSION)EXPECT_OK(SnmpCreateSession(NULL, 0, conf_callback, NULL));
    EXPECT_OK(SnmpClose(s2));
    EXPECT_FAIL(SnmpRecvMsg(s2, NULL, NULL, NULL, NULL), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpCancelMsg(s2, 1), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpRegister(s2, NULL, NULL, NULL, NULL, SNMPAPI_OFF), SNMPAPI_SESSION_INVALID);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(send_msg_invalid),
        CONF_TEST(send_msg_pdu_fields_invalid),
        CONF_TEST(recv_msg),
        CONF_TEST(register_invalid),
        CONF_TEST(register_oid_invalid),
        CONF_TEST(register_on_off),
        CONF_TEST(register_other_state_registers),
        CONF_TEST(listen_invalid),
        CONF_TEST(cancel_msg),
        CONF_TEST(freed_objects),
    };
    return CONF_RUN("conformance.network", tests);
}
