/* raster.h — the plot as a plain grid of cells (glyph + colour): filled bands of the
 * objective, contour lines by marching squares, axis ticks, known minima and saddles,
 * optimizer paths at sub-cell (Braille) resolution, the cursor and the direction −∇f
 * from it; plus small line charts of f and the learning rate against iteration. No
 * curses here: the screen draws the grid, `plot` prints it as text. */
#ifndef DESCENT_RASTER_H
#define DESCENT_RASTER_H

#include <stdint.h>

#include "descent/run.h"
#include "descent/scene.h"
#include "descent/sbuf.h"
#include "descent/session.h"

#define RAST_MAXLEVELS     SCENE_MAXLEVELS
#define RAST_COLOR_DEFAULT (-1)      /* the terminal's own foreground/background */
#define RAST_NSTYLES       6         /* run glyph/colour styles before they repeat */
#define RAST_RGB           0x1000000 /* a cell colour with this bit is 24-bit 0xRRGGBB */
#define RAST_TRUECOLOR     (1 << 24) /* rast_opts.colors for 24-bit colour */
#define RAST_SX                                                                                       \
    1 /* field samples per cell across (1×2 measured: 1.3 ms vs 1.7 ms for 2×2 at 200×60, the same \
         glyphs) */
#define RAST_SY 2 /* ... and down (two per half block) */

/* Cell attributes. */
enum { RAST_BOLD = 1 << 0, RAST_REVERSE = 1 << 1, RAST_DIM = 1 << 2 };

/* What a cell shows (for tests and for the screen's hit testing). */
typedef enum {
    RK_EMPTY,   /* outside the plot area, nothing drawn */
    RK_UNDEF,   /* the objective is not finite here */
    RK_BAND,    /* a filled band */
    RK_CONTOUR, /* a contour line */
    RK_AXIS,    /* axis line or tick */
    RK_TEXT,    /* labels, title, legend */
    RK_PATH,    /* an optimizer path segment */
    RK_START,   /* a run's start point */
    RK_CURRENT, /* a run's current point */
    RK_STATUS,  /* a run's status mark (✓ ✗) */
    RK_MIN,     /* a known minimum */
    RK_SADDLE,  /* a known saddle */
    RK_CURSOR,  /* the cursor crosshair */
    RK_ARROW,   /* the steepest-descent arrow from the cursor */
    RK_WIDE,    /* the second column of a wide character: draw nothing */
    RK_LABEL,   /* a contour line's f value, written along the line */
    RK_KEY,     /* the colour key */
    RK_OVERLAY  /* an extra drawing (scene overlays) */
} rast_kind;

typedef struct {
    uint32_t ch;  /* Unicode code point, one column wide (RK_WIDE: 0) */
    int32_t fg;   /* RAST_COLOR_DEFAULT, a palette index (xterm-256 or 0..7), or
                   * RAST_RGB | 0xRRGGBB (rendered with RAST_TRUECOLOR) */
    int32_t bg;   /* same */
    uint8_t attr; /* RAST_BOLD | RAST_REVERSE | RAST_DIM */
    uint8_t kind; /* rast_kind */
} rast_cell;

typedef struct {
    int ascii;  /* ASCII glyphs only (- | / \ . * x o 1 2 ...) */
    int colors; /* 0: monochrome shading, 8: ANSI, 256: xterm-256, RAST_TRUECOLOR: 24-bit */
    int title;  /* first row: objective name, formula and level spacing */
    int axes;   /* tick labels on the left and below */
    int legend; /* 1: last row, one entry per run; 2: a box in the plot's top-right corner */
    int cursor; /* draw the cursor crosshair: 1, or 2 for a larger one (presenter mode) */
    int key;    /* a row under the plot: each band's colour and the f values between */
} rast_opts;

/* The picture and the caches that make redrawing it cheap. */
typedef struct {
    int w, h;                   /* grid size in cells */
    rast_cell *cells;           /* w*h, row-major */
    int px, py;                 /* top-left cell of the plot area in the grid */
    int pw, ph;                 /* plot area size in cells */
    double view[4];             /* the box the plot area shows: x0 x1 y0 y1 */
    int nlev;                   /* contour levels in use (copied from the scene) */
    double lev[RAST_MAXLEVELS]; /* their values of f, ascending */
    int log;                    /* 1: levels spaced logarithmically */
    double fmin, fmax;          /* finite range of f sampled over the view; NAN when none */
    scene sc;                   /* the description drawn (its base reused while `key` holds) */
    /* caches: the base layer (bands, contours, axes, key), reused while nothing it
     * depends on changed */
    rast_cell *base; /* w*h: the grid before overlays */
    uint8_t *sides;  /* pw*ph contour sides per cell (1 left, 2 right, 4 up, 8 down) */
    int8_t *cellev;  /* pw*ph the level a cell's line belongs to, -1 none, -2 several */
    uint8_t *lsides; /* nlev*pw*ph each level's sides, before crowded levels are left out */
    uint8_t drawn[RAST_MAXLEVELS]; /* 1: level k has its line drawn (not too crowded) */
    uint8_t *dots;                 /* pw*ph Braille dot masks (scratch for paths) */
    int16_t *dotrun;               /* pw*ph the run (or overlay) that drew a cell's dots last */
    size_t cap_cells, cap_plot, cap_lsides; /* allocated sizes */
    uint64_t key; /* fingerprint of what `base` was built from; 0 when none */
    int32_t cache_rgb[64], cache_idx[64]; /* 24-bit → xterm-256 conversions seen */
    int ramp256[RAST_MAXLEVELS + 1];      /* the bands in xterm-256 (pal_ramp256) ... */
    int ramp_n, ramp_pal;                 /* ... for this many bands and palette */
} rast;

void rast_init(rast *r);
void rast_free(rast *r);

/* Rasterize the session's objective, runs and markers into a w×h grid, with s->arrow the
 * direction −∇f at the cursor (evaluated on a copy: the counters stay). The base layer
 * is rebuilt only when the view, size, levels, options or objective changed. Returns
 * DS_ERANGE when the grid is too small for a plot (see rast_min_size). */
ds_status rast_render(rast *r, const sess *s, int w, int h, const rast_opts *o, ds_err *err);
/* The data view (dataview.h) in a w×h grid: title with the model's numbers, the samples
 * and models over axes in the data's units, a legend row. DS_ESTATE when the objective
 * is not a data objective, DS_ERANGE when the grid is smaller than rast_data_min_size. */
ds_status rast_render_data(rast *r, const sess *s, int w, int h, const rast_opts *o, ds_err *err);
void rast_data_min_size(int *w, int *h);
/* `dataview on`: the columns of a w-wide area the data view takes (the right half, at
 * least its minimum); the contour plot keeps the rest on the left. */
int rast_split_width(int w);
/* The smallest w×h that holds both halves (rast_render_split refuses less). */
void rast_split_min_size(const rast_opts *o, int *w, int *h);
/* Both side by side in one w×h grid `out`: the contour plot rendered into `plot` (which
 * keeps its caches) and the data view into `data`. */
ds_status rast_render_split(rast *out, rast *plot, rast *data, const sess *s, int w, int h,
                            const rast_opts *o, ds_err *err);
/* The smallest grid rast_render accepts with these options. */
void rast_min_size(const rast_opts *o, int *w, int *h);

/* The grid as text lines: glyphs in UTF-8; with `ansi`, SGR colour sequences for the
 * palette the grid was rendered with (`colors`). Plain text drops trailing blanks. */
void rast_to_text(const rast *r, sbuf *out, int ansi, int colors);

/* Plot-area mapping. rast_cell_of: the grid cell showing world point p (0 when outside
 * the plot area). rast_world_of: the world point at the centre of grid cell (col,row)
 * (0 when the cell is outside the plot area). */
int rast_cell_of(const rast *r, const double p[2], int *col, int *row);
int rast_world_of(const rast *r, int col, int row, double p[2]);

/* ---- pieces, exported for tests and for the screen ----------------------------- */

/* The box-drawing glyph that joins a cell's contour sides (1 left, 2 right, 4 up, 8 down):
 * ─ │ ╭ ╮ ╰ ╯ ┬ ┴ ├ ┤ ┼, half lines for one side; ASCII - | / \ +. */
uint32_t rast_side_glyph(int sides, int ascii);
/* The arrowhead for a direction on screen (dx right, dy up), snapped to the nearest of
 * eight: → ↗ ↑ ↖ ← ↙ ↓ ↘, or in ASCII > / ^ \ < / v \. */
uint32_t rast_arrow_glyph(double dx, double dy, int ascii);
/* A scene colour for a grid rendered with `colors` (see rast_opts). */
int32_t rast_color(rast *r, int colors, pal_rgb c);
/* A run's style: its glyph on the plot (● ■ ▲ ... or 1 2 3 ...) and colour (an xterm-256
 * index for colors=256, ANSI 0..7 for 8, RAST_RGB | rgb for RAST_TRUECOLOR). */
uint32_t rast_run_glyph(int i, int ascii);
int rast_run_color(int i, int colors);
/* Write UTF-8 text into row `row` from column `col`, at most `maxw` columns, wide
 * characters taking two cells (widths by utf8_cp_width, whatever the locale, so Korean
 * text lays out the same everywhere; combining marks are dropped and control characters
 * show as blanks); returns the columns used. */
int rast_put_text(rast *r, int row, int col, int maxw, const char *text, int fg, int bg, int attr);

/* ---- small charts ---------------------------------------------------------------- */

typedef enum {
    RAST_CHART_F, /* f against iteration, log axis (shifted by the min when f <= 0) */
    RAST_CHART_LR /* learning rate against iteration, log axis */
} rast_chart_kind;

/* A w×h chart of every run's trail in its own colour, Braille lines (ASCII: '.'); the f
 * chart also draws each run's validation loss, dotted (ASCII: ','), where the trail has one.
 * Both axes of values are logarithmic (shifted by the minimum when values are <= 0).
 * Stores the value range shown (lo, hi as values) and the largest iteration in
 * range[0..2]; range[0] is NAN when nothing is plotted. */
ds_status rast_chart(rast *r, const runset *rs, rast_chart_kind kind, int w, int h,
                     const rast_opts *o, double range[3], ds_err *err);
/* Over a chart just drawn by rast_chart (with its `range`), a dashed, dim curve
 * y = fn(ctx, k) for k ≥ 1 on the same axes: a bound to compare the runs against (the
 * O(1/k) guarantee of gradient descent). Cells a run already drew are left alone. */
ds_status rast_chart_curve(rast *r, const double range[3], double (*fn)(void *ctx, double k),
                           void *ctx, const rast_opts *o);

#endif
