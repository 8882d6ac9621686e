/* ber_read.c - the out-of-line parts of the strict BER reader. */
#include "core/ber_read.h"

int ows_berr_header_slow(ows_berr *r, unsigned *tag, size_t *len)
{
    const uint8_t *p = r->p;
    size_t left = (size_t)(r->end - p), l;

    if (left < 2)
        return OWS_E_BER_TRUNCATED;
    if ((p[0] & 0x1F) == 0x1F)
        return OWS_E_BER_TAG;          /* multi-octet tags are not SNMP */
    l = p[1];
    p += 2;
    left -= 2;
    if (l & 0x80) {
        size_t n = l & 0x7F;
        if (n == 0)
            return OWS_E_BER_INDEFINITE;
        if (n > 4)
            return OWS_E_BER_LENGTH;
        if (left < n)
            return OWS_E_BER_TRUNCATED;
        l = 0;
        for (size_t i = 0; i < n; i++)
            l = (l << 8) | p[i];
        p += n;
        left -= n;
    }
    if (l > left)
        return OWS_E_BER_TRUNCATED;
    *tag = r->p[0];
    *len = l;
    r->p = p;
    return 0;
}

int ows_ber_oid(const uint8_t *p, size_t n, uint32_t *ids, uint32_t max, uint32_t *count)
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
