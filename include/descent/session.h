/* session.h — the model every front end shares: the objective, its data, the
 * vector map, the cursor, the view, printing settings, and the runs. Pure state; the
 * command language changes it, the screen only reads it. */
#ifndef DESCENT_SESSION_H
#define DESCENT_SESSION_H

#include "descent/objective.h"
#include "descent/dataset.h"
#include "descent/expr.h"
#include "descent/run.h"

typedef enum { LEVELS_AUTO, LEVELS_LIN, LEVELS_LOG, LEVELS_AT } level_mode;
/* auto: equal for catalog objectives whose default view is square, fill otherwise */
typedef enum { ASPECT_AUTO, ASPECT_EQUAL, ASPECT_FILL } aspect_mode;
typedef enum { PATHS_THICK, PATHS_THIN, PATHS_DOTS } path_style;

#define SESS_MAXLEVELS 64

/* Something a layer above the session attaches to it (the lesson engine): the session
 * carries it without knowing what it is, and sess_free hands it to `release`. */
typedef struct {
    void *data;                  /* NULL when nothing is attached */
    void (*release)(void *data); /* frees `data`; called once by sess_free */
} sess_ext;

typedef struct sess {
    objective obj;     /* what is minimized now */
    dataset data;      /* the dataset data objectives borrow */
    expr *map[2];      /* vector map (x, y) -> (m1, m2) for `jacobian map`; NULL when unset */
    double cursor[2];  /* where eval/grad/hessian look when no point is given */
    double view[4];    /* plot box x0 x1 y0 y1 */
    int nlevels;       /* contour levels */
    level_mode levels; /* spacing of contour levels */
    double level_at[SESS_MAXLEVELS]; /* LEVELS_AT: the levels given, ascending */
    int nlevel_at;                   /* how many */
    int palette;                     /* pal_id (palette.h): the band colours */
    aspect_mode aspect;              /* equal: one unit of x and y the same length on screen */
    double cellratio;                /* a character cell's height over its width (aspect equal) */
    path_style paths;                /* how run paths are drawn between iterates */
    int digits;                      /* significant digits printed, 1..17 */
    runset runs;                     /* optimizers compared side by side */
    double speed;                    /* animation: steps per second on the screen */
    int arrow;         /* 1: the plot draws the steepest-descent direction −∇f at the cursor */
    unsigned overlays; /* explain overlays shown: bit i is overlay_table[i] (overlay.h) */
    double direction[2];      /* `set direction DX DY`: v for the grad overlay's Dᵥ f, as given
                               * (never zero; the overlay uses v/‖v‖ as the course does) */
    sess_ext ext;             /* the lesson engine (lesson.h: lesson_of), above this layer */
    int present;              /* presenter mode: the screen shows the plot alone */
    char caption[240];        /* `say`: the caption over the plot; "" for none */
    struct sweep_view *sweep; /* the latest sweep, map or basins, NULL when none (sweep.h) */
    int dataview;             /* 1: the data view beside the plot (data objectives only) */
    struct cloud *cloud;      /* stochastic copies of one run, NULL when none (cloud.h) */
} sess;

/* A fresh session: rosenbrock, default data generated, cursor at the view centre. */
sess *sess_new(void);
void sess_free(sess *s);

/* Replace the objective (takes ownership of `o`'s contents), move the view to its
 * default box and tell the runs. */
void sess_set_objective(sess *s, objective *o);

#endif
