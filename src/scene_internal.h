/* scene_internal.h — what the scene files share privately: the contour tracer's output
 * (growable arrays of polylines and points) and the tracer itself (scene_contour.c). */
#ifndef DESCENT_SCENE_INTERNAL_H
#define DESCENT_SCENE_INTERNAL_H

#include "descent/scene.h"

typedef struct {
    scene_line **lines;
    int *nlines;
    size_t *cap_lines;
    double **pts;
    int *npts;
    size_t *cap_pts;
} trace_out;

/* The tracer's scratch memory, kept in the scene between builds. */
typedef struct seg seg;
struct scene_mem {
    int *band;
    size_t cap_band;
    int (*link)[2];
    size_t cap_link;
    seg *sg;
    size_t cap_sg;
    unsigned char *used;
    size_t cap_used;
    int *order;
    size_t cap_order;
};
void scene_mem_free(scene_mem *m);

/* Grow *p (with *cap elements of `elem` bytes) to hold at least `need`, doubling. */
ds_status scene_grow(void **p, size_t *cap, size_t need, size_t elem, ds_err *err);

/* scene_trail.c: append run i's display points to sc->path, looking only at the trail
 * rows added since the last call; and free what it keeps. */
typedef struct scene_trail scene_trail;
struct run;
ds_status scene_trail_points(scene *sc, int i, const struct run *rn, ds_err *err);
void scene_trails_free(scene *sc);
/* scene_ovcache.c: free the cached model contours. */
void scene_ovcache_free(scene *sc);

/* Trace every level of `lev` (ascending, nlev of them) over the (gx+1)×(gy+1) samples g
 * (row 0 at the top of `view`; NAN cells skipped) and append the polylines, in world
 * coordinates, to `o`. */
ds_status scene_trace(const double *g, int gx, int gy, const double view[4], const double *lev,
                      int nlev, trace_out *o, scene_mem *M, ds_err *err);

#endif
