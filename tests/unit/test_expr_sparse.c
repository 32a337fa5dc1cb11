/* test_expr_sparse.c — the sparse variants (expr_sparse.c, expr_sparse.h): operations on
 * operands that depend on x alone or y alone leave out the terms with structural zeros.
 * Checked against the general rules themselves: each formula is also evaluated with every
 * variant in its tape put back to the plain opcode it stands for. At finite points the two
 * must agree to the bit (the variants drop only terms that are ±0 there, and the end of
 * an evaluation makes a −0 +0). Every variant must occur in some formula here. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../src/expr_internal.h"
#include "descent/expr.h"
#include "harness.h"

/* Pieces of class X, Y and G, and how two of them (A, B) or one (A) combine. */
static const char *const piece[3][3] = {
    {"sin(x)", "x^3", "(2*x + 1)"},
    {"cos(y)", "y^4", "(3 - y)"},
    {"(x*y)", "(x + y)", "exp(x - y)"},
};
static const char *const pair_forms[] = {"%s + %s",       "%s - %s",      "%s*%s",
                                         "%s + 3*%s",     "%s - 3*%s",    "3*%s - %s",
                                         "(%s + %s)/1.5", "(%s - %s)*0.5"};
static const char *const one_forms[] = {"2*%s",   "%s + 2", "%s - 2", "2 - %s",   "%s/4",
                                        "-%s",    "%s^2",   "%s^3",   "sqrt(%s)", "%s + x",
                                        "%s - x", "x - %s", "%s*x",   "%s + y",   "%s - y",
                                        "y - %s", "%s*y",   "%s^-2",  "%s^5",     "log(%s)"};

/* e's derivative tape with every variant back to its plain opcode (the VM runs it) */
static void make_dense(expr *e)
{
    static unsigned short plain[TP_COUNT];
    for (int i = 0; i < TP_COUNT; i++)
        plain[i] = (unsigned short)i;
#define SP_PLAIN(X, op, p) plain[op] = p;
    TP_SPARSE_BIN(SP_PLAIN, _)
    TP_SPARSE_UN(SP_PLAIN, _)
#undef SP_PLAIN
    tinsn *t = (tinsn *)e->tape;
    for (int i = 0; i < e->ntape; i++)
        t[i].op = (unsigned short)(plain[t[i].op & TP_BASE] | (t[i].op & ~TP_BASE));
    expr_use_kernel(e, 0);
}

static int seen[TP_COUNT];

static int same(const double *a, const double *b, int n)
{
    return memcmp(a, b, sizeof *a * (size_t)n) == 0;
}

static void check(const char *src, int *bad)
{
    ds_err err;
    expr *e = expr_compile(src, &err), *d = expr_compile(src, &err);
    if (!e || !d) {
        TH_FAIL("'%s' did not compile", src);
        expr_free(e), expr_free(d);
        return;
    }
    for (int i = 0; i < e->ntape; i++)
        seen[e->tape[i].op & TP_BASE] = 1;
    make_dense(d);
    for (int i = 0; i < 49; i++) {
        double x = -1.7 + 0.37 * (i % 7) + 0.01, y = 1.9 - 0.53 * (i / 7) + 0.02;
        double f[2], g[2][2], h[2][3], f1[2], g1[2][2];
        expr_hess(e, x, y, &f[0], g[0], h[0]);
        expr_hess(d, x, y, &f[1], g[1], h[1]);
        expr_grad(e, x, y, &f1[0], g1[0]);
        expr_grad(d, x, y, &f1[1], g1[1]);
        if (!isfinite(f[1])) continue;
        if (!same(&f[0], &f[1], 1) || !same(g[0], g[1], 2) || !same(h[0], h[1], 3) ||
            !same(&f1[0], &f1[1], 1) || !same(g1[0], g1[1], 2)) {
            if ((*bad)++ < 5)
                TH_FAIL("'%s' at (%g, %g): the sparse rules differ from the general ones", src, x,
                        y);
            break;
        }
    }
    expr_free(e);
    expr_free(d);
}

TEST(test_sparse_equals_general)
{
    char src[512], a[256];
    int bad = 0;
    for (int ca = 0; ca < 3; ca++)
        for (int ia = 0; ia < 3; ia++) {
            for (size_t f = 0; f < sizeof one_forms / sizeof *one_forms; f++) {
                snprintf(src, sizeof src, one_forms[f], piece[ca][ia]);
                check(src, &bad);
            }
            for (int cb = 0; cb < 3; cb++)
                for (int ib = 0; ib < 3; ib++)
                    for (size_t f = 0; f < sizeof pair_forms / sizeof *pair_forms; f++) {
                        snprintf(a, sizeof a, "(%s)", piece[ca][ia]);
                        snprintf(src, sizeof src, pair_forms[f], a, piece[cb][ib]);
                        check(src, &bad);
                    }
        }
    CHECK(bad == 0);
    /* every variant was met */
    int missing = 0;
#define SP_SEEN(X, op, plain)                                                                      \
    if (!seen[op] && missing++ < 5) TH_FAIL("variant %s never compiled", #op);
    TP_SPARSE_BIN(SP_SEEN, _)
    TP_SPARSE_UN(SP_SEEN, _)
#undef SP_SEEN
    CHECK(missing == 0);
}

/* x's and y's own parts: a formula of x alone has no y-derivatives, even where the
 * general rules would meet 0·∞ (the sparse rules never multiply a structural zero). */
TEST(test_one_variable)
{
    ds_err err;
    expr *e = expr_compile("x^3 + 2*sin(x)", &err);
    double f, g[2], h[3];
    expr_hess(e, 0.5, INFINITY, &f, g, h);
    CHECK(g[1] == 0 && h[1] == 0 && h[2] == 0);
    CHECK(fabs(g[0] - (0.75 + 2 * cos(0.5))) < 1e-15);
    expr_free(e);
}

int main(void)
{
    RUN(test_sparse_equals_general);
    RUN(test_one_variable);
    TEST_END();
}
