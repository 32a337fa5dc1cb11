/* bench_raster.c — how long the rasterizer takes: a full 200×60-cell rosenbrock plot
 * from scratch (f at every cell corner and at the centre of every cell a contour
 * crosses; levels, bands, marching squares, axes), and the per-frame cost while
 * animating (cached base layer plus three runs' paths). Target: full plot under 2 ms. */
#include <stdio.h>
#include <time.h>

#include "descent/command.h"
#include "descent/raster.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void exec(sess *s, const char *line)
{
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    cmd_ctx c = {.out = &out, .err = &err};
    if (cmd_exec_line(s, line, &c, 0) != DS_OK) fprintf(stderr, "bench: %s: %s\n", line, err.msg);
    sbuf_free(&out);
}

int main(void)
{
    sess *s = sess_new();
    if (!s) return 1;
    exec(s, "func rosenbrock");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.colors = 256, .axes = 1, .cursor = 1};
    const int W = 200, H = 60, N = 200;
    if (rast_render(&r, s, W, H, &o, &err) != DS_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    double best = 1e9, total = 0;
    for (int i = 0; i < N; i++) {
        r.key = 0; /* forget the base layer: sample and contour everything again */
        double t0 = now();
        rast_render(&r, s, W, H, &o, &err);
        double dt = now() - t0;
        total += dt;
        if (dt < best) best = dt;
    }
    long corners = (long)(r.pw + 1) * (r.ph + 1);
    printf("raster: full %dx%d-cell rosenbrock plot (%ld corner samples + a centre sample in "
           "every contour cell): mean %.3f ms, best %.3f ms (target < 2 ms)\n",
           W, H, corners, total / N * 1e3, best * 1e3);

    exec(s, "algo gd lr=0.001; add adam lr=0.05; add momentum lr=0.001; step 1000");
    total = 0;
    for (int i = 0; i < N; i++) {
        double t0 = now();
        rast_render(&r, s, W, H, &o, &err);
        total += now() - t0;
    }
    printf("raster: animation frame (cached bands, 3 runs x 1000 steps of path): mean %.3f ms\n",
           total / N * 1e3);
    rast_free(&r);
    sess_free(s);
    return 0;
}
