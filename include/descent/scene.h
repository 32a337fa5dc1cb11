/* scene.h — the picture as one description, independent of how it is drawn: the box
 * shown, the contour levels with their band colours, the sampled field, contour polylines
 * in data coordinates, markers, run paths, the legend, the colour key and overlays. The
 * cell rasterizer (raster.h) draws a scene into character cells; a vector back end (SVG,
 * PNG, PDF) draws the same scene with lines and fills, so every picture agrees.
 *
 * How to use it (a back end):
 *     scene sc;  scene_init(&sc);
 *     scene_req q = {.width = 640, .height = 480, .cellratio = 1, .gx = 320, .gy = 240};
 *     if (scene_build(&sc, s, &q, &err)) ...;      // everything below is now filled in
 *     for each band k:    colour sc.band[k], f from scene_band_lo(&sc,k) to scene_band_hi
 *     fill: each sample cell of sc.f (gx × gy) in the colour of scene_band_of(mean f)
 *           (or sc.undef where f is not finite), or trace bands from sc.lines
 *     for each line i:    sc.lines[i] (level sc.lev[line.level]), points sc.pts[2*line.start..]
 *     for each run i:     sc.runs[i]: colour, glyphs, label, points sc.path[2*run.start..]
 *     markers, overlays:  sc.marks[], sc.ov[]
 *     scene_free(&sc);
 * Coordinates are data coordinates (x right, y up); sc.view is the box actually shown
 * (the session's view widened for `aspect equal`). Pure: no printing, no curses. */
#ifndef DESCENT_SCENE_H
#define DESCENT_SCENE_H

#include <stdint.h>

#include "descent/err.h"
#include "descent/palette.h"
#include "descent/session.h"

#define SCENE_MAXLEVELS SESS_MAXLEVELS

/* ---- levels: the one place that decides them --------------------------------------- */

/* 1 when the session's levels are spaced logarithmically (`levels N log`, or `auto` on an
 * objective with a huge dynamic range); 0 for linear and for explicit `levels at`. */
int scene_levels_log(const sess *s);
/* The level values for f sampled from fmin to fmax: n levels strictly inside the range,
 * evenly spaced in f or (log) in ln(f − fmin + d), d = (fmax − fmin)·1e-4; or the explicit
 * `levels at` list (all of it, inside the range or not). Ascending. Returns the count. */
int scene_levels(const sess *s, double fmin, double fmax, double *out);
/* The same, from plain arguments (for tests). */
int scene_levels_even(double fmin, double fmax, int n, int log, double *out);

/* ---- what is asked for ------------------------------------------------------------- */

typedef struct {
    double width, height; /* physical size of the plot area in any unit (cells, pixels) */
    double cellratio;     /* height of one unit of `height` over one unit of `width`:
                           * 2.0 for terminal cells counted as columns × rows, 1 for pixels */
    int gx, gy;           /* field samples: a gx × gy grid of sample cells over the view,
                           * (gx+1)(gy+1) values; contours are traced on this grid */
    int no_overlay;       /* 1: levels, field and contours only (the cached base) */
} scene_req;

/* ---- what is drawn ----------------------------------------------------------------- */

typedef struct {
    int level;  /* index into lev[] */
    int closed; /* 1: the last point joins the first (a closed level set) */
    int start;  /* first point: pts[2*start], pts[2*start+1] */
    int n;      /* points */
} scene_line;

typedef enum {
    SM_MIN,        /* a known minimum ★ */
    SM_SADDLE,     /* a known saddle × */
    SM_START,      /* a run's start ○ (in the run's colour) */
    SM_CONVERGED,  /* a run's end, converged ✓ */
    SM_DIVERGED,   /* a run's end, diverged ✗ (where it was last seen inside the view) */
    SM_HEAD,       /* a run's current point (its own glyph) */
    SM_CURSOR,     /* the cursor */
    SM_DATA_TRAIN, /* the data view: a training sample (dataview.h) */
    SM_DATA_VAL    /* the data view: a validation sample */
} scene_mark_kind;

typedef struct {
    scene_mark_kind kind;
    double x, y;
    int run;       /* the run it belongs to (0-based), -1 for none */
    pal_rgb color; /* what to draw it in */
} scene_mark;

typedef struct {
    int index;        /* run number − 1 */
    pal_rgb color;    /* contrast ≥ 3:1 against every band colour */
    uint32_t glyph;   /* head glyph (● ■ ▲ ◆ ▼ ✚); differs between runs */
    char glyph_ascii; /* '1', '2', ... */
    int dash;         /* 0 solid, 1 dashed, 2 dotted, ...: how runs differ without colour */
    char label[96];   /* legend text: "gd lr=0.001", and the status once stopped */
    int status;       /* run_status */
    char word[24];    /* run_status_word: "converged", ... */
    long iter;        /* steps taken */
    double f;         /* f at the current point (NAN when none) */
    int start, n;     /* points path[2*start ...]; a NAN x breaks the line */
} scene_run;

typedef enum {
    SO_POLYLINE, /* points ov_pts[2*start ..], n of them */
    SO_ARROW,    /* from the first point to the second, head at the second */
    SO_TEXT      /* text at the first point */
} scene_ov_kind;

/* How a polyline is drawn: solid, dashed (a second model beside the first), or faint
 * (many stochastic copies behind a run: dimmed, thin). */
typedef enum { SOS_SOLID, SOS_DASHED, SOS_FAINT } scene_ov_style;

typedef struct {
    scene_ov_kind kind;
    pal_rgb color;
    int style;      /* scene_ov_style (polylines) */
    int start, n;   /* points in ov_pts */
    char text[192]; /* SO_TEXT: a caption or label (Korean takes 3 bytes a character) */
} scene_overlay;

typedef struct scene_mem scene_mem; /* the contour tracer's scratch (private) */

typedef struct scene {
    double view[4];                  /* the box shown: x0 x1 y0 y1 (after aspect) */
    double width, height, cellratio; /* the request's physical size (scene_req) */
    int palette;                     /* pal_id */
    path_style paths;                /* how runs are drawn between iterates */
    /* levels and bands: band k holds f in [lev[k−1], lev[k]), band 0 below lev[0] */
    int nlev;
    double lev[SCENE_MAXLEVELS];
    int log;           /* levels spaced logarithmically */
    int given;         /* levels given with `levels at` */
    double fmin, fmax; /* finite range of f sampled over the view; NAN when none */
    pal_rgb band[SCENE_MAXLEVELS + 1];
    pal_rgb line;  /* contour line colour */
    pal_rgb undef; /* where f is not finite */
    int has_undef; /* some sample was not finite */
    /* the field: f at (gx+1)(gy+1) grid points, row 0 at the top (y = view[3]); NAN where
     * f is not finite */
    int gx, gy;
    double *f;
    /* contour polylines, every level, traced by marching squares on the sample grid */
    scene_line *lines;
    int nlines;
    double *pts;
    int npts;
    /* overlay: markers, runs, extra drawings */
    scene_mark *marks;
    int nmarks;
    scene_run *runs;
    int nruns;
    double *path;
    int npath;
    scene_overlay *ov;
    int nov;
    double *ov_pts;
    int nov_pts;
    int ncaption;       /* overlay caption lines added this frame (overlay.c) ... */
    int caption_ov[16]; /* ... and which text overlays they are, placed once all are in */
    /* each run's display points kept between frames (scene_trail.c; private) */
    struct scene_trail *trails;
    int ntrails;
    /* model contours traced in earlier frames, reused while nothing they depend on changed
     * (scene_ovcache.c; private) */
    struct scene_ovcache *ovcache;
    /* allocated sizes (private) */
    size_t cap_f, cap_lines, cap_pts, cap_marks, cap_runs, cap_path, cap_ov, cap_ov_pts;
    scene_mem *mem;
} scene;

void scene_init(scene *sc);
void scene_free(scene *sc);

/* Build the whole scene for session `s` (reusing sc's memory). Fails with DS_ERANGE when
 * the view box is empty or the request is unusable, DS_ENOMEM when memory runs out. */
ds_status scene_build(scene *sc, const sess *s, const scene_req *q, ds_err *err);
/* Only the overlay part (markers, runs, overlays), on a scene whose base is built: what
 * changes every animation frame. */
ds_status scene_build_overlay(scene *sc, const sess *s, ds_err *err);

/* The box shown for view `v` in a plot area of physical size w × h (cellratio as in
 * scene_req): for aspect equal the view widened about its centre so one unit of x and of
 * y have the same length; for fill the view itself. */
void scene_view_for(const sess *s, double w, double h, double cellratio, double out[4]);
/* 1 when `aspect` resolves to equal for this session (auto: catalog objectives whose
 * default view is square). */
int scene_aspect_equal(const sess *s);

/* Run i's head glyph (● ■ ▲ ◆ ▼ ✚, repeating), the same on every back end. */
uint32_t scene_run_glyph(int i);

/* The band f falls in (0..nlev), or −1 when f is not finite. Works for any spacing. */
int scene_band_of(const scene *sc, double f);
/* The f value at grid point (i, j) and its world coordinates. */
double scene_f(const scene *sc, int i, int j);
void scene_grid_xy(const scene *sc, double i, double j, double *x, double *y);
/* A level's value as a short label ("0.5", "1.2e+03"), for lines and the key. */
void scene_level_label(const scene *sc, int k, char *buf, int cap);

/* Extra drawings (the explain overlays: arrows, model contours, eigen axes, grids). */
ds_status scene_add_polyline(scene *sc, const double *xy, int n, pal_rgb color, ds_err *err);
/* The same, dashed or faint (scene_ov_style). */
ds_status scene_add_polyline_style(scene *sc, const double *xy, int n, pal_rgb color, int style,
                                   ds_err *err);
ds_status scene_add_arrow(scene *sc, double x0, double y0, double x1, double y1, pal_rgb color,
                          ds_err *err);
ds_status scene_add_text(scene *sc, double x, double y, const char *text, pal_rgb color,
                         ds_err *err);
/* Trace the level sets {fn = levels[k]} of any function over sc's sample grid (marching
 * squares, closed curves closed) and add them as polyline overlays in `color`. */
ds_status scene_add_contours(scene *sc, double (*fn)(void *ctx, double x, double y), void *ctx,
                             const double *levels, int n, pal_rgb color, ds_err *err);
/* The same, for a function fully described by the numbers key[0..nkey) (a Taylor model:
 * its point, value, gradient and Hessian): while the key, the sample grid, the view and
 * the levels stay the same, the lines traced last time are added again without
 * evaluating or tracing (an animation frame redraws them at the cost of a copy). */
ds_status scene_add_contours_keyed(scene *sc, double (*fn)(void *ctx, double x, double y),
                                   void *ctx, const double *key, int nkey, const double *levels,
                                   int n, pal_rgb color, ds_err *err);

#endif
