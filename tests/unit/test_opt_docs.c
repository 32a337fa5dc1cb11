/* test_opt_docs.c — what `help algo` says is what the code does: for each rule the
 * help spells out, one step computed both ways (as written, and as the tempting
 * alternative), and the code must match the written one. */
#include <string.h>

#include "fixtures.h"
#include "harness.h"

#include "descent/opt.h"
#include "descent/run.h"

/* newton hess=shift: μ = −λmin + 1e-3·max(1, largest |λ|). On f = −2x² + ½y², H =
 * diag(−4, 1): λmax = 1 but the largest |λ| is 4, so μ = 4.004 (μ = 4.001 if it were
 * λmax). From (1, 1), g = (−4, 1) and x₁ = 1 + 4/(μ − 4): 1001, not 4001. */
TEST(test_newton_shift_uses_largest_abs_eigenvalue)
{
    const opt_algo *a = opt_find("newton");
    CHECK(a && strstr(a->help, "1e-3·max(1, largest |λ|)"));
    CHECK(a && strstr(a->help, "not λmax"));
    objective o;
    runset rs;
    ds_err err;
    formula(&o, "-2*x^2 + 0.5*y^2");
    run *r = one_run(&rs, &o, "newton", 1, 1);
    double v;
    const opt_param *p = opt_param_find(a, "hess");
    CHECK(opt_parse_value(p, "newton", "shift", &v, &err) == DS_OK);
    run_set_param(r, p, v, &o);
    runset_step(&rs, &o, 1);
    double mu_abs = 4 + 1e-3 * 4, mu_lmax = 4 + 1e-3 * 1;
    double x_abs = 1 + 4 / (mu_abs - 4), x_lmax = 1 + 4 / (mu_lmax - 4);
    double y_abs = 1 - 1 / (1 + mu_abs);
    CHECK_NEAR(run_current(r)->x, x_abs, 1e-12);
    CHECK_NEAR(run_current(r)->y, y_abs, 1e-14);
    CHECK(fabs(run_current(r)->x - x_lmax) > 1000);
    runset_free(&rs);
    obj_free(&o);
}

/* bfgs: H₀ = I, no yᵀs/yᵀy rescaling. On f = ½(x² + 10y²) from (1, 1) the second search
 * direction is −H₁g₁ with H₁ = (I − ρsyᵀ)H₀(I − ρysᵀ) + ρssᵀ; with H₀ = I and H₀ =
 * (yᵀs/yᵀy)I the two directions differ, and the step taken must be along the first. */
static void h1_direction(double gamma, const double s[2], const double y[2], const double g[2],
                         double d[2])
{
    double rho = 1 / (y[0] * s[0] + y[1] * s[1]);
    double V[2][2] = {{1 - rho * s[0] * y[0], -rho * s[0] * y[1]},
                      {-rho * s[1] * y[0], 1 - rho * s[1] * y[1]}};
    double H[2][2];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            H[i][j] = gamma * (V[i][0] * V[j][0] + V[i][1] * V[j][1]) + rho * s[i] * s[j];
    d[0] = -(H[0][0] * g[0] + H[0][1] * g[1]);
    d[1] = -(H[1][0] * g[0] + H[1][1] * g[1]);
}

/* sine of the angle between a and b */
static double sin_angle(const double a[2], const double b[2])
{
    return fabs(a[0] * b[1] - a[1] * b[0]) / (hypot(a[0], a[1]) * hypot(b[0], b[1]));
}

TEST(test_bfgs_starts_from_identity)
{
    const opt_algo *a = opt_find("bfgs");
    CHECK(a && strstr(a->help, "H₀ = I, kept as it is"));
    CHECK(a && !strstr(a->help, "rescaled by"));
    objective o;
    runset rs;
    formula(&o, "0.5*(x^2 + 10*y^2)");
    run *r = one_run(&rs, &o, "bfgs", 1, 1);
    runset_step(&rs, &o, 2);
    int n;
    const run_row *t = run_trail(r, &n);
    CHECK(n == 3);
    if (n < 3) goto out;
    double s[2] = {t[1].x - t[0].x, t[1].y - t[0].y}, y[2] = {t[1].gx - t[0].gx, t[1].gy - t[0].gy};
    double g1[2] = {t[1].gx, t[1].gy}, step2[2] = {t[2].x - t[1].x, t[2].y - t[1].y};
    double d_id[2], d_scaled[2];
    double gamma = (y[0] * s[0] + y[1] * s[1]) / (y[0] * y[0] + y[1] * y[1]);
    h1_direction(1, s, y, g1, d_id);
    h1_direction(gamma, s, y, g1, d_scaled);
    CHECK(sin_angle(d_id, d_scaled) > 1e-2); /* the two readings really differ here */
    CHECK(sin_angle(step2, d_id) < 1e-12);
    CHECK(sin_angle(step2, d_scaled) > 1e-2);
out:
    runset_free(&rs);
    obj_free(&o);
}

int main(void)
{
    RUN(test_newton_shift_uses_largest_abs_eigenvalue);
    RUN(test_bfgs_starts_from_identity);
    TEST_END();
}
