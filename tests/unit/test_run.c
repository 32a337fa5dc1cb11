/* test_run.c — runs and the runset: adding, deleting, selecting, default starts, the stop
 * rules, evaluation counts, early stopping with restore, the bounded trail; and the run
 * commands: what they print, and that every malformed line fails with a message and
 * changes nothing. */
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"

#include "descent/command.h"
#include "descent/fmt.h"
#include "descent/run.h"
#include "descent/session.h"

static void setp(run *r, objective *o, const char *name, double v)
{
    const opt_param *p = opt_param_find(run_algo(r), name);
    if (!p) {
        TH_FAIL("no parameter %s", name);
        return;
    }
    run_set_param(r, p, v, o);
}

TEST(test_runset)
{
    ds_err err;
    objective o;
    formula(&o, "x^2 + y^2");
    runset rs;
    runset_init(&rs);
    CHECK(runset_selected(&rs) == NULL);
    CHECK(runset_add(&rs, &o, "gd", &err) == DS_OK);
    CHECK(runset_add(&rs, &o, "nope", &err) == DS_EUNKNOWN);
    CHECK_HAS(err.msg, "adam");
    CHECK(runset_count(&rs) == 1 && rs.selected == 0);
    /* The default start: a fifth in from the top-left corner of the view box [-3,3]². */
    CHECK_NEAR(run_start(runset_get(&rs, 0))[0], -1.8, 1e-15);
    CHECK_NEAR(run_start(runset_get(&rs, 0))[1], 1.8, 1e-15);
    double p[2] = {0.5, -0.5};
    run_set_start(runset_at(&rs, 0), p, &o);
    for (int i = 1; i < RUNSET_MAX; i++)
        CHECK(runset_add(&rs, &o, "adam", &err) == DS_OK);
    CHECK(runset_add(&rs, &o, "adam", &err) == DS_ESTATE);
    CHECK_HAS(err.msg, "del");
    /* New runs start where the selected run starts. */
    CHECK(run_start(runset_get(&rs, 5))[0] == 0.5);
    CHECK(rs.selected == RUNSET_MAX - 1);
    runset_select(&rs, 2);
    runset_del(&rs, 0);
    CHECK(rs.selected == 1 && runset_count(&rs) == RUNSET_MAX - 1);
    runset_del(&rs, 1);
    CHECK(rs.selected == 1);
    while (runset_count(&rs))
        runset_del(&rs, runset_count(&rs) - 1);
    CHECK(rs.selected == -1);
    runset_free(&rs);
    obj_free(&o);

    /* Rosenbrock's classic start; and a new objective moves every start there. */
    obj_init(&o);
    CHECK(obj_make_catalog(&o, "rosenbrock", NULL, 0, NULL, &err) == DS_OK);
    runset_init(&rs);
    runset_add(&rs, &o, "gd", &err);
    CHECK(run_start(runset_get(&rs, 0))[0] == -1.2 && run_start(runset_get(&rs, 0))[1] == 1);
    objective o2;
    formula(&o2, "x^2 + 10*y^2");
    runset_step(&rs, &o, 3);
    runset_on_objective(&rs, &o2);
    CHECK(run_iter(runset_get(&rs, 0)) == 0);
    CHECK_NEAR(run_current(runset_get(&rs, 0))->x, -1.8, 1e-15);
    runset_free(&rs);
    obj_free(&o);
    obj_free(&o2);
}

TEST(test_stop_rules)
{
    ds_err err;
    objective o;
    formula(&o, "x^2 + y^2");
    runset rs;
    runset_init(&rs);
    runset_add(&rs, &o, "gd", &err);
    run *r = runset_at(&rs, 0);
    setp(r, &o, "lr", 0.1);
    setp(r, &o, "maxiter", 5);
    CHECK(runset_step(&rs, &o, 100) == 1);
    CHECK(run_get_status(r) == RUN_MAXITER && run_iter(r) == 5);
    CHECK_STR(run_status_text(r), "reached maxiter = 5 at step 5");
    CHECK(runset_step(&rs, &o, 100) == 0);
    /* A larger maxiter lets it go on; then it converges by itself. */
    setp(r, &o, "maxiter", 100000);
    CHECK(run_get_status(r) == RUN_READY);
    runset_step(&rs, &o, 1000);
    CHECK(run_get_status(r) == RUN_CONVERGED);
    CHECK_HAS(run_status_text(r), "converged at step ");
    CHECK(hypot(run_current(r)->gx, run_current(r)->gy) < 1e-8);
    /* Evaluations: one ∇f at the start and one per gd step. */
    CHECK(run_evals(r)[1] == (unsigned long)run_iter(r) + 1);
    CHECK(run_evals(r)[0] == 0 && run_evals(r)[2] == 0);
    /* A start where f is not finite diverges at step 0. */
    obj_free(&o);
    formula(&o, "log(x) + y^2");
    double p[2] = {-1, 1};
    run_set_start(r, p, &o);
    CHECK(run_get_status(r) == RUN_DIVERGED);
    CHECK_HAS(run_status_text(r), "at step 0");
    /* A start at the minimum is converged at step 0. */
    obj_free(&o);
    formula(&o, "x^2 + y^2");
    p[0] = p[1] = 0;
    run_set_start(r, p, &o);
    CHECK(run_get_status(r) == RUN_CONVERGED);
    CHECK_HAS(run_status_text(r), "converged at step 0");
    runset_free(&rs);
    obj_free(&o);
}

TEST(test_earlystop_restore)
{
    /* gd lr=0.1 on x² + y² from (1, 1): f_k = 2·0.64^k. With min_delta = 0.1 step 6 (0.137)
     * is no improvement on step 5 (0.215), step 7 (0.088) is, steps 8 and 9 are not:
     * patience 2 stops at step 9 with the best at step 7. */
    ds_err err;
    objective o;
    formula(&o, "x^2 + y^2");
    runset rs;
    runset_init(&rs);
    runset_add(&rs, &o, "gd", &err);
    run *r = runset_at(&rs, 0);
    double p[2] = {1, 1};
    run_set_start(r, p, &o);
    setp(r, &o, "lr", 0.1);
    estop_cfg c;
    estop_default(&c);
    c.on = 1;
    c.patience = 2;
    c.min_delta = 0.1;
    c.monitor = 1;
    c.restore = 1;
    run_set_estop(r, &c, &o);
    runset_step(&rs, &o, 100);
    CHECK(run_get_status(r) == RUN_EARLYSTOP);
    CHECK(run_iter(r) == 9);
    CHECK_HAS(run_status_text(r), "early-stopped at step 9");
    CHECK_HAS(run_status_text(r), "at step 7");
    CHECK_HAS(run_status_text(r), "restored");
    CHECK(run_current(r)->iter == 7);
    CHECK_NEAR(run_current(r)->x, pow(0.8, 7), 1e-15);
    int n;
    run_trail(r, &n);
    CHECK(n == 10); /* the trail keeps the whole path */
    runset_free(&rs);
    obj_free(&o);
}

/* On data with a split, monitor=val follows the validation loss: the stop step found by
 * replaying the rule over an unstopped run's val column. */
TEST(test_earlystop_val)
{
    ds_err err;
    dataset d;
    data_init(&d);
    CHECK(data_generate(&d, DATA_LINREG, 40, 1.0, 11, &err) == DS_OK);
    CHECK(data_split(&d, 0.5, 2, &err) == DS_OK);
    objective o;
    obj_init(&o);
    CHECK(obj_make_catalog(&o, "linreg", NULL, 0, &d, &err) == DS_OK);
    runset rs;
    runset_init(&rs);
    runset_add(&rs, &o, "gd", &err);
    runset_add(&rs, &o, "gd", &err);
    for (int i = 0; i < 2; i++)
        setp(runset_at(&rs, i), &o, "lr", 0.05);
    estop_cfg c;
    estop_default(&c);
    c.on = 1;
    c.patience = 5;
    c.min_delta = 1e-4;
    run_set_estop(runset_at(&rs, 1), &c, &o);
    runset_step(&rs, &o, 3000);
    int n;
    const run_row *t = run_trail(runset_get(&rs, 0), &n);
    double best = t[0].val;
    long wait = 0, stop_at = -1;
    for (int k = 1; k < n && stop_at < 0; k++) {
        if (t[k].val < best - 1e-4) {
            best = t[k].val;
            wait = 0;
        } else if (++wait >= 5) {
            stop_at = t[k].iter;
        }
    }
    CHECK(stop_at > 0);
    const run *r = runset_get(&rs, 1);
    CHECK(run_get_status(r) == RUN_EARLYSTOP);
    CHECK(run_iter(r) == stop_at);
    CHECK_HAS(run_status_text(r), "validation loss");
    runset_free(&rs);
    obj_free(&o);
    data_free(&d);
}

TEST(test_trail_thinning)
{
    ds_err err;
    objective o;
    formula(&o, "x^2 + y^2");
    runset rs;
    runset_init(&rs);
    runset_add(&rs, &o, "gd", &err);
    run *r = runset_at(&rs, 0);
    setp(r, &o, "lr", 1e-9); /* never converges here */
    run_set_trail_cap(r, 64);
    runset_step(&rs, &o, 10000);
    int n;
    const run_row *t = run_trail(r, &n);
    long before, stride = run_trail_stride(r, &before);
    CHECK(n <= 64 && n > 16);
    CHECK(stride > 1);
    CHECK(t[0].iter == 0);
    CHECK(t[n - 1].iter == 10000 && run_current(r)->iter == 10000);
    int ok = 1;
    for (int i = 1; i < n; i++) {
        ok &= t[i].iter > t[i - 1].iter;
        if (t[i].iter < before)
            ok &= t[i].iter % stride == 0 && t[i].iter - t[i - 1].iter == stride;
        if (t[i - 1].iter >= before) ok &= t[i].iter == t[i - 1].iter + 1;
    }
    CHECK(ok);
    /* The current state is exact: 10000 steps of ×(1 − 2e-9). */
    CHECK_NEAR(run_current(r)->x, -1.8 * pow(1 - 2e-9, 10000), 1e-12);
    CHECK(run_evals(r)[1] == 10001);
    runset_free(&rs);
    obj_free(&o);
}

/* Thinning keeps exactly the rows {iter ≥ before} ∪ {iter a multiple of the stride}, each
 * the very row an unthinned run has at that iteration, through steps, rewinds and a
 * smaller cap in any order (the thinning jumps over consecutive rows without reading
 * them, and must not be fooled after a rewind). */
TEST(test_trail_thinning_exact)
{
    ds_err err;
    objective o;
    formula(&o, "(1 - x)^2 + 100*(y - x^2)^2");
    runset rs, full;
    runset_init(&rs);
    runset_init(&full);
    runset_add(&rs, &o, "heavyball", &err);
    runset_add(&full, &o, "heavyball", &err);
    run *r = runset_at(&rs, 0), *f = runset_at(&full, 0);
    setp(r, &o, "lr", 1e-4);
    setp(f, &o, "lr", 1e-4);
    setp(r, &o, "tol", 0);
    setp(f, &o, "tol", 0);
    runset_step(&full, &o, 6000);
    int nf;
    const run_row *ft = run_trail(f, &nf);
    CHECK(nf == 6001);
    run_set_trail_cap(r, 97);
    static const long plan[][2] = {{1, 500}, {0, 321},  {1, 1700}, {0, 1650}, {1, 40},
                                   {2, 61},  {1, 3000}, {0, 200},  {1, 6000}};
    int ok = 1;
    for (size_t p = 0; p < sizeof plan / sizeof plan[0]; p++) {
        if (plan[p][0] == 1) runset_step(&rs, &o, plan[p][1] - run_iter(r));
        if (plan[p][0] == 0) run_rewind_to(r, &o, plan[p][1], &err);
        if (plan[p][0] == 2) run_set_trail_cap(r, (int)plan[p][1]);
        int n;
        const run_row *t = run_trail(r, &n);
        long before, stride = run_trail_stride(r, &before);
        long want = 0;
        for (long it = 0; it <= run_iter(r); it++)
            if (it >= before || it % stride == 0) {
                ok &= want < n && t[want].iter == it && t[want].x == ft[it].x &&
                      t[want].y == ft[it].y && t[want].f == ft[it].f;
                want++;
            }
        ok &= want == n;
    }
    CHECK(ok);
    CHECK(run_iter(r) == 6000);
    runset_free(&rs);
    runset_free(&full);
    obj_free(&o);
}

/* Run a (one long `runset_step`) and b (single steps) agree in everything a step leaves:
 * the trail row by row, its thinning, the current row, the status, the evaluations, the
 * last step's explanation record, and what a rewind finds. */
static int same_runs(run *ra, objective *o1, run *rb, objective *o2)
{
    ds_err err;
    int na, nb, same = run_iter(ra) == run_iter(rb);
    const run_row *ta = run_trail(ra, &na), *tb = run_trail(rb, &nb);
    long ba, bb, sa = run_trail_stride(ra, &ba), sb = run_trail_stride(rb, &bb);
    same &= na == nb && sa == sb && ba == bb;
    for (int i = 0; same && i < na; i++)
        same &= memcmp(&ta[i], &tb[i], sizeof ta[i]) == 0;
    same &= memcmp(run_current(ra), run_current(rb), sizeof(run_row)) == 0;
    same &= run_get_status(ra) == run_get_status(rb) &&
            strcmp(run_status_text(ra), run_status_text(rb)) == 0;
    same &= memcmp(run_evals(ra), run_evals(rb), 3 * sizeof(unsigned long)) == 0;
    same &= memcmp(o1->evals, o2->evals, sizeof o1->evals) == 0;
    const opt_explain *ea = run_last_explain(ra), *eb = run_last_explain(rb);
    same &= (ea == NULL) == (eb == NULL) && (!ea || memcmp(ea, eb, sizeof *ea) == 0);
    /* a rewind replays from the snapshots: the same iterate either way */
    long back = run_iter(ra) / 3;
    same &= run_rewind_to(ra, o1, back, &err) == DS_OK &&
            run_rewind_to(rb, o2, back, &err) == DS_OK &&
            memcmp(run_current(ra), run_current(rb), sizeof(run_row)) == 0;
    return same;
}

/* `algo` with parameter `param` = v (and a schedule when `sched` is not NULL) on formula
 * f, n steps after 300: as one long call (after 300 single steps, so it starts from a
 * thinned trail) and as single steps. */
static int long_same_as_single(const char *algo, const char *param, double v, const char *sched,
                               const char *f, long n)
{
    ds_err err;
    objective o1, o2;
    formula(&o1, f);
    formula(&o2, f);
    runset a, b;
    runset_init(&a);
    runset_init(&b);
    runset_add(&a, &o1, algo, &err);
    runset_add(&b, &o2, algo, &err);
    run *ra = runset_at(&a, 0), *rb = runset_at(&b, 0);
    run_set_trail_cap(ra, 200);
    run_set_trail_cap(rb, 200);
    if (param) {
        setp(ra, &o1, param, v);
        setp(rb, &o2, param, v);
    }
    if (sched) {
        sched_cfg c;
        sched_default(&c);
        if (sched_set_kind(&c, sched, &err) != DS_OK) TH_FAIL("%s", err.msg);
        run_set_sched(ra, &c, &o1);
        run_set_sched(rb, &c, &o2);
    }
    runset_step(&a, &o1, 300);
    runset_step(&a, &o1, n);
    for (long k = 0; k < 300 + n; k++)
        runset_step(&b, &o2, 1);
    int same = same_runs(ra, &o1, rb, &o2);
    if (!same) TH_FAIL("%s %s=%g: one long step differs", algo, param ? param : "", v);
    runset_free(&a);
    runset_free(&b);
    obj_free(&o1);
    obj_free(&o2);
    return same;
}

#define ROSENBROCK "(1 - x)^2 + 100*(y - x^2)^2"

/* One long `step N` (which writes only the rows thinning keeps, takes the steps in a
 * plain loop while nothing but the step happens, and undoes and steps one by one when
 * the run stops early) leaves every run exactly as N single steps do. */
TEST(test_step_many_same_as_one_by_one)
{
    static const struct {
        const char *algo, *param;
        double v;
        const char *sched, *f;
        long n;
    } cases[] = {
        {"gd", "lr", 1e-4, NULL, ROSENBROCK, 5000},            /* runs the whole way */
        {"heavyball", "lr", 1e-3, NULL, ROSENBROCK, 5000},     /* converges part way */
        {"gd", "lr", 0.101, NULL, "x^2 + 10*y^2", 3000},       /* diverges part way */
        {"adam", "lr", 0.01, NULL, ROSENBROCK, 4000},          /* runs the whole way */
        {"sgd", "lr", 1e-4, NULL, ROSENBROCK, 2500},           /* the generator is undone too */
        {"gd", "maxiter", 1200, NULL, ROSENBROCK, 5000},       /* maxiter part way */
        {"gd", "maxiter", 5300, NULL, ROSENBROCK, 5000},       /* maxiter at the last step */
        {"gd", "wd", 0.01, NULL, ROSENBROCK, 5000},            /* tol on the decayed gradient */
        {"gd", "lr", 1e-4, "cosine", ROSENBROCK, 5000},        /* a schedule */
        {"momentum", "lr", 1e-4, "plateau", ROSENBROCK, 5000}, /* plateau: not the plain loop */
        {"newton", NULL, 0, NULL, "x^3 - 3*x + y^2 + 0.01*x^4", 2000}, /* indefinite H */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        CHECK(long_same_as_single(cases[c].algo, cases[c].param, cases[c].v, cases[c].sched,
                                  cases[c].f, cases[c].n));
    /* every algorithm with tol=0 (the line-search methods stall at the minimum) */
    for (int i = 0; opt_algo_name(i); i++)
        CHECK(long_same_as_single(opt_algo_name(i), "tol", 0, NULL, ROSENBROCK, 3000));
}

/* A long step takes its plain loop when nothing happens on the way, and falls back one
 * by one when something does: the fallback gives the same results (above), only slower,
 * so only this says the fast path is still taken. */
static long plain_steps_of(const char *algo, const char *param, double v, const char *sched, long n)
{
    ds_err err;
    objective o;
    formula(&o, ROSENBROCK);
    runset a;
    runset_init(&a);
    runset_add(&a, &o, algo, &err);
    run *r = runset_at(&a, 0);
    run_set_trail_cap(r, 200);
    if (param) setp(r, &o, param, v);
    if (sched) {
        sched_cfg c;
        sched_default(&c);
        if (sched_set_kind(&c, sched, &err) != DS_OK) TH_FAIL("%s", err.msg);
        run_set_sched(r, &c, &o);
    }
    runset_step(&a, &o, 300);
    runset_step(&a, &o, n);
    long plain = run_plain_steps(r);
    runset_free(&a);
    obj_free(&o);
    return plain;
}

TEST(test_long_step_takes_the_plain_loop)
{
    CHECK(plain_steps_of("gd", "lr", 1e-4, NULL, 5000) == 4999);
    CHECK(plain_steps_of("adam", "lr", 0.01, NULL, 5000) == 4999);
    CHECK(plain_steps_of("gd", "lr", 1e-4, "cosine", 5000) == 4999);
    CHECK(plain_steps_of("momentum", "tol", 0, NULL, 5000) == 4999);
    /* converges part way: back to one by one */
    CHECK(plain_steps_of("heavyball", "lr", 1e-3, NULL, 5000) == 0);
    /* plateau and line searches never take it */
    CHECK(plain_steps_of("momentum", "lr", 1e-4, "plateau", 5000) == 0);
    CHECK(plain_steps_of("bfgs", "tol", 0, NULL, 5000) == 0);
    /* a short step is one by one */
    CHECK(plain_steps_of("gd", "lr", 1e-4, NULL, 10) == 0);
}

/* ---- commands --------------------------------------------------------------------- */

static sess *fresh(void)
{
    sess *s = sess_new();
    if (s && runset_count(&s->runs) == 0) runset_add(&s->runs, &s->obj, "gd", NULL);
    return s;
}

/* Run one line; returns its status and leaves the output in *out. */
static ds_status exec(sess *s, const char *line, sbuf *out, ds_err *err, int interactive,
                      unsigned *flags)
{
    sbuf_reset(out);
    cmd_ctx c = {
        .out = out, .err = err, .flags = 0, .animate_steps = 0, .interactive = interactive};
    ds_status st = cmd_exec(s, line, &c);
    if (flags) *flags = c.flags;
    return st;
}

/* Everything the run commands can change, as text. */
static void snapshot(const sess *s, sbuf *b)
{
    sbuf_reset(b);
    sbuf_printf(b, "digits %d selected %d\n", s->digits, s->runs.selected);
    for (int i = 0; i < runset_count(&s->runs); i++) {
        const run *r = runset_get(&s->runs, i);
        sbuf_printf(b, "%s ", run_algo_name(r));
        run_params_text(r, b, 17);
        sbuf_puts(b, " | ");
        sched_text(run_sched(r), b, 17);
        sbuf_puts(b, " | ");
        estop_text(run_estop(r), b, 17);
        sbuf_printf(b, " | %.17g %.17g | %ld %d %.17g\n", run_start(r)[0], run_start(r)[1],
                    run_iter(r), (int)run_get_status(r), run_current(r)->x);
    }
}

TEST(test_bad_lines_change_nothing)
{
    static const char *const bad[] = {"algo adma",
                                      "algo adam lr",
                                      "algo adam lr=-1",
                                      "algo adam lr=abc",
                                      "algo adam beta1=1",
                                      "algo adam beta=0.9",
                                      "algo adam =3",
                                      "algo lbfgs m=0",
                                      "algo lbfgs m=1.5",
                                      "algo newton hess=flat",
                                      "algo momentum beta=1.5",
                                      "add",
                                      "add foo",
                                      "add adam eps=0",
                                      "set lr",
                                      "set lr=-1",
                                      "set lr -1",
                                      "set beta1=0.5",
                                      "set foo 1",
                                      "set lr=0.5 beta=2",
                                      "set lr=0.5 foo=1",
                                      "set maxiter=0",
                                      "set maxiter=2.5",
                                      "set tol=-1",
                                      "set digits=4 lr=-1",
                                      "sched cosin",
                                      "sched cosine T=0",
                                      "sched cosine T=10 foo=1",
                                      "sched step gamma=2",
                                      "sched warmup then=linear",
                                      "sched exp lambda",
                                      "sched plateau factor=1",
                                      "earlystop patience=0",
                                      "earlystop monitor=test",
                                      "earlystop restore=maybe",
                                      "earlystop patience",
                                      "earlystop on min_delta=-1",
                                      "start 1",
                                      "start a b",
                                      "start 9 0 0",
                                      "start 1 2 3 4",
                                      "step 0",
                                      "step -1",
                                      "step x",
                                      "step 1 2",
                                      "run 0",
                                      "select 0",
                                      "select 5",
                                      "del 3",
                                      "del",
                                      "runs x",
                                      "reset now",
                                      "trace a b",
                                      "trace /nonexistent-dir/x.csv",
                                      "pause now",
                                      NULL};
    sess *s = fresh();
    sbuf out, before, after;
    sbuf_init(&out);
    sbuf_init(&before);
    sbuf_init(&after);
    ds_err err;
    CHECK(exec(s, "algo momentum lr=0.01", &out, &err, 0, NULL) == DS_OK);
    CHECK(exec(s, "add adam", &out, &err, 0, NULL) == DS_OK);
    CHECK(exec(s, "select 1", &out, &err, 0, NULL) == DS_OK);
    CHECK(exec(s, "step 3", &out, &err, 0, NULL) == DS_OK);
    for (int i = 0; bad[i]; i++) {
        snapshot(s, &before);
        ds_status st = exec(s, bad[i], &out, &err, 0, NULL);
        snapshot(s, &after);
        if (st == DS_OK || !err.msg[0]) TH_FAIL("'%s' was accepted", bad[i]);
        if (strcmp(sbuf_str(&before), sbuf_str(&after)) != 0)
            TH_FAIL("'%s' changed the session:\n%s---\n%s", bad[i], sbuf_str(&before),
                    sbuf_str(&after));
        else
            th_passed++;
    }
    /* The messages say what would be right. */
    static const failing_line advice[] = {
        {"algo adam beta=0.9", "beta1"},
        {"set lr=-1", "> 0"},
        {"set foo 1", "lr, beta, wd, tol, maxiter"},
        {"set foo 1", "digits"},
        {"set beta=1", "[0, 1)"},
        {"algo lbfgs m=0", "from 1 to 100"},
        {"sched cosine T=10 foo=1", "T, min"},
        {"algo adma", "did you mean 'adam'"},
        {"earlystop restore=maybe", "off|on"},
    };
    check_failing_lines(s, advice, sizeof advice / sizeof advice[0]);
    exec(s, "algo bfgs", &out, &err, 0, NULL);
    CHECK(exec(s, "sched cosine", &out, &err, 0, NULL) != DS_OK);
    CHECK_HAS(err.msg, "no learning rate");
    sbuf_free(&out);
    sbuf_free(&before);
    sbuf_free(&after);
    sess_free(s);
}

TEST(test_commands)
{
    sess *s = fresh();
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    unsigned flags;
    CHECK(exec(s, "algo momentum lr=0.01 beta=0.5", &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "run 1 momentum: lr=0.01 beta=0.5; start [-1.2, 1]");
    CHECK(exec(s, "set beta 0.8", &out, &err, 0, NULL) == DS_OK);
    CHECK(run_hyper(runset_get(&s->runs, 0))->beta == 0.8);
    CHECK(exec(s, "set digits=4 lr=0.002 wd=0.1", &out, &err, 0, NULL) == DS_OK);
    CHECK(s->digits == 4);
    CHECK_HAS(sbuf_str(&out), "lr=0.002 beta=0.8 wd=0.1");
    CHECK(exec(s, "set digits 6", &out, &err, 0, NULL) == DS_OK);
    CHECK(exec(s, "add adam lr=0.05", &out, &err, 0, NULL) == DS_OK);
    CHECK(s->runs.selected == 1);
    CHECK(exec(s, "start 0.5 -0.5", &out, &err, 0, NULL) == DS_OK);
    CHECK(run_start(runset_get(&s->runs, 0))[0] == 0.5);
    CHECK(exec(s, "start 2 0 0", &out, &err, 0, NULL) == DS_OK);
    CHECK(run_start(runset_get(&s->runs, 1))[0] == 0);
    CHECK(run_start(runset_get(&s->runs, 0))[0] == 0.5);
    CHECK(exec(s, "step 3", &out, &err, 0, &flags) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "run 1 momentum: iter 3");
    CHECK_HAS(sbuf_str(&out), "run 2 adam: iter 3");
    CHECK(flags & CMDF_REDRAW);
    CHECK(exec(s, "runs", &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "evals f/∇f/∇²f");
    CHECK_HAS(sbuf_str(&out), "0/4/0");
    CHECK_HAS(sbuf_str(&out), "*2");
    /* The screen animates `run`; batch steps at once. */
    CHECK(exec(s, "run 7", &out, &err, 1, &flags) == DS_OK);
    CHECK(flags & CMDF_ANIMATE);
    CHECK(run_iter(runset_get(&s->runs, 0)) == 3);
    CHECK(exec(s, "run", &out, &err, 1, &flags) == DS_OK);
    CHECK(exec(s, "run 7", &out, &err, 0, &flags) == DS_OK);
    CHECK(!(flags & CMDF_ANIMATE) && run_iter(runset_get(&s->runs, 0)) == 10);
    CHECK(exec(s, "pause", &out, &err, 1, &flags) == DS_OK && (flags & CMDF_PAUSE));
    /* trace: a header, iter 0 with an empty lr, 11 rows per run. */
    CHECK(exec(s, "trace", &out, &err, 0, NULL) == DS_OK);
    static const char head[] = "run,algo,iter,x,y,f,grad_x,grad_y,lr\n1,momentum,0,0.5,-0.5,";
    CHECK(strncmp(sbuf_str(&out), head, strlen(head)) == 0);
    int lines = 0;
    for (const char *p = sbuf_str(&out); *p; p++)
        lines += *p == '\n';
    CHECK(lines == 1 + 2 * 11);
    CHECK_HAS(sbuf_str(&out), "\n2,adam,10,");
    /* A row's numbers round-trip. */
    const char *row = strstr(sbuf_str(&out), "\n1,momentum,10,");
    CHECK(row != NULL);
    if (row) {
        double x = strtod(row + 15, NULL);
        CHECK(x == run_current(runset_get(&s->runs, 0))->x);
    }
    char path[] = "/tmp/descent_test_traceXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    char line[128];
    snprintf(line, sizeof line, "trace %s", path);
    CHECK(exec(s, line, &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "wrote 22 rows of 2 runs");
    remove(path);
    /* sched and earlystop on the selected run. */
    CHECK(exec(s, "sched cosine T=100 min=0", &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "run 2 adam: sched cosine T=100 min=0");
    /* t = 10: 0.05·½(1 + cos(π/10)) */
    CHECK_HAS(sbuf_str(&out), "rates of steps 10 to 19: 0.0487764 0.048522 ");
    CHECK(exec(s, "sched", &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "cosine");
    CHECK(exec(s, "earlystop patience=3 restore=on", &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "earlystop patience=3 min_delta=0 monitor=val restore=on");
    CHECK_HAS(sbuf_str(&out), "watching f");
    CHECK(exec(s, "earlystop off", &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "earlystop off");
    /* select, del, reset. */
    CHECK(exec(s, "select 1", &out, &err, 0, NULL) == DS_OK && s->runs.selected == 0);
    CHECK(exec(s, "reset", &out, &err, 0, NULL) == DS_OK);
    CHECK(run_iter(runset_get(&s->runs, 1)) == 0);
    CHECK(exec(s, "del 1", &out, &err, 0, NULL) == DS_OK);
    CHECK(runset_count(&s->runs) == 1);
    CHECK_STR(run_algo_name(runset_get(&s->runs, 0)), "adam");
    CHECK(exec(s, "del 1", &out, &err, 0, NULL) == DS_OK);
    CHECK(exec(s, "step", &out, &err, 0, NULL) != DS_OK);
    CHECK_HAS(err.msg, "algo NAME");
    CHECK(exec(s, "set lr=0.1", &out, &err, 0, NULL) != DS_OK);
    CHECK(exec(s, "set digits=5", &out, &err, 0, NULL) == DS_OK);
    /* algo with no run creates run 1. */
    CHECK(exec(s, "algo nag", &out, &err, 0, NULL) == DS_OK);
    CHECK(runset_count(&s->runs) == 1);
    CHECK(run_param_get(runset_get(&s->runs, 0), "beta") == 0.9);
    CHECK(isnan(run_param_get(runset_get(&s->runs, 0), "beta1")));
    /* A thinned trail says so in the trace. */
    CHECK(exec(s, "set lr=1e-9", &out, &err, 0, NULL) == DS_OK);
    run_set_trail_cap(runset_at(&s->runs, 0), 40);
    CHECK(exec(s, "step 1000", &out, &err, 0, NULL) == DS_OK);
    CHECK(exec(s, "trace", &out, &err, 0, NULL) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "# run 1 trail thinned: every ");
    CHECK_HAS(sbuf_str(&out), "\n1,nag,1000,");
    sbuf_free(&out);
    sess_free(s);
}

int main(void)
{
    RUN(test_runset);
    RUN(test_stop_rules);
    RUN(test_earlystop_restore);
    RUN(test_earlystop_val);
    RUN(test_trail_thinning);
    RUN(test_trail_thinning_exact);
    RUN(test_step_many_same_as_one_by_one);
    RUN(test_long_step_takes_the_plain_loop);
    RUN(test_bad_lines_change_nothing);
    RUN(test_commands);
    sbuf_free(&exec_out); /* check_failing_lines' output */
    TEST_END();
}
