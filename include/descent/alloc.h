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

#endif
