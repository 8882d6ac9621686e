/* fuzz_roundtrip.c - libFuzzer harness: decode -> encode -> decode. Whatever
 * the decoder accepts, the encoder must encode, and decoding that again must
 * give the same message field for field. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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
