/* cloud.h — a cloud of stochastic runs: K copies of one sgd run (its parameters,
 * schedule, early stopping, start and mid-run changes) with seeds S, S+1, …, S+K−1,
 * kept at the same iteration as the run they copy, so the screen and `plot` draw them
 * faintly behind it and `cloud` reports the spread of where they ended. Deterministic:
 * the same seeds give the same copies. Pure: no printing. */
#ifndef DESCENT_CLOUD_H
#define DESCENT_CLOUD_H

#include "descent/scene.h"

#define CLOUD_MAX       100  /* copies at most */
#define CLOUD_TRAIL_CAP 2000 /* trail rows each copy keeps before thinning (drawing only) */

typedef struct cloud cloud;

/* Whether run r on objective o draws random numbers (sgd with a mini-batch smaller than
 * the training set, or with noise > 0 on a formula): 1, else 0 with why[0..n) saying what
 * would make it so. */
int cloud_noisy(const struct run *r, const objective *o, char *why, size_t n);

/* K copies of the selected run with seeds S.. (seed NAN: from the run's own seed, so the
 * run is one of them), brought to its iteration; replaces any cloud. DS_ERANGE for K
 * outside 1..CLOUD_MAX, DS_ESTATE for no run or a run without noise; on error nothing
 * changes. `max_steps` > 0 refuses a cloud that would take more steps than that. */
ds_status cloud_make(sess *s, int k, double seed, long max_steps, ds_err *err);
void cloud_free(cloud *c);

/* Bring the copies to where their run is now: the steps it took since, back with it when
 * it was rewound, rebuilt when its parameters, schedule, start or objective changed.
 * Drops the cloud when its run is gone. Cheap when nothing changed. */
void cloud_sync(sess *s);

/* The spread of the copies' current points. */
typedef struct {
    int k;          /* copies */
    int run;        /* the run they copy (0-based) */
    double seed;    /* the first seed */
    long iter;      /* the iteration they were brought to */
    int nfinite;    /* copies with a finite θ and f (the statistics use these) */
    int ndiverged;  /* copies that diverged */
    double mean[2]; /* mean of θ per coordinate */
    double sd[2];   /* standard deviation of θ per coordinate (population: divides by n) */
    double fmean;   /* mean final f */
    double fsd;     /* its standard deviation (population) */
    double fmin, fmax;
} cloud_stats;

void cloud_stats_of(const cloud *c, cloud_stats *st);
/* The session's cloud: the index of the run it copies (−1 when there is no cloud), and
 * its K and first seed when asked. */
int cloud_info(const sess *s, int *k, double *seed);

/* Mean and population standard deviation of v[0..n) (n ≥ 1), two passes (no
 * cancellation); NAN for n = 0. */
void cloud_spread(const double *v, int n, double *mean, double *sd);

/* The copies as faint polylines, in their run's colour, behind every run (scene.c calls
 * it while building the overlay). */
ds_status scene_add_cloud(scene *sc, const sess *s, ds_err *err);

#endif
