/*
 * test_entity.c - conformance: SnmpStrToEntity, SnmpEntityToStr,
 * SnmpFreeEntity, SnmpSetPort, SnmpGet/SetTimeout, SnmpGet/SetRetry.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define JUNK ((HANDLE)(uintptr_t)0x2468ace1u)

static void ipv4_round_trip(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    char buf[128];
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    memset(buf, 'x', sizeof buf);
    /* Returns the bytes written including the NUL. */
    EXPECT_RET(SnmpEntityToStr(e, sizeof buf, buf), strlen("127.0.0.1") + 1);
    assert_string_equal(buf, "127.0.0.1");
    EXPECT_RET(SnmpFreeEntity(e), SNMPAPI_SUCCESS);
}

static void ipv6_round_trip(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    char buf[128];
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "::1"));
    EXPECT_RET(SnmpEntityToStr(e, sizeof buf, buf), strlen("::1") + 1);
    assert_string_equal(buf, "::1");
    EXPECT_OK(SnmpFreeEntity(e));
}

/* Host names are resolved (issue 2); "localhost" needs no network. */
static void host_name_localhost(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    char buf[128];
    smiUINT32 n;
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "localhost"));
    n = (smiUINT32)EXPECT_OK(SnmpEntityToStr(e, sizeof buf, buf));
    assert_int_equal(n, strlen(buf) + 1);
    assert_true(n > 1);
    EXPECT_OK(SnmpFreeEntity(e));
}

static void entity_unknown(void **state)
{
    HSNMP_SESSION s = FX(state);
    EXPECT_FAIL_S(s, SnmpStrToEntity(s, ""), SNMPAPI_ENTITY_UNKNOWN);
    EXPECT_FAIL_S(s, SnmpStrToEntity(s, "[::1"), SNMPAPI_ENTITY_UNKNOWN);
    EXPECT_FAIL_S(s, SnmpStrToEntity(s, "127.0.0.1 garbage!"), SNMPAPI_ENTITY_UNKNOWN);
}

/* OpenWinSNMP decision: a NULL string is an unknown entity, not a crash. */
static void entity_null_string_owsdecision(void **state)
{
    HSNMP_SESSION s = FX(state);
    EXPECT_FAIL_S(s, SnmpStrToEntity(s, NULL), SNMPAPI_ENTITY_UNKNOWN);
}

static void str_to_entity_session_invalid(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_PDU p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, NULL));
    EXPECT_FAIL(SnmpStrToEntity(NULL, "127.0.0.1"), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpStrToEntity(JUNK, "127.0.0.1"), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpStrToEntity((HSNMP_SESSION)p, "127.0.0.1"), SNMPAPI_SESSION_INVALID);
}

static void entity_to_str_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    char buf[64];
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    /* "127.0.0.1" needs 10 bytes. */
    EXPECT_FAIL(SnmpEntityToStr(e, 5, buf), SNMPAPI_OUTPUT_TRUNCATED);
    EXPECT_FAIL(SnmpEntityToStr(e, 9, buf), SNMPAPI_OUTPUT_TRUNCATED);
    EXPECT_RET(SnmpEntityToStr(e, 10, buf), 10);
    assert_string_equal(buf, "127.0.0.1");
    EXPECT_FAIL(SnmpEntityToStr(NULL, sizeof buf, buf), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpEntityToStr(JUNK, sizeof buf, buf), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpEntityToStr((HSNMP_ENTITY)s, sizeof buf, buf), SNMPAPI_ENTITY_INVALID);
    EXPECT_OK(SnmpFreeEntity(e));
    EXPECT_FAIL(SnmpEntityToStr(e, sizeof buf, buf), SNMPAPI_ENTITY_INVALID);
}

static void free_entity_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    EXPECT_OK(SnmpFreeEntity(e));
    EXPECT_FAIL(SnmpFreeEntity(e), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpFreeEntity(NULL), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpFreeEntity(JUNK), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpFreeEntity((HSNMP_ENTITY)s), SNMPAPI_ENTITY_INVALID);
}

/* Each SnmpStrToEntity gives an independent handle: freeing one leaves the
 * other usable. */
static void entities_independent(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e1, e2;
    char buf[64];
    e1 = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    e2 = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    EXPECT_OK(SnmpFreeEntity(e1));
    EXPECT_RET(SnmpEntityToStr(e2, sizeof buf, buf), 10);
    EXPECT_OK(SnmpFreeEntity(e2));
}

static void set_port(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    EXPECT_RET(SnmpSetPort(e, 16161), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpSetPort(e, 161), SNMPAPI_SUCCESS);
    EXPECT_FAIL(SnmpSetPort(NULL, 161), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpSetPort(JUNK, 161), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpSetPort((HSNMP_ENTITY)s, 161), SNMPAPI_ENTITY_INVALID);
    EXPECT_OK(SnmpFreeEntity(e));
    EXPECT_FAIL(SnmpSetPort(e, 161), SNMPAPI_ENTITY_INVALID);
}

/* SnmpSetPort on an entity in the agent role (SnmpListen) is documented to
 * fail with OPERATION_INVALID. Needs the network engine (issue 5). */
static void set_port_listening_operation_invalid(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    unsigned port = 0;
    int tries;
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    /* A free high loopback port: another test may hold one of them. */
    for (tries = 0; tries < 8; tries++) {
        port = 47000u + (unsigned)(conf_rand64() % 2000u);
        EXPECT_OK(SnmpSetPort(e, port));
        if (SnmpListen(e, SNMPAPI_ON) == SNMPAPI_SUCCESS)
            break;
        print_message("    SnmpListen on port %u: error %u (%s)\n", port,
                      (unsigned)SnmpGetLastError(NULL), conf_errname(SnmpGetLastError(NULL)));
    }
    assert_true(tries < 8);
    EXPECT_FAIL(SnmpSetPort(e, port + 1), SNMPAPI_OPERATION_INVALID);
    EXPECT_OK(SnmpListen(e, SNMPAPI_OFF));
    EXPECT_OK(SnmpFreeEntity(e));
}

static void timeout_policy(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    smiTIMETICKS def = 0, pol = 0, act = 99;
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    EXPECT_RET(SnmpGetTimeout(e, &def, &act), SNMPAPI_SUCCESS);
    assert_true(def > 0);
    assert_int_equal(act, 0);
    EXPECT_RET(SnmpSetTimeout(e, 500), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetTimeout(e, &pol, NULL));
    assert_int_equal(pol, 500);
    act = 99;
    EXPECT_OK(SnmpGetTimeout(e, NULL, &act));
    assert_int_equal(act, 0);
    /* 0 means "implementation default". */
    EXPECT_OK(SnmpSetTimeout(e, 0));
    EXPECT_OK(SnmpGetTimeout(e, &pol, NULL));
    assert_int_equal(pol, def);
    EXPECT_FAIL(SnmpGetTimeout(e, NULL, NULL), SNMPAPI_NOOP);
    EXPECT_FAIL(SnmpGetTimeout(JUNK, &pol, &act), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpSetTimeout(JUNK, 100), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpGetTimeout(NULL, &pol, &act), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpSetTimeout((HSNMP_ENTITY)s, 100), SNMPAPI_ENTITY_INVALID);
    EXPECT_OK(SnmpFreeEntity(e));
    EXPECT_FAIL(SnmpSetTimeout(e, 100), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpGetTimeout(e, &pol, &act), SNMPAPI_ENTITY_INVALID);
}

static void retry_policy(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e, e2;
    smiUINT32 def = 77, pol = 0, act = 99;
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    e2 = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    EXPECT_RET(SnmpGetRetry(e, &def, &act), SNMPAPI_SUCCESS);
    assert_int_equal(act, 0);
    EXPECT_RET(SnmpSetRetry(e, 7), SNMPAPI_SUCCESS);
    EXPECT_OK(SnmpGetRetry(e, &pol, NULL));
    assert_int_equal(pol, 7);
    /* Per entity: the other entity keeps the default. */
    EXPECT_OK(SnmpGetRetry(e2, &pol, NULL));
    assert_int_equal(pol, def);
    EXPECT_OK(SnmpSetRetry(e, 0));
    EXPECT_OK(SnmpGetRetry(e, &pol, NULL));
    assert_int_equal(pol, def);
    EXPECT_FAIL(SnmpGetRetry(e, NULL, NULL), SNMPAPI_NOOP);
    EXPECT_FAIL(SnmpGetRetry(JUNK, &pol, &act), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpSetRetry(JUNK, 1), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpGetRetry((HSNMP_ENTITY)s, &pol, &act), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpSetRetry(NULL, 1), SNMPAPI_ENTITY_INVALID);
    EXPECT_OK(SnmpFreeEntity(e));
    EXPECT_FAIL(SnmpSetRetry(e, 1), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpGetRetry(e, &pol, &act), SNMPAPI_ENTITY_INVALID);
    EXPECT_OK(SnmpFreeEntity(e2));
}

/* TRANSLATED mode: names missing from the database fall back to the literal
 * address (spec section 4; the database format is an OpenWinSNMP decision). */
static void translated_mode_falls_back_to_address(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e;
    char buf[64];
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_TRANSLATED));
    e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    EXPECT_RET(SnmpEntityToStr(e, sizeof buf, buf), 10);
    assert_string_equal(buf, "127.0.0.1");
    EXPECT_OK(SnmpFreeEntity(e));
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(ipv4_round_trip),
        CONF_TEST(ipv6_round_trip),
        CONF_TEST(host_name_localhost),
        CONF_TEST(entity_unknown),
        CONF_TEST(entity_null_string_owsdecision),
        CONF_TEST(str_to_entity_session_invalid),
        CONF_TEST(entity_to_str_errors),
        CONF_TEST(free_entity_errors),
        CONF_TEST(entities_independent),
        CONF_TEST(set_port),
        CONF_TEST(set_port_listening_operation_invalid),
        CONF_TEST(timeout_policy),
        CONF_TEST(retry_policy),
        CONF_TEST(translated_mode_falls_back_to_address),
    };
    return CONF_RUN("conformance.entity", tests);
}
