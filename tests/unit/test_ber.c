/* test_ber.c - the backward BER writer and the strict reader, rule by rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/ber_write.h"
#include "core/ber_read.h"

/* Runs a writer into a guarded buffer of `cap` bytes; returns its result and
 * copies the output. Guard bytes on both sides must survive. */
typedef int (*writer_fn)(ows_berw *w, const void *arg);

static int run_writer(writer_fn fn, const void *arg, size_t cap, uint8_t *out, size_t *outlen)
{
    uint8_t buf[16 + 600 + 16];
    ows_berw w;
    int r;
    memset(buf, 0xA5, sizeof buf);
    assert_true(cap <= 600);
    ows_berw_init(&w, buf + 16, cap);
    r = fn(&w, arg);
    for (int i = 0; i < 16; i++) {
        assert_int_equal(buf[i], 0xA5);
        assert_int_equal(buf[16 + cap + i], 0xA5);
    }
    if (r >= 0) {
        *outlen = (size_t)(buf + 16 + cap - w.p);
        assert_int_equal((size_t)r, *outlen);
        memcpy(out, w.p, *outlen);
    }
    return r;
}

/* Checks the exact encoding, then that every smaller buffer is refused. */
static void expect_bytes(writer_fn fn, const void *arg, const uint8_t *want, size_t n)
{
    uint8_t out[600];
    size_t len = 0;
    assert_int_equal(run_writer(fn, arg, 600, out, &len), (int)n);
    assert_int_equal(len, n);
    assert_memory_equal(out, want, n);
    for (size_t cap = 0; cap < n; cap++)
        assert_int_equal(run_writer(fn, arg, cap, out, &len), OWS_E_BUFFER_SMALL);
}

static int w_int(ows_berw *w, const void *a) { return ows_berw_int(w, 0x02, *(const int32_t *)a); }
static int w_uint(ows_berw *w, const void *a) { return ows_berw_uint(w, 0x41, *(const uint64_t *)a); }
static int w_len(ows_berw *w, const void *a) { return ows_berw_len(w, *(const size_t *)a); }
struct oidarg { const uint32_t *ids; size_t n; };
static int w_oid(ows_berw *w, const void *a)
{
    const struct oidarg *o = a;
    return ows_berw_oid(w, 0x06, o->ids, o->n);
}

#define B(...) ((const uint8_t[]){ __VA_ARGS__ }), sizeof((const uint8_t[]){ __VA_ARGS__ })

static void int_minimal(int32_t v, const uint8_t *want, size_t n)
{
    expect_bytes(w_int, &v, want, n);
}

static void test_write_int(void **state)
{
    int_minimal(0, B(0x02, 0x01, 0x00));
    int_minimal(127, B(0x02, 0x01, 0x7F));
    int_minimal(128, B(0x02, 0x02, 0x00, 0x80));
    int_minimal(256, B(0x02, 0x02, 0x01, 0x00));
    int_minimal(-1, B(0x02, 0x01, 0xFF));
    int_minimal(-128, B(0x02, 0x01, 0x80));
    int_minimal(-129, B(0x02, 0x02, 0xFF, 0x7F));
    int_minimal(-32768, B(0x02, 0x02, 0x80, 0x00));
    int_minimal(32768, B(0x02, 0x03, 0x00, 0x80, 0x00));
    int_minimal(INT32_MAX, B(0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFF));
    int_minimal(INT32_MIN, B(0x02, 0x04, 0x80, 0x00, 0x00, 0x00));
}

static void uint_minimal(uint64_t v, const uint8_t *want, size_t n)
{
    expect_bytes(w_uint, &v, want, n);
}

static void test_write_uint(void **state)
{
    uint_minimal(0, B(0x41, 0x01, 0x00));
    uint_minimal(0x7F, B(0x41, 0x01, 0x7F));
    uint_minimal(0x80, B(0x41, 0x02, 0x00, 0x80));
    uint_minimal(0xFFFFFFFFu, B(0x41, 0x05, 0x00, 0xFF, 0xFF, 0xFF, 0xFF));
    uint_minimal(0x100000000ull, B(0x41, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00));
    uint_minimal(UINT64_MAX, B(0x41, 0x09, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
}

static void test_write_len(void **state)
{
    size_t l;
    l = 0; expect_bytes(w_len, &l, B(0x00));
    l = 127; expect_bytes(w_len, &l, B(0x7F));
    l = 128; expect_bytes(w_len, &l, B(0x81, 0x80));
    l = 255; expect_bytes(w_len, &l, B(0x81, 0xFF));
    l = 256; expect_bytes(w_len, &l, B(0x82, 0x01, 0x00));
    l = 65536; expect_bytes(w_len, &l, B(0x83, 0x01, 0x00, 0x00));
    l = 0x01000000; expect_bytes(w_len, &l, B(0x84, 0x01, 0x00, 0x00, 0x00));
}

static void test_write_octets_header(void **state)
{
    uint8_t buf[300], payload[200];
    ows_berw w;
    memset(payload, 'x', sizeof payload);
    ows_berw_init(&w, buf, sizeof buf);
    assert_int_equal(ows_berw_octets(&w, 0x04, payload, 200), 203);
    assert_int_equal(w.p[0], 0x04);
    assert_int_equal(w.p[1], 0x81);
    assert_int_equal(w.p[2], 200);
    /* Content fits but the header does not. */
    ows_berw_init(&w, buf, 201);
    assert_int_equal(ows_berw_octets(&w, 0x04, payload, 200), OWS_E_BUFFER_SMALL);
    ows_berw_init(&w, buf, 10);
    assert_int_equal(ows_berw_octets(&w, 0x04, payload, 200), OWS_E_BUFFER_SMALL);
    ows_berw_init(&w, buf, 2);
    assert_int_equal(ows_berw_octets(&w, 0x04, NULL, 0), 2);
}

static void test_write_oid(void **state)
{
    static const uint32_t a[] = { 1, 3, 6, 1, 4, 1, 311 };
    static const uint32_t b[] = { 2, 999, 3 };
    static const uint32_t c[] = { 0, 39, 0xFFFFFFFFu };
    static const uint32_t d[] = { 2, 0xFFFFFFFFu - 80 };
    struct oidarg o;
    o.ids = a; o.n = 7;
    expect_bytes(w_oid, &o, B(0x06, 0x07, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37));
    o.ids = b; o.n = 3;
    expect_bytes(w_oid, &o, B(0x06, 0x03, 0x88, 0x37, 0x03));
    o.ids = c; o.n = 3;
    expect_bytes(w_oid, &o, B(0x06, 0x06, 0x27, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F));
    o.ids = d; o.n = 2;
    expect_bytes(w_oid, &o, B(0x06, 0x05, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F));
}

static void test_write_oid_invalid(void **state)
{
    uint32_t ids[130];
    uint8_t buf[1000];
    ows_berw w;
    for (int i = 0; i < 130; i++)
        ids[i] = (uint32_t)(i < 2 ? 1 : i);
    ows_berw_init(&w, buf, sizeof buf);
    assert_int_equal(ows_berw_oid(&w, 0x06, ids, 1), OWS_E_OID_INVALID);
    assert_int_equal(ows_berw_oid(&w, 0x06, ids, 129), OWS_E_OID_INVALID);
    assert_true(ows_berw_oid(&w, 0x06, ids, 128) > 0);
    ids[0] = 3;
    assert_int_equal(ows_berw_oid(&w, 0x06, ids, 2), OWS_E_OID_INVALID);
    ids[0] = 1; ids[1] = 40;
    assert_int_equal(ows_berw_oid(&w, 0x06, ids, 2), OWS_E_OID_INVALID);
    ids[0] = 2; ids[1] = 0xFFFFFFFFu - 79;
    assert_int_equal(ows_berw_oid(&w, 0x06, ids, 2), OWS_E_OID_INVALID);
}

/* ---- reader ---- */

static int header(const uint8_t *p, size_t n, unsigned *tag, size_t *len, size_t *used)
{
    ows_berr r = { p, p + n };
    int err = ows_berr_header(&r, tag, len);
    if (!err)
        *used = (size_t)(r.p - p);
    return err;
}

static void test_read_header(void **state)
{
    unsigned tag;
    size_t len, used;
    assert_int_equal(header(B(0x30, 0x00), &tag, &len, &used), 0);
    assert_int_equal(tag, 0x30);
    assert_int_equal(len, 0);
    assert_int_equal(header(B(0x04, 0x81, 0x01, 0x41), &tag, &len, &used), 0);
    assert_int_equal(len, 1);
    assert_int_equal(used, 3);     /* long form longer than needed: accepted */
    assert_int_equal(header(B(0x04, 0x84, 0x00, 0x00, 0x00, 0x01, 0x41), &tag, &len, &used), 0);
    assert_int_equal(len, 1);
    assert_int_equal(header(B(0x30, 0x80, 0x00, 0x00), &tag, &len, &used), OWS_E_BER_INDEFINITE);
    assert_int_equal(header(B(0x30, 0x85, 0, 0, 0, 0, 1, 0), &tag, &len, &used), OWS_E_BER_LENGTH);
    assert_int_equal(header(B(0x30, 0xFF), &tag, &len, &used), OWS_E_BER_LENGTH);
    assert_int_equal(header(B(0x30, 0x82, 0x01), &tag, &len, &used), OWS_E_BER_TRUNCATED);
    assert_int_equal(header(B(0x30, 0x81), &tag, &len, &used), OWS_E_BER_TRUNCATED);
    assert_int_equal(header(B(0x30, 0x81, 0x02, 0x00), &tag, &len, &used), OWS_E_BER_TRUNCATED);
    assert_int_equal(header(B(0x1F, 0x81, 0x01, 0x00), &tag, &len, &used), OWS_E_BER_TAG);
    assert_int_equal(header(B(0x30, 0x03, 0x01, 0x02), &tag, &len, &used), OWS_E_BER_TRUNCATED);
    assert_int_equal(header(B(0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF), &tag, &len, &used), OWS_E_BER_TRUNCATED);
    assert_int_equal(header(B(0x30), &tag, &len, &used), OWS_E_BER_TRUNCATED);
    assert_int_equal(header(NULL, 0, &tag, &len, &used), OWS_E_BER_TRUNCATED);
    assert_int_equal(header(B(0x1F, 0x81, 0x00), &tag, &len, &used), OWS_E_BER_TAG);
    assert_int_equal(header(B(0xBF, 0x01, 0x00), &tag, &len, &used), OWS_E_BER_TAG);
}

static void test_read_enter(void **state)
{
    ows_berr r = { NULL, NULL }, in;
    const uint8_t m[] = { 0x30, 0x03, 0x02, 0x01, 0x05, 0x04, 0x00 };
    r.p = m; r.end = m + sizeof m;
    assert_int_equal(ows_berr_enter(&r, 0x04, &in), OWS_E_BER_TAG);
    assert_int_equal(ows_berr_enter(&r, 0x30, &in), 0);
    assert_ptr_equal(in.p, m + 2);
    assert_ptr_equal(in.end, m + 5);
    assert_ptr_equal(r.p, m + 5);
    assert_int_equal(ows_berr_enter(&r, 0x04, &in), 0);
    assert_ptr_equal(in.p, in.end);
    assert_ptr_equal(r.p, r.end);
}

static int rd_int(const uint8_t *p, size_t n, int32_t *v) { return ows_ber_int32(p, n, v); }

static void test_read_int(void **state)
{
    int32_t v;
    assert_int_equal(rd_int(B(0x00), &v), 0); assert_int_equal(v, 0);
    assert_int_equal(rd_int(B(0xFF), &v), 0); assert_int_equal(v, -1);
    assert_int_equal(rd_int(B(0x00, 0x80), &v), 0); assert_int_equal(v, 128);
    assert_int_equal(rd_int(B(0xFF, 0x7F), &v), 0); assert_int_equal(v, -129);
    assert_int_equal(rd_int(B(0x80, 0x00, 0x00, 0x00), &v), 0); assert_int_equal(v, INT32_MIN);
    assert_int_equal(rd_int(B(0x7F, 0xFF, 0xFF, 0xFF), &v), 0); assert_int_equal(v, INT32_MAX);
    assert_int_equal(rd_int(NULL, 0, &v), OWS_E_BER_INTEGER);
    assert_int_equal(rd_int(B(0x00, 0x7F), &v), OWS_E_BER_INTEGER);       /* non-minimal */
    assert_int_equal(rd_int(B(0xFF, 0x80), &v), OWS_E_BER_INTEGER);       /* non-minimal */
    assert_int_equal(rd_int(B(0x00, 0x00, 0x00, 0x00, 0x01), &v), OWS_E_BER_INTEGER);
    assert_int_equal(rd_int(B(0x00, 0x80, 0x00, 0x00, 0x00), &v), OWS_E_BER_INTEGER); /* > 32 bits */
}

static void test_read_uint(void **state)
{
    uint32_t u;
    uint64_t q;
    assert_int_equal(ows_ber_uint32(B(0x00), &u), 0); assert_int_equal(u, 0);
    assert_int_equal(ows_ber_uint32(B(0x00, 0x80), &u), 0); assert_int_equal(u, 128);
    assert_int_equal(ows_ber_uint32(B(0x00, 0xFF, 0xFF, 0xFF, 0xFF), &u), 0);
    assert_int_equal(u, 0xFFFFFFFFu);
    assert_int_equal(ows_ber_uint32(B(0x80), &u), OWS_E_BER_INTEGER);            /* negative */
    assert_int_equal(ows_ber_uint32(B(0xFF, 0xFF, 0xFF, 0xFF), &u), OWS_E_BER_INTEGER);
    assert_int_equal(ows_ber_uint32(B(0x00, 0x01), &u), OWS_E_BER_INTEGER);      /* non-minimal */
    assert_int_equal(ows_ber_uint32(B(0x01, 0x00, 0x00, 0x00, 0x00), &u), OWS_E_BER_INTEGER);
    assert_int_equal(ows_ber_uint32(NULL, 0, &u), OWS_E_BER_INTEGER);
    assert_int_equal(ows_ber_uint(B(0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), 8, &q), 0);
    assert_true(q == UINT64_MAX);
    assert_int_equal(ows_ber_uint(B(0x01, 0, 0, 0, 0, 0, 0, 0, 0), 8, &q), OWS_E_BER_INTEGER);
    assert_int_equal(ows_ber_uint(B(0x00, 0x00, 0xFF, 0, 0, 0, 0, 0, 0), 8, &q), OWS_E_BER_INTEGER);
}

static void test_read_oid(void **state)
{
    uint32_t ids[130], k;
    uint8_t big[200];
    assert_int_equal(ows_ber_oid(B(0x2B, 0x06, 0x01, 0x82, 0x37), ids, 128, &k), 0);
    assert_int_equal(k, 5);
    assert_int_equal(ids[0], 1); assert_int_equal(ids[1], 3); assert_int_equal(ids[4], 311);
    assert_int_equal(ows_ber_oid(B(0x88, 0x37, 0x03), ids, 128, &k), 0);
    assert_int_equal(ids[0], 2); assert_int_equal(ids[1], 999); assert_int_equal(k, 3);
    assert_int_equal(ows_ber_oid(B(0x00), ids, 128, &k), 0);
    assert_int_equal(k, 2); assert_int_equal(ids[0], 0); assert_int_equal(ids[1], 0);
    assert_int_equal(ows_ber_oid(B(0x2B, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F), ids, 128, &k), 0);
    assert_int_equal(ids[2], 0xFFFFFFFFu);
    assert_int_equal(ows_ber_oid(NULL, 0, ids, 128, &k), OWS_E_BER_OID);             /* empty */
    assert_int_equal(ows_ber_oid(B(0x2B, 0x86), ids, 128, &k), OWS_E_BER_OID);       /* unterminated */
    assert_int_equal(ows_ber_oid(B(0x2B, 0x80, 0x01), ids, 128, &k), OWS_E_BER_OID); /* leading 0x80 */
    assert_int_equal(ows_ber_oid(B(0x2B, 0x90, 0x80, 0x80, 0x80, 0x00), ids, 128, &k), OWS_E_BER_OID);
    /* 128 sub-ids accepted, 129 refused. */
    memset(big, 0x01, sizeof big);
    big[0] = 0x2B;
    assert_int_equal(ows_ber_oid(big, 127, ids, 128, &k), 0);
    assert_int_equal(k, 128);
    assert_int_equal(ows_ber_oid(big, 128, ids, 128, &k), OWS_E_BER_OID);
    assert_int_equal(ows_ber_oid_count(big, 128), 129);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_int),
        cmocka_unit_test(test_write_uint),
        cmocka_unit_test(test_write_len),
        cmocka_unit_test(test_write_octets_header),
        cmocka_unit_test(test_write_oid),
        cmocka_unit_test(test_write_oid_invalid),
        cmocka_unit_test(test_read_header),
        cmocka_unit_test(test_read_enter),
        cmocka_unit_test(test_read_int),
        cmocka_unit_test(test_read_uint),
        cmocka_unit_test(test_read_oid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
