/* run_rewind.c — going back in a run: snapshots of everything a step depends on (the
 * optimizer state with sgd's generator and permutation, the schedule's and early
 * stopping's memory, the configuration) taken every few steps and whenever the
 * configuration changes; rewind restores the nearest one and recomputes the rest, so
 * stepping on reproduces the same iterates bit for bit. The same recomputation
 * explains a past step. */
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "run_internal.h"

#define SNAP_MAX 128 /* regular snapshots kept before thinning them by half */

struct run_snap {
    long t;     /* the iteration it holds */
    int pinned; /* taken at a configuration change: never thinned away */
    opt_hyper h;
    sched_cfg sched;
    sched_state sst;
    estop_cfg es;
    estop_state est;
    run_row best, cur;
    opt_state st; /* st.idx is this snapshot's own copy (or NULL) */
    run_status status;
    char text[320];
    long nonpd_seen;
    unsigned long evals[3];
};

/* Copy what a snapshot holds between a run_snap and a run, either way round: fields of
 * the same names and types in both structs, listed once so that taking a snapshot and
 * putting it back cannot drift apart. The optimizer state st comes whole; the caller
 * sees to its permutation buffer and explanation record. */
#define SNAP_COPY(dst, src)                                                                        \
    do {                                                                                           \
        _Static_assert(sizeof(dst)->text == sizeof(src)->text, "text buffers of one size");        \
        (dst)->h = (src)->h;                                                                       \
        (dst)->sched = (src)->sched;                                                               \
        (dst)->sst = (src)->sst;                                                                   \
        (dst)->es = (src)->es;                                                                     \
        (dst)->est = (src)->est;                                                                   \
        (dst)->best = (src)->best;                                                                 \
        (dst)->cur = (src)->cur;                                                                   \
        (dst)->st = (src)->st;                                                                     \
        (dst)->status = (src)->status;                                                             \
        memcpy((dst)->text, (src)->text, sizeof(dst)->text);                                       \
        (dst)->nonpd_seen = (src)->nonpd_seen;                                                     \
        memcpy((dst)->evals, (src)->evals, sizeof(dst)->evals);                                    \
    } while (0)

static void snap_free_one(run_snap *s)
{
    free(s->st.idx);
    s->st.idx = NULL;
}

void run_snap_clear(run *r)
{
    for (int i = 0; i < r->nsnaps; i++)
        snap_free_one(&r->snaps[i]);
    r->nsnaps = 0;
    r->snap_every = SNAP_FIRST;
}

void run_snap_free(run *r)
{
    run_snap_clear(r);
    free(r->snaps);
    r->snaps = NULL;
    r->snap_alloc = 0;
}

/* Fill `s` from the run; returns -1 when the permutation could not be copied. */
static int snap_fill(run_snap *s, const run *r, int pinned)
{
    s->t = r->st.t;
    s->pinned = pinned;
    SNAP_COPY(s, r);
    s->st.ex = NULL;
    s->st.idx = NULL;
    if (r->st.idx && r->st.nidx > 0) {
        s->st.idx = ds_xmalloc(sizeof(int) * (size_t)r->st.nidx);
        if (!s->st.idx) return -1;
        memcpy(s->st.idx, r->st.idx, sizeof(int) * (size_t)r->st.nidx);
    }
    return 0;
}

/* Halve the regular snapshots: keep those at multiples of twice the spacing. */
static void snap_thin(run *r)
{
    long every = r->snap_every * 2;
    int w = 0;
    for (int i = 0; i < r->nsnaps; i++) {
        run_snap *s = &r->snaps[i];
        if (s->pinned || s->t % every == 0)
            r->snaps[w++] = *s;
        else
            snap_free_one(s);
    }
    r->nsnaps = w;
    r->snap_every = every;
}

/* Take a snapshot of the run as it is now (replacing one at the same iteration). Out of
 * memory, the run goes on without it: rewinds then recompute a longer stretch. */
static void snap_take(run *r, int pinned)
{
    if (r->nsnaps && r->snaps[r->nsnaps - 1].t == r->st.t) {
        run_snap *last = &r->snaps[r->nsnaps - 1];
        pinned |= last->pinned;
        snap_free_one(last);
        r->nsnaps--;
    }
    if (r->nsnaps == r->snap_alloc) {
        int want = r->snap_alloc ? r->snap_alloc * 2 : 16;
        run_snap *p = ds_xrealloc(r->snaps, sizeof *p * (size_t)want);
        if (!p) return;
        r->snaps = p;
        r->snap_alloc = want;
    }
    if (snap_fill(&r->snaps[r->nsnaps], r, pinned) == 0) r->nsnaps++;
    int regular = 0;
    for (int i = 0; i < r->nsnaps; i++)
        regular += !r->snaps[i].pinned;
    if (regular > SNAP_MAX) snap_thin(r);
}

void run_snap_regular(run *r)
{
    snap_take(r, 0);
}

void run_snap_pin(run *r)
{
    snap_take(r, 1);
}

/* Put snapshot `s` back into the run (the trail is the caller's business). The run
 * keeps its own permutation buffer and explanation record. */
static int snap_restore(run *r, const run_snap *s)
{
    int *idx = r->st.idx;
    int nidx = r->st.nidx;
    if (s->st.idx) {
        if (!idx || nidx != s->st.nidx) {
            int *p = ds_xrealloc(idx, sizeof(int) * (size_t)s->st.nidx);
            if (!p) return -1;
            idx = p;
        }
        memcpy(idx, s->st.idx, sizeof(int) * (size_t)s->st.nidx);
        nidx = s->st.nidx;
    }
    opt_explain *ex = r->st.ex;
    SNAP_COPY(r, s);
    r->st.idx = idx;
    r->st.nidx = nidx;
    r->st.ex = ex;
    return 0;
}

/* The newest snapshot at or before iteration k. */
static const run_snap *snap_at(const run *r, long k)
{
    const run_snap *best = NULL;
    for (int i = 0; i < r->nsnaps; i++)
        if (r->snaps[i].t <= k) best = &r->snaps[i];
    return best;
}

/* Step the run on to iteration k, or until it stops, counting the evaluations it makes
 * in the run's own counts. */
static void step_on_to(run *r, objective *o, long k)
{
    unsigned long e0[3] = {o->evals[0], o->evals[1], o->evals[2]};
    while (r->st.t < k && r->status == RUN_READY)
        if (!run_step_once(r, o)) break;
    for (int i = 0; i < 3; i++)
        r->evals[i] += o->evals[i] - e0[i];
}

/* Restore the snapshot before k and recompute up to k. Returns -1 without a snapshot. */
static int replay_to(run *r, objective *o, long k)
{
    const run_snap *s = snap_at(r, k);
    if (!s || snap_restore(r, s) != 0) return -1;
    if (r->ex.t != r->st.t) r->ex.t = 0; /* the record is of another step */
    step_on_to(r, o, k);
    return 0;
}

ds_status run_rewind_to(run *r, objective *o, long k, ds_err *err)
{
    if (k < 0 || k > r->st.t)
        return ds_err_set(err, DS_ERANGE, "iteration %ld is outside 0 to %ld", k, r->st.t);
    const run_snap *s = snap_at(r, k);
    if (!s)
        return ds_err_set(err, DS_ESTATE, "no snapshot at or before iteration %ld (reset the run)",
                          k);
    /* The trail: drop rows after the snapshot; make sure its row ends the trail. */
    long t0 = s->t;
    while (r->ntrail && r->trail[r->ntrail - 1].iter > t0)
        r->ntrail--;
    if (r->before > t0) r->before = t0;
    int need_row = !r->ntrail || r->trail[r->ntrail - 1].iter != t0;
    run_row row = s->cur;
    /* Snapshots newer than the snapshot itself belong to the discarded future. */
    while (r->nsnaps && r->snaps[r->nsnaps - 1].t > t0)
        snap_free_one(&r->snaps[--r->nsnaps]);
    if (replay_to(r, o, t0) != 0)
        return ds_err_set(err, DS_ENOMEM, "out of memory while rewinding");
    if (need_row && row.iter == t0) run_trail_push(r, &row);
    step_on_to(r, o, k);
    return DS_OK;
}

ds_status run_explain_step(const run *r, objective *o, long n, opt_explain *out,
                           unsigned long evals[3], ds_err *err)
{
    memset(evals, 0, sizeof(unsigned long) * 3);
    if (n < 1 || n > r->st.t)
        return ds_err_set(err, DS_ERANGE, "the run has taken %ld step%s; a step is 1 to %ld",
                          r->st.t, r->st.t == 1 ? "" : "s", r->st.t);
    if (r->ex.t == n) {
        *out = r->ex;
        return DS_OK;
    }
    /* Recompute in a scratch copy that shares nothing the run owns. */
    run *tmp = ds_xmalloc(sizeof *tmp);
    if (!tmp) return ds_err_set(err, DS_ENOMEM, "out of memory for explaining step %ld", n);
    *tmp = *r;
    tmp->trail = NULL;
    tmp->ntrail = tmp->alloc = 0;
    tmp->cap = 16;
    tmp->snaps = NULL;
    tmp->nsnaps = tmp->snap_alloc = 0;
    tmp->snap_every = 1L << 62; /* takes no snapshots of its own */
    tmp->st.idx = NULL;
    tmp->st.nidx = 0;
    tmp->st.ex = &tmp->ex;
    tmp->ex.t = 0;
    const run_snap *s = snap_at(r, n - 1);
    unsigned long e0[3] = {o->evals[0], o->evals[1], o->evals[2]};
    ds_status rc = DS_OK;
    if (!s || snap_restore(tmp, s) != 0) {
        rc = ds_err_set(err, DS_ENOMEM, "out of memory for explaining step %ld", n);
    } else {
        step_on_to(tmp, o, n); /* the scratch run's own counts are thrown away */
        if (tmp->ex.t != n)
            rc = ds_err_set(err, DS_ESTATE, "step %ld could not be recomputed", n);
        else
            *out = tmp->ex;
    }
    for (int i = 0; i < 3; i++)
        evals[i] = o->evals[i] - e0[i];
    free(tmp->trail);
    free(tmp->st.idx);
    free(tmp);
    return rc;
}

int run_config_at(const run *r, int i, long *iter, opt_hyper *h, sched_cfg *sc, estop_cfg *es)
{
    for (int k = 0; k < r->nsnaps; k++) {
        const run_snap *s = &r->snaps[k];
        if (!s->pinned || i-- > 0) continue;
        *iter = s->t;
        *h = s->h;
        *sc = s->sched;
        *es = s->es;
        return 1;
    }
    return 0;
}

const opt_explain *run_last_explain(const run *r)
{
    return r->st.t > 0 && r->ex.t == r->st.t ? &r->ex : NULL;
}

/* ---- a copy to undo steps with (run.c's step_many) ---------------------------------- */

struct run_snaps_saved {
    run_snap *snaps; /* the array as it was; no snapshot owns a permutation (checked) */
    int n;
    long every;
};

run_snaps_saved *run_snaps_save(const run *r)
{
    for (int i = 0; i < r->nsnaps; i++)
        if (r->snaps[i].st.idx) return NULL;
    run_snaps_saved *s = ds_xmalloc(sizeof *s);
    if (!s) return NULL;
    s->n = r->nsnaps;
    s->every = r->snap_every;
    s->snaps = ds_xmalloc(sizeof *s->snaps * (size_t)(s->n ? s->n : 1));
    if (!s->snaps) {
        free(s);
        return NULL;
    }
    memcpy(s->snaps, r->snaps, sizeof *s->snaps * (size_t)s->n);
    return s;
}

void run_snaps_restore(run *r, run_snaps_saved *s)
{
    for (int i = 0; i < r->nsnaps; i++)
        snap_free_one(&r->snaps[i]);
    /* the array only grows, so the old snapshots fit where they were */
    if (s->n) memcpy(r->snaps, s->snaps, sizeof *s->snaps * (size_t)s->n);
    r->nsnaps = s->n;
    r->snap_every = s->every;
    run_snaps_free_saved(s);
}

void run_snaps_free_saved(run_snaps_saved *s)
{
    if (!s) return;
    free(s->snaps);
    free(s);
}
