/* opt_internal.h — what the optimizer files share privately: the second-order and
 * line-search step functions (opt_quasi.c), the line search (opt_ls.c), and the
 * helper that moves the iterate and evaluates f, ∇f there. */
#ifndef DESCENT_OPT_INTERNAL_H
#define DESCENT_OPT_INTERNAL_H

#include "descent/opt.h"

/* Move to (x, y) and evaluate f, ∇f there; remember f before and the step's rate. */
void opt_move(opt_state *st, objective *o, double x, double y, double lr);

/* opt_quasi.c */
opt_result opt_step_newton(opt_state *st, const opt_hyper *h, objective *o, double lr);
opt_result opt_step_bfgs(opt_state *st, const opt_hyper *h, objective *o, double lr);
opt_result opt_step_lbfgs(opt_state *st, const opt_hyper *h, objective *o, double lr);
opt_result opt_step_cg(opt_state *st, const opt_hyper *h, objective *o, double lr);
/* cg's start: the linear method's residual on a quad objective, else d = −∇f. */
ds_status opt_init_cg(opt_state *st, const opt_hyper *h, objective *o, ds_err *err);

/* opt_ls.c — line searches along a descent direction d from (x, f0, g0). */
typedef struct {
    double alpha; /* accepted step length */
    double x[2];  /* x + alpha·d */
    double f;     /* f there */
    double g[2];  /* ∇f there */
} ls_point;

#define LS_C1 1e-4 /* sufficient decrease (Armijo) constant */

/* Strong Wolfe conditions (Nocedal & Wright Alg. 3.5 with zoom, Alg. 3.6, cubic and
 * quadratic interpolation): f(x+αd) <= f0 + c1·α·g0ᵀd and |∇f(x+αd)ᵀd| <= c2·|g0ᵀd|.
 * Returns 0 on success, -1 when no acceptable step was found. */
int ls_wolfe(objective *o, const double x[2], double f0, const double g0[2], const double d[2],
             double alpha0, double c2, ls_point *out, opt_explain *ex);
/* Backtracking until the sufficient-decrease (Armijo) condition holds. Both searches log
 * every trial in `ex` when it is not NULL. */
int ls_armijo(objective *o, const double x[2], double f0, const double g0[2], const double d[2],
              double alpha0, ls_point *out, opt_explain *ex);
/* The first trial step: min(1, 1.01·2·(f_k − f_{k−1}) / g_kᵀd_k) (as SciPy), with
 * f_{−1} = f_0 + ‖g_0‖/2 so the first step has length about 1.01. */
double ls_initial_alpha(const opt_state *st, double slope);

#endif
