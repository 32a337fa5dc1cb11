/* bench_optim.c — optimizer steps per second on Rosenbrock (each algorithm for about half
 * a second, resetting a run whenever it stops), then ten million gd steps in one run to
 * show that the trail and the memory stay bounded. One line per measurement. */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "descent/run.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int main(void)
{
    ds_err err;
    objective o;
    obj_init(&o);
    if (obj_make_catalog(&o, "rosenbrock", NULL, 0, NULL, &err) != DS_OK) {
        fprintf(stderr, "bench_optim: %s\n", err.msg);
        return 1;
    }
    printf("bench_optim: steps per second on rosenbrock from (-1.2, 1)\n");
    for (int i = 0; i < opt_algo_count; i++) {
        runset rs;
        runset_init(&rs);
        if (runset_add(&rs, &o, opt_algos[i].name, &err) != DS_OK) return 1;
        run *r = runset_at(&rs, 0);
        long steps = 0, resets = 0;
        double t0 = now(), t;
        do {
            long before = run_iter(r);
            runset_step(&rs, &o, 20000);
            steps += run_iter(r) - before;
            if (run_get_status(r) != RUN_READY) {
                run_reset(r, &o);
                resets++;
            }
        } while ((t = now() - t0) < 0.5);
        printf("  %-10s %12.0f steps/s  (%ld steps, %ld restarts)\n", opt_algos[i].name,
               (double)steps / t, steps, resets);
        runset_free(&rs);
    }

    /* Ten million steps in one run: memory stays bounded by the trail cap. */
    runset rs;
    runset_init(&rs);
    runset_add(&rs, &o, "gd", &err);
    run *r = runset_at(&rs, 0);
    run_set_param(r, opt_param_find(run_algo(r), "tol"), 0, &o);
    run_set_param(r, opt_param_find(run_algo(r), "maxiter"), 1e12, &o);
    double t0 = now();
    runset_step(&rs, &o, 10000000);
    double t = now() - t0;
    int n;
    run_trail(r, &n);
    long before, stride = run_trail_stride(r, &before);
    printf("  gd 10000000 steps in one run: %.2f s (%.0f steps/s), %d trail rows (cap %d, "
           "every %ldth before iter %ld), peak RSS %ld kB\n",
           t, 1e7 / t, n, RUN_TRAIL_CAP, stride, before, peak_rss_kb());
    int ok = run_iter(r) == 10000000 && n <= RUN_TRAIL_CAP;
    runset_free(&rs);
    obj_free(&o);
    return ok ? 0 : 1;
}
