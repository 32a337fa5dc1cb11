/* bench_expr.c — how fast the bytecode is against hand-written C, on rosenbrock:
 * value only (what contour grids call), value + gradient, value + gradient + Hessian.
 * Prints nanoseconds per evaluation and the ratios; `make bench` runs it. */
#include <stdio.h>
#include <time.h>

#include "descent/expr.h"

#define ROSENBROCK  "(1-x)^2 + 100*(y-x^2)^2"
#define SECONDS     0.3
#define CALIBRATION 65536L
#define TRIALS      10

/* Results go here so no loop can be optimized away. */
static volatile double sink;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Inputs change every iteration, so nothing can be hoisted out of a loop. */
#define POINT_X(i) (-1.5 + (double)((i)&1023) * 0.003)
#define POINT_Y(i) (-0.5 + (double)((i)&511) * 0.004)

/* ---- hand-written rosenbrock ---- */

static double native_value(double x, double y)
{
    double a = 1 - x, b = y - x * x;
    return a * a + 100 * b * b;
}

static void native_grad(double x, double y, double *f, double g[2])
{
    double a = 1 - x, b = y - x * x;
    *f = a * a + 100 * b * b;
    g[0] = -2 * a - 400 * x * b;
    g[1] = 200 * b;
}

static void native_hess(double x, double y, double *f, double g[2], double h[3])
{
    double a = 1 - x, b = y - x * x;
    *f = a * a + 100 * b * b;
    g[0] = -2 * a - 400 * x * b;
    g[1] = 200 * b;
    h[0] = 2 - 400 * y + 1200 * x * x;
    h[1] = -400 * x;
    h[2] = 200;
}

/* Reached through pointers the compiler cannot see through, the way the program calls
 * an objective; the inlined variant below shows the ideal for comparison. */
static double (*volatile native_value_p)(double, double) = native_value;
static void (*volatile native_grad_p)(double, double, double *, double *) = native_grad;
static void (*volatile native_hess_p)(double, double, double *, double *, double *) = native_hess;

typedef enum {
    NATIVE_VALUE,
    NATIVE_INLINE,
    NATIVE_GRAD,
    NATIVE_HESS,
    VALUE,
    GRAD,
    HESS,
    KINDS
} kind;

/* Run `n` evaluations of one kind; returns seconds. */
static double run(kind k, const expr *e, long n)
{
    double acc = 0, f, g[2], h[3], t0 = now();
    double (*nv)(double, double) = native_value_p;
    void (*ng)(double, double, double *, double *) = native_grad_p;
    void (*nh)(double, double, double *, double *, double *) = native_hess_p;
    long i;
    switch (k) {
    case NATIVE_VALUE:
        for (i = 0; i < n; i++)
            acc += nv(POINT_X(i), POINT_Y(i));
        break;
    case NATIVE_INLINE:
        for (i = 0; i < n; i++)
            acc += native_value(POINT_X(i), POINT_Y(i));
        break;
    case NATIVE_GRAD:
        for (i = 0; i < n; i++) {
            ng(POINT_X(i), POINT_Y(i), &f, g);
            acc += f + g[0] + g[1];
        }
        break;
    case NATIVE_HESS:
        for (i = 0; i < n; i++) {
            nh(POINT_X(i), POINT_Y(i), &f, g, h);
            acc += f + g[0] + g[1] + h[0] + h[1] + h[2];
        }
        break;
    case VALUE:
        for (i = 0; i < n; i++)
            acc += expr_value(e, POINT_X(i), POINT_Y(i));
        break;
    case GRAD:
        for (i = 0; i < n; i++) {
            expr_grad(e, POINT_X(i), POINT_Y(i), &f, g);
            acc += f + g[0] + g[1];
        }
        break;
    case HESS:
        for (i = 0; i < n; i++) {
            expr_hess(e, POINT_X(i), POINT_Y(i), &f, g, h);
            acc += f + g[0] + g[1] + h[0] + h[1] + h[2];
        }
        break;
    case KINDS: break;
    }
    sink = acc;
    return now() - t0;
}

/* Equal up to rounding (the two sum their terms in different orders). */
static int near(double a, double b)
{
    double d = a > b ? a - b : b - a, m = (a > 0 ? a : -a) + (b > 0 ? b : -b);
    return d <= 1e-12 * (m > 1 ? m : 1);
}

/* Nanoseconds per evaluation of every kind. Each kind gets about SECONDS in all, split
 * into TRIALS runs interleaved with the other kinds (so a busy moment on a shared machine
 * hits native and bytecode alike); the fastest run of each kind counts. */
static void measure(const expr *e, double ns[KINDS])
{
    long n[KINDS];
    int k, i;
    for (k = 0; k < KINDS; k++) {
        double t = run((kind)k, e, CALIBRATION);
        n[k] = (long)(SECONDS / TRIALS / (t > 1e-9 ? t : 1e-9) * CALIBRATION);
        if (n[k] < CALIBRATION) n[k] = CALIBRATION;
        ns[k] = 1e30;
    }
    for (i = 0; i < TRIALS; i++)
        for (k = 0; k < KINDS; k++) {
            double t = run((kind)k, e, n[k]) / (double)n[k] * 1e9;
            if (t < ns[k]) ns[k] = t;
        }
}

int main(void)
{
    ds_err err;
    expr *e = expr_compile(ROSENBROCK, &err);
    double ns[KINDS], nv, ni, ng, nh, bv, bg, bh, f, g[2], h[3], fn, gn[2], hn[3];
    if (!e) {
        fprintf(stderr, "bench_expr: %s\n", err.msg);
        return 1;
    }
    /* rosenbrock is in the catalog, so it would run precompiled: this bench is the VM's */
    expr_use_kernel(e, 0);
    /* the two must agree before their speeds mean anything */
    expr_hess(e, 0.3, -0.7, &f, g, h);
    native_hess(0.3, -0.7, &fn, gn, hn);
    if (!near(f, fn) || !near(g[0], gn[0]) || !near(g[1], gn[1]) || !near(h[0], hn[0]) ||
        !near(h[1], hn[1]) || !near(h[2], hn[2])) {
        fprintf(stderr, "bench_expr: bytecode and native rosenbrock disagree\n");
        return 1;
    }
    measure(e, ns);
    nv = ns[NATIVE_VALUE], ni = ns[NATIVE_INLINE], ng = ns[NATIVE_GRAD], nh = ns[NATIVE_HESS];
    bv = ns[VALUE], bg = ns[GRAD], bh = ns[HESS];
    printf("rosenbrock %s: %d instructions, stack depth %d\n", ROSENBROCK, expr_code_length(e),
           expr_stack_depth(e));
    printf("expr value-only: %.1f ns/eval (native %.1f ns, %.1fx; target <= 3x)\n", bv, nv,
           bv / nv);
    printf("expr value+gradient: %.1f ns/eval (native %.1f ns, %.1fx)\n", bg, ng, bg / ng);
    printf("expr value+gradient+hessian: %.1f ns/eval (native %.1f ns, %.1fx)\n", bh, nh, bh / nh);
    printf("(native = hand-written C called through a function pointer, as objectives are "
           "called; inlined into the loop it takes %.1f ns, value-only bytecode is %.1fx that)\n",
           ni, bv / ni);
    expr_free(e);
    return 0;
}
