/* test_raster.c — the rasterizer with known answers: level spacing (linear, log, negative
 * values), the colour ramp, marching-squares glyphs, text with wide characters, the plot
 * grid (bands, contours, undefined cells, markers, paths, cursor, the −∇f arrow), the
 * base-layer cache, the text output and the small charts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/command.h"
#include "descent/raster.h"
#include "descent/utf8.h"
#include "harness.h"

static int count_kind(const rast *r, int kind)
{
    int n = 0;
    for (int i = 0; i < r->w * r->h; i++)
        n += r->cells[i].kind == kind;
    return n;
}

static const rast_cell *cell(const rast *r, int col, int row)
{
    return &r->cells[(size_t)row * r->w + col];
}

static void exec(sess *s, const char *line)
{
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    cmd_ctx c = {.out = &out, .err = &err};
    if (cmd_exec_line(s, line, &c, 0) != DS_OK) TH_FAIL("'%s' failed: %s", line, err.msg);
    sbuf_free(&out);
}

TEST(levels_linear)
{
    double lv[8];
    CHECK(scene_levels_even(0, 10, 4, 0, lv) == 4);
    CHECK_NEAR(lv[0], 2, 1e-12);
    CHECK_NEAR(lv[1], 4, 1e-12);
    CHECK_NEAR(lv[3], 8, 1e-12);
    CHECK(scene_levels_even(1, 1, 4, 0, lv) == 0);   /* flat: no levels */
    CHECK(scene_levels_even(0, NAN, 4, 0, lv) == 0); /* nothing finite */
}

TEST(levels_log_negative)
{
    /* f from -5 to 995: log spacing after shifting by the minimum. */
    double lv[5];
    CHECK(scene_levels_even(-5, 995, 5, 1, lv) == 5);
    for (int i = 0; i < 5; i++) {
        CHECK(lv[i] > -5 && lv[i] < 995);
        if (i) CHECK(lv[i] > lv[i - 1]);
    }
    /* Evenly spaced in log10(f - fmin + d), d = range·1e-4 = 0.1. */
    double r1 = log10(lv[1] + 5 + 0.1) - log10(lv[0] + 5 + 0.1);
    double r2 = log10(lv[4] + 5 + 0.1) - log10(lv[3] + 5 + 0.1);
    CHECK_NEAR(r1, r2, 1e-9);
    /* Log levels crowd near the minimum. */
    CHECK(lv[0] - -5 < lv[4] - lv[3]);
}

TEST(levels_one_decision)
{
    /* auto follows the objective; lin and log override; `at` is taken as given. */
    sess *s = sess_new();
    exec(s, "func rosenbrock");
    CHECK(scene_levels_log(s) == 1);
    exec(s, "levels 5 lin");
    CHECK(scene_levels_log(s) == 0);
    exec(s, "func bowl; levels auto");
    CHECK(scene_levels_log(s) == 0);
    exec(s, "levels at 0.5 1 4");
    double lv[8];
    CHECK(scene_levels(s, 0, 100, lv) == 3 && lv[0] == 0.5 && lv[2] == 4);
    CHECK(scene_levels_log(s) == 0);
    sess_free(s);
}

TEST(side_glyphs)
{
    CHECK(rast_side_glyph(1 | 2, 0) == 0x2500); /* left-right: ─ */
    CHECK(rast_side_glyph(4 | 8, 0) == 0x2502); /* up-down: │ */
    CHECK(rast_side_glyph(1 | 8, 0) == 0x256E); /* left-down: ╮ */
    CHECK(rast_side_glyph(2 | 8, 0) == 0x256D); /* right-down: ╭ */
    CHECK(rast_side_glyph(2 | 4, 0) == 0x2570); /* right-up: ╰ */
    CHECK(rast_side_glyph(1 | 4, 0) == 0x256F); /* left-up: ╯ */
    CHECK(rast_side_glyph(15, 0) == 0x253C);    /* ┼ */
    CHECK(rast_side_glyph(0, 0) == ' ');
    CHECK(rast_side_glyph(1 | 2, 1) == '-' && rast_side_glyph(4 | 8, 1) == '|');
    CHECK(rast_side_glyph(2 | 8, 1) == '/' && rast_side_glyph(1 | 8, 1) == '\\');
}

TEST(put_text_korean)
{
    rast r;
    rast_init(&r);
    r.w = 10;
    r.h = 1;
    r.cells = calloc(10, sizeof *r.cells);
    /* "가나 a" is 2 + 2 + 1 + 1 = 6 columns; wide characters take two cells. */
    int used = rast_put_text(&r, 0, 0, 10, "\xea\xb0\x80\xeb\x82\x98 a", -1, -1, 0);
    CHECK(used == 6);
    CHECK(cell(&r, 0, 0)->ch == 0xAC00 && cell(&r, 1, 0)->kind == RK_WIDE);
    CHECK(cell(&r, 2, 0)->ch == 0xB098 && cell(&r, 3, 0)->kind == RK_WIDE);
    CHECK(cell(&r, 5, 0)->ch == 'a');
    /* A wide character that would not fit whole is left out. */
    used = rast_put_text(&r, 0, 0, 3, "\xea\xb0\x80\xeb\x82\x98", -1, -1, 0);
    CHECK(used == 2);
    /* Control characters (C0 and C1) show as blanks; combining marks are dropped. */
    used = rast_put_text(&r, 0, 0, 10,
                         "a\tb\xc2\x85"
                         "e\xcc\x81",
                         -1, -1, 0);
    CHECK(used == 5);
    CHECK(cell(&r, 1, 0)->ch == ' ' && cell(&r, 2, 0)->ch == 'b');
    CHECK(cell(&r, 3, 0)->ch == ' ' && cell(&r, 4, 0)->ch == 'e');
    free(r.cells);
}

TEST(plot_bowl)
{
    sess *s = sess_new();
    exec(s, "func bowl; aspect fill; view -2 2 -2 2; levels 6 lin; cursor 1 1");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.colors = 256, .axes = 1, .title = 1, .legend = 1, .cursor = 1};
    CHECK(rast_render(&r, s, 61, 23, &o, &err) == DS_OK);
    CHECK(r.w == 61 && r.h == 23);
    CHECK(r.nlev == 6 && !r.log);
    CHECK(r.ph == 23 - 1 - 1 - 2);
    CHECK(r.px > 0 && r.px + r.pw == 61);
    CHECK_NEAR(r.fmin, 0, 0.02);
    CHECK_NEAR(r.fmax, 8, 1e-9);
    CHECK(count_kind(&r, RK_CONTOUR) > 20);
    CHECK(count_kind(&r, RK_UNDEF) == 0);
    CHECK(count_kind(&r, RK_MIN) == 1);
    /* The minimum (0,0) sits in the middle cell, in the lowest band's colour. */
    int col, row;
    double origin[2] = {0, 0};
    CHECK(rast_cell_of(&r, origin, &col, &row));
    CHECK(cell(&r, col, row)->kind == RK_MIN && cell(&r, col, row)->ch == 0x2605);
    int lowest = pal_band256(PAL_VIRIDIS, 0, 7);
    CHECK(cell(&r, col, row)->bg == lowest);
    /* Corners are the highest band. */
    CHECK(cell(&r, r.px, r.py)->bg == pal_band256(PAL_VIRIDIS, 6, 7));
    /* The cursor crosshair at (1, 1). */
    CHECK(rast_cell_of(&r, s->cursor, &col, &row));
    CHECK(cell(&r, col, row)->kind == RK_CURSOR && cell(&r, col, row)->ch == 0x253C);
    CHECK(cell(&r, col - 1, row)->kind == RK_CURSOR && cell(&r, col - 1, row)->ch == 0x2500);
    /* World ↔ cell round trip lands within half a cell. */
    double p[2];
    CHECK(rast_world_of(&r, col, row, p));
    CHECK_NEAR(p[0], 1, 2.0 * 4 / r.pw);
    CHECK_NEAR(p[1], 1, 2.0 * 4 / r.ph);
    CHECK(!rast_world_of(&r, 0, 0, p)); /* the tick labels are not the plane */
    /* The title row names the objective. */
    sbuf t;
    sbuf_init(&t);
    rast_to_text(&r, &t, 0, 0);
    CHECK_HAS(sbuf_str(&t), "bowl: x^2 + y^2");
    CHECK_HAS(sbuf_str(&t), "6 lin levels");
    CHECK_HAS(sbuf_str(&t), "\xe2\x94\xa4"); /* ┤ y ticks */
    sbuf_reset(&t);
    rast_to_text(&r, &t, 1, 256);
    CHECK_HAS(sbuf_str(&t), "\x1b[0;38;5;");
    char want[32];
    snprintf(want, sizeof want, ";48;5;%dm", lowest); /* the lowest band's background */
    CHECK_HAS(sbuf_str(&t), want);
    sbuf_free(&t);
    rast_free(&r);
    sess_free(s);
}

TEST(plot_undefined_and_ascii)
{
    sess *s = sess_new();
    exec(s, "func log(x) + y^2; view -1 1 -1 1");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.ascii = 1, .axes = 0};
    CHECK(rast_render(&r, s, 40, 12, &o, &err) == DS_OK);
    /* x < 0 is outside log's domain: the left half is undefined, drawn with its own glyph. */
    CHECK(count_kind(&r, RK_UNDEF) >= 40 / 2 * 12 - 12);
    CHECK(cell(&r, 0, 5)->kind == RK_UNDEF && cell(&r, 0, 5)->ch == '?');
    CHECK(cell(&r, 39, 5)->kind != RK_UNDEF);
    for (int i = 0; i < r.w * r.h; i++)
        CHECK(r.cells[i].ch < 128);
    rast_free(&r);
    sess_free(s);
}

TEST(plot_paths)
{
    sess *s = sess_new();
    exec(s, "func bowl; algo gd lr=0.1; start -1.5 1.5; step 30");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.axes = 1, .legend = 1};
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_PATH) >= 3);
    CHECK(count_kind(&r, RK_START) == 1);
    CHECK(count_kind(&r, RK_CURRENT) == 1);
    /* Sub-cell resolution: path cells are Braille patterns. */
    for (int i = 0; i < r.w * r.h; i++)
        if (r.cells[i].kind == RK_PATH) CHECK(r.cells[i].ch > 0x2800 && r.cells[i].ch <= 0x28FF);
    sbuf t;
    sbuf_init(&t);
    rast_to_text(&r, &t, 0, 0);
    CHECK_HAS(sbuf_str(&t), "\xe2\x97\x8f gd lr=0.1 it 30"); /* ● gd lr=0.1 it 30 */
    sbuf_free(&t);
    /* ASCII: dots and the run number. */
    o.ascii = 1;
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    int dots = 0, one = 0;
    for (int i = 0; i < r.w * r.h; i++) {
        if (r.cells[i].kind == RK_PATH) dots += r.cells[i].ch == '.';
        if (r.cells[i].kind == RK_CURRENT) one += r.cells[i].ch == '1';
    }
    CHECK(dots >= 3 && one == 1);
    rast_free(&r);
    sess_free(s);
}

TEST(arrow_glyphs)
{
    CHECK(rast_arrow_glyph(1, 0, 0) == 0x2192);   /* → */
    CHECK(rast_arrow_glyph(1, 1, 0) == 0x2197);   /* ↗ */
    CHECK(rast_arrow_glyph(0, 1, 0) == 0x2191);   /* ↑ */
    CHECK(rast_arrow_glyph(-1, 1, 0) == 0x2196);  /* ↖ */
    CHECK(rast_arrow_glyph(-1, 0, 0) == 0x2190);  /* ← */
    CHECK(rast_arrow_glyph(-1, -1, 0) == 0x2199); /* ↙ */
    CHECK(rast_arrow_glyph(0, -1, 0) == 0x2193);  /* ↓ */
    CHECK(rast_arrow_glyph(1, -1, 0) == 0x2198);  /* ↘ */
    CHECK(rast_arrow_glyph(1, 0.3, 0) == 0x2192); /* 17°: nearest is → */
    CHECK(rast_arrow_glyph(1, 0.5, 0) == 0x2197); /* 27°: nearest is ↗ */
    CHECK(rast_arrow_glyph(-1, 0, 1) == '<');
    CHECK(rast_arrow_glyph(0, 1, 1) == '^');
    CHECK(rast_arrow_glyph(0, -1, 1) == 'v');
    CHECK(rast_arrow_glyph(1, 1, 1) == '/' && rast_arrow_glyph(-1, 1, 1) == '\\');
}

/* The arrow's head (its one non-Braille cell) and the columns its cells span; 0 when
 * there is no arrow. */
static int arrow_head(const rast *r, int *hcol, int *hrow, int *minc, int *maxc)
{
    int n = 0;
    *minc = r->w;
    *maxc = -1;
    for (int j = 0; j < r->h; j++)
        for (int i = 0; i < r->w; i++) {
            const rast_cell *c = cell(r, i, j);
            if (c->kind != RK_ARROW) continue;
            if (i < *minc) *minc = i;
            if (i > *maxc) *maxc = i;
            if ((c->ch & ~0xFFu) != 0x2800 && c->ch != '.') *hcol = i, *hrow = j, n++;
        }
    return n;
}

TEST(arrow_bowl)
{
    sess *s = sess_new();
    exec(s, "func bowl; aspect fill; view -2 2 -2 2; cursor 1 0");
    CHECK(s->arrow == 1); /* on by default */
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.colors = 256, .axes = 1, .cursor = 1};
    const unsigned long *ev = run_evals(runset_get(&s->runs, 0));
    unsigned long before[3] = {s->obj.evals[0], s->obj.evals[1], s->obj.evals[2]};
    unsigned long run_before[3] = {ev[0], ev[1], ev[2]};
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    /* Drawing looked at ∇f on a copy: neither the objective's nor the run's counters moved. */
    for (int k = 0; k < 3; k++)
        CHECK(s->obj.evals[k] == before[k] && ev[k] == run_before[k]);
    /* ∇f(1, 0) = (2, 0): −∇f points left, so the head ← sits left of the cursor on its row. */
    int col, row, hc = -1, hr = -1, minc, maxc;
    CHECK(rast_cell_of(&r, s->cursor, &col, &row));
    CHECK(arrow_head(&r, &hc, &hr, &minc, &maxc) == 1);
    CHECK(cell(&r, hc, hr)->ch == 0x2190 && hr == row);
    CHECK(hc <= col - 4 && hc >= col - 8); /* a few cells long */
    CHECK(maxc < col && minc == hc);       /* nothing to the right of the cursor */
    /* The cursor's colour over the band's own background. */
    CHECK(cell(&r, hc, hr)->fg == 231 && cell(&r, hc, hr)->bg == r.base[(size_t)hr * r.w + hc].bg);
    /* The crosshair's centre and arms stay on top. */
    CHECK(cell(&r, col, row)->kind == RK_CURSOR && cell(&r, col, row)->ch == 0x253C);
    CHECK(cell(&r, col - 1, row)->kind == RK_CURSOR);
    CHECK(cell(&r, col - 2, row)->kind == RK_ARROW);
    /* A fixed length on screen: where |∇f| is 5 times larger, the head is as far away. */
    int off = col - hc;
    exec(s, "view -10 10 -10 10; cursor 5 0");
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(rast_cell_of(&r, s->cursor, &col, &row));
    CHECK(arrow_head(&r, &hc, &hr, &minc, &maxc) == 1);
    CHECK(col - hc == off && hr == row);
    /* ASCII: dots and a '<' head. */
    o.ascii = 1;
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(arrow_head(&r, &hc, &hr, &minc, &maxc) == 1 && cell(&r, hc, hr)->ch == '<');
    CHECK(cell(&r, hc + 1, hr)->ch == '.');
    rast_free(&r);
    sess_free(s);
}

TEST(arrow_diagonal_and_paths)
{
    sess *s = sess_new();
    exec(s, "func bowl; aspect fill; view -2 2 -2 2; cursor 1 1");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.axes = 1, .cursor = 1};
    CHECK(rast_render(&r, s, 61, 23, &o, &err) == DS_OK);
    /* −∇f(1, 1) = (−2, −2): down and to the left, toward the minimum. */
    int col, row, hc = -1, hr = -1, minc, maxc;
    CHECK(rast_cell_of(&r, s->cursor, &col, &row));
    CHECK(arrow_head(&r, &hc, &hr, &minc, &maxc) == 1);
    CHECK(hc < col && hr > row);
    CHECK(cell(&r, hc, hr)->ch == rast_arrow_glyph(-r.pw / 4.0, -r.ph / 2.0, 0));
    /* A gradient-descent run from the cursor walks along the arrow, and its path and
     * current point are drawn over it. */
    uint8_t *was = calloc((size_t)r.w * r.h, 1);
    for (int i = 0; i < r.w * r.h; i++)
        was[i] = r.cells[i].kind == RK_ARROW;
    exec(s, "algo gd lr=0.1; start 1 1; step 3");
    CHECK(rast_render(&r, s, 61, 23, &o, &err) == DS_OK);
    int covered = 0;
    for (int i = 0; i < r.w * r.h; i++)
        covered += was[i] && (r.cells[i].kind == RK_PATH || r.cells[i].kind == RK_CURRENT);
    CHECK(covered >= 3);
    CHECK(count_kind(&r, RK_CURRENT) == 1);
    CHECK(cell(&r, col, row)->kind == RK_CURSOR); /* the crosshair's centre is still on top */
    free(was);
    rast_free(&r);
    sess_free(s);
}

TEST(arrow_left_out)
{
    sess *s = sess_new();
    exec(s, "func bowl; aspect fill; view -2 2 -2 2; cursor 0 0");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.axes = 1, .cursor = 1};
    /* At the minimum ∇f = 0: no direction, no arrow. */
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_ARROW) == 0);
    /* `arrow off` hides it; `arrow on` brings it back. */
    exec(s, "cursor 1 0; arrow off");
    CHECK(s->arrow == 0);
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_ARROW) == 0);
    exec(s, "arrow on");
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_ARROW) >= 3);
    /* A cursor outside the view has no arrow (and no crosshair). */
    s->cursor[0] = 3;
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_ARROW) == 0 && count_kind(&r, RK_CURSOR) == 0);
    /* Where ∇f is not finite (√x at x = 0), nothing is drawn; nor where f is undefined
     * though the formula's derivative is finite (log x at x < 0 gives 1/x). */
    exec(s, "func sqrt(x) + y^2; view -1 1 -1 1; cursor 0 0.5");
    CHECK(isfinite(obj_peek(&s->obj, 0, 0.5)));
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_ARROW) == 0);
    exec(s, "func log(x) + y^2; view -1 1 -1 1; cursor -0.5 0.5");
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_ARROW) == 0);
    exec(s, "cursor 0.5 0.5");
    CHECK(rast_render(&r, s, 60, 20, &o, &err) == DS_OK);
    CHECK(count_kind(&r, RK_ARROW) >= 3);
    rast_free(&r);
    sess_free(s);
}

TEST(cache)
{
    sess *s = sess_new();
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.axes = 1};
    CHECK(rast_render(&r, s, 50, 16, &o, &err) == DS_OK);
    uint64_t k1 = r.key;
    CHECK(rast_render(&r, s, 50, 16, &o, &err) == DS_OK);
    CHECK(r.key == k1); /* nothing changed: the base layer is reused */
    exec(s, "zoom 2");
    CHECK(rast_render(&r, s, 50, 16, &o, &err) == DS_OK);
    CHECK(r.key != k1);
    uint64_t k2 = r.key;
    exec(s, "levels 5");
    CHECK(rast_render(&r, s, 50, 16, &o, &err) == DS_OK);
    CHECK(r.key != k2 && r.nlev == 5);
    /* Too small, and an empty view, are errors. */
    CHECK(rast_render(&r, s, 5, 3, &o, &err) == DS_ERANGE);
    rast_free(&r);
    sess_free(s);
}

/* A constant curve for rast_chart_curve: *(double *)ctx at every k. */
static double flat_at(void *ctx, double k)
{
    (void)k;
    return *(const double *)ctx;
}

TEST(chart)
{
    sess *s = sess_new();
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {0};
    double range[3];
    exec(s, "func bowl; algo gd lr=0.1; start 1 1; step 20");
    CHECK(rast_chart(&r, &s->runs, RAST_CHART_F, 30, 5, &o, range, &err) == DS_OK);
    CHECK(range[2] == 20);
    CHECK_NEAR(range[1], 2, 1e-9); /* f starts at 2 */
    CHECK(range[0] < 0.01);
    CHECK(count_kind(&r, RK_PATH) >= 10);
    /* f falls: the first column's dots are high, the last column's low. */
    int first_row = -1, last_row = -1;
    for (int j = 0; j < 5; j++) {
        if (first_row < 0 && cell(&r, 0, j)->kind == RK_PATH) first_row = j;
        if (cell(&r, 29, j)->kind == RK_PATH) last_row = j;
    }
    CHECK(first_row == 0 && last_row == 4);
    CHECK(rast_chart(&r, &s->runs, RAST_CHART_LR, 30, 3, &o, range, &err) == DS_OK);
    CHECK(isfinite(range[0]) && range[0] < 0.1 && range[1] > 0.1); /* a flat line, padded */
    /* The bound's curve (rast_chart_curve) is drawn where it lies, also along the floor:
     * values at or a hair above the chart's lowest value sit on the bottom edge like the
     * runs' own lines instead of vanishing in the clip's margin. */
    exec(s, "func quad 1 0 10; algo gd lr=0.1; start -2.5 1.5; step 10");
    const double above[] = {0, 1e-15, 1e-12, 1e-9};
    for (size_t i = 0; i < sizeof above / sizeof above[0]; i++) {
        CHECK(rast_chart(&r, &s->runs, RAST_CHART_F, 30, 5, &o, range, &err) == DS_OK);
        double y = range[0] * (1 + above[i]);
        CHECK(rast_chart_curve(&r, range, flat_at, &y, &o) == DS_OK);
        int bottom = 0, higher = 0;
        for (int col = 0; col < 30; col++)
            for (int row = 0; row < 5; row++)
                if (cell(&r, col, row)->attr & RAST_DIM) *(row == 4 ? &bottom : &higher) += 1;
        /* From k = 1 (cell 3 of 30 over 10 steps) to where f's last steps hold the
         * floor (cell 20 on): 17 cells; none before the clamp. */
        CHECK(bottom >= 15);
        CHECK(higher == 0);
    }
    rast_free(&r);
    sess_free(s);
}

/* On data held back the f chart draws the validation loss too, as its own series: dotted
 * (ASCII ',') under the solid f (ASCII '.'), and above it once gd fits the noise. */
TEST(chart_val)
{
    sess *s = sess_new();
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.ascii = 1};
    double range[3];
    exec(s, "data gen linreg n=20 noise=1 seed=2; data split 0.5; func linreg; algo gd lr=0.1; "
            "step 200");
    CHECK(rast_chart(&r, &s->runs, RAST_CHART_F, 40, 8, &o, range, &err) == DS_OK);
    CHECK(range[0] < 0.121 && range[1] > 4.4); /* train ends at 0.120, val starts at 4.43 */
    int fcells = 0, vcells = 0, above = 0, below = 0;
    for (int i = 0; i < 40; i++) {
        int fj = -1, vj = -1;
        for (int j = 0; j < 8; j++) {
            uint32_t ch = cell(&r, i, j)->ch;
            if (ch == '.') fcells++, fj = fj < 0 ? j : fj;
            if (ch == ',') vcells++, vj = vj < 0 ? j : vj;
        }
        if (i >= 20 && fj >= 0 && vj >= 0) {
            above += vj < fj;
            below += vj > fj;
        }
    }
    CHECK(fcells >= 40 && vcells >= 10); /* f is whole: its last steps sit on the floor */
    CHECK(above >= 5 && below == 0);     /* late on, val 0.656 lies above train 0.120 */
    /* Braille: the dotted series has fewer dots per cell than the solid one. */
    o.ascii = 0;
    CHECK(rast_chart(&r, &s->runs, RAST_CHART_F, 40, 8, &o, range, &err) == DS_OK);
    CHECK(count_kind(&r, RK_PATH) >= fcells);
    /* Without a split there is one series only. */
    exec(s, "data split 1; algo gd lr=0.1; step 50");
    o.ascii = 1;
    CHECK(rast_chart(&r, &s->runs, RAST_CHART_F, 40, 8, &o, range, &err) == DS_OK);
    vcells = 0;
    for (int i = 0; i < 40; i++)
        for (int j = 0; j < 8; j++)
            vcells += cell(&r, i, j)->ch == ',';
    CHECK(vcells == 0);
    rast_free(&r);
    sess_free(s);
}

/* ---- the picture's promises ------------------------------------------------------- */

static int is_line(const rast *r, int i, int j)
{
    int k = r->base[(size_t)j * r->w + i].kind;
    return k == RK_CONTOUR || k == RK_LABEL;
}

/* Line cells of the base layer (no overlay) with fewer than two line neighbours among
 * their eight, away from the plot's frame; and the fragments: connected pieces of line
 * cells not touching the frame, with the size of each (sizes[] gets up to 16). */
static int dangling(const rast *r, int *nfrag, int *sizes)
{
    int n = 0;
    for (int j = r->py + 1; j < r->py + r->ph - 1; j++)
        for (int i = r->px + 1; i < r->px + r->pw - 1; i++) {
            if (!is_line(r, i, j)) continue;
            int nb = 0;
            for (int dj = -1; dj <= 1; dj++)
                for (int di = -1; di <= 1; di++)
                    nb += (di || dj) && is_line(r, i + di, j + dj);
            n += nb < 2;
        }
    /* fragments by flood fill */
    int *seen = calloc((size_t)r->w * r->h, sizeof(int)),
        *stack = malloc(sizeof(int) * (size_t)r->w * r->h);
    *nfrag = 0;
    for (int j = r->py; j < r->py + r->ph; j++)
        for (int i = r->px; i < r->px + r->pw; i++) {
            if (!is_line(r, i, j) || seen[j * r->w + i]) continue;
            int top = 0, size = 0, frame = 0;
            stack[top++] = j * r->w + i;
            seen[j * r->w + i] = 1;
            while (top) {
                int q = stack[--top], qi = q % r->w, qj = q / r->w;
                size++;
                if (qi == r->px || qj == r->py || qi == r->px + r->pw - 1 ||
                    qj == r->py + r->ph - 1)
                    frame = 1;
                for (int dj = -1; dj <= 1; dj++)
                    for (int di = -1; di <= 1; di++) {
                        int a = qi + di, b = qj + dj;
                        if (a < r->px || b < r->py || a >= r->px + r->pw || b >= r->py + r->ph)
                            continue;
                        if (!is_line(r, a, b) || seen[b * r->w + a]) continue;
                        seen[b * r->w + a] = 1;
                        stack[top++] = b * r->w + a;
                    }
            }
            if (!frame && size <= 3) {
                if (*nfrag < 16) sizes[*nfrag] = size;
                (*nfrag)++;
            }
        }
    free(seen);
    free(stack);
    return n;
}

TEST(contours_have_no_dangling_ends)
{
    static const char *const funcs[] = {"bowl",    "ellipse", "quad 2 1 3",
                                        "rotated", "booth",   "matyas"};
    rast_opts o = {.axes = 1, .title = 1, .legend = 1, .key = 1};
    for (int c = 0; c < 2; c++) {
        o.colors = c ? 256 : 0;
        for (size_t f = 0; f < sizeof funcs / sizeof funcs[0]; f++) {
            sess *s = sess_new();
            char line[64];
            snprintf(line, sizeof line, "func %s; levels 5 lin", funcs[f]);
            exec(s, line);
            rast r;
            rast_init(&r);
            ds_err err;
            CHECK(rast_render(&r, s, 120, 40, &o, &err) == DS_OK);
            int nfrag, sizes[16];
            int d = dangling(&r, &nfrag, sizes);
            if (d || nfrag) TH_FAIL("%s: %d dangling ends, %d small fragments", funcs[f], d, nfrag);
            CHECK(count_kind(&r, RK_CONTOUR) > 40);
            rast_free(&r);
            sess_free(s);
        }
    }
    /* himmelblau, default (log) levels: at most two fragments of three cells or fewer. */
    sess *s = sess_new();
    exec(s, "func himmelblau");
    rast r;
    rast_init(&r);
    ds_err err;
    CHECK(rast_render(&r, s, 120, 40, &o, &err) == DS_OK);
    int nfrag, sizes[16];
    int d = dangling(&r, &nfrag, sizes);
    printf("himmelblau: %d dangling ends, %d fragments of <= 3 cells\n", d, nfrag);
    CHECK(nfrag <= 2);
    rast_free(&r);
    sess_free(s);
}

/* The width over the height, in cells, of the closed contour nearest the middle. */
static double ring_ratio(const rast *r)
{
    int cj = r->py + r->ph / 2, ci = r->px + r->pw / 2, left = -1, right = -1, up = -1, down = -1;
    for (int i = ci; i >= r->px && left < 0; i--)
        if (is_line(r, i, cj)) left = i;
    for (int i = ci; i < r->px + r->pw && right < 0; i++)
        if (is_line(r, i, cj)) right = i;
    for (int j = cj; j >= r->py && up < 0; j--)
        if (is_line(r, ci, j)) up = j;
    for (int j = cj; j < r->py + r->ph && down < 0; j++)
        if (is_line(r, ci, j)) down = j;
    if (left < 0 || right < 0 || up < 0 || down < 0) return NAN;
    return (double)(right - left) / (down - up);
}

TEST(aspect_equal_bowl)
{
    /* Circles look round: twice as many cells across as down (cells are 1:2). */
    sess *s = sess_new();
    exec(s, "func bowl; levels 5 lin; aspect equal");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.axes = 1, .title = 1, .legend = 1, .key = 1};
    int sizes[2][2] = {{120, 40}, {80, 24}};
    for (int k = 0; k < 2; k++) {
        CHECK(rast_render(&r, s, sizes[k][0], sizes[k][1], &o, &err) == DS_OK);
        double q = ring_ratio(&r);
        printf("bowl, aspect equal, %dx%d: inner ring %.2f times as wide as tall in cells\n",
               sizes[k][0], sizes[k][1], q);
        CHECK(q >= 1.6 && q <= 2.5);
        /* The box shown has the plot area's shape: x units per column = y units per row / 2. */
        CHECK_NEAR((r.view[1] - r.view[0]) / r.pw, (r.view[3] - r.view[2]) / r.ph / 2, 1e-9);
    }
    /* fill stretches the same box over the area: much wider rings. */
    exec(s, "aspect fill");
    CHECK(rast_render(&r, s, 120, 40, &o, &err) == DS_OK);
    CHECK(ring_ratio(&r) > 2.6);
    /* auto: equal for bowl (square default view), fill for a typed formula. */
    exec(s, "aspect auto");
    CHECK(scene_aspect_equal(s));
    exec(s, "func x^2 + y^2");
    CHECK(!scene_aspect_equal(s));
    rast_free(&r);
    sess_free(s);
}

/* The legend row never cuts an entry: every run is named whole or counted in "+N more",
 * at every width. */
TEST(legend_row_never_cuts)
{
    static const char *const names[] = {"gd lr=", "adam lr=", "nag lr=", "rmsprop lr=", "bfgs"};
    sess *s = sess_new();
    exec(s, "func himmelblau; add adam; add nag; add rmsprop; add bfgs; step 3");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.axes = 1, .title = 1, .legend = 1, .key = 1};
    for (int w = 30; w <= 200; w += 7) {
        CHECK(rast_render(&r, s, w, 16, &o, &err) == DS_OK);
        sbuf t;
        sbuf_init(&t);
        rast_to_text(&r, &t, 0, 0);
        const char *text = sbuf_str(&t), *last = text;
        for (const char *p = text; *p; p++)
            if (*p == '\n' && p[1]) last = p + 1;
        int named = 0, more = 0;
        for (int i = 0; i < 5; i++)
            named += strstr(last, names[i]) != NULL;
        const char *m = strchr(last, '+');
        if (m) more = atoi(m + 1);
        if (named + more != 5)
            TH_FAIL("width %d: %d named + %d more in '%s'", w, named, more, last);
        /* A named entry is whole: with the iteration, "it 3" follows every name shown. */
        if (strstr(last, " it ")) {
            int its = 0;
            for (const char *p = last; (p = strstr(p, " it 3")); p++)
                its++;
            CHECK(its == named);
        }
        sbuf_free(&t);
    }
    /* Wide enough: every run in full, nothing counted. */
    CHECK(rast_render(&r, s, 200, 16, &o, &err) == DS_OK);
    rast_free(&r);
    sess_free(s);
}

/* A title longer than the plot ends in "…" (ASCII "~"), not in a cut number; one that
 * fits is whole, with the level count at the right. */
TEST(title_cut_says_so)
{
    sess *s = sess_new();
    exec(s, "func quad");
    rast r;
    rast_init(&r);
    ds_err err;
    for (int ascii = 0; ascii <= 1; ascii++) {
        rast_opts o = {.axes = 1, .title = 1, .ascii = ascii};
        const char *mark = ascii ? "~" : "\u2026";
        for (int w = 30; w <= 120; w += 9) {
            CHECK(rast_render(&r, s, w, 12, &o, &err) == DS_OK);
            sbuf t;
            sbuf_init(&t);
            rast_to_text(&r, &t, 0, 0);
            char first[512];
            const char *text = sbuf_str(&t), *nl = strchr(text, '\n');
            snprintf(first, sizeof first, "%.*s", nl ? (int)(nl - text) : (int)strlen(text), text);
            int whole = strstr(first, "b = [0, 0]") != NULL, marked = strstr(first, mark) != NULL;
            if (whole == marked) TH_FAIL("width %d ascii %d: '%s'", w, ascii, first);
            CHECK(utf8_width(first, strlen(first)) <= w);
            sbuf_free(&t);
        }
    }
    rast_free(&r);
    sess_free(s);
}

TEST(levels_at_drive_bands_lines_and_key)
{
    sess *s = sess_new();
    exec(s, "func bowl; aspect fill; view -2 2 -2 2; levels at 0.5 2 4.5");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.colors = RAST_TRUECOLOR, .axes = 1, .title = 1, .legend = 1, .key = 1};
    CHECK(rast_render(&r, s, 80, 30, &o, &err) == DS_OK);
    CHECK(r.nlev == 3 && r.lev[0] == 0.5 && r.lev[2] == 4.5);
    /* The band at a point is the number of levels at or below f there. */
    CHECK(scene_band_of(&r.sc, 0.1) == 0 && scene_band_of(&r.sc, 0.5) == 1);
    CHECK(scene_band_of(&r.sc, 3) == 2 && scene_band_of(&r.sc, 7) == 3);
    CHECK(scene_band_of(&r.sc, NAN) == -1);
    /* Every line cell lies where the cell's corner samples straddle a level. */
    sbuf t;
    sbuf_init(&t);
    rast_to_text(&r, &t, 0, 0);
    CHECK_HAS(sbuf_str(&t), "3 given levels");
    CHECK_HAS(sbuf_str(&t), " 0.5 ");
    CHECK_HAS(sbuf_str(&t), " 4.5");
    sbuf_reset(&t);
    rast_to_text(&r, &t, 1, RAST_TRUECOLOR);
    CHECK_HAS(sbuf_str(&t), ";48;2;"); /* 24-bit backgrounds */
    sbuf_free(&t);
    /* Closed level sets come out closed: three rings around the minimum. */
    int closed = 0;
    for (int i = 0; i < r.sc.nlines; i++)
        closed += r.sc.lines[i].closed;
    CHECK(closed == 2); /* f = 4.5 reaches the frame (view ±2): only 0.5 and 2 close */
    rast_free(&r);
    sess_free(s);
}

int main(void)
{
    RUN(levels_linear);
    RUN(levels_log_negative);
    RUN(levels_one_decision);
    RUN(side_glyphs);
    RUN(put_text_korean);
    RUN(plot_bowl);
    RUN(plot_undefined_and_ascii);
    RUN(plot_paths);
    RUN(arrow_glyphs);
    RUN(arrow_bowl);
    RUN(arrow_diagonal_and_paths);
    RUN(arrow_left_out);
    RUN(cache);
    RUN(chart);
    RUN(chart_val);
    RUN(contours_have_no_dangling_ends);
    RUN(legend_row_never_cuts);
    RUN(aspect_equal_bowl);
    RUN(title_cut_says_so);
    RUN(levels_at_drive_bands_lines_and_key);
    TEST_END();
}
