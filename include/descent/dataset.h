/* dataset.h — a dataset with one scalar feature and a target, for the course's
 * regression objectives: seeded synthetic generation, CSV load/save, and a
 * train/validation split. */
#ifndef DESCENT_DATASET_H
#define DESCENT_DATASET_H

#include <stdint.h>
#include "descent/err.h"

typedef enum { DATA_LINREG, DATA_LOGREG } data_kind;

typedef struct {
    int n;            /* number of samples */
    double *x;        /* feature x_n */
    double *y;        /* target y_n (0/1 for logistic regression) */
    int ntrain;       /* samples [0, ntrain) train, [ntrain, n) validate; ntrain == n: no split */
    data_kind kind;   /* what it was generated for (a loaded file: guessed from y) */
    char origin[128]; /* how it was made, shown to the learner ("gen linreg n=50 ...") */
} dataset;

void data_init(dataset *d);
void data_free(dataset *d);
/* Deep copy; dst is overwritten (freed first). */
ds_status data_copy(dataset *dst, const dataset *src, ds_err *err);

/* Synthetic data: linreg y = 2x - 1 + noise*N(0,1), x uniform in [-2, 2];
 * logreg y ~ Bernoulli(sigmoid(3x + 0.5 + noise*N(0,1))). Deterministic per seed. */
ds_status data_generate(dataset *d, data_kind kind, int n, double noise, uint64_t seed,
                        ds_err *err);

/* CSV with two numeric columns x,y; an optional header line; '#' comments.
 * On error reports "FILE:LINE: what" and leaves `d` untouched. */
ds_status data_load_csv(dataset *d, const char *path, ds_err *err);
ds_status data_save_csv(const dataset *d, const char *path, ds_err *err);

/* Shuffle (seeded) then keep the first `fraction` for training (0 < fraction <= 1). */
ds_status data_split(dataset *d, double fraction, uint64_t seed, ds_err *err);

#endif
