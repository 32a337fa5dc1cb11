/* opt.h — the optimizers: one table of algorithms (name, rule, help, parameters with
 * defaults and ranges, step function) that drives stepping, validation, help and
 * completion. A step is a pure function of (objective, hyperparameters, state). */
#ifndef DESCENT_OPT_H
#define DESCENT_OPT_H

#include <float.h>
#include <math.h>

#include "descent/dataset.h"
#include "descent/err.h"
#include "descent/explain.h"
#include "descent/objective.h"
#include "descent/rng.h"
#include "descent/sbuf.h"

#define OPT_MAXPARAMS     8    /* per algorithm, not counting the common tol and maxiter */
#define OPT_LBFGS_MAXM    100  /* largest L-BFGS memory m */
#define OPT_DIVERGE_BOUND 1e12 /* |θ| beyond this counts as diverged */

/* Every hyperparameter any algorithm has; an algorithm's table names the ones it uses.
 * Choice parameters hold the index of the chosen word. */
typedef struct {
    double lr;      /* learning rate (newton: damping) */
    double beta;    /* momentum / EMA coefficient */
    double beta1;   /* adam first-moment decay */
    double beta2;   /* adam second-moment decay */
    double eps;     /* adaptive methods' ε */
    double wd;      /* weight decay (coupled g + wd·θ; adamw: decoupled) */
    double batch;   /* sgd mini-batch size (data objectives) */
    double seed;    /* sgd random seed */
    double noise;   /* sgd gradient-noise scale (formula objectives) */
    double bias;    /* adam: 0 bias correction on, 1 off */
    double hess;    /* newton: 0 raw, 1 shift, 2 abs */
    double ls;      /* bfgs/lbfgs line search: 0 wolfe, 1 armijo */
    double m;       /* lbfgs memory */
    double variant; /* cg: 0 pr (Polak–Ribière⁺), 1 fr (Fletcher–Reeves) */
    double tol;     /* stop when ‖∇f‖ < tol (common) */
    double maxiter; /* stop after this many steps (common) */
} opt_hyper;

typedef enum { OPT_REAL, OPT_INT, OPT_CHOICE } opt_ptype;

typedef struct {
    const char *name;
    size_t offset; /* offsetof(the owning struct (opt_hyper, sched_cfg, ...), field) */
    opt_ptype type;
    double def, lo, hi;
    unsigned char lo_open, hi_open; /* 1: that bound itself is not allowed */
    unsigned char quiet;            /* 1: run_params_text shows it only when not default */
    const char *const *choices;     /* OPT_CHOICE: NULL-terminated words */
    const char *help;
} opt_param;

/* The algorithm's memory between steps, plus the iterate and f, ∇f there. */
typedef struct {
    double x[2], f, g[2]; /* θ and the true f, ∇f at θ */
    long t;               /* optimizer steps taken (the schedule index of the next step) */
    double lr;            /* what the last step used: scheduled lr, line-search α, damping */
    double fprev;         /* f before the last step (line-search initial guess) */
    double v[2];          /* momentum/nag velocity, heavy-ball Δ */
    double m[2], s[2];    /* adam moments; adagrad G in s; rmsprop s */
    double H[3];          /* bfgs inverse-Hessian approximation [a, b, c] */
    long nupdates;        /* bfgs/lbfgs curvature pairs accepted */
    double d[2];          /* cg direction (linear CG: p) */
    double r[2];          /* linear CG residual b − Aθ */
    int linear;           /* cg on a quad objective: the exact linear method */
    double ls_s[OPT_LBFGS_MAXM][2], ls_y[OPT_LBFGS_MAXM][2]; /* lbfgs pairs, a ring */
    int lb_head, lb_count;
    ds_rng rng;       /* sgd */
    int *idx;         /* sgd: a permutation of the training indices (owned) */
    int nidx;         /* its length */
    long nonpd_first; /* newton: first step where H was not positive definite, 0 none */
    long nonpd_count; /* newton: how many steps met such an H */
    char why[200];    /* why the last step could not be taken */
    opt_explain *ex;  /* where a step records its terms (explain.h), NULL: not recorded */
} opt_state;

/* What a step function reports. */
typedef enum {
    OPT_OK,   /* moved; x, f, g are the new iterate */
    OPT_STALL /* could not move (why says so); x, f, g unchanged */
} opt_result;

/* One step from st->x with learning rate `lr` (ignored by line-search methods). */
typedef opt_result (*opt_step_fn)(opt_state *st, const opt_hyper *h, objective *o, double lr);
/* Extra set-up after the common one (memory cleared, f and ∇f at x0); may fail only for
 * lack of memory. */
typedef ds_status (*opt_init_fn)(opt_state *st, const opt_hyper *h, objective *o, ds_err *err);

enum {
    OPTF_LR = 1 << 0,     /* has a learning rate that a schedule drives */
    OPTF_WD = 1 << 1,     /* coupled weight decay g ← g + wd·θ */
    OPTF_SEARCH = 1 << 2, /* step length from a line search (lr column = α) */
};

typedef struct {
    const char *name;
    const char *rule;                    /* one line, Unicode formula */
    const char *help;                    /* a few lines in words */
    unsigned flags;                      /* OPTF_* */
    opt_param params[OPT_MAXPARAMS + 1]; /* ends with name == NULL */
    opt_init_fn init;                    /* NULL when the common set-up is all */
    opt_step_fn step;
} opt_algo;

/* The algorithms, in `list algos` order. */
extern const opt_algo opt_algos[];
extern const int opt_algo_count;
const opt_algo *opt_find(const char *name);

/* Parameters: an algorithm's own, then the common tol and maxiter. i from 0; NULL past
 * the end. */
const opt_param *opt_param_at(const opt_algo *a, int i);
const opt_param *opt_param_find(const opt_algo *a, const char *name);
/* Every parameter at its default. */
void opt_defaults(const opt_algo *a, opt_hyper *h);
/* A parameter's value in the struct it describes (opt_hyper for algorithms; schedule.h
 * reuses opt_param for schedules and early stopping). */
double opt_get(const void *base, const opt_param *p);
void opt_put(void *base, const opt_param *p, double v);
/* Parse and range-check `text` for parameter `p` of `owner` (an algorithm or schedule
 * name, for the message); the error names the valid range or words. */
ds_status opt_parse_value(const opt_param *p, const char *owner, const char *text, double *v,
                          ds_err *err);
/* The value as the user would type it ("0.9", "wolfe"). */
void opt_value_text(const opt_param *p, double v, sbuf *out, int digits);
/* "[0, 1)", "1 to 100", "wolfe|armijo": the valid values, for help and errors. */
void opt_range_text(const opt_param *p, sbuf *out);

/* Start at x0: clear the memory and evaluate f, ∇f there. Allocates only for sgd on
 * data; returns DS_ENOMEM (err filled) when that fails. */
ds_status opt_state_init(opt_state *st, const opt_algo *a, const opt_hyper *h, objective *o,
                         const double x0[2], ds_err *err);
void opt_state_free(opt_state *st);
/* Why the iterate counts as diverged ("f is not finite", "|θ| > 1e12"), or NULL when it
 * is fine. Runs and sweeps share this rule. */
const char *opt_bad_value(const opt_state *st);
/* The hyperparameter `p` changed to h's value mid-run (sgd reseeds on a new seed). */
void opt_param_changed(opt_state *st, const opt_hyper *h, const opt_param *p);
/* The stationarity measure the tol test uses: ‖∇f + wd·θ‖ with coupled weight decay,
 * else ‖∇f‖. */
double opt_gnorm(const opt_algo *a, const opt_hyper *h, const opt_state *st);
/* Its name for messages: "‖∇f + wd·θ‖" or "‖∇f‖", so a status never calls the decayed
 * gradient's norm ‖∇f‖. */
const char *opt_gnorm_name(const opt_algo *a, const opt_hyper *h);

/* ---- the per-step checks, cheap (steps call them millions of times) ----------------- */

/* For functions on a step's path: GCC's straight-line vectorizer copies pairs such as θ
 * or ∇f with one 16-byte load right after they were stored as two 8-byte values (the
 * gradient kernels store g[0] and g[1] apart), which the CPU cannot forward from its
 * store buffer: it stalls until the stores retire (measured: a third of a gd step in
 * run.c, a tenth of it in step_gd). Scalar code there. */
#if defined(__GNUC__) && !defined(__clang__)
#define OPT_SCALAR __attribute__((optimize("no-tree-slp-vectorize")))
#else
#define OPT_SCALAR
#endif

/* opt_bad_value(st) == NULL, without a call: |θ| ≤ 1e12 and f, ∇f finite (NaN fails
 * every comparison). */
static inline int opt_value_ok(const opt_state *st)
{
    return fabs(st->x[0]) <= OPT_DIVERGE_BOUND && fabs(st->x[1]) <= OPT_DIVERGE_BOUND &&
           fabs(st->f) <= DBL_MAX && fabs(st->g[0]) <= DBL_MAX && fabs(st->g[1]) <= DBL_MAX;
}

/* The test opt_gnorm(a, h, st) < tol, decided without the square root: sqrt(s) < tol
 * for s = ‖g‖² exactly when s < tol² up to rounding, so s well below or above tol² (by
 * 2⁻⁵⁰ relative, far more than the roundings) decides it and only s within a hair of
 * tol² takes the root. tol² outside the normal range always takes the root. */
typedef struct {
    double tol, lo, hi; /* tol; s < lo: below; s > hi: not below */
    int wd;             /* coupled weight decay: the test is on g + wd·θ */
    double wdv;         /* that wd */
} opt_tol_test;

void opt_tol_prepare(opt_tol_test *t, const opt_algo *a, const opt_hyper *h);

static inline int opt_tol_met(const opt_tol_test *t, const opt_state *st)
{
    double g0 = st->g[0], g1 = st->g[1];
    if (t->wd) {
        g0 = g0 + t->wdv * st->x[0];
        g1 = g1 + t->wdv * st->x[1];
    }
    double s = g0 * g0 + g1 * g1;
    if (s < t->lo) return 1;
    if (s > t->hi) return 0;
    return sqrt(s) < t->tol;
}

/* Write step record `e` of algorithm `a` (hyperparameters h) as the course writes it,
 * every term's value plugged in, ending with "Δθ = [dx, dy]" (explain.c). */
void expl_write(const opt_explain *e, const opt_algo *a, const opt_hyper *h, int digits, sbuf *out);

/* For `list algos`, `help algo NAME` and completion. */
void opt_list(sbuf *out);
ds_status opt_help(const char *name, sbuf *out, ds_err *err);
/* The i-th algorithm name (NULL past the end); the i-th parameter name of `algo`,
 * including tol and maxiter (NULL past the end or for an unknown algorithm). */
const char *opt_algo_name(int i);
const char *opt_param_name(const char *algo, int i);
/* DS_EUNKNOWN: "no algorithm named 'NAME'; the algorithms are gd, sgd, ...", with "(did you
 * mean 'x'?)" after the name when `suggest` and one is within two edits. */
ds_status opt_unknown(const char *name, int suggest, ds_err *err);

#endif
