/* overlay_bound.c — the `bound` overlay: the course's O(1/k) guarantee for gradient
 * descent, J(θₖ) − J(θ*) ≤ ‖θ₀ − θ*‖²/(2αk) (convex J, α ≤ 1/L), drawn as a dashed curve
 * f* + C/k on the screen's f chart beside the selected gd run's real values, with the
 * constant named in a caption on the plot. θ* is the objective's known minimum nearest
 * the run's start. Drawing never counts as an evaluation. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/overlay.h"
#include "overlay_internal.h"
#include "descent/run.h"

#define COL_BOUND 0xFFFFFF

ds_status overlay_bound_of(const sess *s, double *fstar, double *c, ds_err *err)
{
    const run *r = runset_get(&s->runs, s->runs.selected);
    if (!r || strcmp(run_algo_name(r), "gd") != 0)
        return ds_err_set(err, DS_ESTATE,
                          "overlay bound needs the selected run to be gd: the O(1/k) bound is "
                          "gradient descent's (algo gd, or select a gd run)");
    if (s->obj.nmin < 1)
        return ds_err_set(err, DS_ESTATE,
                          "overlay bound needs an objective with a known minimum θ* (a catalog "
                          "function such as quad, bowl or ellipse), and %s has none",
                          s->obj.name);
    const double *x0 = run_start(r);
    int best = 0;
    double d2 = INFINITY;
    for (int i = 0; i < s->obj.nmin; i++) {
        double dx = x0[0] - s->obj.minima[i][0], dy = x0[1] - s->obj.minima[i][1];
        if (dx * dx + dy * dy < d2) d2 = dx * dx + dy * dy, best = i;
    }
    objective ob = s->obj; /* a shallow copy: the bound must not count as evaluations */
    *fstar = obj_value(&ob, s->obj.minima[best][0], s->obj.minima[best][1]);
    *c = d2 / (2 * run_hyper(r)->lr);
    return DS_OK;
}

ds_status overlay_ready_bound(const sess *s, ds_err *err)
{
    double fstar, c;
    return overlay_bound_of(s, &fstar, &c, err);
}

ds_status overlay_add_bound(scene *sc, const sess *s, ds_err *err)
{
    double fstar, c;
    ds_err e;
    char text[192];
    if (overlay_bound_of(s, &fstar, &c, &e) != DS_OK)
        snprintf(text, sizeof text, "%s",
                 _("bound: select a gd run on a function with a known θ*"));
    else
        snprintf(text, sizeof text, _("bound on the f chart: f − f* ≤ C/k, C = %.4g"), c);
    /* a caption like the others, so it stacks with them instead of covering one */
    return ov_caption(sc, text, COL_BOUND, err);
}
