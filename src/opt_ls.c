/* opt_ls.c — line searches for the quasi-Newton and conjugate-gradient methods: the
 * strong-Wolfe search of Nocedal & Wright (Alg. 3.5 bracketing, Alg. 3.6 zoom with cubic
 * and quadratic interpolation) and Armijo backtracking. φ(α) = f(x + α·d). */
#include <math.h>

#include "opt_internal.h"

#define LS_MAXBRACKET 40 /* trial steps while bracketing */
#define LS_MAXZOOM    40 /* trial steps while zooming */
#define LS_ALPHA_MAX  1e10

/* What every trial of one search compares against, and where it is logged. */
typedef struct {
    double f0, slope, c2;
    opt_explain *ex;
} ls_ctx;

/* One trial point: α, φ(α), φ'(α), and the point with its gradient. */
typedef struct {
    double a, f, d;
    double x[2], g[2];
} trial;

/* Record a trial in the explanation record (ex may be NULL). */
static void log_trial(opt_explain *ex, double a, double f, double dphi, int armijo, int curv)
{
    if (!ex) return;
    if (ex->ntrials < EXPL_MAXTRIALS) {
        expl_trial *t = &ex->trials[ex->ntrials];
        t->a = a;
        t->f = f;
        t->dphi = dphi;
        t->armijo = (signed char)armijo;
        t->curv = (signed char)curv;
    }
    ex->ntrials++;
}

/* Evaluate trial α and log it with its strong-Wolfe verdicts. */
static void evaluate(objective *o, const double x[2], const double d[2], double a, trial *t,
                     const ls_ctx *c)
{
    t->a = a;
    t->x[0] = x[0] + a * d[0];
    t->x[1] = x[1] + a * d[1];
    obj_grad(o, t->x[0], t->x[1], &t->f, t->g);
    t->d = t->g[0] * d[0] + t->g[1] * d[1];
    if (!isfinite(t->f) || !isfinite(t->d)) { /* too far: treat as "much too high" */
        t->f = INFINITY;
        t->d = NAN;
    }
    log_trial(c->ex, a, t->f, t->d, t->f <= c->f0 + LS_C1 * a * c->slope,
              fabs(t->d) <= -c->c2 * c->slope);
}

/* The accepted trial as the line search's answer. */
static void take(const trial *t, ls_point *out)
{
    *out = (ls_point){.alpha = t->a, .x = {t->x[0], t->x[1]}, .f = t->f, .g = {t->g[0], t->g[1]}};
}

/* Minimizer of the cubic matching φ and φ' at a and b (N&W eq. 3.59); NAN if none. */
static double cubic_min(double a, double fa, double da, double b, double fb, double db)
{
    double d1 = da + db - 3 * (fa - fb) / (a - b);
    double disc = d1 * d1 - da * db;
    if (!(disc >= 0)) return NAN;
    double d2 = copysign(sqrt(disc), b - a);
    double den = db - da + 2 * d2;
    if (den == 0) return NAN;
    return b - (b - a) * ((db + d2 - d1) / den);
}

/* Minimizer of the parabola matching φ(a), φ'(a) and φ(b); NAN if it opens downwards. */
static double quad_min(double a, double fa, double da, double b, double fb)
{
    double D = b - a;
    double C = (fb - fa - da * D) / (D * D);
    if (!(C > 0)) return NAN;
    return a - da / (2 * C);
}

/* N&W Alg. 3.6: lo satisfies sufficient decrease with the lowest φ so far; the
 * interval between lo and hi contains acceptable steps. */
static int zoom(objective *o, const double x[2], const double d[2], const ls_ctx *c, trial lo,
                trial hi, ls_point *out)
{
    double f0 = c->f0, slope = c->slope, c2 = c->c2;
    for (int j = 0; j < LS_MAXZOOM; j++) {
        double left = fmin(lo.a, hi.a), right = fmax(lo.a, hi.a), w = right - left;
        if (w <= 1e-16 * right) break; /* the interval has shrunk to rounding */
        double a = NAN;
        if (isfinite(hi.f) && isfinite(hi.d)) a = cubic_min(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d);
        if (!(a > left + 0.1 * w && a < right - 0.1 * w))
            a = isfinite(hi.f) ? quad_min(lo.a, lo.f, lo.d, hi.a, hi.f) : NAN;
        if (!(a > left + 0.1 * w && a < right - 0.1 * w)) a = left + 0.5 * w;
        trial t;
        evaluate(o, x, d, a, &t, c);
        if (t.f > f0 + LS_C1 * a * slope || t.f >= lo.f) {
            hi = t;
        } else {
            if (fabs(t.d) <= -c2 * slope) {
                take(&t, out);
                return 0;
            }
            if (t.d * (hi.a - lo.a) >= 0) hi = lo;
            lo = t;
        }
    }
    /* No point met the curvature condition; lo still lowers f enough. */
    if (lo.a > 0) {
        take(&lo, out);
        return 0;
    }
    return -1;
}

int ls_wolfe(objective *o, const double x[2], double f0, const double g0[2], const double d[2],
             double alpha0, double c2, ls_point *out, opt_explain *ex)
{
    double slope = g0[0] * d[0] + g0[1] * d[1];
    if (!(slope < 0)) return -1;
    ls_ctx c = {f0, slope, c2, ex};
    trial prev = {0, f0, slope, {x[0], x[1]}, {g0[0], g0[1]}};
    double a = alpha0;
    for (int i = 0; i < LS_MAXBRACKET; i++) {
        trial t;
        evaluate(o, x, d, a, &t, &c);
        if (t.f > f0 + LS_C1 * a * slope || (i > 0 && t.f >= prev.f))
            return zoom(o, x, d, &c, prev, t, out);
        if (fabs(t.d) <= -c2 * slope) {
            take(&t, out);
            return 0;
        }
        if (t.d >= 0) return zoom(o, x, d, &c, t, prev, out);
        prev = t;
        if (a >= LS_ALPHA_MAX) break;
        a = fmin(2 * a, LS_ALPHA_MAX);
    }
    /* Still going down after every extrapolation: take the lowest point found. */
    if (prev.a > 0) {
        take(&prev, out);
        return 0;
    }
    return -1;
}

int ls_armijo(objective *o, const double x[2], double f0, const double g0[2], const double d[2],
              double alpha0, ls_point *out, opt_explain *ex)
{
    double slope = g0[0] * d[0] + g0[1] * d[1];
    if (!(slope < 0)) return -1;
    double a = alpha0;
    for (int i = 0; i < 60; i++) {
        double nx = x[0] + a * d[0], ny = x[1] + a * d[1];
        double f = obj_value(o, nx, ny);
        log_trial(ex, a, f, NAN, isfinite(f) && f <= f0 + LS_C1 * a * slope, -1);
        if (isfinite(f) && f <= f0 + LS_C1 * a * slope) {
            out->alpha = a;
            out->x[0] = nx;
            out->x[1] = ny;
            obj_grad(o, nx, ny, &out->f, out->g);
            return 0;
        }
        /* The parabola's minimizer, kept within [0.1a, 0.5a]. */
        double next = isfinite(f) ? -slope * a * a / (2 * (f - f0 - slope * a)) : 0.1 * a;
        a = fmin(fmax(next, 0.1 * a), 0.5 * a);
    }
    return -1;
}

double ls_initial_alpha(const opt_state *st, double slope)
{
    double fprev = st->t == 0 ? st->f + 0.5 * hypot(st->g[0], st->g[1]) : st->fprev;
    double a = 1.01 * 2 * (st->f - fprev) / slope;
    if (!(a > 0) || !isfinite(a) || a > 1) a = 1;
    return a;
}
