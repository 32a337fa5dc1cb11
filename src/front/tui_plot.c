/* tui_plot.c — the plot window: raster cells copied into curses as wide characters, the
 * title row with the cursor's coordinates, and the map from a clicked cell back to the
 * plane. Colour pairs come from tui_color.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/dataview.h"
#include "descent/fmt.h"
#include "descent/utf8.h"
#include "descent/text.h"
#include "tui_internal.h"
#include "wtext.h"

static attr_t cell_attr(const rast_cell *c)
{
    attr_t a = A_NORMAL;
    if (c->attr & RAST_BOLD) a |= A_BOLD;
    if (c->attr & RAST_REVERSE) a |= A_REVERSE;
    if (c->attr & RAST_DIM) a |= A_DIM;
    return a;
}

void tui_draw_cells(tui *t, WINDOW *w, int y0, int x0, const rast *r)
{
    int maxy = getmaxy(w), maxx = getmaxx(w);
    for (int j = 0; j < r->h && y0 + j < maxy; j++) {
        const rast_cell *row = r->cells + (size_t)j * r->w;
        for (int i = 0; i < r->w && x0 + i < maxx; i++) {
            const rast_cell *c = &row[i];
            if (c->kind == RK_WIDE) continue;
            wchar_t wc[2] = {(wchar_t)(c->ch ? c->ch : ' '), 0};
            /* A wide glyph with no room for its second column becomes a blank; its width
             * by the table the rasterizer used to reserve that column. */
            if (utf8_cp_width(c->ch) == 2 && x0 + i + 1 >= maxx) wc[0] = L' ';
            cchar_t cc;
            setcchar(&cc, wc, cell_attr(c), tui_pair(t, c->fg, c->bg), NULL);
            mvwadd_wch(w, y0 + j, x0 + i, &cc);
        }
    }
}

/* ---- the plot window --------------------------------------------------------------- */

static void draw_title(tui *t, int width)
{
    WINDOW *w = t->plotw;
    const sess *s = t->s;
    sbuf b;
    sbuf_init(&b);
    sbuf_printf(&b, " %s ", s->obj.name);
    int used = tui_text(w, 0, 0, width, sbuf_str(&b), A_BOLD, 0);
    sbuf_reset(&b);
    sbuf_printf(&b, " %s ", _("cursor"));
    fmt_vec2(&b, s->cursor, 4);
    double f = obj_peek(&s->obj, s->cursor[0], s->cursor[1]);
    sbuf_puts(&b, "  f ");
    fmt_num(&b, f, 4);
    used += tui_text(w, 0, used, width - used, sbuf_str(&b), A_NORMAL, 0);
    const char *hint;
    if (t->script_wait)
        hint = t->ascii ? _(" script paused: Space or Enter goes on ")
                        : _(" script paused · Space or Enter goes on ");
    else if (t->focus == TUI_FOCUS_PLOT)
        hint = t->ascii ? _(" [plot keys] ? help, Esc: prompt ")
                        : _(" [plot keys] ? help · Esc: prompt ");
    else
        hint = t->ascii ? _(" Esc: keys for the plot, F1 help ")
                        : _(" Esc: keys for the plot · F1 help ");
    int hw = utf8_width(hint, strlen(hint));
    /* Say what the arrow is, but only where the key hint still fits beside it. */
    const char *legend = t->ascii ? _("  arrow: -grad f") : _("  arrow: −∇f");
    int lw = utf8_width(legend, strlen(legend));
    if (s->arrow && used + lw + 1 + hw <= width) used += tui_text(w, 0, used, lw, legend, A_DIM, 0);
    /* Too long for the room left: the hint up to its last separator (" · " or ", ") that
     * fits, so a phrase is never cut in the middle ("Esc: keys for the plot"); none when
     * even the first part does not fit. */
    size_t n = strlen(hint);
    int room = width - used - 1;
    while (hw > room && n > 0) {
        size_t cut = 0;
        for (size_t i = 1; i + 1 < n; i++)
            if ((hint[i] == ',' && hint[i + 1] == ' ') ||
                (i + 1 < n && (unsigned char)hint[i] == 0xC2 && (unsigned char)hint[i + 1] == 0xB7))
                cut = i;
        while (cut > 0 && hint[cut - 1] == ' ')
            cut--;
        n = cut;
        hw = n ? utf8_width(hint, n) + 1 : 0; /* and a blank after it */
    }
    if (n > 0 && hw > 8) {
        attr_t a = t->focus == TUI_FOCUS_PLOT || t->script_wait ? A_REVERSE : A_DIM;
        int x = width - hw;
        x += tui_text_n(w, 0, x, hw, hint, n, a, 0);
        if (n < strlen(hint)) tui_text(w, 0, x, 1, " ", a, 0);
    }
    sbuf_free(&b);
}

/* `say`: the caption on the plot's first row, centred and reversed so it reads over any
 * colour; wrapped to two rows when long. */
static void draw_caption(tui *t, WINDOW *w, int width)
{
    const char *cap = t->s->caption;
    if (!cap[0]) return;
    text_wrap_opts o = {.width = width - 4, .hang = 0};
    text_span sp[2];
    int nr = text_wrap_line(cap, strlen(cap), &o, sp, 2);
    for (int r = 0; r < nr && r < 2; r++) {
        size_t n = sp[r].b - sp[r].a;
        if (r == 1 && nr > 2) n = wtext_fit(cap + sp[r].a, n, width - 5);
        int cw = utf8_width(cap + sp[r].a, n);
        int x = (width - cw - 2) / 2;
        tui_text(w, 1 + r, x, 1, " ", A_REVERSE | A_BOLD, 0);
        int used = tui_text_n(w, 1 + r, x + 1, width - 4, cap + sp[r].a, n, A_REVERSE | A_BOLD, 0);
        if (r == 1 && nr > 2)
            used += tui_text(w, 1 + r, x + 1 + used, 1, t->ascii ? "~" : "\xe2\x80\xa6",
                             A_REVERSE | A_BOLD, 0);
        tui_text(w, 1 + r, x + 1 + used, 1, " ", A_REVERSE | A_BOLD, 0);
    }
}

/* Presenter mode has no output pane: what the last command printed (a few rows) shows
 * over the bottom of the plot until the next command. */
static void draw_toast(tui *t, WINDOW *w, int h, int width)
{
    int rows = tui_out_rows(t, t->toast, width - 2);
    if (rows > TUI_TOAST_ROWS) rows = TUI_TOAST_ROWS;
    int y = 1 + t->plot.py + t->plot.ph - rows; /* the plot area's last rows, above the axis */
    (void)h;
    if (y < 1) y = 1;
    for (int r = 0; r < rows; r++) {
        wmove(w, y + r, 0);
        for (int i = 0; i < width; i++)
            waddch(w, ' ' | A_REVERSE);
    }
    text_wrap_opts o = {.width = width - 2, .hang = TEXT_HANG_AUTO};
    for (int li = t->toast, r = 0; li < t->out.n && r < rows; li++) {
        const char *s = t->out.lines[li].text;
        text_span sp[TUI_TOAST_ROWS];
        int nr = text_wrap_line(s, strlen(s), &o, sp, TUI_TOAST_ROWS);
        for (int k = 0; k < nr && k < TUI_TOAST_ROWS && r < rows; k++, r++)
            tui_text_n(w, y + r, 1 + sp[k].indent, width - 2 - sp[k].indent, s + sp[k].a,
                       sp[k].b - sp[k].a, A_REVERSE, 0);
    }
}

void tui_plot_draw(tui *t)
{
    if (tui_sweep_draw(t)) return;
    WINDOW *w = t->plotw;
    int h = getmaxy(w), width = getmaxx(w);
    werase(w);
    draw_title(t, width);
    /* Presenter mode: the legend on the bottom row and a larger cursor, for the back row;
     * otherwise a small legend box in the plot's corner. The colour key always. */
    rast_opts o = {.ascii = t->ascii,
                   .colors = t->colors,
                   .axes = 1,
                   .cursor = t->present ? 2 : 1,
                   .legend = t->present ? 1 : 2,
                   .key = 1};
    ds_err err;
    /* dataview on: the loss keeps the left part, the data view takes the right. */
    int split = t->s->dataview && dv_available(t->s, NULL, 0) ? rast_split_width(width) : 0;
    int sw, sh;
    rast_split_min_size(&o, &sw, &sh);
    if (width < sw || h - 1 < sh) split = 0; /* too small for both: the loss alone */
    if (rast_render(&t->plot, t->s, width - split, h - 1, &o, &err) != DS_OK) {
        tui_text(w, 2, 1, width - 2, err.msg, A_NORMAL, 0);
        wnoutrefresh(w);
        return;
    }
    tui_draw_cells(t, w, 1, 0, &t->plot);
    if (split) {
        if (rast_render_data(&t->data, t->s, split, h - 1, &o, &err) == DS_OK)
            tui_draw_cells(t, w, 1, width - split, &t->data);
        else
            tui_text(w, 2, width - split + 1, split - 2, err.msg, A_NORMAL, 0);
    }
    draw_caption(t, w, width);
    if (t->present && t->toast >= 0) draw_toast(t, w, h, width);
    wnoutrefresh(w);
}

int tui_plot_world(tui *t, int wy, int wx, double p[2])
{
    return rast_world_of(&t->plot, wx, wy - 1, p);
}
