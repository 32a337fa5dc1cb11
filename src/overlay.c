/* overlay.c — the explain overlays' table and the run's own overlays: the selected run's
 * last step as arrows (its terms, then the sum Δθ) with a one-line caption, NAG's
 * look-ahead point and line-search trials as marks; the first- and second-order Taylor
 * models at the cursor as contour lines at the plot's own levels, so where they part from
 * the true contours shows where the model stops holding. Also the helpers every overlay
 * shares (captions, lengths on the picture, labels). The geometry at the cursor and the
 * map's grid are in overlay_geom.c. Drawing never counts as an evaluation. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/run.h"
#include "descent/utf8.h"
#include "overlay_internal.h"

#define COL_TERM1 OV_COL_TERM1
#define COL_TERM2 OV_COL_TERM2
#define COL_SUM   OV_COL_SUM
#define COL_MODEL OV_COL_MODEL

/* ---- shared helpers ---------------------------------------------------------------- */

/* On the screen a unit of `width` is a cell column and a row is `cellratio` of them;
 * figures count pixels (cellratio 1). */
static int in_cells(const scene *sc)
{
    return sc->cellratio > 1.5;
}

ds_status ov_caption(scene *sc, const char *text, pal_rgb color, ds_err *err)
{
    int k = sc->ncaption;
    if (k >= (int)(sizeof sc->caption_ov / sizeof sc->caption_ov[0])) return DS_OK;
    sc->caption_ov[k] = sc->nov;
    sc->ncaption++;
    /* where it goes is decided once every caption is in (place_captions) */
    double x = sc->view[0] + (in_cells(sc) ? 1.5 / sc->width : 0.02) * (sc->view[1] - sc->view[0]);
    return scene_add_text(sc, x, sc->view[2], text, color, err);
}

/* The captions stack in the bottom-left corner, in the order they were added, the last on
 * the bottom row: runs start a fifth of the way in from the top-left corner by default,
 * so the bottom-left is the corner least often drawn on. On the screen one a row. */
#define OV_SHORT_PLOT_ROWS 12

static void place_captions(scene *sc)
{
    double vh = sc->view[3] - sc->view[2];
    int n = sc->ncaption;
    /* A short plot (80×24 with a lesson open leaves about nine rows) would be a third
     * captions: there two stay, and the later ones (the grid's image extent, a second
     * overlay's) give way. Taller plots keep every caption. */
    int most = 2;
    if (in_cells(sc) && sc->height < OV_SHORT_PLOT_ROWS && n > most) {
        for (int k = most; k < n; k++)
            sc->ov[sc->caption_ov[k]].text[0] = '\0';
        n = most;
    }
    for (int k = 0; k < n; k++) {
        double up = in_cells(sc) && sc->height >= 1 ? (n - 1 - k + 0.5) * vh / sc->height
                                                    : (0.03 + 0.045 * (n - 1 - k)) * vh;
        sc->ov_pts[2 * (size_t)sc->ov[sc->caption_ov[k]].start + 1] = sc->view[2] + up;
    }
}

double ov_size(const scene *sc)
{
    return fmin(sc->width, sc->height * sc->cellratio);
}

void ov_scale(const scene *sc, double *sx, double *sy)
{
    *sx = sc->width / (sc->view[1] - sc->view[0]);
    *sy = sc->height * sc->cellratio / (sc->view[3] - sc->view[2]);
}

int ov_along(const scene *sc, double dx, double dy, double len, double out[2])
{
    double sx, sy;
    ov_scale(sc, &sx, &sy);
    double p = hypot(dx * sx, dy * sy);
    out[0] = out[1] = 0;
    if (!isfinite(p) || p == 0) return 0;
    out[0] = dx * len / p;
    out[1] = dy * len / p;
    return 1;
}

ds_status ov_label(scene *sc, const double p[2], const double q[2], const char *text, pal_rgb color,
                   ds_err *err)
{
    double d[2], sx, sy;
    /* a cell past the head (a few pixels in a figure), then back by the label's width
     * when the arrow points left, so the label never covers its own arrow */
    double cw = in_cells(sc) ? 1.0 : ov_size(sc) / 70;
    if (!ov_along(sc, q[0] - p[0], q[1] - p[1], 1, d)) return DS_OK;
    ov_scale(sc, &sx, &sy);
    /* one cell on from the head, whichever way it points (a row is cellratio columns) */
    double ux = fabs(d[0]) * sx, uy = fabs(d[1]) * sy / (in_cells(sc) ? sc->cellratio : 1);
    double gap = 1.1 * cw / fmax(ux, uy);
    d[0] *= gap, d[1] *= gap;
    double x = q[0] + d[0], y = q[1] + d[1];
    int cols = utf8_width(text, strlen(text)); /* columns: a Hangul syllable takes 2 */
    if (q[0] < p[0] - 1e-12 * fabs(p[0])) x -= (cols - 1) * cw / sx;
    return scene_add_text(sc, x, y, text, color, err);
}

/* An arrow from p by d, and the point it ends at. */
static ds_status arrow_by(scene *sc, const double p[2], const double d[2], pal_rgb col,
                          double end[2], ds_err *err)
{
    end[0] = p[0] + d[0];
    end[1] = p[1] + d[1];
    return scene_add_arrow(sc, p[0], p[1], end[0], end[1], col, err);
}

static ds_status caption(scene *sc, const char *text, ds_err *err)
{
    return ov_caption(sc, text, COL_SUM, err);
}

/* The two terms of the last step (a then b, drawn head to tail) and what they are called.
 * Returns 0 when the algorithm's step is one term (drawn as the sum alone). */
static int terms(const char *algo, const opt_hyper *h, const opt_explain *e, double a[2],
                 double b[2], const char **na, const char **nb)
{
    double lr = e->lr, be = h->beta;
    for (int i = 0; i < 2; i++) {
        a[i] = b[i] = 0;
        if (!strcmp(algo, "momentum")) {
            a[i] = -lr * be * e->vprev[i];
            b[i] = -lr * (1 - be) * e->gw[i];
        } else if (!strcmp(algo, "heavyball")) {
            a[i] = be * e->vprev[i];
            b[i] = -lr * e->gw[i];
        } else if (!strcmp(algo, "nag")) {
            a[i] = -be * e->vprev[i];
            b[i] = -lr * e->gw[i];
        } else if (!strcmp(algo, "adamw")) {
            a[i] = e->p[i] - e->x0[i];
            b[i] = e->x1[i] - e->p[i];
        } else {
            return 0;
        }
    }
    *na = !strcmp(algo, "momentum")    ? "−αβv"
          : !strcmp(algo, "heavyball") ? "βΔw"
          : !strcmp(algo, "nag")       ? _("−βv (look-ahead)")
                                       : "−α·wd·θ";
    *nb = !strcmp(algo, "momentum") ? "−α(1−β)g"
          : !strcmp(algo, "adamw")  ? _("Adam step")
          : !strcmp(algo, "nag")    ? _("−α∇J(ahead)")
                                    : "−αg";
    return 1;
}

static ds_status add_steps(scene *sc, const sess *s, ds_err *err)
{
    const run *r = runset_get(&s->runs, s->runs.selected);
    const opt_explain *e = r ? run_last_explain(r) : NULL;
    if (!e) return caption(sc, _("steps: no step yet (step or run)"), err);
    const char *algo = run_algo_name(r), *na, *nb;
    double a[2], b[2], mid[2], end[2];
    double sum[2] = {e->x1[0] - e->x0[0], e->x1[1] - e->x0[1]};
    char text[160];
    if (terms(algo, run_hyper(r), e, a, b, &na, &nb)) {
        if (arrow_by(sc, e->x0, a, COL_TERM1, mid, err)) return err->code;
        if (arrow_by(sc, mid, b, COL_TERM2, end, err)) return err->code;
        snprintf(text, sizeof text, "%s: %s + %s = Δθ", algo, na, nb);
    } else if (run_algo(r)->flags & OPTF_SEARCH && !e->linear) {
        /* the search line and its trials */
        int n = e->ntrials < EXPL_MAXTRIALS ? e->ntrials : EXPL_MAXTRIALS;
        for (int i = (e->restart ? e->restart_trial : 0); i < n; i++) {
            double x = e->x0[0] + e->trials[i].a * e->d[0], y = e->x0[1] + e->trials[i].a * e->d[1];
            if (scene_add_text(sc, x, y, "·", COL_TERM2, err)) return err->code;
        }
        snprintf(text, sizeof text, P_("%s: α·d (%d trial ·)", "%s: α·d (%d trials ·)", e->ntrials),
                 algo, e->ntrials);
    } else {
        /* the plain gradient step beside the one taken (adaptive rates, Newton) */
        double g[2] = {-e->lr * e->gw[0], -e->lr * e->gw[1]};
        if (!strcmp(algo, "newton") || (run_algo(r)->flags & OPTF_SEARCH))
            g[0] = -e->g0[0] * e->lr, g[1] = -e->g0[1] * e->lr;
        if (strcmp(algo, "gd") && strcmp(algo, "sgd") &&
            arrow_by(sc, e->x0, g, COL_TERM1, end, err))
            return err->code;
        snprintf(text, sizeof text,
                 strcmp(algo, "gd") && strcmp(algo, "sgd") ? _("%s: Δθ beside −αg")
                                                           : "%s: Δθ = −αg",
                 algo);
    }
    if (arrow_by(sc, e->x0, sum, COL_SUM, end, err)) return err->code;
    return caption(sc, text, err);
}

/* The Taylor model of f at the cursor, first (order 1) or second order. */
typedef struct {
    double x0[2], f, g[2], H[3];
    int order;
} model;

static double model_at(void *ctx, double x, double y)
{
    const model *m = ctx;
    double dx = x - m->x0[0], dy = y - m->x0[1];
    double v = m->f + m->g[0] * dx + m->g[1] * dy;
    if (m->order == 2) v += 0.5 * (m->H[0] * dx * dx + 2 * m->H[1] * dx * dy + m->H[2] * dy * dy);
    return v;
}

static ds_status add_taylor(scene *sc, const sess *s, int order, ds_err *err)
{
    objective ob = s->obj; /* a shallow copy: drawing must not count as evaluations */
    model m = {{s->cursor[0], s->cursor[1]}, 0, {0, 0}, {0, 0, 0}, order};
    obj_hess(&ob, m.x0[0], m.x0[1], &m.f, m.g, m.H);
    if (!isfinite(m.f) || !isfinite(m.g[0]) || !isfinite(m.g[1])) return DS_OK;
    /* the model is these numbers: while they stay, last frame's lines are reused */
    double key[9] = {order, m.x0[0], m.x0[1], m.f, m.g[0], m.g[1], m.H[0], m.H[1], m.H[2]};
    if (scene_add_contours_keyed(sc, model_at, &m, key, 9, sc->lev, sc->nlev, COL_MODEL, err))
        return err->code;
    return DS_OK;
}

static ds_status add_taylor1(scene *sc, const sess *s, ds_err *err)
{
    return add_taylor(sc, s, 1, err);
}

static ds_status add_taylor2(scene *sc, const sess *s, ds_err *err)
{
    return add_taylor(sc, s, 2, err);
}

static ds_status ready_run(const sess *s, ds_err *err)
{
    if (runset_count(&s->runs) > 0) return DS_OK;
    return ds_err_set(err, DS_ESTATE, "overlay steps needs a run: algo NAME makes one first");
}

const overlay_entry overlay_table[] = {
    {"steps", N_("the selected run's last step: its terms as arrows, then the sum Δθ"), ready_run,
     add_steps},
    {"taylor1", N_("contours of the first-order Taylor model at the cursor (magenta)"), NULL,
     add_taylor1},
    {"taylor2", N_("contours of the second-order Taylor model at the cursor (magenta)"), NULL,
     add_taylor2},
    {"secant", N_("bfgs: the step s, Hₖy before the update (Hₖ₊₁y = s), the model's contour"), NULL,
     overlay_add_secant},
    {"eigen", N_("the Hessian's eigenvector axes at the cursor, length by |λ|, dashed if λ < 0"),
     NULL, ov_add_eigen},
    {"grad", N_("∇f and −∇f at the cursor, and Dᵥ f = ∇fᵀv along set direction"), NULL,
     ov_add_grad},
    {"prox", N_("the selected gd run's proximal step: θ − α∇f and the circle ‖α∇f‖"), ov_ready_prox,
     ov_add_prox},
    {"grid", N_("the image of a square grid under the map; hatched where det J < 0"), ov_ready_grid,
     ov_add_grid},
    {"bound", N_("gd's O(1/k) bound f* + ‖θ₀ − θ*‖²/(2αk) as a dashed curve on the f chart"),
     overlay_ready_bound, overlay_add_bound},
};
const int overlay_count = (int)(sizeof overlay_table / sizeof overlay_table[0]);

int overlay_find(const char *name)
{
    for (int i = 0; i < overlay_count; i++)
        if (strcmp(overlay_table[i].name, name) == 0) return i;
    return -1;
}

ds_status overlay_add(scene *sc, const sess *s, ds_err *err)
{
    sc->ncaption = 0;
    for (int i = 0; i < overlay_count; i++)
        if (s->overlays & (1u << i) && overlay_table[i].add(sc, s, err)) return err->code;
    place_captions(sc);
    return DS_OK;
}
