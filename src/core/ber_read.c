/* ber_read.c - the out-of-line parts of the strict BER reader. */
#include "core/ber_read.h"

int ows_ber_oid(const uint8_t *p, size_t n, uint32_t *ids, uint32_t max, uint32_t *count)
{
    size_t i = 0;
    uint32_t k = 0;

    if (n == 0 || (p[n - 1] & 0x80) || max < 2)
        return OWS_E_BER_OID;
    while (i < n) {
        uint32_t v = 0;
        if (p[i] == 0x80)
            return OWS_E_BER_OID;      /* non-minimal sub-identifier */
        for (;;) {
            uint8_t b = p[i++];
            if (v > (0xFFFFFFFFu >> 7))
                return OWS_E_BER_OID;  /* over 32 bits */
            v = (v << 7) | (b & 0x7F);
            if (!(b & 0x80))
                break;
        }
        if (k == 0) {
            /* X.690 8.19.4: the first octets encode X*40+Y. */
            if (v < 40) {
                ids[0] = 0;
                ids[1] = v;
            } else if (v < 80) {
                ids[0] = 1;
                ids[1] = v - 40;
            } else {
                ids[0] = 2;
                ids[1] = v - 80;
            }
            k = 2;
        } else {
            if (k >= max)
                return OWS_E_BER_OID;
            ids[k++] = v;
        }
    }
    *count = k;
    return 0;
}
