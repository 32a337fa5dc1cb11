/* wtext.c — UTF-8 text into curses cells: a base character and its combining marks go
 * into one cchar_t (so m̂, v̂, x̄, θ̂ show whole), widths come from the core's utf8 module,
 * and text is cut at whole characters. */
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "descent/utf8.h"
#include "wtext.h"

#ifndef CCHARW_MAX
#define CCHARW_MAX 5
#endif

/* The next character of s[0..n): its bytes in *len, code point in *cp (U+FFFD for a
 * bad byte) and columns (0 for marks and controls). */
static int next_char(const char *s, size_t n, size_t *len, uint32_t *cp)
{
    int w = utf8_char_width(s, n, len);
    if (utf8_len(s, n) == 0) {
        *cp = '?';
        return 1;
    }
    utf8_decode(s, n, cp);
    if (*cp == '\t') return *cp = ' ', 1;
    return w;
}

/* Bytes of the cluster at s: the character and the zero-width marks after it. */
static size_t cluster(const char *s, size_t n, int *cols, wchar_t *wc, int *nwc)
{
    size_t len, i;
    uint32_t cp;
    *cols = next_char(s, n, &len, &cp);
    *nwc = 0;
    if (*cols == 0 && cp < 0xA0) { /* a control byte: nothing to show */
        return len;
    }
    wc[(*nwc)++] = *cols == 0 ? L' ' : (wchar_t)cp; /* a mark with no base sits on a blank */
    if (*cols == 0) {
        wc[(*nwc)++] = (wchar_t)cp;
        *cols = 1;
    }
    for (i = len; i < n;) {
        size_t k;
        uint32_t c;
        if (next_char(s + i, n - i, &k, &c) != 0 || c < 0xA0) break;
        if (*nwc < CCHARW_MAX) wc[(*nwc)++] = (wchar_t)c;
        i += k;
    }
    wc[*nwc] = 0;
    return i;
}

int wtext_put(WINDOW *w, const char *s, size_t n, int maxw, attr_t attr, short pair)
{
    int used = 0;
    while (n > 0 && used < maxw) {
        wchar_t wc[CCHARW_MAX + 1];
        int cols, nwc;
        size_t k = cluster(s, n, &cols, wc, &nwc);
        if (nwc > 0) {
            if (used + cols > maxw) break;
            cchar_t cc;
            setcchar(&cc, wc, attr, pair, NULL);
            wadd_wch(w, &cc);
            used += cols;
        }
        s += k;
        n -= k;
    }
    return used;
}

size_t wtext_fit(const char *s, size_t n, int cols)
{
    size_t i = 0;
    int used = 0;
    while (i < n) {
        wchar_t wc[CCHARW_MAX + 1];
        int c, nwc;
        size_t k = cluster(s + i, n - i, &c, wc, &nwc);
        if (nwc > 0 && used + c > cols) break;
        if (nwc > 0) used += c;
        i += k;
    }
    return i;
}
