/* overlay_secant.c — the `secant` overlay: what BFGS has learned about the curvature.
 * For the selected bfgs run after its last step it draws the step s = θₖ₊₁ − θₖ, the
 * vector Hₖy (y = ∇fₖ₊₁ − ∇fₖ) with the approximation before the update, which the
 * update corrects so that Hₖ₊₁y = s (the secant condition), and the
 * contour of the quasi-Newton model q(u) = f + gᵀu + ½uᵀHₖ₊₁⁻¹u through the current point.
 * On a quadratic that ellipse turns into the true contour once H has learned ∇²f⁻¹, so
 * the learner sees the approximation converge. Drawing never counts as an evaluation. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/overlay.h"
#include "descent/run.h"
#include "overlay_internal.h"

#define COL_STEP  0xFF4081 /* s: pink, as the step in `overlay steps` */
#define COL_HY    0x4FC3F7 /* H·y: light blue */
#define COL_MODEL 0xE040FB /* the model's contour: magenta, as the Taylor models */

/* The quasi-Newton model at θ: f + gᵀu + ½uᵀBu with B = H⁻¹. */
typedef struct {
    double x[2], f, g[2], B[3];
} qn_model;

static double qn_at(void *ctx, double x, double y)
{
    const qn_model *m = ctx;
    double u = x - m->x[0], v = y - m->x[1];
    return m->f + m->g[0] * u + m->g[1] * v +
           0.5 * (m->B[0] * u * u + 2 * m->B[1] * u * v + m->B[2] * v * v);
}

/* B = H⁻¹ for a symmetric 2×2 [a b; b c]; 0 when H is not positive definite. */
static int invert_pd(const double H[3], double B[3])
{
    double det = H[0] * H[2] - H[1] * H[1];
    if (!(H[0] > 0 && det > 0)) return 0;
    B[0] = H[2] / det;
    B[1] = -H[1] / det;
    B[2] = H[0] / det;
    return 1;
}

/* stacked with the other overlays' captions (overlay.c) */
static ds_status caption(scene *sc, const char *text, ds_err *err)
{
    return ov_caption(sc, text, COL_STEP, err);
}

ds_status overlay_add_secant(scene *sc, const sess *s, ds_err *err)
{
    const run *r = runset_get(&s->runs, s->runs.selected);
    if (!r || strcmp(run_algo_name(r), "bfgs") != 0)
        return caption(sc, _("secant: select a bfgs run (add bfgs)"), err);
    const opt_explain *e = run_last_explain(r);
    if (!e) return caption(sc, _("secant: no step yet (step or run)"), err);
    if (!e->updated) return caption(sc, _("secant: the last step did not update H (yᵀs ≤ 0)"), err);
    const double *H = e->Hnew, *Hk = e->Hprev;
    double hy[2] = {Hk[0] * e->py[0] + Hk[1] * e->py[1], Hk[1] * e->py[0] + Hk[2] * e->py[1]};
    if (scene_add_arrow(sc, e->x0[0], e->x0[1], e->x1[0], e->x1[1], COL_STEP, err))
        return err->code;
    if (scene_add_arrow(sc, e->x0[0], e->x0[1], e->x0[0] + hy[0], e->x0[1] + hy[1], COL_HY, err))
        return err->code;
    qn_model m = {
        {e->x1[0], e->x1[1]}, e->f1, {e->g0[0] + e->py[0], e->g0[1] + e->py[1]}, {0, 0, 0}};
    if (invert_pd(H, m.B)) {
        double level = m.f;
        if (scene_add_contours(sc, qn_at, &m, &level, 1, COL_MODEL, err)) return err->code;
    }
    char text[192];
    snprintf(text, sizeof text, _("bfgs %ld: s pink, Hₖy blue, model magenta"), e->t);
    return caption(sc, text, err);
}
