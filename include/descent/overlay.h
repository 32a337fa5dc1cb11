/* overlay.h — the explain overlays, a table (name, help, how to add it to a scene):
 * `steps` draws the selected run's last step as its terms and their sum, `taylor1` and
 * `taylor2` the contour lines of the Taylor models at the cursor. The session keeps
 * which are on (sess.overlays); the scene adds them, so every back end draws them. */
#ifndef DESCENT_OVERLAY_H
#define DESCENT_OVERLAY_H

#include "descent/scene.h"

typedef struct {
    const char *name;
    const char *help; /* one line */
    ds_status (*add)(scene *sc, const sess *s, ds_err *err);
} overlay_entry;

extern const overlay_entry overlay_table[];
extern const int overlay_count;

/* `secant` (overlay_secant.c): BFGS's step s, Hₖy, and its model's contour. */
ds_status overlay_add_secant(scene *sc, const sess *s, ds_err *err);

/* The overlay named `name`, -1 when there is none. */
int overlay_find(const char *name);
/* Add every overlay that is on to the scene (called by scene_build_overlay). */
ds_status overlay_add(scene *sc, const sess *s, ds_err *err);

#endif
