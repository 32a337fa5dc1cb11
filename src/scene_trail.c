/* scene_trail.c — a run's trail as display points, kept between frames: a point is kept
 * when it moved at least half a field sample from the last one kept (the first and the
 * latest rows always), and each frame only the rows added since the last frame are
 * looked at. A new view, a reset, thinning or a different run starts it afresh. So the
 * cost of a frame does not grow with the trail; the trail itself is never changed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/run.h"
#include "scene_internal.h"

struct scene_trail {
    const run *rn;       /* the run these points were made from */
    long stride, before; /* its thinning then (run_trail_stride) */
    double view[4];      /* the box and grid the spacing came from */
    int gx, gy;
    int done;       /* trail rows [0, done) have been looked at */
    long last_iter; /* row done − 1, to notice a trail that changed under us */
    double last_x, last_y;
    double lx, ly; /* the last point kept */
    double *pts;   /* kept points, x y pairs (NAN NAN: a break in the path) */
    int n;
    size_t cap;
};

void scene_trails_free(scene *sc)
{
    for (int i = 0; i < sc->ntrails; i++)
        free(sc->trails[i].pts);
    free(sc->trails);
    sc->trails = NULL;
    sc->ntrails = 0;
}

/* 1 when t still describes the first t->done rows of rn's trail as shown now. */
static int still_valid(const scene_trail *t, const scene *sc, const run *rn, const run_row *rows,
                       int nrow, long stride, long before)
{
    if (t->rn != rn || t->stride != stride || t->before != before || t->gx != sc->gx ||
        t->gy != sc->gy || memcmp(t->view, sc->view, sizeof t->view) != 0 || t->done > nrow - 1)
        return 0;
    if (t->done == 0) return 1;
    const run_row *r = &rows[t->done - 1];
    return r->iter == t->last_iter && (r->x == t->last_x || (isnan(r->x) && isnan(t->last_x))) &&
           (r->y == t->last_y || (isnan(r->y) && isnan(t->last_y)));
}

static ds_status keep(scene_trail *t, double x, double y, ds_err *err)
{
    if (scene_grow((void **)&t->pts, &t->cap, 2 * (size_t)(t->n + 1), sizeof(double), err))
        return err->code;
    t->pts[2 * t->n] = x;
    t->pts[2 * t->n + 1] = y;
    t->n++;
    return DS_OK;
}

ds_status scene_trail_points(scene *sc, int i, const run *rn, ds_err *err)
{
    if (i >= sc->ntrails) {
        scene_trail *p = realloc(sc->trails, (size_t)(i + 1) * sizeof *p);
        if (!p) return ds_err_set(err, DS_ENOMEM, "out of memory building the picture");
        memset(p + sc->ntrails, 0, (size_t)(i + 1 - sc->ntrails) * sizeof *p);
        sc->trails = p;
        sc->ntrails = i + 1;
    }
    scene_trail *t = &sc->trails[i];
    int nrow;
    const run_row *rows = run_trail(rn, &nrow);
    long before;
    long stride = run_trail_stride(rn, &before);
    if (!still_valid(t, sc, rn, rows, nrow, stride, before)) {
        t->rn = rn;
        t->stride = stride;
        t->before = before;
        memcpy(t->view, sc->view, sizeof t->view);
        t->gx = sc->gx;
        t->gy = sc->gy;
        t->done = t->n = 0;
        t->lx = t->ly = NAN;
    }
    double ex = (sc->view[1] - sc->view[0]) / sc->gx * 0.5;
    double ey = (sc->view[3] - sc->view[2]) / sc->gy * 0.5;
    /* Every row but the latest, once; the latest is added below for this frame only. */
    for (int k = t->done; k < nrow - 1; k++) {
        double x = rows[k].x, y = rows[k].y;
        int fin = isfinite(x) && isfinite(y);
        if (fin && k > 0 && fabs(x - t->lx) < ex && fabs(y - t->ly) < ey) continue;
        if (!fin && !isfinite(t->lx)) continue;
        if (keep(t, fin ? x : NAN, fin ? y : NAN, err)) return err->code;
        t->lx = fin ? x : NAN, t->ly = fin ? y : NAN;
    }
    if (nrow - 1 > t->done) {
        t->done = nrow - 1;
        t->last_iter = rows[t->done - 1].iter;
        t->last_x = rows[t->done - 1].x;
        t->last_y = rows[t->done - 1].y;
    }
    int extra = nrow > 0 ? 1 : 0;
    if (scene_grow((void **)&sc->path, &sc->cap_path, 2 * (size_t)(sc->npath + t->n + extra),
                   sizeof(double), err))
        return err->code;
    if (t->n > 0) /* t->pts is NULL before the first kept point: memcpy wants neither */
        memcpy(sc->path + 2 * (size_t)sc->npath, t->pts, 2 * (size_t)t->n * sizeof(double));
    sc->npath += t->n;
    if (nrow > 0) {
        double x = rows[nrow - 1].x, y = rows[nrow - 1].y;
        int fin = isfinite(x) && isfinite(y);
        if (fin || isfinite(t->lx)) {
            sc->path[2 * sc->npath] = fin ? x : NAN;
            sc->path[2 * sc->npath + 1] = fin ? y : NAN;
            sc->npath++;
        }
    }
    return DS_OK;
}
