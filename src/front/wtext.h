/* wtext.h — UTF-8 text into curses windows as wide-character cells: each cell holds a
 * base character and the combining marks that follow it (m̂ is m + U+0302 in one cchar_t),
 * widths measured by the core's utf8 module. Used by the screen and the readline prompt. */
#ifndef DESCENT_WTEXT_H
#define DESCENT_WTEXT_H

#include <curses.h>
#include <stddef.h>

/* Draw s[0..n) at the window's cursor in at most maxw columns, whole characters only
 * (a wide one that would cross maxw stops the text); control bytes and malformed UTF-8
 * show as '?'. Returns the columns drawn. */
int wtext_put(WINDOW *w, const char *s, size_t n, int maxw, attr_t attr, short pair);

/* Bytes of s[0..n) that fit in `cols` columns (whole characters with their marks). */
size_t wtext_fit(const char *s, size_t n, int cols);

#endif
