/* cmd_sweep.c — the commands that run many short runs: sweep (one parameter, or a 2-D
 * map of two), basins (a grid of start points), pick (a cell becomes a run). Each
 * checks its whole line first; the screen runs them in the background, batch waits. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "cmd_table.h"
#include "cmd_run_internal.h"
#include "descent/fileout.h"
#include "descent/fmt.h"
#include "descent/sweep.h"
#include "descent/text.h"

#define SWEEP_STEPS_DEFAULT 1000 /* steps per cell when the run's maxiter is its default */
#define SWEEP_N1_DEFAULT    60
#define SWEEP_N2_DEFAULT    "60x30"
#define BASINS_N_DEFAULT    "80x40"
#define REPORT_WIDTH        76

/* ---- shared pieces --------------------------------------------------------------- */

/* Parameters a sweep may vary: the real and whole-number ones (not tol, maxiter). */
static int sweepable(const opt_param *p)
{
    return p->type != OPT_CHOICE && strcmp(p->name, "tol") != 0 && strcmp(p->name, "maxiter") != 0;
}

static ds_status find_param(const opt_algo *al, const char *name, const opt_param **out,
                            ds_err *err)
{
    const char *names[32];
    int n = 0;
    sbuf list;
    sbuf_init(&list);
    const opt_param *p;
    for (int i = 0; (p = opt_param_at(al, i)) && n < 32; i++)
        if (sweepable(p)) {
            names[n++] = p->name;
            sbuf_printf(&list, "%s%s", n > 1 ? ", " : "", p->name);
        }
    p = opt_param_find(al, name);
    if (p && sweepable(p)) {
        sbuf_free(&list);
        *out = p;
        return DS_OK;
    }
    const char *near = text_nearest_word(name, names, n);
    if (p)
        ds_err_set(err, DS_EARG, "%s cannot be swept (%s); %s's numeric parameters are %s", name,
                   p->type == OPT_CHOICE ? "it is a choice of words" : "it is a stopping rule",
                   al->name, sbuf_str(&list));
    else if (near)
        ds_err_set(err, DS_EUNKNOWN,
                   "%s has no parameter '%s' (did you mean '%s'?); its numeric parameters are %s",
                   al->name, name, near, sbuf_str(&list));
    else
        ds_err_set(err, DS_EUNKNOWN, "%s has no parameter '%s'; its numeric parameters are %s",
                   al->name, name, sbuf_str(&list));
    sbuf_free(&list);
    return err->code;
}

/* "A..B" inside p's valid interval, A < B; log spacing needs A > 0. */
static ds_status parse_range(const char *tok, const opt_param *p, const char *algo, double *lo,
                             double *hi, ds_err *err)
{
    const char *dots = strstr(tok, "..");
    if (!dots)
        return ds_err_set(err, DS_EARG, "a range is written A..B (like 0.001..1), got '%s'", tok);
    char a[64], b[64];
    size_t la = (size_t)(dots - tok);
    if (la == 0 || la >= sizeof a || strlen(dots + 2) == 0 || strlen(dots + 2) >= sizeof b)
        return ds_err_set(err, DS_EARG, "a range is written A..B (like 0.001..1), got '%s'", tok);
    memcpy(a, tok, la);
    a[la] = '\0';
    strcpy(b, dots + 2);
    if (cmd_number(a, "the range's start", lo, err) || cmd_number(b, "the range's end", hi, err))
        return err->code;
    if (!(*lo < *hi)) {
        if (*lo == *hi)
            return ds_err_set(err, DS_ERANGE,
                              "the range %s is empty: the end must be larger than the start", tok);
        return ds_err_set(err, DS_ERANGE,
                          "the range %s is reversed: write the smaller value first, as %s..%s", tok,
                          b, a);
    }
    double v[2] = {*lo, *hi};
    for (int i = 0; i < 2; i++) {
        int below = v[i] < p->lo || (p->lo_open && v[i] == p->lo);
        int above = v[i] > p->hi || (p->hi_open && v[i] == p->hi);
        if (below || above) {
            sbuf r;
            sbuf_init(&r);
            opt_range_text(p, &r);
            ds_err_set(err, DS_ERANGE, "%s's %s must be %s; the range %s goes outside that", algo,
                       p->name, sbuf_str(&r), tok);
            sbuf_free(&r);
            return DS_ERANGE;
        }
    }
    return DS_OK;
}

/* Log spacing suits rates and small constants that span decades. */
static int default_log(const opt_param *p)
{
    return strcmp(p->name, "lr") == 0 || strcmp(p->name, "eps") == 0 || strcmp(p->name, "wd") == 0;
}

/* "N" or "NxM"; dims = 1 or 2. */
static ds_status parse_grid(const char *v, int dims, int n[2], ds_err *err)
{
    char *end;
    errno = 0;
    long a = strtol(v, &end, 10), b = 1;
    if (end == v) goto bad;
    if (dims == 2) {
        if (*end != 'x' && *end != 'X') goto bad;
        const char *q = end + 1;
        b = strtol(q, &end, 10);
        if (end == q) goto bad;
    }
    if (*end) goto bad;
    if (a < 1 || b < 1)
        return ds_err_set(err, DS_ERANGE, "n must be at least 1 along each axis, got n=%s", v);
    if (errno == ERANGE || a > SWEEP_MAXCELLS || b > SWEEP_MAXCELLS || a * b > SWEEP_MAXCELLS)
        return ds_err_set(err, DS_ERANGE,
                          "n=%s asks for more than %d cells, the most one sweep may have", v,
                          SWEEP_MAXCELLS);
    n[0] = (int)a;
    n[1] = (int)b;
    return DS_OK;
bad:
    return ds_err_set(err, DS_EARG, "n is %s, got n=%s",
                      dims == 2 ? "NxM (like n=60x30)" : "a whole number (like n=50)", v);
}

/* Options every grid command takes: n=, steps=, threads=, lin|log, FILE. */
typedef struct {
    int n[2], have_n;
    long steps;
    long threads;
    int logsp; /* -1 default, 0 lin, 1 log */
    const char *file;
} grid_opts;

static ds_status parse_opts(const cmd_args *a, int from, int dims, int allow_spacing, grid_opts *g,
                            ds_err *err)
{
    g->have_n = 0;
    g->steps = 0;
    g->threads = 0;
    g->logsp = -1;
    g->file = NULL;
    for (int i = from; i < a->argc; i++) {
        char tok[256];
        snprintf(tok, sizeof tok, "%s", a->argv[i]);
        char *k, *v;
        if (cmd_split_kv(tok, &k, &v)) {
            if (strcmp(k, "n") == 0) {
                if (parse_grid(v, dims, g->n, err)) return err->code;
                g->have_n = 1;
            } else if (strcmp(k, "steps") == 0) {
                if (cmd_integer(v, "steps", 1, 1000000000L, &g->steps, err)) return err->code;
            } else if (strcmp(k, "threads") == 0) {
                if (cmd_integer(v, _("threads (0: one per core)"), 0, SWEEP_MAXTHREADS, &g->threads,
                                err))
                    return err->code;
            } else {
                return ds_err_set(
                    err, DS_EARG,
                    "unknown option '%s='; the options are n=, steps=, threads=%s and a FILE", k,
                    allow_spacing ? ", lin, log" : "");
            }
        } else if (allow_spacing && (strcmp(tok, "lin") == 0 || strcmp(tok, "log") == 0)) {
            g->logsp = strcmp(tok, "log") == 0;
        } else if (!g->file) {
            g->file = a->argv[i];
        } else {
            return ds_err_set(err, DS_EARG, "'%s' is one word too many (the file is already %s)",
                              a->argv[i], g->file);
        }
    }
    return DS_OK;
}

/* Steps per cell: steps=S, else the run's maxiter when changed, else 1000. */
static long cell_steps(const run *r, const grid_opts *g)
{
    if (g->steps) return g->steps;
    const opt_param *mp = opt_param_find(run_algo(r), "maxiter");
    double mi = run_hyper(r)->maxiter;
    return mi != mp->def ? (long)mi : SWEEP_STEPS_DEFAULT;
}

static sweep_view *new_view(sess *s, const run *r, sweep_view_kind kind, ds_err *err)
{
    sweep_view *v = ds_xcalloc(1, sizeof *v);
    if (!v) {
        ds_err_set(err, DS_ENOMEM, "out of memory for a sweep");
        return NULL;
    }
    v->kind = kind;
    v->sp.algo = run_algo(r);
    v->sp.h = *run_hyper(r);
    v->sp.sched = *run_sched(r);
    v->sp.start[0] = run_start(r)[0];
    v->sp.start[1] = run_start(r)[1];
    snprintf(v->obj, sizeof v->obj, "%s", s->obj.name);
    sweep_theory_of(&s->obj, &v->th);
    return v;
}

/* Start the job; batch waits and reports, the screen polls (CMDF_SWEEP, cmd_sweep_finish). */
static ds_status launch(sess *s, sweep_view *v, const grid_opts *g, cmd_ctx *c)
{
    if (c->sandbox && (double)sweep_ncells(&v->sp) * v->sp.h.maxiter > CMD_SANDBOX_STEPS) {
        ds_err_set(
            c->err, DS_EARG,
            "a lesson's line may take at most %ld steps in all; this asks for %ld cells of %ld",
            (long)CMD_SANDBOX_STEPS, sweep_ncells(&v->sp), (long)v->sp.h.maxiter);
        free(v);
        return DS_EARG;
    }
    if (g->file) {
        /* Fail now, not after the work, when the file cannot be written. */
        FILE *f = NULL;
        if (cmd_file(c, g->file, 1, v->file, sizeof v->file) == DS_OK && !(f = fopen(v->file, "a")))
            ds_err_set(c->err, DS_EIO, "cannot write %s: %s", g->file, strerror(errno));
        if (!f) {
            free(v);
            return c->err->code;
        }
        fclose(f);
    }
    v->job = sweep_start(&v->sp, &s->obj, (int)g->threads, c->err);
    if (!v->job) {
        free(v);
        return c->err->code;
    }
    sweep_view_free(s->sweep);
    s->sweep = v;
    v->shown = 1;
    if (c->interactive) {
        sbuf_printf(c->out, _("computing %ld cells in the background (Esc or Ctrl-C cancels)\n"),
                    sweep_ncells(&v->sp));
        c->flags |= CMDF_SWEEP | CMDF_REDRAW;
        return DS_OK;
    }
    return cmd_sweep_finish(s, c->out, c->err);
}

ds_status cmd_sweep_finish(sess *s, sbuf *out, ds_err *err)
{
    sweep_view *v = s->sweep;
    if (!v || v->reported) return DS_OK;
    sweep_wait(v->job);
    v->seconds = sweep_elapsed(v->job);
    v->reported = 1;
    if (v->file[0]) {
        fileout w;
        if (fileout_open(&w, v->file, err) != DS_OK) return err->code;
        long rows = sweep_view_csv(v, w.f);
        if (rows < 0) {
            fileout_abort(&w);
            return ds_err_set(err, DS_EIO, "cannot write '%s': %s", v->file, strerror(errno));
        }
        if (fileout_commit(&w, err) != DS_OK) return err->code;
        sbuf_printf(out, _("wrote %ld rows to %s\n"), rows, v->file);
    }
    sweep_view_report(v, out, REPORT_WIDTH, 0, s->digits);
    return DS_OK;
}

/* ---- sweep ------------------------------------------------------------------------ */

ds_status cmd_sweep(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_need_runs(s, c->err)) return c->err->code;
    const run *r = runset_selected(&s->runs);
    const opt_algo *al = run_algo(r);
    const opt_param *p[2] = {NULL, NULL};
    double lo[2], hi[2];
    if (find_param(al, a->argv[1], &p[0], c->err) ||
        parse_range(a->argv[2], p[0], al->name, &lo[0], &hi[0], c->err))
        return c->err->code;
    int dims = 1, from = 3;
    if (a->argc >= 5 && !strchr(a->argv[3], '=') && strstr(a->argv[4], "..")) {
        if (find_param(al, a->argv[3], &p[1], c->err) ||
            parse_range(a->argv[4], p[1], al->name, &lo[1], &hi[1], c->err))
            return c->err->code;
        if (p[1] == p[0])
            return ds_err_set(c->err, DS_EARG, "a map needs two different parameters, got %s twice",
                              p[0]->name);
        dims = 2;
        from = 5;
    }
    grid_opts g;
    if (parse_opts(a, from, dims, 1, &g, c->err)) return c->err->code;
    if (!g.have_n) {
        if (dims == 1)
            g.n[0] = SWEEP_N1_DEFAULT, g.n[1] = 1;
        else
            parse_grid(SWEEP_N2_DEFAULT, 2, g.n, c->err);
    }
    for (int d = 0; d < dims; d++) {
        int lg = g.logsp >= 0 ? g.logsp : default_log(p[d]);
        if (lg && lo[d] <= 0)
            return ds_err_set(c->err, DS_ERANGE,
                              "log spacing needs a range above 0, got %s starting at %g; say lin, "
                              "or start above 0",
                              p[d]->name, lo[d]);
    }
    sweep_view *v = new_view(s, r, dims == 1 ? VIEW_SWEEP : VIEW_MAP, c->err);
    if (!v) return c->err->code;
    v->sp.kind = SWEEP_PARAM;
    v->sp.h.maxiter = (double)cell_steps(r, &g);
    for (int d = 0; d < 2; d++) {
        v->sp.p[d] = d < dims ? p[d] : NULL;
        v->sp.lo[d] = d < dims ? lo[d] : 0;
        v->sp.hi[d] = d < dims ? hi[d] : 0;
        v->sp.n[d] = d < dims ? g.n[d] : 1;
        v->sp.logsp[d] = d < dims && (g.logsp >= 0 ? g.logsp : default_log(p[d]));
    }
    return launch(s, v, &g, c);
}

/* ---- basins ----------------------------------------------------------------------- */

ds_status cmd_basins(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_need_runs(s, c->err)) return c->err->code;
    const run *r = runset_selected(&s->runs);
    grid_opts g;
    if (parse_opts(a, 1, 2, 0, &g, c->err)) return c->err->code;
    if (!g.have_n) parse_grid(BASINS_N_DEFAULT, 2, g.n, c->err);
    sweep_view *v = new_view(s, r, VIEW_BASINS, c->err);
    if (!v) return c->err->code;
    v->sp.kind = SWEEP_BASINS;
    v->sp.h.maxiter = (double)cell_steps(r, &g);
    v->sp.lo[0] = s->view[0];
    v->sp.hi[0] = s->view[1];
    v->sp.lo[1] = s->view[2];
    v->sp.hi[1] = s->view[3];
    v->sp.n[0] = g.n[0];
    v->sp.n[1] = g.n[1];
    for (int k = 0; k < s->obj.nmin; k++, v->nknown++)
        memcpy(v->known[v->nknown], s->obj.minima[k], sizeof v->known[0]);
    v->nminima = v->nknown;
    for (int k = 0; k < s->obj.nsaddle; k++, v->nknown++)
        memcpy(v->known[v->nknown], s->obj.saddles[k], sizeof v->known[0]);
    double span = fmax(s->view[1] - s->view[0], s->view[3] - s->view[2]);
    v->tol_point = 1e-3 * span;
    return launch(s, v, &g, c);
}

/* ---- pick ------------------------------------------------------------------------- */

/* The grid index nearest value x along an axis. */
static int nearest_index(const sweep_view *v, int axis, double x)
{
    int best = 0;
    double bd = INFINITY;
    for (int i = 0; i < v->sp.n[axis]; i++) {
        double d = fabs(sweep_axis_value(&v->sp, axis, i) - x);
        if (d < bd) bd = d, best = i;
    }
    return best;
}

ds_status cmd_sweep_pick(sess *s, int i, int j, sbuf *out, ds_err *err)
{
    sweep_view *v = s->sweep;
    if (!v) return ds_err_set(err, DS_ESTATE, "there is no sweep, map or basins to pick from");
    if (!sweep_finished(v->job))
        return ds_err_set(err, DS_ESTATE, "the sweep is still computing: wait, or cancel it first");
    const sweep_cell *cell = sweep_view_cell(v, i, j);
    if (!cell || cell->status == CELL_PENDING)
        return ds_err_set(err, DS_ESTATE, "that cell was not computed (the sweep was cancelled)");
    if (strcmp(v->obj, s->obj.name) != 0)
        return ds_err_set(err, DS_ESTATE,
                          "the sweep was made on %s, the objective is now %s: sweep again", v->obj,
                          s->obj.name);
    if (runset_add(&s->runs, &s->obj, v->sp.algo->name, err)) return err->code;
    run *r = runset_selected(&s->runs);
    opt_hyper h = v->sp.h;
    const opt_param *mp = opt_param_find(v->sp.algo, "maxiter");
    h.maxiter = run_hyper(r)->maxiter; /* the run's own maxiter, not the sweep's cap */
    (void)mp;
    double start[2] = {v->sp.start[0], v->sp.start[1]};
    if (v->kind == VIEW_BASINS) {
        start[0] = sweep_axis_value(&v->sp, 0, i);
        start[1] = sweep_axis_value(&v->sp, 1, j);
    } else {
        for (int d = 0; d < (v->kind == VIEW_MAP ? 2 : 1); d++) {
            double x = sweep_axis_value(&v->sp, d, d ? j : i);
            opt_put(&h, v->sp.p[d], v->sp.p[d]->type == OPT_INT ? round(x) : x);
        }
    }
    run_set_start(r, start, &s->obj);
    run_set_algo(r, v->sp.algo, &h, &s->obj);
    v->shown = 0;
    sbuf_puts(out, _("picked "));
    sweep_view_cell_text(v, i, j, out, s->digits);
    sbuf_puts(out, "\n");
    cmd_describe_run(s, runset_count(&s->runs) - 1, out);
    sbuf_puts(out, "\n");
    return DS_OK;
}

ds_status cmd_pick(sess *s, const cmd_args *a, cmd_ctx *c)
{
    sweep_view *v = s->sweep;
    if (!v)
        return ds_err_set(c->err, DS_ESTATE,
                          "there is no sweep, map or basins to pick from: sweep or basins first");
    int need = v->kind == VIEW_SWEEP ? 1 : 2;
    int i = 0, j = 0;
    if (a->argc == 1) {
        /* the fastest converged cell */
        long n = sweep_ncells(&v->sp), bk = -1;
        const sweep_cell *cells = sweep_cells(v->job);
        for (long k = 0; k < n && sweep_finished(v->job); k++)
            if (cells[k].status == CELL_CONVERGED && (bk < 0 || cells[k].steps < cells[bk].steps))
                bk = k;
        if (bk < 0)
            return ds_err_set(c->err, DS_ESTATE, "no cell converged: pick X%s names one",
                              need == 2 ? " Y" : "");
        i = (int)(bk % v->sp.n[0]);
        j = (int)(bk / v->sp.n[0]);
    } else if (a->argc == 1 + need) {
        double x[2] = {0, 0};
        for (int d = 0; d < need; d++)
            if (cmd_number(a->argv[1 + d], d ? "Y" : "X", &x[d], c->err)) return c->err->code;
        i = nearest_index(v, 0, x[0]);
        j = need == 2 ? nearest_index(v, 1, x[1]) : 0;
    } else {
        return cmd_usage_error(a, c,
                               "this %s picks a cell by %s (or pick alone for the fastest cell)",
                               v->kind == VIEW_SWEEP ? "sweep"
                               : v->kind == VIEW_MAP ? "map"
                                                     : "basins",
                               v->kind == VIEW_SWEEP ? "one VALUE"
                               : v->kind == VIEW_MAP ? "VALUE1 VALUE2"
                                                     : "X Y");
    }
    if (cmd_sweep_pick(s, i, j, c->out, c->err)) return c->err->code;
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}
