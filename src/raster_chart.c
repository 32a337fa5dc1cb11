/* raster_chart.c — the small charts beside the plot: every run's f or learning rate
 * against iteration on a log axis, as Braille lines in the run's colour; on data
 * objectives with a split, the validation loss beside f, dotted (ASCII ',' for '.'). */
#include <math.h>
#include <string.h>

#include "raster_internal.h"

double rast_log_shift(double fmin, double fmax)
{
    double d = (fmax - fmin) * 1e-4;
    return d > 0 ? d : 1;
}

/* The value charted: f or lr; with `val`, the validation loss (f charts only). */
static double chart_value(const run_row *row, rast_chart_kind kind, int val)
{
    return val ? (kind == RAST_CHART_F ? row->val : NAN) : kind == RAST_CHART_F ? row->f : row->lr;
}

/* The dot of (x, t) on the chart: values at or a hair above the lowest sit on the floor,
 * the last step on the right edge. Clamped before rast_dot_line clips, whose margin of
 * 1e-9 dots would drop them (a gap along the bottom). */
static void chart_dots(const rast *r, double x, double t, double *qx, double *qy)
{
    rast_to_dots(r, x, t, qx, qy);
    if (*qy > 4.0 * r->h - 1e-6) *qy = 4.0 * r->h - 1e-6;
    if (*qx > 2.0 * r->w - 1e-6) *qx = 2.0 * r->w - 1e-6;
}

ds_status rast_chart(rast *r, const runset *rs, rast_chart_kind kind, int w, int h,
                     const rast_opts *o, double range[3], ds_err *err)
{
    range[0] = range[1] = NAN;
    range[2] = 0;
    if (w < 2 || h < 1 || w > 4000 || h > 2000)
        return ds_err_set(err, DS_ERANGE, "a chart of %dx%d cells is not possible", w, h);
    if (rast_reserve(r, w, h, w, h, err)) return err->code;
    r->w = r->pw = w;
    r->h = r->ph = h;
    r->px = r->py = 0;
    r->key = 0; /* the base layer now holds nothing reusable */
    for (size_t i = 0; i < (size_t)w * h; i++)
        r->cells[i] = (rast_cell){' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_EMPTY};
    /* The ranges over every run. */
    double lo = INFINITY, hi = -INFINITY;
    long maxit = 1;
    int nruns = runset_count(rs);
    for (int i = 0; i < nruns; i++) {
        int n;
        const run_row *rows = run_trail(runset_get(rs, i), &n);
        for (int k = 0; k < n; k++)
            for (int val = 0; val < 2; val++) {
                double y = chart_value(&rows[k], kind, val);
                if (rows[k].iter > maxit) maxit = rows[k].iter;
                if (!isfinite(y)) continue;
                if (y < lo) lo = y;
                if (y > hi) hi = y;
            }
    }
    range[2] = (double)maxit;
    if (!isfinite(lo)) return DS_OK;
    int log = 1; /* f and lr both span orders of magnitude */
    double shift = 0;
    if (log && lo <= 0) shift = -lo + rast_log_shift(lo, hi);
    double t0 = log ? log10(lo + shift) : lo, t1 = log ? log10(hi + shift) : hi;
    if (!(t1 - t0 > 1e-12 * (fabs(t0) + 1e-300))) {
        double pad = log ? 0.5 : (fabs(t0) > 0 ? fabs(t0) * 0.5 : 0.5);
        t0 -= pad;
        t1 += pad;
    }
    range[0] = log ? pow(10, t0) - shift : t0;
    range[1] = log ? pow(10, t1) - shift : t1;
    r->view[0] = 0;
    r->view[1] = (double)maxit;
    r->view[2] = t0;
    r->view[3] = t1;
    /* Each run's validation loss first, dotted, then its f solid over it: two passes, so
     * that a cell of both keeps both dot sets, and ASCII can give each its own glyph. */
    for (int val = 1; val >= 0; val--) {
        memset(r->dots, 0, (size_t)w * h);
        for (int i = 0; i < nruns; i++) {
            int n;
            const run_row *rows = run_trail(runset_get(rs, i), &n);
            double px = 0, py = 0;
            int have = 0, phase = 0;
            for (int k = 0; k < n; k++) {
                double y = chart_value(&rows[k], kind, val);
                if (!isfinite(y) || (log && !(y + shift > 0))) {
                    have = 0;
                    continue;
                }
                double t = log ? log10(y + shift) : y, qx, qy;
                chart_dots(r, (double)rows[k].iter, t, &qx, &qy);
                if (have && val) { /* dotted: the pattern runs on across the short segments */
                    rast_dot_line(r, px, py, qx, qy, i,
                                  (0x11 >> phase | 0x11 << (8 - phase)) & 0xFF, 0);
                    double len = fmax(fabs(qx - px), fabs(qy - py));
                    phase = (phase + (len < 64 ? (int)ceil(len) : 0)) & 7;
                } else if (have)
                    rast_dot_line(r, px, py, qx, qy, i, 0xFF, 0);
                else
                    rast_dot_line(r, qx, qy, qx, qy, i, 0xFF, 0);
                px = qx, py = qy, have = 1;
            }
        }
        for (size_t k = 0; k < (size_t)w * h; k++) {
            if (!r->dots[k]) continue;
            rast_cell *c = &r->cells[k];
            uint32_t g = o->ascii ? (val ? ',' : '.') : G_BRAILLE + r->dots[k];
            if (!val && !o->ascii && c->kind == RK_PATH) g |= c->ch; /* f over val */
            *c = (rast_cell){g, rast_run_color(r->dotrun[k], o->colors), RAST_COLOR_DEFAULT, 0,
                             RK_PATH};
        }
    }
    return DS_OK;
}

ds_status rast_chart_curve(rast *r, const double range[3], double (*fn)(void *ctx, double k),
                           void *ctx, const rast_opts *o)
{
    if (!isfinite(range[0]) || r->w < 2 || r->h < 1) return DS_OK;
    /* The chart's axes: log10(y + shift) between view[2] and view[3] (rast_chart). */
    double shift = pow(10, r->view[2]) - range[0];
    memset(r->dots, 0, (size_t)r->w * r->h);
    double px = 0, py = 0;
    int have = 0;
    for (int col = 0; col <= 2 * r->w; col++) {
        double k = range[2] * col / (2.0 * r->w);
        double y = k >= 1 ? fn(ctx, k) : NAN;
        if (!isfinite(y) || !(y + shift > 0)) {
            have = 0;
            continue;
        }
        double t = log10(y + shift), qx, qy;
        if (t > r->view[3]) { /* above the chart: the curve enters from the top */
            have = 0;
            continue;
        }
        chart_dots(r, k, t, &qx, &qy);
        rast_dot_line(r, have ? px : qx, have ? py : qy, qx, qy, 0, 0x33, 0);
        px = qx, py = qy, have = 1;
    }
    for (size_t k = 0; k < (size_t)r->w * r->h; k++) {
        if (!r->dots[k]) continue;
        rast_cell *c = &r->cells[k];
        if (c->kind == RK_PATH) continue; /* a run's own line stays on top */
        uint32_t g = o->ascii ? ':' : G_BRAILLE + r->dots[k];
        *c = (rast_cell){g, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, RAST_DIM, RK_PATH};
    }
    return DS_OK;
}
