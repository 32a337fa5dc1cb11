/* sweep.h — many short runs at once: a 1-D sweep or 2-D map of hyperparameters, basins
 * of attraction over a grid of start points, or a list of settings (race tuning). Each
 * cell steps without a trail; cells run on worker threads, in the background if the
 * caller wants, and each cell's result is independent of thread count and order. */
#ifndef DESCENT_SWEEP_H
#define DESCENT_SWEEP_H

#include "descent/err.h"
#include "descent/objective.h"
#include "descent/opt.h"
#include "descent/schedule.h"

#define SWEEP_MAXCELLS   1000000 /* the largest grid one command may ask for */
#define SWEEP_MAXTHREADS 64

typedef enum {
    SWEEP_PARAM,  /* cells over one or two hyperparameters, same start */
    SWEEP_BASINS, /* cells over start points in a box, same hyperparameters */
    SWEEP_LIST    /* cells are the given hyperparameter sets (race tuning) */
} sweep_kind;

/* A cell's status: the run_status words, plus one for a cell not computed yet. */
typedef enum {
    CELL_PENDING, /* not computed (cancelled before it ran) */
    CELL_CONVERGED,
    CELL_DIVERGED,
    CELL_MAXITER,
    CELL_STALLED
} cell_status;

typedef struct {
    long steps;             /* optimizer steps taken */
    double f;               /* f at the last finite iterate */
    double f0;              /* f at the start */
    double x, y;            /* the last finite iterate */
    unsigned long evals[3]; /* f, ∇f, ∇²f evaluations */
    int status;             /* cell_status */
} sweep_cell;

typedef struct {
    sweep_kind kind;
    const opt_algo *algo;
    opt_hyper h;           /* every cell's hyperparameters but the swept ones */
    sched_cfg sched;       /* the run's schedule (first-order methods) */
    double start[2];       /* SWEEP_PARAM, SWEEP_LIST: where every cell starts */
    const opt_param *p[2]; /* SWEEP_PARAM: swept parameters; p[1] NULL for 1-D */
    double lo[2], hi[2];   /* SWEEP_PARAM: ranges; SWEEP_BASINS: the box x0 x1, y0 y1 */
    int n[2];              /* cells along each axis (1-D: n[1] = 1) */
    int logsp[2];          /* 1: log spacing along that axis */
    const opt_hyper *list; /* SWEEP_LIST: n[0] settings */
    unsigned long budget;  /* stop a cell when f+∇f+∇²f evaluations reach this (0: none) */
} sweep_spec;

/* The value along `axis` of grid index i (0..n−1): lin or log spaced, ends exact. */
double sweep_axis_value(const sweep_spec *sp, int axis, int i);
/* Cells in all. */
long sweep_ncells(const sweep_spec *sp);

/* Run one cell: `algo` with `h` (maxiter caps its steps) from x0, without a trail.
 * Uses o's evaluation counters (pass a private copy when threads share o). */
void sweep_cell_run(const opt_algo *algo, const opt_hyper *h, const sched_cfg *sc, objective *o,
                    const double x0[2], unsigned long budget, sweep_cell *out);

typedef struct sweep_job sweep_job;

/* Start computing every cell of `sp` on `threads` worker threads (0: one per core) and
 * return at once. `o` and the spec (and its list) must outlive the job. NULL and err set
 * when out of memory. */
sweep_job *sweep_start(const sweep_spec *sp, const objective *o, int threads, ds_err *err);
/* Cells finished so far, of sweep_ncells. */
long sweep_progress(const sweep_job *j);
/* 1 when every worker has stopped (all cells done, or cancelled). */
int sweep_finished(const sweep_job *j);
/* Ask the workers to stop after their current cell; computed cells are kept. */
void sweep_cancel(sweep_job *j);
/* Wait for the workers. Returns 1 when every cell was computed. */
int sweep_wait(sweep_job *j);
/* The cells (index i + n[0]·j for grid cell (i, j)); valid until sweep_free. Once the
 * workers have stopped (sweep_finished, sweep_wait) every computed cell; while they run,
 * the cells published by the last sweep_sync, the rest CELL_PENDING. Workers never write
 * what this returns while they run, so a reader on another thread races with nothing. */
const sweep_cell *sweep_cells(const sweep_job *j);
/* Publish the cells finished since the last call to what sweep_cells returns while the
 * workers run. For the one thread that reads a running job (the screen, each frame). */
void sweep_sync(sweep_job *j);
/* Wait, then free. */
void sweep_free(sweep_job *j);
/* Seconds since the job started (monotonic clock). */
double sweep_elapsed(const sweep_job *j);

/* Everything at once (batch, tests). Returns 1 when complete. */
int sweep_run(const sweep_spec *sp, const objective *o, int threads, sweep_cell *cells,
              ds_err *err);

/* One word per cell_status: "converged", "diverged", "maxiter", "stalled", "" pending. */
const char *sweep_status_word(int status);

/* ---- theory for quadratics ----------------------------------------------------------- */

typedef struct {
    int known;             /* 1 when the objective is a quadratic with λmin > 0 */
    double lmin, lmax;     /* Hessian eigenvalues */
    double gd_stable;      /* 2/λmax: gd diverges above */
    double gd_safe;        /* 1/λmax */
    double gd_fast;        /* 2/(λmin + λmax): the fastest fixed rate */
    double hb_lr, hb_beta; /* heavy ball's optimal α and β */
} sweep_theory;

/* On quad, bowl, ellipse and rotated (and a typed formula that is exactly quadratic):
 * the Hessian's eigenvalues and the classic rates; known = 0 elsewhere. */
void sweep_theory_of(objective *o, sweep_theory *t);
/* Heavy ball's stability on a quadratic: 1 when 0 < α·λ < 2(1+β) for both eigenvalues
 * and 0 ≤ β < 1. */
int sweep_hb_stable(const sweep_theory *t, double lr, double beta);

/* ---- a sweep the session keeps (for pictures, CSV and pick) ------------------------- */

#include <stdio.h>

#include "descent/sbuf.h"

typedef enum { VIEW_SWEEP, VIEW_MAP, VIEW_BASINS } sweep_view_kind;

typedef struct sweep_view {
    sweep_view_kind kind;
    sweep_spec sp;
    sweep_job *job;  /* owns the cells */
    sweep_theory th; /* quadratic theory, th.known = 0 elsewhere */
    char obj[32];    /* the objective's name when it started */
    int nknown;      /* basins: known stationary points, minima first */
    double known[2 * OBJ_MAXPOINTS][2];
    int nminima;      /* the first nminima of `known` are minima, the rest saddles */
    double tol_point; /* basins: reached points closer than this are the same */
    char file[512];   /* CSV to write when it finishes, "" for none */
    int shown;        /* 1: the screen draws it over the plot */
    int reported;     /* 1: its result was printed */
    double seconds;   /* wall time when it finished */
} sweep_view;

void sweep_view_free(sweep_view *v);
/* The cell of grid (i, j), or NULL outside the grid. */
const sweep_cell *sweep_view_cell(const sweep_view *v, int i, int j);
/* Basins: the label of a cell's reached point: 0..nknown−1 a known point, nknown.. a
 * point found by clustering, −1 none. `pts` gets up to 64 distinct points. */
int sweep_view_labels(const sweep_view *v, int *labels, double pts[][2], int maxpts);
/* The CSV for its kind (%.17g numbers); returns rows written or −1 on a write error. */
long sweep_view_csv(const sweep_view *v, FILE *f);
/* What it found, in words, then after a blank line a text picture `width` columns wide
 * (1-D chart, map, or basins) whose grid takes at most `height` rows (0: 20 for a map,
 * 24 for basins; the 1-D chart is 12), for batch output, the screen and the README. */
void sweep_view_report(const sweep_view *v, sbuf *out, int width, int height, int digits);
/* The fewest and most steps among converged cells (1 and 1 when none converged): the
 * ends of the map's shading. */
void sweep_view_steps_range(const sweep_view *v, long *lo, long *hi);
/* One line about grid cell (i, j): its parameters or start, steps, final f, status. */
void sweep_view_cell_text(const sweep_view *v, int i, int j, sbuf *out, int digits);

#endif
