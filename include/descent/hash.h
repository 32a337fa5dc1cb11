/* hash.h — fingerprints: 64-bit FNV-1a over bytes, for keys that change whenever what
 * they cover changes (the screen's cached base layer, the cloud's recipe). Not for
 * security, and not stable across machines (it hashes values as they lie in memory). */
#ifndef DESCENT_HASH_H
#define DESCENT_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_START 14695981039346656037ULL /* FNV-1a's offset basis: hash nothing yet */

/* h with the n bytes at p folded in. */
uint64_t hash_bytes(uint64_t h, const void *p, size_t n);
/* h with the characters of the string s folded in (not its terminating NUL). */
uint64_t hash_str(uint64_t h, const char *s);

#endif
