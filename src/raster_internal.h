/* raster_internal.h — what the raster files share privately: the cell setter, grid memory,
 * the plot layout, and the drawing steps rast_render (raster.c) calls in order: the field
 * and contours from the scene (raster_field.c), axes, title, key and legend
 * (raster_text.c, raster_key.c), the overlay (raster_overlay.c); plus the Braille dot buffer
 * and level shift the charts (raster_chart.c) reuse. */
#ifndef DESCENT_RASTER_INTERNAL_H
#define DESCENT_RASTER_INTERNAL_H

#include "descent/raster.h"

#define G_HLINE_U 0x2500 /* ─ */
#define G_VLINE_U 0x2502 /* │ */
#define G_BRAILLE 0x2800

/* Set one cell; nothing happens outside the grid. */
static inline void rast_set_cell(rast *r, int col, int row, uint32_t ch, int32_t fg, int32_t bg,
                                 int attr, int kind)
{
    if (col < 0 || row < 0 || col >= r->w || row >= r->h) return;
    rast_cell *c = &r->cells[(size_t)row * r->w + col];
    c->ch = ch;
    c->fg = fg;
    c->bg = bg;
    c->attr = (uint8_t)attr;
    c->kind = (uint8_t)kind;
}

/* raster.c: grow the grid and its caches for a w×h grid with a pw×ph plot area. */
ds_status rast_reserve(rast *r, int w, int h, int pw, int ph, ds_err *err);

/* raster_chart.c: the shift that makes log axes work for any sign of the values. */
double rast_log_shift(double fmin, double fmax);
/* raster_field.c: the scene's bands (half blocks, or shading without colour), then its
 * contour lines as box glyphs joining the sides each line crosses, with a few labels. */
void rast_draw_field(rast *r, const rast_opts *o);
void rast_draw_contours(rast *r, const rast_opts *o);
/* The colour of band k (or undefined, k = −1) for these options. */
int32_t rast_band_color(rast *r, const rast_opts *o, int k);
/* The contour lines' colour (white with eight colours). */
int32_t rast_line_color(rast *r, const rast_opts *o);
/* The shading glyph of band k of nb without colour. */
uint32_t rast_shade(int k, int nb, int ascii);

/* raster_text.c: where the plot area sits, and the text around it. */
typedef struct {
    int n;
    double v[64];
    char label[64][24];
} rast_ticks;

typedef struct {
    int top, bottom, margin; /* rows above and below the plot area, columns left of it */
    int keyrow;              /* the colour key's row below the plot, -1 when none */
    rast_ticks yt;           /* the y axis ticks (their labels set the margin) */
} rast_layout;

/* Rows for the title, legend and x axis; the margin the y tick labels need. */
void rast_layout_compute(rast_layout *L, const double view[4], int h, const rast_opts *o);
void rast_draw_axes(rast *r, const rast_layout *L, const rast_opts *o);
void rast_draw_title(rast *r, const sess *s, const rast_opts *o);
void rast_draw_legend(rast *r, const sess *s, const rast_opts *o);
/* raster_key.c: the colour key on row L->keyrow. */
void rast_draw_key(rast *r, const rast_layout *L, const rast_opts *o);

/* raster_overlay.c: the scene's overlay: drawings, the −∇f arrow, run paths, markers and
 * (with o->cursor) the cursor. */
void rast_draw_overlay(rast *r, const rast_opts *o);
/* World point (x, y) in dot space (2 dots per cell across, 4 down, y down). */
void rast_to_dots(const rast *r, double x, double y, double *dx, double *dy);
/* Set the dots of a segment in dot space in r->dots, run `ri` in r->dotrun; `pattern` says
 * which of every 8 dots along it are drawn (0xFF solid), `thick` adds the dot right and
 * below each. */
void rast_dot_line(rast *r, double x0, double y0, double x1, double y1, int ri, int pattern,
                   int thick);

#endif
