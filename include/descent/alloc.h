/* alloc.h — the core's one out-of-memory policy: allocation either succeeds or the
 * program ends at once with "descent: out of memory" on stderr (abort, so the screen's
 * SIGABRT handler restores the terminal). No caller checks for NULL. */
#ifndef DESCENT_ALLOC_H
#define DESCENT_ALLOC_H

#include <stddef.h>

void *ds_xmalloc(size_t n);
void *ds_xcalloc(size_t count, size_t size);
void *ds_xrealloc(void *p, size_t n);
char *ds_xstrdup(const char *s);

/* Frees each of n pointers (NULL ones too); DS_FREE_ALL(a, b, c) counts them for you.
 * For a struct's buffers, one line instead of a column of free() calls. */
void ds_free_all(void *const *ptrs, size_t n);
#define DS_FREE_ALL(...)                                                                           \
    ds_free_all((void *const[]){__VA_ARGS__}, sizeof((void *const[]){__VA_ARGS__}) / sizeof(void *))

#endif
