/* test_expr_precision.c — derivatives that must keep their digits: stable rules where
 * the textbook form cancels (tanh, asin, acos), points where an intermediate over- or
 * underflows though the answer is representable, and kinks reported as kinks. */
#include <math.h>
#include <stdio.h>

#include "descent/expr.h"
#include "harness.h"

typedef struct {
    double f, g[2], h[3];
} derivs;

static derivs hess_of(const char *src, double x, double y)
{
    derivs d = {NAN, {NAN, NAN}, {NAN, NAN, NAN}};
    ds_err err;
    expr *e = expr_compile(src, &err);
    if (!e) {
        TH_FAIL("'%s' did not compile: %s", src, err.msg);
        return d;
    }
    expr_hess(e, x, y, &d.f, d.g, d.h);
    expr_free(e);
    return d;
}

static double grad_x_of(const char *src, double x, double y)
{
    double f, g[2] = {NAN, NAN};
    ds_err err;
    expr *e = expr_compile(src, &err);
    if (!e) {
        TH_FAIL("'%s' did not compile: %s", src, err.msg);
        return NAN;
    }
    expr_grad(e, x, y, &f, g);
    expr_free(e);
    return g[0];
}

/* relative error of a against the long double reference b */
static double rel(double a, long double b)
{
    return (double)fabsl(((long double)a - b) / b);
}

/* d/dx tanh x = 1/cosh²x. 1 − tanh²x had 1.7e-4 relative error at x = 15 and 77% at
 * x = 19 (every digit cancelled); the second derivative −2 tanh x/cosh²x inherited it. */
TEST(test_tanh_far_out)
{
    const double xs[] = {0.5, 5, 15, 19, -19, 30};
    for (int i = 0; i < (int)(sizeof xs / sizeof xs[0]); i++) {
        long double c = coshl(xs[i]), d1 = 1 / (c * c), d2 = -2 * tanhl(xs[i]) * d1;
        derivs d = hess_of("tanh(x)", xs[i], 0);
        if (rel(d.g[0], d1) > 1e-14 || rel(d.h[0], d2) > 1e-14)
            TH_FAIL("tanh at %g: f' %.17g (want %.17Lg), f'' %.17g (want %.17Lg)", xs[i], d.g[0],
                    d1, d.h[0], d2);
        else
            th_passed++;
        CHECK(rel(grad_x_of("tanh(x)", xs[i], 0), d1) <= 1e-14);
    }
    /* far beyond, the slope underflows to 0 rather than becoming NaN */
    derivs d = hess_of("tanh(x)", 800, 0);
    CHECK(d.g[0] == 0 && d.h[0] == 0);
}

/* asin′ = 1/√(1 − u²) = −acos′: 1 − u·u rounded (2.3e-10 relative error at
 * u = 1 − 2⁻³⁰); (1 − u)(1 + u) is exact there. */
TEST(test_asin_acos_near_one)
{
    const double us[] = {1 - 0x1p-30, -(1 - 0x1p-40), 0.999999, 0.5};
    for (int i = 0; i < (int)(sizeof us / sizeof us[0]); i++) {
        long double u = us[i], w = (1 - u) * (1 + u), d1 = 1 / sqrtl(w), d2 = u / (w * sqrtl(w));
        derivs a = hess_of("asin(x)", us[i], 0), c = hess_of("acos(x)", us[i], 0);
        CHECK(rel(a.g[0], d1) <= 1e-15);
        CHECK(rel(a.h[0], d2) <= 1e-15);
        CHECK(rel(c.g[0], -d1) <= 1e-15);
        CHECK(rel(c.h[0], -d2) <= 1e-15);
    }
}

int main(void)
{
    RUN(test_tanh_far_out);
    RUN(test_asin_acos_near_one);
    TEST_END();
}
