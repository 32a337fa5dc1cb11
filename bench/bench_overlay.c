/* bench_overlay.c — what the explain overlays (steps, taylor1, taylor2) add to one
 * animation frame's overlay pass at 120×40 (a plot area of about 78×34 cells, sampled as
 * the screen samples it), against the frame's overlay pass without them and against
 * building the cached base. Issue 10's target: at most 1 ms added per frame. Fails when
 * the overlays cost more than the base build they are drawn over. */
#include <stdio.h>
#include <time.h>

#include "descent/command.h"
#include "descent/raster.h"
#include "descent/scene.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double frame_ms(scene *sc, const sess *s, int reps)
{
    ds_err err;
    double best = 1e9;
    for (int k = 0; k < 5; k++) {
        double t0 = now();
        for (int i = 0; i < reps; i++)
            scene_build_overlay(sc, s, &err);
        double t = 1e3 * (now() - t0) / reps;
        if (t < best) best = t;
    }
    return best;
}

int main(void)
{
    sess *s = sess_new();
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    cmd_ctx c = {.out = &out, .err = &err};
    if (cmd_exec_line(s, "func rosenbrock; algo momentum lr=0.001; add bfgs; step 200", &c, 0))
        return 1;
    scene sc;
    scene_init(&sc);
    int pw = 78, ph = 34;
    scene_req q = {
        .width = pw, .height = ph, .cellratio = 2, .gx = pw * RAST_SX, .gy = ph * RAST_SY};
    double t0 = now();
    if (scene_build(&sc, s, &q, &err)) return 1;
    double base_ms = 1e3 * (now() - t0);
    double off = frame_ms(&sc, s, 200);
    cmd_exec_line(s, "overlay steps; overlay taylor1; overlay taylor2; select 1", &c, 0);
    double on = frame_ms(&sc, s, 200);
    printf("bench_overlay: frame overlay pass %.4f ms without the explain overlays, %.4f ms with "
           "steps+taylor1+taylor2: +%.4f ms (target <= 1 ms); base build %.3f ms; ratio added/base "
           "%.3f (must be < 1)\n",
           off, on, on - off, base_ms, (on - off) / base_ms);
    scene_free(&sc);
    sbuf_free(&out);
    sess_free(s);
    return on - off < base_ms ? 0 : 1;
}
