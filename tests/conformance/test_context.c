/*
 * test_context.c - conformance: SnmpStrToContext, SnmpContextToStr,
 * SnmpFreeContext.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define JUNK ((HANDLE)(uintptr_t)0x7e57c0deu)

static void community_round_trip(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOCTETS in = {6, (smiLPBYTE)"public"}, out = {0, NULL};
    HSNMP_CONTEXT c;
    c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &in));
    EXPECT_RET(SnmpContextToStr(c, &out), SNMPAPI_SUCCESS);
    assert_int_equal(out.len, 6);
    assert_non_null(out.ptr);
    assert_memory_equal(out.ptr, "public", 6);
    EXPECT_RET(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    EXPECT_RET(SnmpFreeContext(c), SNMPAPI_SUCCESS);
}

/* Communities are octet strings: embedded NULs and high bytes survive, and
 * the library keeps its own copy of the input. */
static void binary_community(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiBYTE bytes[5] = {'a', 0, 0xff, 'b', 0x80};
    smiOCTETS in = {5, bytes}, out = {0, NULL};
    HSNMP_CONTEXT c;
    c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &in));
    memset(bytes, 'z', sizeof bytes);
    EXPECT_OK(SnmpContextToStr(c, &out));
    assert_int_equal(out.len, 5);
    assert_memory_equal(out.ptr, "a\0\xff" "b\x80", 5);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
    EXPECT_OK(SnmpFreeContext(c));
}

/* Each call returns a fresh descriptor; both must be freed. */
static void context_to_str_twice(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOCTETS in = {7, (smiLPBYTE)"private"}, o1 = {0, NULL}, o2 = {0, NULL};
    HSNMP_CONTEXT c;
    c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &in));
    EXPECT_OK(SnmpContextToStr(c, &o1));
    EXPECT_OK(SnmpContextToStr(c, &o2));
    assert_memory_equal(o1.ptr, "private", 7);
    assert_memory_equal(o2.ptr, "private", 7);
    EXPECT_OK(SnmpFreeContext(c));
    /* Descriptors outlive the context they came from. */
    assert_memory_equal(o1.ptr, "private", 7);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &o1));
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &o2));
}

static void context_invalid_input(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOCTETS empty = {0, (smiLPBYTE)"public"};
    smiOCTETS nullptr_ = {6, NULL};
    /* Documented: len or ptr NULL -> CONTEXT_INVALID; spec: empty community. */
    EXPECT_FAIL_S(s, SnmpStrToContext(s, &empty), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL_S(s, SnmpStrToContext(s, &nullptr_), SNMPAPI_CONTEXT_INVALID);
}

/* OpenWinSNMP decision: a NULL descriptor pointer is an invalid context
 * string rather than a crash. */
static void context_null_pointer_owsdecision(void **state)
{
    HSNMP_SESSION s = FX(state);
    EXPECT_FAIL_S(s, SnmpStrToContext(s, NULL), SNMPAPI_CONTEXT_INVALID);
}

static void str_to_context_session_invalid(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOCTETS in = {6, (smiLPBYTE)"public"};
    HSNMP_VBL v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, NULL, NULL));
    EXPECT_FAIL(SnmpStrToContext(NULL, &in), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpStrToContext(JUNK, &in), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpStrToContext((HSNMP_SESSION)v, &in), SNMPAPI_SESSION_INVALID);
}

static void context_handle_invalid(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOCTETS in = {6, (smiLPBYTE)"public"}, out = {0, NULL};
    HSNMP_CONTEXT c;
    HSNMP_ENTITY e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &in));
    EXPECT_FAIL(SnmpContextToStr(NULL, &out), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpContextToStr(JUNK, &out), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpContextToStr((HSNMP_CONTEXT)e, &out), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpFreeContext(NULL), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpFreeContext(JUNK), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpFreeContext((HSNMP_CONTEXT)e), SNMPAPI_CONTEXT_INVALID);
    EXPECT_OK(SnmpFreeContext(c));
    /* Double free and use after free. */
    EXPECT_FAIL(SnmpFreeContext(c), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpContextToStr(c, &out), SNMPAPI_CONTEXT_INVALID);
    assert_null(out.ptr);
    /* The entity used as a wrong-type argument is unharmed. */
    EXPECT_OK(SnmpFreeEntity(e));
}

/* TRANSLATED mode: names missing from the database fall back to the literal
 * community (spec section 4), so CONTEXT_UNKNOWN is not produced for them. */
static void translated_mode_falls_back_to_community(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOCTETS in = {6, (smiLPBYTE)"public"}, out = {0, NULL};
    HSNMP_CONTEXT c;
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_TRANSLATED));
    c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &in));
    EXPECT_OK(SnmpContextToStr(c, &out));
    assert_int_equal(out.len, 6);
    assert_memory_equal(out.ptr, "public", 6);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
    EXPECT_OK(SnmpFreeContext(c));
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
}

/* A long community (255 bytes) is kept intact. */
static void long_community(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiBYTE bytes[255];
    smiOCTETS in = {sizeof bytes, bytes}, out = {0, NULL};
    HSNMP_CONTEXT c;
    size_t i;
    for (i = 0; i < sizeof bytes; i++)
        bytes[i] = (smiBYTE)('a' + i % 26);
    c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &in));
    EXPECT_OK(SnmpContextToStr(c, &out));
    assert_int_equal(out.len, sizeof bytes);
    assert_memory_equal(out.ptr, bytes, sizeof bytes);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
    EXPECT_OK(SnmpFreeContext(c));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(community_round_trip),
        CONF_TEST(binary_community),
        CONF_TEST(context_to_str_twice),
        CONF_TEST(context_invalid_input),
        CONF_TEST(context_null_pointer_owsdecision),
        CONF_TEST(str_to_context_session_invalid),
        CONF_TEST(context_handle_invalid),
        CONF_TEST(translated_mode_falls_back_to_community),
        CONF_TEST(long_community),
    };
    return CONF_RUN("conformance.context", tests);
}
