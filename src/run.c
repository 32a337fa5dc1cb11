/* run.c — a run (algorithm, hyperparameters, schedule, early stopping, start, optimizer
 * state, trail) and the runset of runs compared side by side: stepping with the stop
 * rules (converged, diverged, early-stopped, maxiter, stalled) and a trail whose memory
 * stays bounded however long the run goes. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/fmt.h"
#include "run_internal.h"

/* ---- small helpers --------------------------------------------------------------- */

static int has_split(const objective *o)
{
    return obj_is_data(o) && o->data->ntrain < o->data->n;
}

/* The loss plateau watches: validation loss with a split, else f. */
static double plateau_loss(const run_row *row)
{
    return isnan(row->val) ? row->f : row->val;
}

/* What early stopping minimises: monitor=val the validation loss when there is a split,
 * monitor=acc minus the validation accuracy (the course's mode=max), otherwise f. */
static double estop_loss(const run *r, const run_row *row)
{
    if (r->es.monitor == ESTOP_MONITOR_ACC && !isnan(row->acc)) return -row->acc;
    return r->es.monitor == ESTOP_MONITOR_VAL && !isnan(row->val) ? row->val : row->f;
}

/* Store a row's fields one by one: a row built in memory and then copied whole would be
 * read back with wider loads than it was written with, which the CPU cannot forward from
 * its store buffer (a stall on every step). */
static inline void put_row(run_row *d, long iter, const double v[6], double train, double val,
                           double acc)
{
    d->iter = iter;
    d->x = v[0];
    d->y = v[1];
    d->f = v[2];
    d->gx = v[3];
    d->gy = v[4];
    d->lr = v[5];
    d->train = train;
    d->val = val;
    d->acc = acc;
}

/* The row of the current iterate into `row`, and into `also` when not NULL. */
OPT_SCALAR static void make_row(const run *r, const objective *o, double lr, run_row *row,
                                run_row *also)
{
    const opt_state *st = &r->st;
    const double v[6] = {st->x[0], st->x[1], st->f, st->g[0], st->g[1], lr};
    double train = NAN, val = NAN, acc = NAN;
    if (obj_is_data(o)) {
        train = st->f;
        if (has_split(o)) val = obj_val_loss(o, st->x[0], st->x[1]);
        acc = obj_val_accuracy(o, st->x[0], st->x[1]); /* NAN unless logreg, split */
    }
    put_row(row, st->t, v, train, val, acc);
    if (also) put_row(also, st->t, v, train, val, acc);
}

static void add_evals(run *r, const objective *o, const unsigned long before[3])
{
    for (int i = 0; i < 3; i++)
        r->evals[i] += o->evals[i] - before[i];
}

static void note_newton(run *r);

/* Stop with a reason; newton's indefinite-Hessian remark rides along. */
static void stop(run *r, run_status s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void stop(run *r, run_status s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->text, sizeof r->text, _(fmt), ap); /* marked for `make pot` as stop:3 */
    va_end(ap);
    r->status = s;
    if (r->st.nonpd_count) {
        size_t n = strlen(r->text);
        snprintf(r->text + n, sizeof r->text - n, _("; H was not positive definite at step %ld"),
                 r->st.nonpd_first);
    }
}

static void note_newton(run *r)
{
    const opt_state *st = &r->st;
    r->nonpd_seen = st->nonpd_count;
    const char *policy = r->h.hess == 0   ? _("the raw Newton step was taken; hess=shift or "
                                                "hess=abs avoids that")
                         : r->h.hess == 1 ? _("shifted by μI")
                                          : _("eigenvalues replaced by |λ|");
    if (st->nonpd_count == 1)
        snprintf(r->text, sizeof r->text, _("H not positive definite at step %ld (%s)"),
                 st->nonpd_first, policy);
    else
        snprintf(r->text, sizeof r->text,
                 P_("H not positive definite at step %ld and %ld more step (%s)",
                    "H not positive definite at step %ld and %ld more steps (%s)",
                    st->nonpd_count - 1),
                 st->nonpd_first, st->nonpd_count - 1, policy);
}

/* ---- the trail ------------------------------------------------------------------- */

/* The first row at or after index `from` whose iter is at least `iter` (the trail is in
 * ascending iter order). */
static int first_at(const run *r, int from, long iter)
{
    int lo = from, hi = r->ntrail;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (r->trail[mid].iter < iter)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Keep the newest quarter of the cap dense; before that keep only rows at multiples of
 * a stride, doubled until they fill at most half the cap. The description "every Kth
 * row before iter B" stays exact, and each pass frees at least a quarter of the cap,
 * so the cost per step is a few row copies. */
static void trail_thin(run *r)
{
    long newest = r->trail[r->ntrail - 1].iter;
    long before = newest - r->cap / 4 + 1;
    if (before < r->before) before = r->before;
    long k = r->stride;
    while ((before + k - 1) / k > r->cap / 2)
        k *= 2;
    for (;;) {
        /* With the stride unchanged, the rows before the old `before` are already at its
         * multiples and all stay: start filtering after them (the trail is in iter order). */
        int w = k == r->stride ? first_at(r, 0, r->before) : 0;
        /* Rows are in ascending iter order, so the next multiple of k is carried along
         * instead of dividing for every row, and rows before the first one dropped
         * stay where they are; the dense tail after `before` moves as one block. */
        int i = w;
        long mult = LONG_MIN;
        int end = first_at(r, w, before);
        /* Consecutive iterations (no rewind in between, the usual case): jump from one
         * multiple of k to the next without reading the rows between. */
        if (end > i && r->trail[end - 1].iter - r->trail[i].iter == end - 1 - i) {
            long it0 = r->trail[i].iter;
            for (long m = it0 % k == 0 ? it0 : (it0 / k + 1) * k; m < before; m += k) {
                int at = i + (int)(m - it0);
                if (w != at) r->trail[w] = r->trail[at];
                w++;
            }
            i = end;
        }
        for (; i < r->ntrail && r->trail[i].iter < before; i++) {
            long it = r->trail[i].iter;
            if (it > mult) mult += k; /* rows are at most the old stride apart */
            if (it > mult) mult = it % k == 0 ? it : (it / k + 1) * k;
            if (it != mult) continue;
            if (w != i) r->trail[w] = r->trail[i];
            w++;
        }
        if (w != i) memmove(r->trail + w, r->trail + i, sizeof *r->trail * (size_t)(r->ntrail - i));
        w += r->ntrail - i;
        int freed = w < r->ntrail;
        r->ntrail = w;
        if (freed) break;
        k *= 2; /* cannot happen with a full trail; a guard against looping forever */
    }
    r->stride = k;
    r->before = before;
}

void run_trail_push(run *r, const run_row *row)
{
    if (r->ntrail >= r->cap) trail_thin(r);
    if (r->ntrail == r->alloc) {
        int want = r->alloc ? r->alloc * 2 : 256;
        if (want > r->cap) want = r->cap;
        run_row *p = ds_xrealloc(r->trail, sizeof *p * (size_t)want);
        if (!p) { /* out of memory: live with the rows we have */
            r->cap = r->alloc;
            if (r->ntrail == 0) return;
            trail_thin(r);
        } else {
            r->trail = p;
            r->alloc = want;
        }
    }
    r->trail[r->ntrail++] = *row;
}

/* ---- stepping -------------------------------------------------------------------- */

/* One step; `tt` is the tol test prepared for r->h. Everything a step does besides the
 * step itself is a compare or two unless something happens (run_step calls this ten
 * million times for `step 10000000`). */
/* A long `step N`: the trail rows that will survive thinning if all N steps are taken
 * (iter >= before, or a multiple of stride; `next` is the next such multiple). */
typedef struct {
    long before, stride, next;
} trail_plan;

OPT_SCALAR static int step_once(run *r, objective *o, const opt_tol_test *tt, trail_plan *plan)
{
    opt_state *st = &r->st;
    const opt_algo *a = r->algo;
    double lr = a->flags & OPTF_LR && (sched_kind)r->sched.kind != SCHED_CONST
                    ? sched_lr(&r->sched, &r->sst, r->h.lr, st->t)
                    : r->h.lr;
    double keep[6] = {st->x[0], st->x[1], st->f, st->g[0], st->g[1], st->fprev};
    long k = st->t + 1;
    opt_explain *ex = st->ex;
    if (ex) { /* the step fills in its own terms */
        ex->t = 0;
        ex->x0[0] = st->x[0];
        ex->x0[1] = st->x[1];
        ex->f0 = st->f;
        ex->g0[0] = st->g[0];
        ex->g0[1] = st->g[1];
        ex->lr = lr;
    }
    if (a->step(st, &r->h, o, lr) != OPT_OK) {
        stop(r, RUN_STALLED, "stalled at step %ld: %s", k, st->why);
        return 0;
    }
    const char *bad = opt_value_ok(st) ? NULL : opt_bad_value(st);
    if (bad) { /* keep the last finite iterate as the position */
        st->x[0] = keep[0];
        st->x[1] = keep[1];
        st->f = keep[2];
        st->g[0] = keep[3];
        st->g[1] = keep[4];
        st->fprev = keep[5];
        stop(r, RUN_DIVERGED, "diverged at step %ld: %s (θ stays at step %ld)", k, bad, k - 1);
        return 0;
    }
    st->t = k;
    if (ex) {
        ex->t = k;
        ex->x1[0] = st->x[0];
        ex->x1[1] = st->x[1];
        ex->f1 = st->f;
        ex->lr = st->lr;
    }
    if (plan) { /* room was made for every surviving row */
        int keep_row = k >= plan->before || k == plan->next;
        if (k == plan->next) plan->next += plan->stride;
        make_row(r, o, st->lr, &r->cur, keep_row ? &r->trail[r->ntrail++] : NULL);
    } else if (r->ntrail < r->alloc && r->ntrail < r->cap) {
        make_row(r, o, st->lr, &r->cur, &r->trail[r->ntrail++]);
    } else {
        make_row(r, o, st->lr, &r->cur, NULL);
        run_trail_push(r, &r->cur);
    }
    if (st->nonpd_count != r->nonpd_seen) note_newton(r);
    if (opt_tol_met(tt, st)) {
        double gn = opt_gnorm(a, &r->h, st);
        stop(r, RUN_CONVERGED, "converged at step %ld (%s = %g < tol = %g)", k,
             opt_gnorm_name(a, &r->h), gn, r->h.tol);
        return 0;
    }
    if ((sched_kind)r->sched.kind == SCHED_PLATEAU)
        sched_observe(&r->sched, &r->sst, plateau_loss(&r->cur));
    if (r->es.on) {
        estop_verdict v = estop_observe(&r->es, &r->est, estop_loss(r, &r->cur), k);
        if (v == ESTOP_IMPROVED) r->best = r->cur;
        if (v == ESTOP_STOP) {
            int acc = r->es.monitor == ESTOP_MONITOR_ACC && !isnan(r->cur.acc);
            const char *what = acc ? _("validation accuracy")
                               : r->es.monitor == ESTOP_MONITOR_VAL && has_split(o)
                                   ? _("validation loss")
                                   : "f";
            int restore = r->es.restore != 0;
            if (restore) {
                st->x[0] = r->best.x;
                st->x[1] = r->best.y;
                st->f = r->best.f;
                st->g[0] = r->best.gx;
                st->g[1] = r->best.gy;
                r->cur = r->best;
            }
            stop(r, RUN_EARLYSTOP,
                 "early-stopped at step %ld: %s did not improve for %ld steps (best %g at step "
                 "%ld)%s",
                 k, what, (long)r->es.patience, acc ? -r->est.best : r->est.best, r->est.best_iter,
                 restore ? _("; position restored to that step") : "");
            return 0;
        }
    }
    if ((double)k >= r->h.maxiter) {
        stop(r, RUN_MAXITER, "reached maxiter = %ld at step %ld", (long)r->h.maxiter, k);
        run_snap_step(r);
        return 0;
    }
    run_snap_step(r);
    return 1;
}

int run_step_once(run *r, objective *o)
{
    opt_tol_test tt;
    opt_tol_prepare(&tt, r->algo, &r->h);
    return step_once(r, o, &tt, NULL);
}

/* Stop rules that hold without a step (at the start, or after tol/maxiter changed). */
static void check_standing(run *r)
{
    const opt_state *st = &r->st;
    double gn = opt_gnorm(r->algo, &r->h, st);
    if (gn < r->h.tol)
        stop(r, RUN_CONVERGED, "converged at step %ld (%s = %g < tol = %g)", st->t,
             opt_gnorm_name(r->algo, &r->h), gn, r->h.tol);
    else if ((double)st->t >= r->h.maxiter)
        stop(r, RUN_MAXITER, "reached maxiter = %ld at step %ld", (long)r->h.maxiter, st->t);
}

void run_reset(run *r, objective *o)
{
    unsigned long e0[3] = {o->evals[0], o->evals[1], o->evals[2]};
    ds_err err;
    memset(r->evals, 0, sizeof r->evals);
    r->status = RUN_READY;
    r->text[0] = '\0';
    r->nonpd_seen = 0;
    r->ex.t = 0;
    run_snap_clear(r);
    r->ntrail = 0;
    r->stride = 1;
    r->before = 0;
    if (opt_state_init(&r->st, r->algo, &r->h, o, r->start, &err) != DS_OK) {
        add_evals(r, o, e0);
        make_row(r, o, NAN, &r->cur, NULL);
        stop(r, RUN_STALLED, "stalled at step 0: %s", err.msg);
        return;
    }
    add_evals(r, o, e0);
    make_row(r, o, NAN, &r->cur, NULL);
    run_trail_push(r, &r->cur);
    r->best = r->cur;
    sched_state_init(&r->sst);
    estop_state_init(&r->est);
    const char *bad = opt_bad_value(&r->st);
    if (bad)
        stop(r, RUN_DIVERGED, "diverged at step 0: %s at the start (%g, %g); start X Y moves it",
             bad, r->start[0], r->start[1]);
    else
        check_standing(r);
    run_snap_pin(r);
}

/* ---- many steps at once --------------------------------------------------------- */

/* Rows 0..newest kept by (before, stride): multiples of stride below before, all after. */
static long kept_rows(long newest, long before, long stride)
{
    return (before + stride - 1) / stride + (newest >= before ? newest - before + 1 : 0);
}

/* The trail is exactly rows 0..t kept by its (before, stride): what every step, thinning
 * and rewind keep it (test_trail_thinning_exact), checked before relying on it. */
static int trail_is_filter(const run *r)
{
    long t = r->st.t;
    return r->ntrail >= 1 && r->trail[0].iter == 0 && r->trail[r->ntrail - 1].iter == t &&
           r->before <= t + 1 && r->ntrail == kept_rows(t, r->before, r->stride) &&
           r->ntrail <= r->cap;
}

/* Where trail_thin would leave (before, stride) after rows up to `last` were pushed one
 * by one from the present trail: the same rules, counted instead of done. */
static void plan_thinning(const run *r, long last, long *before, long *stride)
{
    long n = r->ntrail, b = r->before, k = r->stride, i = r->st.t + 1;
    while (i <= last) {
        if (n < r->cap) { /* pushes until the next thinning, or to the end */
            long room = r->cap - n, todo = last - i + 1;
            long go = room < todo ? room : todo;
            n += go;
            i += go;
            continue;
        }
        long newest = i - 1, nb = newest - r->cap / 4 + 1;
        if (nb < b) nb = b;
        while ((nb + k - 1) / k > r->cap / 2)
            k *= 2;
        while (kept_rows(newest, nb, k) >= n) /* trail_thin's guard */
            k *= 2;
        n = kept_rows(newest, nb, k);
        b = nb;
    }
    *before = b;
    *stride = k;
}

/* Keep rows [0, nold) that (before, stride) keep, then the rows after them. */
static void trail_compact(run *r, int nold, long before, long stride)
{
    int w = 0;
    for (int i = 0; i < nold; i++) {
        long it = r->trail[i].iter;
        if (it >= before || it % stride == 0) {
            if (w != i) r->trail[w] = r->trail[i];
            w++;
        }
    }
    if (w != nold)
        memmove(r->trail + w, r->trail + nold, sizeof *r->trail * (size_t)(r->ntrail - nold));
    r->ntrail = w + (r->ntrail - nold);
    r->before = before;
    r->stride = stride;
}

/* Steps up to iteration `last` of a long `step N` in the usual case, where nothing but
 * the step happens: an algorithm without a line search, no schedule watching the loss
 * (plateau), no early stopping, no maxiter among them, snapshots at a power-of-two
 * spacing. The same calls in the same order as step_once, without what only matters
 * when something happens or at the end:
 * - the current row is built only where a snapshot needs it (make_row is a function of
 *   the state, so building it later gives the same row; step_once builds it after the
 *   last step);
 * - no copy of the last iterate for a divergence;
 * - no explanation record: these steps run with st->ex NULL (the step functions only
 *   write to it, they compute the same either way) and step_once takes the last step
 *   with it. Every algorithm admitted here writes the same fields of the record at every
 *   step (only the line searches fill some fields on some steps and not others), so the
 *   record left behind is the one the last step wrote over the same stale fields:
 *   test_step_many_same_as_one_by_one compares it byte for byte.
 * Returns 0 at the first step where anything else would happen (a stall, a value out of
 * bounds, convergence, a newton remark): step_many then puts everything back and
 * retakes the steps one by one through step_once, so those cases end exactly as they
 * always did. */
static int plain_ok(const run *r, long last)
{
    long every = r->snap_every;
    return !(r->algo->flags & OPTF_SEARCH) && (sched_kind)r->sched.kind != SCHED_PLATEAU &&
           !r->es.on && (double)last < r->h.maxiter && every > 0 && (every & (every - 1)) == 0;
}

/* opt_value_ok(st) && !opt_tol_met(tt, st), most of the time in one test that implies it:
 * |x₀| + |x₁| ≤ bound (the sum never rounds below the larger term), f finite, and s =
 * ‖∇f‖² finite (so ∇f is) and above `hi`, the tol test's band (+∞ with weight decay,
 * whose test is on another vector: then always the exact tests). */
static inline int plain_iterate(const opt_tol_test *tt, double hi, const opt_state *st)
{
    double g0 = st->g[0], g1 = st->g[1], s = g0 * g0 + g1 * g1;
    if (fabs(st->x[0]) + fabs(st->x[1]) <= OPT_DIVERGE_BOUND && fabs(st->f) <= DBL_MAX &&
        s <= DBL_MAX && s > hi)
        return 1;
    return opt_value_ok(st) && !opt_tol_met(tt, st);
}

OPT_SCALAR static int steps_plain(run *r, objective *o, const opt_tol_test *tt, trail_plan *plan,
                                  long last)
{
    opt_state *st = &r->st;
    const opt_hyper *h = &r->h;
    const opt_step_fn step = r->algo->step;
    const int sched = r->algo->flags & OPTF_LR && (sched_kind)r->sched.kind != SCHED_CONST;
    const double hi = tt->wd ? INFINITY : tt->hi;
    long mask = r->snap_every - 1;
    opt_explain *ex = st->ex;
    int ok = 1;
    st->ex = NULL;
    for (long k = st->t + 1; k <= last; k++) {
        double lr = sched ? sched_lr(&r->sched, &r->sst, h->lr, st->t) : h->lr;
        if (step(st, h, o, lr) != OPT_OK || !plain_iterate(tt, hi, st) ||
            st->nonpd_count != r->nonpd_seen) {
            ok = 0;
            break;
        }
        st->t = k;
        if (k >= plan->before || k == plan->next) {
            if (k == plan->next) plan->next += plan->stride;
            make_row(r, o, st->lr, &r->trail[r->ntrail++], NULL);
        }
        if ((k & mask) == 0) {
            make_row(r, o, st->lr, &r->cur, NULL);
            run_snap_regular(r);
            mask = r->snap_every - 1; /* doubled when the snapshots were thinned */
        }
    }
    st->ex = ex;
    return ok;
}

/* n steps writing only the trail rows that thinning would keep after all n, which is
 * most of the time of a long `step N` saved (an 80-byte row into an 8 MB trail every
 * step, and moving the trail's dense quarter at every thinning). If the run stops
 * before the n-th step, the rows kept differ: everything goes back to how it was and
 * the steps are taken again one by one (steps are deterministic: the same results).
 * Returns 0 when it cannot be used here (the caller steps one by one). */
static int step_many(run *r, objective *o, long n, const opt_tol_test *tt)
{
    long t0 = r->st.t;
    if (n < r->cap / 4 || n > LONG_MAX / 4 - t0 || r->st.idx || !trail_is_filter(r)) return 0;
    long before, stride;
    plan_thinning(r, t0 + n, &before, &stride);
    long from = t0 + 1 < before ? before : t0 + 1; /* rows from here on all stay */
    long first = (t0 + 1 + stride - 1) / stride * stride;
    long fresh = (from > first ? (from - first + stride - 1) / stride : 0) + (t0 + n - from + 1);
    long need = r->ntrail + fresh;
    if (need > 4L * r->cap) return 0;
    if (need > r->alloc) {
        run_row *p = ds_xrealloc(r->trail, sizeof *p * (size_t)need);
        if (!p) return 0;
        r->trail = p;
        r->alloc = (int)need;
    }
    run_snaps_saved *snaps = run_snaps_save(r);
    if (!snaps) return 0;
    run saved = *r;
    unsigned long oe[3] = {o->evals[0], o->evals[1], o->evals[2]};
    int nold = r->ntrail;
    trail_plan plan = {before, stride, first};
    long plain = 0;
    if (plain_ok(r, t0 + n - 1)) { /* all but the last step plainly, if they go plainly */
        if (steps_plain(r, o, tt, &plan, t0 + n - 1)) {
            plain = n - 1;
            step_once(r, o, tt, &plan);
        }
    } else {
        long k = 0;
        while (k < n && step_once(r, o, tt, &plan))
            k++;
    }
    if (r->st.t == t0 + n) {
        trail_compact(r, nold, before, stride);
        if (r->alloc > r->cap && r->ntrail <= r->cap) { /* back to the usual size */
            run_row *p = ds_xrealloc(r->trail, sizeof *p * (size_t)r->cap);
            if (p) r->trail = p, r->alloc = r->cap;
        }
        run_snaps_free_saved(snaps);
        r->plain_steps = plain;
        return 1;
    }
    /* Stopped early: undo, then one by one. */
    run_snaps_restore(r, snaps);
    saved.trail = r->trail;
    saved.alloc = r->alloc;
    saved.snaps = r->snaps;
    saved.snap_alloc = r->snap_alloc;
    saved.nsnaps = r->nsnaps;
    saved.snap_every = r->snap_every;
    *r = saved;
    memcpy(o->evals, oe, sizeof oe);
    for (long j = 0; j < n; j++)
        if (!step_once(r, o, tt, NULL)) break;
    return 1;
}

int run_step(run *r, objective *o, long n)
{
    if (r->status != RUN_READY) return 0;
    unsigned long e0[3] = {o->evals[0], o->evals[1], o->evals[2]};
    long t0 = r->st.t;
    r->plain_steps = 0;
    opt_tol_test tt;
    opt_tol_prepare(&tt, r->algo, &r->h);
    if (!step_many(r, o, n, &tt))
        for (long k = 0; k < n; k++)
            if (!step_once(r, o, &tt, NULL)) break;
    add_evals(r, o, e0);
    return r->st.t != t0;
}

int runset_step(runset *rs, objective *o, long n)
{
    int moved = 0;
    for (int i = 0; i < rs->count; i++)
        moved += run_step(rs->items[i], o, n);
    return moved;
}

/* ---- the runset ------------------------------------------------------------------ */

void runset_init(runset *rs)
{
    rs->items = NULL;
    rs->count = rs->cap = 0;
    rs->selected = -1;
}

static void run_free(run *r)
{
    if (!r) return;
    opt_state_free(&r->st);
    run_snap_free(r);
    free(r->trail);
    free(r);
}

void runset_free(runset *rs)
{
    for (int i = 0; i < rs->count; i++)
        run_free(rs->items[i]);
    free(rs->items);
    runset_init(rs);
}

/* Round a coordinate to about a thousandth of the view's span, dividing by a power of
 * ten so that -3 + 0.2·6 comes out as the double nearest -1.8, not -1.7999999999999998
 * (start points appear in traces and lessons). */
static double round_to_view(double v, double span)
{
    if (!(span > 0) || !isfinite(v)) return v;
    double inv = pow(10, 3 - ceil(log10(span)));
    return round(v * inv) / inv;
}

void run_default_start(const objective *o, double p[2])
{
    static const struct {
        const char *name;
        double x, y;
    } classic[] = {{"rosenbrock", -1.2, 1}};
    for (size_t i = 0; i < sizeof classic / sizeof classic[0]; i++)
        if (strcmp(o->name, classic[i].name) == 0) {
            p[0] = classic[i].x;
            p[1] = classic[i].y;
            return;
        }
    const double *v = o->view;
    p[0] = round_to_view(v[0] + 0.2 * (v[1] - v[0]), v[1] - v[0]);
    p[1] = round_to_view(v[2] + 0.8 * (v[3] - v[2]), v[3] - v[2]);
}

void runset_on_objective(runset *rs, objective *o)
{
    for (int i = 0; i < rs->count; i++) {
        run_default_start(o, rs->items[i]->start);
        run_reset(rs->items[i], o);
    }
}

void runset_reset(runset *rs, objective *o)
{
    for (int i = 0; i < rs->count; i++)
        run_reset(rs->items[i], o);
}

run *run_create(const opt_algo *a, const double start[2], objective *o)
{
    run *r = ds_xcalloc(1, sizeof *r);
    if (!r) return NULL;
    r->algo = a;
    opt_defaults(a, &r->h);
    sched_default(&r->sched);
    estop_default(&r->es);
    r->cap = RUN_TRAIL_CAP;
    r->st.ex = &r->ex;
    r->start[0] = start[0];
    r->start[1] = start[1];
    run_reset(r, o);
    return r;
}

void run_destroy(run *r)
{
    run_free(r);
}

ds_status runset_add(runset *rs, objective *o, const char *algo, ds_err *err)
{
    ds_err dummy;
    if (!err) err = &dummy;
    const opt_algo *a = opt_find(algo);
    if (!a) return opt_unknown(algo, 0, err);
    if (rs->count >= RUNSET_MAX)
        return ds_err_set(err, DS_ESTATE,
                          "there are already %d runs, the most there can be: "
                          "del one first",
                          RUNSET_MAX);
    if (rs->count == rs->cap) {
        int cap = rs->cap ? rs->cap * 2 : 4;
        run **p = ds_xrealloc(rs->items, sizeof *p * (size_t)cap);
        if (!p) return ds_err_set(err, DS_ENOMEM, "out of memory for another run");
        rs->items = p;
        rs->cap = cap;
    }
    const run *sel = rs->selected >= 0 ? rs->items[rs->selected] : NULL;
    double start[2];
    if (sel) {
        start[0] = sel->start[0];
        start[1] = sel->start[1];
    } else {
        run_default_start(o, start);
    }
    run *r = run_create(a, start, o);
    if (!r) return ds_err_set(err, DS_ENOMEM, "out of memory for another run");
    rs->items[rs->count++] = r;
    rs->selected = rs->count - 1;
    return DS_OK;
}

void runset_del(runset *rs, int i)
{
    if (i < 0 || i >= rs->count) return;
    run_free(rs->items[i]);
    memmove(rs->items + i, rs->items + i + 1, sizeof *rs->items * (size_t)(rs->count - i - 1));
    rs->count--;
    if (rs->selected > i || rs->selected >= rs->count) rs->selected--;
    if (rs->count == 0) rs->selected = -1;
}

void runset_select(runset *rs, int i)
{
    if (i >= 0 && i < rs->count) rs->selected = i;
}

int runset_count(const runset *rs)
{
    return rs->count;
}

const run *runset_get(const runset *rs, int i)
{
    return i >= 0 && i < rs->count ? rs->items[i] : NULL;
}

run *runset_at(runset *rs, int i)
{
    return i >= 0 && i < rs->count ? rs->items[i] : NULL;
}

run *runset_selected(runset *rs)
{
    return rs->selected >= 0 ? rs->items[rs->selected] : NULL;
}

/* ---- changing a run -------------------------------------------------------------- */

void run_set_algo(run *r, const opt_algo *a, const opt_hyper *h, objective *o)
{
    r->algo = a;
    r->h = *h;
    run_reset(r, o);
}

void run_set_param(run *r, const opt_param *p, double v, objective *o)
{
    (void)o;
    opt_put(&r->h, p, v);
    opt_param_changed(&r->st, &r->h, p);
    /* tol and maxiter decide whether the run stands still. */
    if (r->status == RUN_READY || r->status == RUN_CONVERGED || r->status == RUN_MAXITER) {
        run_status was = r->status;
        r->status = RUN_READY;
        check_standing(r);
        if (r->status == RUN_READY && was != RUN_READY) {
            r->text[0] = '\0';
            if (r->st.nonpd_count) note_newton(r);
        }
    }
    run_snap_pin(r);
}

void run_set_start(run *r, const double p[2], objective *o)
{
    r->start[0] = p[0];
    r->start[1] = p[1];
    run_reset(r, o);
}

void run_set_sched(run *r, const sched_cfg *c, objective *o)
{
    (void)o;
    r->sched = *c;
    sched_state_init(&r->sst);
    run_snap_pin(r);
}

void run_set_estop(run *r, const estop_cfg *c, objective *o)
{
    (void)o;
    r->es = *c;
    r->best = r->cur;
    estop_state_init(&r->est);
    run_snap_pin(r);
}

void run_set_trail_cap(run *r, int cap)
{
    r->cap = cap < 16 ? 16 : cap;
    if (r->ntrail > r->cap) {
        while (r->ntrail > r->cap)
            trail_thin(r);
    }
}

/* ---- reading a run --------------------------------------------------------------- */

const char *run_algo_name(const run *r)
{
    return r->algo->name;
}

const opt_algo *run_algo(const run *r)
{
    return r->algo;
}

const opt_hyper *run_hyper(const run *r)
{
    return &r->h;
}

const sched_cfg *run_sched(const run *r)
{
    return &r->sched;
}

const estop_cfg *run_estop(const run *r)
{
    return &r->es;
}

const double *run_start(const run *r)
{
    return r->start;
}

void run_params_text(const run *r, sbuf *out, int digits)
{
    const opt_param *p;
    int n = 0;
    for (int i = 0; (p = opt_param_at(r->algo, i)); i++) {
        double v = opt_get(&r->h, p);
        if (p->quiet && v == p->def) continue;
        sbuf_printf(out, "%s%s=", n++ ? " " : "", p->name);
        opt_value_text(p, v, out, digits);
    }
    if ((sched_kind)r->sched.kind != SCHED_CONST && r->algo->flags & OPTF_LR) {
        sbuf_puts(out, n++ ? "; sched " : "sched ");
        sched_text(&r->sched, out, digits);
    }
    if (r->es.on) {
        sbuf_puts(out, n++ ? "; earlystop " : "earlystop ");
        estop_text(&r->es, out, digits);
    }
}

run_status run_get_status(const run *r)
{
    return r->status;
}

const char *run_status_text(const run *r)
{
    return r->text;
}

const char *run_status_word(const run *r)
{
    switch (r->status) {
    case RUN_READY: return r->st.t ? N_("running") : N_("ready");
    case RUN_CONVERGED: return N_("converged");
    case RUN_DIVERGED: return N_("diverged");
    case RUN_EARLYSTOP: return N_("early-stopped");
    case RUN_MAXITER: return N_("maxiter");
    case RUN_STALLED: return N_("stalled");
    }
    return "?";
}

long run_iter(const run *r)
{
    return r->st.t;
}

long run_plain_steps(const run *r)
{
    return r->plain_steps;
}

double run_lr_now(const run *r)
{
    if (r->algo->flags & OPTF_LR) return sched_lr(&r->sched, &r->sst, r->h.lr, r->st.t);
    if (r->algo->flags & OPTF_SEARCH) return r->st.lr;
    return r->h.lr;
}

void run_next_rates(const run *r, double *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] =
            r->algo->flags & OPTF_LR ? sched_lr(&r->sched, &r->sst, r->h.lr, r->st.t + i) : NAN;
}

double run_param_get(const run *r, const char *name)
{
    const opt_param *p = opt_param_find(r->algo, name);
    return p ? opt_get(&r->h, p) : NAN;
}

const unsigned long *run_evals(const run *r)
{
    return r->evals;
}

const run_row *run_trail(const run *r, int *n)
{
    *n = r->ntrail;
    return r->trail;
}

const run_row *run_current(const run *r)
{
    return &r->cur;
}

const run_row *run_best(const run *r)
{
    return r->es.on && r->est.best_iter >= 1 ? &r->best : NULL;
}

long run_trail_stride(const run *r, long *before)
{
    if (before) *before = r->before;
    return r->stride;
}
