/* ber_write.c - the backward BER writer (see ber_write.h). */
#include <string.h>
#include "core/ber_write.h"
#include "core/smi.h"

#define ROOM(w) ((size_t)((w)->p - (w)->start))

int ows_berw_raw(ows_berw *w, const void *data, size_t n)
{
    if (n > ROOM(w) || n > INT32_MAX)
        return OWS_E_BUFFER_SMALL;
    w->p -= n;
    if (n)
        memcpy(w->p, data, n);
    return (int)n;
}

int ows_berw_len(ows_berw *w, size_t len)
{
    uint8_t *p = w->p;
    size_t room = ROOM(w);

    if (len < 0x80) {
        if (room < 1)
            return OWS_E_BUFFER_SMALL;
        p[-1] = (uint8_t)len;
        w->p = p - 1;
        return 1;
    }
    if (len > 0xFFFFFFFFu)
        return OWS_E_BUFFER_SMALL;
    {
        int n = 0;
        size_t v = len;
        while (v) {
            if (room < (size_t)n + 2)
                return OWS_E_BUFFER_SMALL;
            *--p = (uint8_t)v;
            v >>= 8;
            n++;
        }
        *--p = (uint8_t)(0x80 | n);
        w->p = p;
        return n + 1;
    }
}

int ows_berw_header_slow(ows_berw *w, uint8_t tag, size_t len)
{
    int n = ows_berw_len(w, len);
    if (n < 0)
        return n;
    if (w->p == w->start)
        return OWS_E_BUFFER_SMALL;
    *--w->p = tag;
    return n + 1;
}

int ows_berw_int_slow(ows_berw *w, uint8_t tag, int32_t v)
{
    uint8_t *p = w->p;
    int64_t x = v;
    uint32_t u = (uint32_t)v;
    size_t n = 1;

    /* The one-octet case is inline (ber_write.h). Then request ids, which
     * are mostly large positive values: four octets whenever v >= 2^23. */
    if (v >= 0x800000 && ROOM(w) >= 6) {
        p[-1] = (uint8_t)u;
        p[-2] = (uint8_t)(u >> 8);
        p[-3] = (uint8_t)(u >> 16);
        p[-4] = (uint8_t)(u >> 24);
        p[-5] = 4;
        p[-6] = tag;
        w->p = p - 6;
        return 6;
    }
    /* Minimal two's complement: the fewest octets whose range holds v. */
    while (n < 4 && (x < -((int64_t)1 << (8 * n - 1)) || x >= ((int64_t)1 << (8 * n - 1))))
        n++;
    if (ROOM(w) < n + 2)
        return OWS_E_BUFFER_SMALL;
    for (size_t i = 0; i < n; i++) {
        *--p = (uint8_t)u;
        u >>= 8;
    }
    *--p = (uint8_t)n;
    *--p = tag;
    w->p = p;
    return (int)n + 2;
}

int ows_berw_uint(ows_berw *w, uint8_t tag, uint64_t v)
{
    uint8_t tmp[9];
    size_t n = 0;

    /* Content octets least significant first, then a zero octet when the
     * top bit is set so the value does not read as negative. */
    do {
        tmp[n++] = (uint8_t)v;
        v >>= 8;
    } while (v);
    if (tmp[n - 1] & 0x80)
        tmp[n++] = 0;
    if (ROOM(w) < n + 2)
        return OWS_E_BUFFER_SMALL;
    {
        uint8_t *p = w->p;
        for (size_t i = 0; i < n; i++)
            *--p = tmp[i];
        *--p = (uint8_t)n;
        *--p = tag;
        w->p = p;
    }
    return (int)n + 2;
}

/* Not inlined: the inline caller's failed test would otherwise narrow n for
 * the compiler (to 128 and more) and make it warn about the short buffers
 * that only ever take the inline path (the v3 encoder's). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
int ows_berw_octets_slow(ows_berw *w, uint8_t tag, const uint8_t *data, size_t n)
{
    int a, b;
    if ((a = ows_berw_raw(w, data, n)) < 0)
        return a;
    if ((b = ows_berw_header(w, tag, n)) < 0)
        return b;
    if ((size_t)a + (size_t)b > INT32_MAX)
        return OWS_E_BUFFER_SMALL;
    return a + b;
}

