/* raster_overlay.c — what is drawn over the field each frame: run paths at sub-cell
 * (Braille) resolution, markers for minima, saddles, starts and current points, the
 * steepest-descent arrow from the cursor, and the cursor crosshair; the run styles. */
#include <math.h>
#include <string.h>

#include "raster_internal.h"

#define G_MIN_U    0x2605 /* ★ */
#define G_SADDLE_U 0xD7   /* × */
#define G_START_U  0x25CB /* ○ */
#define G_CONV_U   0x2713 /* ✓ */
#define G_DIV_U    0x2717 /* ✗ */
#define G_CROSS_U  0x253C /* ┼ */

/* ---- run styles -------------------------------------------------------------------- */

static const uint32_t run_glyphs[RAST_NSTYLES] = {0x25CF, 0x25A0, 0x25B2, 0x25C6, 0x25BC, 0x271A};
static const int run_colors256[RAST_NSTYLES] = {196, 231, 201, 208, 46, 51};
static const int run_colors8[RAST_NSTYLES] = {1, 7, 5, 3, 2, 6};

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

/* ---- paths at Braille resolution --------------------------------------------------- */

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

void rast_dot_line(rast *r, double x0, double y0, double x1, double y1, int ri)
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

void rast_to_dots(const rast *r, double x, double y, double *dx, double *dy)
{
    *dx = (x - r->view[0]) / (r->view[1] - r->view[0]) * 2 * r->pw;
    *dy = (r->view[3] - y) / (r->view[3] - r->view[2]) * 4 * r->ph;
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
            rast_to_dots(r, rows[k].x, rows[k].y, &qx, &qy);
            if (have) rast_dot_line(r, px, py, qx, qy, i);
            px = qx, py = qy, have = 1;
        }
    }
    for (int j = 0; j < r->ph; j++)
        for (int i = 0; i < r->pw; i++) {
            size_t k = (size_t)j * r->pw + i;
            if (!r->dots[k]) continue;
            rast_cell *c = &r->cells[(size_t)(r->py + j) * r->w + r->px + i];
            uint32_t g = o->ascii ? '.' : G_BRAILLE + r->dots[k];
            rast_set_cell(r, r->px + i, r->py + j, g, rast_run_color(r->dotrun[k], o->colors),
                          c->bg, RAST_BOLD, RK_PATH);
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
            rast_set_cell(r, r->px + ix / 2, r->py + iy / 4, o->ascii ? '.' : G_BRAILLE | bit, fg,
                          c->bg, RAST_BOLD, RK_ARROW);
    }
    const rast_cell *tip = &r->cells[(size_t)(r->py + tr) * r->w + r->px + tc];
    rast_set_cell(r, r->px + tc, r->py + tr, rast_arrow_glyph(ux, -uy, o->ascii), fg, tip->bg,
                  RAST_BOLD, RK_ARROW);
}

/* ---- markers and the cursor -------------------------------------------------------- */

/* Put a marker over the plot area, keeping the band's background. */
static void mark(rast *r, const double p[2], uint32_t ch, int fg, int attr, int kind)
{
    int col, row;
    if (!rast_cell_of(r, p, &col, &row)) return;
    rast_cell *c = &r->cells[(size_t)row * r->w + col];
    rast_set_cell(r, col, row, ch, fg, c->bg, attr, kind);
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
                rast_set_cell(r, col + 1, row, st == RUN_CONVERGED ? G_CONV_U : G_DIV_U, fg,
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
    /* cursor 2 (presenter mode): arms three cells across and two up and down. */
    int across = o->cursor >= 2 ? 3 : 1, down = o->cursor >= 2 ? 2 : 1;
    for (int k = 0; k < 4 * 3; k++) {
        int len = k / 4 + 1;
        if (len > (arm[k % 4][2] ? down : across)) continue;
        int c = col + arm[k % 4][0] * len, j = row + arm[k % 4][1] * len;
        if (c < r->px || c >= r->px + r->pw || j < r->py || j >= r->py + r->ph) continue;
        rast_cell *cell = &r->cells[(size_t)j * r->w + c];
        if (cell->kind == RK_CURRENT || cell->kind == RK_MIN || cell->kind == RK_START) continue;
        uint32_t g = arm[k % 4][2] ? (o->ascii ? '|' : G_VLINE_U) : (o->ascii ? '-' : G_HLINE_U);
        rast_set_cell(r, c, j, g, fg, cell->bg, RAST_BOLD, RK_CURSOR);
    }
    rast_cell *cell = &r->cells[(size_t)row * r->w + col];
    if (cell->kind != RK_CURRENT)
        rast_set_cell(r, col, row, o->ascii ? '+' : G_CROSS_U, fg, cell->bg,
                      RAST_BOLD | RAST_REVERSE, RK_CURSOR);
}

void rast_draw_overlay(rast *r, const sess *s, const rast_opts *o)
{
    draw_arrow(r, s, o);
    draw_paths(r, s, o);
    draw_markers(r, s, o);
    if (o->cursor) draw_cursor(r, s, o);
}
