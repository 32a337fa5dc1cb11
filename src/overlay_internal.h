/* overlay_internal.h — what the overlay files share: captions stacked in the view's
 * top-left corner, lengths measured on the picture (not in data units), labels beside an
 * arrow's head, and the overlays each file adds to the table in overlay.c. */
#ifndef DESCENT_OVERLAY_INTERNAL_H
#define DESCENT_OVERLAY_INTERNAL_H

#include "descent/overlay.h"

/* A caption line in the top-left corner of the view, below those already added. */
ds_status ov_caption(scene *sc, const char *text, pal_rgb color, ds_err *err);
/* The picture's size: the shorter side of the plot in physical units (cell columns on
 * the screen, pixels in a figure). */
double ov_size(const scene *sc);
/* Physical units per data unit along x and along y. */
void ov_scale(const scene *sc, double *sx, double *sy);
/* The data vector that has direction (dx, dy) in data units and `len` physical units on
 * the picture; 0 when (dx, dy) is zero or not finite. */
int ov_along(const scene *sc, double dx, double dy, double len, double out[2]);
/* A text label just past the head of the arrow from p to q, on the side it points to. */
ds_status ov_label(scene *sc, const double p[2], const double q[2], const char *text, pal_rgb color,
                   ds_err *err);

/* overlay_geom.c: eigen, grad, prox, grid and what they need. */
ds_status ov_add_eigen(scene *sc, const sess *s, ds_err *err);
ds_status ov_add_grad(scene *sc, const sess *s, ds_err *err);
ds_status ov_ready_prox(const sess *s, ds_err *err);
ds_status ov_add_prox(scene *sc, const sess *s, ds_err *err);
ds_status ov_ready_grid(const sess *s, ds_err *err);
ds_status ov_add_grid(scene *sc, const sess *s, ds_err *err);

#endif
