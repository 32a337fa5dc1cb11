/* test_opt.c — every algorithm's first steps against values computed by hand from
 * COURSE.md's formulas (on f = ½(x² + 10y²) from (1, 1) unless said), linear CG's
 * exactness, sgd = gd at batch N, gd's 2/λmax threshold, and the line-search methods
 * on Rosenbrock. */
#include "fixtures.h"
#include "harness.h"

#include "descent/opt.h"
#include "descent/run.h"

static void setp(run *r, objective *o, const char *name, const char *value)
{
    ds_err err;
    const opt_param *p = opt_param_find(run_algo(r), name);
    double v = NAN;
    if (!p || opt_parse_value(p, "test", value, &v, &err) != DS_OK) {
        TH_FAIL("bad parameter %s=%s", name, value);
        return;
    }
    run_set_param(r, p, v, o);
}

static void quad(objective *o, double a11, double a12, double a22, double b1, double b2)
{
    ds_err err;
    double args[5] = {a11, a12, a22, b1, b2};
    obj_init(o);
    if (obj_make_catalog(o, "quad", args, 5, NULL, &err) != DS_OK) TH_FAIL("quad: %s", err.msg);
}

/* Step three times; compare rows 1..3 of the trail with `want`. */
static void check3(const char *algo, const char *const *kv, const double want[3][2])
{
    objective o;
    runset rs;
    quad(&o, 1, 0, 10, 0, 0);
    run *r = one_run(&rs, &o, algo, 1, 1);
    for (int i = 0; kv && kv[i]; i += 2)
        setp(r, &o, kv[i], kv[i + 1]);
    runset_step(&rs, &o, 3);
    int n;
    const run_row *t = run_trail(r, &n);
    CHECK(n == 4);
    for (int k = 0; k < 3 && k + 1 < n; k++) {
        CHECK(t[k + 1].iter == k + 1);
        CHECK_NEAR(t[k + 1].x, want[k][0], 1e-13);
        CHECK_NEAR(t[k + 1].y, want[k][1], 1e-13);
        /* The row's f and ∇f are at its own θ. */
        CHECK_NEAR(t[k + 1].f, 0.5 * (want[k][0] * want[k][0] + 10 * want[k][1] * want[k][1]),
                   1e-12);
        CHECK_NEAR(t[k + 1].gx, want[k][0], 1e-13);
        CHECK_NEAR(t[k + 1].gy, 10 * want[k][1], 1e-12);
    }
    runset_free(&rs);
    obj_free(&o);
}

TEST(test_gd)
{
    /* θ ← θ − 0.05·(θx, 10θy): x ×0.95, y ×0.5 each step. */
    static const char *const kv[] = {"lr", "0.05", NULL};
    static const double want[3][2] = {{0.95, 0.5}, {0.9025, 0.25}, {0.857375, 0.125}};
    check3("gd", kv, want);
    /* wd = 0.5: g + 0.5·θ, so x ×(1 − 0.05·1.5) = ×0.925 and y ×(1 − 0.05·10.5) = ×0.475. */
    static const char *const kv2[] = {"lr", "0.05", "wd", "0.5", NULL};
    static const double want2[3][2] = {
        {0.925, 0.475}, {0.855625, 0.225625}, {0.791453125, 0.107171875}};
    check3("gd", kv2, want2);
}

TEST(test_momentum)
{
    /* v = 0.9v + 0.1g; θ −= 0.1v: v1 = (0.1, 1), θ1 = (0.99, 0.9); v2 = (0.189, 1.8),
     * θ2 = (0.9711, 0.72); v3 = (0.26721, 2.34), θ3 = (0.944379, 0.486). */
    static const char *const kv[] = {"lr", "0.1", "beta", "0.9", NULL};
    static const double want[3][2] = {{0.99, 0.9}, {0.9711, 0.72}, {0.944379, 0.486}};
    check3("momentum", kv, want);
}

TEST(test_heavyball)
{
    /* Δ = 0.9Δ − 0.05g: Δ1 = (−0.05, −0.5); Δ2 = (−0.0925, −0.7); Δ3 = (−0.126125, −0.53). */
    static const char *const kv[] = {"lr", "0.05", "beta", "0.9", NULL};
    static const double want[3][2] = {{0.95, 0.5}, {0.8575, -0.2}, {0.731375, -0.73}};
    check3("heavyball", kv, want);
}

TEST(test_nag)
{
    /* v1 = 0.05·g(1, 1) = (0.05, 0.5); look-ahead θ1 − 0.9v1 = (0.905, 0.05), its gradient
     * (0.905, 0.5); v2 = (0.09025, 0.475); θ2 = (0.85975, 0.025); then
     * look-ahead (0.778525, −0.4025), v3 = (0.12015125, 0.22625), θ3 = (0.73959875, −0.20125). */
    static const char *const kv[] = {"lr", "0.05", "beta", "0.9", NULL};
    static const double want[3][2] = {{0.95, 0.5}, {0.85975, 0.025}, {0.73959875, -0.20125}};
    check3("nag", kv, want);
}

TEST(test_adagrad)
{
    /* G1 = (1, 100): θ1 = 1 − 0.5/√(G + 1e-8)·g; G2 adds θ1's g², and so on. */
    static const char *const kv[] = {"lr", "0.5", NULL};
    static const double want[3][2] = {{0.50000000249999998, 0.500000000025},
                                      {0.27639320475002105, 0.27639320227502101},
                                      {0.15639873806677995, 0.15639873604463767}};
    check3("adagrad", kv, want);
}

TEST(test_rmsprop)
{
    /* s1 = 0.1g² so the first step is 0.1/√0.1 ≈ 0.316 in both coordinates. */
    static const char *const kv[] = {"lr", "0.1", "beta", "0.9", NULL};
    static const double want[3][2] = {{0.68377224979454909, 0.68377223414127586},
                                      {0.49887062665476267, 0.49887060709444914},
                                      {0.36918057387599235, 0.36918055336253175}};
    check3("rmsprop", kv, want);
}

TEST(test_adam)
{
    /* Bias-corrected: the first step is lr·g/(|g| + ε) ≈ 0.1 in each coordinate. */
    static const char *const kv[] = {"lr", "0.1", NULL};
    static const double want[3][2] = {{0.90000000099999999, 0.90000000010000003},
                                      {0.80041222971233816, 0.80041222787535671},
                                      {0.70158627450441502, 0.70158627169932264}};
    check3("adam", kv, want);
    /* Without bias correction m = 0.1g, v = 0.001g²: the first step is 0.1·0.1/√0.001. */
    static const char *const kv2[] = {"lr", "0.1", "bias", "off", NULL};
    static const double want2[3][2] = {{0.68377233398313064, 0.68377224398316194},
                                       {0.27020616908667078, 0.27020598803990109},
                                       {-0.16214120740030852, -0.16214145187873358}};
    check3("adam", kv2, want2);
    /* Coupled wd: g + 0.5θ enters both moments. */
    static const char *const kv3[] = {"lr", "0.1", "wd", "0.5", NULL};
    static const double want3[3][2] = {{0.90000000066666663, 0.90000000009523806},
                                       {0.80041222903197462, 0.80041222786563715},
                                       {0.70158627346549185, 0.70158627168448073}};
    check3("adam", kv3, want3);
}

TEST(test_adamw)
{
    /* θ ← θ − 0.1·0.5·θ = 0.95θ first, then the Adam step of ≈ 0.1: θ1 ≈ 0.85. */
    static const char *const kv[] = {"lr", "0.1", "wd", "0.5", NULL};
    static const double want[3][2] = {{0.85000000099999995, 0.85000000009999999},
                                      {0.70824844436565237, 0.70824844255501984},
                                      {0.574973932253246, 0.57497392953227744}};
    check3("adamw", kv, want);
}

TEST(test_sgd_formula)
{
    /* noise = 0 is gd exactly. */
    static const char *const kv[] = {"lr", "0.05", "noise", "0", NULL};
    static const double want[3][2] = {{0.95, 0.5}, {0.9025, 0.25}, {0.857375, 0.125}};
    check3("sgd", kv, want);
    /* With noise: θ1 = θ0 − lr·(g + noise·(n0, n1)), n from the seeded generator. */
    objective o;
    runset rs;
    quad(&o, 1, 0, 10, 0, 0);
    run *r = one_run(&rs, &o, "sgd", 1, 1);
    setp(r, &o, "lr", "0.05");
    setp(r, &o, "noise", "2");
    setp(r, &o, "seed", "7");
    runset_step(&rs, &o, 1);
    ds_rng g;
    rng_seed(&g, 7);
    double n0 = rng_gauss(&g), n1 = rng_gauss(&g);
    CHECK_NEAR(run_current(r)->x, 1 - 0.05 * (1 + 2 * n0), 1e-15);
    CHECK_NEAR(run_current(r)->y, 1 - 0.05 * (10 + 2 * n1), 1e-15);
    /* The same seed again gives the same path. */
    double x1 = run_current(r)->x;
    run_reset(r, &o);
    runset_step(&rs, &o, 1);
    CHECK(run_current(r)->x == x1);
    runset_free(&rs);
    obj_free(&o);
}

/* Linear-regression data and the two runs to compare. */
static void sgd_vs_gd(double split)
{
    ds_err err;
    dataset d;
    data_init(&d);
    CHECK(data_generate(&d, DATA_LINREG, 50, 0.3, 3, &err) == DS_OK);
    if (split < 1) CHECK(data_split(&d, split, 5, &err) == DS_OK);
    objective o;
    obj_init(&o);
    CHECK(obj_make_catalog(&o, "linreg", NULL, 0, &d, &err) == DS_OK);
    runset rs;
    runset_init(&rs);
    runset_add(&rs, &o, "gd", &err);
    runset_add(&rs, &o, "sgd", &err);
    char batch[16];
    snprintf(batch, sizeof batch, "%d", d.ntrain);
    setp(runset_at(&rs, 0), &o, "lr", "0.1");
    setp(runset_at(&rs, 1), &o, "lr", "0.1");
    setp(runset_at(&rs, 1), &o, "batch", batch);
    runset_step(&rs, &o, 200);
    int n0, n1;
    const run_row *a = run_trail(runset_get(&rs, 0), &n0), *b = run_trail(runset_get(&rs, 1), &n1);
    CHECK(n0 == n1 && n0 == 201);
    int same = 1;
    for (int i = 0; i < n0 && i < n1; i++)
        same &= a[i].x == b[i].x && a[i].y == b[i].y && a[i].f == b[i].f;
    CHECK(same);
    /* Data rows carry the training loss, and the validation loss with a split. */
    CHECK(a[5].train == a[5].f);
    CHECK(split < 1 ? !isnan(a[5].val) : isnan(a[5].val));
    /* A smaller batch is a different, seeded path. */
    setp(runset_at(&rs, 1), &o, "batch", "5");
    run_reset(runset_at(&rs, 1), &o);
    runset_step(&rs, &o, 1);
    b = run_trail(runset_get(&rs, 1), &n1);
    CHECK(b[1].x != a[1].x);
    runset_free(&rs);
    obj_free(&o);
    data_free(&d);
}

TEST(test_sgd_full_batch_is_gd)
{
    sgd_vs_gd(1);
    sgd_vs_gd(0.8);
}

TEST(test_gd_threshold)
{
    /* λmax = 10, so gd converges for lr < 0.2 and diverges above it. */
    objective o;
    runset rs;
    quad(&o, 1, 0, 10, 0, 0);
    run *r = one_run(&rs, &o, "gd", 1, 1);
    setp(r, &o, "lr", "0.19");
    runset_step(&rs, &o, 100000);
    CHECK(run_get_status(r) == RUN_CONVERGED);
    setp(r, &o, "lr", "0.21");
    run_reset(r, &o);
    runset_step(&rs, &o, 100000);
    CHECK(run_get_status(r) == RUN_DIVERGED);
    CHECK_HAS(run_status_text(r), "diverged at step");
    /* |1 − 2.1|^k exceeds 1e12 at k = 290; the position is the last finite iterate. */
    CHECK(run_iter(r) == 289);
    CHECK_HAS(run_status_text(r), "step 290");
    CHECK(isfinite(run_current(r)->y) && fabs(run_current(r)->y) <= 1e12);
    runset_free(&rs);
    obj_free(&o);
}

TEST(test_newton)
{
    /* Damped Newton on a quadratic halves θ each step with lr = 0.5. */
    static const char *const kv[] = {"lr", "0.5", NULL};
    static const double want[3][2] = {{0.5, 0.5}, {0.25, 0.25}, {0.125, 0.125}};
    check3("newton", kv, want);
    objective o;
    runset rs;
    quad(&o, 1, 0, 10, 0, 0);
    run *r = one_run(&rs, &o, "newton", 1, 1);
    runset_step(&rs, &o, 10);
    CHECK(run_iter(r) == 1 && run_get_status(r) == RUN_CONVERGED);
    CHECK(run_evals(r)[2] == 1);
    runset_free(&rs);
    obj_free(&o);

    /* On the saddle x² − y² from (1, 1): g = (2, −2), H = diag(2, −2). */
    formula(&o, "x^2 - y^2");
    r = one_run(&rs, &o, "newton", 1, 1);
    runset_step(&rs, &o, 1); /* raw: straight to the saddle */
    CHECK_NEAR(run_current(r)->x, 0, 1e-15);
    CHECK_NEAR(run_current(r)->y, 0, 1e-15);
    CHECK_HAS(run_status_text(r), "converged at step 1");
    CHECK_HAS(run_status_text(r), "H was not positive definite at step 1");
    setp(r, &o, "hess", "abs"); /* |H| = diag(2, 2): away from it */
    run_reset(r, &o);
    runset_step(&rs, &o, 1);
    CHECK_NEAR(run_current(r)->x, 0, 1e-15);
    CHECK_NEAR(run_current(r)->y, 2, 1e-15);
    setp(r, &o, "hess", "shift"); /* μ = 2 + 1e-3·2: H = diag(4.002, 0.002) */
    run_reset(r, &o);
    runset_step(&rs, &o, 1);
    CHECK_NEAR(run_current(r)->x, 1 - 2 / 4.002, 1e-14);
    CHECK_NEAR(run_current(r)->y, 1 + 2 / 0.002, 1e-12);
    CHECK(run_get_status(r) == RUN_READY);
    runset_free(&rs);
    obj_free(&o);

    /* While it runs, the status text carries the remark. */
    formula(&o, "x^2 - y^2 + y^4");
    r = one_run(&rs, &o, "newton", 1, 0.1);
    runset_step(&rs, &o, 2);
    CHECK(run_get_status(r) == RUN_READY);
    CHECK_HAS(run_status_text(r), "H not positive definite at step 1 and 1 more step (");
    CHECK_HAS(run_status_text(r), "raw Newton step");
    runset_free(&rs);
    obj_free(&o);
}

/* On the bowl x² + y² from (1, 1) the first trial step 1.01/‖g‖ (length 1.01) meets the
 * Wolfe conditions; y = 2s makes the scaled H exactly ½I, so step 2 lands on 0. */
static void bowl_two_steps(const char *algo, const char *ls)
{
    objective o;
    runset rs;
    formula(&o, "x^2 + y^2");
    run *r = one_run(&rs, &o, algo, 1, 1);
    setp(r, &o, "ls", ls);
    runset_step(&rs, &o, 10);
    int n;
    const run_row *t = run_trail(r, &n);
    CHECK(n == 3);
    double x1 = 1 - 1.01 / sqrt(2);
    CHECK_NEAR(t[1].x, x1, 1e-15);
    CHECK_NEAR(t[1].y, x1, 1e-15);
    CHECK_NEAR(t[1].lr, 1.01 / (2 * sqrt(2)), 1e-15);
    CHECK_NEAR(t[2].x, 0, 1e-15);
    CHECK_NEAR(t[2].y, 0, 1e-15);
    CHECK_NEAR(t[2].lr, 1, 1e-15);
    CHECK(run_get_status(r) == RUN_CONVERGED);
    runset_free(&rs);
    obj_free(&o);
}

TEST(test_quasi_newton_first_steps)
{
    bowl_two_steps("bfgs", "wolfe");
    bowl_two_steps("bfgs", "armijo");
    bowl_two_steps("lbfgs", "wolfe");
    bowl_two_steps("lbfgs", "armijo");
}

TEST(test_cg_linear)
{
    /* A = [[4, 1], [1, 3]], b = (1, 2) from (2, 1): r0 = (−8, −3), α0 = 73/331,
     * θ1 = (2, 1) + α0·r0; after step 2 θ = A⁻¹b = (1/11, 7/11) exactly. */
    objective o;
    runset rs;
    quad(&o, 4, 1, 3, 1, 2);
    run *r = one_run(&rs, &o, "cg", 2, 1);
    runset_step(&rs, &o, 10);
    int n;
    const run_row *t = run_trail(r, &n);
    CHECK(n == 3);
    CHECK_NEAR(t[1].lr, 73.0 / 331, 1e-15);
    CHECK_NEAR(t[1].x, 2 - 8 * 73.0 / 331, 1e-15);
    CHECK_NEAR(t[1].y, 1 - 3 * 73.0 / 331, 1e-15);
    CHECK_NEAR(t[2].x, 1.0 / 11, 1e-14);
    CHECK_NEAR(t[2].y, 7.0 / 11, 1e-14);
    CHECK(run_get_status(r) == RUN_CONVERGED);
    CHECK(run_iter(r) == 2);
    runset_free(&rs);
    obj_free(&o);
    /* An indefinite A: linear CG refuses with the reason. */
    quad(&o, 1, 0, -1, 0, 0);
    r = one_run(&rs, &o, "cg", 1, 1);
    runset_step(&rs, &o, 10);
    CHECK(run_get_status(r) == RUN_STALLED);
    CHECK_HAS(run_status_text(r), "not positive definite");
    runset_free(&rs);
    obj_free(&o);
}

TEST(test_cg_nonlinear_bowl)
{
    /* The zoom's cubic interpolation is exact on a quadratic line: one step. */
    objective o;
    runset rs;
    formula(&o, "x^2 + y^2");
    run *r = one_run(&rs, &o, "cg", 1, 1);
    runset_step(&rs, &o, 10);
    CHECK(run_iter(r) == 1);
    CHECK_NEAR(run_current(r)->x, 0, 1e-12);
    CHECK_NEAR(run_current(r)->y, 0, 1e-12);
    runset_free(&rs);
    obj_free(&o);
}

/* Runs `algo` on Rosenbrock from (−1.2, 1); returns the steps to converge and stores the
 * first step within 1e-5 of (1, 1). */
static long rosenbrock(const char *algo, const char *key, const char *value, long *near_step)
{
    ds_err err;
    objective o;
    obj_init(&o);
    CHECK(obj_make_catalog(&o, "rosenbrock", NULL, 0, NULL, &err) == DS_OK);
    runset rs;
    run *r = one_run(&rs, &o, algo, -1.2, 1);
    if (key) setp(r, &o, key, value);
    runset_step(&rs, &o, 1000);
    int n;
    const run_row *t = run_trail(r, &n);
    *near_step = -1;
    for (int i = 0; i < n && *near_step < 0; i++)
        if (fabs(t[i].x - 1) < 1e-5 && fabs(t[i].y - 1) < 1e-5) *near_step = t[i].iter;
    CHECK(run_get_status(r) == RUN_CONVERGED);
    CHECK_NEAR(run_current(r)->x, 1, 1e-5);
    CHECK_NEAR(run_current(r)->y, 1, 1e-5);
    long it = run_iter(r);
    runset_free(&rs);
    obj_free(&o);
    return it;
}

TEST(test_rosenbrock)
{
    long near, it;
    it = rosenbrock("bfgs", NULL, NULL, &near);
    printf("  rosenbrock bfgs: converged at step %ld, within 1e-5 of (1,1) at step %ld\n", it,
           near);
    CHECK(it <= 50 && near <= 45);
    it = rosenbrock("lbfgs", NULL, NULL, &near);
    printf("  rosenbrock lbfgs: converged at step %ld, within 1e-5 of (1,1) at step %ld\n", it,
           near);
    CHECK(it <= 55 && near <= 50);
    it = rosenbrock("cg", NULL, NULL, &near);
    printf("  rosenbrock cg (pr): converged at step %ld, within 1e-5 of (1,1) at step %ld\n", it,
           near);
    CHECK(it <= 60 && near <= 60);
    it = rosenbrock("cg", "variant", "fr", &near);
    printf("  rosenbrock cg (fr): converged at step %ld, within 1e-5 of (1,1) at step %ld\n", it,
           near);
    CHECK(it <= 100);
    it = rosenbrock("newton", NULL, NULL, &near);
    printf("  rosenbrock newton: converged at step %ld\n", it);
    CHECK(it <= 10);
}

TEST(test_table)
{
    /* Every algorithm: a rule, help, defaults inside their ranges, tol and maxiter. */
    for (int i = 0; i < opt_algo_count; i++) {
        const opt_algo *a = &opt_algos[i];
        CHECK(opt_find(a->name) == a);
        CHECK(opt_param_find(a, "tol") && opt_param_find(a, "maxiter"));
        const opt_param *p;
        opt_hyper h;
        opt_defaults(a, &h);
        for (int k = 0; (p = opt_param_at(a, k)); k++) {
            sbuf txt;
            sbuf_init(&txt);
            opt_value_text(p, p->def, &txt, 17);
            double v;
            ds_err err;
            CHECK(opt_parse_value(p, a->name, sbuf_str(&txt), &v, &err) == DS_OK);
            CHECK(v == opt_get(&h, p));
            sbuf_free(&txt);
            CHECK(opt_param_name(a->name, k) == p->name);
        }
    }
    sbuf out;
    sbuf_init(&out);
    opt_list(&out);
    CHECK_HAS(sbuf_str(&out), "adamw");
    ds_err err;
    CHECK(opt_help("adam", &out, &err) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "beta2");
    CHECK_HAS(sbuf_str(&out), "beta2    0.999    in [0, 1)");
    CHECK(opt_help("adma", &out, &err) == DS_EUNKNOWN);
    CHECK_HAS(err.msg, "adam");
    sbuf_free(&out);
    /* Ranges refuse what the course rules out. */
    const opt_algo *m = opt_find("momentum");
    double v;
    CHECK(opt_parse_value(opt_param_find(m, "beta"), "momentum", "1", &v, &err) == DS_ERANGE);
    CHECK_HAS(err.msg, "[0, 1)");
    CHECK(opt_parse_value(opt_param_find(m, "lr"), "momentum", "-0.1", &v, &err) == DS_ERANGE);
    CHECK(opt_parse_value(opt_param_find(opt_find("lbfgs"), "m"), "lbfgs", "0", &v, &err) ==
          DS_ERANGE);
    CHECK(opt_parse_value(opt_param_find(opt_find("lbfgs"), "m"), "lbfgs", "2.5", &v, &err) ==
          DS_ERANGE);
    CHECK(opt_parse_value(opt_param_find(opt_find("newton"), "hess"), "newton", "flat", &v, &err) ==
          DS_EARG);
    CHECK_HAS(err.msg, "raw|shift|abs");
}

/* The tol test without the root agrees with opt_gnorm(...) < tol everywhere, most of all
 * where ‖g‖ is within an ulp or two of tol, for tol = 0, tiny, huge and ∞, overflowing
 * gradients and NaN, with and without coupled weight decay. */
TEST(test_tol_test_exact)
{
    const opt_algo *a = opt_find("gd");
    static const double tols[] = {1e-8, 0, 1e-160, 1e-300, 0.3, 1, 1e150, 1.4e154, 1e200, INFINITY};
    opt_hyper h;
    opt_state st;
    memset(&st, 0, sizeof st);
    unsigned long seed = 12345;
    int agree = 1, tried = 0;
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < sizeof tols / sizeof tols[0]; i++) {
            opt_defaults(a, &h);
            h.tol = tols[i];
            h.wd = w ? 0.25 : 0;
            opt_tol_test tt;
            opt_tol_prepare(&tt, a, &h);
            for (int k = 0; k < 4000; k++) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                double u = (double)(seed >> 11) / 9007199254740992.0, ang = 6.283185307179586 * u;
                double len = isfinite(tols[i]) && tols[i] > 0 ? tols[i] : 1;
                /* lengths within a few ulps of tol, then scattered, then extremes */
                if (k < 2000)
                    len = nextafter(len, k % 2 ? INFINITY : 0) * (1 + (k % 7 - 3) * 0x1p-52);
                else if (k < 3900)
                    len *= exp(40 * (u - 0.5));
                else
                    len = k % 3 == 0 ? 1e300 : k % 3 == 1 ? NAN : 1e-320;
                st.g[0] = len * cos(ang);
                st.g[1] = len * sin(ang);
                st.x[0] = w ? -st.g[0] * 2 * u : 0;
                st.x[1] = w ? st.g[1] * u : 0;
                agree &= opt_tol_met(&tt, &st) == (opt_gnorm(a, &h, &st) < h.tol);
                tried++;
            }
        }
    CHECK(tried == 80000);
    CHECK(agree);
}

/* opt_value_ok is opt_bad_value's "nothing wrong", without the call. */
TEST(test_value_ok)
{
    static const double v[] = {0,     1,        -3,        1e12, -1e12, 1.0000000001e12,
                               1e300, INFINITY, -INFINITY, NAN};
    int agree = 1;
    opt_state st;
    memset(&st, 0, sizeof st);
    for (int k = 0; k < 5; k++)
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            double *slot[5] = {&st.x[0], &st.x[1], &st.f, &st.g[0], &st.g[1]};
            memset(&st, 0, sizeof st);
            *slot[k] = v[i];
            agree &= opt_value_ok(&st) == (opt_bad_value(&st) == NULL);
        }
    CHECK(agree);
}

int main(void)
{
    RUN(test_gd);
    RUN(test_momentum);
    RUN(test_heavyball);
    RUN(test_nag);
    RUN(test_adagrad);
    RUN(test_rmsprop);
    RUN(test_adam);
    RUN(test_adamw);
    RUN(test_sgd_formula);
    RUN(test_sgd_full_batch_is_gd);
    RUN(test_gd_threshold);
    RUN(test_newton);
    RUN(test_quasi_newton_first_steps);
    RUN(test_cg_linear);
    RUN(test_cg_nonlinear_bowl);
    RUN(test_rosenbrock);
    RUN(test_table);
    RUN(test_tol_test_exact);
    RUN(test_value_ok);
    TEST_END();
}
