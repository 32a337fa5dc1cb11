/* bench_rewind.c — rewinding 1,000 steps on 16 runs (issue 10: under 50 ms), against the
 * baseline of taking those 1,000 steps in the same process; and the cost of explaining a
 * step far back (a recomputation from the nearest snapshot). Fails when a rewind costs
 * more than taking the steps it undoes: it restores a snapshot and recomputes only the
 * few steps after it. */
#include <stdio.h>
#include <time.h>

#include "descent/run.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(void)
{
    static const char *const algos[] = {
        "gd",    "sgd",    "momentum", "heavyball", "nag", "adagrad", "rmsprop", "adam",
        "adamw", "newton", "bfgs",     "lbfgs",     "cg",  "adam",    "sgd",     "momentum"};
    ds_err err;
    objective o;
    obj_init(&o);
    if (obj_make_catalog(&o, "rosenbrock", NULL, 0, NULL, &err) != DS_OK) return 1;
    runset rs;
    runset_init(&rs);
    for (int i = 0; i < RUNSET_MAX; i++) {
        if (runset_add(&rs, &o, algos[i], &err) != DS_OK) return 1;
        run *r = runset_at(&rs, i);
        run_set_param(r, opt_param_find(run_algo(r), "tol"), 0, &o); /* nobody stops early */
    }
    runset_step(&rs, &o, 1000);
    double t0 = now();
    runset_step(&rs, &o, 1000); /* the baseline: the 1,000 steps a rewind undoes */
    double step_ms = 1e3 * (now() - t0);
    int reps = 20;
    double rewind_ms = 0, explain_ms = 0;
    for (int k = 0; k < reps; k++) {
        t0 = now();
        for (int i = 0; i < RUNSET_MAX; i++) {
            run *r = runset_at(&rs, i);
            run_rewind_to(r, &o, run_iter(r) - 1000, &err);
        }
        rewind_ms += 1e3 * (now() - t0);
        t0 = now();
        opt_explain e;
        unsigned long ev[3];
        run_explain_step(runset_get(&rs, 0), &o, 500, &e, ev, &err);
        explain_ms += 1e3 * (now() - t0);
        runset_step(&rs, &o, 1000);
    }
    rewind_ms /= reps;
    explain_ms /= reps;
    double ratio = rewind_ms / step_ms;
    printf("bench_rewind: rewind 1000 steps on 16 runs %.3f ms (target < 50 ms); taking those "
           "steps %.3f ms; ratio %.3f (must be < 1)\n",
           rewind_ms, step_ms, ratio);
    printf("bench_rewind: explain a step 1500 steps back %.4f ms\n", explain_ms);
    runset_free(&rs);
    obj_free(&o);
    return ratio < 1 ? 0 : 1;
}
