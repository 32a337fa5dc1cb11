/* test_expr_batch.c — the block evaluators (expr_value_n, expr_grad_n, expr_hess_n) give
 * at every point exactly what the one-point evaluators give there, to the bit: on the
 * catalog (precompiled and on the VM), on formulas with kinks, ties and domain errors,
 * and on random formulas that repeat their own pieces (shared subexpressions), at points
 * that include ±0, ±1, tiny and huge numbers, ±∞ and NaN, over counts that do not fill
 * a block. Also: the register form keeps programs short where pieces repeat. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "descent/expr.h"
#include "descent/objective.h"
#include "harness.h"

/* Same bits, or both NaN (the sign of a NaN is the compiler's choice of operand order). */
static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static unsigned rnd(unsigned n)
{
    rng ^= rng >> 12, rng ^= rng << 25, rng ^= rng >> 27;
    return (unsigned)(((rng * 0x2545F4914F6CDD1Dull) >> 33) % n);
}

#define NPTS 203 /* not a multiple of any block size */
static double px[NPTS], py[NPTS];

static void make_points(void)
{
    static const double special[] = {0,     -0.0,  1,        -1,        0.5, 1e-300,
                                     1e154, 1e308, INFINITY, -INFINITY, NAN, -2};
    for (int k = 0; k < NPTS; k++) {
        if (k < 144) {
            px[k] = special[k % 12], py[k] = special[k / 12];
        } else {
            px[k] = ((double)rnd(1000000) / 1e6 - 0.5) * (k < 190 ? 8 : 1e4);
            py[k] = k % 5 == 0 ? px[k] : ((double)rnd(1000000) / 1e6 - 0.5) * 8;
        }
    }
}

/* Every evaluator over the first n points against a loop of single calls; 1 if equal. */
static int compare(const expr *e, size_t n)
{
    static double f[NPTS], g[NPTS][2], h[NPTS][3], fg[NPTS], gg[NPTS][2];
    expr_value_n(e, px, py, f, n);
    for (size_t k = 0; k < n; k++)
        if (!same_bits(f[k], expr_value(e, px[k], py[k]))) return 0;
    expr_grad_n(e, px, py, fg, gg, n);
    expr_hess_n(e, px, py, f, g, h, n);
    for (size_t k = 0; k < n; k++) {
        double f1, g1[2], f2, g2[2], h2[3];
        expr_grad(e, px[k], py[k], &f1, g1);
        expr_hess(e, px[k], py[k], &f2, g2, h2);
        int ok = same_bits(fg[k], f1) && same_bits(f[k], f2);
        for (int i = 0; i < 2; i++)
            ok &= same_bits(gg[k][i], g1[i]) && same_bits(g[k][i], g2[i]);
        for (int i = 0; i < 3; i++)
            ok &= same_bits(h[k][i], h2[i]);
        if (!ok) return 0;
    }
    return 1;
}

static void check_formula(const char *src, int *bad)
{
    ds_err err;
    expr *e = expr_compile(src, &err);
    if (!e) {
        TH_FAIL("'%s' did not compile: %s", src, err.msg);
        return;
    }
    for (int kern = 0; kern < 2; kern++) {
        expr_use_kernel(e, kern);
        if (!compare(e, NPTS) || !compare(e, 1) || !compare(e, 17)) {
            if ((*bad)++ < 5) TH_FAIL("'%s' (kernel %d): the block evaluators differ", src, kern);
        }
    }
    expr_free(e);
}

TEST(test_catalog_and_kinks)
{
    static const char *const kinks[] = {"sqrt(x^2 + y^2)",
                                        "abs(x) + abs(y)*x",
                                        "min(x, y) + max(x^2, y)",
                                        "min(x, x) - max(y, y)",
                                        "log(x) + log10(y)",
                                        "asin(x) + acos(y)",
                                        "x^y + y^0.5 + 2^x",
                                        "atan2(y, x)*atan2(x, 1)",
                                        "1/x - y/x + 1/(x*y)",
                                        "sigmoid(x*y) + tanh(x) + exp(-x^2)",
                                        "x^-2 + y^-1 + x^3*y^4",
                                        "(x^2 + y^2)^1.5 - sqrt(x)*sqrt(x)",
                                        "sin(x)*cos(y) + tan(x*y) + sinh(y) - cosh(x)",
                                        "-x + -(y*y) - (-(x))",
                                        "3",
                                        "x",
                                        "pi*e",
                                        "x^0 + y^1 + (x*y)^-3 + x^16 - y^-16"};
    int bad = 0;
    make_points();
    for (int c = 0; c < obj_catalog_count; c++)
        if (obj_catalog[c].kind == OBJ_FORMULA) check_formula(obj_catalog[c].formula, &bad);
    for (size_t i = 0; i < sizeof kinks / sizeof kinks[0]; i++)
        check_formula(kinks[i], &bad);
    CHECK(bad == 0);
}

static int truncated; /* a piece did not fit: the formula is thrown away */

static void fit(int written, size_t cap)
{
    if (written < 0 || (size_t)written >= cap) truncated = 1;
}

/* A random formula whose leaves are often pieces built before it, so the same
 * subexpression appears many times. */
static void gen(char *out, size_t cap, int depth, char pool[][160], int *npool)
{
    static const char *const fn[] = {"sin", "cos",  "exp",  "log",     "sqrt",
                                     "abs", "atan", "tanh", "sigmoid", "asin"};
    static const char *const ops[] = {" + ", " - ", "*", " / "};
    static const char *const leaf[] = {"x", "y", "2", "0.5", "3", "x", "y", "1"};
    char a[400], b[400];
    unsigned r = rnd(100);
    if (depth <= 0 || r < 20) {
        if (*npool && rnd(3) == 0)
            fit(snprintf(out, cap, "(%s)", pool[rnd((unsigned)*npool)]), cap);
        else
            snprintf(out, cap, "%s", leaf[rnd(8)]);
        return;
    }
    gen(a, sizeof a, depth - 1, pool, npool);
    if (r < 55) {
        gen(b, sizeof b, depth - 1, pool, npool);
        fit(snprintf(out, cap, "(%s%s%s)", a, ops[rnd(4)], b), cap);
    } else if (r < 65) {
        static const char *const exps[] = {"2", "3", "4", "-1", "0.5", "1.5", "x"};
        fit(snprintf(out, cap, "(%s)^%s", a, exps[rnd(7)]), cap);
    } else if (r < 85) {
        fit(snprintf(out, cap, "%s(%s)", fn[rnd(10)], a), cap);
    } else {
        static const char *const fn2[] = {"min", "max", "atan2", "pow"};
        gen(b, sizeof b, depth - 1, pool, npool);
        fit(snprintf(out, cap, "%s(%s, %s)", fn2[rnd(4)], a, b), cap);
    }
    if (!truncated && strlen(out) < 160) {
        int slot = *npool < 8 ? (*npool)++ : (int)rnd(8);
        snprintf(pool[slot], 160, "%s", out);
    }
}

TEST(test_random_shared)
{
    char pool[8][160], src[1200];
    int npool = 0, bad = 0, checked = 0;
    make_points();
    while (checked < 400) {
        truncated = 0;
        gen(src, sizeof src, 2 + (int)rnd(4), pool, &npool);
        if (truncated) continue;
        check_formula(src, &bad);
        checked++;
    }
    CHECK(bad == 0);
}

/* 130 pieces all alive at once (a sum of them, then their product) need more registers
 * than a tape may use: the tape is then built without sharing, and still agrees. */
TEST(test_many_alive)
{
    static char src[4096];
    size_t n = 0;
    int bad = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i <= 130; i++)
            n += (size_t)snprintf(src + n, sizeof src - n, "%ssin(x + %d)",
                                  i == 1 && pass == 0 ? ""
                                  : pass              ? (i == 1 ? " + " : "*")
                                                      : " + ",
                                  i);
    CHECK(n < sizeof src);
    make_points();
    check_formula(src, &bad);
    CHECK(bad == 0);
}

/* Nothing to evaluate, or no formula: NaN everywhere, and no count is too small. */
TEST(test_edges)
{
    double f[3] = {0, 0, 0}, g[3][2], h[3][3];
    make_points();
    expr_value_n(NULL, px, py, f, 3);
    CHECK(isnan(f[0]) && isnan(f[2]));
    expr_hess_n(NULL, px, py, f, g, h, 3);
    CHECK(isnan(g[1][1]) && isnan(h[2][2]));
    ds_err err;
    expr *e = expr_compile("x*y", &err);
    f[0] = 7;
    expr_value_n(e, px, py, f, 0);
    CHECK(f[0] == 7);
    expr_free(e);
}

int main(void)
{
    RUN(test_catalog_and_kinks);
    RUN(test_random_shared);
    RUN(test_many_alive);
    RUN(test_edges);
    TEST_END();
}
