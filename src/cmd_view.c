/* cmd_view.c — the commands about the picture: `plot` (the contour plot with paths as
 * text, for handouts, READMEs and tests), `view`, `zoom`, `levels`, the `arrow` toggle,
 * and the screen-only `plots` toggle. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"
#include "descent/fileout.h"
#include "descent/dataview.h"
#include "descent/fmt.h"
#include "descent/raster.h"
#include "descent/scene.h"

static void print_view(const sess *s, sbuf *out)
{
    sbuf_puts(out, "view = x ");
    fmt_vec2(out, s->view, s->digits);
    sbuf_puts(out, ", y ");
    fmt_vec2(out, s->view + 2, s->digits);
    sbuf_puts(out, "\n");
}

/* Keep the cursor on the picture: a cursor outside the new box moves to its centre. */
static void keep_cursor(sess *s)
{
    const double *v = s->view;
    if (s->cursor[0] < v[0] || s->cursor[0] > v[1] || s->cursor[1] < v[2] || s->cursor[1] > v[3]) {
        s->cursor[0] = 0.5 * (v[0] + v[1]);
        s->cursor[1] = 0.5 * (v[2] + v[3]);
    }
}

/* ---- plot -------------------------------------------------------------------------- */

/* "80x24" → w, h: returns 1. A word that starts with digits and an x is meant as a size
 * whatever follows ("80x", "120x40x", "9999999999999999999x24"): those return -1 with
 * the error filled, never becoming a file name. 0 for other words. */
static int parse_size(const char *tok, long *w, long *h, ds_err *err)
{
    size_t digits = strspn(tok, "0123456789");
    if (digits == 0 || (tok[digits] != 'x' && tok[digits] != 'X')) return 0;
    const char *p = tok + digits + 1;
    size_t digits2 = strspn(p, "0123456789");
    if (digits2 == 0 || p[digits2]) {
        ds_err_set(err, DS_EARG,
                   "'%s' is not a plot size: write WxH with two whole numbers, e.g. "
                   "80x24 (a file name that starts like a size needs a directory: ./%s)",
                   tok, tok);
        return -1;
    }
    errno = 0;
    long a = strtol(tok, NULL, 10), b = strtol(p, NULL, 10);
    if (errno == ERANGE || a > 100000 || b > 100000)
        a = b = LONG_MAX; /* caught by the range check */
    *w = a;
    *h = b;
    return 1;
}

#define COLOR_BEST (-2) /* color=on: decided by the terminal */

/* The values of `plot color=WORD` (rast_opts.colors). */
static const vocab_word color_words[] = {
    {"on", "the best the terminal says it has: 24-bit with COLORTERM=truecolor, else 256",
     COLOR_BEST},
    {"off", "shading characters, no colour", 0},
    {"24bit", "24-bit colour", RAST_TRUECOLOR},
    {"truecolor", "the same as 24bit", RAST_TRUECOLOR},
    {"256", "xterm's 256 colours", 256},
    {"8", "the 8 ANSI colours", 8},
    {"mono", "the same as off", 0},
    {0},
};

/* The colours a color= word asks for, -1 when it is none of them. `on` is 24-bit when
 * COLORTERM says truecolor or 24bit (the convention terminals follow), else xterm-256. */
static int color_word(const char *w)
{
    int v = vocab_value(color_words, w, -1);
    if (v != COLOR_BEST) return v;
    const char *ct = getenv("COLORTERM");
    return ct && (strcmp(ct, "truecolor") == 0 || strcmp(ct, "24bit") == 0) ? RAST_TRUECOLOR : 256;
}

enum { PLOT_ASCII, PLOT_UTF8, PLOT_COLOR };

/* The words of `plot` besides WxH and FILE. */
static const vocab_word plot_words[] = {
    {"ascii", "only ASCII characters", PLOT_ASCII},
    {"utf8", "Unicode shading, lines and markers (the default)", PLOT_UTF8},
    {"unicode", "the same as utf8", PLOT_UTF8},
    {"color=", "on|off|24bit|256|8: colours as terminal escapes", PLOT_COLOR},
    {"colour=", "the same as color=", PLOT_COLOR},
    {0},
};

/* A word of plot that is not a size: an option from plot_words, a misspelt one (an error
 * with the nearest, unless it looks like a file: a '.' or '/'), or else a file name.
 * Returns the option (PLOT_*), -1 for a file name, -2 with the error set. */
static int plot_word(const char *t, const char **value, ds_err *err)
{
    const char *eq = strchr(t, '=');
    char key[64];
    snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - t + 1) : (int)strlen(t), t);
    *value = eq ? eq + 1 : NULL;
    const vocab_word *w = vocab_find(plot_words, key);
    if (w && (w->value == PLOT_COLOR) == (eq != NULL)) return w->value;
    const char *near = vocab_nearest(plot_words, key);
    if (!near || strchr(t, '.') || strchr(t, '/')) return -1;
    ds_err_set(err, DS_EARG,
               "'%s' is not an option of plot (did you mean '%s'?); a file name needs a dot or a "
               "directory, e.g. ./%s",
               t, near, t);
    return -2;
}

ds_status cmd_plot(sess *s, const cmd_args *a, cmd_ctx *c)
{
    long w = 80, h = 24;
    int color = 0, ascii = 0;
    const char *file = NULL, *size_tok = NULL;
    for (int i = 1; i < a->argc; i++) {
        const char *t = a->argv[i];
        long tw, th;
        int size = parse_size(t, &tw, &th, c->err);
        if (size < 0) return c->err->code;
        if (size) {
            w = tw;
            h = th;
            size_tok = t;
            continue;
        }
        const char *value;
        int opt = plot_word(t, &value, c->err);
        if (opt == -2) return c->err->code;
        if (opt == PLOT_COLOR) {
            color = color_word(value);
            if (color < 0) {
                char mean[96];
                return ds_err_set(c->err, DS_EARG,
                                  "color must be on, off, 24bit, 256, 8 or mono, got '%s'%s", value,
                                  vocab_did_you_mean(color_words, value, mean, sizeof mean));
            }
        } else if (opt == PLOT_ASCII || opt == PLOT_UTF8) {
            ascii = opt == PLOT_ASCII;
        } else if (!file) {
            file = t;
        } else {
            return cmd_usage_error(a, c, "plot takes one file name, got '%s' and '%s'", file, t);
        }
    }
    rast_opts o = {.ascii = ascii, .colors = color, .title = 1, .axes = 1, .legend = 1, .key = 1};
    int mw, mh;
    rast_min_size(&o, &mw, &mh);
    if (w < mw || h < mh || w > 1000 || h > 500)
        return ds_err_set(c->err, DS_ERANGE, "plot size must be from %dx%d to 1000x500, got %s", mw,
                          mh, size_tok ? size_tok : "(default)");
    char path[1024];
    if (file && cmd_file(c, file, 1, path, sizeof path)) return c->err->code;
    rast r;
    rast_init(&r);
    ds_status st;
    int sw, sh;
    rast_split_min_size(&o, &sw, &sh);
    if (s->dataview && dv_available(s, NULL, 0) && (w < sw || h < sh))
        return ds_err_set(c->err, DS_ERANGE,
                          "with dataview on, plot needs at least %dx%d (the data view takes the "
                          "right half), got %ldx%ld; dataview off plots the loss alone",
                          sw, sh, w, h);
    if (s->dataview && dv_available(s, NULL, 0)) { /* the loss left, the data right */
        rast plot, data;
        rast_init(&plot);
        rast_init(&data);
        st = rast_render_split(&r, &plot, &data, s, (int)w, (int)h, &o, c->err);
        rast_free(&plot);
        rast_free(&data);
    } else {
        st = rast_render(&r, s, (int)w, (int)h, &o, c->err);
    }
    if (st != DS_OK) {
        rast_free(&r);
        return st;
    }
    if (!file) {
        rast_to_text(&r, c->out, color, o.colors);
        rast_free(&r);
        return DS_OK;
    }
    sbuf text;
    sbuf_init(&text);
    rast_to_text(&r, &text, color, o.colors);
    rast_free(&r);
    st = fileout_write(path, sbuf_str(&text), text.len, c->err);
    if (st == DS_OK) sbuf_printf(c->out, "wrote a %ldx%ld plot to %s\n", w, h, file);
    sbuf_free(&text);
    return st;
}

/* ---- view, zoom -------------------------------------------------------------------- */

const vocab_word view_words[] = {
    {"reset", "the objective's own view box", 0},
    {0},
};

ds_status cmd_view(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        print_view(s, c->out);
        return DS_OK;
    }
    double v[4];
    if (a->argc == 2 && vocab_find(view_words, a->argv[1])) {
        memcpy(v, s->obj.view, sizeof v);
    } else if (a->argc == 5) {
        static const char *const names[4] = {"X0", "X1", "Y0", "Y1"};
        for (int i = 0; i < 4; i++)
            if (cmd_number(a->argv[i + 1], names[i], &v[i], c->err)) return c->err->code;
        if (!(v[1] > v[0]) || !(v[3] > v[2]))
            return ds_err_set(c->err, DS_ERANGE,
                              "the view needs X0 < X1 and Y0 < Y1, got x from %s to %s, y from "
                              "%s to %s",
                              a->argv[1], a->argv[2], a->argv[3], a->argv[4]);
        double span = fmax(fabs(v[0]) + fabs(v[1]), fabs(v[2]) + fabs(v[3]));
        if (v[1] - v[0] < span * 1e-12 || v[3] - v[2] < span * 1e-12 || span > 1e12)
            return ds_err_set(c->err, DS_ERANGE,
                              "that view is too %s to draw: keep |coordinates| below 1e12 and "
                              "widths above 1e-12 of them",
                              span > 1e12 ? "large" : "narrow");
    } else {
        return cmd_usage_error(a, c, "view takes four numbers or reset");
    }
    memcpy(s->view, v, sizeof v);
    keep_cursor(s);
    print_view(s, c->out);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

ds_status cmd_zoom(sess *s, const cmd_args *a, cmd_ctx *c)
{
    double f;
    if (cmd_number(a->argv[1], "the zoom factor F", &f, c->err)) return c->err->code;
    if (!(f >= 1e-3 && f <= 1e3))
        return ds_err_set(
            c->err, DS_ERANGE,
            "the zoom factor must be from 0.001 to 1000 (2 zooms in, 0.5 out), got %s", a->argv[1]);
    double v[4], cx = s->cursor[0], cy = s->cursor[1];
    if (!(cx >= s->view[0] && cx <= s->view[1] && cy >= s->view[2] && cy <= s->view[3])) {
        cx = 0.5 * (s->view[0] + s->view[1]);
        cy = 0.5 * (s->view[2] + s->view[3]);
    }
    v[0] = cx - (cx - s->view[0]) / f;
    v[1] = cx + (s->view[1] - cx) / f;
    v[2] = cy - (cy - s->view[2]) / f;
    v[3] = cy + (s->view[3] - cy) / f;
    double span = fmax(fabs(v[0]) + fabs(v[1]), fabs(v[2]) + fabs(v[3]));
    if (!(v[1] - v[0] > span * 1e-12 && v[3] - v[2] > span * 1e-12) || span > 1e12)
        return ds_err_set(c->err, DS_ERANGE, "cannot zoom %s any further (view reset goes back)",
                          f > 1 ? "in" : "out");
    memcpy(s->view, v, sizeof v);
    print_view(s, c->out);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

/* ---- levels ------------------------------------------------------------------------ */

/* The words of `levels`: spacings, and `at` for given values. */
const vocab_word level_words[] = {
    {"log", "spaced evenly in log f (shifted by its minimum over the view)", LEVELS_LOG},
    {"lin", "spaced evenly in f", LEVELS_LIN},
    {"linear", "the same as lin", LEVELS_LIN},
    {"auto", "log for objectives spanning many orders of magnitude, else lin", LEVELS_AUTO},
    {"at", "exactly the values that follow: levels at V1 V2 ...", LEVELS_AT},
    {0},
};

void cmd_levels_text(const sess *s, sbuf *out)
{
    if (s->levels == LEVELS_AT) {
        sbuf_puts(out, "levels = at");
        for (int i = 0; i < s->nlevel_at; i++) {
            sbuf_puts(out, " ");
            fmt_num(out, s->level_at[i], s->digits);
        }
        return;
    }
    level_mode m = s->levels;
    sbuf_printf(out, "levels = %d %s", s->nlevels,
                m == LEVELS_LOG   ? "log"
                : m == LEVELS_LIN ? "lin"
                                  : "auto");
    if (m == LEVELS_AUTO)
        sbuf_printf(out, " (%s for %s)", scene_levels_log(s) ? "log" : "lin", s->obj.name);
}

/* `levels at V1 V2 ...`: every value finite, strictly increasing. */
static ds_status levels_at(sess *s, const cmd_args *a, cmd_ctx *c)
{
    double v[SESS_MAXLEVELS];
    int n = a->argc - 2;
    if (n < 1 || n > SESS_MAXLEVELS)
        return ds_err_set(c->err, DS_EARG, "levels at takes from 1 to %d values of f, got %d",
                          SESS_MAXLEVELS, n < 0 ? 0 : n);
    for (int i = 0; i < n; i++) {
        if (cmd_number(a->argv[i + 2], "a level", &v[i], c->err))
            return ds_err_set(c->err, c->err->code,
                              "levels at takes finite numbers in increasing order, got '%s'",
                              a->argv[i + 2]);
        if (i > 0 && v[i] == v[i - 1])
            return ds_err_set(c->err, DS_EARG,
                              "levels at got %s twice: give each level once, in increasing order",
                              a->argv[i + 2]);
        if (i > 0 && v[i] < v[i - 1])
            return ds_err_set(c->err, DS_EARG,
                              "levels at needs increasing values, got %s after %s (e.g. levels "
                              "at 0.1 1 10)",
                              a->argv[i + 2], a->argv[i + 1]);
    }
    memcpy(s->level_at, v, sizeof(double) * (size_t)n);
    s->nlevel_at = n;
    s->levels = LEVELS_AT;
    return DS_OK;
}

ds_status cmd_levels(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc >= 2 && vocab_value(level_words, a->argv[1], -1) == LEVELS_AT) {
        if (levels_at(s, a, c)) return c->err->code;
    } else {
        int n = s->nlevels;
        level_mode m = s->levels == LEVELS_AT ? LEVELS_AUTO : s->levels;
        if (a->argc > 3)
            return cmd_usage_error(a, c, "levels takes a number and a spacing, or at V1 V2 ...");
        for (int i = 1; i < a->argc; i++) {
            const char *t = a->argv[i];
            const vocab_word *w = vocab_find(level_words, t);
            if (w && w->value != LEVELS_AT)
                m = (level_mode)w->value;
            else {
                long v;
                char mean[96];
                if (w || cmd_integer(t, _("the number of levels N"), 1, RAST_MAXLEVELS, &v, c->err))
                    return ds_err_set(c->err, DS_EARG,
                                      "levels takes N from 1 to %d and log, lin or auto (or at "
                                      "V1 V2 ...); got '%s'%s",
                                      RAST_MAXLEVELS, t,
                                      vocab_did_you_mean(level_words, t, mean, sizeof mean));
                n = (int)v;
            }
        }
        if (a->argc > 1 || s->levels != LEVELS_AT) {
            s->nlevels = n;
            s->levels = m;
        }
    }
    cmd_levels_text(s, c->out);
    sbuf_puts(c->out, "\n");
    if (a->argc > 1) c->flags |= CMDF_REDRAW;
    return DS_OK;
}

/* ---- palette, aspect, paths --------------------------------------------------------- */

const vocab_word palette_words[] = {
    {"viridis", "perceptually uniform, readable with colour-blindness", PAL_VIRIDIS},
    {"cividis", "perceptually uniform, for the commonest colour-blindness", PAL_CIVIDIS},
    {"gray", "a grey ramp", PAL_GRAY},
    {"grey", "the same as gray", PAL_GRAY},
    {"contrast", "near-black bands with white lines, for projectors", PAL_CONTRAST},
    {0},
};
const vocab_word aspect_words[] = {
    {"equal", "one unit of x as long as one of y", ASPECT_EQUAL},
    {"fill", "use the whole area", ASPECT_FILL},
    {"auto", "equal for catalog objectives with a square view, else fill", ASPECT_AUTO},
    {0},
};
const vocab_word paths_words[] = {
    {"thick", "thick lines between iterates", PATHS_THICK},
    {"thin", "thin lines between iterates", PATHS_THIN},
    {"dots", "the iterates alone", PATHS_DOTS},
    {0},
};

/* The value of the word in argv[1] (-1 when there is none), or -2 with an error naming
 * them all and the nearest. */
static int pick_word(const cmd_args *a, const vocab_word *words, const char *what, cmd_ctx *c)
{
    if (a->argc == 1) return -1;
    const vocab_word *w = vocab_find(words, a->argv[1]);
    if (w) return w->value;
    vocab_unknown(words, what, a->argv[1], c->err);
    return -2;
}

ds_status cmd_palette(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int k = pick_word(a, palette_words, "palette", c);
    if (k == -2) return c->err->code;
    if (k >= 0) {
        s->palette = k;
        c->flags |= CMDF_REDRAW;
    }
    sbuf_printf(c->out, "palette = %s\n", pal_name(s->palette));
    return DS_OK;
}

ds_status cmd_aspect(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int k = pick_word(a, aspect_words, "aspect", c);
    if (k == -2) return c->err->code;
    if (k >= 0) {
        s->aspect = (aspect_mode)k;
        c->flags |= CMDF_REDRAW;
    }
    int eq = scene_aspect_equal(s);
    if (s->aspect == ASPECT_AUTO)
        sbuf_printf(c->out, "aspect = auto (%s for %s)\n", eq ? "equal" : "fill", s->obj.name);
    else
        sbuf_printf(c->out, "aspect = %s\n", eq ? "equal" : "fill");
    return DS_OK;
}

ds_status cmd_paths(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int k = pick_word(a, paths_words, "paths", c);
    if (k == -2) return c->err->code;
    if (k >= 0) {
        s->paths = (path_style)k;
        c->flags |= CMDF_REDRAW;
    }
    sbuf_printf(c->out, "paths = %s\n", paths_words[s->paths].name);
    return DS_OK;
}

/* ---- plots (the screen's small charts) ---------------------------------------------- */

/* The screen handles `plots` itself (it is a property of the layout, not of the model);
 * without a screen there is nothing to toggle. */
ds_status cmd_plots(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s;
    (void)a;
    return ds_err_set(c->err, DS_ESTATE,
                      "plots toggles the screen's small charts; without a screen use trace "
                      "to see f and lr by iteration");
}

/* ---- arrow ------------------------------------------------------------------------- */

/* A property of the picture (the screen and `plot` both draw it), so it lives in the
 * session; alone it prints the state, so scripts stay predictable. */
ds_status cmd_arrow(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 2) {
        int on = cmd_onoff(a->argv[1], "arrow", c->err);
        if (on < 0) return c->err->code;
        s->arrow = on;
        c->flags |= CMDF_REDRAW;
    }
    sbuf_printf(c->out, "arrow = %s\n", s->arrow ? "on" : "off");
    return DS_OK;
}
