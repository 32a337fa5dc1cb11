/* test_sweep.c — sweeps, maps, basins and races against known answers: gd's divergence
 * at 2/λmax and fastest rate 2/(λmin+λmax) on ellipse, heavy ball's stability region,
 * Newton's basins on himmelblau, thread-count independence, reproducible races. */
#include <stdlib.h>

#include "harness.h"

#include "descent/race.h"
#include "descent/sweep.h"

static void catalog(objective *o, const char *name)
{
    ds_err err;
    obj_init(o);
    if (obj_make_catalog(o, name, NULL, 0, NULL, &err) != DS_OK) TH_FAIL("%s: %s", name, err.msg);
}

static void param_spec(sweep_spec *sp, const char *algo, const char *p1, double lo1, double hi1,
                       int n1, const char *p2, double lo2, double hi2, int n2, long steps)
{
    memset(sp, 0, sizeof *sp);
    sp->kind = SWEEP_PARAM;
    sp->algo = opt_find(algo);
    opt_defaults(sp->algo, &sp->h);
    sp->h.maxiter = (double)steps;
    sched_default(&sp->sched);
    sp->start[0] = -1.8;
    sp->start[1] = 1.2;
    sp->p[0] = opt_param_find(sp->algo, p1);
    sp->lo[0] = lo1;
    sp->hi[0] = hi1;
    sp->n[0] = n1;
    sp->p[1] = p2 ? opt_param_find(sp->algo, p2) : NULL;
    sp->lo[1] = lo2;
    sp->hi[1] = hi2;
    sp->n[1] = n2;
}

TEST(test_gd_ellipse)
{
    objective o;
    catalog(&o, "ellipse");
    sweep_theory th;
    sweep_theory_of(&o, &th);
    CHECK(th.known);
    CHECK_NEAR(th.gd_stable, 0.1, 1e-12);
    CHECK_NEAR(th.gd_fast, 2.0 / 22, 1e-12);
    sweep_spec sp;
    param_spec(&sp, "gd", "lr", 0.01, 0.2, 191, NULL, 0, 0, 1, 2000);
    sweep_cell *c = calloc(191, sizeof *c);
    ds_err err;
    CHECK(sweep_run(&sp, &o, 2, c, &err) == 1);
    /* divergence starts where every larger lr diverges */
    int tail = 191;
    while (tail > 0 && c[tail - 1].status == CELL_DIVERGED)
        tail--;
    double div = sweep_axis_value(&sp, 0, tail);
    CHECK(fabs(div - 0.1) <= 0.02 * 0.1);
    int best = -1;
    for (int i = 0; i < 191; i++)
        if (c[i].status == CELL_CONVERGED && (best < 0 || c[i].steps < c[best].steps)) best = i;
    CHECK(best >= 0);
    double fast = sweep_axis_value(&sp, 0, best);
    CHECK(fabs(fast - th.gd_fast) <= 0.1 * th.gd_fast);
    free(c);
    obj_free(&o);
}

TEST(test_hb_map)
{
    objective o;
    catalog(&o, "ellipse");
    sweep_theory th;
    sweep_theory_of(&o, &th);
    sweep_spec sp;
    param_spec(&sp, "heavyball", "lr", 0.001, 0.3, 60, "beta", 0, 0.99, 40, 500);
    sp.logsp[0] = 1;
    long n = sweep_ncells(&sp);
    sweep_cell *c1 = calloc((size_t)n, sizeof *c1), *c2 = calloc((size_t)n, sizeof *c2);
    ds_err err;
    CHECK(sweep_run(&sp, &o, 1, c1, &err) == 1);
    CHECK(sweep_run(&sp, &o, 2, c2, &err) == 1);
    CHECK(memcmp(c1, c2, sizeof *c1 * (size_t)n) == 0); /* 1 and 2 threads: identical */
    long agree = 0, total = 0;
    for (long k = 0; k < n; k++) {
        double a = sweep_axis_value(&sp, 0, (int)(k % 60)),
               b = sweep_axis_value(&sp, 1, (int)(k / 60));
        /* skip cells within 3% of the boundary: αλmax = 2(1+β), or β = 1 */
        double edge = 2 * (1 + b) / th.lmax;
        if (fabs(a - edge) <= 0.03 * edge || b > 0.97) continue;
        int stable = sweep_hb_stable(&th, a, b);
        int seen =
            c1[k].status == CELL_CONVERGED || (c1[k].status == CELL_MAXITER && c1[k].f <= c1[k].f0);
        agree += stable == seen;
        total++;
    }
    CHECK(total > n / 2);
    CHECK(agree >= 0.98 * (double)total);
    free(c1);
    free(c2);
    obj_free(&o);
}

TEST(test_newton_basins)
{
    objective o;
    catalog(&o, "himmelblau");
    sweep_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.kind = SWEEP_BASINS;
    sp.algo = opt_find("newton");
    opt_defaults(sp.algo, &sp.h);
    sp.h.maxiter = 200;
    sched_default(&sp.sched);
    sp.lo[0] = -5, sp.hi[0] = 5, sp.lo[1] = -5, sp.hi[1] = 5;
    sp.n[0] = 40, sp.n[1] = 40;
    sweep_cell *c = calloc(1600, sizeof *c);
    ds_err err;
    CHECK(sweep_run(&sp, &o, 0, c, &err) == 1);
    int found[4] = {0};
    for (int k = 0; k < 1600; k++)
        for (int m = 0; m < 4; m++)
            if (c[k].status == CELL_CONVERGED && fabs(c[k].x - o.minima[m][0]) < 1e-3 &&
                fabs(c[k].y - o.minima[m][1]) < 1e-3)
                found[m]++;
    for (int m = 0; m < 4; m++)
        CHECK(found[m] > 0);
    /* a start's cell is exactly a run from there */
    double x0[2] = {sweep_axis_value(&sp, 0, 7), sweep_axis_value(&sp, 1, 31)};
    sweep_cell one;
    sweep_cell_run(sp.algo, &sp.h, &sp.sched, &o, x0, 0, &one);
    CHECK(one.steps == c[31 * 40 + 7].steps && one.x == c[31 * 40 + 7].x);
    free(c);
    obj_free(&o);
}

TEST(test_cancel)
{
    objective o;
    catalog(&o, "rosenbrock");
    sweep_spec sp;
    param_spec(&sp, "gd", "lr", 1e-5, 1e-3, 400, NULL, 0, 0, 1, 100000);
    ds_err err;
    sweep_job *j = sweep_start(&sp, &o, 2, &err);
    CHECK(j != NULL);
    sweep_cancel(j);
    int complete = sweep_wait(j);
    CHECK(sweep_finished(j));
    long done = sweep_progress(j), pending = 0;
    for (long k = 0; k < 400; k++)
        pending += sweep_cells(j)[k].status == CELL_PENDING;
    CHECK(pending == 400 - done);
    CHECK(!complete || pending == 0);
    sweep_free(j);
    obj_free(&o);
}

/* The screen reads a map while the workers fill it: what it reads is only ever a finished
 * cell or a pending one, never a cell being written, and it ends equal to the result.
 * (`make tsan` runs this file under ThreadSanitizer, which saw the race before.) */
TEST(test_read_while_running)
{
    objective o;
    catalog(&o, "ellipse");
    sweep_spec sp;
    param_spec(&sp, "heavyball", "lr", 1e-3, 0.3, 60, "beta", 0, 0.99, 40, 2000);
    sp.logsp[0] = 1;
    ds_err err;
    sweep_job *j = sweep_start(&sp, &o, 2, &err);
    CHECK(j != NULL);
    long seen = 0, bad = 0, rounds = 0;
    while (!sweep_finished(j)) {
        sweep_sync(j);
        const sweep_cell *c = sweep_cells(j);
        long n = 0;
        for (long k = 0; k < 2400; k++) {
            n += c[k].status != CELL_PENDING;
            bad += c[k].status != CELL_PENDING && c[k].steps <= 0;
        }
        if (n > seen) seen = n;
        rounds++;
    }
    CHECK(sweep_wait(j));
    CHECK(bad == 0);
    CHECK(rounds > 0);
    sweep_cell *want = malloc(sizeof *want * 2400);
    sweep_run(&sp, &o, 1, want, &err);
    const sweep_cell *got = sweep_cells(j);
    int same = 1;
    for (long k = 0; k < 2400; k++)
        same &= want[k].steps == got[k].steps && want[k].status == got[k].status &&
                want[k].x == got[k].x && want[k].y == got[k].y &&
                (want[k].f == got[k].f || (isnan(want[k].f) && isnan(got[k].f)));
    CHECK(same);
    free(want);
    sweep_free(j);
    obj_free(&o);
}

TEST(test_race_reproducible)
{
    objective o;
    catalog(&o, "rosenbrock");
    race_spec rs;
    memset(&rs, 0, sizeof rs);
    const char *names[] = {"gd", "heavyball", "adam", "bfgs", "newton"};
    for (int i = 0; i < 5; i++)
        rs.algos[rs.nalgos++] = opt_find(names[i]);
    rs.start[0] = -1.2;
    rs.start[1] = 1;
    rs.budget = 5000;
    rs.tol = 1e-6;
    race_entry a[5], b[5];
    ds_err err;
    rs.threads = 1;
    CHECK(race_run(&rs, &o, a, &err) == DS_OK);
    rs.threads = 2;
    CHECK(race_run(&rs, &o, b, &err) == DS_OK);
    for (int i = 0; i < 5; i++) {
        CHECK(a[i].algo == b[i].algo);
        CHECK(memcmp(&a[i].h, &b[i].h, sizeof a[i].h) == 0);
        CHECK(memcmp(&a[i].cell, &b[i].cell, sizeof a[i].cell) == 0);
    }
    CHECK_STR(a[0].algo->name, "newton"); /* 6 Newton steps beat everything here */
    CHECK(a[0].cell.status == CELL_CONVERGED);
    /* gd cannot converge on rosenbrock within 5000 evaluations: it ranks below the others */
    int gd = -1;
    for (int i = 0; i < 5; i++)
        if (strcmp(a[i].algo->name, "gd") == 0) gd = i;
    CHECK(gd == 4 && a[gd].cell.status == CELL_MAXITER);
    obj_free(&o);
}

int main(void)
{
    RUN(test_gd_ellipse);
    RUN(test_hb_map);
    RUN(test_newton_basins);
    RUN(test_cancel);
    RUN(test_read_while_running);
    RUN(test_race_reproducible);
    TEST_END();
}
