/* bench_overlay.c — what the explain overlays add to one animation frame's overlay pass
 * at 120×40 (a plot area of about 78×34 cells, sampled as the screen samples it), against
 * the frame's overlay pass without them and against building the cached base: the run
 * overlays (steps, taylor1, taylor2), the geometry overlays (eigen, grad, prox, grid with
 * a nonlinear map), and all seven at once. Issue 10's target: at most 1 ms added per
 * frame. Fails when the overlays cost more than the base build they are drawn over. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "descent/command.h"
#include "descent/overlay.h"
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

/* A whole frame as the screen draws it (cached base, overlay pass, drawing the cells):
 * a window of about 84×38 cells holds the 78×34 plot area at 120×40. */
static double render_ms(rast *r, sess *s, int reps, int move_cursor)
{
    ds_err err;
    rast_opts o = {.colors = 256, .axes = 1, .cursor = 1, .legend = 2, .key = 1};
    double best = 1e9;
    for (int k = 0; k < 5; k++) {
        double t0 = now();
        for (int i = 0; i < reps; i++) {
            /* a cursor that moves every frame: the Taylor models are traced anew */
            if (move_cursor) s->cursor[0] += 1e-9;
            rast_render(r, s, 84, 38, &o, &err);
        }
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
    /* the geometry overlays alone: prox needs the selected run to be gd */
    cmd_exec_line(s,
                  "overlay steps off; overlay taylor1 off; overlay taylor2 off; add gd; step 50; "
                  "map x^2 - y, x*y + sin(x); cursor -0.5 0.8; set direction 1 2",
                  &c, 0);
    double off2 = frame_ms(&sc, s, 200);
    cmd_exec_line(s, "overlay eigen; overlay grad; overlay prox; overlay grid", &c, 0);
    double geom = frame_ms(&sc, s, 200);
    cmd_exec_line(s, "overlay steps; overlay taylor1; overlay taylor2", &c, 0);
    double all = frame_ms(&sc, s, 200);
    /* whole frames, drawing included: none of the overlays, then all seven */
    rast r;
    rast_init(&r);
    unsigned all_on = s->overlays;
    s->overlays = 0;
    double plain = render_ms(&r, s, 100, 0);
    for (int i = 0; i < overlay_count; i++) /* the four geometry overlays */
        if (strcmp(overlay_table[i].name, "steps") && strncmp(overlay_table[i].name, "taylor", 6))
            s->overlays |= 1u << i;
    double drawn_geom = render_ms(&r, s, 100, 0);
    s->overlays = all_on;
    double drawn = render_ms(&r, s, 100, 0), moving = render_ms(&r, s, 40, 1);
    rast_free(&r);
    printf("bench_overlay: whole frame drawn (84x38 cells) %.4f ms plain, +%.4f ms with "
           "eigen+grad+prox+grid, +%.4f ms with all seven (target <= 1 ms); +%.4f ms with all "
           "seven while the cursor moves every frame\n",
           plain, drawn_geom - plain, drawn - plain, moving - plain);
    printf("bench_overlay: eigen+grad+prox+grid +%.4f ms (target <= 1 ms); all seven overlays "
           "+%.4f ms; ratio added/base %.3f and %.3f (must be < 1)\n",
           geom - off2, all - off2, (geom - off2) / base_ms, (all - off2) / base_ms);
    scene_free(&sc);
    sbuf_free(&out);
    sess_free(s);
    return on - off < base_ms && geom - off2 < base_ms ? 0 : 1;
}
