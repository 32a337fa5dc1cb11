/* fmt.c — one way to write numbers: `digits` significant digits for people, %.17g for
 * files that must round-trip. */
#include <math.h>
#include <stdio.h>

#include <stdio.h>
#include <string.h>

#include "descent/fmt.h"
#include "descent/text.h"
#include "descent/utf8.h"

const char *fmt_num_str(char *buf, size_t n, double v, int digits)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", FMT_UNDEFINED);
        return buf;
    }
    if (digits < 1) digits = 1;
    if (digits > 17) digits = 17;
    if (v == 0) v = 0; /* turn -0 into 0 */
    snprintf(buf, n, "%.*g", digits, v);
    return buf;
}

void fmt_num(sbuf *b, double v, int digits)
{
    char buf[40];
    sbuf_puts(b, fmt_num_str(buf, sizeof buf, v, digits));
}

void fmt_vec2(sbuf *b, const double v[2], int digits)
{
    if (!isfinite(v[0]) || !isfinite(v[1])) {
        sbuf_puts(b, FMT_UNDEFINED);
        return;
    }
    sbuf_puts(b, "[");
    fmt_num(b, v[0], digits);
    sbuf_puts(b, ", ");
    fmt_num(b, v[1], digits);
    sbuf_puts(b, "]");
}

void fmt_exact(sbuf *b, double v)
{
    if (!isfinite(v)) {
        sbuf_puts(b, isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    sbuf_printf(b, "%.17g", v);
}

void fmt_caret(sbuf *b, const ds_err *e, int indent)
{
    if (e->column <= 0 || !e->source[0]) return;
    /* The source is what the user typed: each control shows as one '?' (one character,
     * one column, so the caret still lines up) instead of reaching the terminal. */
    char src[sizeof e->source];
    size_t n = strlen(e->source), o = 0, at;
    for (size_t i = 0; i < n;) {
        if (!text_find_control(e->source + i, n - i, 0, &at)) at = n - i;
        memcpy(src + o, e->source + i, at);
        o += at;
        i += at;
        if (i >= n) break;
        src[o++] = '?';
        i += (unsigned char)e->source[i] == 0xc2 ? 2 : 1; /* a C1 control is two bytes */
    }
    src[o] = '\0';
    sbuf_printf(b, "%*s%s\n%*s^\n", indent, "", src, indent + utf8_width_chars(src, e->column - 1),
                "");
}
