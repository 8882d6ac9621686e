/* crypto_sizes.c - the sizes of crypto.h's algorithms, the same on every
 * platform, so each platform layer implements only the operations. */
#include "crypto.h"

size_t ows_hash_len(int alg)
{
    static const uint8_t len[OWS_HASH_COUNT_] = { 16, 20, 28, 32, 48, 64 };
    return alg >= 0 && alg < OWS_HASH_COUNT_ ? len[alg] : 0;
}

size_t ows_cipher_key_len(int alg)
{
    static const uint8_t len[OWS_CIPHER_COUNT_] = { 8, 16, 24, 32 };
    return alg >= 0 && alg < OWS_CIPHER_COUNT_ ? len[alg] : 0;
}
