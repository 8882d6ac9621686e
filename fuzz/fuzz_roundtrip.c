/* fuzz_roundtrip.c - libFuzzer harness: decode -> encode -> decode. Whatever
 * the decoder accepts, the encoder must encode, and decoding that again must
 * give the same message field for field. The encoder's quick pass and its
 * general pass must write the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/msg_codec.h"

static uint8_t buf[1 << 20];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ows_msg a, b;
    size_t off, len;
    if (ows_msg_decode(data, size, &a))
        return 0;
    /* The re-encoding is never longer than the input: lengths only shrink
     * to their minimal form. */
    if (ows_msg_encode(&a, buf, sizeof buf, &off, &len))
        abort();
    {
        /* The encoder's general pass alone writes the same bytes. */
        static uint8_t gbuf[1 << 20];
        size_t goff, glen;
        ows_msg_encode_general_only = 1;
        if (ows_msg_encode(&a, gbuf, sizeof gbuf, &goff, &glen) || goff != off || glen != len ||
            memcmp(buf + off, gbuf + goff, len))
            abort();
        ows_msg_encode_general_only = 0;
    }
    if (len > size)
        abort();
    if (ows_msg_decode(buf + off, len, &b))
        abort();
    if (!ows_msg_equal(&a, &b))
        abort();
    ows_msg_free(&b);
    ows_msg_free(&a);
    return 0;
}
