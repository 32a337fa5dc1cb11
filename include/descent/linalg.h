/* linalg.h — the little linear algebra a 2-D optimizer needs: symmetric 2x2
 * eigen-decomposition, determinant, solving, and classifying definiteness. */
#ifndef DESCENT_LINALG_H
#define DESCENT_LINALG_H

/* A symmetric 2x2 matrix [[a, b], [b, c]] is passed as h[3] = {a, b, c}. */

typedef enum {
    LA_POSDEF,     /* both eigenvalues > 0 */
    LA_POSSEMIDEF, /* one eigenvalue ~ 0, the other > 0 */
    LA_NEGDEF,     /* both < 0 */
    LA_NEGSEMIDEF, /* one ~ 0, the other < 0 */
    LA_INDEFINITE, /* one > 0, one < 0 */
    LA_ZERO        /* both ~ 0 */
} la_definiteness;

/* Eigenvalues ascending lam[0] <= lam[1]; unit eigenvectors vec[i] for lam[i]. */
void la_eig_sym2(const double h[3], double lam[2], double vec[2][2]);

/* Classify with a relative tolerance on the eigenvalues. */
la_definiteness la_classify(const double lam[2]);
const char *la_definiteness_name(la_definiteness d);

/* Whether a point p where f has value f, gradient g and Hessian eigen-decomposition
 * (lam, vec) counts as stationary, by two scale-free measures that must both be small:
 *  - the relative gradient max_i |g_i|·max(|p_i|, 1) / max(|f|, 1): the relative change
 *    of f per relative change of a coordinate (Dennis & Schnabel's stopping test), and
 *  - the Newton distance ‖|H|⁻¹g‖ / max(‖p‖, 1): how far the local quadratic model says
 *    the stationary point is, relative to the point (|H| uses |λ|; infinite along a flat
 *    direction the gradient points into).
 * The larger of the two ≤ 1e-6 is stationary, ≤ 1e-3 nearly so (a catalog point rounded
 * to six decimals). g = 0 exactly is stationary. Only a stationary point gets a verdict. */
typedef enum { LA_NOT_STATIONARY, LA_NEARLY_STATIONARY, LA_STATIONARY } la_stationarity;
la_stationarity la_stationarity_of(const double p[2], double f, const double g[2],
                                   const double lam[2], const double vec[2][2]);
/* The measure itself (the larger of the two above; +inf when undefined). */
double la_stationarity_measure(const double p[2], double f, const double g[2], const double lam[2],
                               const double vec[2][2]);

/* A short phrase for panels: the verdict of COURSE.md §1 at a (nearly) stationary point
 * ("strict local minimum", "saddle point"), otherwise the local shape only ("curves up
 * both ways"). */
const char *la_point_phrase(la_definiteness d, la_stationarity st);

double la_det2(const double m[2][2]);

/* Solve [[a,b],[b,c]] x = r. Returns 0 on success, -1 when singular. */
int la_solve_sym2(const double h[3], const double r[2], double x[2]);

#endif
