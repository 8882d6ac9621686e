/*
 * test_oid.c - conformance: SnmpStrToOid, SnmpOidToStr, SnmpOidCopy,
 * SnmpOidCompare.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

static void str_to_oid(void **state)
{
    smiOID o = {0, NULL};
    static const smiUINT32 want[9] = {1, 3, 6, 1, 2, 1, 1, 1, 0};
    (void)state;
    /* Returns the number of sub-ids. */
    EXPECT_RET(SnmpStrToOid("1.3.6.1.2.1.1.1.0", &o), 9);
    assert_int_equal(o.len, 9);
    assert_memory_equal(o.ptr, want, sizeof want);
    EXPECT_RET(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o), SNMPAPI_SUCCESS);
    /* Two sub-ids is the minimum; 4294967295 the largest sub-id. */
    EXPECT_RET(SnmpStrToOid("1.3", &o), 2);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o));
    EXPECT_RET(SnmpStrToOid("1.3.4294967295", &o), 3);
    assert_int_equal(o.ptr[2], 0xffffffffu);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o));
}

static void str_to_oid_max_length(void **state)
{
    char text[MAXOBJIDSIZE * 4 + 8];
    smiOID o = {0, NULL};
    size_t n = 0;
    int i;
    (void)state;
    n += (size_t)sprintf(text, "1.3");
    for (i = 2; i < MAXOBJIDSIZE; i++)
        n += (size_t)sprintf(text + n, ".%d", i % 10);
    EXPECT_RET(SnmpStrToOid(text, &o), MAXOBJIDSIZE);
    assert_int_equal(o.len, MAXOBJIDSIZE);
    assert_int_equal(o.ptr[MAXOBJIDSIZE - 1], (MAXOBJIDSIZE - 1) % 10);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o));
    /* One more sub-id is too many. */
    sprintf(text + n, ".7");
    EXPECT_FAIL(SnmpStrToOid(text, &o), SNMPAPI_OID_INVALID);
}

static void str_to_oid_invalid(void **state)
{
    static const char *const bad[] = {
        "", "1", "1.", ".", "1..3", "1.3.", "a.b", "1.3.x", "1.3.6 .1", "1.3.-6",
        "1.3.4294967296", "1.3.99999999999999999999", "1.3.6.1\n",
    };
    char longtext[MAXOBJIDSTRSIZE + 64];
    smiOID o = {0, NULL};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        print_message("    \"%s\"\n", bad[i]);
        EXPECT_FAIL(SnmpStrToOid(bad[i], &o), SNMPAPI_OID_INVALID);
        assert_null(o.ptr);
    }
    /* Longer than MAXOBJIDSTRSIZE characters (few sub-ids, long zero runs). */
    memset(longtext, '0', sizeof longtext);
    memcpy(longtext, "1.3.", 4);
    longtext[sizeof longtext - 1] = 0;
    EXPECT_FAIL(SnmpStrToOid(longtext, &o), SNMPAPI_OID_INVALID);
}

/* OpenWinSNMP decision: NULL arguments are invalid OIDs, not crashes. */
static void str_to_oid_null_owsdecision(void **state)
{
    smiOID o = {0, NULL};
    (void)state;
    EXPECT_FAIL(SnmpStrToOid(NULL, &o), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpStrToOid("1.3.6", NULL), SNMPAPI_OID_INVALID);
}

static void oid_to_str(void **state)
{
    smiUINT32 ids[5] = {1, 3, 6, 1, 4294967295u};
    smiOID o = {5, ids};
    char buf[64];
    const char *want = "1.3.6.1.4294967295";
    (void)state;
    memset(buf, 'x', sizeof buf);
    /* Returns the bytes written including the NUL. */
    EXPECT_RET(SnmpOidToStr(&o, sizeof buf, buf), strlen(want) + 1);
    assert_string_equal(buf, want);
    EXPECT_RET(SnmpOidToStr(&o, (smiUINT32)strlen(want) + 1, buf), strlen(want) + 1);
    assert_string_equal(buf, want);
}

static void oid_to_str_errors(void **state)
{
    smiUINT32 ids[4] = {1, 3, 6, 1};
    smiUINT32 big[MAXOBJIDSIZE + 1];
    smiOID o = {4, ids}, no_ptr = {4, NULL}, too_long = {MAXOBJIDSIZE + 1, big};
    char buf[32];
    (void)state;
    memset(big, 0, sizeof big);
    EXPECT_FAIL(SnmpOidToStr(&o, 0, buf), SNMPAPI_SIZE_INVALID);
    EXPECT_FAIL(SnmpOidToStr(&o, 3, buf), SNMPAPI_OUTPUT_TRUNCATED);
    /* "1.3.6.1" needs 8 bytes. */
    EXPECT_FAIL(SnmpOidToStr(&o, 7, buf), SNMPAPI_OUTPUT_TRUNCATED);
    EXPECT_FAIL(SnmpOidToStr(&no_ptr, sizeof buf, buf), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidToStr(&too_long, sizeof buf, buf), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidToStr(NULL, sizeof buf, buf), SNMPAPI_OID_INVALID);
}

/* SnmpStrToOid and SnmpOidToStr are inverses. */
static void round_trip(void **state)
{
    static const char *const texts[] = {"1.3", "0.0", "2.999.1", "1.3.6.1.4.1.311.1.1.3.1.1",
                                        "1.3.6.1.2.1.2.2.1.10.4294967295"};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        smiOID o = {0, NULL};
        char buf[MAXOBJIDSTRSIZE];
        EXPECT_OK(SnmpStrToOid(texts[i], &o));
        EXPECT_RET(SnmpOidToStr(&o, sizeof buf, buf), strlen(texts[i]) + 1);
        assert_string_equal(buf, texts[i]);
        EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o));
    }
}

static void oid_copy(void **state)
{
    smiUINT32 ids[6] = {1, 3, 6, 1, 2, 1};
    smiOID src = {6, ids}, dst = {0, NULL};
    (void)state;
    /* Returns the number of sub-ids copied (documented). */
    EXPECT_RET(SnmpOidCopy(&src, &dst), 6);
    assert_int_equal(dst.len, 6);
    assert_ptr_not_equal(dst.ptr, ids);
    ids[0] = 9;
    assert_int_equal(dst.ptr[0], 1);
    assert_int_equal(dst.ptr[5], 1);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&dst));
}

static void oid_copy_errors(void **state)
{
    smiUINT32 big[MAXOBJIDSIZE + 1];
    smiOID no_ptr = {3, NULL}, too_long = {MAXOBJIDSIZE + 1, big}, dst = {0, NULL};
    (void)state;
    memset(big, 0, sizeof big);
    EXPECT_FAIL(SnmpOidCopy(&no_ptr, &dst), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCopy(&too_long, &dst), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCopy(NULL, &dst), SNMPAPI_OID_INVALID);
    assert_null(dst.ptr);
}

static smiINT cmp(const char *a, const char *b, smiUINT32 maxlen)
{
    smiUINT32 xa[MAXOBJIDSIZE], xb[MAXOBJIDSIZE];
    smiOID oa = conf_oid(xa, MAXOBJIDSIZE, a), ob = conf_oid(xb, MAXOBJIDSIZE, b);
    smiINT r = 12345;
    EXPECT_RET(SnmpOidCompare(&oa, &ob, maxlen, &r), SNMPAPI_SUCCESS);
    return r;
}

static void oid_compare(void **state)
{
    (void)state;
    assert_int_equal(cmp("1.3.6.1", "1.3.6.1", 0), 0);
    assert_true(cmp("1.3.6.1", "1.3.6.2", 0) < 0);
    assert_true(cmp("1.3.6.2", "1.3.6.1", 0) > 0);
    /* Unsigned comparison of sub-ids. */
    assert_true(cmp("1.3.4294967295", "1.3.1", 0) > 0);
    /* A strict prefix is less, not equal. */
    assert_true(cmp("1.3.6", "1.3.6.1", 0) < 0);
    assert_true(cmp("1.3.6.1", "1.3.6", 0) > 0);
    /* maxlen limits the comparison... */
    assert_int_equal(cmp("1.3.6.1", "1.3.6.2", 3), 0);
    assert_int_equal(cmp("1.3.6.1", "1.3.6.2", 4) < 0, 1);
    /* ...and a prefix compared over maxlen sub-ids is equal. */
    assert_int_equal(cmp("1.3.6", "1.3.6.1", 3), 0);
    assert_int_equal(cmp("1.3", "1.3.6.1", 2), 0);
    /* maxlen beyond both lengths: back to a full comparison. */
    assert_true(cmp("1.3.6", "1.3.6.1", 10) < 0);
    assert_int_equal(cmp("1.3.6.1", "1.3.6.1", MAXOBJIDSIZE), 0);
}

/* Zero-length OIDs are allowed (documented) and sort first. */
static void oid_compare_zero_length(void **state)
{
    smiUINT32 ids[2] = {1, 3};
    smiOID empty = {0, NULL}, o = {2, ids};
    smiINT r = 99;
    (void)state;
    EXPECT_OK(SnmpOidCompare(&empty, &empty, 0, &r));
    assert_int_equal(r, 0);
    EXPECT_OK(SnmpOidCompare(&empty, &o, 0, &r));
    assert_true(r < 0);
    EXPECT_OK(SnmpOidCompare(&o, &empty, 0, &r));
    assert_true(r > 0);
}

static void oid_compare_errors(void **state)
{
    smiUINT32 ids[2] = {1, 3};
    smiUINT32 big[MAXOBJIDSIZE + 1];
    smiOID o = {2, ids}, no_ptr = {2, NULL}, too_long = {MAXOBJIDSIZE + 1, big};
    smiINT r = 0;
    (void)state;
    memset(big, 0, sizeof big);
    EXPECT_FAIL(SnmpOidCompare(&o, &o, MAXOBJIDSIZE + 1, &r), SNMPAPI_SIZE_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&o, &o, 0xffffffffu, &r), SNMPAPI_SIZE_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&no_ptr, &o, 0, &r), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&o, &no_ptr, 0, &r), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&too_long, &o, 0, &r), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCompare(NULL, &o, 0, &r), SNMPAPI_OID_INVALID);
    EXPECT_FAIL(SnmpOidCompare(&o, NULL, 0, &r), SNMPAPI_OID_INVALID);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(str_to_oid),
        CONF_TEST(str_to_oid_max_length),
        CONF_TEST(str_to_oid_invalid),
        CONF_TEST(str_to_oid_null_owsdecision),
        CONF_TEST(oid_to_str),
        CONF_TEST(oid_to_str_errors),
        CONF_TEST(round_trip),
        CONF_TEST(oid_copy),
        CONF_TEST(oid_copy_errors),
        CONF_TEST(oid_compare),
        CONF_TEST(oid_compare_zero_length),
        CONF_TEST(oid_compare_errors),
    };
    return CONF_RUN("conformance.oid", tests);
}
