/* raster.c — turns the session into a cell grid: grid memory and caches, the plot-area
 * mapping, the fingerprint that decides when the base layer is rebuilt, and rast_render,
 * which layers the field, axes, title, overlay and legend. Pure: no curses, no printing;
 * the screen and `plot` only copy the cells out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "raster_internal.h"

/* ---- memory ------------------------------------------------------------------------ */

void rast_init(rast *r)
{
    memset(r, 0, sizeof *r);
    r->fmin = r->fmax = NAN;
}

void rast_free(rast *r)
{
    free(r->cells);
    free(r->base);
    free(r->corner);
    free(r->centre);
    free(r->dots);
    free(r->dotrun);
    rast_init(r);
}

static ds_status grow(void **p, size_t *cap, size_t need, size_t elem, ds_err *err)
{
    if (need <= *cap) return DS_OK;
    void *q = realloc(*p, need * elem);
    if (!q) return ds_err_set(err, DS_ENOMEM, "out of memory for a %zu-cell plot", need);
    *p = q;
    *cap = need;
    return DS_OK;
}

ds_status rast_reserve(rast *r, int w, int h, int pw, int ph, ds_err *err)
{
    size_t ncell = (size_t)w * h, ncorner = (size_t)(pw + 1) * (ph + 1);
    size_t ncentre = (size_t)pw * ph, cap = r->cap_cells, cap2 = r->cap_cells;
    size_t cap3 = r->cap_centre, cap4 = r->cap_centre, cap5 = r->cap_centre;
    if (grow((void **)&r->cells, &cap, ncell, sizeof(rast_cell), err) ||
        grow((void **)&r->base, &cap2, ncell, sizeof(rast_cell), err) ||
        grow((void **)&r->corner, &r->cap_corner, ncorner, sizeof(double), err) ||
        grow((void **)&r->centre, &cap3, ncentre, sizeof(double), err) ||
        grow((void **)&r->dots, &cap4, ncentre, 1, err) ||
        grow((void **)&r->dotrun, &cap5, ncentre, 1, err))
        return err->code;
    r->cap_cells = cap < cap2 ? cap : cap2;
    r->cap_centre = cap3 < cap4 ? (cap3 < cap5 ? cap3 : cap5) : (cap4 < cap5 ? cap4 : cap5);
    return DS_OK;
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
    *h = (o->title ? 1 : 0) + (o->legend ? 1 : 0) + (o->axes ? 2 : 0) + 4;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* What the base layer depends on: sizes, view, levels, options and the objective (its
 * identity and a few sample values, which catch changed data behind the same name). */
static uint64_t base_key(const sess *s, int w, int h, const rast_opts *o, int log)
{
    uint64_t k = 14695981039346656037ULL;
    int ints[8] = {w, h, s->nlevels, log, o->ascii, o->colors, o->title, o->axes};
    k = fnv(k, ints, sizeof ints);
    k = fnv(k, s->view, sizeof s->view);
    k = fnv(k, &s->obj.kind, sizeof s->obj.kind);
    k = fnv(k, s->obj.name, strlen(s->obj.name));
    k = fnv(k, s->obj.formula, strlen(s->obj.formula));
    k = fnv(k, s->obj.A, sizeof s->obj.A);
    k = fnv(k, s->obj.b, sizeof s->obj.b);
    k = fnv(k, &s->obj.data, sizeof s->obj.data);
    static const double probe[3][2] = {{0.137, 0.781}, {0.519, 0.263}, {0.873, 0.458}};
    for (int i = 0; i < 3; i++) {
        double x = s->view[0] + probe[i][0] * (s->view[1] - s->view[0]);
        double y = s->view[2] + probe[i][1] * (s->view[3] - s->view[2]);
        double f = obj_peek(&s->obj, x, y);
        k = fnv(k, &f, sizeof f);
    }
    return k ? k : 1;
}

/* ---- the base layer and the frame -------------------------------------------------- */

/* The layers that stay while nothing in the fingerprint changes: bands, contours, axes,
 * title; kept in r->base for the frames that follow. */
static void build_base(rast *r, const sess *s, const rast_layout *L, const rast_opts *o)
{
    size_t n = (size_t)r->w * r->h;
    for (size_t i = 0; i < n; i++)
        r->cells[i] = (rast_cell){' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_EMPTY};
    rast_draw_field(r, s, o);
    if (o->axes) rast_draw_axes(r, L, o);
    if (o->title) rast_draw_title(r, s);
    memcpy(r->base, r->cells, n * sizeof *r->cells);
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
    rast_layout_compute(&L, v, h, o);
    int pw = w - L.margin, ph = h - L.top - L.bottom;
    if (rast_reserve(r, w, h, pw, ph, err)) return err->code;
    int log = s->levels == LEVELS_LOG || (s->levels == LEVELS_AUTO && s->obj.log_levels);
    uint64_t key = base_key(s, w, h, o, log);
    r->w = w;
    r->h = h;
    r->px = L.margin;
    r->py = L.top;
    r->pw = pw;
    r->ph = ph;
    memcpy(r->view, v, sizeof r->view);
    if (key != r->key) {
        r->log = log;
        build_base(r, s, &L, o);
        r->key = key;
    } else
        memcpy(r->cells, r->base, (size_t)w * h * sizeof *r->cells);
    rast_draw_overlay(r, s, o);
    if (o->legend) rast_draw_legend(r, s, o);
    return DS_OK;
}
