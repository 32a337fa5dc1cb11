/* sweep.c — many short trail-less runs on worker threads: hyperparameter sweeps and
 * maps, basins of attraction, race tuning. Workers take cells from a shared counter and
 * write each result into its own slot, so results do not depend on threads or order;
 * the job owns private copies of the objective (and data) so the session may change. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "descent/alloc.h"
#include "descent/sweep.h"

/* ---- one cell -------------------------------------------------------------------- */

static unsigned long evals_since(const objective *o, const unsigned long e0[3], sweep_cell *out)
{
    unsigned long sum = 0;
    for (int i = 0; i < 3; i++) {
        out->evals[i] = o->evals[i] - e0[i];
        sum += out->evals[i];
    }
    return sum;
}

void sweep_cell_run(const opt_algo *algo, const opt_hyper *h, const sched_cfg *sc, objective *o,
                    const double x0[2], unsigned long budget, sweep_cell *out)
{
    opt_state st;
    ds_err err;
    unsigned long e0[3] = {o->evals[0], o->evals[1], o->evals[2]};
    memset(out, 0, sizeof *out);
    memset(&st, 0, sizeof st);
    int ok = opt_state_init(&st, algo, h, o, x0, &err) == DS_OK;
    out->f0 = st.f;
    sched_state sst;
    sched_state_init(&sst);
    int lr_sched = (algo->flags & OPTF_LR) && (sched_kind)sc->kind != SCHED_CONST;
    long maxiter = h->maxiter >= 1e15 ? (long)1e15 : (long)h->maxiter;
    opt_tol_test tt;
    opt_tol_prepare(&tt, algo, h);
    int status;
    if (!ok)
        status = CELL_STALLED;
    else if (opt_bad_value(&st))
        status = CELL_DIVERGED;
    else if (opt_tol_met(&tt, &st))
        status = CELL_CONVERGED;
    else if (st.t >= maxiter)
        status = CELL_MAXITER;
    else
        for (;;) {
            double lr = lr_sched ? sched_lr(sc, &sst, h->lr, st.t) : h->lr;
            double keep[5] = {st.x[0], st.x[1], st.f, st.g[0], st.g[1]};
            if (algo->step(&st, h, o, lr) != OPT_OK) {
                status = CELL_STALLED;
                break;
            }
            if (!opt_value_ok(&st)) { /* keep the last finite iterate, as runs do */
                st.x[0] = keep[0];
                st.x[1] = keep[1];
                st.f = keep[2];
                status = CELL_DIVERGED;
                break;
            }
            st.t++;
            if (opt_tol_met(&tt, &st)) {
                status = CELL_CONVERGED;
                break;
            }
            if (lr_sched) sched_observe(sc, &sst, st.f);
            if (st.t >= maxiter || (budget && evals_since(o, e0, out) >= budget)) {
                status = CELL_MAXITER;
                break;
            }
        }
    evals_since(o, e0, out);
    out->steps = st.t;
    out->f = st.f;
    out->x = st.x[0];
    out->y = st.x[1];
    out->status = status;
    opt_state_free(&st);
}

/* ---- the grid --------------------------------------------------------------------- */

long sweep_ncells(const sweep_spec *sp)
{
    return (long)sp->n[0] * (sp->n[1] > 0 ? sp->n[1] : 1);
}

double sweep_axis_value(const sweep_spec *sp, int axis, int i)
{
    double lo = sp->lo[axis], hi = sp->hi[axis];
    int n = sp->n[axis];
    if (n <= 1) return lo;
    if (i <= 0) return lo;
    if (i >= n - 1) return hi;
    double u = (double)i / (n - 1);
    if (sp->logsp[axis]) return exp(log(lo) + u * (log(hi) - log(lo)));
    return lo + u * (hi - lo);
}

/* The hyperparameters and start of cell k. */
static void cell_setup(const sweep_spec *sp, long k, opt_hyper *h, double x0[2])
{
    int i = (int)(k % sp->n[0]), j = (int)(k / sp->n[0]);
    x0[0] = sp->start[0];
    x0[1] = sp->start[1];
    switch (sp->kind) {
    case SWEEP_PARAM:
        *h = sp->h;
        opt_put(h, sp->p[0], sweep_axis_value(sp, 0, i));
        if (sp->p[1]) opt_put(h, sp->p[1], sweep_axis_value(sp, 1, j));
        break;
    case SWEEP_BASINS:
        *h = sp->h;
        x0[0] = sweep_axis_value(sp, 0, i);
        x0[1] = sweep_axis_value(sp, 1, j);
        break;
    case SWEEP_LIST: *h = sp->list[i]; break;
    }
}

/* ---- the job ---------------------------------------------------------------------- */

struct sweep_job {
    sweep_spec sp;
    objective obj;        /* private copy: its own formula and counters template */
    dataset data;         /* private copy of the data a data objective reads */
    sweep_cell *cells;    /* workers write cell k here, then set ready[k] (release) */
    atomic_uchar *ready;  /* 1: cells[k] is written and will not change */
    sweep_cell *pub;      /* the cells a reader sees while workers run (sweep_sync) */
    unsigned char *taken; /* 1: pub[k] holds the finished cell (the reader's own) */
    long total;
    atomic_long next;   /* the next cell a worker takes */
    atomic_long done;   /* cells finished */
    atomic_int cancel;  /* 1: workers stop after their current cell */
    atomic_int running; /* workers still going */
    int nthreads;
    pthread_t th[SWEEP_MAXTHREADS];
    int joined;
    struct timespec t0;
};

static void *worker(void *arg)
{
    sweep_job *j = arg;
    objective o = j->obj; /* shares the compiled formula (evaluation is re-entrant) */
    for (;;) {
        if (atomic_load(&j->cancel)) break;
        long k = atomic_fetch_add(&j->next, 1);
        if (k >= j->total) break;
        opt_hyper h;
        double x0[2];
        cell_setup(&j->sp, k, &h, x0);
        sweep_cell c;
        sweep_cell_run(j->sp.algo, &h, &j->sp.sched, &o, x0, j->sp.budget, &c);
        j->cells[k] = c;
        atomic_store_explicit(&j->ready[k], 1, memory_order_release);
        atomic_fetch_add(&j->done, 1);
    }
    atomic_fetch_sub(&j->running, 1);
    return NULL;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > SWEEP_MAXTHREADS ? SWEEP_MAXTHREADS : (int)n;
}

/* A private objective: the formula compiled again, the data copied. */
static ds_status copy_objective(sweep_job *j, const objective *o, ds_err *err)
{
    j->obj = *o;
    j->obj.e = NULL;
    j->obj.data = NULL;
    memset(j->obj.evals, 0, sizeof j->obj.evals);
    if (o->e) {
        j->obj.e = expr_compile(expr_source(o->e), err);
        if (!j->obj.e) return err->code ? err->code : DS_ENOMEM;
    }
    if (o->data) {
        if (data_copy(&j->data, o->data, err) != DS_OK) return err->code;
        j->obj.data = &j->data;
    }
    return DS_OK;
}

sweep_job *sweep_start(const sweep_spec *sp, const objective *o, int threads, ds_err *err)
{
    sweep_job *j = ds_xcalloc(1, sizeof *j);
    if (!j) {
        ds_err_set(err, DS_ENOMEM, "out of memory for a sweep");
        return NULL;
    }
    data_init(&j->data);
    j->sp = *sp;
    j->total = sweep_ncells(sp);
    size_t n = (size_t)(j->total > 0 ? j->total : 1);
    j->cells = ds_xcalloc(n, sizeof *j->cells);
    j->pub = ds_xcalloc(n, sizeof *j->pub); /* zero: CELL_PENDING; pages untouched until synced */
    j->ready = ds_xcalloc(n, sizeof *j->ready);
    j->taken = ds_xcalloc(n, 1);
    if (!j->cells || !j->pub || !j->ready || !j->taken) {
        ds_err_set(err, DS_ENOMEM, "out of memory for %ld cells", j->total);
        sweep_free(j); /* no worker has started: it only frees */
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        atomic_init(&j->ready[k], 0);
    if (copy_objective(j, o, err) != DS_OK) {
        sweep_free(j);
        return NULL;
    }
    clock_gettime(CLOCK_MONOTONIC, &j->t0);
    if (threads <= 0) threads = default_threads();
    if (threads > SWEEP_MAXTHREADS) threads = SWEEP_MAXTHREADS;
    if (threads > j->total) threads = j->total > 0 ? (int)j->total : 1;
    atomic_store(&j->running, threads);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&j->th[i], NULL, worker, j) == 0) {
            j->nthreads = i + 1;
            continue;
        }
        /* Fewer workers than asked: those started take every cell; with none, this
         * thread computes them all before returning. */
        atomic_fetch_sub(&j->running, threads - i - (i == 0));
        if (i == 0) worker(j);
        break;
    }
    return j;
}

long sweep_progress(const sweep_job *j)
{
    return atomic_load(&((sweep_job *)j)->done);
}

int sweep_finished(const sweep_job *j)
{
    return atomic_load(&((sweep_job *)j)->running) == 0;
}

void sweep_cancel(sweep_job *j)
{
    atomic_store(&j->cancel, 1);
}

int sweep_wait(sweep_job *j)
{
    if (!j->joined) {
        for (int i = 0; i < j->nthreads; i++)
            pthread_join(j->th[i], NULL);
        j->joined = 1;
    }
    return atomic_load(&j->done) == j->total;
}

/* Once every worker has stopped (the seq_cst `running` counter orders their writes
 * before this load) the cells themselves; before, the reader's published copy. */
const sweep_cell *sweep_cells(const sweep_job *j)
{
    return atomic_load(&((sweep_job *)j)->running) == 0 ? j->cells : j->pub;
}

void sweep_sync(sweep_job *j)
{
    for (long k = 0; k < j->total; k++)
        if (!j->taken[k] && atomic_load_explicit(&j->ready[k], memory_order_acquire)) {
            j->pub[k] = j->cells[k];
            j->taken[k] = 1;
        }
}

double sweep_elapsed(const sweep_job *j)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - j->t0.tv_sec) + 1e-9 * (double)(t.tv_nsec - j->t0.tv_nsec);
}

void sweep_free(sweep_job *j)
{
    if (!j) return;
    sweep_wait(j);
    expr_free(j->obj.e);
    data_free(&j->data);
    free(j->cells);
    free(j->pub);
    free(j->ready);
    free(j->taken);
    free(j);
}

int sweep_run(const sweep_spec *sp, const objective *o, int threads, sweep_cell *cells, ds_err *err)
{
    sweep_job *j = sweep_start(sp, o, threads, err);
    if (!j) return -1;
    int complete = sweep_wait(j);
    memcpy(cells, j->cells, sizeof *cells * (size_t)j->total);
    sweep_free(j);
    return complete;
}

const char *sweep_status_word(int status)
{
    switch ((cell_status)status) {
    case CELL_CONVERGED: return "converged";
    case CELL_DIVERGED: return "diverged";
    case CELL_MAXITER: return "maxiter";
    case CELL_STALLED: return "stalled";
    case CELL_PENDING: break;
    }
    return "";
}

/* ---- theory ----------------------------------------------------------------------- */

void sweep_theory_of(objective *o, sweep_theory *t)
{
    static const char *const quads[] = {"quad", "bowl", "ellipse", "rotated"};
    memset(t, 0, sizeof *t);
    int quad = 0;
    for (size_t i = 0; i < sizeof quads / sizeof quads[0]; i++)
        quad |= strcmp(o->name, quads[i]) == 0;
    if (!quad) return;
    double H[3];
    if (o->kind == OBJ_QUAD) {
        H[0] = o->A[0];
        H[1] = o->A[1];
        H[2] = o->A[2];
    } else {
        double f, g[2];
        expr_hess(o->e, 0, 0, &f, g, H);
    }
    double tr = H[0] + H[2], d = hypot(H[0] - H[2], 2 * H[1]);
    double lmax = 0.5 * (tr + d), lmin = 0.5 * (tr - d);
    if (!(lmin > 0) || !isfinite(lmax)) return;
    t->known = 1;
    t->lmin = lmin;
    t->lmax = lmax;
    t->gd_safe = 1 / lmax;
    t->gd_stable = 2 / lmax;
    t->gd_fast = 2 / (lmin + lmax);
    double a = 2 / (sqrt(lmax) + sqrt(lmin));
    double k = sqrt(lmax / lmin);
    t->hb_lr = a * a;
    t->hb_beta = ((k - 1) / (k + 1)) * ((k - 1) / (k + 1));
}

int sweep_hb_stable(const sweep_theory *t, double lr, double beta)
{
    if (!(beta >= 0 && beta < 1)) return 0;
    double lam[2] = {t->lmin, t->lmax};
    for (int i = 0; i < 2; i++) {
        double al = lr * lam[i];
        if (!(al > 0 && al < 2 * (1 + beta))) return 0;
    }
    return 1;
}
