/* race.h — a fair race between optimizers: each algorithm's learning rate (and β where
 * it has one) is tuned on the same coarse log grid under the same evaluation budget,
 * then the tuned settings run once each and are ranked. Deterministic but for time. */
#ifndef DESCENT_RACE_H
#define DESCENT_RACE_H

#include "descent/sweep.h"

#define RACE_MAXALGOS 16

typedef struct {
    const opt_algo *algo;
    opt_hyper h;               /* the tuned setting (tol is the race's) */
    const opt_param *tuned[2]; /* the parameters tuned (NULL when none) */
    int trials;                /* settings tried */
    sweep_cell cell;           /* the tuned run's result */
    double seconds;            /* its wall time */
} race_entry;

typedef struct {
    const opt_algo *algos[RACE_MAXALGOS];
    int nalgos;
    double start[2];
    unsigned long budget; /* evaluations (f + ∇f + ∇²f) per run */
    double tol;           /* converged when ‖∇f‖ < tol */
    int threads;          /* for the tuning grid; 0 one per core */
} race_spec;

/* The learning rates and β values tried. */
extern const double race_lr_grid[];
extern const int race_lr_count;
extern const double race_beta_grid[];
extern const int race_beta_count;

/* Tune and run every algorithm; `out` gets nalgos entries ranked best first: converged
 * ones by fewest evaluations, then the rest by final f. */
ds_status race_run(const race_spec *rs, const objective *o, race_entry *out, ds_err *err);

/* The leaderboard as a table. */
void race_table(const race_spec *rs, const race_entry *e, int n, sbuf *out, int digits);

#endif
