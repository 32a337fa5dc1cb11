/* tui_out.c — the output pane: what commands print, the commands themselves, errors
 * and completion candidates, kept as lines, wrapped to the pane's width by display
 * columns and scrolled with PgUp/PgDn. */
#include <stdlib.h>
#include <string.h>

#include "descent/utf8.h"
#include "tui_internal.h"

static void push_line(tui_out *o, tui_line_kind kind, const char *s, size_t n)
{
    if (o->n == TUI_OUT_MAX) {
        free(o->lines[0].text);
        memmove(o->lines, o->lines + 1, (size_t)(o->n - 1) * sizeof *o->lines);
        o->n--;
    }
    if (o->n == o->cap) {
        int cap = o->cap ? 2 * o->cap : 128;
        tui_line *p = realloc(o->lines, (size_t)cap * sizeof *p);
        if (!p) return;
        o->lines = p;
        o->cap = cap;
    }
    char *text = malloc(n + 1);
    if (!text) return;
    memcpy(text, s, n);
    text[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (text[i] == '\t') text[i] = ' ';
    o->lines[o->n].text = text;
    o->lines[o->n].kind = kind;
    o->n++;
}

void tui_out_push(tui *t, tui_line_kind kind, const char *text)
{
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        push_line(&t->out, kind, p, n);
        p += n;
        if (*p == '\n') p++;
    }
    t->out.scroll = 0; /* new output brings the pane back to the bottom */
    t->dirty = 1;
}

void tui_out_free(tui_out *o)
{
    for (int i = 0; i < o->n; i++)
        free(o->lines[i].text);
    free(o->lines);
    memset(o, 0, sizeof *o);
}

/* Byte offsets where a line breaks when wrapped to `width` columns; returns the count of
 * rows (at least 1) and fills starts[0..rows) up to `max`. */
static int wrap_starts(const char *s, int width, int *starts, int max)
{
    int rows = 1, cols = 0;
    size_t n = strlen(s), i = 0;
    if (max > 0) starts[0] = 0;
    while (i < n) {
        size_t k;
        int cw = utf8_char_width(s + i, n - i, &k);
        if (cols + cw > width && cols > 0) {
            if (rows < max) starts[rows] = (int)i;
            rows++;
            cols = 0;
        }
        cols += cw;
        i += k;
    }
    return rows;
}

static void style(tui *t, tui_line_kind kind, attr_t *a, short *pair)
{
    *a = A_NORMAL;
    *pair = 0;
    switch (kind) {
    case OUT_ECHO: *a = A_BOLD; break;
    case OUT_ERROR:
        *a = A_BOLD;
        *pair = tui_pair(t, t->colors >= 256 ? 203 : 1, -1);
        break;
    case OUT_NOTE:
        *pair = tui_pair(t, t->colors >= 256 ? 109 : 6, -1);
        if (!*pair) *a = A_DIM;
        break;
    default: break;
    }
}

void tui_out_draw(tui *t)
{
    WINDOW *w = t->outw;
    int h = getmaxy(w), width = getmaxx(w);
    werase(w);
    for (int i = 0; i < width; i++)
        mvwaddstr(w, 0, i, t->ascii ? "-" : "\xe2\x94\x80");
    int rows = h - 1;
    t->out.page = rows;
    /* Count wrapped rows from the newest line back until the pane plus the scroll is full. */
    int need = rows + t->out.scroll, total = 0, first = t->out.n;
    while (first > 0 && total < need) {
        first--;
        int starts[1];
        total += wrap_starts(t->out.lines[first].text, width - 1, starts, 0);
    }
    if (total < need && t->out.scroll > 0) { /* scrolled past the oldest line */
        t->out.scroll = total > rows ? total - rows : 0;
        need = rows + t->out.scroll;
    }
    /* Row index (in wrapped rows from the top of line `first`) of the pane's first row. */
    int skip = total - need;
    if (skip < 0) skip = 0;
    int y = 1 + (total < rows ? rows - total : 0);
    if (y < 1) y = 1;
    for (int li = first; li < t->out.n && y < h; li++) {
        const char *s = t->out.lines[li].text;
        int starts[256];
        int nr = wrap_starts(s, width - 1, starts, 256);
        attr_t a;
        short pair;
        style(t, t->out.lines[li].kind, &a, &pair);
        for (int r = 0; r < nr && r < 256 && y < h; r++) {
            if (skip > 0) {
                skip--;
                continue;
            }
            size_t from = (size_t)starts[r], to = r + 1 < nr ? (size_t)starts[r + 1] : strlen(s);
            char buf[1024];
            size_t len = to - from < sizeof buf - 1 ? to - from : sizeof buf - 1;
            memcpy(buf, s + from, len);
            buf[len] = '\0';
            tui_text(w, y++, 0, width - 1, buf, a, pair);
        }
    }
    const char *label = t->out.scroll > 0 ? " output (scrolled: PgDn for newer) " : " output ";
    tui_text(w, 0, 2, width - 4, label, A_BOLD, 0);
    const char *keys = " PgUp/PgDn scroll ";
    int kw = utf8_width(keys, strlen(keys));
    if (width > kw + 40) tui_text(w, 0, width - kw - 2, kw, keys, A_DIM, 0);
    wnoutrefresh(w);
}

void tui_out_scroll(tui *t, int rows)
{
    t->out.scroll += rows;
    if (t->out.scroll < 0) t->out.scroll = 0;
    t->dirty = 1;
}
