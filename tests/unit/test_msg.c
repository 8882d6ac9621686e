/* test_msg.c - whole-message encode/decode: every syntax, every PDU type,
 * every rejection rule, buffer limits and allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/msg_codec.h"
#include "core/alloc.h"
#include "tlv_builder.h"

#define HEX(...) ((const uint8_t[]){ __VA_ARGS__ }), sizeof((const uint8_t[]){ __VA_ARGS__ })

/* A message around a raw PDU body: version, "public", tag { body }. */
static bytes *wrap(int version, unsigned pdutag, const bytes *body)
{
    static bytes pdu, inner, out;
    uint8_t v = (uint8_t)version;
    pdu.n = inner.n = out.n = 0;
    tlv(&pdu, pdutag, body->b, body->n);
    tlv(&inner, 0x02, &v, 1);
    tlv(&inner, 0x04, "public", 6);
    put(&inner, pdu.b, pdu.n);
    tlv(&out, 0x30, inner.b, inner.n);
    return &out;
}

/* A GET/RESPONSE-style body: request-id 1, status 0, index 0, then varbinds. */
static bytes *body_with(const bytes *vbs)
{
    static bytes b;
    b.n = 0;
    put(&b, HEX(0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00));
    tlv(&b, 0x30, vbs->b, vbs->n);
    return &b;
}

/* A message with one varbind 1.3.6.1 = raw value bytes. */
static bytes *one_vb(int version, const uint8_t *val, size_t n)
{
    static bytes vb, vbs;
    vb.n = vbs.n = 0;
    put(&vb, HEX(0x06, 0x03, 0x2B, 0x06, 0x01));
    put(&vb, val, n);
    tlv(&vbs, 0x30, vb.b, vb.n);
    return wrap(version, 0xA2, body_with(&vbs));
}

static int decode(const bytes *b)
{
    ows_msg m;
    int err = ows_msg_decode(b->b, b->n, &m);
    if (err) {
        assert_null(m.pdu.vbl.arena);
        assert_int_equal(m.pdu.vbl.count, 0);
    }
    ows_msg_free(&m);
    return err;
}

/* ---- building messages with the encoder ---- */

static uint32_t oid_a[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static uint32_t oid_b[] = { 1, 3, 6, 1, 4, 1, 311, 1, 4294967295u };
static uint8_t str20[20] = "abcdefghijklmnopqrst";
static uint8_t ip[4] = { 127, 0, 0, 1 };

static ows_varbind mkvb(uint32_t syntax)
{
    ows_varbind v;
    memset(&v, 0, sizeof v);
    v.name.ids = oid_a;
    v.name.len = 9;
    v.value.syntax = syntax;
    switch (syntax) {
    case OWS_SYN_INT: v.value.v.i = -123456; break;
    case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
        v.value.v.u = 0xFEDCBA98u; break;
    case OWS_SYN_CNTR64: v.value.v.u64 = 0xFEDCBA9876543210ull; break;
    case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_OPAQUE: case OWS_SYN_NSAPADDR:
        v.value.v.str.ptr = str20; v.value.v.str.len = 20; break;
    case OWS_SYN_IPADDR: v.value.v.str.ptr = ip; v.value.v.str.len = 4; break;
    case OWS_SYN_OID: v.value.v.oid.ids = oid_b; v.value.v.oid.len = 9; break;
    default: break;
    }
    return v;
}

static void mkmsg(ows_msg *m, int version, int type, ows_varbind *vbs, uint32_t n)
{
    memset(m, 0, sizeof *m);
    m->version = version;
    m->community.ptr = (uint8_t *)"community";
    m->community.len = 9;
    m->pdu.type = type;
    m->pdu.request_id = 0x12345678;
    m->pdu.error_status = type == OWS_PDU_GETBULK ? 2 : 0;
    m->pdu.error_index = type == OWS_PDU_GETBULK ? 25 : 0;
    if (type == OWS_PDU_RESPONSE) {
        m->pdu.error_status = 5;
        m->pdu.error_index = 1;
    }
    m->pdu.vbl.items = vbs;
    m->pdu.vbl.count = n;
    if (type == OWS_PDU_V1TRAP) {
        m->pdu.enterprise.ids = oid_b;
        m->pdu.enterprise.len = 8;
        memcpy(m->pdu.agent_addr, ip, 4);
        m->pdu.generic_trap = 6;
        m->pdu.specific_trap = 17;
        m->pdu.time_stamp = 4000000000u;
    }
}

static uint8_t ebuf[65536];

/* Encodes, decodes, compares; returns the decoded message (caller frees). */
static void roundtrip(const ows_msg *m, ows_msg *out)
{
    size_t off, len;
    unsigned long before;
    assert_int_equal(ows_msg_encode(m, ebuf, sizeof ebuf, &off, &len), 0);
    assert_int_equal(off + len, sizeof ebuf);
    before = ows_alloc_count();
    assert_int_equal(ows_msg_decode(ebuf + off, len, out), 0);
    assert_true(ows_alloc_count() - before <= 1);   /* one arena, at most */
    assert_int_equal(out->pdu.vbl.cap, 0);
}

static void test_every_syntax_v2c(void **state)
{
    static const uint32_t syn[] = {
        OWS_SYN_INT, OWS_SYN_BITS, OWS_SYN_OCTETS, OWS_SYN_NULL, OWS_SYN_OID, OWS_SYN_IPADDR,
        OWS_SYN_CNTR32, OWS_SYN_GAUGE32, OWS_SYN_TIMETICKS, OWS_SYN_OPAQUE, OWS_SYN_NSAPADDR,
        OWS_SYN_CNTR64, OWS_SYN_UINT32, OWS_SYN_NOSUCHOBJECT, OWS_SYN_NOSUCHINSTANCE,
        OWS_SYN_ENDOFMIBVIEW };
    ows_varbind vbs[16];
    ows_msg m, d;
    for (int i = 0; i < 16; i++)
        vbs[i] = mkvb(syn[i]);
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_RESPONSE, vbs, 16);
    roundtrip(&m, &d);
    /* BITS goes out as an OCTET STRING and UINT32 as a Gauge32. */
    vbs[1].value.syntax = OWS_SYN_OCTETS;
    vbs[12].value.syntax = OWS_SYN_GAUGE32;
    assert_true(ows_msg_equal(&m, &d));
    assert_int_equal(d.pdu.vbl.items[11].value.v.u64, 0xFEDCBA9876543210ull);
    assert_int_equal(d.pdu.vbl.items[0].value.v.i, -123456);
    assert_memory_equal(d.pdu.vbl.items[2].value.v.str.ptr, str20, 20);
    assert_null(d.pdu.vbl.items[0].own);
    ows_msg_free(&d);
}

static void test_every_syntax_v1(void **state)
{
    static const uint32_t syn[] = {
        OWS_SYN_INT, OWS_SYN_OCTETS, OWS_SYN_NULL, OWS_SYN_OID, OWS_SYN_IPADDR,
        OWS_SYN_CNTR32, OWS_SYN_GAUGE32, OWS_SYN_TIMETICKS, OWS_SYN_OPAQUE, OWS_SYN_NSAPADDR };
    ows_varbind vbs[10];
    ows_msg m, d;
    for (int i = 0; i < 10; i++)
        vbs[i] = mkvb(syn[i]);
    mkmsg(&m, OWS_SNMPV1, OWS_PDU_SET, vbs, 10);
    roundtrip(&m, &d);
    assert_true(ows_msg_equal(&m, &d));
    ows_msg_free(&d);
}

static void test_every_pdu_type(void **state)
{
    static const int v1[] = { OWS_PDU_GET, OWS_PDU_GETNEXT, OWS_PDU_RESPONSE, OWS_PDU_SET, OWS_PDU_V1TRAP };
    static const int v2[] = { OWS_PDU_GET, OWS_PDU_GETNEXT, OWS_PDU_RESPONSE, OWS_PDU_SET,
                              OWS_PDU_GETBULK, OWS_PDU_INFORM, OWS_PDU_TRAP };
    ows_varbind vbs[3] = { mkvb(OWS_SYN_INT), mkvb(OWS_SYN_OCTETS), mkvb(OWS_SYN_TIMETICKS) };
    ows_msg m, d;
    for (size_t i = 0; i < sizeof v1 / sizeof v1[0]; i++) {
        mkmsg(&m, OWS_SNMPV1, v1[i], vbs, 3);
        roundtrip(&m, &d);
        assert_true(ows_msg_equal(&m, &d));
        if (v1[i] == OWS_PDU_V1TRAP) {
            assert_int_equal(d.pdu.enterprise.len, 8);
            assert_int_equal(d.pdu.time_stamp, 4000000000u);
            assert_int_equal(d.pdu.specific_trap, 17);
            assert_memory_equal(d.pdu.agent_addr, ip, 4);
        }
        ows_msg_free(&d);
    }
    for (size_t i = 0; i < sizeof v2 / sizeof v2[0]; i++) {
        mkmsg(&m, OWS_SNMPV2C, v2[i], vbs, 3);
        roundtrip(&m, &d);
        assert_true(ows_msg_equal(&m, &d));
        if (v2[i] == OWS_PDU_GETBULK) {
            assert_int_equal(d.pdu.error_status, 2);   /* non-repeaters */
            assert_int_equal(d.pdu.error_index, 25);   /* max-repetitions */
        }
        ows_msg_free(&d);
    }
}

static void test_empty_message_no_alloc(void **state)
{
    ows_msg m, d;
    unsigned long before;
    size_t off, len;
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_GET, NULL, 0);
    m.community.len = 0;
    m.community.ptr = NULL;
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), 0);
    before = ows_alloc_count();
    assert_int_equal(ows_msg_decode(ebuf + off, len, &d), 0);
    assert_int_equal(ows_alloc_count(), before);
    assert_true(ows_msg_equal(&m, &d));
    ows_msg_free(&d);
}

static void test_exact_bytes(void **state)
{
    /* GET 1.3.6.1.2.1.1.1.0, v1, community "public", request-id 1. */
    static const uint8_t want[] = {
        0x30, 0x26, 0x02, 0x01, 0x00, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
        0xA0, 0x19, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
        0x30, 0x0E, 0x30, 0x0C, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00,
        0x05, 0x00 };
    ows_varbind vb = mkvb(OWS_SYN_NULL);
    ows_msg m;
    size_t off, len;
    mkmsg(&m, OWS_SNMPV1, OWS_PDU_GET, &vb, 1);
    m.community.ptr = (uint8_t *)"public";
    m.community.len = 6;
    m.pdu.request_id = 1;
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), 0);
    assert_int_equal(len, sizeof want);
    assert_memory_equal(ebuf + off, want, sizeof want);
}

static void test_buffer_small(void **state)
{
    ows_varbind vbs[4] = { mkvb(OWS_SYN_INT), mkvb(OWS_SYN_OCTETS), mkvb(OWS_SYN_OID), mkvb(OWS_SYN_CNTR64) };
    ows_msg m;
    size_t off, len, need;
    uint8_t *buf;
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_RESPONSE, vbs, 4);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &need), 0);
    for (size_t cap = 0; cap < need; cap++) {
        buf = malloc(cap + 1);   /* exact-size heap block: ASan sees any overflow */
        assert_int_equal(ows_msg_encode(&m, buf + 1, cap, &off, &len), OWS_E_BUFFER_SMALL);
        free(buf);
    }
    buf = malloc(need);
    assert_int_equal(ows_msg_encode(&m, buf, need, &off, &len), 0);
    assert_int_equal(off, 0);
    assert_int_equal(len, need);
    free(buf);
}

static void test_encode_rejects(void **state)
{
    ows_varbind vb = mkvb(OWS_SYN_CNTR64);
    uint32_t bad[] = { 3, 1 };
    ows_msg m;
    size_t off, len;
    mkmsg(&m, OWS_SNMPV1, OWS_PDU_GET, &vb, 1);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_SYNTAX_INVALID);
    vb = mkvb(OWS_SYN_NOSUCHINSTANCE);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_SYNTAX_INVALID);
    vb = mkvb(OWS_SYN_INT);
    vb.value.syntax = 0x47 + 10;
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_SYNTAX_INVALID);
    vb = mkvb(OWS_SYN_OCTETS);
    vb.value.v.str.ptr = NULL;
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_SYNTAX_INVALID);
    vb = mkvb(OWS_SYN_INT);
    vb.name.ids = bad;
    vb.name.len = 2;
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_OID_INVALID);
    vb.name.ids = oid_a;
    vb.name.len = 129;
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_OID_INVALID);
    vb = mkvb(OWS_SYN_INT);
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_V1TRAP, &vb, 1);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_PDU_INVALID);
    mkmsg(&m, OWS_SNMPV1, OWS_PDU_GETBULK, &vb, 1);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_PDU_INVALID);
    mkmsg(&m, 3, OWS_PDU_GET, &vb, 1);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_PDU_INVALID);
    mkmsg(&m, OWS_SNMPV2C, 0xA8, &vb, 1);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), OWS_E_PDU_INVALID);
}

static void test_short_oid_value_padded(void **state)
{
    uint32_t one[] = { 1 };
    ows_varbind vb = mkvb(OWS_SYN_OID);
    ows_msg m, d;
    vb.value.v.oid.ids = NULL;
    vb.value.v.oid.len = 0;
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_SET, &vb, 1);
    roundtrip(&m, &d);
    assert_int_equal(d.pdu.vbl.items[0].value.v.oid.len, 2);   /* 0.0 */
    ows_msg_free(&d);
    vb.value.v.oid.ids = one;
    vb.value.v.oid.len = 1;
    roundtrip(&m, &d);
    assert_int_equal(d.pdu.vbl.items[0].value.v.oid.len, 2);   /* 1.0 */
    assert_int_equal(d.pdu.vbl.items[0].value.v.oid.ids[0], 1);
    ows_msg_free(&d);
}

/* ---- odd but well-formed field values: decoded as they are (the rules
 * are in msg_decode.c's opening comment) ---- */

/* A body with raw request-id, error-status and error-index TLVs (`fields`)
 * and one varbind 1.3.6.1 = NULL. */
static bytes *body_fields(const uint8_t *fields, size_t n)
{
    static bytes b;
    b.n = 0;
    put(&b, fields, n);
    put(&b, HEX(0x30, 0x07, 0x30, 0x05, 0x06, 0x01, 0x2B, 0x05, 0x00));
    return &b;
}

/* Decodes one message that must be accepted; returns its PDU's fields. */
static void decode_fields(const bytes *msg, int32_t *rid, int32_t *es, int32_t *ei, int32_t *type)
{
    ows_msg m;
    assert_int_equal(ows_msg_decode(msg->b, msg->n, &m), 0);
    assert_int_equal(m.pdu.vbl.count, 1);
    *rid = m.pdu.request_id;
    *es = m.pdu.error_status;
    *ei = m.pdu.error_index;
    *type = m.pdu.type;
    ows_msg_free(&m);
}

static void test_odd_fields_decoded(void **state)
{
    static const struct {
        int version;
        unsigned tag;
        uint8_t f[18];
        size_t n;
        int32_t rid, es, ei;
    } ok[] = {
        /* A SET, GET, GETNEXT, INFORM or TRAP with non-zero error fields. */
        { 1, 0xA3, { 2, 1, 9, 2, 1, 0, 2, 1, 3 }, 9, 9, 0, 3 },
        { 0, 0xA3, { 2, 1, 9, 2, 1, 4, 2, 1, 1 }, 9, 9, 4, 1 },
        { 0, 0xA0, { 2, 1, 9, 2, 1, 5, 2, 1, 0 }, 9, 9, 5, 0 },
        { 1, 0xA1, { 2, 1, 9, 2, 1, 0, 2, 1, 1 }, 9, 9, 0, 1 },
        { 1, 0xA6, { 2, 1, 9, 2, 1, 2, 2, 1, 7 }, 9, 9, 2, 7 },
        { 1, 0xA7, { 2, 1, 9, 2, 1, 1, 2, 1, 2 }, 9, 9, 1, 2 },
        /* Responses from sloppy agents: an index beyond the one varbind, an
         * index with no error, a status nobody defined, negative values, an
         * SNMPv2 status (notWritable) in an SNMPv1 message, the extremes. */
        { 1, 0xA2, { 2, 1, 9, 2, 1, 5, 2, 1, 7 }, 9, 9, 5, 7 },
        { 1, 0xA2, { 2, 1, 9, 2, 1, 0, 2, 1, 1 }, 9, 9, 0, 1 },
        { 1, 0xA2, { 2, 1, 9, 2, 1, 99, 2, 2, 0x01, 0x2C }, 10, 9, 99, 300 },
        { 1, 0xA2, { 2, 1, 9, 2, 1, 0xFF, 2, 1, 0xFE }, 9, 9, -1, -2 },
        { 0, 0xA2, { 2, 1, 9, 2, 1, 17, 2, 1, 1 }, 9, 9, 17, 1 },
        { 1, 0xA2, { 2, 4, 0x80, 0, 0, 0, 2, 4, 0x7F, 0xFF, 0xFF, 0xFF, 2, 4, 0x80, 0, 0, 0 }, 18,
          INT32_MIN, INT32_MAX, INT32_MIN },
        /* GETBULK: negative non-repeaters and max-repetitions. */
        { 1, 0xA5, { 2, 1, 9, 2, 1, 0xFF, 2, 1, 0x80 }, 9, 9, -1, -128 },
    };
    static const struct { unsigned tag; uint8_t f[16]; size_t n; int err; } bad[] = {
        /* Not minimal (X.690 8.3.2): not BER at all. */
        { 0xA2, { 2, 1, 9, 2, 2, 0x00, 0x05, 2, 1, 0 }, 10, OWS_E_BER_INTEGER },
        { 0xA2, { 2, 1, 9, 2, 1, 0, 2, 2, 0xFF, 0x80 }, 10, OWS_E_BER_INTEGER },
        /* Wider than 32 bits: no smiINT holds it. */
        { 0xA2, { 2, 1, 9, 2, 5, 0x01, 0, 0, 0, 0, 2, 1, 0 }, 13, OWS_E_BER_INTEGER },
        { 0xA2, { 2, 5, 0x00, 0x80, 0, 0, 0, 2, 1, 0, 2, 1, 0 }, 13, OWS_E_BER_INTEGER },
        /* Empty, or not an INTEGER. */
        { 0xA2, { 2, 1, 9, 2, 0, 2, 1, 0 }, 8, OWS_E_BER_INTEGER },
        { 0xA2, { 2, 1, 9, 4, 1, 0, 2, 1, 0 }, 9, OWS_E_BER_TAG },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int32_t rid, es, ei, type;
        decode_fields(wrap(ok[i].version, ok[i].tag, body_fields(ok[i].f, ok[i].n)),
                      &rid, &es, &ei, &type);
        assert_int_equal(type, (int32_t)ok[i].tag);
        assert_int_equal(rid, ok[i].rid);
        assert_int_equal(es, ok[i].es);
        assert_int_equal(ei, ok[i].ei);
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(decode(wrap(1, bad[i].tag, body_fields(bad[i].f, bad[i].n))), bad[i].err);
    /* An SNMPv1 Trap-PDU with a generic-trap outside 0..6, a negative
     * specific-trap and no varbinds. */
    {
        static bytes b;
        ows_msg m;
        b.n = 0;
        put(&b, HEX(0x06, 0x03, 0x2B, 0x06, 0x01, 0x40, 0x04, 127, 0, 0, 1,
                    0x02, 0x01, 0x09, 0x02, 0x01, 0xF6, 0x43, 0x01, 0x00, 0x30, 0x00));
        {
            bytes *msg = wrap(0, 0xA4, &b);
            assert_int_equal(ows_msg_decode(msg->b, msg->n, &m), 0);
        }
        assert_int_equal(m.pdu.generic_trap, 9);
        assert_int_equal(m.pdu.specific_trap, -10);
        assert_int_equal(m.pdu.vbl.count, 0);
        ows_msg_free(&m);
    }
}

/* ---- decoder rejection rules, each with its own error ---- */

static void test_reject_values(void **state)
{
    assert_int_equal(decode(one_vb(1, HEX(0x02, 0x01, 0x05))), 0);
    assert_int_equal(decode(one_vb(1, HEX(0x02, 0x02, 0x00, 0x05))), OWS_E_BER_INTEGER);
    assert_int_equal(decode(one_vb(1, HEX(0x02, 0x05, 0x01, 0, 0, 0, 0))), OWS_E_BER_INTEGER);
    assert_int_equal(decode(one_vb(1, HEX(0x02, 0x00))), OWS_E_BER_INTEGER);
    assert_int_equal(decode(one_vb(1, HEX(0x41, 0x05, 0x01, 0, 0, 0, 0))), OWS_E_BER_INTEGER);
    assert_int_equal(decode(one_vb(1, HEX(0x42, 0x01, 0x80))), OWS_E_BER_INTEGER);
    assert_int_equal(decode(one_vb(1, HEX(0x43, 0x02, 0x00, 0x01))), OWS_E_BER_INTEGER);
    assert_int_equal(decode(one_vb(1, HEX(0x46, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0))), OWS_E_BER_INTEGER);
    assert_int_equal(decode(one_vb(1, HEX(0x46, 0x09, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0))), 0);
    assert_int_equal(decode(one_vb(1, HEX(0x06, 0x00))), OWS_E_BER_OID);
    assert_int_equal(decode(one_vb(1, HEX(0x06, 0x02, 0x2B, 0x81))), OWS_E_BER_OID);
    assert_int_equal(decode(one_vb(1, HEX(0x06, 0x06, 0x2B, 0x90, 0x80, 0x80, 0x80, 0x00))), OWS_E_BER_OID);
    assert_int_equal(decode(one_vb(1, HEX(0x05, 0x01, 0x00))), OWS_E_BER_LENGTH);
    assert_int_equal(decode(one_vb(1, HEX(0x40, 0x03, 1, 2, 3))), OWS_E_BER_LENGTH);
    assert_int_equal(decode(one_vb(1, HEX(0x80, 0x01, 0x00))), OWS_E_BER_LENGTH);
    assert_int_equal(decode(one_vb(1, HEX(0x47, 0x01, 0x00))), OWS_E_BER_TAG);
    assert_int_equal(decode(one_vb(1, HEX(0x30, 0x00))), OWS_E_BER_TAG);
    assert_int_equal(decode(one_vb(1, HEX(0x83, 0x00))), OWS_E_BER_TAG);
    /* Value runs past its varbind: the outer lengths are fixed up by the
     * builder, so give the value a length beyond the message. */
    assert_int_equal(decode(one_vb(1, HEX(0x04, 0x05, 'a'))), OWS_E_BER_TRUNCATED);
    /* Trailing bytes after the value inside the varbind. */
    assert_int_equal(decode(one_vb(1, HEX(0x05, 0x00, 0x05, 0x00))), OWS_E_BER_TRAILING);
    assert_int_equal(decode(one_vb(1, HEX(0x04, 0x80, 0x00, 0x00))), OWS_E_BER_INDEFINITE);
    assert_int_equal(decode(one_vb(1, HEX(0x04, 0x85, 0, 0, 0, 0, 0))), OWS_E_BER_LENGTH);
}

static void test_reject_version_rules(void **state)
{
    /* Counter64 and the exceptions are v2 only. */
    assert_int_equal(decode(one_vb(0, HEX(0x46, 0x01, 0x01))), OWS_E_BER_VERSION);
    assert_int_equal(decode(one_vb(0, HEX(0x80, 0x00))), OWS_E_BER_VERSION);
    assert_int_equal(decode(one_vb(0, HEX(0x81, 0x00))), OWS_E_BER_VERSION);
    assert_int_equal(decode(one_vb(0, HEX(0x82, 0x00))), OWS_E_BER_VERSION);
    assert_int_equal(decode(one_vb(1, HEX(0x82, 0x00))), 0);
    /* Unknown versions. */
    assert_int_equal(decode(one_vb(2, HEX(0x05, 0x00))), OWS_E_BER_VERSION);
    assert_int_equal(decode(one_vb(3, HEX(0x05, 0x00))), OWS_E_BER_VERSION);
    /* PDU types the version lacks. */
    {
        bytes vbs;
        vbs.n = 0;
        assert_int_equal(decode(wrap(0, 0xA5, body_with(&vbs))), OWS_E_BER_VERSION);
        assert_int_equal(decode(wrap(0, 0xA6, body_with(&vbs))), OWS_E_BER_VERSION);
        assert_int_equal(decode(wrap(0, 0xA7, body_with(&vbs))), OWS_E_BER_VERSION);
        assert_int_equal(decode(wrap(1, 0xA4, body_with(&vbs))), OWS_E_BER_TAG);
        assert_int_equal(decode(wrap(1, 0xA8, body_with(&vbs))), OWS_E_BER_TAG);
        assert_int_equal(decode(wrap(1, 0xA7, body_with(&vbs))), 0);
    }
}

static void test_reject_structure(void **state)
{
    bytes vbs, *msg;
    static bytes b;
    vbs.n = 0;
    msg = wrap(1, 0xA0, body_with(&vbs));
    assert_int_equal(decode(msg), 0);
    /* Trailing garbage after the message. */
    msg->b[msg->n++] = 0x00;
    assert_int_equal(decode(msg), OWS_E_BER_TRAILING);
    /* Every truncation of a valid message fails cleanly. */
    {
        ows_varbind v[3] = { mkvb(OWS_SYN_OID), mkvb(OWS_SYN_OCTETS), mkvb(OWS_SYN_CNTR64) };
        ows_msg m, d;
        size_t off, len;
        mkmsg(&m, OWS_SNMPV2C, OWS_PDU_INFORM, v, 3);
        assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), 0);
        for (size_t n = 0; n < len; n++) {
            assert_true(ows_msg_decode(ebuf + off, n, &d) < 0);
            assert_null(d.pdu.vbl.arena);
        }
    }
    /* Extra bytes after the varbind list inside the PDU. */
    b.n = 0;
    put(&b, HEX(0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00, 0x05, 0x00));
    assert_int_equal(decode(wrap(1, 0xA0, &b)), OWS_E_BER_TRAILING);
    /* Missing error-index. */
    b.n = 0;
    put(&b, HEX(0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x30, 0x00));
    assert_int_equal(decode(wrap(1, 0xA0, &b)), OWS_E_BER_TAG);
    /* Oversized request-id. */
    b.n = 0;
    put(&b, HEX(0x02, 0x05, 0x01, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00));
    assert_int_equal(decode(wrap(1, 0xA0, &b)), OWS_E_BER_INTEGER);
    /* Not a SEQUENCE at all, and an indefinite outer length. */
    b.n = 0;
    put(&b, HEX(0x31, 0x00));
    assert_int_equal(decode(&b), OWS_E_BER_TAG);
    b.n = 0;
    put(&b, HEX(0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00));
    assert_int_equal(decode(&b), OWS_E_BER_INDEFINITE);
    /* A varbind that is not a SEQUENCE, and a name that is not an OID. */
    vbs.n = 0;
    put(&vbs, HEX(0x31, 0x00));
    assert_int_equal(decode(wrap(1, 0xA0, body_with(&vbs))), OWS_E_BER_TAG);
    vbs.n = 0;
    put(&vbs, HEX(0x30, 0x04, 0x04, 0x00, 0x05, 0x00));
    assert_int_equal(decode(wrap(1, 0xA0, body_with(&vbs))), OWS_E_BER_TAG);
    /* Empty input. */
    {
        ows_msg d;
        assert_int_equal(ows_msg_decode(NULL, 0, &d), OWS_E_BER_TRUNCATED);
    }
}

static void test_reject_oid_limits(void **state)
{
    bytes vbs, vb, name;
    vb.n = vbs.n = name.n = 0;
    /* A name of 129 sub-ids. */
    {
        uint8_t ids[128];
        memset(ids, 0x01, sizeof ids);
        ids[0] = 0x2B;
        tlv(&name, 0x06, ids, 128);
        put(&vb, name.b, name.n);
        put(&vb, HEX(0x05, 0x00));
        tlv(&vbs, 0x30, vb.b, vb.n);
        assert_int_equal(decode(wrap(1, 0xA0, body_with(&vbs))), OWS_E_BER_OID);
        /* 128 is fine. */
        name.n = vb.n = vbs.n = 0;
        tlv(&name, 0x06, ids, 127);
        put(&vb, name.b, name.n);
        put(&vb, HEX(0x05, 0x00));
        tlv(&vbs, 0x30, vb.b, vb.n);
        assert_int_equal(decode(wrap(1, 0xA0, body_with(&vbs))), 0);
    }
}

static void test_reject_too_many_varbinds(void **state)
{
    static bytes vbs;
    vbs.n = 0;
    for (int i = 0; i < OWS_MSG_MAX_VARBINDS; i++)
        put(&vbs, HEX(0x30, 0x05, 0x06, 0x01, 0x2B, 0x05, 0x00));
    assert_int_equal(decode(wrap(1, 0xA2, body_with(&vbs))), 0);
    put(&vbs, HEX(0x30, 0x05, 0x06, 0x01, 0x2B, 0x05, 0x00));
    assert_int_equal(decode(wrap(1, 0xA2, body_with(&vbs))), OWS_E_BER_LIMIT);
}

static void test_v1_trap_rules(void **state)
{
    static bytes b;
    /* enterprise, agent-addr, generic, specific, time-stamp, varbinds */
    b.n = 0;
    put(&b, HEX(0x06, 0x03, 0x2B, 0x06, 0x01, 0x40, 0x04, 127, 0, 0, 1,
                0x02, 0x01, 0x06, 0x02, 0x01, 0x11, 0x43, 0x02, 0x30, 0x39, 0x30, 0x00));
    assert_int_equal(decode(wrap(0, 0xA4, &b)), 0);
    b.n = 0;   /* agent-addr of 3 octets */
    put(&b, HEX(0x06, 0x03, 0x2B, 0x06, 0x01, 0x40, 0x03, 127, 0, 0,
                0x02, 0x01, 0x06, 0x02, 0x01, 0x11, 0x43, 0x02, 0x30, 0x39, 0x30, 0x00));
    assert_int_equal(decode(wrap(0, 0xA4, &b)), OWS_E_BER_LENGTH);
    b.n = 0;   /* time-stamp as INTEGER */
    put(&b, HEX(0x06, 0x03, 0x2B, 0x06, 0x01, 0x40, 0x04, 127, 0, 0, 1,
                0x02, 0x01, 0x06, 0x02, 0x01, 0x11, 0x02, 0x02, 0x30, 0x39, 0x30, 0x00));
    assert_int_equal(decode(wrap(0, 0xA4, &b)), OWS_E_BER_TAG);
    b.n = 0;   /* bad enterprise */
    put(&b, HEX(0x06, 0x00, 0x40, 0x04, 127, 0, 0, 1,
                0x02, 0x01, 0x06, 0x02, 0x01, 0x11, 0x43, 0x02, 0x30, 0x39, 0x30, 0x00));
    assert_int_equal(decode(wrap(0, 0xA4, &b)), OWS_E_BER_OID);
}

static void test_decode_alloc_failure(void **state)
{
    ows_varbind v[3] = { mkvb(OWS_SYN_OID), mkvb(OWS_SYN_OCTETS), mkvb(OWS_SYN_INT) };
    ows_msg m, d;
    size_t off, len;
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_RESPONSE, v, 3);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), 0);
    ows_alloc_fail_after(0);
    assert_int_equal(ows_msg_decode(ebuf + off, len, &d), OWS_E_ALLOC);
    ows_alloc_fail_after(-1);
    assert_null(d.pdu.vbl.arena);
    assert_int_equal(d.pdu.vbl.count, 0);
    assert_int_equal(ows_msg_decode(ebuf + off, len, &d), 0);
    ows_msg_free(&d);
}

/* A message too big for the decoder's stack scratch takes the sized path:
 * still one allocation, and its failure leaks nothing. */
static void test_big_message_one_alloc(void **state)
{
    static ows_varbind v[300];
    ows_msg m, d;
    size_t off, len;
    unsigned long before;
    for (int i = 0; i < 300; i++)
        v[i] = mkvb(i % 3 ? OWS_SYN_OID : OWS_SYN_OCTETS);
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_RESPONSE, v, 300);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), 0);
    assert_true(len > 4096);
    ows_alloc_fail_after(0);
    assert_int_equal(ows_msg_decode(ebuf + off, len, &d), OWS_E_ALLOC);
    ows_alloc_fail_after(-1);
    before = ows_alloc_count();
    assert_int_equal(ows_msg_decode(ebuf + off, len, &d), 0);
    assert_int_equal(ows_alloc_count(), before + 1);
    assert_true(ows_msg_equal(&m, &d));
    ows_msg_free(&d);
}

static void test_encode_never_allocates(void **state)
{
    ows_varbind v[3] = { mkvb(OWS_SYN_OID), mkvb(OWS_SYN_OCTETS), mkvb(OWS_SYN_INT) };
    ows_msg m;
    size_t off, len;
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_GET, v, 3);
    ows_alloc_fail_after(0);
    assert_int_equal(ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len), 0);
    ows_alloc_fail_after(-1);
}

/* Decodes b with both passes (the quick one for plain community messages
 * and the general one alone): same error, and on success equal messages. */
static int both_passes(const uint8_t *b, size_t n)
{
    /* Into a caller's block too (the engine's way), big enough or not. */
    static uint64_t block[512];
    static const size_t caps[] = { sizeof block, 160, 64 };
    ows_msg q, g;
    int eq, eg;
    ows_msg_decode_general_only = 0;
    eq = ows_msg_decode(b, n, &q);
    ows_msg_decode_general_only = 1;
    eg = ows_msg_decode(b, n, &g);
    ows_msg_decode_general_only = 0;
    assert_int_equal(eq, eg);
    if (!eq)
        assert_true(ows_msg_equal(&q, &g));
    ows_msg_free(&q);
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        int e = ows_msg_decode_in(b, n, &q, 24, block, caps[i]);
        assert_int_equal(e, eg);
        if (!e) {
            assert_true(ows_msg_equal(&q, &g));
            if (q.pdu.vbl.arena != (void *)block)
                ows_free(q.pdu.vbl.arena);
        }
    }
    ows_msg_free(&g);
    return eq;
}

/* The decoder's quick pass accepts exactly what the general pass accepts,
 * with the same result: every PDU type of both versions with each syntax,
 * long-form lengths, and each of those messages with every octet changed to
 * values that break framing, tags, lengths and integers (and truncated). */
static void test_quick_pass_matches_general(void **state)
{
    static const uint32_t syn[] = {
        OWS_SYN_INT, OWS_SYN_OCTETS, OWS_SYN_NULL, OWS_SYN_OID, OWS_SYN_IPADDR,
        OWS_SYN_CNTR32, OWS_SYN_GAUGE32, OWS_SYN_TIMETICKS, OWS_SYN_OPAQUE,
        OWS_SYN_CNTR64, OWS_SYN_NOSUCHOBJECT, OWS_SYN_ENDOFMIBVIEW,
    };
    static const int types[] = {
        OWS_PDU_GET, OWS_PDU_GETNEXT, OWS_PDU_RESPONSE, OWS_PDU_SET, OWS_PDU_V1TRAP,
        OWS_PDU_GETBULK, OWS_PDU_INFORM, OWS_PDU_TRAP,
    };
    static const uint8_t vals[] = { 0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x30, 0x7F, 0x80,
                                    0x81, 0x82, 0xA0, 0xA4, 0xA8, 0xFF };
    static uint8_t mut[4096];
    ows_varbind v[20];
    unsigned accepted = 0, quick_shape = 0;
    (void)state;
    for (int version = OWS_SNMPV1; version <= OWS_SNMPV2C; version++) {
        for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
            for (size_t k = 0; k < sizeof syn / sizeof syn[0]; k++) {
                ows_msg m;
                size_t off, len, nvb = k % 3 == 2 ? 20 : 1 + k % 2;
                for (size_t i = 0; i < nvb; i++)
                    v[i] = mkvb(syn[(k + i) % (sizeof syn / sizeof syn[0])]);
                if (version == OWS_SNMPV1)
                    for (size_t i = 0; i < nvb; i++)
                        if (v[i].value.syntax == OWS_SYN_CNTR64 ||
                            v[i].value.syntax >= OWS_SYN_NOSUCHOBJECT)
                            v[i] = mkvb(OWS_SYN_INT);
                mkmsg(&m, version, types[t], v, (uint32_t)nvb);
                m.pdu.request_id = (int32_t)(k * 977 % 300) - 150;   /* 1 and 2 octets */
                if (ows_msg_encode(&m, ebuf, sizeof ebuf, &off, &len))
                    continue;   /* a type the version does not carry */
                assert_true(len <= sizeof mut);
                /* The untouched message: 20 varbinds give long-form lengths. */
                assert_int_equal(both_passes(ebuf + off, len), 0);
                quick_shape += types[t] != OWS_PDU_V1TRAP;
                for (size_t i = 0; i < len; i++) {
                    for (size_t j = 0; j < sizeof vals; j++) {
                        memcpy(mut, ebuf + off, len);
                        mut[i] = vals[j];
                        accepted += both_passes(mut, len) == 0;
                    }
                    memcpy(mut, ebuf + off, len);
                    mut[i] ^= 0x40;
                    accepted += both_passes(mut, len) == 0;
                    accepted += both_passes(ebuf + off, i) == 0;
                }
            }
        }
    }
    /* The changed messages include accepted ones (values, ids, lengths that
     * still fit), so the comparison covered successes, not only errors. */
    assert_true(quick_shape > 100);
    assert_true(accepted > 1000);
}

/* Encodes m into a buffer of cap bytes with both passes: same error, and
 * on success the same bytes at the same place. */
static void encode_both(const ows_msg *m, size_t cap)
{
    static uint8_t qb[8192], gb[8192];
    size_t qoff = 0, qlen = 0, goff = 0, glen = 0;
    int eq, eg;
    assert_true(cap <= sizeof qb);
    ows_msg_encode_general_only = 0;
    eq = ows_msg_encode(m, qb, cap, &qoff, &qlen);
    ows_msg_encode_general_only = 1;
    eg = ows_msg_encode(m, gb, cap, &goff, &glen);
    ows_msg_encode_general_only = 0;
    assert_int_equal(eq, eg);
    if (!eq) {
        assert_int_equal(qoff, goff);
        assert_int_equal(qlen, glen);
        assert_memory_equal(qb + qoff, gb + goff, qlen);
    }
}

/* The encoder's quick pass writes exactly what the general pass writes, and
 * leaves it every error: each PDU type and version with every syntax, values
 * at each integer size boundary, strings and lists around the 128- and
 * 256-byte length forms, short and bad OIDs, and every buffer size from too
 * small to enough. */
static void test_quick_encode_matches_general(void **state)
{
    static const uint32_t syn[] = {
        OWS_SYN_INT, OWS_SYN_BITS, OWS_SYN_OCTETS, OWS_SYN_NULL, OWS_SYN_OID, OWS_SYN_IPADDR,
        OWS_SYN_CNTR32, OWS_SYN_GAUGE32, OWS_SYN_TIMETICKS, OWS_SYN_OPAQUE, OWS_SYN_NSAPADDR,
        OWS_SYN_CNTR64, OWS_SYN_UINT32, OWS_SYN_NOSUCHOBJECT, OWS_SYN_NOSUCHINSTANCE,
        OWS_SYN_ENDOFMIBVIEW, 0x07, 0x30,
    };
    static const int64_t nums[] = {
        0, 1, -1, 0x7F, 0x80, -0x80, -0x81, 0x7FFF, 0x8000, -0x8000, -0x8001, 0x7FFFFF,
        0x800000, -0x800000, -0x800001, 0x7FFFFFFF, -0x7FFFFFFF - 1, 0xFF, 0xFFFF,
        0xFFFFFF, 0x80000000, 0xFFFFFFFF,
    };
    static const uint32_t lens[] = { 0, 1, 3, 4, 7, 8, 16, 17, 100, 127, 128, 200, 255, 256, 300 };
    static uint8_t big[300];
    static uint32_t oid_long[128], oid_short[1] = { 1 }, oid_bad[2] = { 3, 1 };
    ows_varbind v[8];
    ows_msg m;
    (void)state;
    memset(big, 'x', sizeof big);
    for (int i = 0; i < 128; i++)
        oid_long[i] = (uint32_t)i * 40503u;
    for (int version = OWS_SNMPV1; version <= OWS_SNMPV2C + 1; version++) {
        for (int type = 0x9F; type <= OWS_PDU_REPORT; type++) {
            for (size_t k = 0; k < sizeof syn / sizeof syn[0]; k++) {
                for (size_t i = 0; i < 8; i++)
                    v[i] = mkvb(syn[(k + i) % (sizeof syn / sizeof syn[0])]);
                mkmsg(&m, version, type, v, 1 + k % 8);
                for (size_t cap = 0; cap < 400; cap += 1 + cap / 16)
                    encode_both(&m, cap);
                encode_both(&m, 8192);
            }
        }
    }
    /* Integer sizes, in every field and value that carries one. */
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        v[0] = mkvb(OWS_SYN_INT);
        v[0].value.v.i = (int32_t)nums[i];
        v[1] = mkvb(OWS_SYN_GAUGE32);
        v[1].value.v.u = (uint32_t)nums[i];
        v[2] = mkvb(OWS_SYN_TIMETICKS);
        v[2].value.v.u = (uint32_t)nums[i];
        mkmsg(&m, OWS_SNMPV2C, OWS_PDU_GETBULK, v, 3);
        m.pdu.request_id = (int32_t)nums[i];
        m.pdu.error_status = (int32_t)nums[(i + 3) % (sizeof nums / sizeof nums[0])];
        m.pdu.error_index = (int32_t)nums[(i + 7) % (sizeof nums / sizeof nums[0])];
        encode_both(&m, 8192);
    }
    /* Lengths around the short and long forms, and odd OIDs and pointers. */
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        for (uint32_t n = 1; n <= 3; n++) {
            for (uint32_t j = 0; j < n; j++) {
                v[j] = mkvb(OWS_SYN_OCTETS);
                v[j].value.v.str.ptr = big;
                v[j].value.v.str.len = lens[i];
            }
            mkmsg(&m, OWS_SNMPV1, OWS_PDU_SET, v, n);
            m.community.ptr = big;
            m.community.len = lens[(i + n) % (sizeof lens / sizeof lens[0])];
            encode_both(&m, 8192);
            encode_both(&m, lens[i] + 20);
            m.community.ptr = NULL;
            encode_both(&m, 8192);
        }
    }
    for (uint32_t n = 0; n <= 129; n++) {
        v[0] = mkvb(OWS_SYN_OID);
        v[0].name.ids = n ? oid_long : NULL;
        v[0].name.len = n;
        v[0].value.v.oid.ids = oid_long;
        v[0].value.v.oid.len = n > 128 ? 128 : n;
        mkmsg(&m, OWS_SNMPV2C, OWS_PDU_RESPONSE, v, 1);
        encode_both(&m, 8192);
        encode_both(&m, 5u * n + 20);
    }
    v[0] = mkvb(OWS_SYN_OID);
    v[0].value.v.oid.ids = oid_short;
    v[0].value.v.oid.len = 1;
    v[1] = mkvb(OWS_SYN_OID);
    v[1].value.v.oid.ids = oid_bad;
    v[1].value.v.oid.len = 2;
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_GET, v, 1);
    encode_both(&m, 8192);
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_GET, v, 2);
    encode_both(&m, 8192);
    v[0] = mkvb(OWS_SYN_OCTETS);
    v[0].value.v.str.ptr = NULL;
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_GET, v, 1);
    encode_both(&m, 8192);
    mkmsg(&m, OWS_SNMPV2C, OWS_PDU_GET, NULL, 2);
    encode_both(&m, 8192);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_syntax_v2c),
        cmocka_unit_test(test_every_syntax_v1),
        cmocka_unit_test(test_every_pdu_type),
        cmocka_unit_test(test_empty_message_no_alloc),
        cmocka_unit_test(test_exact_bytes),
        cmocka_unit_test(test_buffer_small),
        cmocka_unit_test(test_encode_rejects),
        cmocka_unit_test(test_short_oid_value_padded),
        cmocka_unit_test(test_odd_fields_decoded),
        cmocka_unit_test(test_reject_values),
        cmocka_unit_test(test_reject_version_rules),
        cmocka_unit_test(test_reject_structure),
        cmocka_unit_test(test_reject_oid_limits),
        cmocka_unit_test(test_reject_too_many_varbinds),
        cmocka_unit_test(test_v1_trap_rules),
        cmocka_unit_test(test_decode_alloc_failure),
        cmocka_unit_test(test_big_message_one_alloc),
        cmocka_unit_test(test_encode_never_allocates),
        cmocka_unit_test(test_quick_pass_matches_general),
        cmocka_unit_test(test_quick_encode_matches_general),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
