/*
 * test_descriptor.c - conformance: SnmpFreeDescriptor. Output descriptors
 * come from the library; freeing one twice, or one the library never made,
 * must fail with OPERATION_INVALID and never corrupt the heap.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

static smiOID new_oid(const char *text)
{
    smiOID o = {0, NULL};
    EXPECT_OK(SnmpStrToOid(text, &o));
    assert_non_null(o.ptr);
    return o;
}

static void free_once_ok_twice_invalid(void **state)
{
    smiOID o = new_oid("1.3.6.1.2.1");
    smiOID copy = o;
    (void)state;
    EXPECT_RET(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o), SNMPAPI_SUCCESS);
    /* The same pointer again (the app kept a copy of the descriptor). */
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&copy), SNMPAPI_OPERATION_INVALID);
    /* And through the original structure, whatever the library left in it. */
    if (o.ptr != NULL)
        EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o), SNMPAPI_OPERATION_INVALID);
}

static void foreign_pointers(void **state)
{
    smiUINT32 stack_ids[4] = {1, 3, 6, 1};
    smiOID on_stack = {4, stack_ids};
    smiOCTETS heap;
    smiBYTE *mem = malloc(64);
    static smiBYTE static_bytes[16];
    smiOCTETS in_static = {16, static_bytes};
    (void)state;
    assert_non_null(mem);
    memset(mem, 0xab, 64);
    heap.len = 64;
    heap.ptr = mem;
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&on_stack), SNMPAPI_OPERATION_INVALID);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &heap), SNMPAPI_OPERATION_INVALID);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &in_static), SNMPAPI_OPERATION_INVALID);
    /* A pointer into the middle of a library descriptor is not one either. */
    {
        smiOID o = new_oid("1.3.6.1.2.1.1");
        smiOID mid = {2, o.ptr + 2};
        EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&mid), SNMPAPI_OPERATION_INVALID);
        EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o));
    }
    /* The app's memory was not touched, and is still the app's to free. */
    assert_int_equal(mem[0], 0xab);
    assert_int_equal(mem[63], 0xab);
    free(mem);
}

/* OpenWinSNMP decision: NULL descriptor (pointer or content) is invalid. */
static void null_descriptor_owsdecision(void **state)
{
    smiOCTETS empty = {5, NULL};
    (void)state;
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, NULL), SNMPAPI_OPERATION_INVALID);
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &empty), SNMPAPI_OPERATION_INVALID);
}

/* Real applications pass OCTETS for an OID and the other way round: the
 * library frees by pointer and tolerates the mix-up (issue 2). */
static void syntax_mixup_tolerated(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOID o = new_oid("1.3.6.1.4.1");
    smiOCTETS comm = {6, (smiLPBYTE)"public"}, out = {0, NULL};
    HSNMP_CONTEXT c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &comm));
    EXPECT_OK(SnmpContextToStr(c, &out));
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&o));
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, &out));
    EXPECT_OK(SnmpFreeContext(c));
}

/* A syntax that names no descriptor type is SYNTAX_INVALID; the descriptor
 * survives and can then be freed properly. */
static void syntax_invalid(void **state)
{
    smiOID o = new_oid("1.3.6.1.4.1");
    (void)state;
    EXPECT_FAIL(SnmpFreeDescriptor(0x99, (smiLPOPAQUE)&o), SNMPAPI_SYNTAX_INVALID);
    EXPECT_FAIL(SnmpFreeDescriptor(0xffffffffu, (smiLPOPAQUE)&o), SNMPAPI_SYNTAX_INVALID);
    assert_int_equal(o.ptr[0], 1);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o));
}

/* Every kind of output descriptor is freeable: SnmpGetVb names and values,
 * SnmpOidCopy, SnmpStrToOid, SnmpContextToStr. */
static void every_output_descriptor(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiUINT32 ids[4] = {1, 3, 6, 1};
    smiOID name = {4, ids}, gname = {0, NULL}, copy = {0, NULL};
    smiVALUE val, got;
    HSNMP_VBL v;
    memset(&val, 0, sizeof val);
    memset(&got, 0, sizeof got);
    val.syntax = SNMP_SYNTAX_OCTETS;
    val.value.string.len = 3;
    val.value.string.ptr = (smiLPBYTE)"abc";
    v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, &val));
    EXPECT_OK(SnmpGetVb(v, 1, &gname, &got));
    EXPECT_OK(SnmpFreeVbl(v));
    /* Descriptors outlive the list they came from. */
    assert_memory_equal(got.value.string.ptr, "abc", 3);
    assert_int_equal(gname.ptr[3], 1);
    EXPECT_OK(SnmpOidCopy(&gname, &copy));
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&gname));
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &got.value.string));
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&copy));
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &got.value.string), SNMPAPI_OPERATION_INVALID);
}

/* Many live descriptors freed in a scrambled order, each exactly once. */
static void many_descriptors(void **state)
{
    enum { N = 500 };
    static smiOID o[N];
    int i;
    (void)state;
    for (i = 0; i < N; i++) {
        char text[32];
        sprintf(text, "1.3.6.1.%d", i);
        o[i] = new_oid(text);
    }
    for (i = 0; i < N; i++) {
        int k = (i * 7) % N;   /* 7 and 500 are coprime: a permutation */
        assert_int_equal(o[k].ptr[4], (smiUINT32)k);
        EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o[k]));
    }
}

/* Descriptors still held at SnmpCleanup are released by it; freeing one
 * after a new startup is a foreign pointer. */
static void cleanup_releases_descriptors(void **state)
{
    smiOID o = {0, NULL}, keep;
    (void)state;
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_OK(SnmpStrToOid("1.3.6.1.6", &o));
    keep = o;
    EXPECT_OK(SnmpCleanup());
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&keep), SNMPAPI_NOT_INITIALIZED);
    EXPECT_OK(SnmpStartup(NULL, NULL, NULL, NULL, NULL));
    EXPECT_FAIL(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&keep), SNMPAPI_OPERATION_INVALID);
    EXPECT_OK(SnmpCleanup());
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(free_once_ok_twice_invalid),
        CONF_TEST(foreign_pointers),
        CONF_TEST(null_descriptor_owsdecision),
        CONF_TEST(syntax_mixup_tolerated),
        CONF_TEST(syntax_invalid),
        CONF_TEST(every_output_descriptor),
        CONF_TEST(many_descriptors),
        cmocka_unit_test(cleanup_releases_descriptors),
    };
    return CONF_RUN("conformance.descriptor", tests);
}
