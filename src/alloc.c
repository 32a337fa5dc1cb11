/* alloc.c — allocation that cannot fail: on exhaustion it writes one line to stderr
 * and aborts. The sizes descent asks for are bounded by its limits (1,000,000 samples,
 * 8 KB lines, 4 MB lessons), so running out means the machine is out, not bad input. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "descent/alloc.h"

/* The one place the core writes to a file descriptor: there is no caller left to tell. */
static void out_of_memory(void)
{
    static const char msg[] = "descent: out of memory\n";
    ssize_t n = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)n;
    abort();
}

void *ds_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory();
    return p;
}

void *ds_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) out_of_memory();
    return p;
}

void *ds_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory();
    return q;
}

char *ds_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(ds_xmalloc(n), s, n);
}

void ds_free_all(void *const *ptrs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ptrs[i]);
}
