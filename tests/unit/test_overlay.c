/* test_overlay.c — the geometry overlays with known answers: eigen axes of a known
 * quadratic (directions, lengths by |λ|, dashed for negative curvature), grad's arrows and
 * Dᵥ f with set direction, prox's point and circle (the point is where gd's next step
 * lands), grid's image of a linear map and the sign of det J; and bad input that must
 * fail and change nothing; Taylor contours reused between frames only while nothing they
 * depend on changed. Drawings are found in the scene by their colours. */
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"

#include "descent/command.h"
#include "descent/complete.h"
#include "descent/overlay.h"
#include "descent/scene.h"
#include "descent/session.h"

/* A 100×100-pixel picture (square, so lengths on the picture are easy to check). */
static void build(scene *sc, const sess *s)
{
    scene_req q = {.width = 100, .height = 100, .cellratio = 1, .gx = 50, .gy = 50};
    if (scene_build(sc, s, &q, &exec_err)) TH_FAIL("scene_build: %s", exec_err.msg);
}

static const double *pts(const scene *sc, int i)
{
    return sc->ov_pts + 2 * (size_t)sc->ov[i].start;
}

/* The k-th drawing of `kind` in `color` (-1 when there is none). */
static int find(const scene *sc, scene_ov_kind kind, pal_rgb color, int k)
{
    for (int i = 0; i < sc->nov; i++)
        if (sc->ov[i].kind == kind && sc->ov[i].color == color && k-- == 0) return i;
    return -1;
}

/* Whether some text drawing contains `needle`. */
static int has_text(const scene *sc, const char *needle)
{
    for (int i = 0; i < sc->nov; i++)
        if (sc->ov[i].kind == SO_TEXT && strstr(sc->ov[i].text, needle)) return 1;
    return 0;
}

/* Length on the picture of the data vector (dx, dy). */
static double on_picture(const scene *sc, double dx, double dy)
{
    double sx = sc->width / (sc->view[1] - sc->view[0]);
    double sy = sc->height * sc->cellratio / (sc->view[3] - sc->view[2]);
    return hypot(dx * sx, dy * sy);
}

TEST(eigen_axes_of_a_known_quadratic)
{
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    /* H = diag(2, 8): λ₁ = 2 along x, λ₂ = 8 along y; lengths 0.2·100 and a quarter of it */
    exec_ok(s, "func x^2 + 4*y^2; view -2 2 -2 2; cursor 0.5 0.5; arrow off; overlay eigen");
    build(&sc, s);
    CHECK(find(&sc, SO_ARROW, OV_COL_EIG_POS, 3) >= 0 &&
          find(&sc, SO_ARROW, OV_COL_EIG_POS, 4) < 0);
    for (int k = 0; k < 4; k++) {
        const double *p = pts(&sc, find(&sc, SO_ARROW, OV_COL_EIG_POS, k));
        CHECK_NEAR(p[0], 0.5, 1e-12);
        CHECK_NEAR(p[1], 0.5, 1e-12);
        double dx = p[2] - p[0], dy = p[3] - p[1], len = on_picture(&sc, dx, dy);
        if (fabs(dx) > fabs(dy)) { /* along x: λ = 2 */
            CHECK_NEAR(dy, 0, 1e-12);
            CHECK_NEAR(len, 0.2 * 100 * 2 / 8, 1e-9);
        } else {
            CHECK_NEAR(dx, 0, 1e-12);
            CHECK_NEAR(len, 0.2 * 100, 1e-9);
        }
    }
    CHECK(has_text(&sc, "λ₁ = 2 ↔ up, λ₂ = 8 ↔ up"));
    /* a saddle: x² − y² has λ₁ = −2 along y, dashed, and λ₂ = 2 along x, arrows */
    exec_ok(s, "func x^2 - y^2; cursor 0 0");
    build(&sc, s);
    int neg = find(&sc, SO_POLYLINE, OV_COL_EIG_NEG, 0);
    CHECK(neg >= 0);
    int finite = 0, gaps = 0;
    for (int k = 0; neg >= 0 && k < sc.ov[neg].n; k++) {
        const double *p = pts(&sc, neg) + 2 * k;
        if (isnan(p[0])) {
            gaps++;
            continue;
        }
        finite++;
        CHECK_NEAR(p[0], 0, 1e-12); /* on the y axis */
    }
    CHECK(finite >= 4 && gaps >= 2); /* dashes, not one line */
    CHECK(find(&sc, SO_ARROW, OV_COL_EIG_POS, 1) >= 0);
    CHECK(has_text(&sc, "λ₁ = -2 ┄ down, λ₂ = 2 ↔ up"));
    scene_free(&sc);
    sess_free(s);
}

TEST(grad_arrows_and_directional_derivative)
{
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    /* ∇f(1, 1) = (2, 6); v = (3, 4)/5 = (0.6, 0.8): Dᵥ f = 1.2 + 4.8 = 6 */
    exec_ok(s, "func x^2 + 3*y^2; view -3 3 -3 3; cursor 1 1; arrow off; set direction 3 4");
    exec_ok(s, "overlay grad on");
    build(&sc, s);
    int g = find(&sc, SO_ARROW, OV_COL_GRAD, 0), d = find(&sc, SO_ARROW, OV_COL_DESCENT, 0),
        v = find(&sc, SO_ARROW, OV_COL_DIR, 0);
    CHECK(g >= 0 && d >= 0 && v >= 0);
    if (g >= 0 && d >= 0 && v >= 0) {
        const double *pg = pts(&sc, g), *pd = pts(&sc, d), *pv = pts(&sc, v);
        /* parallel to (2, 6), opposite, and to (0.6, 0.8); all the same length */
        CHECK_NEAR((pg[2] - 1) * 6 - (pg[3] - 1) * 2, 0, 1e-12);
        CHECK(pg[2] > 1 && pg[3] > 1);
        CHECK_NEAR(pd[2] - 1, -(pg[2] - 1), 1e-12);
        CHECK_NEAR(pd[3] - 1, -(pg[3] - 1), 1e-12);
        CHECK_NEAR((pv[2] - 1) * 0.8 - (pv[3] - 1) * 0.6, 0, 1e-12);
        CHECK_NEAR(on_picture(&sc, pv[2] - 1, pv[3] - 1), 100.0 / 7, 1e-9);
    }
    CHECK(has_text(&sc, "Dᵥ f = ∇fᵀv = 6, v = [0.6, 0.8]"));
    CHECK(has_text(&sc, "∇f = [2, 6]"));
    scene_free(&sc);
    sess_free(s);
}

/* prox's point is θ − α∇f: exactly where gd's next step lands (with coupled wd too); the
 * circle around θ has radius ‖α∇f‖. */
static void check_prox(const char *setup)
{
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    exec_ok(s, setup);
    exec_ok(s, "step 3; overlay prox on");
    build(&sc, s);
    int a = find(&sc, SO_ARROW, OV_COL_PROXMIN, 0), c = find(&sc, SO_POLYLINE, OV_COL_PROX, 0);
    CHECK(a >= 0 && c >= 0);
    if (a < 0 || c < 0) return;
    double th[2] = {pts(&sc, a)[0], pts(&sc, a)[1]}, m[2] = {pts(&sc, a)[2], pts(&sc, a)[3]};
    double r = hypot(m[0] - th[0], m[1] - th[1]);
    CHECK(r > 0);
    for (int k = 0; k < sc.ov[c].n; k++)
        CHECK_NEAR(hypot(pts(&sc, c)[2 * k] - th[0], pts(&sc, c)[2 * k + 1] - th[1]), r, 1e-12);
    exec_ok(s, "step 1");
    const run_row *now = run_current(runset_get(&s->runs, 0));
    CHECK_NEAR(now->x, m[0], 1e-14);
    CHECK_NEAR(now->y, m[1], 1e-14);
    scene_free(&sc);
    sess_free(s);
}

TEST(prox_point_is_the_next_gd_step)
{
    check_prox("func rosenbrock; algo gd lr=0.001");
    check_prox("func rosenbrock; algo gd lr=0.0005 wd=0.3");
    check_prox("func quad; algo gd lr=0.05; sched step gamma=0.5 step=2");
    /* on, then the selected run becomes another algorithm: the caption says so */
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    exec_ok(s, "overlay prox on; algo adam");
    build(&sc, s);
    CHECK(has_text(&sc, "prox: run 1 is adam; select a gd run"));
    CHECK(find(&sc, SO_ARROW, OV_COL_PROXMIN, 0) < 0);
    scene_free(&sc);
    sess_free(s);
}

TEST(grid_image_of_a_linear_map)
{
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    /* y₁ = −2x + y, y₂ = x + y (COURSE.md's example): det J = −3 everywhere */
    exec_ok(s, "func quad; view -4 4 -4 4; map -2*x + y, x + y; overlay grid on");
    build(&sc, s);
    int nx = 0, ny = 0;
    for (int i = 0; i < sc.nov; i++) {
        if (sc.ov[i].kind != SO_POLYLINE) continue;
        int isx = sc.ov[i].color == OV_COL_GRID_X, isy = sc.ov[i].color == OV_COL_GRID_Y;
        if (!isx && !isy) continue;
        nx += isx, ny += isy;
        /* the preimage of every point: x = (v − u)/3, y = (u + 2v)/3; a line x = c (or
         * y = c) on the grid of step 2 */
        double first = NAN;
        int gaps = 0;
        for (int k = 0; k < sc.ov[i].n; k++) {
            double u = pts(&sc, i)[2 * k], v = pts(&sc, i)[2 * k + 1];
            if (isnan(u)) { /* the images of y = const are dashed */
                gaps++;
                continue;
            }
            double c = isx ? (v - u) / 3 : (u + 2 * v) / 3;
            if (k == 0) first = c;
            CHECK_NEAR(c, first, 1e-12);
        }
        CHECK(isx ? gaps == 0 : gaps >= 10);
        CHECK_NEAR(first / 2, round(first / 2), 1e-12);
    }
    CHECK(nx == 5 && ny == 5); /* −4, −2, 0, 2, 4 each way */
    CHECK(find(&sc, SO_POLYLINE, OV_COL_FOLD, 0) >= 0);
    CHECK(has_text(&sc, "grid: a square grid (step 2) through the map"));
    CHECK(has_text(&sc, "hatched: det J < 0"));
    CHECK(has_text(&sc, "image spans x -12..12, y -8..8"));
    CHECK_NEAR(overlay_map_det(s, 0.3, -1.7), -3, 1e-15);
    /* det J sign: (x², y) has det J = 2x, negative exactly left of the y axis */
    exec_ok(s, "map x^2, y");
    CHECK(overlay_map_det(s, -1, 0.5) < 0 && overlay_map_det(s, 1, 0.5) > 0);
    build(&sc, s);
    int h = find(&sc, SO_POLYLINE, OV_COL_FOLD, 0), strokes = 0;
    CHECK(h >= 0);
    for (int k = 0; h >= 0 && k + 1 < sc.ov[h].n; k += 3) {
        CHECK((pts(&sc, h)[2 * k] + pts(&sc, h)[2 * k + 2]) / 2 < 0);
        strokes++;
    }
    CHECK(strokes > 20);
    /* where the map has no value its derivatives mean nothing: no sign, no hatching */
    exec_ok(s, "map log(x), y");
    CHECK(isnan(overlay_map_det(s, -1, 0.5)) && overlay_map_det(s, 1, 0.5) > 0);
    /* an orientation-keeping map hatches nothing and says nothing about it */
    exec_ok(s, "map 2*x, x + y");
    build(&sc, s);
    CHECK(find(&sc, SO_POLYLINE, OV_COL_FOLD, 0) < 0);
    CHECK(!has_text(&sc, "hatched"));
    scene_free(&sc);
    sess_free(s);
}

TEST(bad_input_changes_nothing)
{
    sess *s = sess_new();
    unsigned before = s->overlays;
    CHECK(exec_line(s, "overlay grid on") == DS_ESTATE);
    CHECK(strstr(exec_err.msg, "no map is set") != NULL);
    CHECK(s->overlays == before);
    exec_ok(s, "algo adam");
    CHECK(exec_line(s, "overlay prox") == DS_ESTATE);
    CHECK(strstr(exec_err.msg, "run 1 is adam") != NULL);
    CHECK(s->overlays == before);
    CHECK(exec_line(s, "overlay gridd") == DS_EUNKNOWN);
    CHECK(strstr(exec_err.msg, "did you mean 'grid'") != NULL);
    CHECK(exec_line(s, "del 1") == DS_OK);
    CHECK(exec_line(s, "overlay steps on") == DS_ESTATE);
    CHECK(s->overlays == before);
    exec_ok(s, "set direction 1 2");
    CHECK(exec_line(s, "set direction 0 0") == DS_EARG);
    CHECK(exec_line(s, "set direction 1 nan") != DS_OK);
    CHECK(exec_line(s, "set direction 1") != DS_OK);
    CHECK(s->direction[0] == 1 && s->direction[1] == 2);
    exec_ok(s, "set direction=-3,0.5");
    CHECK(s->direction[0] == -3 && s->direction[1] == 0.5);
    sess_free(s);
}

/* The overlay drawings of a scene, as one comparable list of numbers. */
static int drawings(const scene *sc, double *list, int cap)
{
    int k = 0;
    for (int i = 0; i < sc->nov && k + 2 < cap; i++) {
        list[k++] = sc->ov[i].kind;
        list[k++] = sc->ov[i].color;
        for (int j = 0; j < 2 * sc->ov[i].n && k < cap; j++)
            list[k++] = pts(sc, i)[j];
    }
    return k;
}

/* Taylor contours kept between frames are exactly those traced afresh, and are traced
 * again when the cursor, the levels or the view move. */
TEST(model_contours_reused_only_while_unchanged)
{
    static double a[200000], b[200000];
    sess *s = sess_new();
    scene warm, cold;
    scene_init(&warm);
    exec_ok(s, "func rosenbrock; cursor -0.5 0.6; overlay taylor1; overlay taylor2");
    const char *changes[] = {"", "cursor 0.3 0.2", "levels 7", "view -1 1 -0.5 1.5", "func bowl"};
    for (size_t c = 0; c < sizeof changes / sizeof changes[0]; c++) {
        if (*changes[c]) exec_ok(s, changes[c]);
        for (int frame = 0; frame < 2; frame++) {
            build(&warm, s); /* the second frame reuses the first's lines */
            scene_init(&cold);
            build(&cold, s);
            int na = drawings(&warm, a, 200000), nb = drawings(&cold, b, 200000);
            CHECK(na == nb && na > 100);
            CHECK(na == nb && memcmp(a, b, sizeof(double) * (size_t)na) == 0);
            scene_free(&cold);
        }
    }
    scene_free(&warm);
    sess_free(s);
}

/* Tab offers the overlays by name and direction among the settings. */
TEST(completion_offers_the_new_names)
{
    sess *s = sess_new();
    cmd_candidates got = {0};
    cmd_complete(s, "overlay gr", 10, &got);
    int grad = 0, grid = 0;
    for (int i = 0; i < got.n; i++)
        grad |= !strcmp(got.words[i], "grad"), grid |= !strcmp(got.words[i], "grid");
    CHECK(grad && grid && got.n == 2);
    cmd_candidates_free(&got);
    cmd_complete(s, "set dir", 7, &got);
    CHECK(got.n == 1 && !strcmp(got.words[0], "direction"));
    cmd_candidates_free(&got);
    cmd_complete(s, "overlay ", 8, &got);
    for (int i = 0; i < overlay_count; i++) { /* every overlay in the table, none left out */
        int found = 0;
        for (int j = 0; j < got.n; j++)
            found |= !strcmp(got.words[j], overlay_table[i].name);
        if (!found) TH_FAIL("overlay %s is not offered by Tab", overlay_table[i].name);
    }
    cmd_candidates_free(&got);
    sess_free(s);
}

/* On a short plot of the screen (80×24 with a lesson open: about nine rows) the grid's
 * three captions would cover a third of it: two stay, the image's extent gives way; a
 * plot of 12 rows or more keeps all three. */
TEST(captions_give_way_on_a_short_plot)
{
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    exec_ok(s, "func quad; view -4 4 -4 4; map -2*x + y, x + y; overlay grid on");
    scene_req q = {.width = 50, .height = 9, .cellratio = 2, .gx = 50, .gy = 18};
    if (scene_build(&sc, s, &q, &exec_err)) TH_FAIL("scene_build: %s", exec_err.msg);
    CHECK(has_text(&sc, "grid: a square grid"));
    CHECK(has_text(&sc, "hatched: det J < 0"));
    CHECK(!has_text(&sc, "image spans"));
    q.height = 12, q.gy = 24;
    if (scene_build(&sc, s, &q, &exec_err)) TH_FAIL("scene_build: %s", exec_err.msg);
    CHECK(has_text(&sc, "image spans"));
    scene_free(&sc);
    sess_free(s);
}

int main(void)
{
    sbuf_init(&exec_out);
    RUN(eigen_axes_of_a_known_quadratic);
    RUN(grad_arrows_and_directional_derivative);
    RUN(prox_point_is_the_next_gd_step);
    RUN(grid_image_of_a_linear_map);
    RUN(bad_input_changes_nothing);
    RUN(model_contours_reused_only_while_unchanged);
    RUN(completion_offers_the_new_names);
    RUN(captions_give_way_on_a_short_plot);
    sbuf_free(&exec_out);
    TEST_END();
}
