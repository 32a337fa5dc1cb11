/* opt_quasi.c — the second-order and line-search methods of COURSE §7: Newton with a
 * policy for indefinite Hessians, BFGS (inverse update), L-BFGS (two-loop recursion),
 * and conjugate gradient (the exact linear method on a quad, nonlinear CG elsewhere). */
#include <math.h>
#include <stdio.h>

#include "descent/linalg.h"
#include "opt_internal.h"

enum { HESS_RAW, HESS_SHIFT, HESS_ABS };
enum { LS_WOLFE, LS_ARMIJO };
enum { CG_PR, CG_FR };

#define BFGS_C2 0.9
#define CG_C2   0.1

static double dot(const double a[2], const double b[2])
{
    return a[0] * b[0] + a[1] * b[1];
}

/* Take the line search's point as the new iterate. */
static void accept(opt_state *st, const ls_point *p)
{
    st->fprev = st->f;
    st->x[0] = p->x[0];
    st->x[1] = p->x[1];
    st->f = p->f;
    st->g[0] = p->g[0];
    st->g[1] = p->g[1];
    st->lr = p->alpha;
}

static void copy2(double *to, const double *from, int n)
{
    for (int i = 0; i < n; i++)
        to[i] = from[i];
}

static int search(opt_state *st, objective *o, const double d[2], int armijo, double c2,
                  ls_point *out)
{
    double alpha0 = ls_initial_alpha(st, dot(st->g, d));
    if (st->ex) {
        st->ex->armijo_search = armijo;
        st->ex->c2w = c2;
        copy2(st->ex->d, d, 2);
    }
    if (armijo) return ls_armijo(o, st->x, st->f, st->g, d, alpha0, out, st->ex);
    return ls_wolfe(o, st->x, st->f, st->g, d, alpha0, c2, out, st->ex);
}

/* The search starts: record the first direction; no trials yet. */
static void note_search(opt_state *st, const double d[2])
{
    if (!st->ex) return;
    copy2(st->ex->d0, d, 2);
    copy2(st->ex->d, d, 2);
    st->ex->restart = 0;
    st->ex->ntrials = 0;
}

/* The first direction failed: −g is tried next. */
static void note_restart(opt_state *st)
{
    if (!st->ex) return;
    st->ex->restart = 1;
    st->ex->restart_trial = st->ex->ntrials;
}

static opt_result no_step(opt_state *st)
{
    snprintf(st->why, sizeof st->why,
             "the line search found no lower point along the search direction (‖∇f‖ = %g: "
             "floating-point precision is exhausted here)",
             hypot(st->g[0], st->g[1]));
    return OPT_STALL;
}

/* ---- Newton ---------------------------------------------------------------------- */

opt_result opt_step_newton(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    double f, g[2], H[3], lam[2], vec[2][2], dx[2];
    obj_hess(o, st->x[0], st->x[1], &f, g, H);
    la_eig_sym2(H, lam, vec);
    opt_explain *ex = st->ex;
    if (ex) {
        copy2(ex->H, H, 3);
        copy2(ex->lam, lam, 2);
        ex->posdef = la_classify(lam) == LA_POSDEF;
        ex->mu = 0;
    }
    if (la_classify(lam) != LA_POSDEF) {
        if (!st->nonpd_first) st->nonpd_first = st->t + 1;
        st->nonpd_count++;
        double big = fmax(1, fmax(fabs(lam[0]), fabs(lam[1])));
        if (h->hess == HESS_SHIFT) {
            double mu = -lam[0] + 1e-3 * big;
            if (ex) ex->mu = mu;
            H[0] += mu;
            H[2] += mu;
        } else if (h->hess == HESS_ABS) {
            /* H = V·diag(|λ|)·Vᵀ, an exact zero lifted to a tiny positive value. */
            double a0 = fmax(fabs(lam[0]), 1e-12 * big), a1 = fmax(fabs(lam[1]), 1e-12 * big);
            H[0] = a0 * vec[0][0] * vec[0][0] + a1 * vec[1][0] * vec[1][0];
            H[1] = a0 * vec[0][0] * vec[0][1] + a1 * vec[1][0] * vec[1][1];
            H[2] = a0 * vec[0][1] * vec[0][1] + a1 * vec[1][1] * vec[1][1];
        }
    }
    if (la_solve_sym2(H, st->g, dx) != 0) {
        snprintf(st->why, sizeof st->why,
                 "H is singular, so the Newton step H⁻¹g does not exist (hess=shift or "
                 "hess=abs avoids it)");
        return OPT_STALL;
    }
    if (ex) {
        copy2(ex->Hused, H, 3);
        copy2(ex->dx, dx, 2);
    }
    opt_move(st, o, st->x[0] - lr * dx[0], st->x[1] - lr * dx[1], lr);
    return OPT_OK;
}

/* ---- BFGS ------------------------------------------------------------------------ */

/* H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, expanded for the symmetric 2×2 H. H₀ = I as in
 * COURSE.md §7 and SciPy's BFGS (no yᵀs/yᵀy rescaling, so iteration counts compare
 * with SciPy's). Skipped when yᵀs is not positive enough, which keeps H positive
 * definite. */
/* yᵀs clearly positive: the pair carries curvature the update can use while keeping
 * the matrix positive definite. */
static int curvature_ok(const double s[2], const double y[2])
{
    return dot(y, s) > 1e-10 * sqrt(dot(s, s)) * sqrt(dot(y, y));
}

/* Record the pair s, y (and whether it updates the memory). */
static void note_pair(opt_state *st, const double s[2], const double y[2], int updated)
{
    if (!st->ex) return;
    copy2(st->ex->ps, s, 2);
    copy2(st->ex->py, y, 2);
    st->ex->ys = dot(y, s);
    st->ex->updated = updated;
}

static void bfgs_update(opt_state *st, const double s[2], const double y[2])
{
    note_pair(st, s, y, curvature_ok(s, y));
    if (st->ex) copy2(st->ex->Hnew, st->H, 3);
    if (!curvature_ok(s, y)) return;
    double ys = dot(y, s);
    double *H = st->H;
    double rho = 1 / ys;
    double Hy[2] = {H[0] * y[0] + H[1] * y[1], H[1] * y[0] + H[2] * y[1]};
    double k = rho * rho * dot(y, Hy) + rho;
    H[0] += -2 * rho * s[0] * Hy[0] + k * s[0] * s[0];
    H[1] += -rho * (s[0] * Hy[1] + Hy[0] * s[1]) + k * s[0] * s[1];
    H[2] += -2 * rho * s[1] * Hy[1] + k * s[1] * s[1];
    st->nupdates++;
    if (st->ex) copy2(st->ex->Hnew, H, 3);
}

/* The part BFGS and L-BFGS share: a line search along d; if d is no descent direction or
 * the search fails while the method remembers curvature, `forget` drops that memory and
 * the search is tried once more along −g. On success the step is taken and s, y are the
 * pair the update needs. Returns 0 on success. */
static int quasi_newton_move(opt_state *st, const opt_hyper *h, objective *o, double d[2],
                             int has_memory, void (*forget)(opt_state *), double s[2], double y[2])
{
    ls_point p;
    note_search(st, d);
    int ok = dot(st->g, d) < 0 && search(st, o, d, h->ls == LS_ARMIJO, BFGS_C2, &p) == 0;
    if (!ok && has_memory) { /* start over from steepest descent */
        note_restart(st);
        forget(st);
        d[0] = -st->g[0];
        d[1] = -st->g[1];
        ok = search(st, o, d, h->ls == LS_ARMIJO, BFGS_C2, &p) == 0;
    }
    if (!ok) return -1;
    s[0] = p.x[0] - st->x[0];
    s[1] = p.x[1] - st->x[1];
    y[0] = p.g[0] - st->g[0];
    y[1] = p.g[1] - st->g[1];
    accept(st, &p);
    return 0;
}

static void bfgs_forget(opt_state *st)
{
    st->H[0] = st->H[2] = 1;
    st->H[1] = 0;
    st->nupdates = 0;
}

opt_result opt_step_bfgs(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    (void)lr;
    const double *H = st->H;
    double d[2], s[2], y[2];
    if (st->ex) copy2(st->ex->Hprev, H, 3);
    d[0] = -(H[0] * st->g[0] + H[1] * st->g[1]);
    d[1] = -(H[1] * st->g[0] + H[2] * st->g[1]);
    if (quasi_newton_move(st, h, o, d, st->nupdates > 0, bfgs_forget, s, y)) return no_step(st);
    bfgs_update(st, s, y);
    return OPT_OK;
}

/* ---- L-BFGS ---------------------------------------------------------------------- */

/* The k-th newest stored pair (k = 0 newest). */
static int lb_slot(const opt_state *st, int k)
{
    return (st->lb_head - 1 - k + 2 * OPT_LBFGS_MAXM) % OPT_LBFGS_MAXM;
}

/* d = −H_k·g by the two-loop recursion over the newest min(m, stored) pairs. */
static void lbfgs_direction(const opt_state *st, int m, double d[2])
{
    int k = st->lb_count < m ? st->lb_count : m;
    opt_explain *ex = st->ex;
    if (ex) ex->npairs = k;
    double q[2] = {st->g[0], st->g[1]}, al[OPT_LBFGS_MAXM];
    for (int i = 0; i < k; i++) {
        int j = lb_slot(st, i);
        double rho = 1 / dot(st->ls_y[j], st->ls_s[j]);
        al[i] = rho * dot(st->ls_s[j], q);
        if (ex) {
            ex->lb_rho[i] = rho;
            ex->lb_alpha[i] = al[i];
        }
        q[0] -= al[i] * st->ls_y[j][0];
        q[1] -= al[i] * st->ls_y[j][1];
    }
    double gamma = 1;
    if (k > 0) {
        int j = lb_slot(st, 0);
        gamma = dot(st->ls_s[j], st->ls_y[j]) / dot(st->ls_y[j], st->ls_y[j]);
    }
    if (ex) ex->gamma = gamma;
    double r[2] = {gamma * q[0], gamma * q[1]};
    for (int i = k - 1; i >= 0; i--) {
        int j = lb_slot(st, i);
        double rho = 1 / dot(st->ls_y[j], st->ls_s[j]);
        double b = rho * dot(st->ls_y[j], r);
        r[0] += st->ls_s[j][0] * (al[i] - b);
        r[1] += st->ls_s[j][1] * (al[i] - b);
    }
    d[0] = -r[0];
    d[1] = -r[1];
}

static void lbfgs_forget(opt_state *st)
{
    st->lb_count = 0;
}

opt_result opt_step_lbfgs(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    (void)lr;
    double d[2], s[2], y[2];
    lbfgs_direction(st, (int)h->m, d);
    if (quasi_newton_move(st, h, o, d, st->lb_count > 0, lbfgs_forget, s, y)) return no_step(st);
    note_pair(st, s, y, curvature_ok(s, y));
    if (curvature_ok(s, y)) {
        int j = st->lb_head;
        st->ls_s[j][0] = s[0];
        st->ls_s[j][1] = s[1];
        st->ls_y[j][0] = y[0];
        st->ls_y[j][1] = y[1];
        st->lb_head = (j + 1) % OPT_LBFGS_MAXM;
        if (st->lb_count < OPT_LBFGS_MAXM) st->lb_count++;
        st->nupdates++;
    }
    return OPT_OK;
}

/* ---- conjugate gradient ---------------------------------------------------------- */

ds_status opt_init_cg(opt_state *st, const opt_hyper *h, objective *o, ds_err *err)
{
    (void)h;
    (void)err;
    st->linear = o->kind == OBJ_QUAD;
    if (st->linear) {
        const double *A = o->A, *b = o->b, *x = st->x;
        st->r[0] = b[0] - (A[0] * x[0] + A[1] * x[1]);
        st->r[1] = b[1] - (A[1] * x[0] + A[2] * x[1]);
        st->d[0] = st->r[0];
        st->d[1] = st->r[1];
    } else {
        st->d[0] = -st->g[0];
        st->d[1] = -st->g[1];
    }
    return DS_OK;
}

/* The course's linear CG for ½θᵀAθ − bᵀθ. */
static opt_result cg_linear(opt_state *st, objective *o)
{
    const double *A = o->A;
    double *r = st->r, *p = st->d;
    double rr = dot(r, r);
    if (rr == 0) {
        snprintf(st->why, sizeof st->why,
                 "the residual r = b − Aθ is exactly 0: θ already solves Aθ = b");
        return OPT_STALL;
    }
    double Ap[2] = {A[0] * p[0] + A[1] * p[1], A[1] * p[0] + A[2] * p[1]};
    double pAp = dot(p, Ap);
    if (!(pAp > 0)) {
        snprintf(st->why, sizeof st->why,
                 "pᵀAp = %g <= 0: A is not positive definite, and linear CG needs A ≻ 0", pAp);
        return OPT_STALL;
    }
    double alpha = rr / pAp;
    double nx = st->x[0] + alpha * p[0], ny = st->x[1] + alpha * p[1];
    opt_explain *ex = st->ex;
    if (ex) {
        ex->linear = 1;
        copy2(ex->r0, r, 2);
        copy2(ex->p0, p, 2);
        copy2(ex->Ap, Ap, 2);
        ex->pAp = pAp;
        ex->rr = rr;
    }
    r[0] -= alpha * Ap[0];
    r[1] -= alpha * Ap[1];
    double beta = dot(r, r) / rr;
    p[0] = r[0] + beta * p[0];
    p[1] = r[1] + beta * p[1];
    if (ex) {
        copy2(ex->r1, r, 2);
        ex->beta = beta;
        copy2(ex->p1, p, 2);
    }
    opt_move(st, o, nx, ny, alpha);
    return OPT_OK;
}

opt_result opt_step_cg(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    (void)lr;
    if (st->linear) return cg_linear(st, o);
    double *d = st->d;
    int steepest = 0;
    note_search(st, d);
    if (st->ex) st->ex->linear = 0;
    if (!(dot(st->g, d) < 0)) { /* not downhill: restart */
        note_restart(st);
        d[0] = -st->g[0];
        d[1] = -st->g[1];
        steepest = 1;
    }
    ls_point p;
    int ok = search(st, o, d, 0, CG_C2, &p) == 0;
    if (!ok && !steepest) {
        note_restart(st);
        d[0] = -st->g[0];
        d[1] = -st->g[1];
        ok = search(st, o, d, 0, CG_C2, &p) == 0;
    }
    if (!ok) return no_step(st);
    double g0[2] = {st->g[0], st->g[1]};
    accept(st, &p);
    double gg = dot(g0, g0), beta;
    if (h->variant == CG_FR)
        beta = dot(st->g, st->g) / gg;
    else {
        double y[2] = {st->g[0] - g0[0], st->g[1] - g0[1]};
        beta = fmax(0, dot(st->g, y) / gg);
    }
    d[0] = -st->g[0] + beta * d[0];
    d[1] = -st->g[1] + beta * d[1];
    if (st->ex) {
        st->ex->beta = beta;
        st->ex->variant = (int)h->variant;
        copy2(st->ex->p1, d, 2);
    }
    return OPT_OK;
}
