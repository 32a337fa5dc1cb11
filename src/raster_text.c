/* raster_text.c — text in the grid and the grid as text: UTF-8 labels laid into cells,
 * the layout of title, axes and legend around the plot area, tick choice and labels, the
 * title and legend rows, and the grid printed with or without ANSI colours for `plot`. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/utf8.h"
#include "descent/fmt.h"
#include "descent/i18n.h"
#include "raster_internal.h"

/* ---- text into cells --------------------------------------------------------------- */

int rast_put_text(rast *r, int row, int col, int maxw, const char *text, int fg, int bg, int attr)
{
    if (row < 0 || row >= r->h || col < 0) return 0;
    if (col + maxw > r->w) maxw = r->w - col;
    int used = 0;
    size_t n = strlen(text);
    while (n > 0 && used < maxw) {
        uint32_t cp;
        int k = utf8_decode(text, n, &cp);
        text += k;
        n -= (size_t)k;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) cp = ' '; /* controls show as blanks */
        int cw = utf8_cp_width(cp);
        if (cw == 0) continue; /* combining marks: dropped, the cell holds one code point */
        if (used + cw > maxw) break;
        rast_set_cell(r, col + used, row, cp, fg, bg, attr, RK_TEXT);
        if (cw == 2) rast_set_cell(r, col + used + 1, row, 0, fg, bg, attr, RK_WIDE);
        used += cw;
    }
    return used;
}

/* ---- ticks and layout -------------------------------------------------------------- */

/* A "nice" tick step (1, 2 or 5 times a power of ten) giving about `target` ticks. */
static double nice_step(double range, int target)
{
    if (!(range > 0) || target < 1) return 1;
    double raw = range / target, p = pow(10, floor(log10(raw))), m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

static void tick_label(double v, double step, char *buf, size_t n)
{
    if (fabs(v) < step * 1e-9) v = 0;
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(v) >= 1e5 || dec > 5)
        snprintf(buf, n, "%.3g", v);
    else
        snprintf(buf, n, "%.*f", dec, v);
}

static void make_ticks(rast_ticks *t, double lo, double hi, int target)
{
    double step = nice_step(hi - lo, target);
    t->n = 0;
    for (double k = ceil(lo / step - 1e-9); t->n < 64; k++) {
        double v = k * step;
        if (v > hi + step * 1e-9) break;
        t->v[t->n] = v;
        tick_label(v, step, t->label[t->n], sizeof t->label[0]);
        t->n++;
    }
}

void rast_layout_compute(rast_layout *L, const double view[4], int h, const rast_opts *o)
{
    L->top = o->title ? 1 : 0;
    L->bottom = (o->legend == 1 ? 1 : 0) + (o->axes ? 2 : 0) + (o->key ? 1 : 0);
    L->keyrow = o->key ? h - 1 - (o->legend == 1 ? 1 : 0) : -1;
    L->margin = 0;
    L->yt.n = 0;
    if (o->axes) {
        int ph = h - L->top - L->bottom;
        make_ticks(&L->yt, view[2], view[3], ph / 4 > 2 ? ph / 4 : 2);
        int mw = 1;
        for (int i = 0; i < L->yt.n; i++) {
            int lw = utf8_width(L->yt.label[i], strlen(L->yt.label[i]));
            if (lw > mw) mw = lw;
        }
        L->margin = mw + 1;
    }
}

/* ---- axes, title and legend -------------------------------------------------------- */

void rast_draw_axes(rast *r, const rast_layout *L, const rast_opts *o)
{
    const double *v = r->view;
    int ascii = o->ascii, ax = r->px - 1, ay = r->py + r->ph;
    for (int j = 0; j < r->ph; j++)
        rast_set_cell(r, ax, r->py + j, ascii ? '|' : G_VLINE_U, RAST_COLOR_DEFAULT,
                      RAST_COLOR_DEFAULT, 0, RK_AXIS);
    for (int i = 0; i < r->pw; i++)
        rast_set_cell(r, r->px + i, ay, ascii ? '-' : G_HLINE_U, RAST_COLOR_DEFAULT,
                      RAST_COLOR_DEFAULT, 0, RK_AXIS);
    rast_set_cell(r, ax, ay, ascii ? '+' : 0x2514, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0,
                  RK_AXIS);
    for (int i = 0; i < L->yt.n; i++) {
        double u = (v[3] - L->yt.v[i]) / (v[3] - v[2]) * r->ph;
        int row = (int)floor(u);
        if (row >= r->ph) row = r->ph - 1;
        if (row < 0) continue;
        rast_set_cell(r, ax, r->py + row, ascii ? '+' : 0x2524, RAST_COLOR_DEFAULT,
                      RAST_COLOR_DEFAULT, 0, RK_AXIS);
        int lw = utf8_width(L->yt.label[i], strlen(L->yt.label[i]));
        rast_put_text(r, r->py + row, ax - lw, lw, L->yt.label[i], RAST_COLOR_DEFAULT,
                      RAST_COLOR_DEFAULT, 0);
    }
    rast_ticks xt;
    make_ticks(&xt, v[0], v[1], r->pw / 10 > 2 ? r->pw / 10 : 2);
    int last_end = -1;
    for (int i = 0; i < xt.n; i++) {
        double u = (xt.v[i] - v[0]) / (v[1] - v[0]) * r->pw;
        int col = (int)floor(u);
        if (col >= r->pw) col = r->pw - 1;
        if (col < 0) continue;
        rast_set_cell(r, r->px + col, ay, ascii ? '+' : 0x252C, RAST_COLOR_DEFAULT,
                      RAST_COLOR_DEFAULT, 0, RK_AXIS);
        int lw = utf8_width(xt.label[i], strlen(xt.label[i]));
        int start = r->px + col - lw / 2;
        if (start + lw > r->w) start = r->w - lw;
        if (start <= last_end) continue;
        rast_put_text(r, ay + 1, start, lw, xt.label[i], RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
        last_end = start + lw;
    }
}

/* A title longer than its room ends in "…" ("~" in ASCII) rather than in the middle of
 * a number ("b = [0"). */
static void fit_title(sbuf *t, int cols, int ascii)
{
    if (cols < 2 || utf8_width(sbuf_str(t), t->len) <= cols) return;
    size_t i = 0;
    int used = 0;
    while (i < t->len) {
        size_t len;
        int w = utf8_char_width(t->data + i, t->len - i, &len);
        if (used + w > cols - 1 || len == 0) break;
        used += w;
        i += len;
    }
    t->len = i;
    t->data[i] = '\0';
    sbuf_puts(t, ascii ? "~" : "\u2026");
}

void rast_draw_title(rast *r, const sess *s, const rast_opts *o)
{
    sbuf t;
    sbuf_init(&t);
    if (strcmp(s->obj.name, "formula") == 0)
        sbuf_printf(&t, " f = %s", s->obj.formula);
    else
        sbuf_printf(&t, " %s: %s", s->obj.name, s->obj.formula);
    char right[96];
    snprintf(right, sizeof right,
             r->sc.given ? _("  %d given levels")
             : r->log    ? _("  %d log levels")
                         : _("  %d lin levels"),
             r->nlev);
    int rw = utf8_width(right, strlen(right));
    int avail = r->w - rw;
    fit_title(&t, avail > 0 ? avail : r->w, o->ascii);
    int used = rast_put_text(r, 0, 0, avail > 0 ? avail : r->w, sbuf_str(&t), RAST_COLOR_DEFAULT,
                             RAST_COLOR_DEFAULT, RAST_BOLD);
    if (avail > used)
        rast_put_text(r, 0, r->w - rw, rw, right, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
    sbuf_free(&t);
}

/* The legend's status: the run's own word once it has stopped, with ✓/✗ in UTF-8. */
static void status_suffix(int st, const char *word, int ascii, char *buf, size_t cap)
{
    const char *mark = ascii                 ? ""
                       : st == RUN_CONVERGED ? "\u2713 "
                       : st == RUN_DIVERGED  ? "\u2717 "
                                             : "";
    if (st == RUN_READY)
        buf[0] = '\0';
    else
        snprintf(buf, cap, " %s%s", mark, word);
}

/* How much a legend entry says: everything, the status as a mark only (✓ ✗), or only
 * the algorithm and lr. */
enum { ENTRY_FULL, ENTRY_MARK, ENTRY_NAME };

/* The text of run i's legend entry at that detail; returns its width with the glyph. */
static int legend_entry(const scene_run *R, int detail, int ascii, char *buf, size_t cap)
{
    char status[64] = "", fv[40];
    if (detail == ENTRY_FULL)
        status_suffix(R->status, R->word, ascii, status, sizeof status);
    else if (detail == ENTRY_MARK && !ascii &&
             (R->status == RUN_CONVERGED || R->status == RUN_DIVERGED))
        snprintf(status, sizeof status, " %s", R->status == RUN_CONVERGED ? "\u2713" : "\u2717");
    if (detail == ENTRY_NAME)
        snprintf(buf, cap, " %s", R->label);
    else
        snprintf(buf, cap, _(" %s it %ld f %s%s"), R->label, R->iter,
                 fmt_num_str(fv, sizeof fv, R->f, 3), status);
    return 1 + utf8_width(buf, strlen(buf));
}

/* How many entries fit on a row of width w, followed by "+N more" for the rest. */
static int legend_fit(const scene *sc, int detail, int ascii, int w)
{
    int n = sc->nruns;
    for (int k = n; k >= 1; k--) {
        int used = 1;
        for (int i = 0; i < k; i++) {
            char buf[200];
            used += legend_entry(&sc->runs[i], detail, ascii, buf, sizeof buf) + (i ? 3 : 0);
        }
        if (k < n) {
            char more[32];
            snprintf(more, sizeof more, _("+%d more"), n - k);
            used += 3 + utf8_width(more, strlen(more));
        }
        if (used <= w) return k;
    }
    return 0;
}

/* One entry per run on the bottom row. Entries are never cut: the most detailed form in
 * which every run fits, else the form that shows the most runs, and the runs left out
 * are counted ("+2 more"). */
static void legend_row(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    int row = r->h - 1, n = sc->nruns;
    if (n <= 0) return;
    int detail = ENTRY_FULL, shown = 0;
    for (int d = ENTRY_FULL; d <= ENTRY_NAME && shown < n; d++) {
        int k = legend_fit(sc, d, o->ascii, r->w);
        if (k > shown) detail = d, shown = k;
    }
    int col = 1;
    for (int i = 0; i < shown; i++) {
        const scene_run *R = &sc->runs[i];
        char buf[200];
        legend_entry(R, detail, o->ascii, buf, sizeof buf);
        rast_set_cell(r, col, row, rast_run_glyph(R->index, o->ascii),
                      rast_run_color(R->index, o->colors), RAST_COLOR_DEFAULT, RAST_BOLD, RK_TEXT);
        col += 1;
        col +=
            rast_put_text(r, row, col, r->w - col, buf, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
        col += 3;
    }
    if (shown < n) {
        char more[32];
        snprintf(more, sizeof more, _("+%d more"), n - shown);
        if (shown == 0) col = 1;
        rast_put_text(r, row, col, r->w - col, more, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT,
                      RAST_DIM);
    }
}

/* A box in the plot's top-right corner naming each run: glyph, algorithm, lr. */
static void legend_box(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    int wmax = 0, rows = sc->nruns < r->ph - 1 ? sc->nruns : r->ph - 1;
    /* More runs than rows: the last row counts the rest ("+3 more"). */
    int named = rows < sc->nruns ? rows - 1 : rows;
    char more[32] = "";
    if (named < sc->nruns) snprintf(more, sizeof more, _("+%d more"), sc->nruns - named);
    wmax = utf8_width(more, strlen(more)) - 2;
    for (int i = 0; i < named; i++) {
        int lw = utf8_width(sc->runs[i].label, strlen(sc->runs[i].label));
        wmax = lw > wmax ? lw : wmax;
    }
    int bw = wmax + 4;
    if (bw > r->pw / 2) bw = r->pw / 2;
    if (rows <= 0 || bw < 6) return;
    int c0 = r->px + r->pw - bw;
    for (int i = 0; i < rows; i++) {
        const scene_run *R = &sc->runs[i];
        int row = r->py + i;
        for (int c = c0; c < c0 + bw; c++)
            rast_set_cell(r, c, row, ' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_TEXT);
        if (i >= named) {
            rast_put_text(r, row, c0 + 1, bw - 1, more, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT,
                          RAST_DIM);
            continue;
        }
        rast_set_cell(r, c0 + 1, row, rast_run_glyph(R->index, o->ascii),
                      rast_run_color(R->index, o->colors), RAST_COLOR_DEFAULT, RAST_BOLD, RK_TEXT);
        rast_put_text(r, row, c0 + 3, bw - 3, R->label, rast_run_color(R->index, o->colors),
                      RAST_COLOR_DEFAULT, 0);
    }
}

void rast_draw_legend(rast *r, const sess *s, const rast_opts *o)
{
    (void)s;
    if (o->legend == 2)
        legend_box(r, o);
    else
        legend_row(r, o);
}

/* ---- the grid as text -------------------------------------------------------------- */

static void sgr_color(sbuf *out, int32_t c, int colors, int base)
{
    if (c < 0) return;
    if (c & RAST_RGB)
        sbuf_printf(out, ";%d;2;%d;%d;%d", base + 8, c >> 16 & 255, c >> 8 & 255, c & 255);
    else if (colors >= 256)
        sbuf_printf(out, ";%d;5;%d", base + 8, c);
    else
        sbuf_printf(out, ";%d", base + (c & 7));
}

static void sgr(sbuf *out, const rast_cell *c, int colors)
{
    sbuf_puts(out, "\x1b[0");
    if (c->attr & RAST_BOLD) sbuf_puts(out, ";1");
    if (c->attr & RAST_DIM) sbuf_puts(out, ";2");
    if (c->attr & RAST_REVERSE) sbuf_puts(out, ";7");
    sgr_color(out, c->fg, colors, 30);
    sgr_color(out, c->bg, colors, 40);
    sbuf_puts(out, "m");
}

void rast_to_text(const rast *r, sbuf *out, int ansi, int colors)
{
    for (int j = 0; j < r->h; j++) {
        const rast_cell *row = r->cells + (size_t)j * r->w;
        int end = r->w;
        if (!ansi)
            while (end > 0 && row[end - 1].ch == ' ' && row[end - 1].kind != RK_WIDE)
                end--;
        const rast_cell *prev = NULL;
        for (int i = 0; i < end; i++) {
            const rast_cell *c = &row[i];
            if (c->kind == RK_WIDE) continue;
            if (ansi && (!prev || prev->fg != c->fg || prev->bg != c->bg || prev->attr != c->attr))
                sgr(out, c, colors);
            utf8_put(out, c->ch ? c->ch : ' ');
            prev = c;
        }
        if (ansi) sbuf_puts(out, "\x1b[0m");
        sbuf_puts(out, "\n");
    }
}
