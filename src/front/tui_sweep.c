/* tui_sweep.c — sweeps, maps and basins on the screen: they compute in the background
 * while the screen stays live, drawn over the plot area with a progress bar and a time
 * estimate; Esc or Ctrl-C cancels (keeping the cells done), Enter or p picks a cell. */
#include <math.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/palette.h"
#include "descent/raster.h"
#include "descent/sweep.h"
#include "descent/utf8.h"
#include "tui_internal.h"

static sweep_view *shown(const tui *t)
{
    sweep_view *v = t->s->sweep;
    return v && v->shown ? v : NULL;
}

int tui_sweep_shown(const tui *t)
{
    return shown(t) != NULL;
}

int tui_sweep_running(const tui *t)
{
    const sweep_view *v = t->s->sweep;
    return v && !v->reported;
}

/* The grid cell under the cursor: the cursor's place in the view, as a fraction. */
static void cursor_cell(const tui *t, const sweep_view *v, int *i, int *j)
{
    const double *w = t->s->view, *c = t->s->cursor;
    double fx = (c[0] - w[0]) / (w[1] - w[0]), fy = (c[1] - w[2]) / (w[3] - w[2]);
    int n1 = v->sp.n[1] > 0 ? v->sp.n[1] : 1;
    *i = (int)lround(fx * (v->sp.n[0] - 1));
    *j = (int)lround(fy * (n1 - 1));
    if (*i < 0) *i = 0;
    if (*i >= v->sp.n[0]) *i = v->sp.n[0] - 1;
    if (*j < 0) *j = 0;
    if (*j >= n1) *j = n1 - 1;
}

void tui_sweep_poll(tui *t)
{
    sweep_view *v = t->s->sweep;
    if (!v || v->reported) return;
    t->dirty |= TUI_DIRTY_PLOT;
    if (!sweep_finished(v->job)) return;
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    ds_err_clear(&err);
    if (cmd_sweep_finish(t->s, &out, &err) != DS_OK) tui_out_push(t, OUT_ERROR, err.msg);
    /* The picture is on the plot; the output pane gets the words above it. */
    const char *s = sbuf_str(&out), *cut = strstr(s, "\n\n");
    sbuf head;
    sbuf_init(&head);
    sbuf_putn(&head, s, cut ? (size_t)(cut - s) : strlen(s));
    tui_out_push(t, OUT_TEXT, sbuf_str(&head));
    sbuf_free(&head);
    sbuf_free(&out);
    t->dirty = TUI_DIRTY_ALL;
}

int tui_sweep_cancel(tui *t)
{
    sweep_view *v = t->s->sweep;
    if (!v) return 0;
    if (!v->reported) {
        sweep_cancel(v->job);
        sweep_wait(v->job);
        tui_out_push(t, OUT_NOTE, _("sweep cancelled: the cells computed so far are kept"));
        tui_sweep_poll(t);
        return 1;
    }
    return 0; /* a finished map: Esc moves the focus as ever (b leaves the map) */
}

int tui_sweep_key(tui *t, int key)
{
    sweep_view *v = shown(t);
    if (!v || !v->reported) return 0;
    if (key == 'b') { /* back to the objective's plot */
        v->shown = 0;
        t->dirty = TUI_DIRTY_ALL;
        return 1;
    }
    if (key != 'p' && key != '\r' && key != '\n' && key != KEY_ENTER) return 0;
    int i, j;
    cursor_cell(t, v, &i, &j);
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    ds_err_clear(&err);
    if (cmd_sweep_pick(t->s, i, j, &out, &err) != DS_OK)
        tui_out_push(t, OUT_ERROR, err.msg);
    else
        tui_out_push(t, OUT_TEXT, sbuf_str(&out));
    sbuf_free(&out);
    t->dirty = TUI_DIRTY_ALL;
    return 1;
}

/* "[#######.....] 734/1800 cells, 1.2 s left" */
static void progress(const sweep_view *v, sbuf *b, int width)
{
    long done = sweep_progress(v->job), total = sweep_ncells(&v->sp);
    int bar = width / 3 > 40 ? 40 : width / 3;
    int fill = total ? (int)((double)bar * (double)done / (double)total) : 0;
    sbuf_puts(b, "[");
    for (int k = 0; k < bar; k++)
        sbuf_puts(b, k < fill ? "#" : ".");
    sbuf_printf(b, _("] %ld/%ld cells"), done, total);
    double el = sweep_elapsed(v->job);
    if (done > 0 && done < total)
        sbuf_printf(b, _(", %.1f s left"), el * (double)(total - done) / (double)done);
    sbuf_puts(b, v->reported ? "" : _(" (Esc cancels)"));
}

/* ---- colour ------------------------------------------------------------------------- */

/* A cell's colours: background and glyph, as 24-bit colour and as one of the eight ANSI
 * colours (pairs for 256 colours are the nearest xterm indices of the 24-bit ones). */
typedef struct {
    pal_rgb bg, fg;
    short bg8, fg8;
} cell_colors;

/* Converged cells on viridis, fastest (the brightest) first; then maxiter, diverged and
 * stalled, each apart from the ramp. */
static const cell_colors heat[] = {
    {0xfde725, 0x000000, COLOR_YELLOW, COLOR_BLACK},
    {0x5ec962, 0x000000, COLOR_GREEN, COLOR_BLACK},
    {0x21918c, 0xffffff, COLOR_CYAN, COLOR_BLACK},
    {0x3b528b, 0xffffff, COLOR_BLUE, COLOR_WHITE},
    {0x440154, 0xffffff, COLOR_MAGENTA, COLOR_WHITE},
};
static const cell_colors c_maxiter = {0x303030, 0x9e9e9e, COLOR_BLACK, COLOR_WHITE};
static const cell_colors c_diverged = {0x8b1a1a, 0xffffff, COLOR_RED, COLOR_WHITE};
static const cell_colors c_stalled = {0xd000d0, 0xffffff, COLOR_MAGENTA, COLOR_WHITE};
static const cell_colors c_mark = {0x000000, 0xffffff, COLOR_BLACK, COLOR_WHITE};

static int term_color(const tui *t, pal_rgb c, short c8)
{
    if (t->colors >= RAST_TRUECOLOR) return (int)(RAST_RGB | c);
    if (t->colors >= 256) return pal_to256(c);
    return c8;
}

/* The colours of a glyph of the map or basins picture; NULL: leave it as it is. */
static const cell_colors *glyph_colors(const sweep_view *v, char g, cell_colors *tmp)
{
    if (v->kind == VIEW_MAP) {
        const char *k = strchr("@#+:.", g);
        if (g && k) return &heat[k - "@#+:."];
        if (g == '~') return &c_maxiter;
    } else if (v->kind == VIEW_BASINS) {
        int upper = g >= 'A' && g <= 'Z', lower = g >= 'a' && g <= 'z';
        if (upper || lower) { /* the point reached: run colours, darker when slow */
            int p = upper ? g - 'A' : g - 'a';
            pal_rgb c = pal_run(p);
            if (lower) c = (c >> 1) & 0x7f7f7f;
            tmp->bg = c;
            tmp->fg = lower ? 0xffffff : 0x000000;
            tmp->bg8 = (short)pal_run8(p);
            tmp->fg8 = lower ? COLOR_WHITE : COLOR_BLACK;
            if (tmp->bg8 > 7 || tmp->bg8 < 0) tmp->bg8 = COLOR_CYAN;
            return tmp;
        }
        if (g == '-') return &c_maxiter;
    }
    if (g == ' ') return &c_diverged;
    if (g == '!') return &c_stalled;
    if (g == 'O') return &c_mark;
    return NULL;
}

/* Colour the glyph at (y, x) of the plot window. */
static void paint(tui *t, WINDOW *w, int y, int x, const cell_colors *c)
{
    short pair = tui_pair(t, term_color(t, c->fg, c->fg8), term_color(t, c->bg, c->bg8));
    mvwchgat(w, y, x, 1, c == &c_mark ? A_BOLD : A_NORMAL, pair, NULL);
}

/* A picture row is "%10s |" then the cells then "|". */
static int picture_row(const char *s, size_t n)
{
    return n >= 13 && s[10] == ' ' && s[11] == '|' && s[n - 1] == '|';
}

/* Colour a picture row's cells. */
static void paint_row(tui *t, WINDOW *w, const sweep_view *v, int y, const char *s, size_t n)
{
    if (v->kind == VIEW_SWEEP || !picture_row(s, n)) return;
    for (size_t k = 12; k + 1 < n; k++) {
        cell_colors tmp;
        const cell_colors *c = glyph_colors(v, s[k], &tmp);
        if (c) paint(t, w, y, (int)k, c);
    }
}

/* The key as the screen shows it, short enough for 80 columns, each glyph drawn in its
 * colours: "beta up, lr across  @#+:. 33..482 steps  ~ maxiter  _ diverged  ...". */
typedef struct {
    sbuf b;
    int col[16];
    char g[16];
    int n;
} keyline;

static void swatch(keyline *k, char g)
{
    if (k->n < 16) {
        k->col[k->n] = utf8_width(sbuf_str(&k->b), k->b.len); /* columns: Hangul takes 2 */
        k->g[k->n++] = g;
    }
    sbuf_putn(&k->b, &g, 1);
}

/* The colour key; the axes' names are on the line above it (the report's). Items are two
 * spaces apart, or one where two do not fit (roomy 0). */
static void draw_key(tui *t, WINDOW *w, const sweep_view *v, int y, int width, int has_o, int roomy)
{
    keyline k;
    const char *gap = roomy ? "  " : " ";
    sbuf_init(&k.b);
    k.n = 0;
    if (v->kind == VIEW_MAP) {
        long lo, hi;
        sweep_view_steps_range(v, &lo, &hi);
        for (const char *g = "@#+:."; *g; g++)
            swatch(&k, *g);
        sbuf_printf(&k.b, _(" %ld..%ld steps"), lo, hi);
        sbuf_puts(&k.b, gap);
        swatch(&k, '~');
    } else {
        int np = v->nknown < 1 ? 1 : v->nknown > 4 ? 4 : v->nknown;
        for (int p = 0; p < np; p++)
            swatch(&k, (char)('A' + p));
        sbuf_puts(&k.b, _(" point reached, "));
        swatch(&k, 'a');
        sbuf_puts(&k.b, _(" slower"));
        sbuf_puts(&k.b, gap);
        swatch(&k, '-');
    }
    sbuf_printf(&k.b, " maxiter%s", gap);
    swatch(&k, ' ');
    sbuf_puts(&k.b, _(" diverged"));
    long n = sweep_ncells(&v->sp), stalled = 0;
    const sweep_cell *cells = sweep_cells(v->job);
    for (long i = 0; i < n; i++)
        stalled += cells[i].status == CELL_STALLED;
    if (stalled) { /* rare: said only when there are some, to keep the line short */
        sbuf_puts(&k.b, gap);
        swatch(&k, '!');
        sbuf_puts(&k.b, _(" stalled"));
    }
    if (has_o) {
        sbuf_puts(&k.b, gap);
        swatch(&k, 'O');
        sbuf_puts(&k.b, _(" optimum"));
    }
    if (roomy && utf8_width(sbuf_str(&k.b), k.b.len) > width - 1) {
        sbuf_free(&k.b);
        draw_key(t, w, v, y, width, has_o, 0);
        return;
    }
    tui_text(w, y, 0, width - 1, sbuf_str(&k.b), A_NORMAL, 0);
    for (int i = 0; i < k.n; i++) {
        cell_colors tmp;
        const cell_colors *c = glyph_colors(v, k.g[i], &tmp);
        if (c && k.col[i] < width - 1) paint(t, w, y, k.col[i], c);
    }
    sbuf_free(&k.b);
}

int tui_sweep_draw(tui *t)
{
    sweep_view *v = shown(t);
    if (!v) return 0;
    WINDOW *w = t->plotw;
    int h = getmaxy(w), width = getmaxx(w);
    sweep_sync(v->job); /* the cells finished so far, copied away from the workers */
    werase(w);
    sbuf b;
    sbuf_init(&b);
    if (!v->reported)
        progress(v, &b, width);
    else { /* the keys below reach the map once it has focus; the longest words that fit */
        static const char *const help[2][3] = {
            {N_("Esc, then arrows: choose a cell; Enter or p: add a run with it; b: the plot"),
             N_("Esc, then arrows: a cell; Enter or p: add a run; b: back"),
             N_("Esc, arrows, Enter or p: add a run, b: back")},
            {N_("arrows: choose a cell; Enter or p: add a run with it; b: the plot; Esc: prompt"),
             N_("arrows: a cell; Enter or p: add a run; b: back; Esc: prompt"),
             N_("arrows, Enter or p: add a run, b: back, Esc")}};
        const char *const *h3 = help[t->focus == TUI_FOCUS_PLOT];
        int k = 0;
        while (k < 2 && utf8_width(_(h3[k]), strlen(_(h3[k]))) > width - 1)
            k++;
        sbuf_puts(&b, _(h3[k]));
    }
    tui_text(w, 0, 0, width - 1, sbuf_str(&b), A_REVERSE, 0);
    sbuf_reset(&b);
    /* The picture with its key, as batch prints it after its words, fitted to the window:
     * the grid gets the rows left after the bar, the key, the axis and the cursor line.
     * With colours, each cell is drawn in its colour too and the key line is the
     * screen's own, with a swatch of each. */
    sweep_view_report(v, &b, width - 1, h - 6, t->s->digits); /* lines are cut at width − 1 */
    const char *s = strstr(sbuf_str(&b), "\n\n");
    s = s ? s + 2 : sbuf_str(&b);
    int has_o = 0;
    for (const char *p = strstr(s, "\n"); p && !has_o; p = strstr(p + 1, "\n")) {
        const char *q = p + 1, *e = strchr(q, '\n');
        size_t n = e ? (size_t)(e - q) : strlen(q);
        has_o = n > 13 && q[10] == ' ' && q[11] == '|' && memchr(q + 12, 'O', n - 13) != NULL;
    }
    int row = 1;
    while (*s && row < h - 1) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        /* the key is the line just above the picture (found by shape, not by its words,
         * which are in the interface's language) */
        const char *q = nl ? nl + 1 : s + n, *qe = strchr(q, '\n');
        int key = t->colors && v->kind != VIEW_SWEEP && !picture_row(s, n) &&
                  picture_row(q, qe ? (size_t)(qe - q) : strlen(q));
        if (key)
            draw_key(t, w, v, row, width, has_o, 1);
        else
            tui_text_n(w, row, 0, width - 1, s, n, A_NORMAL, 0);
        if (t->colors && !key) paint_row(t, w, v, row, s, n);
        row++;
        s = nl ? nl + 1 : s + n;
    }
    /* The cell under the cursor. */
    int i, j;
    cursor_cell(t, v, &i, &j);
    /* Fewer digits rather than a number cut short ("f = 5.35867e+"): a narrow terminal
     * gets the values at 3 significant digits before the line is clipped. */
    int room = width - 1;
    for (int digits = t->s->digits;; digits--) {
        sbuf_reset(&b);
        sweep_view_cell_text(v, i, j, &b, digits);
        if (digits <= 3 || utf8_width(sbuf_str(&b), b.len) <= room) break;
    }
    /* "cursor: " only where it fits beside the values */
    const char *label = _("cursor");
    int lw = utf8_width(label, strlen(label)) + 2;
    sbuf line;
    sbuf_init(&line);
    if (utf8_width(sbuf_str(&b), b.len) + lw <= room) sbuf_printf(&line, "%s: ", label);
    sbuf_puts(&line, sbuf_str(&b));
    tui_text(w, h - 1, 0, room, sbuf_str(&line), A_BOLD, 0);
    sbuf_free(&line);
    sbuf_free(&b);
    wnoutrefresh(w);
    return 1;
}
