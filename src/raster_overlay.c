/* raster_overlay.c — the scene's overlay in cells, each frame: extra drawings, the
 * steepest-descent arrow, run paths as Braille lines (thick, thin or dots; dashed per run
 * without colour), markers placed so none hides another, and the cursor crosshair. */
#include <math.h>
#include <string.h>

#include "raster_internal.h"

#define G_MIN_U    0x2605 /* ★ */
#define G_SADDLE_U 0xD7   /* × */
#define G_START_U  0x25CB /* ○ */
#define G_CONV_U   0x2713 /* ✓ */
#define G_DIV_U    0x2717 /* ✗ */
#define G_CROSS_U  0x253C /* ┼ */
#define OWNER_OV   512    /* dot owners from here on are overlays, below it runs */

/* ---- run styles -------------------------------------------------------------------- */

uint32_t rast_run_glyph(int i, int ascii)
{
    if (i < 0) i = 0;
    if (ascii) return i < 9 ? (uint32_t)('1' + i) : '#';
    return scene_run_glyph(i);
}

int rast_run_color(int i, int colors)
{
    if (colors <= 0) return RAST_COLOR_DEFAULT;
    if (colors >= RAST_TRUECOLOR) return (int)(RAST_RGB | pal_run(i));
    return colors >= 256 ? pal_to256(pal_run(i)) : pal_run8(i);
}

/* Without colour, runs differ by dash pattern (8 dots along the line per pattern). */
static const int dash[RAST_NSTYLES] = {0xFF, 0x3F, 0x33, 0x0F, 0x77, 0x1B};
/* ASCII paths without colour: one character per run, none of them a shading character. */
static const char ascii_path[RAST_NSTYLES] = {'.', '~', '"', '\'', '`', '='};

/* ---- dots -------------------------------------------------------------------------- */

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

static void set_dot(rast *r, int ix, int iy, int ri)
{
    if (ix < 0 || iy < 0 || ix >= 2 * r->pw || iy >= 4 * r->ph) return;
    size_t c = (size_t)(iy / 4) * r->pw + ix / 2;
    r->dots[c] |= braille_bit[iy & 3][ix & 1];
    r->dotrun[c] = (int16_t)ri;
}

void rast_dot_line(rast *r, double x0, double y0, double x1, double y1, int ri, int pattern,
                   int thick)
{
    double W = 2.0 * r->pw, H = 4.0 * r->ph;
    /* most segments (contour lines, paths) lie inside: clip only those that may not */
    int inside = x0 >= 0 && x1 >= 0 && y0 >= 0 && y1 >= 0 && x0 < W - 1e-9 && x1 < W - 1e-9 &&
                 y0 < H - 1e-9 && y1 < H - 1e-9;
    if (!inside && !clip(&x0, &y0, &x1, &y1, W, H)) return;
    double len = fmax(fabs(x1 - x0), fabs(y1 - y0));
    int n = (int)ceil(len);
    for (int k = 0; k <= n; k++) {
        if (!(pattern >> (k & 7) & 1)) continue;
        double t = n ? (double)k / n : 0;
        int ix = (int)(x0 + (x1 - x0) * t), iy = (int)(y0 + (y1 - y0) * t);
        set_dot(r, ix, iy, ri);
        if (thick) {
            /* A 2×2 brush, kept inside the cell pair so lines stay crisp. */
            set_dot(r, ix ^ 1, iy, ri);
            set_dot(r, ix, iy ^ 1, ri);
            set_dot(r, ix ^ 1, iy ^ 1, ri);
        }
    }
}

void rast_to_dots(const rast *r, double x, double y, double *dx, double *dy)
{
    *dx = (x - r->view[0]) / (r->view[1] - r->view[0]) * 2 * r->pw;
    *dy = (r->view[3] - y) / (r->view[3] - r->view[2]) * 4 * r->ph;
}

/* The dots in the buffer become Braille cells in their owner's colour. */
static void flush_dots(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    for (int j = 0; j < r->ph; j++)
        for (int i = 0; i < r->pw; i++) {
            size_t k = (size_t)j * r->pw + i;
            if (!r->dots[k]) continue;
            int ow = r->dotrun[k];
            rast_cell *c = &r->cells[(size_t)(r->py + j) * r->w + r->px + i];
            int32_t fg;
            uint32_t g = G_BRAILLE + r->dots[k];
            int attr = RAST_BOLD;
            if (ow >= OWNER_OV) {
                fg = o->colors >= 256 ? rast_color(r, o->colors, sc->ov[ow - OWNER_OV].color)
                     : o->colors      ? 7
                                      : RAST_COLOR_DEFAULT;
                if (o->ascii) g = '.';
                if (sc->ov[ow - OWNER_OV].style == SOS_FAINT) attr = RAST_DIM;
            } else {
                fg = rast_run_color(ow, o->colors);
                if (o->ascii) g = o->colors ? '.' : (uint32_t)ascii_path[ow % RAST_NSTYLES];
            }
            rast_set_cell(r, r->px + i, r->py + j, g, fg, c->bg, attr,
                          ow >= OWNER_OV ? RK_OVERLAY : RK_PATH);
        }
}

/* ---- paths and drawings ------------------------------------------------------------ */

/* A polyline in dot space. With `phased`, the dash pattern runs on across segments
 * (a dashed curve of many short segments stays dashed); runs restart it per segment. */
static void draw_polyline(rast *r, const double *xy, int n, int owner, int pattern, int thick,
                          int dots_only, int phased)
{
    double px = 0, py = 0;
    int have = 0, phase = 0;
    for (int k = 0; k < n; k++) {
        if (!isfinite(xy[2 * k]) || !isfinite(xy[2 * k + 1])) {
            have = 0;
            continue;
        }
        double qx, qy;
        rast_to_dots(r, xy[2 * k], xy[2 * k + 1], &qx, &qy);
        if (have && !dots_only) {
            int rot = phased ? (pattern >> phase | pattern << (8 - phase)) & 0xFF : pattern;
            rast_dot_line(r, px, py, qx, qy, owner, rot, thick);
            double len = fmax(fabs(qx - px), fabs(qy - py));
            if (phased && isfinite(len) && len < 1e6) phase = (phase + (int)ceil(len)) & 7;
        } else
            rast_dot_line(r, qx, qy, qx, qy, owner, 0xFF, thick);
        px = qx, py = qy, have = 1;
    }
}

static void draw_paths(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    memset(r->dots, 0, (size_t)r->pw * r->ph);
    for (int i = 0; i < sc->nov; i++)
        if (sc->ov[i].kind == SO_POLYLINE)
            draw_polyline(r, sc->ov_pts + 2 * (size_t)sc->ov[i].start, sc->ov[i].n, OWNER_OV + i,
                          sc->ov[i].style == SOS_DASHED ? 0x0F : 0xFF, 0, 0, 1);
    for (int i = 0; i < sc->nruns; i++) {
        const scene_run *R = &sc->runs[i];
        int pattern = o->colors ? 0xFF : dash[R->dash % RAST_NSTYLES];
        draw_polyline(r, sc->path + 2 * (size_t)R->start, R->n, R->index, pattern,
                      sc->paths == PATHS_THICK, sc->paths == PATHS_DOTS, 0);
    }
    flush_dots(r, o);
}

uint32_t rast_arrow_glyph(double dx, double dy, int ascii)
{
    static const uint32_t utf8[8] = {0x2192, 0x2197, 0x2191, 0x2196,
                                     0x2190, 0x2199, 0x2193, 0x2198}; /* → ↗ ↑ ↖ ← ↙ ↓ ↘ */
    static const char asc[8] = {'>', '/', '^', '\\', '<', '/', 'v', '\\'};
    int k = (int)lround(atan2(dy, dx) / (M_PI / 4));
    k = ((k % 8) + 8) % 8;
    return ascii ? (uint32_t)asc[k] : utf8[k];
}

/* An arrow from the middle of its first point's cell (so the shaft lines up with the
 * crosshair's arms), as long on screen as the scene says, head in the last cell. */
static void draw_arrow(rast *r, const scene_overlay *ov, const rast_opts *o)
{
    const double *p = r->sc.ov_pts + 2 * (size_t)ov->start;
    int col, row;
    if (!rast_cell_of(r, p, &col, &row)) return;
    double ax, ay, bx, by;
    rast_to_dots(r, p[0], p[1], &ax, &ay);
    rast_to_dots(r, p[2], p[3], &bx, &by);
    double ux = bx - ax, uy = by - ay, len = hypot(ux, uy);
    if (!isfinite(len) || len == 0) return;
    double x0 = 2.0 * (col - r->px) + 1, y0 = 4.0 * (row - r->py) + 2;
    double x1 = x0 + ux, y1 = y0 + uy;
    if (!clip(&x0, &y0, &x1, &y1, 2.0 * r->pw, 4.0 * r->ph)) return;
    int32_t fg = o->colors >= 256 ? rast_color(r, o->colors, ov->color)
                 : o->colors      ? 7
                                  : RAST_COLOR_DEFAULT;
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

/* ---- markers ----------------------------------------------------------------------- */

static int is_marker(int kind)
{
    return kind == RK_MIN || kind == RK_SADDLE || kind == RK_START || kind == RK_CURRENT ||
           kind == RK_STATUS;
}

/* Put a marker in its cell or, when another marker is there, in the nearest free cell
 * around it, keeping the band's background. */
static void place(rast *r, const double p[2], uint32_t ch, int32_t fg, int attr, int kind)
{
    int col, row;
    if (!rast_cell_of(r, p, &col, &row)) return;
    static const int around[][2] = {{0, 0},   {1, 0},  {-1, 0}, {0, -1}, {0, 1},  {1, -1}, {1, 1},
                                    {-1, -1}, {-1, 1}, {2, 0},  {-2, 0}, {0, -2}, {0, 2}};
    for (size_t k = 0; k < sizeof around / sizeof around[0]; k++) {
        int c = col + around[k][0], j = row + around[k][1];
        if (c < r->px || c >= r->px + r->pw || j < r->py || j >= r->py + r->ph) continue;
        rast_cell *cell = &r->cells[(size_t)j * r->w + c];
        if (is_marker(cell->kind)) continue;
        rast_set_cell(r, c, j, ch, fg, cell->bg, attr, kind);
        return;
    }
}

/* The data view's samples: each in its own cell, never moved (a scatter that moved its
 * points would lie); training first, so a validation point sharing a cell shows. */
static void draw_samples(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < sc->nmarks; i++) {
            const scene_mark *m = &sc->marks[i];
            if (m->kind != (pass ? SM_DATA_VAL : SM_DATA_TRAIN)) continue;
            int col, row;
            if (!rast_cell_of(r, (double[2]){m->x, m->y}, &col, &row)) continue;
            int32_t fg = o->colors >= 256 ? rast_color(r, o->colors, m->color)
                         : o->colors      ? (pass ? 5 : 7) /* magenta, white */
                                          : RAST_COLOR_DEFAULT;
            uint32_t g = pass ? (o->ascii ? 'o' : 0x25CB) : (o->ascii ? '*' : 0x2022); /* ○ • */
            const rast_cell *c = &r->cells[(size_t)row * r->w + col];
            rast_set_cell(r, col, row, g, fg, c->bg, RAST_BOLD, RK_OVERLAY);
        }
}

static void draw_markers(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    int32_t white = o->colors >= 256 ? rast_color(r, o->colors, pal_mark(sc->palette))
                    : o->colors      ? 7
                                     : RAST_COLOR_DEFAULT;
    /* Most exact first: heads, then minima and saddles, starts, end marks. */
    static const scene_mark_kind order[] = {SM_HEAD,  SM_MIN,       SM_SADDLE,
                                            SM_START, SM_CONVERGED, SM_DIVERGED};
    for (size_t q = 0; q < sizeof order / sizeof order[0]; q++)
        for (int i = 0; i < sc->nmarks; i++) {
            const scene_mark *m = &sc->marks[i];
            if (m->kind != order[q]) continue;
            double p[2] = {m->x, m->y};
            int32_t fg = m->run >= 0 ? rast_run_color(m->run, o->colors) : white;
            switch (m->kind) {
            case SM_HEAD:
                place(r, p, rast_run_glyph(m->run, o->ascii), fg, RAST_BOLD | RAST_REVERSE,
                      RK_CURRENT);
                break;
            case SM_MIN: place(r, p, o->ascii ? '*' : G_MIN_U, fg, RAST_BOLD, RK_MIN); break;
            case SM_SADDLE:
                place(r, p, o->ascii ? 'x' : G_SADDLE_U, fg, RAST_BOLD, RK_SADDLE);
                break;
            case SM_START: place(r, p, o->ascii ? 'o' : G_START_U, fg, RAST_BOLD, RK_START); break;
            case SM_CONVERGED:
            case SM_DIVERGED:
                if (!o->ascii)
                    place(r, p, m->kind == SM_CONVERGED ? G_CONV_U : G_DIV_U, fg, RAST_BOLD,
                          RK_STATUS);
                break;
            case SM_CURSOR:
            case SM_DATA_TRAIN:
            case SM_DATA_VAL: break;
            }
        }
}

static void draw_cursor(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    const scene_mark *m = NULL;
    for (int i = 0; i < sc->nmarks; i++)
        if (sc->marks[i].kind == SM_CURSOR) m = &sc->marks[i];
    int col, row;
    if (!m || !rast_cell_of(r, (double[2]){m->x, m->y}, &col, &row)) return;
    int32_t fg = o->colors >= 256 ? rast_color(r, o->colors, m->color)
                 : o->colors      ? 7
                                  : RAST_COLOR_DEFAULT;
    static const int arm[4][3] = {{-1, 0, 0}, {1, 0, 0}, {0, -1, 1}, {0, 1, 1}};
    /* cursor 2 (presenter mode): arms three cells across and two up and down. */
    int across = o->cursor >= 2 ? 3 : 1, down = o->cursor >= 2 ? 2 : 1;
    for (int k = 0; k < 4 * 3; k++) {
        int len = k / 4 + 1;
        if (len > (arm[k % 4][2] ? down : across)) continue;
        int c = col + arm[k % 4][0] * len, j = row + arm[k % 4][1] * len;
        if (c < r->px || c >= r->px + r->pw || j < r->py || j >= r->py + r->ph) continue;
        rast_cell *cell = &r->cells[(size_t)j * r->w + c];
        if (is_marker(cell->kind)) continue;
        uint32_t g = arm[k % 4][2] ? (o->ascii ? '|' : G_VLINE_U) : (o->ascii ? '-' : G_HLINE_U);
        rast_set_cell(r, c, j, g, fg, cell->bg, RAST_BOLD, RK_CURSOR);
    }
    /* The centre stays on top of everything but a run's current point: it is where the
     * user is looking. */
    rast_cell *cell = &r->cells[(size_t)row * r->w + col];
    if (cell->kind != RK_CURRENT)
        rast_set_cell(r, col, row, o->ascii ? '+' : G_CROSS_U, fg, cell->bg,
                      RAST_BOLD | RAST_REVERSE, RK_CURSOR);
}

static void draw_texts(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    for (int i = 0; i < sc->nov; i++) {
        if (sc->ov[i].kind != SO_TEXT) continue;
        int col, row;
        if (!rast_cell_of(r, sc->ov_pts + 2 * (size_t)sc->ov[i].start, &col, &row)) continue;
        int32_t fg = o->colors >= 256 ? rast_color(r, o->colors, sc->ov[i].color)
                     : o->colors      ? 7
                                      : RAST_COLOR_DEFAULT;
        const rast_cell *c = &r->cells[(size_t)row * r->w + col];
        rast_put_text(r, row, col, r->px + r->pw - col, sc->ov[i].text, fg, c->bg, RAST_BOLD);
    }
}

void rast_draw_overlay(rast *r, const rast_opts *o)
{
    for (int i = 0; i < r->sc.nov; i++)
        if (r->sc.ov[i].kind == SO_ARROW) draw_arrow(r, &r->sc.ov[i], o);
    draw_paths(r, o);
    draw_texts(r, o);
    draw_samples(r, o);
    draw_markers(r, o);
    if (o->cursor) draw_cursor(r, o);
}
