/* sbuf.h — a growable text buffer. The core writes all of its output here;
 * front ends decide where it goes (stdout, the output pane, a file). */
#ifndef DESCENT_SBUF_H
#define DESCENT_SBUF_H

#include <stddef.h>

typedef struct {
    char *data; /* NUL-terminated text, or NULL while empty */
    size_t len; /* bytes used, excluding the NUL */
    size_t cap; /* bytes allocated */
} sbuf;

void sbuf_init(sbuf *b);
void sbuf_free(sbuf *b);
/* Empty the buffer but keep its memory. */
void sbuf_reset(sbuf *b);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_putn(sbuf *b, const char *s, size_t n);
void sbuf_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text, never NULL ("" while empty). */
const char *sbuf_str(const sbuf *b);

#endif
