/* cmd_run.c — the commands about runs: choosing algorithms (algo, add, select, del),
 * their parameters (set), where they start (start, reset) and moving them (step, run,
 * pause); the table of every run command (runs and trace are in cmd_run_show.c, sched
 * and earlystop in cmd_sched.c). Every command checks its whole line before it changes
 * anything. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd_table.h"
#include "cmd_run_internal.h"
#include "descent/i18n.h"
#include "descent/vocab.h"
#include "descent/fmt.h"
#include "descent/text.h"

#define STEP_MAX          1000000000L /* most steps one command may ask for */
#define RUN_DEFAULT_STEPS 100000      /* `run` without N: until every run stops, at most this */

/* ---- shared pieces --------------------------------------------------------------- */

ds_status cmd_need_runs(const sess *s, ds_err *err)
{
    if (runset_count(&s->runs) > 0) return DS_OK;
    return ds_err_set(err, DS_ESTATE, "there are no runs: algo NAME creates one (list algos)");
}

/* A 1-based run number. */
ds_status cmd_run_number(const sess *s, const char *tok, int *idx, ds_err *err)
{
    if (cmd_need_runs(s, err)) return err->code;
    int count = runset_count(&s->runs);
    char *end;
    long n = strtol(tok, &end, 10);
    if (end == tok || *end)
        return ds_err_set(err, DS_EARG,
                          "a run number must be a whole number, got '%s' (runs "
                          "lists them)",
                          tok);
    if (n < 1 || n > count) {
        if (count == 1)
            return ds_err_set(err, DS_ERANGE, "there is no run %s, only run 1 (runs lists it)",
                              tok);
        return ds_err_set(err, DS_ERANGE,
                          "there is no run %s: the runs are 1 to %d (runs lists "
                          "them)",
                          tok, count);
    }
    *idx = (int)n - 1;
    return DS_OK;
}

static const opt_param *algo_find(const void *ctx, const char *key)
{
    return opt_param_find(ctx, key);
}
static const opt_param *algo_at(const void *ctx, int i)
{
    return opt_param_at(ctx, i);
}
static kv_spec algo_spec(const opt_algo *alg, char *example, size_t n)
{
    const opt_param *p0 = opt_param_at(alg, 0);
    if (p0) {
        sbuf v;
        sbuf_init(&v);
        opt_value_text(p0, p0->def, &v, 6);
        snprintf(example, n, "algo %s %s=%s", alg->name, p0->name, sbuf_str(&v));
        sbuf_free(&v);
    } else {
        snprintf(example, n, "algo %s", alg->name);
    }
    kv_spec k = {alg->name, example, algo_find, algo_at, alg};
    return k;
}

static ds_status find_algo(const char *name, const opt_algo **out, ds_err *err)
{
    *out = opt_find(name);
    return *out ? DS_OK : opt_unknown(name, 1, err);
}

/* "run 2 adam: lr=0.01 beta1=0.9 ... from [-1.2, 1]" */
void cmd_describe_run(const sess *s, int i, sbuf *out)
{
    const run *r = runset_get(&s->runs, i);
    sbuf_printf(out, _("run %d %s: "), i + 1, run_algo_name(r));
    run_params_text(r, out, s->digits);
    sbuf_puts(out, _("; start "));
    fmt_vec2(out, run_start(r), s->digits);
    sbuf_puts(out, "\n");
}

void cmd_put_value(sbuf *out, double v, int digits)
{
    fmt_num(out, v, digits); /* "undefined" when not finite */
}

/* One line per run after stepping: where it is and, once stopped, why. */
static void report_run(const sess *s, int i, sbuf *out)
{
    const run *r = runset_get(&s->runs, i);
    const run_row *c = run_current(r);
    int d = s->digits;
    double th[2] = {c->x, c->y};
    sbuf_printf(out, _("run %d %s: iter %ld  θ = "), i + 1, run_algo_name(r), run_iter(r));
    fmt_vec2(out, th, d);
    sbuf_puts(out, "  f = ");
    cmd_put_value(out, c->f, d);
    sbuf_puts(out, "  ‖∇f‖ = ");
    cmd_put_value(out, hypot(c->gx, c->gy), d);
    if (!isnan(c->val)) {
        sbuf_puts(out, _("  val = "));
        cmd_put_value(out, c->val, d);
    }
    const char *t = run_status_text(r);
    if (*t) sbuf_printf(out, "\n  %s", t);
    sbuf_puts(out, "\n");
}

/* ---- algo, add, select, del ------------------------------------------------------ */

ds_status cmd_algo(sess *s, const cmd_args *a, cmd_ctx *c)
{
    run *sel = runset_selected(&s->runs);
    if (a->argc == 1) {
        if (!sel) return cmd_need_runs(s, c->err);
        cmd_describe_run(s, s->runs.selected, c->out);
        return DS_OK;
    }
    const opt_algo *alg;
    if (find_algo(a->argv[1], &alg, c->err)) return c->err->code;
    opt_hyper h;
    opt_defaults(alg, &h);
    if (sel) { /* tol and maxiter carry over to the new algorithm */
        h.tol = run_hyper(sel)->tol;
        h.maxiter = run_hyper(sel)->maxiter;
    }
    char example[96];
    kv_spec k = algo_spec(alg, example, sizeof example);
    if (cmd_parse_kvs(a, 2, &k, &h, c->err)) return c->err->code;
    if (!sel) {
        if (runset_add(&s->runs, &s->obj, alg->name, c->err)) return c->err->code;
        sel = runset_selected(&s->runs);
    }
    run_set_algo(sel, alg, &h, &s->obj);
    cmd_describe_run(s, s->runs.selected, c->out);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

ds_status cmd_add(sess *s, const cmd_args *a, cmd_ctx *c)
{
    const opt_algo *alg;
    if (find_algo(a->argv[1], &alg, c->err)) return c->err->code;
    opt_hyper h;
    opt_defaults(alg, &h);
    char example[96];
    kv_spec k = algo_spec(alg, example, sizeof example);
    if (cmd_parse_kvs(a, 2, &k, &h, c->err)) return c->err->code;
    if (runset_add(&s->runs, &s->obj, alg->name, c->err)) return c->err->code;
    if (a->argc > 2) run_set_algo(runset_selected(&s->runs), alg, &h, &s->obj);
    cmd_describe_run(s, s->runs.selected, c->out);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

ds_status cmd_select(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int i;
    if (cmd_run_number(s, a->argv[1], &i, c->err)) return c->err->code;
    runset_select(&s->runs, i);
    cmd_describe_run(s, i, c->out);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

ds_status cmd_del(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int i;
    if (cmd_run_number(s, a->argv[1], &i, c->err)) return c->err->code;
    int last = i == runset_count(&s->runs) - 1;
    sbuf_printf(c->out, _("deleted run %d (%s)%s\n"), i + 1, run_algo_name(runset_get(&s->runs, i)),
                last ? "" : "; the runs after it moved down one number");
    runset_del(&s->runs, i);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

/* ---- set ------------------------------------------------------------------------- */

/* Without a run a key can only be a session setting: say so, with the nearest one. */
static ds_status not_a_setting(const char *key, ds_err *err)
{
    const char *names[16];
    sbuf all;
    sbuf_init(&all);
    int n = vocab_row_names(cmd_settings, sizeof *cmd_settings, NULL, names, 16, &all);
    const char *near = text_nearest_word(key, names, n);
    sbuf hint;
    sbuf_init(&hint);
    if (near) sbuf_printf(&hint, _(" (did you mean '%s'?)"), near);
    ds_err_set(err, DS_EUNKNOWN,
               "'%s' is not a session setting (%s)%s, and there is no run whose parameter it "
               "could be (algo NAME creates one)",
               key, sbuf_str(&all), sbuf_str(&hint));
    sbuf_free(&hint);
    sbuf_free(&all);
    return DS_EUNKNOWN;
}

ds_status cmd_set(sess *s, const cmd_args *a, cmd_ctx *c)
{
    run *sel = runset_selected(&s->runs);
    if (a->argc == 1) {
        if (sel) cmd_describe_run(s, s->runs.selected, c->out);
        cmd_settings_show(s, c->out);
        return DS_OK;
    }
    /* Gather the pairs: "set KEY VALUE" or "set KEY=VALUE ...". */
    enum { MAXPAIRS = CMD_MAXARGS };
    char store[MAXPAIRS][256];
    char *keys[MAXPAIRS], *values[MAXPAIRS];
    int npairs = 0;
    if (a->argc == 3 && !strchr(a->argv[1], '=') && !strchr(a->argv[2], '=')) {
        keys[0] = a->argv[1];
        values[0] = a->argv[2];
        npairs = 1;
    } else if (a->argc == 4 && strcmp(a->argv[1], "direction") == 0) {
        /* the one two-number setting: set direction DX DY */
        snprintf(store[0], sizeof store[0], "%s,%s", a->argv[2], a->argv[3]);
        keys[0] = a->argv[1];
        values[0] = store[0];
        npairs = 1;
    } else {
        for (int i = 1; i < a->argc; i++) {
            snprintf(store[npairs], sizeof store[npairs], "%s", a->argv[i]);
            if (!cmd_split_kv(store[npairs], &keys[npairs], &values[npairs]) || !*keys[npairs])
                return ds_err_set(c->err, DS_ESYNTAX,
                                  "expected KEY=VALUE, got '%s' (set KEY VALUE for one, or set "
                                  "KEY=VALUE ... for several, e.g. set lr=0.01 digits=4)",
                                  a->argv[i]);
            npairs++;
        }
    }
    /* Check every pair first, so a bad one changes nothing. */
    const opt_algo *alg = sel ? run_algo(sel) : NULL;
    const opt_param *params[MAXPAIRS];
    double vals[MAXPAIRS];
    for (int i = 0; i < npairs; i++) {
        params[i] = NULL;
        ds_status st = cmd_setting_check(keys[i], values[i], &vals[i], c->err);
        if (st == DS_OK) continue;
        if (st != DS_EUNKNOWN) return st;
        if (!alg) {
            return not_a_setting(keys[i], c->err);
        }
        params[i] = opt_param_find(alg, keys[i]);
        if (!params[i]) {
            char example[96];
            kv_spec k = algo_spec(alg, example, sizeof example);
            return cmd_unknown_key(&k, &cmd_settings_spec, keys[i], c->err);
        }
        if (opt_parse_value(params[i], alg->name, values[i], &vals[i], c->err)) return c->err->code;
    }
    for (int i = 0; i < npairs; i++) {
        if (params[i]) continue;
        ds_status st = cmd_setting_apply(s, keys[i], values[i], c->err);
        if (st) return st;
    }
    int changed = 0;
    for (int i = 0; i < npairs; i++) {
        if (!params[i]) continue;
        run_set_param(sel, params[i], vals[i], &s->obj);
        changed = 1;
    }
    if (changed) {
        sbuf_printf(c->out, _("run %d %s: "), s->runs.selected + 1, alg->name);
        run_params_text(sel, c->out, s->digits);
        sbuf_puts(c->out, run_get_status(sel) == RUN_READY
                              ? _(" (from the next step)\n")
                              : _(" (the run has stopped: reset starts it again)\n"));
        c->flags |= CMDF_REDRAW;
    }
    return DS_OK;
}

/* ---- start, reset ---------------------------------------------------------------- */

ds_status cmd_start(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_need_runs(s, c->err)) return c->err->code;
    int n = runset_count(&s->runs);
    if (a->argc == 1) {
        for (int i = 0; i < n; i++) {
            sbuf_printf(c->out, _("run %d %s starts at "), i + 1,
                        run_algo_name(runset_get(&s->runs, i)));
            fmt_vec2(c->out, run_start(runset_get(&s->runs, i)), s->digits);
            sbuf_puts(c->out, "\n");
        }
        return DS_OK;
    }
    if (a->argc == 2)
        return cmd_usage_error(a, c, "a start needs both X and Y, got only '%s'", a->argv[1]);
    int which = -1, at = 1;
    if (a->argc == 4) {
        if (cmd_run_number(s, a->argv[1], &which, c->err)) return c->err->code;
        at = 2;
    }
    double p[2];
    if (cmd_number(a->argv[at], "X", &p[0], c->err) ||
        cmd_number(a->argv[at + 1], "Y", &p[1], c->err))
        return c->err->code;
    for (int i = 0; i < n; i++)
        if (which < 0 || which == i) run_set_start(runset_at(&s->runs, i), p, &s->obj);
    if (which >= 0 || n == 1)
        sbuf_printf(c->out, _("run %d starts at "), which >= 0 ? which + 1 : 1);
    else
        sbuf_printf(c->out, _("all %d runs start at "), n);
    fmt_vec2(c->out, p, s->digits);
    sbuf_puts(c->out, _(" (reset)\n"));
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

ds_status cmd_reset(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    if (cmd_need_runs(s, c->err)) return c->err->code;
    runset_reset(&s->runs, &s->obj);
    int n = runset_count(&s->runs);
    sbuf_printf(c->out, _("%d run%s back at the start\n"), n, n == 1 ? "" : "s");
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

/* ---- step, run, pause ------------------------------------------------------------ */

#define STEP_CHUNK    1000 /* steps in the first chunk between polls for an interruption */
#define STEP_CHUNK_MS 10   /* a chunk doubles while it takes less than this */

static ds_status steps_arg(const cmd_args *a, const cmd_ctx *c, long dflt, long *n)
{
    /* A lesson's own lines are bounded: opening a step must not take minutes. */
    long max = c->sandbox ? CMD_SANDBOX_STEPS : STEP_MAX;
    *n = dflt < max ? dflt : max;
    if (a->argc == 2 && cmd_integer(a->argv[1],
                                    c->sandbox ? _("the number of steps N in a lesson's line")
                                               : _("the number of steps N"),
                                    1, max, n, c->err))
        return c->err->code;
    return DS_OK;
}

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return 1e3 * (double)ts.tv_sec + 1e-6 * (double)ts.tv_nsec;
}

/* Step in chunks so that a long command can be stopped (the screen's Ctrl-C): the
 * runs are independent, so chunks give the same result as one go. A chunk doubles while
 * it takes under STEP_CHUNK_MS, so Ctrl-C is answered within about that however fast
 * the steps are, and long chunks let runset_step take its long-run path (it writes only
 * the trail rows thinning will keep; 1000-step chunks never reached it). Without a way
 * to interrupt (batch, -c) it is one go. */
static ds_status do_steps(sess *s, long n, cmd_ctx *c)
{
    long done = 0, chunk = c->interrupted ? STEP_CHUNK : n;
    int stopped = 0;
    while (done < n) {
        if (done > 0 && c->interrupted && c->interrupted()) {
            stopped = 1;
            break;
        }
        long k = n - done < chunk ? n - done : chunk;
        double t0 = ms_now();
        int moved = runset_step(&s->runs, &s->obj, k);
        if (ms_now() - t0 < STEP_CHUNK_MS && chunk < LONG_MAX / 2) chunk *= 2;
        done += k;
        if (!moved) break;
    }
    for (int i = 0; i < runset_count(&s->runs); i++)
        report_run(s, i, c->out);
    if (stopped) sbuf_printf(c->out, _("interrupted: %ld of %ld steps done\n"), done, n);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

ds_status cmd_step(sess *s, const cmd_args *a, cmd_ctx *c)
{
    long n;
    if (steps_arg(a, c, 1, &n)) return c->err->code;
    if (cmd_need_runs(s, c->err)) return c->err->code;
    return do_steps(s, n, c);
}

ds_status cmd_run(sess *s, const cmd_args *a, cmd_ctx *c)
{
    long n;
    if (steps_arg(a, c, RUN_DEFAULT_STEPS, &n)) return c->err->code;
    if (cmd_need_runs(s, c->err)) return c->err->code;
    if (c->interactive) {
        c->flags |= CMDF_ANIMATE;
        if (a->argc == 1) c->flags |= CMDF_FAST_FORWARD; /* "until every run stops" */
        c->animate_steps = n;
        return DS_OK;
    }
    return do_steps(s, n, c);
}

ds_status cmd_speed(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        sbuf_puts(c->out, "speed = ");
        fmt_num(c->out, s->speed, s->digits);
        sbuf_puts(c->out, _(" steps per second\n"));
        return DS_OK;
    }
    return cmd_setting_apply(s, "speed", a->argv[1], c->err);
}

ds_status cmd_pause(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    (void)s;
    c->flags |= CMDF_PAUSE | CMDF_WAIT_KEY;
    return DS_OK;
}
