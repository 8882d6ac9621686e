/* ber_read.h - a strict BER reader over a (p, end) cursor.
 *
 * No function reads past `end`: every length is checked against what is left
 * of its container before it is used (mbedTLS's asn1parse habit). Decoding is
 * strict where strictness costs no interoperability (OpenBSD ber.c): no
 * indefinite lengths, no more than 4 length octets, no multi-octet tags, no
 * non-minimal or oversized integers, no malformed OIDs. Long-form lengths that
 * are longer than needed are accepted, because real encoders (net-snmp's
 * forward encoder among them) emit them.
 *
 * Functions return 0 or a negative OWS_E_BER_* code.
 */
#ifndef OWS_CORE_BER_READ_H
#define OWS_CORE_BER_READ_H
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"

typedef struct ows_berr {
    const uint8_t *p;
    const uint8_t *end;
} ows_berr;

/* Long-form lengths, multi-octet tags and every error: out of line. */
int ows_berr_header_slow(ows_berr *r, unsigned *tag, size_t *len);

/* Always inline (here and in ows_berr_enter): the decoder reads a few
 * headers per varbind, and out of line each one would also pass its results
 * through memory. */
#if defined(__GNUC__)
#define OWS_BERR_INLINE __attribute__((always_inline)) static inline
#else
#define OWS_BERR_INLINE static inline
#endif

/* Reads a tag and a definite length; on success the cursor is at the first
 * content octet and `len` fits in what is left. */
OWS_BERR_INLINE int ows_berr_header(ows_berr *r, unsigned *tag, size_t *len)
{
    const uint8_t *p = r->p;
    size_t left = (size_t)(r->end - p);
    /* The common cases inline: one tag octet, then a short-form length or
     * a one-octet long form (messages and PDUs of 128..255 bytes). */
    if (left >= 2 && (p[0] & 0x1F) != 0x1F) {
        size_t l = p[1];
        if (l < 0x80) {
            if (l <= left - 2) {
                *tag = p[0];
                *len = l;
                r->p = p + 2;
                return 0;
            }
        } else if (l == 0x81 && left >= 3) {
            l = p[2];
            if (l <= left - 3) {
                *tag = p[0];
                *len = l;
                r->p = p + 3;
                return 0;
            }
        }
    }
    return ows_berr_header_slow(r, tag, len);
}

/* Reads a header that must carry `tag`; `inner` gets the content and the
 * cursor moves past it. On failure the cursor does not move. */
OWS_BERR_INLINE int ows_berr_enter(ows_berr *r, unsigned tag, ows_berr *inner)
{
    const uint8_t *save = r->p;
    unsigned t;
    size_t len;
    int err = ows_berr_header(r, &t, &len);
    if (err)
        return err;
    if (t != tag) {
        r->p = save;
        return OWS_E_BER_TAG;
    }
    inner->p = r->p;
    inner->end = r->p + len;
    r->p += len;
    return 0;
}

/* Content decoders: `p[0..n)` is the content of one primitive value. */

/* INTEGER-like, at most 32 bits, minimal. */
static inline int ows_ber_int32(const uint8_t *p, size_t n, int32_t *out)
{
    uint32_t v;
    if (n == 0 || n > 4)
        return OWS_E_BER_INTEGER;
    if (n > 1 && ((p[0] == 0x00 && !(p[1] & 0x80)) || (p[0] == 0xFF && (p[1] & 0x80))))
        return OWS_E_BER_INTEGER;
    v = (p[0] & 0x80) ? 0xFFFFFFFFu : 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | p[i];
    *out = (int32_t)v;
    return 0;
}

/* An unsigned value of at most `bytes` octets (4 or 8), minimal, never
 * negative (a set top bit without a leading zero octet). */
static inline int ows_ber_uint(const uint8_t *p, size_t n, size_t bytes, uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0 || (p[0] & 0x80))
        return OWS_E_BER_INTEGER;
    if (p[0] == 0 && n > 1) {
        if (!(p[1] & 0x80))
            return OWS_E_BER_INTEGER;  /* non-minimal */
        p++;
        n--;
    }
    if (n > bytes)
        return OWS_E_BER_INTEGER;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | p[i];
    *out = v;
    return 0;
}

static inline int ows_ber_uint32(const uint8_t *p, size_t n, uint32_t *out)
{
    uint64_t v;
    int err = ows_ber_uint(p, n, 4, &v);
    if (!err)
        *out = (uint32_t)v;
    return err;
}

/* Number of sub-identifiers an OID's content encodes (terminal octets plus
 * one for the combined first pair), without validating it. */
static inline uint32_t ows_ber_oid_count(const uint8_t *p, size_t n)
{
    uint32_t c = 1;
    for (size_t i = 0; i < n; i++)
        c += !(p[i] & 0x80);
    return c;
}

/* Decodes an OID into ids[0..max); *count gets the sub-id count. Rejects an
 * empty or unterminated encoding, a sub-identifier with a leading 0x80 octet,
 * one over 32 bits, and more than `max` sub-ids. */
static inline int ows_ber_oid(const uint8_t *p, size_t n, uint32_t *ids, uint32_t max, uint32_t *count)
{
    const uint8_t *q = p, *e = p + n;
    uint32_t *o, v;

    if (n == 0 || (p[n - 1] & 0x80) || max < 2)
        return OWS_E_BER_OID;
    /* n octets hold at most n + 1 sub-ids; only a long encoding needs an
     * exact count, so the loop below never checks the output bound. */
    if (n + 1 > max && ows_ber_oid_count(p, n) > max)
        return OWS_E_BER_OID;
    o = ids;
    *o++ = 0;        /* placeholder for the first pair, fixed below */
    while (q < e) {
        uint32_t b;
        /* Four one-octet sub-ids at a time, the common case. */
        if (e - q >= 4 && !((q[0] | q[1] | q[2] | q[3]) & 0x80)) {
            o[0] = q[0];
            o[1] = q[1];
            o[2] = q[2];
            o[3] = q[3];
            o += 4;
            q += 4;
            continue;
        }
        b = *q++;
        if (b < 0x80) {
            *o++ = b;
            continue;
        }
        if (b == 0x80)
            return OWS_E_BER_OID;      /* non-minimal */
        v = b & 0x7F;
        for (;;) {
            b = *q++;                  /* p[n-1] < 0x80, so q stays < e */
            if (v > (0xFFFFFFFFu >> 7))
                return OWS_E_BER_OID;  /* over 32 bits */
            v = (v << 7) | (b & 0x7F);
            if (!(b & 0x80))
                break;
        }
        *o++ = v;
    }
    /* The first sub-identifier (now ids[1]) encodes X*40+Y (X.690 8.19.4). */
    v = ids[1];
    ids[0] = v < 40 ? 0 : v < 80 ? 1 : 2;
    ids[1] = v - ids[0] * 40;
    *count = (uint32_t)(o - ids);
    return 0;
}

#endif
