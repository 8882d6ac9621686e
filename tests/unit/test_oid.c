/* test_oid.c - core OID functions: parse, format, compare, copy. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/oid.h"
#include "core/alloc.h"
#include "core/error.h"

static int parse(const char *t, uint32_t *ids, uint32_t *len)
{
    return ows_oid_parse(t, ids, len);
}

static void test_parse_valid(void **st)
{
    uint32_t ids[OWS_MAX_OID_LEN], len = 0;

    (void)st;
    assert_int_equal(parse("1.3.6.1.2.1.1.1.0", ids, &len), OWS_OK);
    assert_int_equal(len, 9);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[2], 6);
    assert_int_equal(ids[8], 0);
    assert_int_equal(parse("0.0", ids, &len), OWS_OK);
    assert_int_equal(len, 2);
    assert_int_equal(parse("4294967295.007", ids, &len), OWS_OK);
    assert_int_equal(ids[0], 4294967295u);
    assert_int_equal(ids[1], 7);
}

static void test_parse_invalid(void **st)
{
    static const char *bad[] = {
        "", "1", "12345", ".1.3", "1..3", "1.3.", "1.3 ", " 1.3", "1. 3", "+1.3",
        "-1.3", "1.-3", "1.4294967296", "1.99999999999999999999", "1.a", "1,3",
        "1.3\t", "iso.3", "0x1.3", ".",
    };
    uint32_t ids[OWS_MAX_OID_LEN], len = 77;
    size_t i;

    (void)st;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(parse(bad[i], ids, &len), OWS_E_OID_INVALID);
    assert_int_equal(parse(NULL, ids, &len), OWS_E_OID_INVALID);
    assert_int_equal(len, 77);   /* untouched on failure */
}

static void test_parse_limits(void **st)
{
    static char text[2 * OWS_MAX_OID_STR];
    uint32_t ids[OWS_MAX_OID_LEN], len = 0;
    size_t i, pos = 0;

    (void)st;
    /* 128 sub-ids: valid; 129: invalid. */
    for (i = 0; i < 128; i++)
        pos += (size_t)sprintf(text + pos, i ? ".%zu" : "%zu", i + 1);
    assert_int_equal(parse(text, ids, &len), OWS_OK);
    assert_int_equal(len, 128);
    assert_int_equal(ids[127], 128);
    strcat(text, ".5");
    assert_int_equal(parse(text, ids, &len), OWS_E_OID_INVALID);

    /* Exactly 1408 characters (two sub-ids, long zero padding): valid;
     * 1409: invalid, whatever the sub-ids. */
    memset(text, 0, sizeof text);
    text[0] = '1';
    text[1] = '.';
    memset(text + 2, '0', OWS_MAX_OID_STR - 3);
    text[OWS_MAX_OID_STR - 1] = '9';
    assert_int_equal(strlen(text), OWS_MAX_OID_STR);
    assert_int_equal(parse(text, ids, &len), OWS_OK);
    assert_int_equal(len, 2);
    assert_int_equal(ids[1], 9);
    text[OWS_MAX_OID_STR] = '9';
    assert_int_equal(parse(text, ids, &len), OWS_E_OID_INVALID);
}

static void test_format(void **st)
{
    uint32_t ids[] = { 1, 3, 6, 1, 4294967295u, 0 };
    ows_oid o = { 6, ids };
    const char *want = "1.3.6.1.4294967295.0";
    char buf[64];
    size_t n = 0, need = strlen(want) + 1;

    (void)st;
    assert_int_equal(ows_oid_format(&o, buf, sizeof buf, &n), OWS_OK);
    assert_string_equal(buf, want);
    assert_int_equal(n, need);
    /* Exactly enough room, then one byte short. */
    memset(buf, 'x', sizeof buf);
    assert_int_equal(ows_oid_format(&o, buf, need, &n), OWS_OK);
    assert_string_equal(buf, want);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(ows_oid_format(&o, buf, need - 1, &n), OWS_E_OUTPUT_TRUNCATED);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[need - 1], 'x');   /* nothing written past size */
    assert_int_equal(ows_oid_format(&o, buf, 1, &n), OWS_E_OUTPUT_TRUNCATED);
    assert_int_equal(ows_oid_format(&o, buf, 0, &n), OWS_E_SIZE_INVALID);
    assert_int_equal(ows_oid_format(&o, NULL, 10, &n), OWS_E_SIZE_INVALID);
    o.len = 129;
    assert_int_equal(ows_oid_format(&o, buf, sizeof buf, &n), OWS_E_OID_INVALID);
    o.len = 2;
    o.ids = NULL;
    assert_int_equal(ows_oid_format(&o, buf, sizeof buf, &n), OWS_E_OID_INVALID);
    assert_int_equal(ows_oid_format(NULL, buf, sizeof buf, &n), OWS_E_OID_INVALID);
}

static void test_format_roundtrip_max(void **st)
{
    uint32_t ids[OWS_MAX_OID_LEN], back[OWS_MAX_OID_LEN], len = 0;
    ows_oid o = { OWS_MAX_OID_LEN, ids };
    char buf[OWS_MAX_OID_STR];
    size_t n = 0, i;

    (void)st;
    for (i = 0; i < OWS_MAX_OID_LEN; i++)
        ids[i] = 4294967295u - (uint32_t)i;
    /* The longest possible text (128 ten-digit parts) fits MAXOBJIDSTRSIZE. */
    assert_int_equal(ows_oid_format(&o, buf, sizeof buf, &n), OWS_OK);
    assert_int_equal(n, 128 * 11);
    assert_int_equal(parse(buf, back, &len), OWS_OK);
    assert_int_equal(len, OWS_MAX_OID_LEN);
    assert_memory_equal(ids, back, sizeof ids);
}

static int cmp(const uint32_t *a, uint32_t la, const uint32_t *b, uint32_t lb, uint32_t maxlen)
{
    ows_oid x = { la, (uint32_t *)a }, y = { lb, (uint32_t *)b };
    int r = 42;

    assert_int_equal(ows_oid_compare(&x, &y, maxlen, &r), OWS_OK);
    return r;
}

static void test_compare(void **st)
{
    uint32_t a[] = { 1, 3, 6, 1, 2 }, b[] = { 1, 3, 6, 1, 3 }, p[] = { 1, 3, 6 };
    ows_oid x = { 5, a };
    int r = 42;

    (void)st;
    assert_int_equal(cmp(a, 5, a, 5, 0), 0);
    assert_true(cmp(a, 5, b, 5, 0) < 0);
    assert_true(cmp(b, 5, a, 5, 0) > 0);
    /* maxlen stops before the difference. */
    assert_int_equal(cmp(a, 5, b, 5, 4), 0);
    assert_true(cmp(a, 5, b, 5, 5) < 0);
    /* A strict prefix is less, unless maxlen sub-ids were compared. */
    assert_true(cmp(p, 3, a, 5, 0) < 0);
    assert_true(cmp(a, 5, p, 3, 0) > 0);
    assert_true(cmp(p, 3, a, 5, 4) < 0);
    assert_int_equal(cmp(p, 3, a, 5, 3), 0);
    assert_int_equal(cmp(p, 3, a, 5, 2), 0);
    /* Empty OIDs are allowed. */
    assert_int_equal(cmp(NULL, 0, NULL, 0, 0), 0);
    assert_true(cmp(NULL, 0, a, 5, 0) < 0);
    /* Big sub-ids compare unsigned. */
    {
        uint32_t big[] = { 1, 4294967295u }, small[] = { 1, 2 };
        assert_true(cmp(big, 2, small, 2, 0) > 0);
    }
    assert_int_equal(cmp(a, 5, a, 5, 128), 0);
    assert_int_equal(ows_oid_compare(&x, &x, 129, &r), OWS_E_SIZE_INVALID);
    assert_int_equal(ows_oid_compare(&x, NULL, 0, &r), OWS_E_OID_INVALID);
    x.len = 200;
    assert_int_equal(ows_oid_compare(&x, &x, 0, &r), OWS_E_OID_INVALID);
    assert_int_equal(r, 42);
}

static void test_dup_and_torture(void **st)
{
    uint32_t ids[] = { 1, 3, 6, 1, 4, 1, 311 };
    ows_oid src = { 7, ids }, dst = { 0, NULL }, bad = { 3, NULL };
    long live = ows_alloc_live();
    long k;

    (void)st;
    for (k = 0; k < 10; k++) {
        int err;

        ows_alloc_fail_after(k);
        err = ows_oid_dup(&dst, &src);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_int_equal(ows_alloc_live(), live);
    }
    assert_int_equal(k, 1);   /* exactly one allocation */
    assert_int_equal(dst.len, 7);
    assert_memory_equal(dst.ids, ids, sizeof ids);
    ows_free(dst.ids);
    assert_int_equal(ows_alloc_live(), live);
    assert_int_equal(ows_oid_dup(&dst, &bad), OWS_E_OID_INVALID);
    src.len = 0;
    assert_int_equal(ows_oid_dup(&dst, &src), OWS_OK);
    assert_int_equal(dst.len, 0);
    assert_null(dst.ids);
}

/* Random short texts over a hostile alphabet: parsing never crashes, and
 * whatever parses formats back to text that parses to the same sub-ids. */
static void test_parse_random(void **st)
{
    static const char alpha[] = "0123456789..........-+ x9";
    uint32_t ids[OWS_MAX_OID_LEN], back[OWS_MAX_OID_LEN], len, blen;
    char text[64], out[OWS_MAX_OID_STR];
    uint32_t x = 2463534242u;
    int i, ok = 0;

    (void)st;
    for (i = 0; i < 100000; i++) {
        size_t n, j;

        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        n = x % (sizeof text - 1);
        for (j = 0; j < n; j++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            text[j] = alpha[x % (sizeof alpha - 1)];
        }
        text[n] = '\0';
        if (ows_oid_parse(text, ids, &len) == OWS_OK) {
            ows_oid o = { len, ids };
            size_t w;

            ok++;
            assert_true(len >= 2);
            assert_int_equal(ows_oid_format(&o, out, sizeof out, &w), OWS_OK);
            assert_int_equal(ows_oid_parse(out, back, &blen), OWS_OK);
            assert_int_equal(blen, len);
            assert_memory_equal(back, ids, len * sizeof(uint32_t));
        }
    }
    assert_true(ok > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_invalid),
        cmocka_unit_test(test_parse_limits),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_roundtrip_max),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_dup_and_torture),
        cmocka_unit_test(test_parse_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
