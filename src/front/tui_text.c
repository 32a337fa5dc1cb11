/* tui_text.c — text on the screen: one line cut to a width, and text wrapped at blanks
 * by the core's one wrapper (text_wrap_line), drawn as wide-character cells so
 * combining marks stay on their letters. */
#include <stdlib.h>
#include <string.h>

#include "descent/text.h"
#include "descent/utf8.h"
#include "tui_internal.h"
#include "wtext.h"

int tui_text(WINDOW *w, int y, int x, int maxw, const char *s, attr_t attr, short pair)
{
    if (maxw <= 0) return 0;
    wmove(w, y, x);
    return wtext_put(w, s, strlen(s), maxw, attr, pair);
}

int tui_text_n(WINDOW *w, int y, int x, int maxw, const char *s, size_t n, attr_t attr, short pair)
{
    if (maxw <= 0) return 0;
    wmove(w, y, x);
    return wtext_put(w, s, n, maxw, attr, pair);
}

int tui_wrap(tui *t, WINDOW *w, int y, int x, int width, int maxrows, const char *text, attr_t attr,
             short pair)
{
    if (width <= 0 || maxrows <= 0) return 0;
    text_wrap_opts o = {.width = width, .hang = 0};
    const char *ell = t->ascii ? "~" : "\xe2\x80\xa6"; /* … */
    int rows = 0;
    for (const char *p = text; rows < maxrows;) {
        size_t n = strcspn(p, "\n");
        text_span sp[64];
        int nr = text_wrap_line(p, n, &o, sp, 64);
        if (nr > 64) nr = 64;
        for (int r = 0; r < nr && rows < maxrows; r++, rows++) {
            int last = rows == maxrows - 1 && (r + 1 < nr || p[n]);
            size_t len = sp[r].b - sp[r].a;
            if (last) /* more follows than fits: say so rather than stop mid-sentence */
                len = wtext_fit(p + sp[r].a, len, width - 1 - sp[r].indent);
            int used = tui_text_n(w, y + rows, x + sp[r].indent, width - sp[r].indent, p + sp[r].a,
                                  len, attr, pair);
            if (last) tui_text(w, y + rows, x + sp[r].indent + used, 1, ell, attr, pair);
        }
        if (!p[n]) break;
        p += n + 1;
    }
    return rows;
}
