/* tui_out.c — the output pane: what commands print, the commands themselves, errors
 * and completion candidates, kept as lines, wrapped at blanks to the pane's width by the
 * core's wrapper and scrolled with PgUp/PgDn; and the pager: an output longer than the
 * pane grows it to the whole screen and shows it a page at a time (-- more --). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/text.h"
#include "descent/utf8.h"
#include "tui_internal.h"

static void push_line(tui_out *o, tui_line_kind kind, const char *s, size_t n)
{
    if (o->n == TUI_OUT_MAX) {
        free(o->lines[0].text);
        memmove(o->lines, o->lines + 1, (size_t)(o->n - 1) * sizeof *o->lines);
        o->n--;
        if (o->pager_line > 0) o->pager_line--;
    }
    if (o->n == o->cap) {
        int cap = o->cap ? 2 * o->cap : 128;
        tui_line *p = ds_xrealloc(o->lines, (size_t)cap * sizeof *p);
        if (!p) return;
        o->lines = p;
        o->cap = cap;
    }
    char *text = ds_xmalloc(n + 1);
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
    t->dirty |= TUI_DIRTY_OUT;
}

void tui_out_free(tui_out *o)
{
    for (int i = 0; i < o->n; i++)
        free(o->lines[i].text);
    free(o->lines);
    memset(o, 0, sizeof *o);
}

/* The rows line `s` wraps to at `width` columns (at most `max` spans filled; continuation
 * rows hang under the line's text, so a table's second column stays a column). */
static int wrap_rows(const char *s, int width, text_span *rows, int max)
{
    text_wrap_opts o = {.width = width, .hang = TEXT_HANG_AUTO};
    return text_wrap_line(s, strlen(s), &o, rows, max);
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

/* Draw rows from row `skip` of line `li` on, into rows [y, h) of the window. */
static void draw_rows(tui *t, WINDOW *w, int y, int h, int li, int skip, int width)
{
    text_span sp[TUI_OUT_ROWS];
    for (; li < t->out.n && y < h; li++) {
        const char *s = t->out.lines[li].text;
        int nr = wrap_rows(s, width, sp, TUI_OUT_ROWS);
        attr_t a;
        short pair;
        style(t, t->out.lines[li].kind, &a, &pair);
        for (int r = 0; r < nr && r < TUI_OUT_ROWS && y < h; r++) {
            if (skip > 0) {
                skip--;
                continue;
            }
            tui_text_n(w, y++, sp[r].indent, width - sp[r].indent, s + sp[r].a, sp[r].b - sp[r].a,
                       a, pair);
        }
    }
}

/* Wrapped rows of lines [from, n). */
static int rows_from(const tui *t, int from, int width)
{
    int total = 0;
    for (int li = from; li < t->out.n; li++) {
        int nr = wrap_rows(t->out.lines[li].text, width, NULL, 0);
        total += nr < TUI_OUT_ROWS ? nr : TUI_OUT_ROWS;
    }
    return total;
}

static void header(tui *t, WINDOW *w, int width, const char *label, const char *keys)
{
    for (int i = 0; i < width; i++)
        mvwaddstr(w, 0, i, t->ascii ? "-" : "\xe2\x94\x80");
    tui_text(w, 0, 2, width - 4, label, A_BOLD, 0);
    int kw = utf8_width(keys, strlen(keys));
    if (width > kw + 40) tui_text(w, 0, width - kw - 2, kw, keys, A_DIM, 0);
}

/* The pager: the output of one command from its first row, a page at a time. */
static void draw_pager(tui *t, WINDOW *w, int h, int width)
{
    tui_out *o = &t->out;
    int rows = h - 2, total = rows_from(t, o->pager_line, width - 1);
    if (o->pager_row > total - rows) o->pager_row = total - rows;
    if (o->pager_row < 0) o->pager_row = 0;
    o->page = rows;
    header(t, w, width, _(" output "), "");
    draw_rows(t, w, 1, h - 1, o->pager_line, o->pager_row, width - 1);
    int end = o->pager_row + rows >= total;
    char status[160];
    if (end)
        snprintf(status, sizeof status, _(" -- end -- %s "),
                 t->ascii ? _("any key closes, PgUp back") : _("any key closes · PgUp back"));
    else
        snprintf(status, sizeof status, _(" -- more (%d%%) -- %s "),
                 (o->pager_row + rows) * 100 / (total > 0 ? total : 1),
                 t->ascii ? _("Space next page, Enter next line, b back, q done")
                          : _("Space next page · Enter next line · b back · q done"));
    tui_text(w, h - 1, 0, width, status, A_REVERSE, 0);
    o->pager_end = end;
}

void tui_out_draw(tui *t)
{
    WINDOW *w = t->outw;
    if (!w) return;
    int h = getmaxy(w), width = getmaxx(w);
    werase(w);
    if (t->out.pager) {
        draw_pager(t, w, h, width);
        wnoutrefresh(w);
        return;
    }
    int rows = h - 1;
    t->out.page = rows;
    /* Count wrapped rows from the newest line back until the pane plus the scroll is full. */
    int need = rows + t->out.scroll, total = 0, first = t->out.n;
    while (first > 0 && total < need) {
        first--;
        int nr = wrap_rows(t->out.lines[first].text, width - 1, NULL, 0);
        total += nr < TUI_OUT_ROWS ? nr : TUI_OUT_ROWS;
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
    draw_rows(t, w, y, h, first, skip, width - 1);
    header(t, w, width,
           t->out.scroll > 0 ? _(" output (scrolled: PgDn for newer) ") : _(" output "),
           _(" PgUp/PgDn scroll "));
    wnoutrefresh(w);
}

int tui_out_rows(const tui *t, int from, int width)
{
    return rows_from(t, from, width);
}

int tui_out_fits(tui *t, int from)
{
    if (!t->outw || from >= t->out.n) return 1;
    int width = getmaxx(t->outw);
    return rows_from(t, from, width - 1) <= getmaxy(t->outw) - 1;
}

void tui_out_page(tui *t, int from)
{
    t->out.pager = 1;
    t->out.pager_line = from;
    t->out.pager_row = 0;
    t->out.pager_end = 0;
    t->dirty = TUI_DIRTY_ALL;
}

int tui_out_pager_key(tui *t, int key)
{
    tui_out *o = &t->out;
    int page = o->page > 1 ? o->page - 1 : 1;
    /* Only keys that mean nothing at the prompt page; a letter closes the pager and is
     * typed, so a command can follow a long output at once. */
    switch (key) {
    case ' ':
    case KEY_NPAGE:
        if (o->pager_end) return 0;
        o->pager_row += page;
        break;
    case '\r':
    case '\n':
    case KEY_ENTER:
    case KEY_DOWN:
        if (o->pager_end) return 0;
        o->pager_row++;
        break;
    case KEY_PPAGE: o->pager_row -= page; break;
    case KEY_UP: o->pager_row--; break;
    case KEY_HOME: o->pager_row = 0; break;
    case KEY_END: o->pager_row = 1 << 28; break;
    default: return 0;
    }
    if (o->pager_row < 0) o->pager_row = 0;
    t->dirty |= TUI_DIRTY_OUT;
    return 1;
}

void tui_out_unpage(tui *t)
{
    t->out.pager = 0;
    t->out.scroll = 0;
    t->dirty = TUI_DIRTY_ALL;
}

void tui_out_scroll(tui *t, int rows)
{
    t->out.scroll += rows;
    if (t->out.scroll < 0) t->out.scroll = 0;
    t->dirty |= TUI_DIRTY_OUT;
}
