/* overlay_geom.c — geometry overlays: at the cursor the Hessian's eigenvector axes
 * (`eigen`) and the gradient with a directional derivative (`grad`); the selected gd
 * run's proximal step (`prox`, COURSE.md §3); and the image of a square grid under the
 * vector map with its orientation-flipping part hatched (`grid`, COURSE.md §1). Lengths
 * are chosen on the picture, so they read the same at any zoom; numbers go in captions.
 * Drawing never counts as an evaluation (shallow copies of the objective). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/linalg.h"
#include "descent/run.h"
#include "overlay_internal.h"

/* A number as a caption shows it: three significant digits. */
static const char *num(char *buf, size_t n, double v)
{
    return fmt_num_str(buf, n, v, 3);
}

static const char *vec(char *buf, size_t n, const double v[2])
{
    char a[32], b[32];
    snprintf(buf, n, "[%s, %s]", num(a, sizeof a, v[0]), num(b, sizeof b, v[1]));
    return buf;
}

static int cursor_inside(const scene *sc, const sess *s)
{
    return s->cursor[0] >= sc->view[0] && s->cursor[0] <= sc->view[1] &&
           s->cursor[1] >= sc->view[2] && s->cursor[1] <= sc->view[3];
}

/* ---- eigen -------------------------------------------------------------------------- */

/* A dashed segment from a to b: dashes and gaps a fixed length on the picture (NAN
 * breaks the polyline between dashes, which every back end honours). */
static ds_status dashed(scene *sc, const double a[2], const double b[2], pal_rgb col, ds_err *err)
{
    double sx, sy;
    ov_scale(sc, &sx, &sy);
    /* on the screen a dash is a row (two columns across); in a figure 1/45 of its size */
    double len = hypot((b[0] - a[0]) * sx, (b[1] - a[1]) * sy);
    double dash = sc->cellratio > 1.5 ? sc->cellratio : ov_size(sc) / 45;
    int n = (int)(len / dash);
    if (n < 1) n = 1;
    if (n > 200) n = 200;
    double xy[3 * 201 * 2];
    int k = 0;
    for (int i = 0; i < n; i += 2) {
        double t0 = (double)i / n, t1 = (double)(i + 1) / n;
        xy[2 * k] = a[0] + t0 * (b[0] - a[0]), xy[2 * k + 1] = a[1] + t0 * (b[1] - a[1]), k++;
        xy[2 * k] = a[0] + t1 * (b[0] - a[0]), xy[2 * k + 1] = a[1] + t1 * (b[1] - a[1]), k++;
        xy[2 * k] = NAN, xy[2 * k + 1] = NAN, k++;
    }
    return scene_add_polyline(sc, xy, k, col, err);
}

/* How f curves along an axis, as the caption says it (and how the axis is drawn). */
static const char *curving(double lam)
{
    return lam > 0 ? _("↔ up") : lam < 0 ? _("┄ down") : _("flat");
}

ds_status ov_add_eigen(scene *sc, const sess *s, ds_err *err)
{
    objective ob = s->obj; /* a shallow copy: drawing must not count as evaluations */
    double c[2] = {s->cursor[0], s->cursor[1]}, f, g[2], H[3], lam[2], v[2][2];
    obj_hess(&ob, c[0], c[1], &f, g, H);
    if (!isfinite(H[0]) || !isfinite(H[1]) || !isfinite(H[2]))
        return ov_caption(sc, _("eigen: ∇²f is not finite at the cursor"), OV_COL_SUM, err);
    la_eig_sym2(H, lam, v);
    double big = fmax(fabs(lam[0]), fabs(lam[1]));
    char a[32], b[32], text[192];
    snprintf(text, sizeof text, "eigen: λ₁ = %s %s, λ₂ = %s %s", num(a, sizeof a, lam[0]),
             curving(lam[0]), num(b, sizeof b, lam[1]), curving(lam[1]));
    if (big == 0)
        snprintf(text, sizeof text, "%s", _("eigen: ∇²f = 0 at the cursor (flat both ways)"));
    if (big == 0 || !cursor_inside(sc, s)) return ov_caption(sc, text, OV_COL_SUM, err);
    /* The longer axis reaches a fifth of the picture; the other is in proportion to |λ|,
     * but never under a tenth of it, so a very flat direction still shows which way. */
    double longest = 0.2 * ov_size(sc);
    static const char *const names[2] = {"λ₁", "λ₂"};
    for (int i = 0; i < 2; i++) {
        if (lam[i] == 0) continue;
        double len = longest * fmax(fabs(lam[i]) / big, 0.1), d[2];
        if (!ov_along(sc, v[i][0], v[i][1], len, d)) continue;
        double p[2] = {c[0] + d[0], c[1] + d[1]}, m[2] = {c[0] - d[0], c[1] - d[1]};
        pal_rgb col = lam[i] < 0 ? OV_COL_EIG_NEG : OV_COL_EIG_POS;
        if (lam[i] > 0) {
            /* curving up: a double-headed axis */
            if (scene_add_arrow(sc, c[0], c[1], p[0], p[1], col, err) ||
                scene_add_arrow(sc, c[0], c[1], m[0], m[1], col, err))
                return err->code;
        } else if (dashed(sc, m, p, col, err)) {
            return err->code;
        }
        if (ov_label(sc, c, p, names[i], col, err)) return err->code;
    }
    /* captions after the drawings: text drawn later wins, and captions must stay whole */
    return ov_caption(sc, text, OV_COL_SUM, err);
}

/* ---- grad --------------------------------------------------------------------------- */

static ds_status grad_arrows(scene *sc, const double c[2], const double g[2], double norm,
                             const double v[2], ds_err *err);

ds_status ov_add_grad(scene *sc, const sess *s, ds_err *err)
{
    objective ob = s->obj;
    double c[2] = {s->cursor[0], s->cursor[1]}, f, g[2];
    obj_grad(&ob, c[0], c[1], &f, g);
    if (!isfinite(g[0]) || !isfinite(g[1]))
        return ov_caption(sc, _("grad: ∇f is not finite at the cursor"), OV_COL_SUM, err);
    double norm = hypot(g[0], g[1]), vl = hypot(s->direction[0], s->direction[1]);
    double v[2] = {s->direction[0] / vl, s->direction[1] / vl};
    double dv = g[0] * v[0] + g[1] * v[1];
    if (cursor_inside(sc, s) && grad_arrows(sc, c, g, norm, v, err)) return err->code;
    char a[32], b[48], text[192];
    char kink[64];
    int at_kink = obj_kink(&ob, c[0], c[1], kink, sizeof kink) == 1;
    snprintf(text, sizeof text, "grad: ∇f = %s, ‖∇f‖ = %s%s", vec(b, sizeof b, g),
             num(a, sizeof a, norm), at_kink ? _(" (at a kink)") : "");
    if (ov_caption(sc, text, OV_COL_GRAD, err)) return err->code;
    snprintf(text, sizeof text, "Dᵥ f = ∇fᵀv = %s, v = %s", num(a, sizeof a, dv),
             vec(b, sizeof b, v));
    return ov_caption(sc, text, OV_COL_DIR, err);
}

/* ∇f, −∇f and v from the cursor c. */
static ds_status grad_arrows(scene *sc, const double c[2], const double g[2], double norm,
                             const double v[2], ds_err *err)
{
    /* Directions, not sizes: each arrow a seventh of the picture (‖∇f‖ is in the
     * caption), so the angle between ∇f and v, whose cosine scales Dᵥ f, is what shows. */
    double len = ov_size(sc) / 7, d[2];
    if (norm > 0 && ov_along(sc, g[0], g[1], len, d)) {
        double p[2] = {c[0] + d[0], c[1] + d[1]}, m[2] = {c[0] - d[0], c[1] - d[1]};
        if (scene_add_arrow(sc, c[0], c[1], p[0], p[1], OV_COL_GRAD, err) ||
            scene_add_arrow(sc, c[0], c[1], m[0], m[1], OV_COL_DESCENT, err) ||
            ov_label(sc, c, p, "∇f", OV_COL_GRAD, err) ||
            ov_label(sc, c, m, "−∇f", OV_COL_DESCENT, err))
            return err->code;
    }
    if (ov_along(sc, v[0], v[1], len, d)) {
        double p[2] = {c[0] + d[0], c[1] + d[1]};
        if (scene_add_arrow(sc, c[0], c[1], p[0], p[1], OV_COL_DIR, err) ||
            ov_label(sc, c, p, "v", OV_COL_DIR, err))
            return err->code;
    }
    return DS_OK;
}

/* ---- prox --------------------------------------------------------------------------- */

ds_status ov_ready_prox(const sess *s, ds_err *err)
{
    const run *r = runset_get(&s->runs, s->runs.selected);
    if (!r)
        return ds_err_set(err, DS_ESTATE,
                          "overlay prox needs a gd run: algo gd makes one (then select it)");
    if (strcmp(run_algo_name(r), "gd") != 0)
        return ds_err_set(err, DS_ESTATE,
                          "overlay prox needs the selected run to be gd, and run %d is %s: the "
                          "proximal view is plain gradient descent's (add gd, or select a gd run)",
                          s->runs.selected + 1, run_algo_name(r));
    return DS_OK;
}

ds_status ov_add_prox(scene *sc, const sess *s, ds_err *err)
{
    const run *r = runset_get(&s->runs, s->runs.selected);
    if (!r || strcmp(run_algo_name(r), "gd") != 0) {
        /* the selection moved to another algorithm since: say so where it would be */
        char why[192];
        snprintf(why, sizeof why, _("prox: run %d is %s; select a gd run"), s->runs.selected + 1,
                 r ? run_algo_name(r) : "");
        return ov_caption(sc, r ? why : _("prox: no run; algo gd makes one"), OV_COL_SUM, err);
    }
    const run_row *cur = run_current(r);
    double th[2] = {cur->x, cur->y}, lr = run_lr_now(r), wd = run_param_get(r, "wd");
    if (!isfinite(wd)) wd = 0;
    /* The gradient gd's next step uses: the one recorded at the current point, plus
     * coupled weight decay as the step adds it. */
    double g[2] = {cur->gx + wd * th[0], cur->gy + wd * th[1]};
    double step[2] = {-lr * g[0], -lr * g[1]}, radius = hypot(step[0], step[1]);
    double m[2] = {th[0] + step[0], th[1] + step[1]};
    char a[32], b[48], text[192];
    if (!isfinite(radius) || !isfinite(m[0]) || !isfinite(m[1]))
        return ov_caption(sc, _("prox: the run's gradient is not finite here"), OV_COL_SUM, err);
    if (radius > 0) {
        enum { N = 96 };
        double xy[2 * (N + 1)];
        for (int k = 0; k <= N; k++) {
            double t = 2 * M_PI * k / N;
            xy[2 * k] = th[0] + radius * cos(t);
            xy[2 * k + 1] = th[1] + radius * sin(t);
        }
        if (scene_add_polyline(sc, xy, N + 1, OV_COL_PROX, err) ||
            scene_add_arrow(sc, th[0], th[1], m[0], m[1], OV_COL_PROXMIN, err))
            return err->code;
    }
    snprintf(text, sizeof text, _("prox (run %d): θ − α∇f = %s"), s->runs.selected + 1,
             vec(b, sizeof b, m));
    if (ov_caption(sc, text, OV_COL_PROXMIN, err)) return err->code;
    snprintf(text, sizeof text, _("circle ‖θ′ − θ‖ = ‖α∇f‖ = %s, α = %s"), num(a, sizeof a, radius),
             num(b, sizeof b, lr));
    return ov_caption(sc, text, OV_COL_PROX, err);
}

/* ---- grid --------------------------------------------------------------------------- */

ds_status ov_ready_grid(const sess *s, ds_err *err)
{
    if (s->map[0] && s->map[1]) return DS_OK;
    return ds_err_set(err, DS_ESTATE,
                      "overlay grid draws the vector map's image of a grid, and no map is set: "
                      "first e.g. map -2*x + y, x + y");
}

/* A step of 1, 2 or 5 times a power of ten giving about `want` lines over span. */
static double nice_step(double span, double want)
{
    double raw = span / want, mag = pow(10, floor(log10(raw))), m = raw / mag;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * mag;
}

typedef struct {
    const expr *m[2];
    double lo[2], hi[2]; /* the image's extent, finite points only */
} grid_map;

/* The image of (x, y), widening the extent; NAN where the map is not finite. */
static void map_point(grid_map *gm, double x, double y, double out[2])
{
    out[0] = expr_value(gm->m[0], x, y);
    out[1] = expr_value(gm->m[1], x, y);
    if (!isfinite(out[0]) || !isfinite(out[1])) {
        out[0] = out[1] = NAN;
        return;
    }
    for (int i = 0; i < 2; i++) {
        if (out[i] < gm->lo[i]) gm->lo[i] = out[i];
        if (out[i] > gm->hi[i]) gm->hi[i] = out[i];
    }
}

double overlay_map_det(const sess *s, double x, double y)
{
    double v0, v1, j0[2], j1[2];
    expr_grad(s->map[0], x, y, &v0, j0);
    expr_grad(s->map[1], x, y, &v1, j1);
    /* where the map itself is not defined (log of a negative) its derivatives mean nothing */
    if (!isfinite(v0) || !isfinite(v1)) return NAN;
    return j0[0] * j1[1] - j0[1] * j1[0];
}

/* Hatching where det J < 0: short 45° strokes on a staggered lattice a fixed distance
 * apart on the picture, one where the map flips orientation at the stroke's middle. Sparse
 * on purpose: the contours stay readable under it. Returns the strokes kept. */
static int hatch(scene *sc, const sess *s, ds_err *err, ds_status *st)
{
    double sx, sy, W = sc->width, Hh = sc->height * sc->cellratio;
    ov_scale(sc, &sx, &sy);
    /* screen: a one-cell stroke every 6 columns on every other row; figures: by size */
    int cells = sc->cellratio > 1.5;
    double gap = cells ? 6 : ov_size(sc) / 14, dw = cells ? 2 * sc->cellratio : gap / 2;
    double half = cells ? 0.45 : gap / 6;
    enum { MAXP = 3 * 1200 };
    static const int stride = 3;
    double xy[2 * MAXP];
    int n = 0, kept = 0, row = 0;
    /* screen: centred in cells (a row is cellratio units tall), never across two */
    for (double w = cells ? sc->cellratio / 2 : dw / 2; w < Hh && n + stride <= MAXP;
         w += dw, row++)
        for (double u = (row & 1 ? gap / 2 : 0) + gap / 4; u < W && n + stride <= MAXP; u += gap) {
            double x = sc->view[0] + u / sx, y = sc->view[2] + w / sy;
            if (!(overlay_map_det(s, x, y) < 0)) continue;
            xy[2 * n] = x - half / sx, xy[2 * n + 1] = y - half / sy, n++;
            xy[2 * n] = x + half / sx, xy[2 * n + 1] = y + half / sy, n++;
            xy[2 * n] = NAN, xy[2 * n + 1] = NAN, n++;
            kept++;
        }
    if (n) *st = scene_add_polyline(sc, xy, n, OV_COL_FOLD, err);
    return kept;
}

ds_status ov_add_grid(scene *sc, const sess *s, ds_err *err)
{
    if (ov_ready_grid(s, err)) return ov_caption(sc, _("grid: no map set"), OV_COL_SUM, err);
    double x0 = sc->view[0], x1 = sc->view[1], y0 = sc->view[2], y1 = sc->view[3];
    double h = nice_step(fmin(x1 - x0, y1 - y0), 4);
    grid_map gm = {{s->map[0], s->map[1]}, {INFINITY, INFINITY}, {-INFINITY, -INFINITY}};
    enum { N = 64 };
    double xy[2 * (N + 1)];
    ds_status st = DS_OK;
    /* each line x = const (then y = const) of the grid over the view, mapped; the images
     * of y = const dashed, so the two families differ without colour too */
    for (int dir = 0; dir < 2 && !st; dir++) {
        double lo = dir ? y0 : x0, hi = dir ? y1 : x1;
        for (double i = ceil(lo / h); i * h <= hi + 1e-9 * h && !st; i++) {
            double c = i * h;
            for (int k = 0; k <= N; k++) {
                double t = dir ? x0 + (x1 - x0) * k / N : y0 + (y1 - y0) * k / N;
                map_point(&gm, dir ? t : c, dir ? c : t, xy + 2 * k);
                if (dir && k % 4 == 3) xy[2 * k] = xy[2 * k + 1] = NAN;
            }
            st = scene_add_polyline(sc, xy, N + 1, dir ? OV_COL_GRID_Y : OV_COL_GRID_X, err);
        }
    }
    if (st) return st;
    int folds = hatch(sc, s, err, &st);
    if (st) return st;
    char a[32], text[192];
    snprintf(text, sizeof text, _("grid: a square grid (step %s) through the map"),
             num(a, sizeof a, h));
    if (ov_caption(sc, text, OV_COL_GRID_X, err)) return err->code;
    if (folds && ov_caption(sc, _("hatched: det J < 0 (orientation flips)"), OV_COL_FOLD, err))
        return err->code;
    /* an image mostly outside the view: say where it is */
    if (gm.lo[0] < x0 || gm.hi[0] > x1 || gm.lo[1] < y0 || gm.hi[1] > y1) {
        char b[32], c[32], d[32];
        if (isfinite(gm.lo[0]) && isfinite(gm.hi[0])) {
            snprintf(text, sizeof text, _("image spans x %s..%s, y %s..%s"),
                     num(a, sizeof a, gm.lo[0]), num(b, sizeof b, gm.hi[0]),
                     num(c, sizeof c, gm.lo[1]), num(d, sizeof d, gm.hi[1]));
            if (ov_caption(sc, text, OV_COL_GRID_Y, err)) return err->code;
        }
    }
    return DS_OK;
}
