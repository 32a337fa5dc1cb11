/* raster.c — turns the session into a cell grid: field sampling over the view, contour
 * levels, filled bands, marching-squares contour glyphs, axes, markers and optimizer
 * paths at Braille resolution; small line charts; the grid as (ANSI) text. Pure: no
 * curses, no printing; the screen and `plot` only copy the cells out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/raster.h"
#include "descent/utf8.h"

/* ---- palette and glyph tables ------------------------------------------------------ */

/* Viridis anchor colours (dark purple → yellow), interpolated for any number of bands. */
static const unsigned char viridis[][3] = {
    {68, 1, 84},    {72, 40, 120},  {62, 73, 137},  {49, 104, 142}, {38, 130, 142},
    {31, 158, 137}, {53, 183, 121}, {110, 206, 88}, {181, 222, 43}, {253, 231, 37},
};
#define NVIRIDIS ((int)(sizeof viridis / sizeof viridis[0]))

/* The 8-colour ramp in the same order: magenta, blue, cyan, green, yellow. */
static const int ramp8[] = {5, 4, 6, 2, 3};
#define NRAMP8 ((int)(sizeof ramp8 / sizeof ramp8[0]))

/* Shading ramps for monochrome output, lowest band first. ASCII avoids the characters
 * that mean something else on the plot (- | / \ . * x o + and digits). */
static const char shade_ascii[] = " ,:;+%#@";
static const uint32_t shade_utf8[] = {' ', 0xB7, 0x2236, 0x2591, 0x2592, 0x2593};
#define NSHADE_ASCII ((int)sizeof shade_ascii - 1)
#define NSHADE_UTF8  ((int)(sizeof shade_utf8 / sizeof shade_utf8[0]))

static const uint32_t run_glyphs[RAST_NSTYLES] = {0x25CF, 0x25A0, 0x25B2, 0x25C6, 0x25BC, 0x271A};
static const int run_colors256[RAST_NSTYLES] = {196, 231, 201, 208, 46, 51};
static const int run_colors8[RAST_NSTYLES] = {1, 7, 5, 3, 2, 6};

#define G_MIN_U    0x2605 /* ★ */
#define G_SADDLE_U 0xD7   /* × */
#define G_START_U  0x25CB /* ○ */
#define G_CONV_U   0x2713 /* ✓ */
#define G_DIV_U    0x2717 /* ✗ */
#define G_CROSS_U  0x253C /* ┼ */
#define G_HLINE_U  0x2500 /* ─ */
#define G_VLINE_U  0x2502 /* │ */
#define G_BRAILLE  0x2800

static int nearest_cube_level(int v)
{
    static const int lv[6] = {0, 95, 135, 175, 215, 255};
    int best = 0;
    for (int i = 1; i < 6; i++)
        if (abs(lv[i] - v) < abs(lv[best] - v)) best = i;
    return best;
}

int rast_ramp(int band, int nbands, int colors)
{
    if (colors <= 0) return RAST_COLOR_DEFAULT;
    double t = nbands > 1 ? (double)band / (nbands - 1) : 0.5;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    if (colors < 256) {
        int i = (int)lround(t * (NRAMP8 - 1));
        return ramp8[i];
    }
    double u = t * (NVIRIDIS - 1);
    int i = (int)u;
    if (i >= NVIRIDIS - 1) i = NVIRIDIS - 2;
    double f = u - i;
    int rgb[3];
    for (int k = 0; k < 3; k++)
        rgb[k] = (int)lround(viridis[i][k] * (1 - f) + viridis[i + 1][k] * f);
    return 16 + 36 * nearest_cube_level(rgb[0]) + 6 * nearest_cube_level(rgb[1]) +
           nearest_cube_level(rgb[2]);
}

uint32_t rast_contour_glyph(int mcase, int dir, int ascii)
{
    if (mcase <= 0 || mcase >= 15) return ' ';
    if (ascii) {
        switch (dir) {
        case 1: return '-';
        case 2: return '|';
        case 3: return '/';
        case 4: return '\\';
        default: break;
        }
        switch (mcase) {
        case 3:
        case 12: return '-';
        case 6:
        case 9: return '|';
        case 7:
        case 8:
        case 2:
        case 13: return '/';
        default: return '\\'; /* 1, 14, 4, 11, and saddles without a direction */
        }
    }
    if (dir == 1) return G_HLINE_U;
    if (dir == 2) return G_VLINE_U;
    switch (mcase) {
    case 3:
    case 12: return G_HLINE_U;
    case 6:
    case 9: return G_VLINE_U;
    case 1:
    case 14: return 0x256E; /* ╮ left and bottom */
    case 2:
    case 13: return 0x256D; /* ╭ right and bottom */
    case 4:
    case 11: return 0x2570; /* ╰ right and top */
    case 7:
    case 8: return 0x256F;                      /* ╯ left and top */
    default: return dir == 4 ? 0x2572 : 0x2571; /* saddles: ╲ or ╱ */
    }
}

uint32_t rast_run_glyph(int i, int ascii)
{
    if (i < 0) i = 0;
    if (ascii) return i < 9 ? (uint32_t)('1' + i) : '#';
    return run_glyphs[i % RAST_NSTYLES];
}

int rast_run_color(int i, int colors)
{
    if (i < 0) i = 0;
    if (colors <= 0) return RAST_COLOR_DEFAULT;
    return colors >= 256 ? run_colors256[i % RAST_NSTYLES] : run_colors8[i % RAST_NSTYLES];
}

/* ---- text -------------------------------------------------------------------------- */

static void set_cell(rast *r, int col, int row, uint32_t ch, int fg, int bg, int attr, int kind)
{
    if (col < 0 || row < 0 || col >= r->w || row >= r->h) return;
    rast_cell *c = &r->cells[(size_t)row * r->w + col];
    c->ch = ch;
    c->fg = (int16_t)fg;
    c->bg = (int16_t)bg;
    c->attr = (uint8_t)attr;
    c->kind = (uint8_t)kind;
}

int rast_put_text(rast *r, int row, int col, int maxw, const char *text, int fg, int bg, int attr)
{
    if (row < 0 || row >= r->h || col < 0) return 0;
    if (col + maxw > r->w) maxw = r->w - col;
    int used = 0;
    size_t n = strlen(text);
    while (n > 0 && used < maxw) {
        uint32_t cp;
        int k = utf8_decode(text, n, &cp);
        text += k;
        n -= (size_t)k;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) cp = ' '; /* controls show as blanks */
        int cw = utf8_cp_width(cp);
        if (cw == 0) continue; /* combining marks: dropped, the cell holds one code point */
        if (used + cw > maxw) break;
        set_cell(r, col + used, row, cp, fg, bg, attr, RK_TEXT);
        if (cw == 2) set_cell(r, col + used + 1, row, 0, fg, bg, attr, RK_WIDE);
        used += cw;
    }
    return used;
}

/* ---- levels ------------------------------------------------------------------------ */

/* The shift that makes log spacing work for any sign of f. */
static double log_shift(double fmin, double fmax)
{
    double d = (fmax - fmin) * 1e-4;
    return d > 0 ? d : 1;
}

static double to_t(double f, int lg, double fmin, double d)
{
    return lg ? log(f - fmin + d) : f; /* natural log: the same spacing, and faster */
}

static double from_t(double t, int lg, double fmin, double d)
{
    return lg ? exp(t) + fmin - d : t;
}

int rast_levels(double fmin, double fmax, int n, int log, double *out)
{
    if (!isfinite(fmin) || !isfinite(fmax) || !(fmax > fmin) || n <= 0) return 0;
    if (n > RAST_MAXLEVELS) n = RAST_MAXLEVELS;
    double d = log_shift(fmin, fmax);
    double t0 = to_t(fmin, log, fmin, d), t1 = to_t(fmax, log, fmin, d);
    double dt = (t1 - t0) / (n + 1);
    for (int k = 1; k <= n; k++)
        out[k - 1] = from_t(t0 + k * dt, log, fmin, d);
    return n;
}

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

static ds_status reserve(rast *r, int w, int h, int pw, int ph, ds_err *err)
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

/* ---- axes -------------------------------------------------------------------------- */

/* A "nice" tick step (1, 2 or 5 times a power of ten) giving about `target` ticks. */
static double nice_step(double range, int target)
{
    if (!(range > 0) || target < 1) return 1;
    double raw = range / target, p = pow(10, floor(log10(raw))), m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

static void tick_label(double v, double step, char *buf, size_t n)
{
    if (fabs(v) < step * 1e-9) v = 0;
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(v) >= 1e5 || dec > 5)
        snprintf(buf, n, "%.3g", v);
    else
        snprintf(buf, n, "%.*f", dec, v);
}

typedef struct {
    int n;
    double v[64];
    char label[64][24];
} ticks;

static void make_ticks(ticks *t, double lo, double hi, int target)
{
    double step = nice_step(hi - lo, target);
    t->n = 0;
    for (double k = ceil(lo / step - 1e-9); t->n < 64; k++) {
        double v = k * step;
        if (v > hi + step * 1e-9) break;
        t->v[t->n] = v;
        tick_label(v, step, t->label[t->n], sizeof t->label[0]);
        t->n++;
    }
}

/* ---- layout and fingerprint ------------------------------------------------------- */

typedef struct {
    int top, bottom, margin;
    ticks yt;
} layout;

static void compute_layout(layout *L, const double view[4], int h, const rast_opts *o)
{
    L->top = o->title ? 1 : 0;
    L->bottom = (o->legend ? 1 : 0) + (o->axes ? 2 : 0);
    L->margin = 0;
    L->yt.n = 0;
    if (o->axes) {
        int ph = h - L->top - L->bottom;
        make_ticks(&L->yt, view[2], view[3], ph / 4 > 2 ? ph / 4 : 2);
        int mw = 1;
        for (int i = 0; i < L->yt.n; i++) {
            int lw = utf8_width(L->yt.label[i], strlen(L->yt.label[i]));
            if (lw > mw) mw = lw;
        }
        L->margin = mw + 1;
    }
}

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

/* ---- the base layer: bands, contours, axes, title ----------------------------------- */

typedef struct {
    double t0, dt; /* level k sits at t0 + k*dt in transformed units */
    int n;         /* levels; bands are 0..n */
} bandspec;

static int band_of(const bandspec *b, double t)
{
    if (b->n <= 0 || !(b->dt > 0)) return 0;
    double u = (t - b->t0) / b->dt;
    if (!(u > 0)) return 0;
    if (u >= b->n) return b->n;
    return (int)u;
}

/* Where a level crosses the edge from a to b, 0..1. */
static double cross(double a, double b, double lv)
{
    double d = b - a;
    if (d == 0) return 0.5;
    double s = (lv - a) / d;
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

/* What a cell's contour is, so neighbours can avoid doubled lines. */
typedef struct {
    int k;      /* the level drawn; -1 for none */
    int cls;    /* 1 horizontal, 2 vertical, 0 other */
    double off; /* where the line sits across the cell, 0..1 (x for vertical, y for horizontal) */
} contour_info;

/* The contour glyph for one cell from its corner samples (tl tr br bl), its centre,
 * and the band spec. Returns 0 when no level crosses the cell. */
static uint32_t cell_contour(const bandspec *b, double tl, double tr, double br, double bl,
                             double ctr, int ascii, contour_info *ci)
{
    ci->k = -1;
    ci->cls = 0;
    ci->off = 0.5;
    int btl = band_of(b, tl), btr = band_of(b, tr), bbr = band_of(b, br), bbl = band_of(b, bl);
    int mn = btl, mx = btl;
    int v[3] = {btr, bbr, bbl};
    for (int i = 0; i < 3; i++) {
        if (v[i] < mn) mn = v[i];
        if (v[i] > mx) mx = v[i];
    }
    if (mn == mx) return 0;
    /* Where levels crowd (steep f), draw only every 2nd, 4th, ... level so neighbouring
     * lines stay about three cells apart; the bands still show every level. */
    double lo = fmin(fmin(tl, tr), fmin(br, bl)), hi = fmax(fmax(tl, tr), fmax(br, bl));
    double per_cell = (hi - lo) / b->dt;
    int stride = 1;
    while (stride < 64 && per_cell * 3 > stride)
        stride *= 2;
    int k = (mn + mx + 1) / 2;
    if (stride > 1) {
        k = (mx / stride) * stride; /* the highest multiple of stride crossed */
        if (k <= mn) return 0;
    }
    double lv = b->t0 + k * b->dt;
    int mcase = (btl >= k ? 8 : 0) | (btr >= k ? 4 : 0) | (bbr >= k ? 2 : 0) | (bbl >= k ? 1 : 0);
    if (mcase == 5 || mcase == 10) {
        int cabove = isfinite(ctr) ? band_of(b, ctr) >= k : 1;
        /* The centre joins the two corners on its side: the band runs along that diagonal. */
        int rising = (mcase == 5) == cabove; /* bl–tr diagonal */
        ci->k = k;
        return rast_contour_glyph(mcase, rising ? 3 : 4, ascii);
    }
    /* Crossing points in visual units: a cell is 1 wide and 2 tall, y down. */
    double px[2], py[2];
    int np = 0;
    if ((btl >= k) != (btr >= k)) px[np] = cross(tl, tr, lv), py[np++] = 0;
    if ((btr >= k) != (bbr >= k)) px[np] = 1, py[np++] = 2 * cross(tr, br, lv);
    if ((bbl >= k) != (bbr >= k) && np < 2) px[np] = cross(bl, br, lv), py[np++] = 2;
    if ((btl >= k) != (bbl >= k) && np < 2) px[np] = 0, py[np++] = 2 * cross(tl, bl, lv);
    int dir = 0;
    if (np == 2) {
        double dx = fabs(px[1] - px[0]), dy = fabs(py[1] - py[0]);
        if (dy < 0.45 * dx)
            dir = 1;
        else if (dx < 0.45 * dy)
            dir = 2;
        else if (ascii) {
            /* Left point to right point: going up is '/'. */
            int l = px[0] <= px[1] ? 0 : 1;
            dir = py[1 - l] < py[l] ? 3 : 4;
        }
        ci->k = k;
        if (dir == 2 || (dir == 0 && (mcase == 6 || mcase == 9))) {
            ci->cls = 2;
            ci->off = (px[0] + px[1]) / 2;
        } else if (dir == 1 || (dir == 0 && (mcase == 3 || mcase == 12))) {
            ci->cls = 1;
            ci->off = (py[0] + py[1]) / 4;
        }
    }
    return rast_contour_glyph(mcase, dir, ascii);
}

static int contour_fg(int band, int nbands, int colors)
{
    if (colors <= 0) return RAST_COLOR_DEFAULT;
    int light = 2 * band >= nbands; /* the ramp gets lighter upwards */
    if (colors >= 256) return light ? 236 : 252;
    return light ? 0 : 7;
}

static uint32_t shade(int band, int nbands, int ascii)
{
    int n = ascii ? NSHADE_ASCII : NSHADE_UTF8;
    int i = nbands > 1 ? (int)((long)band * (n - 1) / (nbands - 1)) : 0;
    if (i < 0) i = 0;
    if (i > n - 1) i = n - 1;
    return ascii ? (uint32_t)shade_ascii[i] : shade_utf8[i];
}

static void sample_field(rast *r, const sess *s)
{
    const double *v = r->view;
    double dx = (v[1] - v[0]) / r->pw, dy = (v[3] - v[2]) / r->ph;
    double fmin = INFINITY, fmax = -INFINITY;
    for (int j = 0; j <= r->ph; j++) {
        double y = v[3] - j * dy;
        double *row = r->corner + (size_t)j * (r->pw + 1);
        for (int i = 0; i <= r->pw; i++) {
            double f = obj_peek(&s->obj, v[0] + i * dx, y);
            row[i] = f;
            if (isfinite(f)) {
                if (f < fmin) fmin = f;
                if (f > fmax) fmax = f;
            } else
                row[i] = NAN;
        }
    }
    r->fmin = isfinite(fmin) ? fmin : NAN;
    r->fmax = isfinite(fmax) ? fmax : NAN;
}

static void transform_field(rast *r, bandspec *b, int nlevels)
{
    b->n = 0;
    b->t0 = 0;
    b->dt = 1;
    r->nlev = 0;
    if (!isfinite(r->fmin)) return;
    double d = log_shift(r->fmin, r->fmax);
    size_t nc = (size_t)(r->pw + 1) * (r->ph + 1);
    if (r->log)
        for (size_t i = 0; i < nc; i++)
            r->corner[i] = log(r->corner[i] - r->fmin + d);
    r->nlev = rast_levels(r->fmin, r->fmax, nlevels, r->log, r->lev);
    if (r->nlev == 0) return;
    double t0 = to_t(r->fmin, r->log, r->fmin, d), t1 = to_t(r->fmax, r->log, r->fmin, d);
    b->n = r->nlev;
    b->t0 = t0;
    b->dt = (t1 - t0) / (r->nlev + 1);
}

static void draw_axes(rast *r, const layout *L, const rast_opts *o)
{
    const double *v = r->view;
    int ascii = o->ascii, ax = r->px - 1, ay = r->py + r->ph;
    for (int j = 0; j < r->ph; j++)
        set_cell(r, ax, r->py + j, ascii ? '|' : G_VLINE_U, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT,
                 0, RK_AXIS);
    for (int i = 0; i < r->pw; i++)
        set_cell(r, r->px + i, ay, ascii ? '-' : G_HLINE_U, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT,
                 0, RK_AXIS);
    set_cell(r, ax, ay, ascii ? '+' : 0x2514, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_AXIS);
    for (int i = 0; i < L->yt.n; i++) {
        double u = (v[3] - L->yt.v[i]) / (v[3] - v[2]) * r->ph;
        int row = (int)floor(u);
        if (row >= r->ph) row = r->ph - 1;
        if (row < 0) continue;
        set_cell(r, ax, r->py + row, ascii ? '+' : 0x2524, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT,
                 0, RK_AXIS);
        int lw = utf8_width(L->yt.label[i], strlen(L->yt.label[i]));
        rast_put_text(r, r->py + row, ax - lw, lw, L->yt.label[i], RAST_COLOR_DEFAULT,
                      RAST_COLOR_DEFAULT, 0);
    }
    ticks xt;
    make_ticks(&xt, v[0], v[1], r->pw / 10 > 2 ? r->pw / 10 : 2);
    int last_end = -1;
    for (int i = 0; i < xt.n; i++) {
        double u = (xt.v[i] - v[0]) / (v[1] - v[0]) * r->pw;
        int col = (int)floor(u);
        if (col >= r->pw) col = r->pw - 1;
        if (col < 0) continue;
        set_cell(r, r->px + col, ay, ascii ? '+' : 0x252C, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT,
                 0, RK_AXIS);
        int lw = utf8_width(xt.label[i], strlen(xt.label[i]));
        int start = r->px + col - lw / 2;
        if (start + lw > r->w) start = r->w - lw;
        if (start <= last_end) continue;
        rast_put_text(r, ay + 1, start, lw, xt.label[i], RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
        last_end = start + lw;
    }
}

static void draw_title(rast *r, const sess *s, const rast_opts *o)
{
    sbuf t;
    sbuf_init(&t);
    if (strcmp(s->obj.name, "formula") == 0)
        sbuf_printf(&t, " f = %s", s->obj.formula);
    else
        sbuf_printf(&t, " %s: %s", s->obj.name, s->obj.formula);
    char right[48];
    snprintf(right, sizeof right, "  %d %s levels", r->nlev, r->log ? "log" : "lin");
    int rw = (int)strlen(right);
    int avail = r->w - rw;
    int used = rast_put_text(r, 0, 0, avail > 0 ? avail : r->w, sbuf_str(&t), RAST_COLOR_DEFAULT,
                             RAST_COLOR_DEFAULT, RAST_BOLD);
    if (avail > used)
        rast_put_text(r, 0, r->w - rw, rw, right, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
    (void)o;
    sbuf_free(&t);
}

/* The transformed value that decides a cell's band. Where the four corners agree on a
 * band (most cells) that band is the answer and f is not evaluated again; elsewhere
 * (contours, undefined corners) f is sampled at the cell's centre: sub-cell detail
 * only where it shows. */
static double centre_t(const rast *r, const sess *s, const bandspec *b, int i, int j, double tl,
                       double tr, double bl, double br)
{
    if (isfinite(tl) && isfinite(tr) && isfinite(bl) && isfinite(br)) {
        int k = band_of(b, tl);
        if (band_of(b, tr) == k && band_of(b, bl) == k && band_of(b, br) == k) return tl;
    }
    const double *v = r->view;
    double x = v[0] + (i + 0.5) * (v[1] - v[0]) / r->pw;
    double y = v[3] - (j + 0.5) * (v[3] - v[2]) / r->ph;
    double f = obj_peek(&s->obj, x, y);
    if (!isfinite(f)) return NAN;
    if (!r->log) return f;
    double u = f - r->fmin + log_shift(r->fmin, r->fmax);
    return u > 0 ? log(u) : -INFINITY;
}

static void build_base(rast *r, const sess *s, const layout *L, const rast_opts *o)
{
    size_t n = (size_t)r->w * r->h;
    for (size_t i = 0; i < n; i++)
        r->cells[i] = (rast_cell){' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_EMPTY};
    sample_field(r, s);
    bandspec b;
    int nlevels = s->nlevels < 0 ? 0 : s->nlevels > RAST_MAXLEVELS ? RAST_MAXLEVELS : s->nlevels;
    transform_field(r, &b, nlevels);
    int nb = b.n + 1, pw = r->pw;
    int ramp[RAST_MAXLEVELS + 1];
    for (int k = 0; k < nb; k++)
        ramp[k] = rast_ramp(k, nb, o->colors);
    /* The contour info of the row above (and this row so far), to keep one of two lines
     * that a level slanting across a cell boundary would draw side by side. */
    contour_info *info = calloc((size_t)2 * pw, sizeof *info);
    for (int j = 0; j < r->ph; j++) {
        const double *up = r->corner + (size_t)j * (pw + 1), *dn = up + pw + 1;
        contour_info *above = info + (size_t)((j + 1) % 2) * pw,
                     *here = info + (size_t)(j % 2) * pw;
        for (int i = 0; i < pw; i++) {
            double ctr = centre_t(r, s, &b, i, j, up[i], up[i + 1], dn[i], dn[i + 1]);
            r->centre[(size_t)j * pw + i] = ctr;
            int col = r->px + i, row = r->py + j;
            here[i].k = -1;
            if (!isfinite(ctr)) {
                set_cell(r, col, row, ' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_UNDEF);
                continue;
            }
            int band = band_of(&b, ctr);
            int bg = ramp[band];
            uint32_t fill = o->colors ? ' ' : shade(band, nb, o->ascii);
            uint32_t g = 0;
            if (isfinite(up[i]) && isfinite(up[i + 1]) && isfinite(dn[i]) && isfinite(dn[i + 1]))
                g = cell_contour(&b, up[i], up[i + 1], dn[i + 1], dn[i], ctr, o->ascii, &here[i]);
            /* A doubled line: keep the cell whose line runs nearer its middle. */
            const contour_info *prev = NULL;
            int pcol = col, prow = row;
            if (g && here[i].cls == 2 && i > 0 && here[i - 1].cls == 2 &&
                here[i - 1].k == here[i].k)
                prev = &here[i - 1], pcol = col - 1;
            else if (g && here[i].cls == 1 && info && j > 0 && above[i].cls == 1 &&
                     above[i].k == here[i].k)
                prev = &above[i], prow = row - 1;
            if (prev) {
                if (fabs(here[i].off - 0.5) >= fabs(prev->off - 0.5)) {
                    g = 0;
                    here[i].k = -1;
                } else {
                    rast_cell *pc = &r->cells[(size_t)prow * r->w + pcol];
                    int pband = band_of(&b, r->centre[(size_t)(prow - r->py) * pw + pcol - r->px]);
                    set_cell(r, pcol, prow, o->colors ? ' ' : shade(pband, nb, o->ascii),
                             RAST_COLOR_DEFAULT, pc->bg, 0, RK_BAND);
                }
            }
            if (g)
                set_cell(r, col, row, g, contour_fg(band, nb, o->colors), bg, 0, RK_CONTOUR);
            else
                set_cell(r, col, row, fill, RAST_COLOR_DEFAULT, bg, 0, RK_BAND);
        }
    }
    free(info);
    if (o->axes) draw_axes(r, L, o);
    if (o->title) draw_title(r, s, o);
    memcpy(r->base, r->cells, n * sizeof *r->cells);
}

/* ---- overlays: paths, markers, cursor, legend --------------------------------------- */

/* Clip the segment (x0,y0)-(x1,y1) to [0,w)×[0,h) (Liang–Barsky); 0 when outside. */
static int clip(double *x0, double *y0, double *x1, double *y1, double w, double h)
{
    double t0 = 0, t1 = 1, dx = *x1 - *x0, dy = *y1 - *y0;
    double p[4] = {-dx, dx, -dy, dy}, q[4] = {*x0, w - 1e-9 - *x0, *y0, h - 1e-9 - *y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) return 0;
        } else {
            double t = q[i] / p[i];
            if (p[i] < 0) {
                if (t > t1) return 0;
                if (t > t0) t0 = t;
            } else {
                if (t < t0) return 0;
                if (t < t1) t1 = t;
            }
        }
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    return 1;
}

static const uint8_t braille_bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

/* Set the dots of a segment in dot space (2 per cell across, 4 down). */
static void dot_line(rast *r, double x0, double y0, double x1, double y1, int ri)
{
    double W = 2.0 * r->pw, H = 4.0 * r->ph;
    if (!clip(&x0, &y0, &x1, &y1, W, H)) return;
    double len = fmax(fabs(x1 - x0), fabs(y1 - y0));
    int n = (int)ceil(len);
    for (int k = 0; k <= n; k++) {
        double t = n ? (double)k / n : 0;
        int ix = (int)(x0 + (x1 - x0) * t), iy = (int)(y0 + (y1 - y0) * t);
        if (ix < 0 || iy < 0 || ix >= 2 * r->pw || iy >= 4 * r->ph) continue;
        size_t c = (size_t)(iy / 4) * r->pw + ix / 2;
        r->dots[c] |= braille_bit[iy & 3][ix & 1];
        r->dotrun[c] = (int8_t)ri;
    }
}

static void to_dots(const rast *r, double x, double y, double *dx, double *dy)
{
    *dx = (x - r->view[0]) / (r->view[1] - r->view[0]) * 2 * r->pw;
    *dy = (r->view[3] - y) / (r->view[3] - r->view[2]) * 4 * r->ph;
}

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

/* Put a marker over the plot area, keeping the band's background. */
static void mark(rast *r, const double p[2], uint32_t ch, int fg, int attr, int kind)
{
    int col, row;
    if (!rast_cell_of(r, p, &col, &row)) return;
    rast_cell *c = &r->cells[(size_t)row * r->w + col];
    set_cell(r, col, row, ch, fg, c->bg, attr, kind);
}

static void draw_paths(rast *r, const sess *s, const rast_opts *o)
{
    size_t n = (size_t)r->pw * r->ph;
    memset(r->dots, 0, n);
    int nruns = runset_count(&s->runs);
    for (int i = 0; i < nruns; i++) {
        int nrow;
        const run_row *rows = run_trail(runset_get(&s->runs, i), &nrow);
        double px = 0, py = 0;
        int have = 0;
        for (int k = 0; k < nrow; k++) {
            if (!isfinite(rows[k].x) || !isfinite(rows[k].y)) {
                have = 0;
                continue;
            }
            double qx, qy;
            to_dots(r, rows[k].x, rows[k].y, &qx, &qy);
            if (have) dot_line(r, px, py, qx, qy, i);
            px = qx, py = qy, have = 1;
        }
    }
    for (int j = 0; j < r->ph; j++)
        for (int i = 0; i < r->pw; i++) {
            size_t k = (size_t)j * r->pw + i;
            if (!r->dots[k]) continue;
            rast_cell *c = &r->cells[(size_t)(r->py + j) * r->w + r->px + i];
            uint32_t g = o->ascii ? '.' : G_BRAILLE + r->dots[k];
            set_cell(r, r->px + i, r->py + j, g, rast_run_color(r->dotrun[k], o->colors), c->bg,
                     RAST_BOLD, RK_PATH);
        }
}

/* ---- the steepest-descent arrow ---------------------------------------------------- */

/* The shaft's length in dots. Dots are square on a usual terminal (2 per column, 4 per
 * row), so this is 6 columns across or 3 rows up: long enough to read past the
 * crosshair's arms, short enough to stay local. The length is fixed because the arrow
 * shows a direction; |∇f| is in the side panel and `grad`. */
#define ARROW_DOTS 12.0

uint32_t rast_arrow_glyph(double dx, double dy, int ascii)
{
    static const uint32_t utf8[8] = {0x2192, 0x2197, 0x2191, 0x2196,
                                     0x2190, 0x2199, 0x2193, 0x2198}; /* → ↗ ↑ ↖ ← ↙ ↓ ↘ */
    static const char asc[8] = {'>', '/', '^', '\\', '<', '/', 'v', '\\'};
    int k = (int)lround(atan2(dy, dx) / (M_PI / 4));
    k = ((k % 8) + 8) % 8;
    return ascii ? (uint32_t)asc[k] : utf8[k];
}

/* An arrow of fixed screen length from the cursor along −∇f, under the paths and markers
 * (drawn before them) and the crosshair (drawn after). */
static void draw_arrow(rast *r, const sess *s, const rast_opts *o)
{
    int col, row;
    if (!s->arrow || !rast_cell_of(r, s->cursor, &col, &row)) return;
    /* A shallow copy: drawing must not count as gradient evaluations in `runs`. */
    objective ob = s->obj;
    double f, g[2];
    obj_grad(&ob, s->cursor[0], s->cursor[1], &f, g);
    /* No direction at a stationary point; none where f itself is undefined, though a
     * formula's derivative may still be finite there (log x at x < 0). */
    double m = fmax(fabs(g[0]), fabs(g[1]));
    if (!isfinite(f) || !isfinite(m) || m == 0) return;
    /* −∇f through the view's own scales (dots, y down), so a gradient step from the
     * cursor follows the arrow even when x and y are stretched differently. Dividing by
     * m first keeps huge gradients finite. */
    double ux = -g[0] / m * (2 * r->pw / (r->view[1] - r->view[0]));
    double uy = g[1] / m * (4 * r->ph / (r->view[3] - r->view[2]));
    double len = hypot(ux, uy);
    if (!isfinite(len) || len == 0) return;
    /* From the middle of the cursor's cell, so the shaft lines up with the crosshair's
     * arms wherever inside the cell the cursor is. */
    double x0 = 2.0 * (col - r->px) + 1, y0 = 4.0 * (row - r->py) + 2;
    double x1 = x0 + ux / len * ARROW_DOTS, y1 = y0 + uy / len * ARROW_DOTS;
    if (!clip(&x0, &y0, &x1, &y1, 2.0 * r->pw, 4.0 * r->ph)) return;
    int fg = o->colors >= 256 ? 231 : o->colors ? 7 : RAST_COLOR_DEFAULT; /* the cursor's */
    /* The head takes the cell the shaft ends in (cut short at the plot's edge). */
    int tc = (int)x1 / 2, tr = (int)y1 / 4;
    if (tc < 0 || tr < 0 || tc >= r->pw || tr >= r->ph) return;
    int n = (int)ceil(fmax(fabs(x1 - x0), fabs(y1 - y0)));
    for (int k = 0; k <= n; k++) {
        double t = n ? (double)k / n : 0;
        int ix = (int)(x0 + (x1 - x0) * t), iy = (int)(y0 + (y1 - y0) * t);
        if (ix < 0 || iy < 0 || ix >= 2 * r->pw || iy >= 4 * r->ph) continue;
        if (ix / 2 == tc && iy / 4 == tr) continue;
        rast_cell *c = &r->cells[(size_t)(r->py + iy / 4) * r->w + r->px + ix / 2];
        uint8_t bit = braille_bit[iy & 3][ix & 1];
        if (c->kind == RK_ARROW && !o->ascii)
            c->ch |= bit;
        else
            set_cell(r, r->px + ix / 2, r->py + iy / 4, o->ascii ? '.' : G_BRAILLE | bit, fg, c->bg,
                     RAST_BOLD, RK_ARROW);
    }
    const rast_cell *tip = &r->cells[(size_t)(r->py + tr) * r->w + r->px + tc];
    set_cell(r, r->px + tc, r->py + tr, rast_arrow_glyph(ux, -uy, o->ascii), fg, tip->bg, RAST_BOLD,
             RK_ARROW);
}

static void draw_markers(rast *r, const sess *s, const rast_opts *o)
{
    int white = o->colors >= 256 ? 231 : o->colors ? 7 : RAST_COLOR_DEFAULT;
    for (int i = 0; i < s->obj.nmin && i < OBJ_MAXPOINTS; i++)
        mark(r, s->obj.minima[i], o->ascii ? '*' : G_MIN_U, white, RAST_BOLD, RK_MIN);
    for (int i = 0; i < s->obj.nsaddle && i < OBJ_MAXPOINTS; i++)
        mark(r, s->obj.saddles[i], o->ascii ? 'x' : G_SADDLE_U, white, RAST_BOLD, RK_SADDLE);
    int nruns = runset_count(&s->runs);
    for (int i = 0; i < nruns; i++) {
        const run *rn = runset_get(&s->runs, i);
        int nrow;
        const run_row *rows = run_trail(rn, &nrow);
        int fg = rast_run_color(i, o->colors);
        if (nrow > 0) {
            double p0[2] = {rows[0].x, rows[0].y};
            mark(r, p0, o->ascii ? 'o' : G_START_U, fg, RAST_BOLD, RK_START);
        }
        const run_row *cur = run_current(rn);
        run_status st = run_get_status(rn);
        double pc[2] = {cur ? cur->x : NAN, cur ? cur->y : NAN};
        int col, row;
        if (rast_cell_of(r, pc, &col, &row)) {
            mark(r, pc, rast_run_glyph(i, o->ascii), fg, RAST_BOLD | RAST_REVERSE, RK_CURRENT);
            if (!o->ascii && (st == RUN_CONVERGED || st == RUN_DIVERGED) && col + 1 < r->px + r->pw)
                set_cell(r, col + 1, row, st == RUN_CONVERGED ? G_CONV_U : G_DIV_U, fg,
                         r->cells[(size_t)row * r->w + col + 1].bg, RAST_BOLD, RK_STATUS);
        } else if (st == RUN_DIVERGED && !o->ascii) {
            /* It left the picture: mark where it was last seen. */
            for (int k = nrow - 1; k >= 0; k--) {
                double p[2] = {rows[k].x, rows[k].y};
                if (rast_cell_of(r, p, &col, &row)) {
                    mark(r, p, G_DIV_U, fg, RAST_BOLD, RK_STATUS);
                    break;
                }
            }
        }
    }
}

static void draw_cursor(rast *r, const sess *s, const rast_opts *o)
{
    int col, row;
    if (!rast_cell_of(r, s->cursor, &col, &row)) return;
    int fg = o->colors >= 256 ? 231 : o->colors ? 7 : RAST_COLOR_DEFAULT;
    static const int arm[4][3] = {{-1, 0, 0}, {1, 0, 0}, {0, -1, 1}, {0, 1, 1}};
    for (int k = 0; k < 4; k++) {
        int c = col + arm[k][0], j = row + arm[k][1];
        if (c < r->px || c >= r->px + r->pw || j < r->py || j >= r->py + r->ph) continue;
        rast_cell *cell = &r->cells[(size_t)j * r->w + c];
        if (cell->kind == RK_CURRENT || cell->kind == RK_MIN || cell->kind == RK_START) continue;
        uint32_t g = arm[k][2] ? (o->ascii ? '|' : G_VLINE_U) : (o->ascii ? '-' : G_HLINE_U);
        set_cell(r, c, j, g, fg, cell->bg, RAST_BOLD, RK_CURSOR);
    }
    rast_cell *cell = &r->cells[(size_t)row * r->w + col];
    if (cell->kind != RK_CURRENT)
        set_cell(r, col, row, o->ascii ? '+' : G_CROSS_U, fg, cell->bg, RAST_BOLD | RAST_REVERSE,
                 RK_CURSOR);
}

/* The legend's status: the run's own word once it has stopped, with ✓/✗ in UTF-8. */
static void status_suffix(const run *rn, int ascii, char *buf, size_t cap)
{
    run_status st = run_get_status(rn);
    const char *mark = ascii ? "" : st == RUN_CONVERGED ? "\u2713 " : st == RUN_DIVERGED ? "\u2717 " : "";
    if (st == RUN_READY)
        buf[0] = '\0';
    else
        snprintf(buf, cap, " %s%s", mark, run_status_word(rn));
}

static void draw_legend(rast *r, const sess *s, const rast_opts *o)
{
    int nruns = runset_count(&s->runs), col = 1, row = r->h - 1;
    for (int i = 0; i < nruns && col < r->w; i++) {
        const run *rn = runset_get(&s->runs, i);
        const run_row *cur = run_current(rn);
        char buf[160], status[48];
        status_suffix(rn, o->ascii, status, sizeof status);
        snprintf(buf, sizeof buf, " %s it %ld f %.3g%s", run_algo_name(rn), cur ? cur->iter : 0L,
                 cur ? cur->f : NAN, status);
        int fg = rast_run_color(i, o->colors);
        set_cell(r, col, row, rast_run_glyph(i, o->ascii), fg, RAST_COLOR_DEFAULT, RAST_BOLD,
                 RK_TEXT);
        col += 1;
        col +=
            rast_put_text(r, row, col, r->w - col, buf, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
        col += 3;
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
    layout L;
    compute_layout(&L, v, h, o);
    int pw = w - L.margin, ph = h - L.top - L.bottom;
    if (reserve(r, w, h, pw, ph, err)) return err->code;
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
    draw_arrow(r, s, o);
    draw_paths(r, s, o);
    draw_markers(r, s, o);
    if (o->cursor) draw_cursor(r, s, o);
    if (o->legend) draw_legend(r, s, o);
    return DS_OK;
}

/* ---- text output ------------------------------------------------------------------- */

static void sgr(sbuf *out, const rast_cell *c, int colors)
{
    sbuf_puts(out, "\x1b[0");
    if (c->attr & RAST_BOLD) sbuf_puts(out, ";1");
    if (c->attr & RAST_DIM) sbuf_puts(out, ";2");
    if (c->attr & RAST_REVERSE) sbuf_puts(out, ";7");
    if (c->fg >= 0) {
        if (colors >= 256)
            sbuf_printf(out, ";38;5;%d", c->fg);
        else
            sbuf_printf(out, ";%d", 30 + (c->fg & 7));
    }
    if (c->bg >= 0) {
        if (colors >= 256)
            sbuf_printf(out, ";48;5;%d", c->bg);
        else
            sbuf_printf(out, ";%d", 40 + (c->bg & 7));
    }
    sbuf_puts(out, "m");
}

void rast_to_text(const rast *r, sbuf *out, int ansi, int colors)
{
    for (int j = 0; j < r->h; j++) {
        const rast_cell *row = r->cells + (size_t)j * r->w;
        int end = r->w;
        if (!ansi)
            while (end > 0 && row[end - 1].ch == ' ' && row[end - 1].kind != RK_WIDE)
                end--;
        const rast_cell *prev = NULL;
        for (int i = 0; i < end; i++) {
            const rast_cell *c = &row[i];
            if (c->kind == RK_WIDE) continue;
            if (ansi && (!prev || prev->fg != c->fg || prev->bg != c->bg || prev->attr != c->attr))
                sgr(out, c, colors);
            utf8_put(out, c->ch ? c->ch : ' ');
            prev = c;
        }
        if (ansi) sbuf_puts(out, "\x1b[0m");
        sbuf_puts(out, "\n");
    }
}

/* ---- small charts ------------------------------------------------------------------ */

static double chart_value(const run_row *row, rast_chart_kind kind)
{
    return kind == RAST_CHART_F ? row->f : row->lr;
}

ds_status rast_chart(rast *r, const runset *rs, rast_chart_kind kind, int w, int h,
                     const rast_opts *o, double range[3], ds_err *err)
{
    range[0] = range[1] = NAN;
    range[2] = 0;
    if (w < 2 || h < 1 || w > 4000 || h > 2000)
        return ds_err_set(err, DS_ERANGE, "a chart of %dx%d cells is not possible", w, h);
    if (reserve(r, w, h, w, h, err)) return err->code;
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
        for (int k = 0; k < n; k++) {
            double y = chart_value(&rows[k], kind);
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
    if (log && lo <= 0) shift = -lo + log_shift(lo, hi);
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
    memset(r->dots, 0, (size_t)w * h);
    for (int i = 0; i < nruns; i++) {
        int n;
        const run_row *rows = run_trail(runset_get(rs, i), &n);
        double px = 0, py = 0;
        int have = 0;
        for (int k = 0; k < n; k++) {
            double y = chart_value(&rows[k], kind);
            if (!isfinite(y) || (log && !(y + shift > 0))) {
                have = 0;
                continue;
            }
            double t = log ? log10(y + shift) : y, qx, qy;
            to_dots(r, (double)rows[k].iter, t, &qx, &qy);
            if (qy >= 4.0 * h) qy = 4.0 * h - 1e-6; /* the lowest value sits on the floor */
            if (qx >= 2.0 * w) qx = 2.0 * w - 1e-6;
            if (have)
                dot_line(r, px, py, qx, qy, i);
            else
                dot_line(r, qx, qy, qx, qy, i);
            px = qx, py = qy, have = 1;
        }
    }
    for (size_t k = 0; k < (size_t)w * h; k++) {
        if (!r->dots[k]) continue;
        uint32_t g = o->ascii ? '.' : G_BRAILLE + r->dots[k];
        r->cells[k] = (rast_cell){g, (int16_t)rast_run_color(r->dotrun[k], o->colors),
                                  RAST_COLOR_DEFAULT, 0, RK_PATH};
    }
    return DS_OK;
}
