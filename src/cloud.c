/* cloud.c — K seeded copies of one stochastic run, kept in step with it: built by
 * replaying the run's configuration history (parameters, schedule, early stopping, and
 * the changes made mid-run at their iterations) with seeds S.., stepped on as the run
 * steps, rewound with it, rebuilt when its recipe changes. The statistics of where the
 * copies are, and their paths as faint scene polylines. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/hash.h"
#include "descent/cloud.h"
#include "descent/run.h"
#include "scene_internal.h"

/* One copy's thinned points and how far into its trail they reach. */
typedef struct cloud_draw {
    double *pts; /* n points */
    int n, cap;
    int used;            /* trail rows looked at */
    long last;           /* the iteration of the last of them */
    long stride, before; /* the trail's thinning then (run_trail_stride) */
} cloud_draw;

struct cloud {
    int k;           /* copies */
    double seed;     /* the first copy's seed */
    const run *src;  /* the run copied (found again by address: runs move on `del`) */
    run **copies;    /* k runs, outside any runset */
    uint64_t recipe; /* fingerprint of what the copies were built from */
    long at;         /* the source's iteration the copies were last brought to */
    unsigned gen;    /* bumped whenever the copies change (the drawing cache's key) */
    /* Each copy's points thinned for drawing, kept between frames and extended by the
     * rows a step adds: reading every copy's whole trail each frame costs more than
     * drawing it. Valid for `dgen` and `dbox`. */
    struct cloud_draw *draw; /* k of them */
    unsigned dgen;
    double dbox[6]; /* the view and the sample grid the thinning used */
    int dvalid;
};

/* ---- statistics --------------------------------------------------------------------- */

void cloud_spread(const double *v, int n, double *mean, double *sd)
{
    if (n <= 0) {
        *mean = *sd = NAN;
        return;
    }
    /* The mean as v[0] plus the mean offset from it: copies that all ended at one point
     * give exactly that point and a spread of exactly 0, not rounding noise. */
    double m = 0, q = 0;
    for (int i = 1; i < n; i++)
        m += v[i] - v[0];
    m = v[0] + m / n;
    for (int i = 0; i < n; i++)
        q += (v[i] - m) * (v[i] - m);
    *mean = m;
    *sd = sqrt(q / n);
}

void cloud_stats_of(const cloud *c, cloud_stats *st)
{
    memset(st, 0, sizeof *st);
    st->k = c->k;
    st->seed = c->seed;
    st->iter = c->at;
    double *x = ds_xmalloc(sizeof(double) * 3 * (size_t)c->k), *y = x + c->k, *f = y + c->k;
    int n = 0;
    st->fmin = INFINITY;
    st->fmax = -INFINITY;
    for (int i = 0; i < c->k; i++) {
        const run_row *row = run_current(c->copies[i]);
        if (run_get_status(c->copies[i]) == RUN_DIVERGED) st->ndiverged++;
        if (!isfinite(row->x) || !isfinite(row->y) || !isfinite(row->f)) continue;
        x[n] = row->x, y[n] = row->y, f[n] = row->f;
        st->fmin = fmin(st->fmin, row->f);
        st->fmax = fmax(st->fmax, row->f);
        n++;
    }
    st->nfinite = n;
    cloud_spread(x, n, &st->mean[0], &st->sd[0]);
    cloud_spread(y, n, &st->mean[1], &st->sd[1]);
    cloud_spread(f, n, &st->fmean, &st->fsd);
    if (!n) st->fmin = st->fmax = NAN;
    free(x);
}

/* ---- which runs qualify ------------------------------------------------------------- */

int cloud_noisy(const run *r, const objective *o, char *why, size_t n)
{
    const opt_algo *a = run_algo(r);
    if (!opt_param_find(a, "seed")) {
        snprintf(why, n,
                 "%s has no randomness, so every copy would take the same steps: cloud copies "
                 "sgd runs (algo sgd batch=5 on data, or algo sgd noise=0.5 on a formula)",
                 a->name);
        return 0;
    }
    const opt_hyper *h = run_hyper(r);
    if (obj_is_data(o)) {
        if (h->batch < o->data->ntrain) return 1;
        snprintf(why, n,
                 "batch=%g covers all %d training samples, so every copy takes the same "
                 "(full) gradient: set batch=%d or smaller for mini-batches",
                 h->batch, o->data->ntrain, o->data->ntrain > 1 ? o->data->ntrain / 2 : 1);
        return 0;
    }
    if (h->noise > 0) return 1;
    snprintf(why, n,
             "noise=0 on a formula, so every copy takes the same steps: set noise=0.5 (or "
             "more) to add gradient noise");
    return 0;
}

/* ---- the recipe ----------------------------------------------------------------------- */

/* Everything a copy's trail depends on but its seed: the objective, the algorithm, the
 * start and the run's configuration history. */
static uint64_t recipe_of(const sess *s, const run *r, int k, double seed)
{
    uint64_t h = HASH_START;
    const objective *o = &s->obj;
    h = obj_hash(h, o);
    if (obj_is_data(o)) {
        h = hash_bytes(h, &o->data->n, sizeof o->data->n);
        h = hash_bytes(h, &o->data->ntrain, sizeof o->data->ntrain);
        h = hash_str(h, o->data->origin);
    }
    const opt_algo *a = run_algo(r);
    h = hash_bytes(h, &a, sizeof a);
    h = hash_bytes(h, run_start(r), 2 * sizeof(double));
    h = hash_bytes(h, &k, sizeof k);
    h = hash_bytes(h, &seed, sizeof seed);
    long t;
    opt_hyper hy;
    sched_cfg sc;
    estop_cfg es;
    for (int i = 0; run_config_at(r, i, &t, &hy, &sc, &es); i++) {
        hy.seed = 0;
        h = hash_bytes(h, &t, sizeof t);
        h = hash_bytes(h, &hy, sizeof hy);
        h = hash_bytes(h, &sc, sizeof sc);
        h = hash_bytes(h, &es, sizeof es);
    }
    if (!run_config_at(r, 0, &t, &hy, &sc, &es)) {
        hy = *run_hyper(r);
        hy.seed = 0;
        h = hash_bytes(h, &hy, sizeof hy);
        h = hash_bytes(h, run_sched(r), sizeof(sched_cfg));
        h = hash_bytes(h, run_estop(r), sizeof(estop_cfg));
    }
    return h;
}

/* ---- building and following ------------------------------------------------------------ */

/* Apply the changes from `prev` to `now` (all but the seed) to copy r. */
static void apply_changes(run *r, const opt_algo *a, const opt_hyper *prev, const opt_hyper *now,
                          const sched_cfg *psc, const sched_cfg *sc, const estop_cfg *pes,
                          const estop_cfg *es, objective *o)
{
    const opt_param *p;
    for (int i = 0; (p = opt_param_at(a, i)); i++)
        if (strcmp(p->name, "seed") != 0 && opt_get(prev, p) != opt_get(now, p))
            run_set_param(r, p, opt_get(now, p), o);
    if (memcmp(psc, sc, sizeof *sc) != 0) run_set_sched(r, sc, o);
    if (memcmp(pes, es, sizeof *es) != 0) run_set_estop(r, es, o);
}

/* Copy i of source r: its first configuration with seed `seed`, its start, then each
 * later change at its iteration, up to iteration `to`. */
static run *make_copy(const run *src, double seed, long to, objective *o)
{
    const opt_algo *a = run_algo(src);
    long t;
    opt_hyper h, ph;
    sched_cfg sc, psc;
    estop_cfg es, pes;
    if (!run_config_at(src, 0, &t, &h, &sc, &es)) {
        h = *run_hyper(src);
        sc = *run_sched(src);
        es = *run_estop(src);
    }
    run *r = run_create(a, run_start(src), o);
    if (!r) return NULL;
    run_set_trail_cap(r, CLOUD_TRAIL_CAP);
    h.seed = seed;
    run_set_algo(r, a, &h, o);
    run_set_sched(r, &sc, o);
    if (es.on) run_set_estop(r, &es, o);
    for (int k = 1; (ph = h, psc = sc, pes = es, run_config_at(src, k, &t, &h, &sc, &es)); k++) {
        if (t > to) break;
        if (t > run_iter(r)) run_step(r, o, t - run_iter(r));
        apply_changes(r, a, &ph, &h, &psc, &sc, &pes, &es, o);
    }
    if (to > run_iter(r)) run_step(r, o, to - run_iter(r));
    return r;
}

static void free_copies(cloud *c)
{
    for (int i = 0; c->copies && i < c->k; i++)
        run_destroy(c->copies[i]);
    free(c->copies);
    c->copies = NULL;
}

static void free_draw(cloud *c)
{
    for (int i = 0; c->draw && i < c->k; i++)
        free(c->draw[i].pts);
    free(c->draw);
    c->draw = NULL;
    c->dvalid = 0;
}

void cloud_free(cloud *c)
{
    if (!c) return;
    free_copies(c);
    free_draw(c);
    free(c);
}

static int source_index(const sess *s, const cloud *c)
{
    for (int i = 0; i < runset_count(&s->runs); i++)
        if (runset_get(&s->runs, i) == c->src) return i;
    return -1;
}

int cloud_info(const sess *s, int *k, double *seed)
{
    if (!s->cloud) return -1;
    if (k) *k = s->cloud->k;
    if (seed) *seed = s->cloud->seed;
    return source_index(s, s->cloud);
}

static void build(sess *s, cloud *c)
{
    objective ob = s->obj; /* a shallow copy: the copies' work is not the session's count */
    free_copies(c);
    free_draw(c);
    c->copies = ds_xcalloc((size_t)c->k, sizeof *c->copies);
    c->draw = ds_xcalloc((size_t)c->k, sizeof *c->draw);
    c->at = run_iter(c->src);
    for (int i = 0; i < c->k; i++)
        c->copies[i] = make_copy(c->src, c->seed + i, c->at, &ob);
    c->recipe = recipe_of(s, c->src, c->k, c->seed);
    c->gen++;
}

void cloud_sync(sess *s)
{
    cloud *c = s->cloud;
    if (!c) return;
    if (source_index(s, c) < 0) {
        cloud_free(c);
        s->cloud = NULL;
        return;
    }
    long now = run_iter(c->src);
    if (recipe_of(s, c->src, c->k, c->seed) != c->recipe) {
        build(s, c);
        return;
    }
    if (now == c->at) return;
    objective ob = s->obj;
    ds_err err;
    for (int i = 0; i < c->k; i++) {
        run *r = c->copies[i];
        if (now > c->at)
            run_step(r, &ob, now - run_iter(r) > 0 ? now - run_iter(r) : 0);
        else if (run_iter(r) > now && run_rewind_to(r, &ob, now, &err) != DS_OK)
            return build(s, c);
    }
    c->at = now;
    c->gen++;
}

ds_status cloud_make(sess *s, int k, double seed, long max_steps, ds_err *err)
{
    if (k < 1 || k > CLOUD_MAX)
        return ds_err_set(err, DS_ERANGE, "cloud takes from 1 to %d copies, got %d", CLOUD_MAX, k);
    const run *r = runset_get(&s->runs, s->runs.selected);
    if (!r) return ds_err_set(err, DS_ESTATE, "there is no run to copy: algo sgd first");
    char why[300];
    if (!cloud_noisy(r, &s->obj, why, sizeof why))
        return ds_err_set(err, DS_ESTATE, "run %d: %s", s->runs.selected + 1, why);
    if (isnan(seed)) seed = run_hyper(r)->seed;
    if (seed < 0 || seed + k - 1 > 1e15 || seed != floor(seed))
        return ds_err_set(err, DS_ERANGE,
                          "seed must be a whole number from 0 to %.0f (the last copy uses "
                          "seed + K − 1), got %g",
                          1e15 - (k - 1), seed);
    if (max_steps > 0 && (double)k * run_iter(r) > (double)max_steps)
        return ds_err_set(err, DS_ERANGE,
                          "%d copies of %ld steps is more than the %ld steps allowed here: "
                          "fewer copies, or fewer steps first",
                          k, run_iter(r), max_steps);
    cloud *c = ds_xcalloc(1, sizeof *c);
    c->k = k;
    c->seed = seed;
    c->src = r;
    build(s, c);
    cloud_free(s->cloud);
    s->cloud = c;
    return DS_OK;
}

/* ---- drawing ------------------------------------------------------------------------------ */

/* Faint: the run's colour halfway to grey, so the copies sit behind the run itself. */
static pal_rgb faint(pal_rgb c)
{
    int r = (int)(c >> 16 & 255), g = (int)(c >> 8 & 255), b = (int)(c & 255);
    r = (r + 0x70) / 2, g = (g + 0x70) / 2, b = (b + 0x70) / 2;
    return (pal_rgb)(r << 16 | g << 8 | b);
}

/* Bring copy i's thinned points up to its trail: only the rows added since the last
 * time, unless the trail was rewound or thinned, or `fresh` (a new view) says redo. A
 * faint copy needs no more than a sample cell's resolution: points closer than (hx, hy)
 * to the last one kept are left out. */
static void thin_copy(cloud *c, int i, double hx, double hy, int fresh)
{
    cloud_draw *d = &c->draw[i];
    int n;
    const run_row *rows = run_trail(c->copies[i], &n);
    long before, stride = run_trail_stride(c->copies[i], &before);
    if (fresh || d->used > n || stride != d->stride || before != d->before ||
        (d->used > 0 && rows[d->used - 1].iter != d->last))
        d->n = d->used = 0;
    if (2 * (d->n + n - d->used) > d->cap) {
        d->cap = 2 * (d->n + n - d->used) + 64;
        d->pts = ds_xrealloc(d->pts, sizeof(double) * (size_t)d->cap);
    }
    for (int j = d->used; j < n; j++) {
        double x = rows[j].x, y = rows[j].y;
        if (d->n && j < n - 1 && fabs(x - d->pts[2 * d->n - 2]) < hx &&
            fabs(y - d->pts[2 * d->n - 1]) < hy)
            continue;
        d->pts[2 * d->n] = x, d->pts[2 * d->n + 1] = y;
        d->n++;
    }
    d->used = n;
    d->last = n ? rows[n - 1].iter : -1;
    d->stride = stride, d->before = before;
}

ds_status scene_add_cloud(scene *sc, const sess *s, ds_err *err)
{
    cloud *c = s->cloud; /* the drawing cache changes; the copies do not */
    int src = c ? source_index(s, c) : -1;
    if (src < 0) return DS_OK;
    double box[6] = {sc->view[0],
                     sc->view[1],
                     sc->view[2],
                     sc->view[3],
                     sc->gx > 0 ? sc->gx : 100,
                     sc->gy > 0 ? sc->gy : 100};
    if (!c->dvalid || c->dgen != c->gen || memcmp(box, c->dbox, sizeof box) != 0) {
        int fresh = !c->dvalid || memcmp(box, c->dbox, sizeof box) != 0;
        for (int i = 0; i < c->k; i++)
            thin_copy(c, i, (box[1] - box[0]) / box[4], (box[3] - box[2]) / box[5], fresh);
        memcpy(c->dbox, box, sizeof c->dbox);
        c->dgen = c->gen;
        c->dvalid = 1;
    }
    pal_rgb col = faint(pal_run(src));
    for (int i = 0; i < c->k; i++)
        if (scene_add_polyline_style(sc, c->draw[i].pts, c->draw[i].n, col, SOS_FAINT, err))
            return err->code;
    return DS_OK;
}
