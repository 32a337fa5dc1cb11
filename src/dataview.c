/* dataview.c — the data view's scene: the dataset's samples in their own (x, y) plane and
 * the selected run's model over them (linreg's line, logreg's sigmoid with its 0.5
 * threshold), plus the best iterate's model when early stopping has one. The geometry
 * (line ends, sigmoid samples, the boundary −b/w) is exported so tests check it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/dataview.h"
#include "descent/run.h"
#include "scene_internal.h"

int dv_available(const sess *s, char *why, size_t n)
{
    if (obj_is_data(&s->obj) && s->obj.data && s->obj.data->n > 0) return 1;
    if (why)
        snprintf(why, n,
                 "the data view shows a regression's data, and %s is not a data objective: "
                 "func linreg or func logreg first (data gen linreg makes data)",
                 strcmp(s->obj.name, "formula") == 0 ? "a formula" : s->obj.name);
    return 0;
}

/* ---- geometry ---------------------------------------------------------------------- */

void dv_box(const dataset *d, int logistic, double out[4])
{
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; d && i < d->n; i++) {
        if (!isfinite(d->x[i]) || !isfinite(d->y[i])) continue;
        x0 = fmin(x0, d->x[i]);
        x1 = fmax(x1, d->x[i]);
        y0 = fmin(y0, d->y[i]);
        y1 = fmax(y1, d->y[i]);
    }
    if (!(x1 >= x0)) { /* nothing finite to show */
        out[0] = out[2] = -1;
        out[1] = out[3] = 1;
        return;
    }
    if (logistic) y0 = 0, y1 = 1;
    /* Pad by 5% (logreg 15% of the unit range), and give a single value some width. */
    double px = x1 > x0 ? 0.05 * (x1 - x0) : fmax(1, fabs(x0) * 0.1);
    double py = logistic ? 0.15 : y1 > y0 ? 0.05 * (y1 - y0) : fmax(1, fabs(y0) * 0.1);
    out[0] = x0 - px;
    out[1] = x1 + px;
    out[2] = y0 - py;
    out[3] = y1 + py;
}

int dv_line(double w, double b, double x0, double x1, double out[4])
{
    if (!isfinite(w) || !isfinite(b)) return 0;
    out[0] = x0;
    out[1] = w * x0 + b;
    out[2] = x1;
    out[3] = w * x1 + b;
    return 1;
}

/* σ(u) without overflow: exp of a negative number only. */
static double sigmoid(double u)
{
    if (u >= 0) return 1 / (1 + exp(-u));
    double e = exp(u);
    return e / (1 + e);
}

int dv_sigmoid(double w, double b, double x0, double x1, int n, double *xy)
{
    if (!isfinite(w) || !isfinite(b) || n < 2) return 0;
    for (int i = 0; i < n; i++) {
        double x = x0 + (x1 - x0) * i / (n - 1);
        xy[2 * i] = x;
        xy[2 * i + 1] = sigmoid(w * x + b);
    }
    return n;
}

int dv_threshold(double w, double b, double *x)
{
    if (!isfinite(w) || !isfinite(b) || w == 0) return 0;
    double t = -b / w;
    if (!isfinite(t)) return 0;
    *x = t;
    return 1;
}

/* ---- the scene --------------------------------------------------------------------- */

static ds_status add_sample(scene *sc, scene_mark_kind k, double x, double y, pal_rgb c,
                            ds_err *err)
{
    if (!isfinite(x) || !isfinite(y)) return DS_OK;
    if (scene_grow((void **)&sc->marks, &sc->cap_marks, (size_t)sc->nmarks + 1, sizeof *sc->marks,
                   err))
        return err->code;
    sc->marks[sc->nmarks++] = (scene_mark){k, x, y, -1, c};
    return DS_OK;
}

/* The model of θ = (w, b) across the view: a line, or the sigmoid (with its boundary). */
static ds_status add_model(scene *sc, int logistic, double w, double b, pal_rgb col, int style,
                           ds_err *err)
{
    const double *v = sc->view;
    if (!logistic) {
        double xy[4];
        return dv_line(w, b, v[0], v[1], xy) ? scene_add_polyline_style(sc, xy, 2, col, style, err)
                                             : DS_OK;
    }
    double xy[2 * DV_CURVE_POINTS];
    int n = dv_sigmoid(w, b, v[0], v[1], DV_CURVE_POINTS, xy);
    if (n && scene_add_polyline_style(sc, xy, n, col, style, err)) return err->code;
    double t;
    if (dv_threshold(w, b, &t) && t >= v[0] && t <= v[1]) {
        double bound[4] = {t, v[2], t, v[3]};
        return scene_add_polyline_style(sc, bound, 2, col, SOS_DASHED, err);
    }
    return DS_OK;
}

ds_status scene_build_data(scene *sc, const sess *s, const scene_req *q, ds_err *err)
{
    char why[200];
    if (!dv_available(s, why, sizeof why)) return ds_err_set(err, DS_ESTATE, "%s", why);
    const dataset *d = s->obj.data;
    int logistic = s->obj.kind == OBJ_LOGREG;
    sc->width = q->width, sc->height = q->height, sc->cellratio = q->cellratio;
    sc->paths = s->paths;
    sc->palette = s->palette >= 0 && s->palette < PAL_COUNT ? s->palette : PAL_VIRIDIS;
    dv_box(d, logistic, sc->view);
    /* No field or levels: a scatter on the terminal's own background. */
    sc->nlev = 0;
    sc->log = sc->given = 0;
    sc->fmin = sc->fmax = NAN;
    sc->gx = sc->gy = 0;
    sc->nlines = sc->npts = 0;
    sc->has_undef = 0;
    sc->line = pal_line(sc->palette);
    sc->undef = pal_undef(sc->palette);
    sc->nmarks = sc->nruns = sc->npath = sc->nov = sc->nov_pts = 0;
    if (logistic) { /* σ = 0.5, the level the threshold crosses */
        double half[4] = {sc->view[0], 0.5, sc->view[1], 0.5};
        if (scene_add_polyline_style(sc, half, 2, DV_COL_THRESHOLD, SOS_DASHED, err))
            return err->code;
    }
    const run *r = runset_get(&s->runs, s->runs.selected);
    if (r) {
        const run_row *best = run_best(r), *cur = run_current(r);
        if (best && add_model(sc, logistic, best->x, best->y, DV_COL_BEST, SOS_DASHED, err))
            return err->code;
        if (cur &&
            add_model(sc, logistic, cur->x, cur->y, pal_run(s->runs.selected), SOS_SOLID, err))
            return err->code;
    }
    for (int i = 0; i < d->n; i++) {
        int train = i < d->ntrain;
        if (add_sample(sc, train ? SM_DATA_TRAIN : SM_DATA_VAL, d->x[i], d->y[i],
                       train ? DV_COL_TRAIN : DV_COL_VAL, err))
            return err->code;
    }
    return DS_OK;
}
