/* hash.c — 64-bit FNV-1a, the one fingerprint of the core (hash.h): cache keys and the
 * cloud's recipe. */
#include <string.h>

#include "descent/hash.h"

uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL; /* FNV's 64-bit prime */
    }
    return h;
}

uint64_t hash_str(uint64_t h, const char *s)
{
    return hash_bytes(h, s, strlen(s));
}
