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
/* A signed INTEGER-like value in minimal two's complement. */
int ows_berw_int(ows_berw *w, uint8_t tag, int32_t v);
/* An unsigned value (Counter32, Gauge32, TimeTicks, Counter64), minimal, with
 * a leading zero octet when the top bit would otherwise be set. */
int ows_berw_uint(ows_berw *w, uint8_t tag, uint64_t v);
/* An OCTET STRING-like value. */
int ows_berw_octets(ows_berw *w, uint8_t tag, const uint8_t *data, size_t n);
/* An OBJECT IDENTIFIER. Needs 2..128 sub-ids, the first 0..2, the second
 * below 40 when the first is 0 or 1, and a first sub-identifier that fits 32
 * bits; otherwise OWS_E_OID_INVALID. */
int ows_berw_oid(ows_berw *w, uint8_t tag, const uint32_t *ids, size_t n);

#endif
