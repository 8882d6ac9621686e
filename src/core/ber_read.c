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

