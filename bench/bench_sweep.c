/* bench_sweep.c — descent's stepping against hand-written C loops compiled here, in the
 * same run: 10⁷ gd and adam steps on rosenbrock (the `step 10000000` path), a 200×100
 * heavy-ball lr×β map on ellipse (every core), and formula evaluation (goldstein, a
 * 50-operation polynomial) on the VM a point at a time, a block of points at a time, and
 * precompiled. Single-threaded parts count CPU time, the map wall time.
 * Prints each time and its ratio to the baseline. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "descent/expr.h"
#include "descent/run.h"
#include "descent/sweep.h"

/* CPU time of this thread: the machine may be shared, and the single-threaded loops
 * should not count time spent waiting for a core. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of every thread of the process (the map's workers). */
static double cpu_all(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Wall time, for the map that uses every core. */
static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- hand-written baselines -------------------------------------------------------- */

static volatile double sink;

/* gd on rosenbrock with the same checks a run makes: finite, ‖∇f‖ < tol. */
static double c_gd(long n, double lr)
{
    double x = -1.2, y = 1, f = 0;
    double t0 = now();
    for (long k = 0; k < n; k++) {
        double d = y - x * x;
        double gx = -2 * (1 - x) - 400 * x * d, gy = 200 * d;
        x -= lr * gx;
        y -= lr * gy;
        d = y - x * x;
        f = (1 - x) * (1 - x) + 100 * d * d;
        if (!isfinite(f) || gx * gx + gy * gy < 0) break;
    }
    sink = f + x + y;
    return now() - t0;
}

static double c_adam(long n, double lr)
{
    double x = -1.2, y = 1, m[2] = {0, 0}, v[2] = {0, 0}, b1 = 0.9, b2 = 0.999, p1 = 1, p2 = 1;
    double t0 = now(), f = 0;
    for (long k = 0; k < n; k++) {
        double d = y - x * x;
        double g[2] = {-2 * (1 - x) - 400 * x * d, 200 * d};
        p1 *= b1;
        p2 *= b2;
        double p[2] = {x, y};
        for (int i = 0; i < 2; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * (m[i] / (1 - p1)) / (sqrt(v[i] / (1 - p2)) + 1e-8);
        }
        x = p[0];
        y = p[1];
        d = y - x * x;
        f = (1 - x) * (1 - x) + 100 * d * d;
        if (!isfinite(f)) break;
    }
    sink = f + x + y;
    return now() - t0;
}

/* descent: one run, `step n` */
static double d_run(objective *o, const char *algo, long n)
{
    ds_err err;
    runset rs;
    runset_init(&rs);
    runset_add(&rs, o, algo, &err);
    run *r = runset_at(&rs, 0);
    run_set_param(r, opt_param_find(run_algo(r), "tol"), 0, o);
    run_set_param(r, opt_param_find(run_algo(r), "maxiter"), 1e12, o);
    double t0 = now();
    runset_step(&rs, o, n);
    double t = now() - t0;
    if (run_iter(r) != n) fprintf(stderr, "bench_sweep: %s stopped at %ld\n", algo, run_iter(r));
    runset_free(&rs);
    return t;
}

/* ---- formulas ------------------------------------------------------------------------ */

static const char goldstein[] =
    "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - "
    "32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))";

static double c_goldstein(double x, double y)
{
    double a = x + y + 1, b = 2 * x - 3 * y;
    return (1 + a * a * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y)) *
           (30 + b * b * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y));
}

/* a polynomial of about 50 operations */
static const char poly[] = "1 + 2*x - 3*y + 4*x*y - 5*x^2 + 6*y^2 + 7*x^2*y - 8*x*y^2 + 9*x^3 - "
                           "10*y^3 + 11*x^3*y - 12*x*y^3 + 13*x^2*y^2 + 14*x^4 - 15*y^4 + "
                           "16*x^4*y - 17*x*y^4";

/* value, gradient and Hessian of goldstein by hand: f = A·B with A = 1 + a²P, B = 30 + b²Q */
static void c_goldstein_hess(double x, double y, double *f, double g[2], double h[3])
{
    double a = x + y + 1, b = 2 * x - 3 * y;
    double P = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y, Pd = -14 + 6 * x + 6 * y;
    double Q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
    double Qx = -32 + 24 * x - 36 * y, Qy = 48 - 36 * x + 54 * y;
    double A = 1 + a * a * P, B = 30 + b * b * Q;
    double Ax = 2 * a * P + a * a * Pd, Ay = Ax;
    double Axx = 2 * P + 4 * a * Pd + 6 * a * a, Axy = Axx, Ayy = Axx;
    double Bx = 4 * b * Q + b * b * Qx, By = -6 * b * Q + b * b * Qy;
    double Bxx = 8 * Q + 8 * b * Qx + 24 * b * b;
    double Bxy = -12 * Q + 4 * b * Qy - 6 * b * Qx - 36 * b * b;
    double Byy = 18 * Q - 12 * b * Qy + 54 * b * b;
    *f = A * B;
    g[0] = Ax * B + A * Bx;
    g[1] = Ay * B + A * By;
    h[0] = Axx * B + 2 * Ax * Bx + A * Bxx;
    h[1] = Axy * B + Ax * By + Ay * Bx + A * Bxy;
    h[2] = Ayy * B + 2 * Ay * By + A * Byy;
}

static double c_poly(double x, double y)
{
    double x2 = x * x, y2 = y * y, x3 = x2 * x, y3 = y2 * y, x4 = x2 * x2, y4 = y2 * y2;
    return 1 + 2 * x - 3 * y + 4 * x * y - 5 * x2 + 6 * y2 + 7 * x2 * y - 8 * x * y2 + 9 * x3 -
           10 * y3 + 11 * x3 * y - 12 * x * y3 + 13 * x2 * y2 + 14 * x4 - 15 * y4 + 16 * x4 * y -
           17 * x * y4;
}

static void c_poly_hess(double x, double y, double *f, double g[2], double h[3])
{
    double x2 = x * x, y2 = y * y, x3 = x2 * x, y3 = y2 * y, x4 = x2 * x2, y4 = y2 * y2;
    *f = 1 + 2 * x - 3 * y + 4 * x * y - 5 * x2 + 6 * y2 + 7 * x2 * y - 8 * x * y2 + 9 * x3 -
         10 * y3 + 11 * x3 * y - 12 * x * y3 + 13 * x2 * y2 + 14 * x4 - 15 * y4 + 16 * x4 * y -
         17 * x * y4;
    g[0] = 2 + 4 * y - 10 * x + 14 * x * y - 8 * y2 + 27 * x2 + 33 * x2 * y - 12 * y3 +
           26 * x * y2 + 56 * x3 + 64 * x3 * y - 17 * y4;
    g[1] = -3 + 4 * x + 12 * y + 7 * x2 - 16 * x * y - 30 * y2 + 11 * x3 - 36 * x * y2 +
           26 * x2 * y - 60 * y3 + 16 * x4 - 68 * x * y3;
    h[0] = -10 + 14 * y + 54 * x + 66 * x * y + 26 * y2 + 168 * x2 + 192 * x2 * y;
    h[1] = 4 + 14 * x - 16 * y + 33 * x2 - 36 * y2 + 52 * x * y + 64 * x3 - 68 * y3;
    h[2] = 12 - 16 * x - 60 * y - 72 * x * y + 26 * x2 - 180 * y2 - 204 * x * y2;
}

#define NEVAL 2000000

/* The k-th point of the line every formula loop walks. Both coordinates move: with y
 * fixed, gcc folds the y-terms of the hand-written C at compile time (half of poly50's
 * terms), while the VM computes them, and the ratio measured that folding. */
static inline double px(long k)
{
    return 0.3 + 1e-7 * (double)k;
}

static inline double py(long k)
{
    return -0.2 - 0.5e-7 * (double)k;
}

/* 2·10⁶ points along a line; returns seconds. kind 0: value, 1: value+gradient+Hessian. */
static double time_vm(const expr *e, int kind)
{
    double s = 0, f, g[2], h[3], t0 = now();
    for (long k = 0; k < NEVAL; k++) {
        if (kind == 0) {
            s += expr_value(e, px(k), py(k));
        } else {
            expr_hess(e, px(k), py(k), &f, g, h);
            s += f + h[0];
        }
    }
    sink = s;
    return now() - t0;
}

/* The same points through the block evaluators, 1024 at a time (filling the point arrays
 * is timed too, as the loops above compute their points). */
static double time_batch(const expr *e, int kind)
{
    enum { CHUNK = 1024 };
    static double xs[CHUNK], ys[CHUNK], f[CHUNK], g[CHUNK][2], h[CHUNK][3];
    double s = 0, t0 = now();
    for (long k0 = 0; k0 < NEVAL; k0 += CHUNK) {
        size_t n = NEVAL - k0 < CHUNK ? (size_t)(NEVAL - k0) : CHUNK;
        for (size_t i = 0; i < n; i++)
            xs[i] = px(k0 + (long)i), ys[i] = py(k0 + (long)i);
        if (kind == 0) {
            expr_value_n(e, xs, ys, f, n);
            for (size_t i = 0; i < n; i++)
                s += f[i];
        } else {
            expr_hess_n(e, xs, ys, f, g, h, n);
            for (size_t i = 0; i < n; i++)
                s += f[i] + h[i][0];
        }
    }
    sink = s;
    return now() - t0;
}

static void bench_formula(const char *name, const char *src, double (*c)(double, double),
                          void (*ch)(double, double, double *, double *, double *))
{
    ds_err err;
    expr *e = expr_compile(src, &err);
    if (!e) {
        fprintf(stderr, "bench_sweep: %s\n", err.msg);
        return;
    }
    double s = 0, f, g[2], h[3], t0 = now();
    for (long k = 0; k < NEVAL; k++)
        s += c(px(k), py(k));
    double tc = now() - t0;
    t0 = now();
    for (long k = 0; k < NEVAL; k++) {
        ch(px(k), py(k), &f, g, h);
        s += f + h[0];
    }
    double tch = now() - t0;
    sink = s;
    /* the hand-written derivatives agree with the VM's (a check on the baseline itself) */
    double vf, vg[2], vh[3], worst = 0;
    expr_hess(e, 0.37, -0.81, &vf, vg, vh);
    ch(0.37, -0.81, &f, g, h);
    double got[6] = {f, g[0], g[1], h[0], h[1], h[2]},
           want[6] = {vf, vg[0], vg[1], vh[0], vh[1], vh[2]};
    for (int i = 0; i < 6; i++) {
        double d = fabs(got[i] - want[i]) / (fabs(want[i]) + 1e-300);
        if (d > worst) worst = d;
    }
    const char *kern = expr_kernel_name(e);
    expr_use_kernel(e, 0);
    double tv = time_vm(e, 0), th = time_vm(e, 1);
    printf("  %-10s VM: value %5.1f× C, value+gradient+Hessian %5.1f× C's (%5.1f× C's value); "
           "%d instructions; C derivatives agree to %.0e\n",
           name, tv / tc, th / tch, th / tc, expr_code_length(e), worst);
    double bv = time_batch(e, 0), bh = time_batch(e, 1);
    printf("  %-10s VM, %d points a call (expr_value_n, expr_hess_n): value %5.1f× C, "
           "value+gradient+Hessian %5.1f× C's  (targets ≤ 3×, ≤ 4×)\n",
           name, 1024, bv / tc, bh / tch);
    if (kern) {
        expr_use_kernel(e, 1);
        tv = time_vm(e, 0), th = time_vm(e, 1);
        printf("  %-10s precompiled (catalog '%s'): value %5.1f× C, value+gradient+Hessian %5.1f× "
               "C's\n",
               name, kern, tv / tc, th / tch);
    }
    expr_free(e);
}

int main(void)
{
    ds_err err;
    objective o;
    obj_init(&o);
    if (obj_make_catalog(&o, "rosenbrock", NULL, 0, NULL, &err) != DS_OK) return 1;
    long n = 10000000;
    printf("bench_sweep: descent against hand-written C compiled in this benchmark\n");
    double tc = c_gd(n, 1e-3), td = d_run(&o, "gd", n);
    printf("  gd   10^7 steps on rosenbrock: C %.3f s, descent %.3f s: %.1f×  (target ≤ 3×)\n", tc,
           td, td / tc);
    double ta = c_adam(n, 0.01), tda = d_run(&o, "adam", n);
    printf("  adam 10^7 steps on rosenbrock: C %.3f s, descent %.3f s: %.1f×  (target ≤ 3×)\n", ta,
           tda, tda / ta);

    objective e;
    obj_init(&e);
    obj_make_catalog(&e, "ellipse", NULL, 0, NULL, &err);
    sweep_spec sp = {0};
    sp.kind = SWEEP_PARAM;
    sp.algo = opt_find("heavyball");
    opt_defaults(sp.algo, &sp.h);
    sp.h.maxiter = 500;
    sched_default(&sp.sched);
    sp.start[0] = -1.8;
    sp.start[1] = 1.2;
    sp.p[0] = opt_param_find(sp.algo, "lr");
    sp.p[1] = opt_param_find(sp.algo, "beta");
    sp.lo[0] = 1e-3, sp.hi[0] = 0.3, sp.logsp[0] = 1, sp.n[0] = 200;
    sp.lo[1] = 0, sp.hi[1] = 0.99, sp.n[1] = 100;
    sweep_cell *cells = malloc(sizeof *cells * 20000);
    double t0 = wall(), c0 = cpu_all();
    sweep_run(&sp, &e, 0, cells, &err);
    double tm = wall() - t0, cm = cpu_all() - c0;
    long steps = 0;
    for (int k = 0; k < 20000; k++)
        steps += cells[k].steps;
    printf("  heavy-ball 200×100 lr×β map on ellipse (≤500 steps, %ld in all), every core: %.3f s "
           "wall = %.2f× the C gd loop  (target ≤ 2×); CPU %.3f s, / 2 cores = %.2f×\n",
           steps, tm, tm / tc, cm, cm / 2 / tc);
    free(cells);
    bench_formula("goldstein", goldstein, c_goldstein, c_goldstein_hess);
    bench_formula("poly50", poly, c_poly, c_poly_hess);
    obj_free(&e);
    obj_free(&o);
    return 0;
}
