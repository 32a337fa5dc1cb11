/* fmt.h — how numbers look everywhere descent prints them: a consistent number of
 * significant digits on screen and in batch output; %.17g in exports. */
#ifndef DESCENT_FMT_H
#define DESCENT_FMT_H

#include "descent/err.h"
#include "descent/sbuf.h"

/* Append v with `digits` significant digits ("-0" printed as "0"). Non-finite values
 * are written as "nan", "inf" or "-inf" — callers report them as errors, never as
 * results. */
void fmt_num(sbuf *b, double v, int digits);
/* "[a, b]" */
void fmt_vec2(sbuf *b, const double v[2], int digits);
/* Exact round-trip form for exports: %.17g. */
void fmt_exact(sbuf *b, double v);

/* When `e` points into a source text (a formula), append two lines: the source,
 * indented by `indent` spaces, and a caret under the offending column. Columns are
 * counted in characters and placed by display width (utf8_width_chars), so Hangul and
 * mathematical symbols line up. Appends nothing when there is no column. */
void fmt_caret(sbuf *b, const ds_err *e, int indent);

#endif
