/* overlay.h — the explain overlays, a table (name, help, what it needs, how to add it to
 * a scene): `steps` draws the selected run's last step as its terms and their sum,
 * `taylor1` and `taylor2` the contour lines of the Taylor models at the cursor, `eigen`
 * the Hessian's axes there, `grad` ∇f, −∇f and the direction of `set direction`, `prox`
 * the selected gd run's proximal step, `grid` the image of a square grid under the vector
 * map. The session keeps which are on (sess.overlays); the scene adds them, so every back
 * end draws them. */
#ifndef DESCENT_OVERLAY_H
#define DESCENT_OVERLAY_H

#include "descent/scene.h"

typedef struct {
    const char *name;
    const char *help; /* one line */
    /* What `overlay NAME on` needs (a run, a gd run, a map): DS_OK, or an error saying
     * what to do first. NULL when it needs nothing. */
    ds_status (*ready)(const sess *s, ds_err *err);
    ds_status (*add)(scene *sc, const sess *s, ds_err *err);
} overlay_entry;

extern const overlay_entry overlay_table[];
extern const int overlay_count;

/* `secant` (overlay_secant.c): BFGS's step s, Hₖy, and its model's contour. */
ds_status overlay_add_secant(scene *sc, const sess *s, ds_err *err);

/* `bound` (overlay_bound.c): gradient descent's O(1/k) guarantee on the f chart. The
 * constants of f* + C/k for the selected gd run; an error when there is none. */
ds_status overlay_bound_of(const sess *s, double *fstar, double *c, ds_err *err);
ds_status overlay_ready_bound(const sess *s, ds_err *err);
ds_status overlay_add_bound(scene *sc, const sess *s, ds_err *err);

/* The overlay named `name`, -1 when there is none. */
int overlay_find(const char *name);
/* Add every overlay that is on to the scene (called by scene_build_overlay). */
ds_status overlay_add(scene *sc, const sess *s, ds_err *err);

/* det J of the session's vector map at (x, y) (the map must be set), NAN where the map is
 * not finite: where it is negative the grid overlay hatches. */
double overlay_map_det(const sess *s, double x, double y);

/* Colours the overlays draw in (tests find drawings by them). */
#define OV_COL_TERM1   0x4FC3F7 /* steps: first term, light blue */
#define OV_COL_TERM2   0xFFB74D /* steps: second term, orange */
#define OV_COL_SUM     0xFF4081 /* steps: the step taken; captions: pink */
#define OV_COL_MODEL   0xE040FB /* Taylor model contours: magenta */
#define OV_COL_EIG_POS 0x69F0AE /* eigen: an axis of positive curvature, green */
#define OV_COL_EIG_NEG 0xFF5252 /* eigen: an axis of negative curvature (dashed), red */
#define OV_COL_GRAD    0xFFEB3B /* grad: ∇f, yellow */
#define OV_COL_DESCENT 0x4FC3F7 /* grad: −∇f, light blue */
#define OV_COL_DIR     0xE040FB /* grad: v, magenta */
#define OV_COL_PROX    0x40C4FF /* prox: the circle, sky blue */
#define OV_COL_PROXMIN 0xFF4081 /* prox: θ − α∇f, pink */
#define OV_COL_GRID_X  0x18FFFF /* grid: images of the lines x = const, cyan */
#define OV_COL_GRID_Y  0xFFD740 /* grid: images of the lines y = const, amber */
#define OV_COL_FOLD    0xFF5252 /* grid: hatching where det J < 0, red */

#endif
