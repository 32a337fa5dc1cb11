/* fmt.h — how numbers look everywhere descent prints them: a consistent number of
 * significant digits on screen and in batch output; %.17g in exports. */
#ifndef DESCENT_FMT_H
#define DESCENT_FMT_H

#include "descent/err.h"
#include "descent/sbuf.h"

#include <stddef.h>

/* The word every display uses for a value that is not a number (NaN or ±Inf): never
 * "nan" or "inf" posing as a result. */
#define FMT_UNDEFINED "undefined"

/* Append v with `digits` significant digits ("-0" printed as "0"); a non-finite v is
 * written as FMT_UNDEFINED. */
void fmt_num(sbuf *b, double v, int digits);
/* The same into buf[n] (for fixed-size labels); returns buf. */
const char *fmt_num_str(char *buf, size_t n, double v, int digits);
/* "[a, b]", or FMT_UNDEFINED when either part is not finite (a vector with an undefined
 * component is undefined as a whole). */
void fmt_vec2(sbuf *b, const double v[2], int digits);
/* Exact round-trip form for exports: %.17g. */
void fmt_exact(sbuf *b, double v);

/* When `e` points into a source text (a formula), append two lines: the source,
 * indented by `indent` spaces, and a caret under the offending column. Columns are
 * counted in characters and placed by display width (utf8_width_chars), so Hangul and
 * mathematical symbols line up. Appends nothing when there is no column. */
void fmt_caret(sbuf *b, const ds_err *e, int indent);

#endif
