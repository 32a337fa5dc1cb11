/* test_linalg.c — eigen-decomposition, classification, solving: known answers. */
#include "descent/linalg.h"
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

TEST(stationarity_and_phrases)
{
    double lam[2] = {2, 200}, g0[2] = {0, 0}, gnear[2] = {1e-2, 0}, gfar[2] = {3, 4};
    CHECK(la_stationarity_of(g0, lam) == LA_STATIONARY);
    CHECK(la_stationarity_of(gnear, lam) == LA_NEARLY_STATIONARY); /* 1e-2 <= 1e-3·200 */
    CHECK(la_stationarity_of(gfar, lam) == LA_NOT_STATIONARY);
    /* Only a stationary point gets a verdict; elsewhere the shape alone. */
    CHECK_STR(la_point_phrase(LA_INDEFINITE, LA_STATIONARY), "stationary: a saddle point");
    CHECK_STR(la_point_phrase(LA_INDEFINITE, LA_NOT_STATIONARY), "up one way, down the other");
    CHECK_STR(la_point_phrase(LA_POSDEF, LA_NOT_STATIONARY), "curves up both ways");
    CHECK(strstr(la_point_phrase(LA_POSDEF, LA_NOT_STATIONARY), "minimum") == NULL);
}

int main(void)
{
    RUN(eigen_of_known_matrices);
    RUN(classification);
    RUN(det_and_solve);
    RUN(stationarity_and_phrases);
    TEST_END();
}
