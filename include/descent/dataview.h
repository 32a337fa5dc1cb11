/* dataview.h — the data behind a regression loss, as a scene: the dataset's scatter
 * (training and validation points marked differently) in the data's own (x, y) plane,
 * with the selected run's current model over it — the fitted line y = w·x + b for
 * linreg, the sigmoid σ(w·x + b) and its 0.5 threshold x = −b/w for logreg — and, with
 * early stopping, the best iterate's model dashed. The screen and `plot` draw it beside
 * the contour plot of the loss (raster.h: rast_render_data). Pure: no printing. */
#ifndef DESCENT_DATAVIEW_H
#define DESCENT_DATAVIEW_H

#include "descent/scene.h"

#define DV_CURVE_POINTS 161 /* samples of the sigmoid across the view */

/* 1 when the session's objective is a data objective (linreg, logreg), which is what
 * the data view shows; otherwise 0 and why[0..n) says what would be right. */
int dv_available(const sess *s, char *why, size_t n);

/* The box the data view shows for dataset d: x over the data padded by 5% on each side;
 * y over the data padded likewise (logreg: −0.15 to 1.15, so 0 and 1 sit inside).
 * An empty dataset gives [−1, 1] × [−1, 1]. */
void dv_box(const dataset *d, int logistic, double out[4]);

/* The line y = w·x + b across x0..x1: its end points (x0, y0, x1, y1). 0 when w or b is
 * not finite. */
int dv_line(double w, double b, double x0, double x1, double out[4]);
/* σ(w·x + b) at n ≥ 2 evenly spaced x from x0 to x1, as (x, y) pairs in xy[0..2n).
 * Returns n, 0 when w or b is not finite. Stable for any sign of w·x + b. */
int dv_sigmoid(double w, double b, double x0, double x1, int n, double *xy);
/* The decision boundary of logistic regression, where σ(w·x + b) = 0.5: x = −b/w.
 * 0 when there is none (w = 0, or not finite). */
int dv_threshold(double w, double b, double *x);

/* The data view's scene for session s (reusing sc's memory): sc->view is the data box,
 * no levels or field; marks SM_DATA_TRAIN / SM_DATA_VAL at every sample; the model of
 * the selected run's current θ = (w, b) in the run's colour, the best iterate's dashed
 * (early stopping with a best), the threshold and the line σ = 0.5 for logreg.
 * DS_ESTATE when the objective is not a data objective. */
ds_status scene_build_data(scene *sc, const sess *s, const scene_req *q, ds_err *err);

/* The dataview's colours (any palette: they read on the terminal's own background). The
 * samples are neutral so that the model, in its run's colour, stands out over them. */
#define DV_COL_TRAIN     0xB0B0B0 /* training points: light grey */
#define DV_COL_VAL       0xC58AF9 /* validation points: violet (no run has it) */
#define DV_COL_BEST      0xF5F5F5 /* the best iterate's model: near white */
#define DV_COL_THRESHOLD 0x8A8A8A /* the line σ = 0.5: mid grey */

#endif
