/* race.c — fair races: every algorithm gets the same coarse grid of learning rates (and
 * β values where it has a β) under the same evaluation budget; the best setting of each
 * runs once more, timed, and the results are ranked. Only wall time varies between
 * identical races: tuning picks by evaluations and f, never by time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "descent/utf8.h"
#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/race.h"

const double race_lr_grid[] = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1};
const int race_lr_count = (int)(sizeof race_lr_grid / sizeof race_lr_grid[0]);
const double race_beta_grid[] = {0.5, 0.9, 0.99};
const int race_beta_count = (int)(sizeof race_beta_grid / sizeof race_beta_grid[0]);

/* 0 converged, 1 ran out of steps or budget, 2 diverged or stalled. */
static int tier(const sweep_cell *c)
{
    return c->status == CELL_CONVERGED ? 0 : c->status == CELL_MAXITER ? 1 : 2;
}

static unsigned long total_evals(const sweep_cell *c)
{
    return c->evals[0] + c->evals[1] + c->evals[2];
}

/* 1 when a is strictly better than b. */
static int better(const sweep_cell *a, const sweep_cell *b)
{
    int ta = tier(a), tb = tier(b);
    if (ta != tb) return ta < tb;
    if (ta == 0) {
        if (total_evals(a) != total_evals(b)) return total_evals(a) < total_evals(b);
        return a->steps < b->steps;
    }
    if (isnan(b->f)) return !isnan(a->f);
    return a->f < b->f;
}

/* The parameters tuned for `a`: lr when it has one, and beta or beta1. */
static void tuned_params(const opt_algo *a, const opt_param *p[2])
{
    p[0] = opt_param_find(a, "lr");
    p[1] = opt_param_find(a, "beta");
    if (!p[1]) p[1] = opt_param_find(a, "beta1");
    if (!p[0]) p[0] = p[1], p[1] = NULL;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static ds_status race_one(const race_spec *rs, const objective *o, const opt_algo *a, race_entry *e,
                          ds_err *err)
{
    memset(e, 0, sizeof *e);
    e->algo = a;
    opt_hyper base;
    opt_defaults(a, &base);
    base.tol = rs->tol;
    base.maxiter = 1e12; /* the budget is the limit */
    tuned_params(a, e->tuned);
    int nl = e->tuned[0] ? (e->tuned[0]->offset == offsetof(opt_hyper, lr) ? race_lr_count
                                                                           : race_beta_count)
                         : 1;
    int nb = e->tuned[1] ? race_beta_count : 1;
    opt_hyper list[64];
    int n = 0;
    for (int j = 0; j < nb; j++)
        for (int i = 0; i < nl; i++) {
            opt_hyper h = base;
            if (e->tuned[0])
                opt_put(&h, e->tuned[0],
                        e->tuned[0]->offset == offsetof(opt_hyper, lr) ? race_lr_grid[i]
                                                                       : race_beta_grid[i]);
            if (e->tuned[1]) opt_put(&h, e->tuned[1], race_beta_grid[j]);
            list[n++] = h;
        }
    sweep_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.kind = SWEEP_LIST;
    sp.algo = a;
    sp.h = base;
    sched_default(&sp.sched);
    sp.start[0] = rs->start[0];
    sp.start[1] = rs->start[1];
    sp.n[0] = n;
    sp.n[1] = 1;
    sp.list = list;
    sp.budget = rs->budget;
    sweep_cell cells[64];
    if (sweep_run(&sp, o, rs->threads, cells, err) < 0) return err->code;
    int best = 0;
    for (int k = 1; k < n; k++)
        if (better(&cells[k], &cells[best])) best = k;
    e->h = list[best];
    e->trials = n;
    /* The tuned run once more, timed, on a private copy of the counters. */
    objective mine = *o;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sweep_cell_run(a, &e->h, &sp.sched, &mine, rs->start, rs->budget, &e->cell);
    e->seconds = seconds_since(&t0);
    return DS_OK;
}

ds_status race_run(const race_spec *rs, const objective *o, race_entry *out, ds_err *err)
{
    for (int i = 0; i < rs->nalgos; i++)
        if (race_one(rs, o, rs->algos[i], &out[i], err)) return err->code;
    /* rank: a stable insertion sort keeps the given order among equals */
    for (int i = 1; i < rs->nalgos; i++) {
        race_entry e = out[i];
        int j = i;
        while (j > 0 && better(&e.cell, &out[j - 1].cell)) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = e;
    }
    return DS_OK;
}

static void put_time(sbuf *out, double s)
{
    if (s < 1e-3)
        sbuf_printf(out, "%.1f µs", s * 1e6);
    else if (s < 1)
        sbuf_printf(out, "%.2f ms", s * 1e3);
    else
        sbuf_printf(out, "%.2f s", s);
}

/* Pad `s` (display width w) to `col` columns. */
static void cell_text(sbuf *out, const char *s, int col, int right)
{
    int w = utf8_width(s, strlen(s)); /* columns: a translated header may be Hangul */
    if (right)
        for (int k = w; k < col; k++)
            sbuf_puts(out, " ");
    sbuf_puts(out, s);
    if (!right)
        for (int k = w; k < col; k++)
            sbuf_puts(out, " ");
}

void race_table(const race_spec *rs, const race_entry *e, int n, sbuf *out, int digits)
{
    sbuf_puts(out, _("race from "));
    fmt_vec2(out, rs->start, digits);
    sbuf_printf(out, _(": budget %lu evaluations (f + ∇f + ∇²f) per run, finish at ‖∇f‖ < "),
                rs->budget);
    fmt_num(out, rs->tol, digits);
    sbuf_puts(out, _("\ntuned: lr over "));
    for (int i = 0; i < race_lr_count; i++)
        sbuf_printf(out, "%s%g", i ? ", " : "", race_lr_grid[i]);
    sbuf_puts(out, _("; β (or β₁) over "));
    for (int i = 0; i < race_beta_count; i++)
        sbuf_printf(out, "%s%g", i ? ", " : "", race_beta_grid[i]);
    sbuf_puts(out, _("; best = fewest evaluations to converge, else lowest f\n\n"));
    static const char *const head[] = {
        "#",  N_("algorithm"), N_("tuned"), N_("iters"),   "f",
        "∇f", "∇²f",           N_("time"),  N_("final f"), N_("status")};
    static const int width[] = {2, 10, 22, 8, 7, 7, 7, 10, 13, 9};
    static const int right[] = {1, 0, 0, 1, 1, 1, 1, 1, 1, 0};
    for (int k = 0; k < 10; k++) {
        cell_text(out, head[k][0] == '#' ? head[k] : _(head[k]), k < 9 ? width[k] : 0, right[k]);
        sbuf_puts(out, k < 9 ? "  " : "\n");
    }
    for (int i = 0; i < n; i++) {
        sbuf c;
        sbuf_init(&c);
        const race_entry *r = &e[i];
        for (int k = 0; k < 10; k++) {
            sbuf_reset(&c);
            switch (k) {
            case 0: sbuf_printf(&c, "%d", i + 1); break;
            case 1: sbuf_puts(&c, r->algo->name); break;
            case 2:
                for (int t = 0; t < 2; t++)
                    if (r->tuned[t]) {
                        sbuf_printf(&c, "%s%s=", t ? " " : "", r->tuned[t]->name);
                        fmt_num(&c, opt_get(&r->h, r->tuned[t]), 3);
                    }
                if (!r->tuned[0]) sbuf_puts(&c, _("(line search)"));
                break;
            case 3: sbuf_printf(&c, "%ld", r->cell.steps); break;
            case 4:
            case 5:
            case 6: sbuf_printf(&c, "%lu", r->cell.evals[k - 4]); break;
            case 7: put_time(&c, r->seconds); break;
            case 8: fmt_num(&c, r->cell.f, 6); break;
            case 9:
                sbuf_puts(&c, r->cell.status == CELL_MAXITER
                                  ? _("budget")
                                  : _(sweep_status_word(r->cell.status)));
                break;
            }
            cell_text(out, sbuf_str(&c), k < 9 ? width[k] : 0, right[k]);
            sbuf_puts(out, k < 9 ? "  " : "\n");
        }
        sbuf_free(&c);
    }
}
