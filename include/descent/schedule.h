/* schedule.h — learning-rate schedules (closed forms of the course's section 5, plus
 * reduce-on-plateau) and early stopping (section 6). Pure: a schedule maps the step
 * index t to a learning rate; plateau and early stopping watch a loss they are given. */
#ifndef DESCENT_SCHEDULE_H
#define DESCENT_SCHEDULE_H

#include "descent/err.h"
#include "descent/opt.h"
#include "descent/sbuf.h"

typedef enum {
    SCHED_CONST,
    SCHED_STEP,
    SCHED_EXP,
    SCHED_COSINE,
    SCHED_WARMUP,
    SCHED_PLATEAU
} sched_kind;

/* A schedule and every parameter any schedule has (the table names which apply). */
typedef struct {
    double kind;      /* sched_kind */
    double step;      /* step: decay every `step` steps */
    double gamma;     /* step: factor per decay */
    double lambda;    /* exp (and exp after a warm-up): rate */
    double T;         /* cosine: period; warmup: warm-up length */
    double min;       /* cosine (and cosine after a warm-up): floor α_min */
    double then;      /* warmup: what follows, 0 const, 1 cosine, 2 exp */
    double decay;     /* warmup then=cosine: the cosine's period after the warm-up */
    double factor;    /* plateau: multiply by this on a plateau */
    double patience;  /* plateau: steps without improvement before that */
    double min_delta; /* plateau: an improvement must beat the best by more than this */
} sched_cfg;

/* Reduce-on-plateau's memory (the other schedules have none). */
typedef struct {
    double scale; /* product of the reductions so far */
    double best;  /* best monitored loss, NAN before the first evaluation */
    long wait;    /* evaluations since it improved */
} sched_state;

typedef struct {
    const char *name;
    const char *rule; /* closed form */
    const char *help;
    opt_param params[6]; /* ends with name == NULL */
} sched_entry;

extern const sched_entry sched_table[];
extern const int sched_count;
const sched_entry *sched_find(const char *name);

/* The constant schedule. */
void sched_default(sched_cfg *c);
/* Set `c` to schedule `name` with every parameter at its default. */
ds_status sched_set_kind(sched_cfg *c, const char *name, ds_err *err);
const sched_entry *sched_entry_of(const sched_cfg *c);
const opt_param *sched_param_find(const sched_entry *e, const char *name);

/* No best yet: the first evaluation, after the first step, sets it (COURSE.md §6). */
void sched_state_init(sched_state *st);
/* α_t for step index t (from 0) and base rate lr0. */
double sched_lr(const sched_cfg *c, const sched_state *st, double lr0, long t);
/* Plateau: after a step, the monitored loss. Returns 1 when it reduced the rate. */
int sched_observe(const sched_cfg *c, sched_state *st, double loss);
/* "cosine T=1000 min=0" */
void sched_text(const sched_cfg *c, sbuf *out, int digits);

/* For `list scheds` and completion. */
void sched_list(sbuf *out);
const char *sched_name(int i);
/* The i-th parameter name of schedule `name` (NULL past the end). */
const char *sched_param_name(const char *name, int i);

/* ---- early stopping --------------------------------------------------------------- */

enum {
    ESTOP_MONITOR_VAL,   /* the validation loss when there is a split, else f */
    ESTOP_MONITOR_TRAIN, /* f, the training loss */
    ESTOP_MONITOR_ACC    /* logreg: the validation accuracy, higher is better */
};

typedef struct {
    double on;        /* 0 off, 1 on */
    double patience;  /* steps without improvement before stopping */
    double min_delta; /* an improvement must beat the best by more than this */
    double monitor;   /* ESTOP_MONITOR_*: what is watched */
    double restore;   /* 0 off, 1 on: go back to the best iterate when stopping */
} estop_cfg;

typedef struct {
    double best;    /* best monitored loss */
    long best_iter; /* when */
    long wait;      /* steps since then */
} estop_state;

typedef enum { ESTOP_IMPROVED, ESTOP_WAIT, ESTOP_STOP } estop_verdict;

extern const opt_param estop_params[]; /* ends with name == NULL */
const opt_param *estop_param_find(const char *name);
void estop_default(estop_cfg *c);
/* No best yet (best_iter −1): the first evaluation, after the first step, sets it, so
 * restore can never return the untrained start (COURSE.md §6). */
void estop_state_init(estop_state *st);
/* After step `iter`, the monitored loss. */
estop_verdict estop_observe(const estop_cfg *c, estop_state *st, double loss, long iter);
/* "patience=10 min_delta=0 monitor=val restore=off", or "off" */
void estop_text(const estop_cfg *c, sbuf *out, int digits);

#endif
