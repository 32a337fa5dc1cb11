/* raster_data.c — the data view in cells: the scene of dataview.c (samples, the model,
 * the best model, logreg's threshold) with axes in the data's units, a title naming the
 * model with its numbers, and a legend row; and the split the screen and `plot` share,
 * the contour plot on the left and the data view on the right. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/dataview.h"
#include "descent/fmt.h"
#include "descent/i18n.h"
#include "descent/utf8.h"
#include "raster_internal.h"

void rast_data_min_size(int *w, int *h)
{
    *w = 24;
    *h = 9;
}

void rast_split_min_size(const rast_opts *o, int *w, int *h)
{
    int pw, ph, dw, dh;
    rast_min_size(o, &pw, &ph);
    rast_data_min_size(&dw, &dh);
    *w = pw + dw;
    *h = ph > dh ? ph : dh;
}

int rast_split_width(int w)
{
    int wd = w / 2, mw, mh;
    rast_data_min_size(&mw, &mh);
    return wd < mw ? mw : wd;
}

/* "y = 1.74·x − 0.577" or "p = σ(2.9·x + 0.41), 0.5 at x = −0.14" for θ = (w, b); with
 * `tight`, logreg's in fewer columns: "σ(2.9·x+0.41)=½ at −0.14". */
static void model_text(sbuf *b, int logistic, double w, double bb, int tight)
{
    char a[40], c[40], t[40];
    fmt_num_str(a, sizeof a, w, 3);
    fmt_num_str(c, sizeof c, fabs(bb), 3);
    const char *sign = bb < 0 ? "−" : "+";
    if (!logistic) {
        sbuf_printf(b, "y = %s·x %s %s", a, sign, c);
        return;
    }
    sbuf_printf(b, tight ? "σ(%s·x%s%s)" : "p = σ(%s·x %s %s)", a, sign, c);
    double x;
    if (dv_threshold(w, bb, &x))
        sbuf_printf(b, tight ? _("=½ at %s") : _(", 0.5 at x = %s"),
                    fmt_num_str(t, sizeof t, x, 3));
}

static void title(rast *r, const sess *s)
{
    sbuf b;
    sbuf_init(&b);
    const run *rn = runset_get(&s->runs, s->runs.selected);
    const run_row *cur = rn ? run_current(rn) : NULL;
    for (int tight = 0; tight < 2; tight++) {
        sbuf_reset(&b);
        if (cur) {
            sbuf_puts(&b, tight ? " " : _(" data: "));
            model_text(&b, s->obj.kind == OBJ_LOGREG, cur->x, cur->y, tight);
        } else {
            sbuf_printf(&b, _(" data: %s"), s->data.origin);
        }
        if ((int)utf8_width(sbuf_str(&b), b.len) <= r->w) break;
    }
    rast_put_text(r, 0, 0, r->w, sbuf_str(&b), RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, RAST_BOLD);
    sbuf_free(&b);
}

/* One legend item: its glyph in colour, then the words. Returns the new column. */
static int item(rast *r, int row, int col, const char *glyph, int32_t fg, const char *words)
{
    if (col >= r->w) return col;
    int used = rast_put_text(r, row, col, r->w - col, glyph, fg, RAST_COLOR_DEFAULT, RAST_BOLD);
    used += rast_put_text(r, row, col + used, r->w - col - used, words, RAST_COLOR_DEFAULT,
                          RAST_COLOR_DEFAULT, 0);
    return col + used + 2;
}

static int32_t color_of(rast *r, const rast_opts *o, pal_rgb c, int ansi8)
{
    return o->colors >= 256 ? rast_color(r, o->colors, c) : o->colors ? ansi8 : RAST_COLOR_DEFAULT;
}

/* "loss: train 0.139  val 0.201  acc 0.9" for the selected run now. */
static void losses(rast *r, const sess *s, int row)
{
    const run *rn = runset_get(&s->runs, s->runs.selected);
    const run_row *cur = rn ? run_current(rn) : NULL;
    if (!cur) return;
    sbuf b;
    sbuf_init(&b);
    char v[40];
    sbuf_printf(&b, _(" loss: train %s"), fmt_num_str(v, sizeof v, cur->f, 3));
    if (isfinite(cur->val)) sbuf_printf(&b, _("  val %s"), fmt_num_str(v, sizeof v, cur->val, 3));
    if (isfinite(cur->acc))
        sbuf_printf(&b, _("  val acc %s"), fmt_num_str(v, sizeof v, cur->acc, 3));
    rast_put_text(r, row, 0, r->w, sbuf_str(&b), RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
    sbuf_free(&b);
}

/* The legend's items: glyph, colour, and the words long and short (narrow views). */
typedef struct {
    const char *glyph;
    int32_t fg;
    char wide[48], narrow[32];
} legend_item;

static void legend(rast *r, const sess *s, const rast_opts *o, int row)
{
    const dataset *d = s->obj.data;
    int a = o->ascii, n = 0;
    legend_item it[4];
    it[n] = (legend_item){a ? "*" : "•", color_of(r, o, DV_COL_TRAIN, 7), "", ""};
    snprintf(it[n].wide, sizeof it[n].wide, _(" train %d"), d->ntrain);
    snprintf(it[n++].narrow, sizeof it[0].narrow, "%s", _("train"));
    if (d->n > d->ntrain) {
        it[n] = (legend_item){a ? "o" : "○", color_of(r, o, DV_COL_VAL, 5), "", ""};
        snprintf(it[n].wide, sizeof it[n].wide, _(" val %d"), d->n - d->ntrain);
        snprintf(it[n++].narrow, sizeof it[0].narrow, "%s", _("val"));
    }
    int sel = s->runs.selected;
    const run *rn = runset_get(&s->runs, sel);
    if (rn) {
        it[n] = (legend_item){a ? "-" : "─", rast_run_color(sel, o->colors), "", ""};
        snprintf(it[n].wide, sizeof it[n].wide, _(" run %d it %ld"), sel + 1, run_iter(rn));
        snprintf(it[n++].narrow, sizeof it[0].narrow, _("it %ld"), run_iter(rn));
        const run_row *best = run_best(rn);
        if (best) {
            it[n] = (legend_item){a ? "=" : "┄", color_of(r, o, DV_COL_BEST, 7), "", ""};
            snprintf(it[n].wide, sizeof it[n].wide, _(" best it %ld"), best->iter);
            snprintf(it[n++].narrow, sizeof it[0].narrow, _("best %ld"), best->iter);
        }
    }
    int need = 1;
    for (int i = 0; i < n; i++)
        need += 1 + (int)utf8_width(it[i].wide, strlen(it[i].wide)) + 2;
    int narrow = need > r->w;
    for (int i = 0, col = 1; i < n; i++) /* column 0 parts it from the plot's key */
        col = item(r, row, col, it[i].glyph, it[i].fg, narrow ? it[i].narrow : it[i].wide) - narrow;
}

ds_status rast_render_data(rast *r, const sess *s, int w, int h, const rast_opts *o, ds_err *err)
{
    int mw, mh;
    rast_data_min_size(&mw, &mh);
    if (w < mw || h < mh || w > 4000 || h > 2000)
        return ds_err_set(err, DS_ERANGE,
                          "a data view of %dx%d cells does not fit: it needs at least %dx%d", w, h,
                          mw, mh);
    char why[200];
    if (!dv_available(s, why, sizeof why)) return ds_err_set(err, DS_ESTATE, "%s", why);
    /* Title on top, the x axis (2 rows) and the legend below, y ticks on the left; with a
     * legend row under the contour plot (plot), a row of losses too, so that both halves'
     * axes line up (the legend takes the row of the contour plot's colour key). */
    int loss_row = o->legend == 1;
    rast_opts lo = {.ascii = o->ascii,
                    .colors = o->colors,
                    .title = 1,
                    .axes = 1,
                    .legend = 1,
                    .key = loss_row};
    double box[4];
    dv_box(s->obj.data, s->obj.kind == OBJ_LOGREG, box);
    rast_layout L;
    rast_layout_compute(&L, box, h, &lo);
    int pw = w - L.margin, ph = h - L.top - L.bottom;
    if (pw < 4 || ph < 2)
        return ds_err_set(err, DS_ERANGE, "a data view of %dx%d cells leaves no room to plot", w,
                          h);
    if (rast_reserve(r, w, h, pw, ph, err)) return err->code;
    r->w = w, r->h = h;
    r->px = L.margin, r->py = L.top, r->pw = pw, r->ph = ph;
    r->key = 0; /* nothing of the contour plot's cached base is here */
    scene_req q = {.width = pw, .height = ph, .cellratio = s->cellratio, .gx = 1, .gy = 1};
    if (scene_build_data(&r->sc, s, &q, err)) return err->code;
    memcpy(r->view, r->sc.view, sizeof r->view);
    r->nlev = 0;
    r->log = 0;
    r->fmin = r->fmax = NAN;
    for (size_t i = 0; i < (size_t)w * h; i++)
        r->cells[i] = (rast_cell){' ', RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0, RK_EMPTY};
    rast_draw_axes(r, &L, &lo);
    title(r, s);
    rast_opts ov = *o;
    ov.cursor = 0;
    rast_draw_overlay(r, &ov);
    legend(r, s, o, loss_row ? h - 2 : h - 1);
    if (loss_row) losses(r, s, h - 1);
    return DS_OK;
}

ds_status rast_render_split(rast *out, rast *plot, rast *data, const sess *s, int w, int h,
                            const rast_opts *o, ds_err *err)
{
    int wd = rast_split_width(w), wp = w - wd;
    if (rast_render(plot, s, wp, h, o, err)) return err->code;
    if (rast_render_data(data, s, wd, h, o, err)) return err->code;
    if (rast_reserve(out, w, h, 1, 1, err)) return err->code;
    out->w = w, out->h = h;
    out->px = plot->px, out->py = plot->py, out->pw = plot->pw, out->ph = plot->ph;
    memcpy(out->view, plot->view, sizeof out->view);
    out->key = 0;
    for (int j = 0; j < h; j++) {
        memcpy(out->cells + (size_t)j * w, plot->cells + (size_t)j * wp, sizeof(rast_cell) * wp);
        memcpy(out->cells + (size_t)j * w + wp, data->cells + (size_t)j * wd,
               sizeof(rast_cell) * wd);
    }
    return DS_OK;
}
