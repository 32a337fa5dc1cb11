/* bench_raster.c — how long the rasterizer takes: a full 200×60-cell rosenbrock plot from
 * scratch (the scene: f on the 2×2-per-cell sample grid, levels, marching squares on that
 * grid; then half-block bands, contour cells, labels, axes), as CPU time and as a ratio
 * to the bare sampling of f over the same grid measured in the same run; and the
 * per-frame cost while animating (cached base layer plus three runs' paths). Target: the
 * full plot under 2 ms. CPU time, not wall time: the machine is shared. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "descent/command.h"
#include "descent/raster.h"

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
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

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#define N 200

/* Median of N runs. */
static double median(double *t)
{
    qsort(t, N, sizeof *t, cmp);
    return t[N / 2];
}

int main(void)
{
    sess *s = sess_new();
    if (!s) return 1;
    exec(s, "func rosenbrock");
    rast r;
    rast_init(&r);
    ds_err err;
    rast_opts o = {.colors = 256, .axes = 1, .cursor = 1, .key = 1};
    const int W = 200, H = 60;
    if (rast_render(&r, s, W, H, &o, &err) != DS_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    double full[N], base[N], frame[N];
    volatile double sink = 0;
    for (int i = 0; i < N; i++) {
        /* The baseline: f alone at every sample of the same grid. */
        double t0 = cpu();
        const double *v = r.view;
        int gx = r.sc.gx, gy = r.sc.gy;
        for (int j = 0; j <= gy; j++)
            for (int k = 0; k <= gx; k++)
                sink +=
                    obj_peek(&s->obj, v[0] + k * (v[1] - v[0]) / gx, v[3] - j * (v[3] - v[2]) / gy);
        base[i] = cpu() - t0;
        r.key = 0; /* forget the base layer: sample, trace and draw everything again */
        t0 = cpu();
        rast_render(&r, s, W, H, &o, &err);
        full[i] = cpu() - t0;
    }
    (void)sink;
    long samples = (long)(r.sc.gx + 1) * (r.sc.gy + 1);
    double mf = median(full), mb = median(base);
    printf("raster: full %dx%d-cell rosenbrock plot (%ld samples of f on a %dx%d-per-cell grid, "
           "%d contour polylines): median %.3f ms CPU (target < 2 ms), %.2fx the bare sampling "
           "of f (%.3f ms)\n",
           W, H, samples, RAST_SX, RAST_SY, r.sc.nlines, mf * 1e3, mf / mb, mb * 1e3);

    exec(s, "algo gd lr=0.001; add adam lr=0.05; add momentum lr=0.001; step 1000");
    for (int i = 0; i < N; i++) {
        double t0 = cpu();
        rast_render(&r, s, W, H, &o, &err);
        frame[i] = cpu() - t0;
    }
    printf("raster: animation frame (cached bands, 3 runs x 1000 steps of path): median %.3f ms "
           "CPU\n",
           median(frame) * 1e3);
    rast_free(&r);
    sess_free(s);
    return 0;
}
