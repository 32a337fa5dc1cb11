/* scene.c — builds the picture's description from the session: the box shown (aspect),
 * the levels (the one place that decides log or linear), band colours, the sampled field
 * and its contours (scene_contour.c), then the overlay: markers, run paths and styles,
 * the −∇f arrow and other drawings. Renderers (raster, exporters) only read the result. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/cloud.h"
#include "descent/fmt.h"
#include "descent/i18n.h"
#include "descent/overlay.h"
#include "descent/run.h"
#include "descent/text.h"
#include "scene_internal.h"

/* ---- memory ------------------------------------------------------------------------ */

void scene_init(scene *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->fmin = sc->fmax = NAN;
}

void scene_free(scene *sc)
{
    DS_FREE_ALL(sc->f, sc->lines, sc->pts, sc->marks, sc->runs, sc->path, sc->ov, sc->ov_pts);
    scene_trails_free(sc);
    scene_ovcache_free(sc);
    scene_mem_free(sc->mem);
    scene_init(sc);
}

ds_status scene_grow(void **p, size_t *cap, size_t need, size_t elem, ds_err *err)
{
    if (need <= *cap) return DS_OK;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *q = ds_xrealloc(*p, nc * elem);
    if (!q) return ds_err_set(err, DS_ENOMEM, "out of memory building the picture");
    *p = q;
    *cap = nc;
    return DS_OK;
}

/* ---- levels ------------------------------------------------------------------------ */

int scene_levels_log(const sess *s)
{
    return s->levels == LEVELS_LOG || (s->levels == LEVELS_AUTO && s->obj.log_levels);
}

static double log_shift(double fmin, double fmax)
{
    double d = (fmax - fmin) * 1e-4;
    return d > 0 ? d : 1;
}

int scene_levels_even(double fmin, double fmax, int n, int lg, double *out)
{
    if (!isfinite(fmin) || !isfinite(fmax) || !(fmax > fmin) || n <= 0) return 0;
    if (n > SCENE_MAXLEVELS) n = SCENE_MAXLEVELS;
    double d = log_shift(fmin, fmax);
    double t0 = lg ? log(d) : fmin, t1 = lg ? log(fmax - fmin + d) : fmax;
    double dt = (t1 - t0) / (n + 1);
    for (int k = 1; k <= n; k++) {
        double t = t0 + k * dt;
        out[k - 1] = lg ? exp(t) + fmin - d : t;
    }
    return n;
}

int scene_levels(const sess *s, double fmin, double fmax, double *out)
{
    if (s->levels == LEVELS_AT) {
        int n = s->nlevel_at > SCENE_MAXLEVELS ? SCENE_MAXLEVELS : s->nlevel_at;
        memcpy(out, s->level_at, sizeof(double) * (size_t)n);
        return n;
    }
    int n = s->nlevels < 0 ? 0 : s->nlevels;
    return scene_levels_even(fmin, fmax, n, scene_levels_log(s), out);
}

/* ---- the box shown ----------------------------------------------------------------- */

int scene_aspect_equal(const sess *s)
{
    if (s->aspect != ASPECT_AUTO) return s->aspect == ASPECT_EQUAL;
    const double *v = s->obj.view;
    double w = v[1] - v[0], h = v[3] - v[2];
    return strcmp(s->obj.name, "formula") != 0 && w > 0 && fabs(w - h) <= 1e-9 * w;
}

void scene_view_for(const sess *s, double w, double h, double cellratio, double out[4])
{
    memcpy(out, s->view, sizeof(double) * 4);
    if (!scene_aspect_equal(s) || !(w > 0) || !(h > 0) || !(cellratio > 0)) return;
    /* Units of x per unit of physical length, the same for both axes; widen the one that
     * would otherwise be stretched. */
    double xr = out[1] - out[0], yr = out[3] - out[2], ph = h * cellratio;
    if (xr / w > yr / ph) {
        double half = xr / w * ph / 2, c = (out[2] + out[3]) / 2;
        out[2] = c - half, out[3] = c + half;
    } else {
        double half = yr / ph * w / 2, c = (out[0] + out[1]) / 2;
        out[0] = c - half, out[1] = c + half;
    }
}

/* ---- helpers for readers ----------------------------------------------------------- */

int scene_band_of(const scene *sc, double f)
{
    if (!isfinite(f)) return -1;
    int lo = 0, hi = sc->nlev;
    while (lo < hi) {
        int m = (lo + hi) / 2;
        if (sc->lev[m] <= f)
            lo = m + 1;
        else
            hi = m;
    }
    return lo;
}

double scene_f(const scene *sc, int i, int j)
{
    return sc->f[(size_t)j * (sc->gx + 1) + i];
}

void scene_grid_xy(const scene *sc, double i, double j, double *x, double *y)
{
    *x = sc->view[0] + i / sc->gx * (sc->view[1] - sc->view[0]);
    *y = sc->view[3] - j / sc->gy * (sc->view[3] - sc->view[2]);
}

void scene_level_label(const scene *sc, int k, char *buf, int cap)
{
    double v = k >= 0 && k < sc->nlev ? sc->lev[k] : NAN;
    /* Enough digits to tell this level from its neighbours, at most 4. */
    int digits = 2;
    for (; digits < 4; digits++) {
        char a[32], b[32], c[32];
        snprintf(a, sizeof a, "%.*g", digits, v);
        snprintf(b, sizeof b, "%.*g", digits, k > 0 ? sc->lev[k - 1] : NAN);
        snprintf(c, sizeof c, "%.*g", digits, k + 1 < sc->nlev ? sc->lev[k + 1] : NAN);
        if (strcmp(a, b) != 0 && strcmp(a, c) != 0) break;
    }
    if (!isfinite(v))
        snprintf(buf, (size_t)cap, "?");
    else
        snprintf(buf, (size_t)cap, "%.*g", digits, fabs(v) < 1e-12 * (sc->fmax - sc->fmin) ? 0 : v);
}

/* ---- the base: field, levels, colours, contours ------------------------------------ */

static ds_status build_base(scene *sc, const sess *s, const scene_req *q, ds_err *err)
{
    int gx = q->gx, gy = q->gy;
    size_t n = (size_t)(gx + 1) * (gy + 1);
    if (scene_grow((void **)&sc->f, &sc->cap_f, n, sizeof(double), err)) return err->code;
    sc->gx = gx, sc->gy = gy;
    const double *v = sc->view;
    double dx = (v[1] - v[0]) / gx, dy = (v[3] - v[2]) / gy;
    double fmin = INFINITY, fmax = -INFINITY;
    sc->has_undef = 0;
    /* a row's points go to the objective together (a formula evaluates them a block at a
     * time, the same values as one by one) */
    double *xs = ds_xmalloc(sizeof *xs * (size_t)(gx + 1) * 2), *ys = xs + gx + 1;
    for (int i = 0; i <= gx; i++)
        xs[i] = v[0] + i * dx;
    for (int j = 0; j <= gy; j++) {
        double y = v[3] - j * dy, *row = sc->f + (size_t)j * (gx + 1);
        for (int i = 0; i <= gx; i++)
            ys[i] = y;
        obj_peek_n(&s->obj, xs, ys, row, (size_t)gx + 1);
        for (int i = 0; i <= gx; i++) {
            double f = row[i];
            if (isfinite(f)) {
                fmin = f < fmin ? f : fmin;
                fmax = f > fmax ? f : fmax;
            } else {
                f = NAN;
                sc->has_undef = 1;
            }
            row[i] = f;
        }
    }
    free(xs);
    sc->fmin = isfinite(fmin) ? fmin : NAN;
    sc->fmax = isfinite(fmax) ? fmax : NAN;
    sc->log = s->levels != LEVELS_AT && scene_levels_log(s);
    sc->given = s->levels == LEVELS_AT;
    sc->nlev = scene_levels(s, sc->fmin, sc->fmax, sc->lev);
    sc->palette = s->palette >= 0 && s->palette < PAL_COUNT ? s->palette : PAL_VIRIDIS;
    for (int k = 0; k <= sc->nlev; k++)
        sc->band[k] = pal_band(sc->palette, k, sc->nlev + 1);
    sc->line = pal_line(sc->palette);
    sc->undef = pal_undef(sc->palette);
    sc->nlines = sc->npts = 0;
    trace_out o = {&sc->lines, &sc->nlines, &sc->cap_lines, &sc->pts, &sc->npts, &sc->cap_pts};
    if (!sc->mem && !(sc->mem = calloc(1, sizeof *sc->mem)))
        return ds_err_set(err, DS_ENOMEM, "out of memory building the picture");
    return scene_trace(sc->f, gx, gy, sc->view, sc->lev, sc->nlev, &o, sc->mem, err);
}

ds_status scene_build(scene *sc, const sess *s, const scene_req *q, ds_err *err)
{
    const double *v = s->view;
    if (!(v[1] > v[0]) || !(v[3] > v[2]) || !isfinite(v[0] + v[1] + v[2] + v[3]))
        return ds_err_set(err, DS_ERANGE, "the view box is empty: it needs x0 < x1 and y0 < y1");
    if (q->gx < 1 || q->gy < 1 || q->gx > 8000 || q->gy > 8000)
        return ds_err_set(err, DS_ERANGE, "a field of %dx%d samples cannot be drawn", q->gx, q->gy);
    sc->width = q->width, sc->height = q->height, sc->cellratio = q->cellratio;
    sc->paths = s->paths;
    scene_view_for(s, q->width, q->height, q->cellratio, sc->view);
    if (build_base(sc, s, q, err)) return err->code;
    sc->nmarks = sc->nruns = sc->npath = sc->nov = sc->nov_pts = sc->ncaption = 0;
    return q->no_overlay ? DS_OK : scene_build_overlay(sc, s, err);
}

/* ---- the overlay ------------------------------------------------------------------- */

static ds_status add_mark(scene *sc, scene_mark_kind k, double x, double y, int ri, pal_rgb c,
                          ds_err *err)
{
    if (!isfinite(x) || !isfinite(y)) return DS_OK;
    if (scene_grow((void **)&sc->marks, &sc->cap_marks, (size_t)sc->nmarks + 1, sizeof *sc->marks,
                   err))
        return err->code;
    sc->marks[sc->nmarks++] = (scene_mark){k, x, y, ri, c};
    return DS_OK;
}

static int inside(const scene *sc, double x, double y)
{
    return x >= sc->view[0] && x <= sc->view[1] && y >= sc->view[2] && y <= sc->view[3];
}

static const uint32_t run_glyphs[] = {0x25CF, 0x25A0, 0x25B2, 0x25C6, 0x25BC, 0x271A};
#define NRUNGLYPHS ((int)(sizeof run_glyphs / sizeof run_glyphs[0]))

uint32_t scene_run_glyph(int i)
{
    return run_glyphs[(i < 0 ? 0 : i) % NRUNGLYPHS];
}

/* A run's path, thinned for drawing only: a point closer than half a sample cell to the
 * last one kept adds nothing a picture can show. NAN breaks the line where the run has
 * no finite point. */
static ds_status add_run(scene *sc, const sess *s, int i, ds_err *err)
{
    const run *rn = runset_get(&s->runs, i);
    if (scene_grow((void **)&sc->runs, &sc->cap_runs, (size_t)sc->nruns + 1, sizeof *sc->runs, err))
        return err->code;
    scene_run *R = &sc->runs[sc->nruns++];
    R->index = i;
    R->color = pal_run(i);
    R->glyph = run_glyphs[i % NRUNGLYPHS];
    R->glyph_ascii = i < 9 ? (char)('1' + i) : '#';
    R->dash = i;
    R->status = run_get_status(rn);
    snprintf(R->word, sizeof R->word, "%s", _(run_status_word(rn)));
    const run_row *now = run_current(rn);
    R->iter = now ? now->iter : 0;
    R->f = now ? now->f : NAN;
    sbuf b;
    sbuf_init(&b);
    sbuf_puts(&b, run_algo_name(rn));
    double lr = run_param_get(rn, "lr");
    if (isfinite(lr)) {
        sbuf_puts(&b, " lr=");
        fmt_num(&b, lr, 3);
    }
    snprintf(R->label, sizeof R->label, "%s", sbuf_str(&b));
    sbuf_free(&b);
    int nrow;
    const run_row *rows = run_trail(rn, &nrow);
    R->start = sc->npath;
    /* Points at least half a sample apart, the new rows only (scene_trail.c). */
    if (scene_trail_points(sc, i, rn, err)) return err->code;
    R = &sc->runs[sc->nruns - 1];
    R->n = sc->npath - R->start;
    /* Start, end mark, head. */
    if (nrow > 0 && add_mark(sc, SM_START, rows[0].x, rows[0].y, i, R->color, err))
        return err->code;
    const run_row *cur = run_current(rn);
    double cx = cur ? cur->x : NAN, cy = cur ? cur->y : NAN;
    if (isfinite(cx) && isfinite(cy) && inside(sc, cx, cy)) {
        if (R->status == RUN_CONVERGED || R->status == RUN_DIVERGED)
            if (add_mark(sc, R->status == RUN_CONVERGED ? SM_CONVERGED : SM_DIVERGED, cx, cy, i,
                         R->color, err))
                return err->code;
        return add_mark(sc, SM_HEAD, cx, cy, i, R->color, err);
    }
    if (R->status == RUN_DIVERGED) /* it left the picture: where it was last seen */
        for (int k = nrow - 1; k >= 0; k--)
            if (isfinite(rows[k].x) && isfinite(rows[k].y) && inside(sc, rows[k].x, rows[k].y))
                return add_mark(sc, SM_DIVERGED, rows[k].x, rows[k].y, i, R->color, err);
    return DS_OK;
}

/* The −∇f arrow from the cursor: a fixed physical length (a direction, not a size), in
 * data coordinates, so it meets the contours at right angles when the aspect is equal. */
static ds_status add_grad_arrow(scene *sc, const sess *s, ds_err *err)
{
    if (!s->arrow || !inside(sc, s->cursor[0], s->cursor[1])) return DS_OK;
    objective ob = s->obj; /* a shallow copy: drawing must not count as evaluations */
    double f, g[2];
    obj_grad(&ob, s->cursor[0], s->cursor[1], &f, g);
    double m = fmax(fabs(g[0]), fabs(g[1]));
    if (!isfinite(f) || !isfinite(m) || m == 0) return DS_OK;
    /* Physical units per data unit on each axis. */
    double sx = sc->width / (sc->view[1] - sc->view[0]);
    double sy = sc->height * sc->cellratio / (sc->view[3] - sc->view[2]);
    double px = -g[0] / m * sx, py = -g[1] / m * sy, len = hypot(px, py);
    if (!isfinite(len) || len == 0) return DS_OK;
    double want = 0.09 * fmin(sc->width, sc->height * sc->cellratio);
    if (want < 6) want = 6;
    double x1 = s->cursor[0] + px / len * want / sx, y1 = s->cursor[1] + py / len * want / sy;
    return scene_add_arrow(sc, s->cursor[0], s->cursor[1], x1, y1, pal_mark(sc->palette), err);
}

ds_status scene_build_overlay(scene *sc, const sess *s, ds_err *err)
{
    sc->nmarks = sc->nruns = sc->npath = sc->nov = sc->nov_pts = sc->ncaption = 0;
    pal_rgb white = pal_mark(sc->palette);
    if (add_grad_arrow(sc, s, err)) return err->code;
    if (overlay_add(sc, s, err)) return err->code;     /* the explain overlays (overlay.c) */
    if (scene_add_cloud(sc, s, err)) return err->code; /* faint, behind every run */
    for (int i = 0; i < s->obj.nmin && i < OBJ_MAXPOINTS; i++)
        if (add_mark(sc, SM_MIN, s->obj.minima[i][0], s->obj.minima[i][1], -1, white, err))
            return err->code;
    for (int i = 0; i < s->obj.nsaddle && i < OBJ_MAXPOINTS; i++)
        if (add_mark(sc, SM_SADDLE, s->obj.saddles[i][0], s->obj.saddles[i][1], -1, white, err))
            return err->code;
    for (int i = 0; i < runset_count(&s->runs); i++)
        if (add_run(sc, s, i, err)) return err->code;
    return add_mark(sc, SM_CURSOR, s->cursor[0], s->cursor[1], -1, white, err);
}

/* ---- extra drawings ---------------------------------------------------------------- */

static ds_status add_ov(scene *sc, scene_ov_kind k, const double *xy, int n, pal_rgb c,
                        const char *text, ds_err *err)
{
    if (scene_grow((void **)&sc->ov, &sc->cap_ov, (size_t)sc->nov + 1, sizeof *sc->ov, err) ||
        scene_grow((void **)&sc->ov_pts, &sc->cap_ov_pts, 2 * (size_t)(sc->nov_pts + n),
                   sizeof(double), err))
        return err->code;
    scene_overlay *o = &sc->ov[sc->nov++];
    o->kind = k;
    o->color = c;
    o->style = SOS_SOLID;
    o->start = sc->nov_pts;
    o->n = n;
    text_copy(o->text, sizeof o->text, text ? text : "");
    memcpy(sc->ov_pts + 2 * (size_t)sc->nov_pts, xy, sizeof(double) * 2 * (size_t)n);
    sc->nov_pts += n;
    return DS_OK;
}

ds_status scene_add_polyline(scene *sc, const double *xy, int n, pal_rgb color, ds_err *err)
{
    return n > 0 ? add_ov(sc, SO_POLYLINE, xy, n, color, NULL, err) : DS_OK;
}

ds_status scene_add_polyline_style(scene *sc, const double *xy, int n, pal_rgb color, int style,
                                   ds_err *err)
{
    if (n <= 0) return DS_OK;
    if (add_ov(sc, SO_POLYLINE, xy, n, color, NULL, err)) return err->code;
    sc->ov[sc->nov - 1].style = style;
    return DS_OK;
}

ds_status scene_add_arrow(scene *sc, double x0, double y0, double x1, double y1, pal_rgb color,
                          ds_err *err)
{
    double xy[4] = {x0, y0, x1, y1};
    return add_ov(sc, SO_ARROW, xy, 2, color, NULL, err);
}

ds_status scene_add_text(scene *sc, double x, double y, const char *text, pal_rgb color,
                         ds_err *err)
{
    double xy[2] = {x, y};
    return add_ov(sc, SO_TEXT, xy, 1, color, text, err);
}

ds_status scene_add_contours(scene *sc, double (*fn)(void *ctx, double x, double y), void *ctx,
                             const double *levels, int n, pal_rgb color, ds_err *err)
{
    int gx = sc->gx, gy = sc->gy;
    double *g = ds_xmalloc(sizeof(double) * (size_t)(gx + 1) * (gy + 1));
    if (!g) return ds_err_set(err, DS_ENOMEM, "out of memory tracing contours");
    for (int j = 0; j <= gy; j++)
        for (int i = 0; i <= gx; i++) {
            double x, y;
            scene_grid_xy(sc, i, j, &x, &y);
            double v = fn(ctx, x, y);
            g[(size_t)j * (gx + 1) + i] = isfinite(v) ? v : NAN;
        }
    scene_line *lines = NULL;
    double *pts = NULL;
    int nl = 0, np = 0;
    size_t cl = 0, cp = 0;
    trace_out o = {&lines, &nl, &cl, &pts, &np, &cp};
    ds_status st = DS_OK;
    if (!sc->mem && !(sc->mem = calloc(1, sizeof *sc->mem)))
        st = ds_err_set(err, DS_ENOMEM, "out of memory tracing contours");
    if (!st) st = scene_trace(g, gx, gy, sc->view, levels, n, &o, sc->mem, err);
    for (int i = 0; i < nl && !st; i++) {
        /* A closed curve repeats its first point so a polyline draws it closed. */
        st = scene_add_polyline(sc, pts + 2 * (size_t)lines[i].start, lines[i].n, color, err);
        if (!st && lines[i].closed)
            st = add_ov(sc, SO_POLYLINE,
                        (double[4]){pts[2 * (size_t)(lines[i].start + lines[i].n - 1)],
                                    pts[2 * (size_t)(lines[i].start + lines[i].n - 1) + 1],
                                    pts[2 * (size_t)lines[i].start],
                                    pts[2 * (size_t)lines[i].start + 1]},
                        2, color, NULL, err);
    }
    free(g);
    free(lines);
    free(pts);
    return st;
}
