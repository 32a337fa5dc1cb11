/* export.h — figures for slides and handouts: the session's picture (the same scene the
 * terminal plot draws) written as SVG, PNG or PDF by cairo. A back end: the pure core
 * never sees cairo. Formats live in one table; adding one is a function and a row. */
#ifndef DESCENT_EXPORT_H
#define DESCENT_EXPORT_H

#include "descent/err.h"
#include "descent/sbuf.h"
#include "descent/session.h"

#define EXPORT_MAX_SIDE   20000    /* px (PNG) or pt (SVG, PDF) a side at most */
#define EXPORT_MAX_PIXELS 25000000 /* a PNG's pixels at most (memory: 4 bytes each) */

/* Write the figure of `s` to `path`, its format from the extension; `size` is "WxH" or
 * NULL for the format's default. Says what it wrote in `out` (and, once per process,
 * when a font was missing and which one stood in). On failure nothing is written. */
ds_status export_figure(const sess *s, const char *path, const char *size, sbuf *out, ds_err *err);

#endif
