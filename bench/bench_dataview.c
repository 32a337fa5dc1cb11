/* bench_dataview.c — what `dataview on` and `cloud K` cost a frame at 120×40 (the plot
 * window is about 80×34 cells; the data view takes its right half): a frame as the
 * screen draws it with and without the data view; the overlay pass with a cloud of 20
 * and of 100 copies of 1,000 sgd steps, drawn from its cached thinned points (a still
 * frame) and after a step (an animation frame: only the new rows are thinned); and how
 * long `cloud 100` takes to make. Issue 10's budget: at most 1 ms added per frame; fails
 * when 100 copies add more than that. CPU time, best of 5. */
#include <stdio.h>
#include <time.h>

#include "descent/command.h"
#include "descent/raster.h"
#include "descent/scene.h"

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static sbuf out;
static ds_err err;

static void exec(sess *s, const char *line)
{
    cmd_ctx c = {.out = &out, .err = &err};
    sbuf_reset(&out);
    if (cmd_exec_line(s, line, &c, 0) != DS_OK) fprintf(stderr, "%s: %s\n", line, err.msg);
}

/* A frame as the screen draws it: the contour plot (cached base) and, with the data
 * view on, the data view beside it. */
static double frame_ms(sess *s, rast *plot, rast *data)
{
    rast_opts o = {.colors = 256, .axes = 1, .cursor = 1, .legend = 2, .key = 1};
    int w = 80, h = 34, wd = s->dataview ? rast_split_width(w) : 0;
    double best = 1e9;
    for (int k = 0; k < 5; k++) {
        double t0 = cpu();
        for (int i = 0; i < 200; i++) {
            rast_render(plot, s, w - wd, h, &o, &err);
            if (wd) rast_render_data(data, s, wd, h, &o, &err);
        }
        double t = 1e3 * (cpu() - t0) / 200;
        if (t < best) best = t;
    }
    return best;
}

/* The overlay pass alone; with `step`, after each run and copy took one more step (the
 * copies' new rows are thinned, as in an animation). */
static double overlay_ms(sess *s, scene *sc, int step)
{
    double best = 1e9;
    for (int k = 0; k < 5; k++) {
        double t = 0;
        for (int i = 0; i < 20; i++) {
            if (step) exec(s, "step 1");
            double t0 = cpu();
            scene_build_overlay(sc, s, &err);
            t += cpu() - t0;
        }
        if (1e3 * t / 20 < best) best = 1e3 * t / 20;
    }
    return best;
}

int main(void)
{
    sbuf_init(&out);
    sess *s = sess_new();
    exec(s, "func linreg; data split 0.8; algo sgd batch=5 lr=0.05; step 1000");
    rast plot, data;
    rast_init(&plot);
    rast_init(&data);
    double base = frame_ms(s, &plot, &data);
    exec(s, "dataview on");
    double dv = frame_ms(s, &plot, &data);
    exec(s, "dataview off");
    frame_ms(s, &plot, &data); /* the base for the whole width again */
    scene *sc = &plot.sc;
    double none = overlay_ms(s, sc, 0);
    exec(s, "cloud 20");
    double c20 = overlay_ms(s, sc, 0), c20s = overlay_ms(s, sc, 1);
    double t0 = cpu();
    exec(s, "cloud 100");
    double make100 = 1e3 * (cpu() - t0);
    double c100 = overlay_ms(s, sc, 0), c100s = overlay_ms(s, sc, 1);
    double f100 = frame_ms(s, &plot, &data);
    printf("bench_dataview: frame at 120x40 %.3f ms, with dataview %.3f ms (+%.3f)\n", base, dv,
           dv - base);
    printf("bench_dataview: overlay pass %.3f ms; cloud 20 x 1000 steps +%.3f ms still, +%.3f ms "
           "after a step\n",
           none, c20 - none, c20s - none);
    printf("bench_dataview: cloud 100 x 1000 steps +%.3f ms still, +%.3f ms after a step; "
           "making it took %.1f ms\n",
           c100 - none, c100s - none, make100);
    printf("bench_dataview: a whole frame with cloud 100 %.3f ms (+%.3f)\n", f100, f100 - base);
    rast_free(&plot);
    rast_free(&data);
    sess_free(s);
    sbuf_free(&out);
    if (f100 - base > 1.0 || c100s - none > 1.0) {
        printf("bench_dataview: FAIL 100 copies add more than 1 ms to a frame\n");
        return 1;
    }
    return 0;
}
