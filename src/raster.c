/* raster.c — turns the session into a cell grid: grid memory and caches, the plot-area
 * mapping, the fingerprint that decides when the base layer is rebuilt, and rast_render,
 * which layers the field, axes, title, overlay and legend. Pure: no curses, no printing;
 * the screen and `plot` only copy the cells out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/hash.h"
#include "raster_internal.h"

/* ---- memory ------------------------------------------------------------------------ */

void rast_init(rast *r)
{
    memset(r, 0, sizeof *r);
    r->fmin = r->fmax = NAN;
    scene_init(&r->sc);
}

void rast_free(rast *r)
{
    DS_FREE_ALL(r->cells, r->base, r->sides, r->cellev, r->lsides, r->dots, r->dotrun);
    scene_free(&r->sc);
    rast_init(r);
}

static int grow(void **p, size_t need, size_t elem)
{
    void *q = ds_xrealloc(*p, need * elem);
    if (!q) return 1;
    *p = q;
    return 0;
}

ds_status rast_reserve(rast *r, int w, int h, int pw, int ph, ds_err *err)
{
    size_t ncell = (size_t)w * h, nplot = (size_t)pw * ph;
    if (ncell > r->cap_cells) {
        if (grow((void **)&r->cells, ncell, sizeof(rast_cell)) ||
            grow((void **)&r->base, ncell, sizeof(rast_cell)))
            return ds_err_set(err, DS_ENOMEM, "out of memory for a %zu-cell plot", ncell);
        r->cap_cells = ncell;
    }
    if (nplot > r->cap_plot) {
        if (grow((void **)&r->sides, nplot, 1) || grow((void **)&r->cellev, nplot, 1) ||
            grow((void **)&r->dots, nplot, 1) || grow((void **)&r->dotrun, nplot, sizeof(int16_t)))
            return ds_err_set(err, DS_ENOMEM, "out of memory for a %zu-cell plot", nplot);
        r->cap_plot = nplot;
    }
    if (nplot * RAST_MAXLEVELS > r->cap_lsides) {
        if (grow((void **)&r->lsides, nplot * RAST_MAXLEVELS, 1))
            return ds_err_set(err, DS_ENOMEM, "out of memory for a %zu-cell plot", nplot);
        r->cap_lsides = nplot * RAST_MAXLEVELS;
    }
    return DS_OK;
}

int32_t rast_color(rast *r, int colors, pal_rgb c)
{
    if (colors <= 0) return RAST_COLOR_DEFAULT;
    if (colors >= RAST_TRUECOLOR) return (int32_t)(RAST_RGB | c);
    /* xterm-256: the nearest colour is a search, so remember the last few. */
    int slot = (int)((c * 2654435761u) >> 26) & 63;
    if (r->cache_rgb[slot] == (int32_t)(c | RAST_RGB)) return r->cache_idx[slot];
    int idx = pal_to256(c);
    r->cache_rgb[slot] = (int32_t)(c | RAST_RGB);
    r->cache_idx[slot] = idx;
    return idx;
}

/* ---- plot-area mapping ------------------------------------------------------------- */

int rast_cell_of(const rast *r, const double p[2], int *col, int *row)
{
    if (r->pw <= 0 || r->ph <= 0 || !isfinite(p[0]) || !isfinite(p[1])) return 0;
    const double *v = r->view;
    double u = (p[0] - v[0]) / (v[1] - v[0]) * r->pw, w = (v[3] - p[1]) / (v[3] - v[2]) * r->ph;
    if (u < 0 || w < 0 || u > r->pw || w > r->ph) return 0;
    int c = (int)u, j = (int)w;
    if (c == r->pw) c--;
    if (j == r->ph) j--;
    *col = r->px + c;
    *row = r->py + j;
    return 1;
}

int rast_world_of(const rast *r, int col, int row, double p[2])
{
    int c = col - r->px, j = row - r->py;
    if (c < 0 || j < 0 || c >= r->pw || j >= r->ph) return 0;
    const double *v = r->view;
    p[0] = v[0] + (c + 0.5) / r->pw * (v[1] - v[0]);
    p[1] = v[3] - (j + 0.5) / r->ph * (v[3] - v[2]);
    return 1;
}

/* ---- size and fingerprint ---------------------------------------------------------- */

void rast_min_size(const rast_opts *o, int *w, int *h)
{
    *w = (o->axes ? 8 : 0) + 12;
    *h = (o->title ? 1 : 0) + (o->legend == 1 ? 1 : 0) + (o->axes ? 2 : 0) + (o->key ? 1 : 0) + 4;
}

/* What the base layer depends on: sizes, view, levels, options and the objective (its
 * identity and a few sample values, which catch changed data behind the same name). */
static uint64_t base_key(const sess *s, int w, int h, const rast_opts *o)
{
    uint64_t k = HASH_START;
    int ints[12] = {w,        h,       s->nlevels, (int)s->levels, o->ascii,       o->colors,
                    o->title, o->axes, o->key,     s->palette,     (int)s->aspect, s->nlevel_at};
    k = hash_bytes(k, ints, sizeof ints);
    k = hash_bytes(k, s->view, sizeof s->view);
    k = hash_bytes(k, &s->cellratio, sizeof s->cellratio);
    k = hash_bytes(k, s->level_at, sizeof(double) * (size_t)s->nlevel_at);
    k = obj_hash(k, &s->obj);
    static const double probe[3][2] = {{0.137, 0.781}, {0.519, 0.263}, {0.873, 0.458}};
    for (int i = 0; i < 3; i++) {
        double x = s->view[0] + probe[i][0] * (s->view[1] - s->view[0]);
        double y = s->view[2] + probe[i][1] * (s->view[3] - s->view[2]);
        double f = obj_peek(&s->obj, x, y);
        k = hash_bytes(k, &f, sizeof f);
    }
    return k ? k : 1;
}

/* ---- the base layer and the frame -------------------------------------------------- */

/* The layers that stay while nothing in the fingerprint changes: bands, contours, axes,
 * title, key; kept in r->base for the frames that follow. */
static void build_base(rast *r, const sess *s, const rast_layout *L, const rast_opts *o)
{
    size_t n = (size_t)r->w * r->h;
    for (size_t i = 0; i < n; i++)
        r->cells[i] = (rast_cell){' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_EMPTY};
    rast_draw_field(r, o);
    rast_draw_contours(r, o);
    if (o->axes) rast_draw_axes(r, L, o);
    if (o->title) rast_draw_title(r, s, o);
    if (L->keyrow >= 0) rast_draw_key(r, L, o);
    memcpy(r->base, r->cells, n * sizeof *r->cells);
}

/* The layout for the box actually shown: aspect equal widens the view to the plot area's
 * shape, and the y tick labels (which set the margin) depend on that box. */
static void layout(rast_layout *L, const sess *s, int w, int h, const rast_opts *o, double view[4])
{
    rast_layout_compute(L, s->view, h, o);
    for (int pass = 0; pass < 2; pass++) {
        int pw = w - L->margin, ph = h - L->top - L->bottom;
        scene_view_for(s, pw, ph, s->cellratio, view);
        rast_layout_compute(L, view, h, o);
    }
}

ds_status rast_render(rast *r, const sess *s, int w, int h, const rast_opts *o, ds_err *err)
{
    int mw, mh;
    rast_min_size(o, &mw, &mh);
    if (w < mw || h < mh || w > 4000 || h > 2000)
        return ds_err_set(err, DS_ERANGE,
                          "a plot of %dx%d cells does not fit: use from %dx%d to 4000x2000", w, h,
                          mw, mh);
    const double *v = s->view;
    if (!(v[1] > v[0]) || !(v[3] > v[2]) || !isfinite(v[0] + v[1] + v[2] + v[3]))
        return ds_err_set(err, DS_ERANGE, "the view box is empty: it needs x0 < x1 and y0 < y1");
    rast_layout L;
    double shown[4];
    layout(&L, s, w, h, o, shown);
    int pw = w - L.margin, ph = h - L.top - L.bottom;
    if (rast_reserve(r, w, h, pw, ph, err)) return err->code;
    uint64_t key = base_key(s, w, h, o);
    r->w = w;
    r->h = h;
    r->px = L.margin;
    r->py = L.top;
    r->pw = pw;
    r->ph = ph;
    if (key != r->key) {
        scene_req q = {.width = pw,
                       .height = ph,
                       .cellratio = s->cellratio,
                       .gx = pw * RAST_SX,
                       .gy = ph * RAST_SY,
                       .no_overlay = 1};
        r->key = 0;
        if (scene_build(&r->sc, s, &q, err)) return err->code;
        memcpy(r->view, r->sc.view, sizeof r->view);
        r->nlev = r->sc.nlev;
        memcpy(r->lev, r->sc.lev, sizeof(double) * (size_t)r->nlev);
        r->log = r->sc.log;
        r->fmin = r->sc.fmin;
        r->fmax = r->sc.fmax;
        build_base(r, s, &L, o);
        r->key = key;
    } else
        memcpy(r->cells, r->base, (size_t)w * h * sizeof *r->cells);
    if (scene_build_overlay(&r->sc, s, err)) return err->code;
    rast_draw_overlay(r, o);
    if (o->legend) rast_draw_legend(r, s, o);
    return DS_OK;
}
