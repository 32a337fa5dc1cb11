/* test_expr_precision.c — derivatives that must keep their digits: stable rules where
 * the textbook form cancels (tanh, asin, acos), points where an intermediate over- or
 * underflows though the answer is representable, and kinks reported as kinks. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/expr.h"
#include "fixtures.h"
#include "harness.h"

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

static int kink_of(const char *src, double x, double y, const char **what)
{
    ds_err err;
    expr *e = expr_compile(src, &err);
    if (!e) {
        TH_FAIL("'%s' did not compile: %s", src, err.msg);
        return -1;
    }
    int k = expr_kink(e, x, y, what);
    expr_free(e);
    return k;
}

/* A kink is where a rule answered by convention: the old evaluators printed ∇f = [0, 0]
 * for sqrt(x² + y²) at 0 as if it were a stationary point. */
TEST(test_kinks)
{
    const char *w = NULL;
    CHECK(kink_of("sqrt(x^2 + y^2)", 0, 0, &w) == 1 && w && strcmp(w, "sqrt") == 0);
    CHECK(kink_of("-20*exp(-0.2*sqrt(0.5*(x^2+y^2))) - exp(0.5*(cos(2*pi*x)+cos(2*pi*y))) + e + 20",
                  0, 0, &w) == 1);
    CHECK(kink_of("abs(x) + y^2", 0, 3, &w) == 1 && w && strcmp(w, "abs") == 0);
    CHECK(kink_of("abs(x^2 - y^2)", 0, 0, &w) == 2); /* ∇f = 0 is right; H is not */
    CHECK(kink_of("max(x, y)", 1, 1, &w) == 1 && w && strcmp(w, "max") == 0);
    CHECK(kink_of("min(x, 2*x)", 0, 5, &w) == 1 && w && strcmp(w, "min") == 0);
    CHECK(kink_of("(x^2 + y^2)^0.5", 0, 0, &w) == 1);
    CHECK(kink_of("asin(1 - x^2)", 0, 0, &w) == 1 && w && strcmp(w, "asin") == 0);
    /* not kinks: smooth points, ties between equal slopes, a constant argument */
    CHECK(kink_of("sqrt(x^2 + y^2)", 1, 0, &w) == 0 && w == NULL);
    CHECK(kink_of("abs(x) + y^2", 1, 0, NULL) == 0);
    CHECK(kink_of("max(x, x)", 1, 1, NULL) == 0);
    CHECK(kink_of("max(x, y)", 1, 2, NULL) == 0);
    CHECK(kink_of("x^2 + y^2", 0, 0, NULL) == 0);
    CHECK(kink_of("sqrt(x - x)", 0, 0, NULL) == 0);
}

/* Representable answers that an intermediate over- or underflowed on the way to: the
 * Hessian of atan2(y, x) at (1e-150, 1e-150) (r² = 4e-600), ∇ sqrt(x²) at 1e-300 (x² = 0
 * in double). Both were "not defined". */
TEST(test_intermediate_overflow)
{
    derivs d = hess_of("atan2(y, x)", 1e-150, 1e-150);
    CHECK_NEAR(d.g[0], -0.5e150, 1e-15);
    CHECK_NEAR(d.g[1], 0.5e150, 1e-15);
    CHECK_NEAR(d.h[0], 5e299, 1e-15);  /* 2xy/r² */
    CHECK_NEAR(d.h[1], 0, 0);          /* (y² − x²)/r² */
    CHECK_NEAR(d.h[2], -5e299, 1e-15); /* −2xy/r² */
    CHECK_NEAR(grad_x_of("sqrt(x^2)", 1e-300, 0), 1, 1e-15);
    CHECK_NEAR(grad_x_of("sqrt(x^2)", -1e-300, 0), -1, 1e-15);
    d = hess_of("sqrt(x^2 + y^2)", 3e-300, 4e-300);
    CHECK_NEAR(d.g[0], 0.6, 1e-15);
    CHECK_NEAR(d.g[1], 0.8, 1e-15);
    CHECK(isfinite(d.h[0]) && isfinite(d.h[1]) && isfinite(d.h[2]));
    /* what is really infinite or undefined stays so */
    CHECK(!isfinite(grad_x_of("sqrt(x)", 0, 0)));
    d = hess_of("atan2(y, x)", 0, 0);
    CHECK(!isfinite(d.g[0]));
    CHECK(!isfinite(grad_x_of("1e200*sin(1e200*x)", 0, 0))); /* slope 1e400 */
}

int main(void)
{
    RUN(test_tanh_far_out);
    RUN(test_asin_acos_near_one);
    RUN(test_kinks);
    RUN(test_intermediate_overflow);
    TEST_END();
}
