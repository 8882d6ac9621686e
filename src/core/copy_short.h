/* copy_short.h - copies of a few bytes without a call to memcpy.
 *
 * Communities, names and most string values are short; for 4 to 16 bytes
 * two overlapping fixed-size copies cost less than the call (the encoder
 * and the decoder each copy one or two such strings per message). */
#ifndef OWS_CORE_COPY_SHORT_H
#define OWS_CORE_COPY_SHORT_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Copies n bytes from p to d (not overlapping); p may be NULL when n is 0. */
static inline void ows_copy_short(uint8_t *d, const uint8_t *p, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, p, 8);
        memcpy(&b, p + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else if (n) {
        memcpy(d, p, n);
    }
}

#endif
