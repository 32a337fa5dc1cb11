/* run.h — runs: one optimizer each, with hyperparameters, schedule, start point, state
 * and trail; a runset holds the runs compared side by side. The run struct itself is
 * private to run.c; front ends and the rasterizer read runs through these accessors. */
#ifndef DESCENT_RUN_H
#define DESCENT_RUN_H

#include "descent/err.h"
#include "descent/objective.h"
#include "descent/opt.h"
#include "descent/sbuf.h"
#include "descent/schedule.h"

typedef struct run run;

#define RUNSET_MAX        16                /* runs side by side */
#define RUN_TRAIL_CAP     100000            /* trail rows kept before thinning (72 bytes each) */
#define RUN_DIVERGE_BOUND OPT_DIVERGE_BOUND /* |θ| beyond this counts as diverged */

typedef struct {
    run **items; /* `count` runs */
    int count;
    int cap;
    int selected; /* index of the selected run, -1 when there is none */
} runset;

typedef enum {
    RUN_READY,     /* at its start, or stepping */
    RUN_CONVERGED, /* ‖∇f‖ < tol */
    RUN_DIVERGED,  /* non-finite value or |θ| > 1e12 */
    RUN_EARLYSTOP, /* validation loss stopped improving */
    RUN_MAXITER,   /* reached maxiter */
    RUN_STALLED    /* could not take a step (line search failed, H singular, A not ≻ 0) */
} run_status;

/* One row of a run's trail: the iterate after step `iter` (iter 0 is the start). */
typedef struct {
    long iter;
    double x, y, f, gx, gy;
    double lr;    /* learning rate used by the step that produced this row (NAN on iter 0) */
    double train; /* data objectives: training loss; NAN otherwise */
    double val;   /* data objectives with a split: validation loss; NAN otherwise */
    double acc;   /* logreg with a split: validation accuracy; NAN otherwise */
} run_row;

void runset_init(runset *rs);
void runset_free(runset *rs);
/* The objective changed: every run's start moves to the objective's default start
 * (run_default_start) and every run resets there. */
void runset_on_objective(runset *rs, objective *o);
/* Advance every active run n steps. Returns the number of runs that moved. */
int runset_step(runset *rs, objective *o, long n);
/* Advance one run n steps (when active). Returns 1 when it moved. */
int run_step(run *r, objective *o, long n);

int runset_count(const runset *rs);
const run *runset_get(const runset *rs, int i);
/* The same run, to change it (i from 0). */
run *runset_at(runset *rs, int i);
/* The selected run, or NULL when there are none. */
run *runset_selected(runset *rs);

/* Add a run with `algo` at its defaults, starting where the selected run starts (or at
 * the objective's default start when there are no runs), reset there and selected.
 * sess_new calls runset_add(&s->runs, &s->obj, "gd", &err) for its first run.
 * DS_EUNKNOWN for an unknown algorithm, DS_ESTATE when RUNSET_MAX runs exist. */
ds_status runset_add(runset *rs, objective *o, const char *algo, ds_err *err);
/* A run outside any runset (cloud.h's copies): `a` at its defaults, from `start`, reset
 * there. Free it with run_destroy. */
run *run_create(const opt_algo *a, const double start[2], objective *o);
void run_destroy(run *r);
/* Remove run i (the runs after it move down one number); the selection stays on the
 * same run, or the nearest one when it was run i. */
void runset_del(runset *rs, int i);
void runset_select(runset *rs, int i);
/* Every run back to its start. */
void runset_reset(runset *rs, objective *o);

/* Where runs start on `o` when the user has not said: (−1.2, 1) on rosenbrock (the
 * classic start), else a fifth of the way in from the top-left corner of the
 * objective's own view box: (x0 + 0.2·(x1 − x0), y0 + 0.8·(y1 − y0)). */
void run_default_start(const objective *o, double p[2]);

/* ---- reading a run ----------------------------------------------------------------- */

const char *run_algo_name(const run *r);
const opt_algo *run_algo(const run *r);
const opt_hyper *run_hyper(const run *r);
const sched_cfg *run_sched(const run *r);
const estop_cfg *run_estop(const run *r);
const double *run_start(const run *r);
/* "lr=0.001 beta=0.9" — the algorithm's parameters (quiet ones such as wd, tol and
 * maxiter only when changed), then "; cosine T=..." and "; earlystop ..." when set. */
void run_params_text(const run *r, sbuf *out, int digits);
run_status run_get_status(const run *r);
/* Why it stopped and when: "converged at step 37 (‖∇f‖ < 1e-08)"; while running, a
 * remark such as "H not positive definite at step 3", else "". */
const char *run_status_text(const run *r);
/* One word for tables: "ready", "running", "converged", "diverged", "early-stopped",
 * "maxiter", "stalled". */
const char *run_status_word(const run *r);
/* Optimizer steps taken. */
long run_iter(const run *r);
/* How many steps of the last run_step went through the plain loop of a long step (all
 * but the last, or 0 when it fell back to one by one): tests check the fast path is
 * taken, since the fallback gives the same results only slower. */
long run_plain_steps(const run *r);
/* The rate the next step will use (first-order methods: the schedule's α_t; newton: its
 * damping); for line-search methods the last step's α (NAN before the first step). */
double run_lr_now(const run *r);
/* The rates of the next n steps (first-order methods; NAN for the others). */
void run_next_rates(const run *r, double *out, int n);
/* A hyperparameter by name ("lr", "beta1", "tol"; choice parameters give the index of
 * the word); NAN when the run's algorithm has no such parameter. */
double run_param_get(const run *r, const char *name);
/* Evaluations of f, ∇f, ∇²f this run made since its reset. */
const unsigned long *run_evals(const run *r);
/* The trail (possibly thinned for very long runs; the last row is always the latest
 * step, which is also run_current unless early stopping restored the best iterate). */
const run_row *run_trail(const run *r, int *n);
/* The current row (exact even when the trail is thinned). */
const run_row *run_current(const run *r);
/* Early stopping's best iterate so far (its row), or NULL when early stopping is off or
 * has not evaluated yet (the first evaluation, after step 1, sets it). */
const run_row *run_best(const run *r);
/* Thinning: returns the stride K (1 when not thinned); rows with iter < *before are
 * kept only at multiples of K, later rows all. */
long run_trail_stride(const run *r, long *before);

/* ---- changing a run (all validate nothing: callers pass checked values) ------------- */

/* New algorithm with hyperparameters h (tol and maxiter included); resets the run. */
void run_set_algo(run *r, const opt_algo *a, const opt_hyper *h, objective *o);
/* One hyperparameter, effective from the next step (a new seed reseeds at once; a
 * stopped run resumes when a larger maxiter or smaller tol no longer stops it). */
void run_set_param(run *r, const opt_param *p, double v, objective *o);
void run_set_start(run *r, const double p[2], objective *o);
void run_reset(run *r, objective *o);
/* A new schedule from the next step on (plateau's memory starts afresh). */
void run_set_sched(run *r, const sched_cfg *c, objective *o);
/* Early stopping from now on; its best starts at the current iterate. */
void run_set_estop(run *r, const estop_cfg *c, objective *o);
/* ---- going back (run_rewind.c) ---------------------------------------------------- */

/* Move the run back to iteration k (0 ≤ k ≤ run_iter): the nearest snapshot at or before
 * k is restored and the steps after it recomputed, so stepping on reproduces the same
 * iterates bit for bit (sgd's batches and noise, schedules, early stopping). The
 * parameters, schedule and early stopping are those the run had at iteration k. */
ds_status run_rewind_to(run *r, objective *o, long k, ds_err *err);
/* The record of step n (1 ≤ n ≤ run_iter): the last step's as the step wrote it
 * (evals all 0); an earlier one recomputed from a snapshot, the evaluations that cost
 * in evals[3] (f, ∇f, ∇²f). The run itself does not change. */
ds_status run_explain_step(const run *r, objective *o, long n, opt_explain *out,
                           unsigned long evals[3], ds_err *err);

/* The last step's record as the step wrote it, or NULL when the run has taken no step
 * since its reset or rewind (overlays draw it every frame, so it must cost nothing). */
const opt_explain *run_last_explain(const run *r);
/* The run's configuration history, for `save`: the i-th point (from 0; the first is the
 * start) where its parameters, schedule or early stopping were set, with the values
 * from then on. Returns 0 past the end. */
int run_config_at(const run *r, int i, long *iter, opt_hyper *h, sched_cfg *sc, estop_cfg *es);

/* Tests and benchmarks: a smaller trail cap (at least 16) to exercise thinning. */
void run_set_trail_cap(run *r, int cap);

#endif
