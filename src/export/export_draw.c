/* export_draw.c — the scene drawn with cairo: the field as an image of band colours
 * (one sample per device pixel for PNG), contour lines traced at the figure's
 * resolution, axes with ticks, the colour key, minima and saddles, every run's path as a
 * polyline with its markers, the overlays, a legend and a title. Layout is in points
 * times `unit`, so a 1600x1000 PNG looks like an 800x500 pt SVG at twice the scale. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/dataview.h"
#include "descent/i18n.h"
#include "descent/palette.h"
#include "export_internal.h"

/* Sample cells for vector formats at most (the embedded field image and the contour
 * grid); PNG samples every pixel of its plot area. */
#define VECTOR_MAX_SAMPLES 1500000.0

typedef struct {
    cairo_t *cr;
    const scene *sc;
    double u;              /* layout unit: one point in surface units */
    double x0, y0, pw, ph; /* the plot area on the surface */
    sbuf *note;            /* font fallbacks */
    double tol;            /* polyline simplification tolerance; 0: keep every point */
} fig;

static void rgb(cairo_t *cr, pal_rgb c, double alpha)
{
    cairo_set_source_rgba(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0,
                          (c & 255) / 255.0, alpha);
}

static double X(const fig *g, double x)
{
    const double *v = g->sc->view;
    return g->x0 + (x - v[0]) / (v[1] - v[0]) * g->pw;
}

static double Y(const fig *g, double y)
{
    const double *v = g->sc->view;
    return g->y0 + (v[3] - y) / (v[3] - v[2]) * g->ph;
}

/* Text with its left edge (align 0), centre (0.5) or right edge (1) at x and its
 * baseline at y, `size` points. */
static void text(fig *g, double x, double y, double size, double align, const char *s)
{
    cairo_select_font_face(g->cr, export_font_for(s, g->note), CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(g->cr, size * g->u);
    cairo_text_extents_t e;
    cairo_text_extents(g->cr, s, &e);
    cairo_move_to(g->cr, x - align * e.x_advance, y);
    cairo_show_text(g->cr, s);
}

/* ---- the field and the contour lines ----------------------------------------------- */

static ds_status draw_field(fig *g, ds_err *err)
{
    const scene *sc = g->sc;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sc->gx, sc->gy);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return ds_err_set(err, DS_ENOMEM, "not enough memory for a %dx%d field image", sc->gx,
                          sc->gy);
    }
    cairo_surface_flush(img);
    unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int j = 0; j < sc->gy; j++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)j * stride);
        for (int i = 0; i < sc->gx; i++) {
            /* A sample cell takes the band of the mean of its corners, as on the screen. */
            double f = (scene_f(sc, i, j) + scene_f(sc, i + 1, j) + scene_f(sc, i, j + 1) +
                        scene_f(sc, i + 1, j + 1)) /
                       4;
            int b = scene_band_of(sc, f);
            row[i] = b < 0 ? sc->undef : sc->band[b];
        }
    }
    cairo_surface_mark_dirty(img);
    cairo_save(g->cr);
    cairo_translate(g->cr, g->x0, g->y0);
    cairo_scale(g->cr, g->pw / sc->gx, g->ph / sc->gy);
    cairo_set_source_surface(g->cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(g->cr), CAIRO_FILTER_GOOD);
    cairo_rectangle(g->cr, 0, 0, sc->gx, sc->gy);
    cairo_fill(g->cr);
    cairo_restore(g->cr);
    cairo_surface_destroy(img);
    return DS_OK;
}

/* Distance from (px, py) to the line through (ax, ay) and (bx, by). */
static double off_line(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len = hypot(dx, dy);
    if (len == 0) return hypot(px - ax, py - ay);
    return fabs((px - ax) * dy - (py - ay) * dx) / len;
}

/* A polyline through pts[0..n) (x, y pairs in data coordinates); a NAN x breaks it.
 * Points that lie within a tenth of a point of the straight line past them are left
 * out: contours traced at the figure's resolution keep their shape at a fraction of
 * the size (vector formats; a PNG takes every point). */
static void polyline(fig *g, const double *pts, int n, int closed)
{
    double tol = g->tol;
    int k = 0;
    while (k < n) {
        while (k < n && (!isfinite(pts[2 * k]) || !isfinite(pts[2 * k + 1])))
            k++;
        if (k >= n) break;
        int first = k;
        double ax = X(g, pts[2 * k]), ay = Y(g, pts[2 * k + 1]);
        cairo_move_to(g->cr, ax, ay);
        k++;
        while (k < n && isfinite(pts[2 * k]) && isfinite(pts[2 * k + 1])) {
            /* Extend the segment from (ax, ay) as far as every point skipped stays on it. */
            int end = k;
            for (int c = k + 1;
                 tol > 0 && c < n && c < k + 64 && isfinite(pts[2 * c]) && isfinite(pts[2 * c + 1]);
                 c++) {
                double cx = X(g, pts[2 * c]), cy = Y(g, pts[2 * c + 1]);
                int ok = 1;
                for (int m = k; m < c && ok; m++)
                    ok = off_line(X(g, pts[2 * m]), Y(g, pts[2 * m + 1]), ax, ay, cx, cy) <= tol;
                if (!ok) break;
                end = c;
            }
            ax = X(g, pts[2 * end]);
            ay = Y(g, pts[2 * end + 1]);
            cairo_line_to(g->cr, ax, ay);
            k = end + 1;
        }
        if (closed && first == 0 && k >= n) cairo_close_path(g->cr);
    }
}

static void draw_contours(fig *g)
{
    const scene *sc = g->sc;
    for (int i = 0; i < sc->nlines; i++) {
        const scene_line *L = &sc->lines[i];
        polyline(g, sc->pts + 2 * (size_t)L->start, L->n, L->closed);
    }
    rgb(g->cr, sc->line, 0.85);
    cairo_set_line_width(g->cr, 0.6 * g->u);
    cairo_stroke(g->cr);
}

/* ---- markers, runs and overlays ---------------------------------------------------- */

static void star(cairo_t *cr, double x, double y, double r)
{
    for (int k = 0; k < 10; k++) {
        double a = -M_PI / 2 + k * M_PI / 5, rr = k % 2 ? r * 0.45 : r;
        if (k == 0)
            cairo_move_to(cr, x + rr * cos(a), y + rr * sin(a));
        else
            cairo_line_to(cr, x + rr * cos(a), y + rr * sin(a));
    }
    cairo_close_path(cr);
}

static void cross(cairo_t *cr, double x, double y, double r)
{
    cairo_move_to(cr, x - r, y - r);
    cairo_line_to(cr, x + r, y + r);
    cairo_move_to(cr, x - r, y + r);
    cairo_line_to(cr, x + r, y - r);
}

/* Stroke the current path twice: a dark halo, then the colour, so a marker reads on
 * every band colour. */
static void stroke_outlined(cairo_t *cr, pal_rgb c, double u)
{
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 2.6 * u);
    cairo_stroke_preserve(cr);
    rgb(cr, c, 1);
    cairo_set_line_width(cr, 1.4 * u);
    cairo_stroke(cr);
}

/* A run's head glyph as a shape: ● ■ ▲ ◆ ▼ ✚ (scene_run_glyph), filled, dark edge. */
static void head(cairo_t *cr, uint32_t glyph, double x, double y, double r, pal_rgb c, double u)
{
    switch (glyph) {
    case 0x25A0: cairo_rectangle(cr, x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r); break;
    case 0x25B2:
    case 0x25BC: {
        double s = glyph == 0x25B2 ? 1 : -1;
        cairo_move_to(cr, x, y - s * r * 1.1);
        cairo_line_to(cr, x + r, y + s * r * 0.8);
        cairo_line_to(cr, x - r, y + s * r * 0.8);
        cairo_close_path(cr);
        break;
    }
    case 0x25C6:
        cairo_move_to(cr, x, y - r * 1.2);
        cairo_line_to(cr, x + r, y);
        cairo_line_to(cr, x, y + r * 1.2);
        cairo_line_to(cr, x - r, y);
        cairo_close_path(cr);
        break;
    case 0x271A:
        cairo_rectangle(cr, x - r, y - r * 0.35, 2 * r, 0.7 * r);
        cairo_rectangle(cr, x - r * 0.35, y - r, 0.7 * r, 2 * r);
        break;
    default: cairo_arc(cr, x, y, r, 0, 2 * M_PI); break;
    }
    rgb(cr, c, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.6 * u);
    cairo_stroke(cr);
}

static void draw_mark(fig *g, const scene_mark *m)
{
    cairo_t *cr = g->cr;
    double x = X(g, m->x), y = Y(g, m->y), u = g->u;
    cairo_new_path(cr);
    switch (m->kind) {
    case SM_MIN:
        star(cr, x, y, 5.5 * u);
        rgb(cr, m->color, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.6 * u);
        cairo_stroke(cr);
        break;
    case SM_SADDLE:
    case SM_DIVERGED:
        cross(cr, x, y, 3.5 * u);
        stroke_outlined(cr, m->color, u);
        break;
    case SM_START:
        cairo_arc(cr, x, y, 3.5 * u, 0, 2 * M_PI);
        stroke_outlined(cr, m->color, u);
        break;
    case SM_CONVERGED:
        cairo_move_to(cr, x - 4 * u, y);
        cairo_line_to(cr, x - 1 * u, y + 3 * u);
        cairo_line_to(cr, x + 5 * u, y - 4 * u);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 2.8 * u);
        cairo_stroke_preserve(cr);
        rgb(cr, m->color, 1);
        cairo_set_line_width(cr, 1.5 * u);
        cairo_stroke(cr);
        break;
    case SM_HEAD: head(cr, scene_run_glyph(m->run), x, y, 3.6 * u, m->color, u); break;
    case SM_CURSOR: break; /* the screen's cursor is not part of a figure */
    case SM_DATA_TRAIN:
    case SM_DATA_VAL: /* data samples: a filled dot, an open ring */
        cairo_arc(cr, x, y, 2.6 * u, 0, 2 * M_PI);
        rgb(cr, m->color, 1);
        if (m->kind == SM_DATA_TRAIN) {
            cairo_fill_preserve(cr);
            cairo_set_source_rgba(cr, 0, 0, 0, 0.6);
            cairo_set_line_width(cr, 0.5 * u);
            cairo_stroke(cr);
        } else {
            cairo_set_line_width(cr, 1.2 * u);
            cairo_stroke(cr);
        }
        break;
    }
}

/* Solid, dashed, dotted, dash-dot: runs differ without colour too. */
static void set_dash(cairo_t *cr, int dash, double u)
{
    static const double pat[4][4] = {{0}, {6, 3}, {1.2, 2.4}, {6, 2.5, 1.2, 2.5}};
    static const int n[4] = {0, 2, 2, 4};
    double d[4];
    int k = dash % 4;
    for (int i = 0; i < n[k]; i++)
        d[i] = pat[k][i] * u;
    cairo_set_dash(cr, d, n[k], 0);
}

static void draw_runs(fig *g)
{
    const scene *sc = g->sc;
    cairo_set_line_join(g->cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(g->cr, CAIRO_LINE_CAP_ROUND);
    for (int i = 0; i < sc->nruns; i++) {
        const scene_run *R = &sc->runs[i];
        cairo_new_path(g->cr);
        polyline(g, sc->path + 2 * (size_t)R->start, R->n, 0);
        cairo_set_dash(g->cr, NULL, 0, 0);
        cairo_set_source_rgba(g->cr, 0, 0, 0, 0.55); /* a dark halo: visible on any band */
        cairo_set_line_width(g->cr, 3.2 * g->u);
        cairo_stroke_preserve(g->cr);
        set_dash(g->cr, R->dash, g->u);
        rgb(g->cr, R->color, 1);
        cairo_set_line_width(g->cr, 1.6 * g->u);
        cairo_stroke(g->cr);
    }
    cairo_set_dash(g->cr, NULL, 0, 0);
}

static void draw_overlays(fig *g)
{
    const scene *sc = g->sc;
    for (int i = 0; i < sc->nov; i++) {
        const scene_overlay *o = &sc->ov[i];
        const double *p = sc->ov_pts + 2 * (size_t)o->start;
        cairo_new_path(g->cr);
        rgb(g->cr, o->color, 1);
        cairo_set_line_width(g->cr, 1.2 * g->u);
        if (o->kind == SO_TEXT && o->n >= 1) {
            text(g, X(g, p[0]), Y(g, p[1]), 9, 0, o->text);
        } else if (o->kind == SO_ARROW && o->n >= 2) {
            double x0 = X(g, p[0]), y0 = Y(g, p[1]), x1 = X(g, p[2]), y1 = Y(g, p[3]);
            double a = atan2(y1 - y0, x1 - x0), h = 6 * g->u;
            cairo_move_to(g->cr, x0, y0);
            cairo_line_to(g->cr, x1, y1);
            cairo_stroke(g->cr);
            cairo_move_to(g->cr, x1, y1);
            cairo_line_to(g->cr, x1 - h * cos(a - 0.4), y1 - h * sin(a - 0.4));
            cairo_line_to(g->cr, x1 - h * cos(a + 0.4), y1 - h * sin(a + 0.4));
            cairo_close_path(g->cr);
            cairo_fill(g->cr);
        } else {
            static const double dashes[2] = {5, 3};
            double d[2] = {dashes[0] * g->u, dashes[1] * g->u};
            polyline(g, p, o->n, 0);
            if (o->style == SOS_DASHED) cairo_set_dash(g->cr, d, 2, 0);
            if (o->style == SOS_FAINT) {
                rgb(g->cr, o->color, 0.35);
                cairo_set_line_width(g->cr, 0.7 * g->u);
            }
            cairo_stroke(g->cr);
            cairo_set_dash(g->cr, NULL, 0, 0);
        }
    }
}

/* ---- axes, key, legend, title ------------------------------------------------------ */

/* A tick step of 1, 2 or 5 times a power of ten giving about `want` ticks over span. */
static double nice_step(double span, double want)
{
    double raw = span / (want < 1 ? 1 : want), mag = pow(10, floor(log10(raw)));
    double m = raw / mag;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * mag;
}

static void tick_label(char *buf, size_t cap, double v, double step)
{
    if (fabs(v) < step * 1e-9) v = 0;
    snprintf(buf, cap, "%.6g", v);
    /* A true minus sign, as in print. */
    if (buf[0] == '-' && strlen(buf) + 2 < cap) {
        memmove(buf + 3, buf + 1, strlen(buf));
        memcpy(buf, "\xe2\x88\x92", 3);
    }
}

static void draw_axes(fig *g)
{
    cairo_t *cr = g->cr;
    const double *v = g->sc->view;
    double u = g->u;
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.8 * u);
    cairo_rectangle(cr, g->x0, g->y0, g->pw, g->ph);
    cairo_stroke(cr);
    char buf[48];
    double sx = nice_step(v[1] - v[0], g->pw / (70 * u));
    for (double t = ceil(v[0] / sx) * sx; t <= v[1] + sx * 1e-9; t += sx) {
        double x = X(g, t);
        cairo_move_to(cr, x, g->y0 + g->ph);
        cairo_line_to(cr, x, g->y0 + g->ph + 4 * u);
        cairo_stroke(cr);
        tick_label(buf, sizeof buf, t, sx);
        text(g, x, g->y0 + g->ph + 14 * u, 9, 0.5, buf);
    }
    double sy = nice_step(v[3] - v[2], g->ph / (45 * u));
    for (double t = ceil(v[2] / sy) * sy; t <= v[3] + sy * 1e-9; t += sy) {
        double y = Y(g, t);
        cairo_move_to(cr, g->x0 - 4 * u, y);
        cairo_line_to(cr, g->x0, y);
        cairo_stroke(cr);
        tick_label(buf, sizeof buf, t, sy);
        text(g, g->x0 - 6 * u, y + 3.2 * u, 9, 1, buf);
    }
    text(g, g->x0 + g->pw / 2, g->y0 + g->ph + 27 * u, 9, 0.5, "x");
    text(g, g->x0 - 30 * u, g->y0 + g->ph / 2, 9, 0.5, "y");
}

/* The colour key: one box per band from the lowest (bottom) up, level values between. */
static void draw_key(fig *g)
{
    const scene *sc = g->sc;
    cairo_t *cr = g->cr;
    double u = g->u, kx = g->x0 + g->pw + 10 * u, kw = 11 * u;
    int nb = sc->nlev + 1;
    double bh = g->ph / nb;
    for (int b = 0; b < nb; b++) {
        rgb(cr, sc->band[b], 1);
        cairo_rectangle(cr, kx, g->y0 + g->ph - (b + 1) * bh, kw, bh + 0.3 * u);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.6 * u);
    cairo_rectangle(cr, kx, g->y0, kw, g->ph);
    cairo_stroke(cr);
    /* Labels no closer than 11 pt: every `every`-th level. */
    int every = (int)ceil(11 * u / bh);
    if (every < 1) every = 1;
    char buf[48];
    for (int k = 0; k < sc->nlev; k += every) {
        double y = g->y0 + g->ph - (k + 1) * bh;
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cairo_move_to(cr, kx + kw, y);
        cairo_line_to(cr, kx + kw + 3 * u, y);
        cairo_stroke(cr);
        scene_level_label(sc, k, buf, sizeof buf);
        text(g, kx + kw + 5 * u, y + 3 * u, 8, 0, buf);
    }
    text(g, kx, g->y0 - 6 * u, 9, 0, sc->log ? _("f (log)") : "f");
}

/* "gd lr=0.01", and how the run ended once it has ("gd lr=0.01 · converged"). */
static const char *legend_label(const scene_run *R, char *buf, size_t cap)
{
    /* by status, not by word: the word is in the interface's language */
    if (R->word[0] && R->status != RUN_READY && !strstr(R->label, R->word))
        snprintf(buf, cap, "%s \xc2\xb7 %s", R->label, R->word);
    else
        snprintf(buf, cap, "%s", R->label);
    return buf;
}

static void draw_legend(fig *g)
{
    const scene *sc = g->sc;
    if (sc->nruns == 0) return;
    cairo_t *cr = g->cr;
    double u = g->u, row = 13 * u, pad = 5 * u, w = 0;
    char label[160];
    cairo_set_font_size(cr, 9 * u);
    for (int i = 0; i < sc->nruns; i++) {
        cairo_text_extents_t e;
        legend_label(&sc->runs[i], label, sizeof label);
        cairo_select_font_face(cr, export_font_for(label, g->note), CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        cairo_text_extents(cr, label, &e);
        if (e.x_advance > w) w = e.x_advance;
    }
    double bx = g->x0 + 6 * u, by = g->y0 + 6 * u, bw = w + 38 * u + 2 * pad,
           bh = row * sc->nruns + 2 * pad - 3 * u;
    cairo_rectangle(cr, bx, by, bw, bh);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    cairo_set_line_width(cr, 0.5 * u);
    cairo_stroke(cr);
    for (int i = 0; i < sc->nruns; i++) {
        const scene_run *R = &sc->runs[i];
        double y = by + pad + row * i + 5 * u;
        cairo_move_to(cr, bx + pad, y);
        cairo_line_to(cr, bx + pad + 26 * u, y);
        set_dash(cr, R->dash, u);
        rgb(cr, R->color, 1);
        cairo_set_line_width(cr, 1.6 * u);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        head(cr, scene_run_glyph(i), bx + pad + 13 * u, y, 3.2 * u, R->color, u);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text(g, bx + pad + 33 * u, y + 3.2 * u, 9, 0, legend_label(R, label, sizeof label));
    }
}

static void draw_title(fig *g, const sess *s, double width)
{
    sbuf t;
    sbuf_init(&t);
    if (strcmp(s->obj.name, s->obj.formula) == 0 || !s->obj.formula[0])
        sbuf_printf(&t, "%s", s->obj.name);
    else
        sbuf_printf(&t, "%s   f = %s", s->obj.name, s->obj.formula);
    cairo_set_source_rgb(g->cr, 0.1, 0.1, 0.1);
    cairo_save(g->cr);
    cairo_rectangle(g->cr, 0, 0, width, g->y0);
    cairo_clip(g->cr);
    text(g, g->x0, 16 * g->u, 11, 0, sbuf_str(&t));
    cairo_restore(g->cr);
    sbuf_free(&t);
}

/* `dataview on`: the data view's scene (dataview.h) in the panel of `d` — the samples,
 * the models with a dark halo (the best model's near white reads on paper too), axes in
 * the data's units and the model as the panel's title. */
static ds_status draw_data(fig *d, const sess *s, ds_err *err)
{
    scene sc;
    scene_init(&sc);
    scene_req q = {.width = d->pw, .height = d->ph, .cellratio = 1, .gx = 1, .gy = 1};
    ds_status st = scene_build_data(&sc, s, &q, err);
    if (st != DS_OK) {
        scene_free(&sc);
        return st;
    }
    /* cppcheck sees a local's address outlive the call; it is cleared before the one
     * return below. */
    // cppcheck-suppress autoVariables
    d->sc = &sc;
    cairo_t *cr = d->cr;
    cairo_save(cr);
    cairo_rectangle(cr, d->x0, d->y0, d->pw, d->ph);
    cairo_clip(cr);
    for (int i = 0; i < sc.nov; i++) { /* halos under the models */
        const scene_overlay *o = &sc.ov[i];
        if (o->kind != SO_POLYLINE || o->style == SOS_FAINT || o->color == DV_COL_THRESHOLD)
            continue;
        cairo_new_path(cr);
        polyline(d, sc.ov_pts + 2 * (size_t)o->start, o->n, 0);
        cairo_set_source_rgba(cr, 0, 0, 0, 0.55);
        cairo_set_line_width(cr, 3 * d->u);
        cairo_stroke(cr);
    }
    draw_overlays(d);
    for (int i = 0; i < sc.nmarks; i++)
        draw_mark(d, &sc.marks[i]);
    cairo_restore(cr);
    draw_axes(d);
    const run *r = runset_get(&s->runs, s->runs.selected);
    const run_row *cur = r ? run_current(r) : NULL;
    if (cur) {
        char t[160];
        double w = cur->x, b = cur->y, x;
        if (s->obj.kind == OBJ_LOGREG && dv_threshold(w, b, &x))
            snprintf(t, sizeof t, _("data: p = σ(%.3g·x %s %.3g), 0.5 at x = %.3g"), w,
                     b < 0 ? "−" : "+", fabs(b), x);
        else if (s->obj.kind == OBJ_LOGREG)
            snprintf(t, sizeof t, _("data: p = σ(%.3g·x %s %.3g)"), w, b < 0 ? "−" : "+", fabs(b));
        else
            snprintf(t, sizeof t, _("data: y = %.3g·x %s %.3g"), w, b < 0 ? "−" : "+", fabs(b));
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text(d, d->x0, 16 * d->u, 11, 0, t);
    }
    d->sc = NULL; /* the scene is this function's: no pointer to it outlives the call */
    scene_free(&sc);
    return DS_OK;
}

ds_status export_draw(cairo_t *cr, const sess *s, const export_page *pg, sbuf *note, ds_err *err)
{
    double u = pg->unit;
    fig g = {.cr = cr, .u = u, .note = note, .tol = pg->per_pixel ? 0 : 0.1 * u};
    g.x0 = 52 * u;
    g.y0 = 26 * u;
    g.pw = pg->width - g.x0 - 62 * u;
    g.ph = pg->height - g.y0 - 36 * u;
    /* dataview on: the data view takes the right 42% of the page, as on the screen. */
    fig d = g;
    int data = s->dataview && dv_available(s, NULL, 0);
    if (data) {
        double dw = 0.42 * pg->width;
        g.pw -= dw;
        d.x0 = pg->width - dw + 44 * u;
        d.pw = dw - 44 * u - 14 * u;
    }
    if (g.pw < 40 * u || g.ph < 30 * u || (data && d.pw < 40 * u))
        return ds_err_set(err, DS_ERANGE,
                          "a %gx%g figure leaves no room for the plot; make it at least "
                          "%gx%g",
                          pg->width, pg->height, ceil(154 * u), ceil(92 * u));
    /* Samples: every device pixel for PNG; for vector formats about one per point,
     * fewer on huge pages. */
    double k = 1;
    if (!pg->per_pixel && g.pw * g.ph > VECTOR_MAX_SAMPLES)
        k = sqrt(VECTOR_MAX_SAMPLES / (g.pw * g.ph));
    scene_req q = {.width = g.pw, .height = g.ph, .cellratio = 1};
    q.gx = (int)ceil(g.pw * k);
    q.gy = (int)ceil(g.ph * k);
    scene sc;
    scene_init(&sc);
    ds_status st = scene_build(&sc, s, &q, err);
    if (st != DS_OK) {
        scene_free(&sc);
        return st;
    }
    g.sc = &sc;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_save(cr);
    cairo_rectangle(cr, g.x0, g.y0, g.pw, g.ph);
    cairo_clip(cr);
    st = draw_field(&g, err);
    if (st == DS_OK) {
        draw_contours(&g);
        draw_overlays(&g);
        draw_runs(&g);
        for (int i = 0; i < sc.nmarks; i++)
            if (sc.marks[i].kind == SM_MIN || sc.marks[i].kind == SM_SADDLE)
                draw_mark(&g, &sc.marks[i]);
        for (int i = 0; i < sc.nmarks; i++)
            if (sc.marks[i].kind != SM_MIN && sc.marks[i].kind != SM_SADDLE)
                draw_mark(&g, &sc.marks[i]);
    }
    cairo_restore(cr);
    if (st == DS_OK) {
        draw_axes(&g);
        draw_key(&g);
        draw_legend(&g);
        draw_title(&g, s, data ? g.x0 + g.pw + 40 * u : pg->width);
        if (data) st = draw_data(&d, s, err);
    }
    scene_free(&sc);
    return st;
}
