/* objective.h — what is being minimized: a formula, the course's quadratic
 * ½θᵀAθ − bᵀθ, or a regression loss over a dataset; and the catalog of named
 * objectives with their view boxes, known minima/saddles and what each teaches. */
#ifndef DESCENT_OBJECTIVE_H
#define DESCENT_OBJECTIVE_H

#include <stddef.h>
#include <stdint.h>

#include "descent/err.h"
#include "descent/expr.h"
#include "descent/dataset.h"

typedef enum { OBJ_FORMULA, OBJ_QUAD, OBJ_LINREG, OBJ_LOGREG } obj_kind;

#define OBJ_MAXPOINTS 8

/* One row of the catalog. */
typedef struct {
    const char *name;
    obj_kind kind;
    const char *formula; /* in the expr language for OBJ_FORMULA; display text otherwise */
    const char *args;    /* argument synopsis for `func NAME args`, "" when none */
    const char *note;    /* one line: what it teaches */
    double view[4];      /* default view box x0 x1 y0 y1 */
    int log_levels;      /* 1: contour levels on a log scale (huge dynamic range) */
    int nmin;
    double minima[OBJ_MAXPOINTS][2];
    int nsaddle;
    double saddles[OBJ_MAXPOINTS][2];
} obj_entry;

extern const obj_entry obj_catalog[];
extern const int obj_catalog_count;
const obj_entry *obj_find(const char *name);

/* The live objective. Owns its compiled formula; borrows the dataset. */
typedef struct {
    obj_kind kind;
    char name[32];       /* catalog name, or "formula" for a typed one */
    char formula[512];   /* what the learner sees */
    const char *note;    /* may be NULL */
    expr *e;             /* OBJ_FORMULA */
    double A[3], b[2];   /* OBJ_QUAD: A = [[A0, A1], [A1, A2]] */
    const dataset *data; /* OBJ_LINREG / OBJ_LOGREG: training part is [0, ntrain) */
    double view[4];
    int log_levels;
    int nmin;
    double minima[OBJ_MAXPOINTS][2];
    int nsaddle;
    double saddles[OBJ_MAXPOINTS][2];
    unsigned long evals[3]; /* counters: f, ∇f, ∇²f evaluations (the caller may reset) */
} objective;

void obj_init(objective *o);
void obj_free(objective *o);

/* Build a catalog objective. `args` are numeric arguments (quad: A11 A12 A22 [b1 b2]).
 * `data` is required for linreg/logreg. On error `o` is untouched. */
ds_status obj_make_catalog(objective *o, const char *name, const double *args, int nargs,
                           const dataset *data, ds_err *err);
/* Build from a formula. On error `o` is untouched and err has the column. */
ds_status obj_make_formula(objective *o, const char *src, ds_err *err);

/* Evaluations over the whole (training) objective. Counters are bumped. */
double obj_value(objective *o, double x, double y);
void obj_grad(objective *o, double x, double y, double *f, double g[2]);
void obj_hess(objective *o, double x, double y, double *f, double g[2], double h[3]);
/* Value without touching counters (for contour grids). */
double obj_peek(const objective *o, double x, double y);
/* The same at n points: f[k] = obj_peek(o, x[k], y[k]) to the bit, a formula's points a
 * block at a time (expr_value_n). */
void obj_peek_n(const objective *o, const double *x, const double *y, double *f, size_t n);

/* Data objectives only: loss and gradient over samples idx[0..m) scaled to estimate
 * the full training objective (so m = ntrain with every index equals obj_grad). */
void obj_batch_grad(objective *o, const int *idx, int m, double x, double y, double *f,
                    double g[2]);
/* Data objectives only: the same loss over the validation part; NAN without a split. */
double obj_val_loss(const objective *o, double x, double y);

/* logreg with a split only: the fraction of validation samples classified right
 * (σ(w·x + b) ≥ ½ predicts 1); NAN otherwise. The course's val_acc. */
double obj_val_accuracy(const objective *o, double x, double y);

int obj_is_data(const objective *o);

/* h (hash.h) with the objective's identity folded in: its kind, name, formula, a
 * quadratic's A and b, and which data set it reads (by address, not by contents). */
uint64_t obj_hash(uint64_t h, const objective *o);

/* Whether (x, y) is a kink of a formula, where a derivative was taken by descent's
 * convention (abs′(0) = 0, min/max ties take the left argument, an infinite slope times
 * a zero tangent is 0): 0 no, 1 the gradient may not exist, 2 the Hessian may not. What
 * met it goes into what[n] ("sqrt where its slope is infinite", "abs at 0"). */
int obj_kink(const objective *o, double x, double y, char *what, size_t n);

#endif
