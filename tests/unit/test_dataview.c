/* test_dataview.c — the data view's geometry (the fitted line, the sigmoid, the 0.5
 * threshold, the box) and scene, and the cloud: its statistics against a direct
 * computation over K separately made runs, its determinism, and how it follows its run
 * through steps, rewinds and changes. */
#include <math.h>
#include <stdlib.h>

#include "descent/cloud.h"
#include "descent/command.h"
#include "descent/dataview.h"
#include "descent/raster.h"
#include "fixtures.h"
#include "harness.h"

/* ---- geometry ---------------------------------------------------------------------- */

TEST(line_ends)
{
    double e[4];
    CHECK(dv_line(2, -1, -3, 5, e));
    CHECK_NEAR(e[0], -3, 0);
    CHECK_NEAR(e[1], -7, 0);
    CHECK_NEAR(e[2], 5, 0);
    CHECK_NEAR(e[3], 9, 0);
    CHECK(!dv_line(NAN, 1, 0, 1, e));
    CHECK(!dv_line(1, INFINITY, 0, 1, e));
}

TEST(sigmoid_samples)
{
    double xy[2 * 5];
    CHECK(dv_sigmoid(3, 0.5, -2, 2, 5, xy) == 5);
    for (int i = 0; i < 5; i++) {
        double x = -2 + i;
        CHECK_NEAR(xy[2 * i], x, 1e-15);
        CHECK_NEAR(xy[2 * i + 1], 1 / (1 + exp(-(3 * x + 0.5))), 1e-15);
    }
    /* Far out the curve saturates without overflow or NaN. */
    CHECK(dv_sigmoid(1000, 0, -5, 5, 2, xy) == 2);
    CHECK(xy[1] == 0 && xy[3] == 1);
    CHECK(dv_sigmoid(-1e300, 0, -5, 5, 2, xy) == 2);
    CHECK(isfinite(xy[1]) && isfinite(xy[3]));
    CHECK(dv_sigmoid(1, NAN, 0, 1, 2, xy) == 0);
}

TEST(threshold)
{
    double x;
    CHECK(dv_threshold(3, 0.5, &x));
    CHECK_NEAR(x, -0.5 / 3, 1e-15);
    double p[4];
    CHECK(dv_sigmoid(3, 0.5, x, x + 1, 2, p));
    CHECK_NEAR(p[1], 0.5, 1e-15); /* σ there is one half */
    CHECK(!dv_threshold(0, 1, &x));
    CHECK(!dv_threshold(1e-320, 1e300, &x)); /* −b/w overflows: no boundary to draw */
}

TEST(box)
{
    dataset d;
    data_init(&d);
    CHECK(data_generate(&d, DATA_LINREG, 50, 0.3, 1, &exec_err) == DS_OK);
    double b[4], lo = INFINITY, hi = -INFINITY;
    dv_box(&d, 0, b);
    for (int i = 0; i < d.n; i++) {
        CHECK(d.x[i] > b[0] && d.x[i] < b[1] && d.y[i] > b[2] && d.y[i] < b[3]);
        lo = fmin(lo, d.x[i]);
        hi = fmax(hi, d.x[i]);
    }
    CHECK_NEAR(b[0], lo - 0.05 * (hi - lo), 1e-12);
    CHECK_NEAR(b[1], hi + 0.05 * (hi - lo), 1e-12);
    dv_box(&d, 1, b);
    CHECK_NEAR(b[2], -0.15, 1e-15);
    CHECK_NEAR(b[3], 1.15, 1e-15);
    dv_box(NULL, 0, b);
    CHECK(b[0] == -1 && b[1] == 1 && b[2] == -1 && b[3] == 1);
    data_free(&d);
}

/* ---- the scene --------------------------------------------------------------------- */

static int count_marks(const scene *sc, scene_mark_kind k)
{
    int n = 0;
    for (int i = 0; i < sc->nmarks; i++)
        n += sc->marks[i].kind == k;
    return n;
}

TEST(scene_linreg)
{
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    scene_req q = {.width = 40, .height = 20, .cellratio = 2, .gx = 1, .gy = 1};
    CHECK(scene_build_data(&sc, s, &q, &exec_err) == DS_ESTATE); /* rosenbrock has no data */
    CHECK(exec_line(s, "data split 0.8; func linreg; algo sgd batch=5 lr=0.1; step 20") == DS_OK);
    CHECK(scene_build_data(&sc, s, &q, &exec_err) == DS_OK);
    CHECK(count_marks(&sc, SM_DATA_TRAIN) == 40);
    CHECK(count_marks(&sc, SM_DATA_VAL) == 10);
    /* One polyline: the current model, the line y = w·x + b across the view. */
    CHECK(sc.nov == 1 && sc.ov[0].kind == SO_POLYLINE && sc.ov[0].n == 2);
    const run_row *cur = run_current(runset_get(&s->runs, 0));
    const double *p = sc.ov_pts + 2 * sc.ov[0].start;
    CHECK_NEAR(p[0], sc.view[0], 0);
    CHECK_NEAR(p[1], cur->x * sc.view[0] + cur->y, 1e-12);
    CHECK_NEAR(p[3], cur->x * sc.view[1] + cur->y, 1e-12);
    /* The model moves when the run steps. */
    double before = p[1];
    CHECK(exec_line(s, "step 5") == DS_OK);
    CHECK(scene_build_data(&sc, s, &q, &exec_err) == DS_OK);
    CHECK(sc.ov_pts[2 * sc.ov[0].start + 1] != before);
    /* Early stopping with a best: its model dashed, drawn first (under the current). */
    CHECK(exec_line(s, "earlystop patience=3; step 30") == DS_OK);
    CHECK(scene_build_data(&sc, s, &q, &exec_err) == DS_OK);
    CHECK(sc.nov == 2 && sc.ov[0].style == SOS_DASHED && sc.ov[1].style == SOS_SOLID);
    const run_row *best = run_best(runset_get(&s->runs, 0));
    CHECK(best != NULL);
    if (best) CHECK_NEAR(sc.ov_pts[2 * sc.ov[0].start + 1], best->x * sc.view[0] + best->y, 1e-12);
    scene_free(&sc);
    sess_free(s);
}

TEST(scene_logreg)
{
    sess *s = sess_new();
    scene sc;
    scene_init(&sc);
    scene_req q = {.width = 40, .height = 20, .cellratio = 2, .gx = 1, .gy = 1};
    CHECK(exec_line(s, "data gen logreg n=40 seed=3; func logreg; algo gd lr=0.05; step 30") ==
          DS_OK);
    CHECK(scene_build_data(&sc, s, &q, &exec_err) == DS_OK);
    CHECK(count_marks(&sc, SM_DATA_TRAIN) == 40 && count_marks(&sc, SM_DATA_VAL) == 0);
    /* σ = 0.5 dashed across, the sigmoid, its boundary x = −b/w dashed top to bottom. */
    CHECK(sc.nov == 3);
    const run_row *cur = run_current(runset_get(&s->runs, 0));
    const double *half = sc.ov_pts + 2 * sc.ov[0].start;
    CHECK(half[1] == 0.5 && half[3] == 0.5);
    CHECK(sc.ov[1].n == DV_CURVE_POINTS);
    const double *curve = sc.ov_pts + 2 * sc.ov[1].start;
    for (int i = 0; i < DV_CURVE_POINTS; i += 40)
        CHECK_NEAR(curve[2 * i + 1], 1 / (1 + exp(-(cur->x * curve[2 * i] + cur->y))), 1e-12);
    const double *bound = sc.ov_pts + 2 * sc.ov[2].start;
    CHECK_NEAR(bound[0], -cur->y / cur->x, 1e-12);
    CHECK(bound[0] == bound[2] && bound[1] == sc.view[2] && bound[3] == sc.view[3]);
    scene_free(&sc);
    sess_free(s);
}

TEST(raster_split)
{
    sess *s = sess_new();
    CHECK(exec_line(s, "func linreg; step 3") == DS_OK);
    rast r, p, d;
    rast_init(&r);
    rast_init(&p);
    rast_init(&d);
    rast_opts o = {.title = 1, .axes = 1, .legend = 1, .key = 1};
    CHECK(rast_render_split(&r, &p, &d, s, 100, 30, &o, &exec_err) == DS_OK);
    CHECK(r.w == 100 && r.h == 30 && d.w == rast_split_width(100) && p.w + d.w == 100);
    int dots = 0;
    for (int i = 0; i < d.w * d.h; i++)
        dots += d.cells[i].ch == 0x2022; /* • */
    CHECK(dots > 25);                    /* most of the 50 samples have a cell of their own */
    CHECK(rast_render_data(&d, s, 10, 5, &o, &exec_err) == DS_ERANGE);
    rast_free(&r);
    rast_free(&p);
    rast_free(&d);
    sess_free(s);
}

/* ---- the cloud --------------------------------------------------------------------- */

TEST(spread)
{
    double v[4] = {1, 2, 3, 6}, m, sd;
    cloud_spread(v, 4, &m, &sd);
    CHECK_NEAR(m, 3, 1e-15);
    CHECK_NEAR(sd, sqrt((4 + 1 + 0 + 9) / 4.0), 1e-15);
    cloud_spread(v, 1, &m, &sd);
    CHECK(m == 1 && sd == 0);
    cloud_spread(v, 0, &m, &sd);
    CHECK(isnan(m) && isnan(sd));
    double big[3] = {1e9 + 1, 1e9 + 2, 1e9 + 3}; /* no cancellation */
    cloud_spread(big, 3, &m, &sd);
    CHECK_NEAR(sd, sqrt(2.0 / 3), 1e-9);
}

#define SETUP "data split 0.8; func linreg; algo sgd batch=5 lr=0.1; step 25"

TEST(stats_direct)
{
    /* The cloud of 6 copies from seed 4 against 6 runs made one by one. */
    sess *s = sess_new();
    CHECK(exec_line(s, SETUP "; cloud 6 seed=4") == DS_OK);
    cloud_stats st;
    cloud_stats_of(s->cloud, &st);
    CHECK(st.k == 6 && st.iter == 25 && st.nfinite == 6 && st.seed == 4);
    double x[6], y[6], f[6];
    for (int i = 0; i < 6; i++) {
        sess *t = sess_new();
        char line[160];
        snprintf(line, sizeof line, SETUP "; set seed=%d; reset; step 25", 4 + i);
        CHECK(exec_line(t, line) == DS_OK);
        const run_row *r = run_current(runset_get(&t->runs, 0));
        x[i] = r->x, y[i] = r->y, f[i] = r->f;
        sess_free(t);
    }
    double mx = 0, my = 0, mf = 0, vx = 0, vy = 0, vf = 0;
    for (int i = 0; i < 6; i++)
        mx += x[i] / 6, my += y[i] / 6, mf += f[i] / 6;
    for (int i = 0; i < 6; i++)
        vx += (x[i] - mx) * (x[i] - mx) / 6, vy += (y[i] - my) * (y[i] - my) / 6,
            vf += (f[i] - mf) * (f[i] - mf) / 6;
    CHECK_NEAR(st.mean[0], mx, 1e-14);
    CHECK_NEAR(st.mean[1], my, 1e-14);
    CHECK_NEAR(st.sd[0], sqrt(vx), 1e-12);
    CHECK_NEAR(st.sd[1], sqrt(vy), 1e-12);
    CHECK_NEAR(st.fmean, mf, 1e-14);
    CHECK_NEAR(st.fsd, sqrt(vf), 1e-12);
    CHECK(st.sd[0] > 0 && st.sd[1] > 0); /* the seeds differ, so the copies do */
    sess_free(s);
}

TEST(follows_its_run)
{
    sess *a = sess_new(), *b = sess_new();
    /* a: the cloud made at 25, then 15 more steps; b: made at 40. The same copies. */
    CHECK(exec_line(a, SETUP "; cloud 5; step 15") == DS_OK);
    CHECK(exec_line(b, SETUP "; step 15; cloud 5") == DS_OK);
    cloud_stats sa, sb;
    cloud_stats_of(a->cloud, &sa);
    cloud_stats_of(b->cloud, &sb);
    CHECK(sa.iter == 40 && sb.iter == 40);
    CHECK(sa.mean[0] == sb.mean[0] && sa.mean[1] == sb.mean[1] && sa.fsd == sb.fsd);
    /* Back with it: rewind 15 gives the cloud made at 25. */
    sess *c = sess_new();
    CHECK(exec_line(c, SETUP "; cloud 5") == DS_OK);
    CHECK(exec_line(a, "rewind 15") == DS_OK);
    cloud_stats sc;
    cloud_stats_of(a->cloud, &sa);
    cloud_stats_of(c->cloud, &sc);
    CHECK(sa.iter == 25 && sa.mean[0] == sc.mean[0] && sa.fmean == sc.fmean);
    /* A change mid-run is replayed by every copy at its iteration. */
    CHECK(exec_line(a, "set lr=0.05; step 10") == DS_OK);
    CHECK(exec_line(c, "set lr=0.05; step 10") == DS_OK);
    cloud_stats_of(a->cloud, &sa);
    cloud_stats_of(c->cloud, &sc);
    CHECK(sa.iter == 35 && sa.mean[1] == sc.mean[1] && sa.sd[0] == sc.sd[0]);
    /* A new objective removes it; so does deleting its run. */
    CHECK(exec_line(b, "func logreg") != DS_OK || b->cloud == NULL);
    CHECK(exec_line(c, "add gd; del 1") == DS_OK);
    CHECK(c->cloud == NULL);
    sess_free(a);
    sess_free(b);
    sess_free(c);
}

TEST(refusals)
{
    sess *s = sess_new();
    CHECK(exec_line(s, "cloud 5") == DS_ESTATE); /* gd has no randomness */
    CHECK_HAS(exec_err.msg, "no randomness");
    CHECK(exec_line(s, "func linreg; algo sgd batch=50") == DS_OK);
    CHECK(exec_line(s, "cloud 5") == DS_ESTATE); /* a full batch */
    CHECK_HAS(exec_err.msg, "batch=");
    CHECK(exec_line(s, "set batch=5") == DS_OK);
    CHECK(exec_line(s, "cloud 0") == DS_ERANGE);
    CHECK_HAS(exec_err.msg, "from 1 to 100");
    CHECK(exec_line(s, "cloud 100000") == DS_ERANGE);
    CHECK(exec_line(s, "cloud 2.5") == DS_EARG);
    CHECK(exec_line(s, "cloud 3 seeds=1") == DS_EARG);
    CHECK(s->cloud == NULL);
    CHECK(exec_line(s, "func x^2 + y^2; algo sgd noise=0") == DS_OK);
    CHECK(exec_line(s, "cloud 3") == DS_ESTATE); /* no noise on a formula */
    CHECK_HAS(exec_err.msg, "noise=0");
    CHECK(exec_line(s, "set noise=0.5; cloud 3") == DS_OK);
    CHECK(exec_line(s, "cloud off") == DS_OK && s->cloud == NULL);
    sess_free(s);
}

/* The faint copies drawn: one polyline each, ending where each copy is now, also after
 * steps extend the cached points and after a rewind shortens them. */
static void check_drawn(sess *s, rast *r)
{
    rast_opts o = {.axes = 1, .key = 1};
    CHECK(rast_render(r, s, 80, 30, &o, &exec_err) == DS_OK);
    cloud_stats st;
    cloud_stats_of(s->cloud, &st);
    int n = 0;
    double mx = 0, my = 0;
    for (int i = 0; i < r->sc.nov; i++) {
        const scene_overlay *ov = &r->sc.ov[i];
        if (ov->kind != SO_POLYLINE || ov->style != SOS_FAINT) continue;
        const double *last = r->sc.ov_pts + 2 * (ov->start + ov->n - 1);
        mx += last[0] / st.k, my += last[1] / st.k;
        n++;
    }
    CHECK(n == st.k);
    CHECK_NEAR(mx, st.mean[0], 1e-12);
    CHECK_NEAR(my, st.mean[1], 1e-12);
}

TEST(drawn)
{
    sess *s = sess_new();
    rast r;
    rast_init(&r);
    CHECK(exec_line(s, SETUP "; cloud 6") == DS_OK);
    check_drawn(s, &r);
    CHECK(exec_line(s, "step 7") == DS_OK);
    check_drawn(s, &r);
    CHECK(exec_line(s, "rewind 20") == DS_OK);
    check_drawn(s, &r);
    CHECK(exec_line(s, "zoom 2") == DS_OK);
    check_drawn(s, &r);
    rast_free(&r);
    sess_free(s);
}

TEST(sandbox)
{
    /* Lessons set up with these lines; their sandbox writes no file and caps the steps. */
    sess *s = sess_new();
    cmd_ctx c = {.out = &exec_out, .err = &exec_err, .sandbox = "."};
    CHECK(cmd_exec_line(s, "func linreg; algo sgd batch=5 lr=0.1; step 30; dataview on; cloud 20",
                        &c, 0) == DS_OK);
    CHECK(s->dataview == 1 && s->cloud != NULL);
    CHECK(cmd_exec_line(s, "step 5000; cloud 30", &c, 0) == DS_ERANGE); /* 30 × 5030 steps */
    CHECK_HAS(exec_err.msg, "steps allowed here");
    sess_free(s);
}

int main(void)
{
    sbuf_init(&exec_out);
    RUN(line_ends);
    RUN(sigmoid_samples);
    RUN(threshold);
    RUN(box);
    RUN(scene_linreg);
    RUN(scene_logreg);
    RUN(raster_split);
    RUN(spread);
    RUN(stats_direct);
    RUN(follows_its_run);
    RUN(refusals);
    RUN(drawn);
    RUN(sandbox);
    sbuf_free(&exec_out);
    TEST_END();
}
