/* ber_write.h - a backward BER writer into one bounded buffer.
 *
 * mbedTLS style: every value is written content first, then its length, then
 * its tag, moving from the end of the buffer towards its start. Each length is
 * known when it is written, so lengths are minimal with no fix-ups, and the
 * writer checks the room left before every store: a buffer that is too small
 * gives OWS_E_BUFFER_SMALL, never an overflow.
 *
 * Every function returns the number of bytes it wrote (>= 0) or a negative
 * OWS_E_* code. Encodings are bounded by INT32_MAX bytes.
 */
#ifndef OWS_CORE_BER_WRITE_H
#define OWS_CORE_BER_WRITE_H
#include <stddef.h>
#include <stdint.h>
#include "core/copy_short.h"
#include "core/error.h"

typedef struct ows_berw {
    uint8_t *p;          /* first byte written so far; starts at the end */
    uint8_t *start;      /* lowest byte the writer may use */
} ows_berw;

static inline void ows_berw_init(ows_berw *w, uint8_t *buf, size_t cap)
{
    w->start = buf;
    w->p = buf + cap;
}

/* Raw bytes, no header. */
int ows_berw_raw(ows_berw *w, const void *data, size_t n);
/* A definite length in minimal form (short form below 128, else 1-4 octets). */
int ows_berw_len(ows_berw *w, size_t len);
/* A length then a single-octet tag: the header of `len` content bytes. */
int ows_berw_header_slow(ows_berw *w, uint8_t tag, size_t len);
static inline int ows_berw_header(ows_berw *w, uint8_t tag, size_t len)
{
    /* The common case inline: a short-form length with room to spare. */
    if (len < 0x80 && w->p - w->start >= 2) {
        w->p[-1] = (uint8_t)len;
        w->p[-2] = tag;
        w->p -= 2;
        return 2;
    }
    return ows_berw_header_slow(w, tag, len);
}
/* A signed INTEGER-like value in minimal two's complement: one octet
 * inline, everything else (and every error) out of line. */
int ows_berw_int_slow(ows_berw *w, uint8_t tag, int32_t v);
static inline int ows_berw_int(ows_berw *w, uint8_t tag, int32_t v)
{
    /* Versions and error fields fit one octet. */
    if (v >= -128 && v <= 127 && w->p - w->start >= 3) {
        w->p[-1] = (uint8_t)v;
        w->p[-2] = 1;
        w->p[-3] = tag;
        w->p -= 3;
        return 3;
    }
    return ows_berw_int_slow(w, tag, v);
}
/* An unsigned value (Counter32, Gauge32, TimeTicks, Counter64), minimal, with
 * a leading zero octet when the top bit would otherwise be set. */
int ows_berw_uint(ows_berw *w, uint8_t tag, uint64_t v);
/* An OCTET STRING-like value: a short one with room to spare inline (a
 * community, most values), everything else out of line. */
int ows_berw_octets_slow(ows_berw *w, uint8_t tag, const uint8_t *data, size_t n);
static inline int ows_berw_octets(ows_berw *w, uint8_t tag, const uint8_t *data, size_t n)
{
    if (n < 0x80 && (size_t)(w->p - w->start) >= n + 2) {
        uint8_t *p = w->p - n;
        ows_copy_short(p, data, n);
        p[-1] = (uint8_t)n;
        p[-2] = tag;
        w->p = p - 2;
        return (int)n + 2;
    }
    return ows_berw_octets_slow(w, tag, data, n);
}
/* An OBJECT IDENTIFIER. Needs 2..128 sub-ids, the first 0..2, the second
 * below 40 when the first is 0 or 1, and a first sub-identifier that fits 32
 * bits; otherwise OWS_E_OID_INVALID. */
/* (inline below: it is the encoder's hot loop) */

/* Writes one sub-identifier in base 128, backwards; the caller made sure
 * there is room for five octets. */
static inline uint8_t *ows_berw_put_subid_(uint8_t *p, uint32_t v)
{
    *--p = (uint8_t)(v & 0x7F);
    v >>= 7;
    while (v) {
        *--p = (uint8_t)(0x80 | (v & 0x7F));
        v >>= 7;
    }
    return p;
}

static inline size_t ows_berw_subid_len_(uint32_t v)
{
    return v < (1u << 7) ? 1 : v < (1u << 14) ? 2 : v < (1u << 21) ? 3 : v < (1u << 28) ? 4 : 5;
}

static inline int ows_berw_oid(ows_berw *w, uint8_t tag, const uint32_t *ids, size_t n)
{
    uint8_t *p = w->p, *end = w->p;
    uint32_t first;
    size_t len;

    if (n < 2 || n > 128 /* OWS_MAX_OID_LEN */ || ids[0] > 2)
        return OWS_E_OID_INVALID;
    if (ids[0] < 2 ? ids[1] >= 40 : ids[1] > 0xFFFFFFFFu - 80)
        return OWS_E_OID_INVALID;
    first = ids[0] * 40 + ids[1];
    if ((size_t)(w->p - w->start) < 5 * n) {
        /* Tight buffer: measure exactly before writing anything. */
        size_t need = ows_berw_subid_len_(first);
        for (size_t i = 2; i < n; i++)
            need += ows_berw_subid_len_(ids[i]);
        if ((size_t)(w->p - w->start) < need)
            return OWS_E_BUFFER_SMALL;
    }
    for (const uint32_t *s = ids + n, *stop = ids + 2; s > stop;) {
        uint32_t v;
        /* Four one-octet sub-ids at a time, the common case. */
        if (s - stop >= 4 && (s[-1] | s[-2] | s[-3] | s[-4]) < 0x80) {
            p[-1] = (uint8_t)s[-1];
            p[-2] = (uint8_t)s[-2];
            p[-3] = (uint8_t)s[-3];
            p[-4] = (uint8_t)s[-4];
            p -= 4;
            s -= 4;
            continue;
        }
        v = *--s;
        if (v < 0x80)
            *--p = (uint8_t)v;
        else
            p = ows_berw_put_subid_(p, v);
    }
    p = ows_berw_put_subid_(p, first);
    len = (size_t)(end - p);
    w->p = p;
    {
        int h = ows_berw_header(w, tag, len);
        if (h < 0)
            return h;
        return (int)len + h;
    }
}

#endif
