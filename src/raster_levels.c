/* raster_levels.c — the field under the plot: the objective sampled over the view, contour
 * levels spaced linearly or logarithmically, filled bands in a colour or shading ramp, and
 * contour lines by marching squares with a centre sample where a cell is ambiguous. */
#include <math.h>
#include <stdlib.h>

#include "raster_internal.h"

/* ---- palettes and contour glyphs --------------------------------------------------- */

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

/* ---- levels ------------------------------------------------------------------------ */

double rast_log_shift(double fmin, double fmax)
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
    double d = rast_log_shift(fmin, fmax);
    double t0 = to_t(fmin, log, fmin, d), t1 = to_t(fmax, log, fmin, d);
    double dt = (t1 - t0) / (n + 1);
    for (int k = 1; k <= n; k++)
        out[k - 1] = from_t(t0 + k * dt, log, fmin, d);
    return n;
}

/* ---- bands and contour lines ------------------------------------------------------- */

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
    double d = rast_log_shift(r->fmin, r->fmax);
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
    double u = f - r->fmin + rast_log_shift(r->fmin, r->fmax);
    return u > 0 ? log(u) : -INFINITY;
}

void rast_draw_field(rast *r, const sess *s, const rast_opts *o)
{
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
                rast_set_cell(r, col, row, ' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0,
                              RK_UNDEF);
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
                    rast_set_cell(r, pcol, prow, o->colors ? ' ' : shade(pband, nb, o->ascii),
                                  RAST_COLOR_DEFAULT, pc->bg, 0, RK_BAND);
                }
            }
            if (g)
                rast_set_cell(r, col, row, g, contour_fg(band, nb, o->colors), bg, 0, RK_CONTOUR);
            else
                rast_set_cell(r, col, row, fill, RAST_COLOR_DEFAULT, bg, 0, RK_BAND);
        }
    }
    free(info);
}
