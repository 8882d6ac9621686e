/* tlv_builder.h - a forward TLV builder for the unit tests' hand-made (often
 * broken) BER messages (test_msg.c, test_v3.c). */
#ifndef OWS_TEST_TLV_BUILDER_H
#define OWS_TEST_TLV_BUILDER_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* (cmocka.h before this header, for assert_true) */

typedef struct { uint8_t b[70000]; size_t n; } bytes;

static inline void put(bytes *o, const void *p, size_t n)
{
    assert_true(o->n + n <= sizeof o->b);
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static inline void tlv(bytes *o, unsigned tag, const void *c, size_t n)
{
    uint8_t h[6];
    size_t k = 0;
    h[k++] = (uint8_t)tag;
    if (n < 0x80) {
        h[k++] = (uint8_t)n;
    } else if (n < 0x100) {
        h[k++] = 0x81; h[k++] = (uint8_t)n;
    } else if (n < 0x10000) {
        h[k++] = 0x82; h[k++] = (uint8_t)(n >> 8); h[k++] = (uint8_t)n;
    } else {
        h[k++] = 0x83; h[k++] = (uint8_t)(n >> 16); h[k++] = (uint8_t)(n >> 8); h[k++] = (uint8_t)n;
    }
    put(o, h, k);
    put(o, c, n);
}

#endif
