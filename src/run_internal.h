/* run_internal.h — the run struct, shared by the files that implement runs: run.c
 * (stepping, the trail, the runset) and run_rewind.c (snapshots, rewind, recomputing a
 * past step for explain). Everyone else reads runs through run.h. */
#ifndef DESCENT_RUN_INTERNAL_H
#define DESCENT_RUN_INTERNAL_H

#include "descent/run.h"

typedef struct run_snap run_snap;

#define SNAP_FIRST 64 /* steps between snapshots before any thinning (a snapshot is ~4 kB) */

struct run {
    const opt_algo *algo;
    opt_hyper h;            /* hyperparameters, tol and maxiter included */
    sched_cfg sched;        /* learning-rate schedule */
    sched_state sst;        /* plateau's memory */
    estop_cfg es;           /* early stopping */
    estop_state est;        /* its memory */
    run_row best;           /* early stopping: the best row so far */
    double start[2];        /* where reset puts θ */
    opt_state st;           /* the optimizer: θ, f, ∇f and its memory */
    run_status status;      /* RUN_READY while it may step */
    char text[320];         /* run_status_text */
    long nonpd_seen;        /* newton: st.nonpd_count when `text` was last written */
    long plain_steps;       /* run_plain_steps */
    unsigned long evals[3]; /* f, ∇f, ∇²f evaluations since the reset */
    run_row cur;            /* the current row, exact */
    run_row *trail;         /* rows [0, ntrail), iter ascending */
    int ntrail, alloc;      /* rows used, rows allocated */
    int cap;                /* rows kept before thinning */
    long stride, before;    /* thinning: rows with iter < before only at multiples of stride */
    opt_explain ex;         /* what the last step computed (st.ex points here) */
    run_snap *snaps;        /* snapshots for rewind, iter ascending (run_rewind.c) */
    int nsnaps, snap_alloc;
    long snap_every; /* regular snapshots at multiples of this many steps */
};

/* run.c */
/* One step with the stop rules. Returns 1 while the run may go on. */
int run_step_once(run *r, objective *o);
void run_trail_push(run *r, const run_row *row);

/* run_rewind.c */
/* Take a regular (thinnable) snapshot now. */
void run_snap_regular(run *r);
/* After a step: a snapshot when the iteration is a multiple of the spacing (64 steps at
 * first, doubled as snapshots are thinned). Asked every step, so it is a mask when the
 * spacing is a power of two (always, but for explain's scratch run), not a division. */
static inline void run_snap_step(run *r)
{
    long every = r->snap_every;
    if (every <= 0) every = r->snap_every = SNAP_FIRST;
    long off = (every & (every - 1)) == 0 ? r->st.t & (every - 1) : r->st.t % every;
    if (off == 0) run_snap_regular(r);
}
/* The configuration changed at this iteration: a snapshot that is never thinned. */
void run_snap_pin(run *r);
/* A copy of the snapshots as they are (for a run without sgd's permutation), to put back
 * exactly after steps that are undone. NULL when out of memory. */
typedef struct run_snaps_saved run_snaps_saved;
run_snaps_saved *run_snaps_save(const run *r);
/* Put them back (r->nsnaps, r->snap_every too) and free the copy. */
void run_snaps_restore(run *r, run_snaps_saved *s);
void run_snaps_free_saved(run_snaps_saved *s);
/* Forget every snapshot (reset); run_snap_free also releases the memory. */
void run_snap_clear(run *r);
void run_snap_free(run *r);

#endif
