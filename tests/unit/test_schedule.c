/* test_schedule.c — each learning-rate schedule against its closed form (COURSE §5),
 * reduce-on-plateau and early stopping on given loss sequences, parameter validation,
 * and a run whose steps use the scheduled rates. */
#include "harness.h"

#include "descent/run.h"
#include "descent/schedule.h"

#define PI 3.14159265358979323846

/* Configure `name` with "k=v" pairs (values as the user types them). */
static sched_cfg make(const char *name, const char *const *kv)
{
    sched_cfg c;
    ds_err err;
    CHECK(sched_set_kind(&c, name, &err) == DS_OK);
    const sched_entry *e = sched_entry_of(&c);
    for (int i = 0; kv && kv[i]; i += 2) {
        const opt_param *p = sched_param_find(e, kv[i]);
        double v = NAN;
        CHECK(p && opt_parse_value(p, name, kv[i + 1], &v, &err) == DS_OK);
        if (p) opt_put(&c, p, v);
    }
    return c;
}

TEST(test_const)
{
    sched_cfg c = make("const", NULL);
    sched_state st;
    sched_state_init(&st);
    for (long t = 0; t < 50; t += 7)
        CHECK(sched_lr(&c, &st, 0.3, t) == 0.3);
}

TEST(test_step)
{
    static const char *const kv[] = {"step", "10", "gamma", "0.5", NULL};
    sched_cfg c = make("step", kv);
    sched_state st;
    sched_state_init(&st);
    /* α₀·γ^⌊t/s⌋: 0.1 for t = 0..9, 0.05 for 10..19, 0.025 from 20. */
    CHECK(sched_lr(&c, &st, 0.1, 0) == 0.1);
    CHECK(sched_lr(&c, &st, 0.1, 9) == 0.1);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 10), 0.05, 1e-16);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 19), 0.05, 1e-16);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 20), 0.025, 1e-16);
    for (long t = 0; t < 100; t++)
        CHECK_NEAR(sched_lr(&c, &st, 0.1, t), 0.1 * pow(0.5, (double)(t / 10)), 1e-16);
}

TEST(test_exp)
{
    static const char *const kv[] = {"lambda", "0.1", NULL};
    sched_cfg c = make("exp", kv);
    sched_state st;
    sched_state_init(&st);
    CHECK(sched_lr(&c, &st, 0.2, 0) == 0.2);
    CHECK_NEAR(sched_lr(&c, &st, 0.2, 10), 0.2 * exp(-1.0), 1e-16);
    for (long t = 0; t < 100; t += 3)
        CHECK_NEAR(sched_lr(&c, &st, 0.2, t), 0.2 * exp(-0.1 * (double)t), 1e-16);
}

TEST(test_cosine)
{
    static const char *const kv[] = {"T", "100", "min", "0.001", NULL};
    sched_cfg c = make("cosine", kv);
    sched_state st;
    sched_state_init(&st);
    /* α_min + ½(α₀ − α_min)(1 + cos(tπ/T)): α₀ at 0, the midpoint at T/2, α_min from T. */
    CHECK(sched_lr(&c, &st, 0.1, 0) == 0.1);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 50), 0.001 + 0.5 * 0.099, 1e-15);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 100), 0.001, 1e-15);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 250), 0.001, 1e-15);
    for (long t = 0; t <= 100; t += 9)
        CHECK_NEAR(sched_lr(&c, &st, 0.1, t),
                   0.001 + 0.5 * (0.1 - 0.001) * (1 + cos((double)t * PI / 100)), 1e-15);
}

TEST(test_warmup)
{
    /* (t/T)·α₀ for t < T, as COURSE.md §5 writes it: 0, 0.02, ... 0.08, and α₀ at t = T;
     * then the cosine over `decay` steps with its own index t − T. */
    static const char *const kv[] = {"T", "5", "then", "cosine", "decay", "20", "min", "0", NULL};
    sched_cfg c = make("warmup", kv);
    sched_state st;
    sched_state_init(&st);
    for (long t = 0; t < 5; t++)
        CHECK_NEAR(sched_lr(&c, &st, 0.1, t), 0.1 * (double)t / 5, 1e-16);
    CHECK(sched_lr(&c, &st, 0.1, 0) == 0); /* the formula's t = 0 */
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 5), 0.1, 1e-16);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 15), 0.05, 1e-15);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 25), 0, 1e-15);
    for (long t = 5; t < 40; t++) {
        double u = (double)(t - 5) < 20 ? (double)(t - 5) : 20;
        CHECK_NEAR(sched_lr(&c, &st, 0.1, t), 0.5 * 0.1 * (1 + cos(u * PI / 20)), 1e-15);
    }
    static const char *const kv2[] = {"T", "4", "then", "exp", "lambda", "0.5", NULL};
    c = make("warmup", kv2);
    CHECK_NEAR(sched_lr(&c, &st, 1, 3), 0.75, 1e-16);
    CHECK_NEAR(sched_lr(&c, &st, 1, 4), 1, 1e-16);
    CHECK_NEAR(sched_lr(&c, &st, 1, 6), exp(-1.0), 1e-16);
    static const char *const kv3[] = {"T", "4", "then", "const", NULL};
    c = make("warmup", kv3);
    CHECK_NEAR(sched_lr(&c, &st, 1, 0), 0, 1e-16);
    CHECK_NEAR(sched_lr(&c, &st, 1, 1), 0.25, 1e-16);
    CHECK_NEAR(sched_lr(&c, &st, 1, 1000), 1, 1e-16);
    sbuf b;
    sbuf_init(&b);
    sched_text(&c, &b, 6);
    CHECK_STR(sbuf_str(&b), "warmup T=4 then=const");
    sbuf_free(&b);
}

TEST(test_plateau)
{
    static const char *const kv[] = {"factor", "0.5", "patience", "2", NULL};
    sched_cfg c = make("plateau", kv);
    sched_state st;
    sched_state_init(&st);
    /* The first evaluation sets the best, however bad (none before it, as in PyTorch). */
    CHECK(sched_observe(&c, &st, 1e9) == 0);
    CHECK(st.best == 1e9 && st.wait == 0);
    sched_state_init(&st);
    CHECK(sched_observe(&c, &st, 10) == 0);
    /* Improving: no change. Two steps without improvement: halve. */
    CHECK(sched_observe(&c, &st, 9) == 0);
    CHECK(sched_observe(&c, &st, 8) == 0);
    CHECK(sched_lr(&c, &st, 0.1, 3) == 0.1);
    CHECK(sched_observe(&c, &st, 8) == 0);
    CHECK(sched_observe(&c, &st, 8.5) == 1);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 5), 0.05, 1e-16);
    CHECK(sched_observe(&c, &st, 9) == 0);
    CHECK(sched_observe(&c, &st, 9) == 1);
    CHECK_NEAR(sched_lr(&c, &st, 0.1, 7), 0.025, 1e-16);
    CHECK(sched_observe(&c, &st, 1) == 0); /* a new best resets the count */
    CHECK(sched_observe(&c, &st, 1) == 0);
    /* min_delta: an improvement must beat the best by more than it. */
    static const char *const kv2[] = {"factor", "0.1", "patience", "1", "min_delta", "0.5", NULL};
    c = make("plateau", kv2);
    sched_state_init(&st);
    CHECK(sched_observe(&c, &st, 10) == 0);
    CHECK(sched_observe(&c, &st, 9.4) == 0);
    CHECK(sched_observe(&c, &st, 9.0) == 1);
    CHECK_NEAR(st.scale, 0.1, 1e-16);
}

TEST(test_earlystop)
{
    estop_cfg c;
    estop_default(&c);
    c.on = 1;
    c.patience = 3;
    estop_state st;
    estop_state_init(&st);
    /* best_score = None: the first evaluation (after step 1) sets the best, even when it
     * is worse than the start was */
    CHECK(st.best_iter == -1);
    CHECK(estop_observe(&c, &st, 7, 1) == ESTOP_IMPROVED);
    CHECK(st.best == 7 && st.best_iter == 1);
    estop_state_init(&st);
    CHECK(estop_observe(&c, &st, 4, 1) == ESTOP_IMPROVED);
    CHECK(estop_observe(&c, &st, 4.5, 2) == ESTOP_WAIT);
    CHECK(estop_observe(&c, &st, 4, 3) == ESTOP_WAIT); /* equal is no improvement */
    CHECK(estop_observe(&c, &st, 4.1, 4) == ESTOP_STOP);
    CHECK(st.best == 4 && st.best_iter == 1);
    sbuf b;
    sbuf_init(&b);
    estop_text(&c, &b, 6);
    CHECK_STR(sbuf_str(&b), "patience=3 min_delta=0 monitor=val restore=off");
    sbuf_reset(&b);
    c.on = 0;
    estop_text(&c, &b, 6);
    CHECK_STR(sbuf_str(&b), "off");
    sbuf_free(&b);
}

TEST(test_validation)
{
    sched_cfg c;
    ds_err err;
    CHECK(sched_set_kind(&c, "cosin", &err) == DS_EUNKNOWN);
    CHECK_HAS(err.msg, "cosine");
    CHECK(sched_set_kind(&c, "step", &err) == DS_OK);
    const sched_entry *e = sched_entry_of(&c);
    double v;
    CHECK(opt_parse_value(sched_param_find(e, "gamma"), "sched step", "0", &v, &err) == DS_ERANGE);
    CHECK_HAS(err.msg, "(0, 1]");
    CHECK(opt_parse_value(sched_param_find(e, "step"), "sched step", "0", &v, &err) == DS_ERANGE);
    CHECK(opt_parse_value(sched_param_find(e, "step"), "sched step", "x", &v, &err) == DS_EARG);
    CHECK(sched_param_find(e, "lambda") == NULL);
    CHECK_STR(sched_name(0), "const");
    CHECK(sched_name(sched_count) == NULL);
    CHECK_STR(sched_param_name("cosine", 0), "T");
    CHECK_STR(sched_param_name("cosine", 1), "min");
    CHECK(sched_param_name("cosine", 2) == NULL);
    sbuf b;
    sbuf_init(&b);
    sched_list(&b);
    CHECK_HAS(sbuf_str(&b), "α₀·γ^⌊t/s⌋");
    CHECK_HAS(sbuf_str(&b), "warmup");
    sbuf_free(&b);
}

/* A gd run under a step schedule: each trail row's lr is the closed form at t = iter−1,
 * and the position follows θ ← θ − α_t·g. */
TEST(test_run_uses_schedule)
{
    ds_err err;
    objective o;
    obj_init(&o);
    CHECK(obj_make_formula(&o, "x^2 + y^2", &err) == DS_OK);
    runset rs;
    runset_init(&rs);
    CHECK(runset_add(&rs, &o, "gd", &err) == DS_OK);
    run *r = runset_at(&rs, 0);
    double p[2] = {1, 1};
    run_set_start(r, p, &o);
    run_set_param(r, opt_param_find(run_algo(r), "lr"), 0.1, &o);
    static const char *const kv[] = {"step", "2", "gamma", "0.5", NULL};
    sched_cfg c = make("step", kv);
    run_set_sched(r, &c, &o);
    runset_step(&rs, &o, 6);
    int n;
    const run_row *t = run_trail(r, &n);
    CHECK(n == 7);
    CHECK(isnan(t[0].lr));
    double x = 1;
    for (int k = 1; k < n; k++) {
        double lr = 0.1 * pow(0.5, (double)((k - 1) / 2));
        CHECK_NEAR(t[k].lr, lr, 1e-16);
        x -= lr * 2 * x;
        CHECK_NEAR(t[k].x, x, 1e-15);
    }
    double next[3];
    run_next_rates(r, next, 3);
    CHECK_NEAR(next[0], 0.0125, 1e-16); /* t = 6 */
    CHECK_NEAR(run_lr_now(r), 0.0125, 1e-16);
    runset_free(&rs);
    obj_free(&o);
}

int main(void)
{
    RUN(test_const);
    RUN(test_step);
    RUN(test_exp);
    RUN(test_cosine);
    RUN(test_warmup);
    RUN(test_plateau);
    RUN(test_earlystop);
    RUN(test_validation);
    RUN(test_run_uses_schedule);
    TEST_END();
}
