/* scene_ovcache.c — model contours kept between frames: a Taylor model at the cursor is
 * the same function frame after frame while a run animates, so tracing its level sets
 * on the whole sample grid again each frame (tens of thousands of evaluations and a
 * marching-squares pass) is wasted. An entry remembers what the lines depend on — the
 * function (its pointer and the numbers that describe it), the view, the sample grid,
 * the levels and the colour — and the polylines traced; a frame that asks for the same
 * gets a copy. A few entries, replaced oldest first. */
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "scene_internal.h"

#define NENTRIES 4
#define MAXKEY   (16 + 4 + 2 + 1 + SCENE_MAXLEVELS + 1)

typedef struct {
    int used;
    double (*fn)(void *, double, double);
    double key[MAXKEY]; /* the caller's numbers, view, gx gy, levels, colour */
    int nkey;
    int nov;           /* polylines kept */
    scene_overlay *ov; /* copies of those overlays ... */
    double *pts;       /* ... and their points */
    int npts;
    unsigned long age;
} ovc_entry;

struct scene_ovcache {
    ovc_entry e[NENTRIES];
    unsigned long clock;
};

void scene_ovcache_free(scene *sc)
{
    if (!sc->ovcache) return;
    for (int i = 0; i < NENTRIES; i++) {
        free(sc->ovcache->e[i].ov);
        free(sc->ovcache->e[i].pts);
    }
    free(sc->ovcache);
    sc->ovcache = NULL;
}

/* The full key: the caller's numbers, then everything about the scene the lines depend
 * on. Returns its length, 0 when it does not fit (then nothing is cached). */
static int full_key(const scene *sc, const double *key, int nkey, const double *levels, int n,
                    pal_rgb color, double *out)
{
    if (nkey > 16 || n > SCENE_MAXLEVELS) return 0;
    int k = 0;
    for (int i = 0; i < nkey; i++)
        out[k++] = key[i];
    for (int i = 0; i < 4; i++)
        out[k++] = sc->view[i];
    out[k++] = sc->gx;
    out[k++] = sc->gy;
    out[k++] = n;
    for (int i = 0; i < n; i++)
        out[k++] = levels[i];
    out[k++] = (double)color;
    return k;
}

ds_status scene_add_contours_keyed(scene *sc, double (*fn)(void *ctx, double x, double y),
                                   void *ctx, const double *key, int nkey, const double *levels,
                                   int n, pal_rgb color, ds_err *err)
{
    double k[MAXKEY];
    int nk = full_key(sc, key, nkey, levels, n, color, k);
    if (!nk) return scene_add_contours(sc, fn, ctx, levels, n, color, err);
    if (!sc->ovcache && !(sc->ovcache = calloc(1, sizeof *sc->ovcache)))
        return scene_add_contours(sc, fn, ctx, levels, n, color, err);
    struct scene_ovcache *c = sc->ovcache;
    c->clock++;
    for (int i = 0; i < NENTRIES; i++) {
        ovc_entry *e = &c->e[i];
        if (!e->used || e->fn != fn || e->nkey != nk || memcmp(e->key, k, sizeof(double) * nk))
            continue;
        e->age = c->clock;
        for (int j = 0; j < e->nov; j++)
            if (scene_add_polyline(sc, e->pts + 2 * (size_t)e->ov[j].start, e->ov[j].n,
                                   e->ov[j].color, err))
                return err->code;
        return DS_OK;
    }
    /* a miss: trace, then keep what was added */
    int ov0 = sc->nov, pts0 = sc->nov_pts;
    if (scene_add_contours(sc, fn, ctx, levels, n, color, err)) return err->code;
    ovc_entry *e = &c->e[0];
    for (int i = 1; i < NENTRIES; i++)
        if (!c->e[i].used || (e->used && c->e[i].age < e->age)) e = &c->e[i];
    int nov = sc->nov - ov0, npts = sc->nov_pts - pts0;
    scene_overlay *ov = ds_xrealloc(e->ov, sizeof *ov * (size_t)(nov ? nov : 1));
    e->ov = ov;
    double *pts = ds_xrealloc(e->pts, sizeof(double) * 2 * (size_t)(npts ? npts : 1));
    e->pts = pts;
    if (nov) memcpy(e->ov, sc->ov + ov0, sizeof *ov * (size_t)nov);
    for (int j = 0; j < nov; j++)
        e->ov[j].start -= pts0;
    if (npts) memcpy(e->pts, sc->ov_pts + 2 * (size_t)pts0, sizeof(double) * 2 * (size_t)npts);
    e->nov = nov;
    e->npts = npts;
    e->fn = fn;
    memcpy(e->key, k, sizeof(double) * nk);
    e->nkey = nk;
    e->used = 1;
    e->age = c->clock;
    return DS_OK;
}
