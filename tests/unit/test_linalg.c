/* test_linalg.c — eigen-decomposition, classification, solving: known answers. */
#include "descent/linalg.h"
#include "descent/objective.h"
#include "harness.h"

TEST(eigen_of_known_matrices)
{
    double lam[2], v[2][2];
    double diag[3] = {3, 0, -1};
    la_eig_sym2(diag, lam, v);
    CHECK_NEAR(lam[0], -1, 0);
    CHECK_NEAR(lam[1], 3, 0);
    CHECK_NEAR(v[0][0], 0, 0);
    CHECK_NEAR(v[0][1], 1, 0);
    /* [[2,1],[1,2]]: eigenvalues 1, 3 with vectors (1,−1)/√2, (1,1)/√2. */
    double m[3] = {2, 1, 2};
    la_eig_sym2(m, lam, v);
    CHECK_NEAR(lam[0], 1, 1e-15);
    CHECK_NEAR(lam[1], 3, 1e-15);
    CHECK_NEAR(fabs(v[0][0]), M_SQRT1_2, 1e-15);
    CHECK_NEAR(v[0][0] * v[0][1], -0.5, 1e-15);
    CHECK_NEAR(v[1][0] * v[1][1], 0.5, 1e-15);
    /* The rotated catalog quadratic: eigenvalues 1 and 20. */
    double r[3] = {10.5, -9.5, 10.5};
    la_eig_sym2(r, lam, v);
    CHECK_NEAR(lam[0], 1, 1e-14);
    CHECK_NEAR(lam[1], 20, 1e-14);
    /* Av = λv for each pair. */
    for (int i = 0; i < 2; i++) {
        CHECK_NEAR(r[0] * v[i][0] + r[1] * v[i][1], lam[i] * v[i][0], 1e-13);
        CHECK_NEAR(r[1] * v[i][0] + r[2] * v[i][1], lam[i] * v[i][1], 1e-13);
    }
}

TEST(classification)
{
    double a[2] = {1, 2}, b[2] = {-2, -1}, c[2] = {-1, 1}, d[2] = {0, 1}, e[2] = {-1, 0},
           z[2] = {0, 0};
    CHECK(la_classify(a) == LA_POSDEF);
    CHECK(la_classify(b) == LA_NEGDEF);
    CHECK(la_classify(c) == LA_INDEFINITE);
    CHECK(la_classify(d) == LA_POSSEMIDEF);
    CHECK(la_classify(e) == LA_NEGSEMIDEF);
    CHECK(la_classify(z) == LA_ZERO);
    CHECK_STR(la_definiteness_name(LA_INDEFINITE), "indefinite");
}

TEST(det_and_solve)
{
    double j[2][2] = {{-2, 1}, {1, 1}};
    CHECK_NEAR(la_det2(j), -3, 0);
    double h[3] = {2, 1, 3}, r[2] = {1, -1}, x[2];
    CHECK(la_solve_sym2(h, r, x) == 0);
    CHECK_NEAR(x[0], 0.8, 1e-15);
    CHECK_NEAR(x[1], -0.6, 1e-15);
    double sing[3] = {1, 1, 1};
    CHECK(la_solve_sym2(sing, r, x) == -1);
}

/* The verdict of `hessian` and the side panel at (x, y) of a formula or catalog name. */
static la_stationarity verdict_at(const char *src, double x, double y)
{
    objective o;
    ds_err err;
    obj_init(&o);
    if (obj_make_catalog(&o, src, NULL, 0, NULL, &err) != DS_OK &&
        obj_make_formula(&o, src, &err) != DS_OK) {
        TH_FAIL("%s: %s", src, err.msg);
        return LA_NOT_STATIONARY;
    }
    double f, g[2], h[3], lam[2], vec[2][2], p[2] = {x, y};
    obj_hess(&o, x, y, &f, g, h);
    la_eig_sym2(h, lam, vec);
    obj_free(&o);
    return la_stationarity_of(p, f, g, lam, vec);
}

TEST(stationarity_and_phrases)
{
    double lam[2] = {2, 200}, vec[2][2] = {{1, 0}, {0, 1}}, p[2] = {0, 0};
    double g0[2] = {0, 0}, gnear[2] = {1e-4, 0}, gfar[2] = {3, 4};
    CHECK(la_stationarity_of(p, 0, g0, lam, vec) == LA_STATIONARY);
    CHECK(la_stationarity_of(p, 0, gnear, lam, vec) == LA_NEARLY_STATIONARY);
    CHECK(la_stationarity_of(p, 0, gfar, lam, vec) == LA_NOT_STATIONARY);
    /* Only a stationary point gets a verdict; elsewhere the shape alone. */
    CHECK_STR(la_point_phrase(LA_INDEFINITE, LA_STATIONARY), "stationary: a saddle point");
    CHECK_STR(la_point_phrase(LA_INDEFINITE, LA_NOT_STATIONARY), "up one way, down the other");
    CHECK_STR(la_point_phrase(LA_POSDEF, LA_NOT_STATIONARY), "curves up both ways");
    CHECK(strstr(la_point_phrase(LA_POSDEF, LA_NOT_STATIONARY), "minimum") == NULL);
}

/* The three points the old test (‖∇f‖ ≤ 1e-6·max(1, |λ|max)) called stationary: a unit
 * slope beside huge curvature, tan x next to its pole (‖∇f‖ = 2.7e32), and Rosenbrock
 * off its valley floor (‖∇f‖ = 0.2). And points that are stationary stay so. */
TEST(stationarity_is_scale_free)
{
    CHECK(verdict_at("1e6*x^2 + y", 0, 0) == LA_NOT_STATIONARY);
    CHECK(verdict_at("tan(x)", 1.5707963267948966, 0) == LA_NOT_STATIONARY);
    CHECK(verdict_at("rosenbrock", 0.9, 0.81) == LA_NOT_STATIONARY);
    /* a constant added to f does not flatten a slope */
    CHECK(verdict_at("1e9 + x^2 + y^2", 0.5, 0) == LA_NOT_STATIONARY);
    CHECK(verdict_at("rosenbrock", 1, 1) == LA_STATIONARY);
    CHECK(verdict_at("x^2 - y^2", 0, 0) == LA_STATIONARY);
    CHECK(verdict_at("x^2 + y^2", 1e-8, 0) == LA_STATIONARY);
    /* the catalog's himmelblau minimum, rounded to six decimals: nearly */
    CHECK(verdict_at("himmelblau", 3.584428, -1.848126) == LA_NEARLY_STATIONARY);
}

int main(void)
{
    RUN(eigen_of_known_matrices);
    RUN(classification);
    RUN(det_and_solve);
    RUN(stationarity_and_phrases);
    RUN(stationarity_is_scale_free);
    TEST_END();
}
