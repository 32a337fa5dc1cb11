/* tui_panel.c — the side panel: the objective and its formula; every run's algorithm,
 * hyperparameters, iteration, f, ‖∇f‖, learning rate and status; what the plane is like
 * at the cursor (f, ∇f, the Hessian's eigenvalues and what they mean); the small charts
 * of f and lr against iteration. (The lesson pane is tui_lesson.c.) */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/fmt.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/text.h"
#include "descent/linalg.h"
#include "descent/utf8.h"
#include "descent/overlay.h"
#include "tui_internal.h"

#define PANEL_DIGITS 4 /* significant digits in the panel's numbers */

static void rule(tui *t, WINDOW *w, int y, int width, const char *label)
{
    if (y >= getmaxy(w)) return;
    for (int i = 1; i < width; i++)
        mvwaddstr(w, y, i, t->ascii ? "-" : "\xe2\x94\x80");
    tui_text(w, y, 2, width - 3, label, A_BOLD, 0);
}

/* The run's status word, with a mark for the two outcomes that matter most. */
static void status_label(const run *r, int ascii, sbuf *out)
{
    run_status st = run_get_status(r);
    sbuf_puts(out, _(run_status_word(r)));
    if (!ascii && st == RUN_CONVERGED) sbuf_puts(out, " \xe2\x9c\x93");
    if (!ascii && st == RUN_DIVERGED) sbuf_puts(out, " \xe2\x9c\x97");
}

/* "it N  f V  ‖∇f‖ G" (with `grad`) in at most `width` columns: fewer digits before
 * anything is cut, so a number is never shown in part. */
static void iter_line(const tui *t, const run_row *cur, int grad, int width, sbuf *b)
{
    for (int d = PANEL_DIGITS; d >= 1; d--) {
        const char *gap = d > 2 ? "  " : " ";
        sbuf_reset(b);
        /* TRANSLATORS: "it" abbreviates "iteration" in the side panel's "it 12  f 0.5". */
        sbuf_printf(b, "%s %ld%sf ", _("it"), cur ? cur->iter : 0L, gap);
        fmt_num(b, cur ? cur->f : NAN, d);
        if (grad) {
            sbuf_printf(b, "%s%s ", gap,
                        t->ascii ? "|g|"
                                 : "\xe2\x80\x96\xe2\x88\x87"
                                   "f\xe2\x80\x96");
            fmt_num(b, cur ? hypot(cur->gx, cur->gy) : NAN, d);
        }
        if (utf8_width(sbuf_str(b), b->len) <= width) return;
    }
}

/* "lr V  status" in at most `width` columns, digits as iter_line. */
static void lr_line(const tui *t, const run *r, int width, sbuf *b)
{
    for (int d = PANEL_DIGITS; d >= 1; d--) {
        sbuf_reset(b);
        sbuf_puts(b, "lr ");
        double lr = run_lr_now(r);
        if (isfinite(lr))
            fmt_num(b, lr, d);
        else
            sbuf_puts(b, "-");
        sbuf_puts(b, "  ");
        status_label(r, t->ascii, b);
        if (utf8_width(sbuf_str(b), b->len) <= width) return;
    }
}

/* One run: its mark, algorithm and parameters, then its numbers; `compact` puts them on
 * two rows (parameters cut to one row, the status as its mark), else on three or four. */
static int draw_run(tui *t, WINDOW *w, int i, int y, int width, int maxy, int compact, sbuf *b)
{
    const sess *s = t->s;
    const run *r = runset_get(&s->runs, i);
    const run_row *cur = run_current(r);
    short pair = tui_pair(t, rast_run_color(i, t->colors), -1);
    sbuf_reset(b);
    utf8_put(b, rast_run_glyph(i, t->ascii));
    char glyph[8];
    snprintf(glyph, sizeof glyph, "%s", sbuf_str(b));
    int x = 1;
    if (i == s->runs.selected)
        x += tui_text(w, y, x, 2, t->ascii ? ">" : "\xe2\x80\xba", A_BOLD, 0);
    else
        x += 1;
    x += tui_text(w, y, x, 2, glyph, A_BOLD, pair);
    sbuf_reset(b);
    sbuf_printf(b, " %s ", run_algo_name(r));
    x += tui_text(w, y, x, width - x, sbuf_str(b), A_BOLD, 0);
    sbuf_reset(b);
    run_params_text(r, b, PANEL_DIGITS);
    y += tui_wrap(t, w, y, x, width - x, compact ? 1 : 2, sbuf_str(b), A_NORMAL, 0);
    if (y >= maxy) return y;
    run_status st = run_get_status(r);
    if (compact) {
        /* "it N  f V  status" on one row; where that is too long, a running run drops
         * "running", a stopped one keeps its status beside the iteration alone, then
         * as its mark: words are never cut. */
        sbuf tail;
        sbuf_init(&tail);
        status_label(r, t->ascii, &tail);
        int tw = utf8_width(sbuf_str(&tail), tail.len), room = width - 6;
        iter_line(t, cur, 0, room - tw - 2, b);
        if (utf8_width(sbuf_str(b), b->len) + 2 + tw > room && st == RUN_READY) {
            sbuf_reset(&tail); /* still going: f says more than "running" */
            tw = 0;
            iter_line(t, cur, 0, room, b);
        }
        if (utf8_width(sbuf_str(b), b->len) + 2 + tw > room) {
            sbuf_reset(b);
            sbuf_printf(b, "%s %ld", _("it"), cur ? cur->iter : 0L);
        }
        if (utf8_width(sbuf_str(b), b->len) + 2 + tw > room) {
            sbuf_reset(&tail);
            if (!t->ascii && st == RUN_CONVERGED) sbuf_puts(&tail, "\xe2\x9c\x93");
            if (!t->ascii && st == RUN_DIVERGED) sbuf_puts(&tail, "\xe2\x9c\x97");
        }
        int used = tui_text(w, y, 4, width - 4, sbuf_str(b), A_NORMAL, 0);
        tui_text(w, y, 4 + used + 2, width - 6 - used, sbuf_str(&tail),
                 st == RUN_READY ? A_NORMAL : A_BOLD, 0);
        sbuf_free(&tail);
        return y + 1;
    }
    iter_line(t, cur, 1, width - 4, b);
    tui_text(w, y++, 4, width - 4, sbuf_str(b), A_NORMAL, 0);
    if (y >= maxy) return y;
    lr_line(t, r, width - 4, b);
    tui_text(w, y++, 4, width - 4, sbuf_str(b), st == RUN_READY ? A_NORMAL : A_BOLD, 0);
    return y;
}

/* Rows run i takes in full (compact 0) or compact form. */
static int run_rows(tui *t, int i, int width, int compact)
{
    if (compact) return 2;
    sbuf b;
    sbuf_init(&b);
    run_params_text(runset_get(&t->s->runs, i), &b, PANEL_DIGITS);
    int x = 3 + utf8_width(run_algo_name(runset_get(&t->s->runs, i)), 64) + 2;
    text_wrap_opts o = {.width = width - x > 1 ? width - x : 1, .hang = 0};
    int rows = text_wrap_line(sbuf_str(&b), b.len, &o, NULL, 0);
    sbuf_free(&b);
    return (rows > 2 ? 2 : rows) + 2;
}

static int draw_runs(tui *t, WINDOW *w, int y, int width, int maxy)
{
    const sess *s = t->s;
    int n = runset_count(&s->runs);
    if (n == 0) {
        return y + tui_wrap(t, w, y, 1, width - 1, maxy - y,
                            _("no runs yet: algo NAME (e.g. algo adam lr=0.05), then run"), A_DIM,
                            0);
    }
    /* Three rows a run while they all fit, else two; what still does not fit is counted. */
    int full = 0;
    for (int i = 0; i < n; i++)
        full += run_rows(t, i, width, 0);
    int compact = y + full > maxy;
    sbuf b;
    sbuf_init(&b);
    for (int i = 0; i < n && y < maxy; i++) {
        int need = run_rows(t, i, width, compact) + (i + 1 < n ? 1 : 0);
        if (y + need > maxy) {
            sbuf_reset(&b);
            sbuf_printf(&b, _("+%d more (runs lists all)"), n - i);
            tui_text(w, y++, 1, width - 1, sbuf_str(&b), A_BOLD, 0);
            break;
        }
        y = draw_run(t, w, i, y, width, maxy, compact, &b);
    }
    sbuf_free(&b);
    return y;
}

static int draw_cursor_info(tui *t, WINDOW *w, int y, int width, int maxy)
{
    const sess *s = t->s;
    /* A copy of the objective, so looking at the cursor does not count as evaluations. */
    objective o = s->obj;
    double f, g[2], h[3];
    obj_hess(&o, s->cursor[0], s->cursor[1], &f, g, h);
    sbuf b;
    sbuf_init(&b);
    if (y < maxy) {
        /* TRANSLATORS: the side panel's "at [x, y]  f V" (the cursor's point). */
        sbuf_printf(&b, "%s ", _("at"));
        fmt_vec2(&b, s->cursor, PANEL_DIGITS);
        sbuf_puts(&b, "  f ");
        fmt_num(&b, f, PANEL_DIGITS);
        tui_text(w, y++, 1, width - 1, sbuf_str(&b), A_NORMAL, 0);
    }
    if (y < maxy) {
        sbuf_reset(&b);
        sbuf_puts(&b, t->ascii ? "grad "
                               : "\xe2\x88\x87"
                                 "f ");
        fmt_vec2(&b, g, PANEL_DIGITS);
        tui_text(w, y++, 1, width - 1, sbuf_str(&b), A_NORMAL, 0);
    }
    char kink[64];
    if (y < maxy) {
        sbuf_reset(&b);
        if (obj_kink(&o, s->cursor[0], s->cursor[1], kink, sizeof kink)) {
            sbuf_printf(&b, _("kink (%s): not differentiable here"), kink);
        } else if (isfinite(h[0]) && isfinite(h[1]) && isfinite(h[2])) {
            double lam[2], vec[2][2];
            la_eig_sym2(h, lam, vec);
            sbuf_puts(&b, t->ascii ? "eig " : "\xce\xbb ");
            fmt_num(&b, lam[0], PANEL_DIGITS);
            sbuf_puts(&b, ", ");
            fmt_num(&b, lam[1], PANEL_DIGITS);
            sbuf_printf(&b, ": %s",
                        _(la_point_phrase(la_classify(lam),
                                          la_stationarity_of(s->cursor, f, g, lam, vec))));
        } else
            sbuf_puts(&b, _("Hessian not defined here"));
        y += tui_wrap(t, w, y, 1, width - 1, maxy - y, sbuf_str(&b), A_NORMAL, 0);
    }
    sbuf_free(&b);
    return y;
}

/* `overlay bound`: gradient descent's O(1/k) guarantee drawn on the f chart. */
static int bound_on(const sess *s)
{
    int k = overlay_find("bound");
    return k >= 0 && (s->overlays & (1u << k));
}

typedef struct {
    double fstar, c;
} bound_curve;

static double bound_at(void *ctx, double k)
{
    const bound_curve *b = ctx;
    return b->fstar + b->c / k;
}

/* Cut `b` back to its first `n` bytes. */
static void cut(sbuf *b, size_t n)
{
    if (n < b->len) {
        b->len = n;
        b->data[n] = '\0';
    }
}

/* The objective holds data back for validation: the f chart draws that loss too. */
static int has_val(const sess *s)
{
    return obj_is_data(&s->obj) && s->obj.data && s->obj.data->ntrain < s->obj.data->n;
}

static int draw_chart(tui *t, WINDOW *w, int y, int width, int rows, rast_chart_kind kind)
{
    rast_opts o = {.ascii = t->ascii, .colors = t->colors};
    double range[3];
    ds_err err;
    sbuf b;
    sbuf_init(&b);
    if (rast_chart(&t->chart, &t->s->runs, kind, width - 2, rows, &o, range, &err) != DS_OK) {
        sbuf_free(&b);
        return y;
    }
    bound_curve bc;
    if (kind == RAST_CHART_F && bound_on(t->s) &&
        overlay_bound_of(t->s, &bc.fstar, &bc.c, &err) == DS_OK)
        rast_chart_curve(&t->chart, range, bound_at, &bc, &o);
    int val = kind == RAST_CHART_F && has_val(t->s);
    /* The title is the key first, which line is which, then "log", the range and the
     * steps where they fit whole. */
    /* TRANSLATORS: the key of the loss chart on data held back: f (the training loss) is
     * the solid line, the validation loss the dotted one. */
    const char *key = kind == RAST_CHART_F ? (val ? _("f solid, val dotted") : "f") : "lr";
    sbuf_printf(&b, " %s", key);
    size_t cuts[3];
    cuts[0] = b.len;
    /* TRANSLATORS: the small f chart's axis is logarithmic: "f, log 0.12…7.8". */
    if (kind == RAST_CHART_F) sbuf_printf(&b, ", %s", _("log"));
    cuts[1] = b.len;
    if (isfinite(range[0])) {
        sbuf_puts(&b, " ");
        fmt_num(&b, range[0], 2);
        sbuf_puts(&b, t->ascii ? ".." : "\xe2\x80\xa6");
        fmt_num(&b, range[1], 2);
    }
    cuts[2] = b.len;
    if (isfinite(range[0])) sbuf_printf(&b, _(" over 0..%.0f"), range[2]);
    for (int k = 2; k >= 0 && utf8_width(sbuf_str(&b), b.len) + 1 > width - 3; k--)
        cut(&b, cuts[k]);
    sbuf_puts(&b, " ");
    rule(t, w, y++, width, sbuf_str(&b));
    tui_draw_cells(t, w, y, 1, &t->chart);
    sbuf_free(&b);
    return y + rows;
}

/* A lesson step whose runs follow a learning-rate schedule shows the charts without
 * `plots on`: the lr chart is what the schedule lessons talk about. */
static int lesson_lr_chart(const sess *s)
{
    if (!lesson_active(lesson_of(s))) return 0;
    for (int i = 0; i < runset_count(&s->runs); i++) {
        const sched_cfg *c = run_sched(runset_get(&s->runs, i));
        if (c && (sched_kind)c->kind != SCHED_CONST) return 1;
    }
    return 0;
}

tui_charts tui_panel_charts(const tui *t, int h)
{
    const sess *s = t->s;
    int sched = lesson_lr_chart(s), val = lesson_active(lesson_of(s)) && has_val(s);
    tui_charts c = {0, 0, 0};
    /* A lesson's charts make do with less room: the pane below takes rows from the
     * panel, and three-row charts still show a staircase. When two do not fit, the one
     * the step talks about does: lr in a schedule lesson, f and the validation loss on
     * data held back, f with `overlay bound`'s curve (lesson 3 at 80x24). */
    if ((t->show_plots && h >= TUI_PLOTS_MIN_ROWS) ||
        ((sched || bound_on(s)) && h >= TUI_LESSON_PLOTS_MIN_ROWS))
        c.f = c.lr = 1;
    else if (sched && h >= TUI_LESSON_CHART_MIN_ROWS)
        c.lr = 1;
    else if ((val || bound_on(s)) && h >= TUI_LESSON_CHART_MIN_ROWS)
        c.f = 1;
    int n = c.f + c.lr;
    c.rows = !n ? 0 : h >= 34 || (n == 1 && h >= 20) ? 5 : 3;
    return c;
}

void tui_panel_draw(tui *t)
{
    WINDOW *w = t->panelw;
    const sess *s = t->s;
    int h = getmaxy(w), width = getmaxx(w);
    werase(w);
    for (int j = 0; j < h; j++)
        mvwaddstr(w, j, 0, t->ascii ? "|" : "\xe2\x94\x82");
    tui_charts ch = tui_panel_charts(t, h);
    int charts = ch.f + ch.lr, chart_rows = ch.rows;
    int maxy = h - charts * (chart_rows + 1);
    int y = 0;
    char name[96];
    snprintf(name, sizeof name, " %s", s->obj.name);
    tui_text(w, y++, 1, width - 1, name, A_BOLD, 0);
    sbuf b;
    sbuf_init(&b);
    sbuf_printf(&b, "f = %s", s->obj.formula);
    y += tui_wrap(t, w, y, 1, width - 1, 3, sbuf_str(&b), A_NORMAL, 0);
    if (s->obj.note && y < maxy) y += tui_wrap(t, w, y, 1, width - 1, 2, _(s->obj.note), A_DIM, 0);
    if (y < maxy) rule(t, w, y++, width, _(" runs "));
    /* Keep room for the cursor section below the runs. */
    y = draw_runs(t, w, y, width, maxy - 4 > y ? maxy - 4 : maxy);
    if (y < maxy) rule(t, w, y++, width, _(" at the cursor "));
    y = draw_cursor_info(t, w, y, width, maxy);
    if (charts) {
        int cy = h - charts * (chart_rows + 1);
        if (ch.f) cy = draw_chart(t, w, cy, width, chart_rows, RAST_CHART_F);
        if (ch.lr) draw_chart(t, w, cy, width, chart_rows, RAST_CHART_LR);
    }
    sbuf_free(&b);
    wnoutrefresh(w);
}
