/* xorshift.h - the differential tests' deterministic generator (xorshift64*),
 * the same sequence on every platform for a given seed. */
#ifndef OWS_TEST_XORSHIFT_H
#define OWS_TEST_XORSHIFT_H
#include <stdint.h>
#include <stdlib.h>

static uint64_t rng;

/* Seeds from a decimal string (NULL: dflt); the state is never 0. */
static inline void rnd_seed(const char *text, uint64_t dflt)
{
    rng = text ? strtoull(text, NULL, 10) : dflt;
    if (!rng)
        rng = 1;
}

static inline uint32_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 0x2545F4914F6CDD1DULL) >> 32);
}

#endif
