/* rng.h — the core's one source of randomness: a small deterministic PRNG (xoshiro256**
 * seeded through splitmix64), so a seed gives the same data, mini-batches and noise on
 * every machine. */
#ifndef DESCENT_RNG_H
#define DESCENT_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} ds_rng;

void rng_seed(ds_rng *r, uint64_t seed);
uint64_t rng_next(ds_rng *r);
double rng_uniform(ds_rng *r);   /* [0, 1) */
double rng_gauss(ds_rng *r);     /* standard normal */
int rng_below(ds_rng *r, int n); /* uniform integer in [0, n) */

#endif
