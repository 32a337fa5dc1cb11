/* linalg.c — symmetric 2x2 eigen-decomposition, determinant, solving and the
 * definiteness test that turns a Hessian into "minimum / maximum / saddle". */
#include <math.h>

#include "descent/i18n.h"
#include "descent/linalg.h"

void la_eig_sym2(const double h[3], double lam[2], double vec[2][2])
{
    double a = h[0], b = h[1], c = h[2];
    double mean = 0.5 * (a + c);
    double half = 0.5 * (a - c);
    double r = hypot(half, b); /* avoids the cancellation of sqrt(tr² − 4 det) */
    lam[0] = mean - r;
    lam[1] = mean + r;
    if (b == 0) {
        /* Already diagonal: eigenvectors are the axes, ordered by eigenvalue. */
        int x_is_small = a <= c;
        vec[0][0] = x_is_small ? 1 : 0;
        vec[0][1] = x_is_small ? 0 : 1;
        vec[1][0] = x_is_small ? 0 : 1;
        vec[1][1] = x_is_small ? 1 : 0;
        return;
    }
    /* The eigenvector for lam[1] is (b, lam1 − a) or equivalently (lam1 − c, b); pick the
     * better-conditioned one, then the other is its perpendicular. */
    double vx, vy;
    if (fabs(lam[1] - a) > fabs(lam[1] - c)) {
        vx = b;
        vy = lam[1] - a;
    } else {
        vx = lam[1] - c;
        vy = b;
    }
    double n = hypot(vx, vy);
    vx /= n;
    vy /= n;
    if (vx < 0 || (vx == 0 && vy < 0)) { /* a stable sign for printing */
        vx = -vx;
        vy = -vy;
    }
    vec[1][0] = vx;
    vec[1][1] = vy;
    vec[0][0] = -vy;
    vec[0][1] = vx;
    if (vec[0][0] < 0 || (vec[0][0] == 0 && vec[0][1] < 0)) {
        vec[0][0] = -vec[0][0];
        vec[0][1] = -vec[0][1];
    }
}

la_definiteness la_classify(const double lam[2])
{
    double scale = fmax(fabs(lam[0]), fabs(lam[1]));
    double tol = 1e-9 * fmax(scale, 1.0);
    int neg0 = lam[0]<-tol, pos0 = lam[0]> tol;
    int neg1 = lam[1]<-tol, pos1 = lam[1]> tol;
    if (pos0 && pos1) return LA_POSDEF;
    if (neg0 && neg1) return LA_NEGDEF;
    if ((neg0 && pos1) || (pos0 && neg1)) return LA_INDEFINITE;
    if (pos0 || pos1) return LA_POSSEMIDEF;
    if (neg0 || neg1) return LA_NEGSEMIDEF;
    return LA_ZERO;
}

const char *la_definiteness_name(la_definiteness d)
{
    switch (d) {
    case LA_POSDEF: return N_("positive definite");
    case LA_POSSEMIDEF: return N_("positive semidefinite");
    case LA_NEGDEF: return N_("negative definite");
    case LA_NEGSEMIDEF: return N_("negative semidefinite");
    case LA_INDEFINITE: return N_("indefinite");
    case LA_ZERO: return N_("zero");
    }
    return "?";
}

double la_stationarity_measure(const double p[2], double f, const double g[2], const double lam[2],
                               const double vec[2][2])
{
    if (g[0] == 0 && g[1] == 0) return 0;
    if (!isfinite(f) || !isfinite(g[0]) || !isfinite(g[1])) return INFINITY;
    /* relative gradient: scaled by the point and by f, so neither 1e6·x² + y (large
     * curvature, unit slope) nor tan x beside its pole (huge slope, huger curvature)
     * looks flat */
    double fs = fmax(fabs(f), 1);
    double rg = fmax(fabs(g[0]) * fmax(fabs(p[0]), 1), fabs(g[1]) * fmax(fabs(p[1]), 1)) / fs;
    /* Newton distance: a constant added to f cannot make a slope look flat */
    double step2 = 0;
    for (int i = 0; i < 2; i++) {
        double gi = vec[i][0] * g[0] + vec[i][1] * g[1];
        if (gi == 0) continue;
        double c = gi / fabs(lam[i]); /* +inf when this direction is flat */
        step2 += c * c;
    }
    double nd = sqrt(step2) / fmax(hypot(p[0], p[1]), 1);
    double m = fmax(rg, nd);
    return isnan(m) ? INFINITY : m;
}

la_stationarity la_stationarity_of(const double p[2], double f, const double g[2],
                                   const double lam[2], const double vec[2][2])
{
    double m = la_stationarity_measure(p, f, g, lam, vec);
    if (m <= 1e-6) return LA_STATIONARY;
    if (m <= 1e-3) return LA_NEARLY_STATIONARY;
    return LA_NOT_STATIONARY;
}

const char *la_point_phrase(la_definiteness d, la_stationarity st)
{
    if (st != LA_NOT_STATIONARY) {
        switch (d) {
        case LA_POSDEF: return N_("stationary: a strict local minimum");
        case LA_NEGDEF: return N_("stationary: a strict local maximum");
        case LA_INDEFINITE: return N_("stationary: a saddle point");
        default: return N_("stationary: degenerate, the Hessian cannot tell");
        }
    }
    switch (d) {
    case LA_POSDEF: return N_("curves up both ways");
    case LA_POSSEMIDEF: return N_("flat one way, up the other");
    case LA_NEGDEF: return N_("curves down both ways");
    case LA_NEGSEMIDEF: return N_("flat one way, down the other");
    case LA_INDEFINITE: return N_("up one way, down the other");
    case LA_ZERO: return N_("flat both ways");
    }
    return "";
}

double la_det2(const double m[2][2])
{
    return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

int la_solve_sym2(const double h[3], const double r[2], double x[2])
{
    double det = h[0] * h[2] - h[1] * h[1];
    double scale = fmax(fabs(h[0] * h[2]), h[1] * h[1]);
    if (det == 0 || !isfinite(det) || fabs(det) <= 1e-14 * scale) return -1;
    x[0] = (h[2] * r[0] - h[1] * r[1]) / det;
    x[1] = (h[0] * r[1] - h[1] * r[0]) / det;
    return 0;
}
