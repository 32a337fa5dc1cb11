/* test_explain.c — explaining steps and going back: for every algorithm, the Δθ line of
 * `explain` equals the difference of the trace's last two rows and the recorded terms
 * combine to it by the algorithm's own rule; a recomputed past step equals the record
 * taken when it was the last; rewind then step reproduces the trail bit for bit (sgd on
 * data with a step schedule, plateau and early stopping included); bad input fails and
 * changes nothing. */
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"

#include "descent/command.h"
#include "descent/run.h"
#include "descent/session.h"

/* |a − b| within 1e-12 relative to `scale`, or a few ulps of the iterate. */
static int close_to(double a, double b, double scale, double theta)
{
    return fabs(a - b) <= 1e-12 * fabs(scale) + 8e-16 * fabs(theta) + 1e-300;
}

/* The algorithm's own identity: the recorded terms combine to θ_{t+1} − θ_t. */
static void check_identity(const char *algo, const opt_hyper *h, const opt_explain *e)
{
    for (int i = 0; i < 2; i++) {
        double want = e->x1[i] - e->x0[i], got = NAN;
        double beta = h->beta, lr = e->lr, g = e->gw[i];
        if (!strcmp(algo, "gd") || !strcmp(algo, "sgd")) got = -lr * g;
        if (!strcmp(algo, "momentum")) {
            CHECK(close_to(e->v[i], beta * e->vprev[i] + (1 - beta) * g, e->v[i], 0));
            got = -lr * e->v[i];
        }
        if (!strcmp(algo, "heavyball")) {
            CHECK(close_to(e->v[i], beta * e->vprev[i] - lr * g, e->v[i], 0));
            got = e->v[i];
        }
        if (!strcmp(algo, "nag")) {
            CHECK(close_to(e->ahead[i], e->x0[i] - beta * e->vprev[i], e->ahead[i], 0));
            CHECK(close_to(e->v[i], beta * e->vprev[i] + lr * g, e->v[i], 0));
            got = -e->v[i];
        }
        if (!strcmp(algo, "adagrad")) {
            CHECK(close_to(e->s[i], e->sprev[i] + g * g, e->s[i], 0));
            got = -lr / sqrt(e->s[i] + h->eps) * g;
        }
        if (!strcmp(algo, "rmsprop")) {
            CHECK(close_to(e->s[i], beta * e->sprev[i] + (1 - beta) * g * g, e->s[i], 0));
            got = -lr / sqrt(e->s[i] + h->eps) * g;
        }
        if (!strcmp(algo, "adam") || !strcmp(algo, "adamw")) {
            double b1 = h->beta1, b2 = h->beta2;
            CHECK(close_to(e->m[i], b1 * e->mprev[i] + (1 - b1) * g, e->m[i], 0));
            CHECK(close_to(e->s[i], b2 * e->sprev[i] + (1 - b2) * g * g, e->s[i], 0));
            CHECK(close_to(e->c1, 1 - pow(b1, (double)e->t), 1, 0));
            double mh = e->m[i] / e->c1, vh = e->s[i] / e->c2;
            double decay = !strcmp(algo, "adamw") ? -lr * h->wd * e->x0[i] : 0;
            got = decay - lr * mh / (sqrt(vh) + h->eps);
        }
        if (!strcmp(algo, "newton")) {
            /* H·dx = g, then −α·dx */
            const double *H = e->Hused;
            double hd =
                i == 0 ? H[0] * e->dx[0] + H[1] * e->dx[1] : H[1] * e->dx[0] + H[2] * e->dx[1];
            CHECK(close_to(hd, e->g0[i], e->g0[i], 1));
            got = -lr * e->dx[i];
        }
        if (!strcmp(algo, "bfgs") || !strcmp(algo, "lbfgs") ||
            (!strcmp(algo, "cg") && !e->linear)) {
            CHECK(close_to(e->ps[i] + 0 * lr, want, want, e->x0[i]) || !strcmp(algo, "cg"));
            got = lr * e->d[i];
        }
        if (!strcmp(algo, "cg") && e->linear) got = lr * e->p0[i];
        if (!close_to(got, want, want, e->x0[i]))
            TH_FAIL("%s coordinate %d: terms give %.17g, the step was %.17g", algo, i, got, want);
        else
            th_passed++;
    }
    if (!strcmp(algo, "bfgs"))
        CHECK(close_to(e->d0[0], -(e->Hprev[0] * e->g0[0] + e->Hprev[1] * e->g0[1]), e->d0[0], 0));
}

/* The "Δθ = [a, b]" line of text printed with 17 digits. */
static int parse_delta(const char *text, double d[2])
{
    const char *p = strstr(text, "Δθ = [");
    return p && sscanf(p + strlen("Δθ = ["), "%lf, %lf", &d[0], &d[1]) == 2;
}

static void explain_one(const char *setup, const char *algo)
{
    sess *s = sess_new();
    exec_ok(s, "set digits 17");
    exec_ok(s, setup);
    char line[200];
    snprintf(line, sizeof line, "algo %s", algo);
    exec_ok(s, line);
    exec_ok(s, "step 6");
    const run *r = runset_selected(&s->runs);
    int n;
    const run_row *tr = run_trail(r, &n);
    if (n < 2) {
        TH_FAIL("%s took no step", algo);
        sess_free(s);
        return;
    }
    unsigned long ev0[3] = {s->obj.evals[0], s->obj.evals[1], s->obj.evals[2]};
    CHECK(exec_line(s, "explain") == DS_OK);
    /* The last step's record costs no evaluation. */
    CHECK(s->obj.evals[0] == ev0[0] && s->obj.evals[1] == ev0[1] && s->obj.evals[2] == ev0[2]);
    double d[2];
    if (!parse_delta(sbuf_str(&exec_out), d)) {
        TH_FAIL("%s: no Δθ line in:\n%s", algo, sbuf_str(&exec_out));
    } else {
        double want[2] = {tr[n - 1].x - tr[n - 2].x, tr[n - 1].y - tr[n - 2].y};
        for (int i = 0; i < 2; i++)
            if (fabs(d[i] - want[i]) > 1e-12 * fabs(want[i]))
                TH_FAIL("%s Δθ[%d] = %.17g, trace says %.17g", algo, i, d[i], want[i]);
            else
                th_passed++;
    }
    opt_explain last, past;
    unsigned long ev[3];
    CHECK(run_explain_step(r, &s->obj, run_iter(r), &last, ev, &exec_err) == DS_OK);
    check_identity(algo, run_hyper(r), &last);
    /* An earlier step recomputed: the same numbers as when it was the last step. */
    long k = run_iter(r) - 1 < 3 ? run_iter(r) - 1 : 3;
    if (k >= 1) {
        sess *s2 = sess_new();
        exec_ok(s2, setup);
        exec_ok(s2, line);
        snprintf(line, sizeof line, "step %ld", k);
        exec_ok(s2, line);
        opt_explain atk;
        CHECK(run_explain_step(runset_selected(&s2->runs), &s2->obj, k, &atk, ev, &exec_err) ==
              DS_OK);
        CHECK(ev[0] + ev[1] + ev[2] == 0);
        CHECK(run_explain_step(r, &s->obj, k, &past, ev, &exec_err) == DS_OK);
        CHECK(ev[0] + ev[1] + ev[2] > 0); /* a re-evaluation, reported as such */
        CHECK(past.x0[0] == atk.x0[0] && past.x1[1] == atk.x1[1] && past.lr == atk.lr);
        check_identity(algo, run_hyper(r), &past);
        snprintf(line, sizeof line, "explain %ld", k);
        CHECK(exec_line(s, line) == DS_OK);
        CHECK_HAS(sbuf_str(&exec_out), "re-evaluated");
        sess_free(s2);
    }
    sess_free(s);
}

TEST(test_every_algorithm)
{
    static const char *const algos[] = {"gd",      "momentum", "heavyball", "nag",    "adagrad",
                                        "rmsprop", "adam",     "adamw",     "newton", "bfgs",
                                        "lbfgs",   "cg",       "sgd"};
    for (size_t i = 0; i < sizeof algos / sizeof algos[0]; i++) {
        explain_one("func rosenbrock", algos[i]);
        explain_one("func himmelblau; set wd 0.1", algos[i]); /* coupled decay where it applies */
    }
    explain_one("func quad", "cg"); /* the exact linear method */
    explain_one("data gen linreg n=40 seed=3; func linreg; start 0 0", "sgd");
    explain_one("func saddle", "newton"); /* indefinite H */
}

/* The whole trail as text, exactly. */
static void trail_text(const sess *s, sbuf *b)
{
    sbuf_reset(b);
    for (int k = 0; k < runset_count(&s->runs); k++) {
        int n;
        const run_row *t = run_trail(runset_get(&s->runs, k), &n);
        for (int i = 0; i < n; i++)
            sbuf_printf(b, "%d %ld %a %a %a %a\n", k, t[i].iter, t[i].x, t[i].y, t[i].f, t[i].lr);
        sbuf_printf(b, "status %s\n", run_status_text(runset_get(&s->runs, k)));
    }
}

static void rewind_case(const char *setup, int steps, int back)
{
    sess *s = sess_new();
    exec_ok(s, setup);
    char line[64];
    snprintf(line, sizeof line, "step %d", steps);
    exec_ok(s, line);
    sbuf a, b;
    sbuf_init(&a);
    sbuf_init(&b);
    trail_text(s, &a);
    snprintf(line, sizeof line, "rewind %d", back);
    exec_ok(s, line);
    snprintf(line, sizeof line, "step %d", back);
    exec_ok(s, line);
    trail_text(s, &b);
    if (strcmp(sbuf_str(&a), sbuf_str(&b)) != 0)
        TH_FAIL("rewind %d then step %d differs for: %s", back, back, setup);
    else
        th_passed++;
    /* goto back and forth lands on the same trail too */
    exec_ok(s, "goto 1");
    snprintf(line, sizeof line, "goto %d", steps);
    exec_ok(s, line);
    trail_text(s, &b);
    CHECK(strcmp(sbuf_str(&a), sbuf_str(&b)) == 0);
    sbuf_free(&a);
    sbuf_free(&b);
    sess_free(s);
}

TEST(test_rewind_determinism)
{
    rewind_case("func rosenbrock; algo adam; add bfgs; add lbfgs; add nag; add cg", 40, 23);
    rewind_case("func himmelblau; algo sgd lr=0.01 noise=2 seed=5; add newton hess=shift", 50, 37);
    /* sgd on data with a split: mini-batches, a step schedule, then plateau, and early
     * stopping with restore */
    rewind_case("data gen linreg n=60 noise=0.5 seed=4; data split 0.7 seed=2; func linreg; "
                "algo sgd lr=0.3 batch=4 seed=7; sched step step=5 gamma=0.5; "
                "add sgd lr=0.5 batch=3 seed=8; sched plateau factor=0.5 patience=2; "
                "add sgd lr=0.2 batch=2 seed=9; earlystop patience=3 restore=on",
                60, 41);
    rewind_case("data gen logreg n=50 seed=1; data split 0.8 seed=3; func logreg; "
                "algo sgd lr=0.05 batch=5; sched plateau factor=0.3 patience=1",
                200, 173);
    /* a parameter changed mid-run: going back before it restores the old value */
    sess *s = sess_new();
    exec_ok(s, "func rosenbrock; algo gd lr=0.001; step 10; set lr 0.002; step 10");
    sbuf a, b;
    sbuf_init(&a);
    sbuf_init(&b);
    trail_text(s, &a);
    exec_ok(s, "rewind 15");
    CHECK(run_param_get(runset_selected(&s->runs), "lr") == 0.001);
    exec_ok(s, "step 5; set lr 0.002; step 10");
    trail_text(s, &b);
    CHECK(strcmp(sbuf_str(&a), sbuf_str(&b)) == 0);
    exec_ok(s, "goto 12");
    CHECK(run_param_get(runset_selected(&s->runs), "lr") == 0.002);
    exec_ok(s, "goto 10");
    CHECK(run_param_get(runset_selected(&s->runs), "lr") == 0.002); /* set at iteration 10 */
    exec_ok(s, "goto 9");
    CHECK(run_param_get(runset_selected(&s->runs), "lr") == 0.001);
    sbuf_free(&a);
    sbuf_free(&b);
    sess_free(s);
}

TEST(test_long_run_rewind)
{
    /* Snapshots are thinned on long runs; rewinding still lands exactly. */
    sess *s = sess_new();
    exec_ok(s, "func rosenbrock; algo sgd lr=0.0005 noise=1; step 5000");
    int n;
    const run *r = runset_selected(&s->runs);
    const run_row *t = run_trail(r, &n);
    run_row at[3] = {t[1234], t[3000], t[4999]};
    exec_ok(s, "goto 1234");
    CHECK(run_iter(r) == 1234 && run_current(r)->x == at[0].x && run_current(r)->y == at[0].y);
    exec_ok(s, "step 1766");
    CHECK(run_current(r)->x == at[1].x && run_current(r)->f == at[1].f);
    exec_ok(s, "rewind 1; step 2000");
    CHECK(run_iter(r) == 4999 && run_current(r)->x == at[2].x);
    sess_free(s);
}

/* Everything that must not change on a failed command, as text. */
static void state_text(const sess *s, sbuf *b)
{
    trail_text(s, b);
    sbuf_printf(b, "sel %d digits %d\n", s->runs.selected, s->digits);
}

TEST(test_bad_input)
{
    sess *s = sess_new();
    while (runset_count(&s->runs))
        runset_del(&s->runs, 0);
    CHECK(exec_line(s, "explain") == DS_ESTATE);
    CHECK_HAS(exec_err.msg, "algo");
    CHECK(exec_line(s, "rewind") == DS_ESTATE);
    exec_ok(s, "algo momentum");
    CHECK(exec_line(s, "explain") == DS_ESTATE);
    CHECK_HAS(exec_err.msg, "no step");
    exec_ok(s, "step 5");
    sbuf a, b;
    sbuf_init(&a);
    sbuf_init(&b);
    state_text(s, &a);
    static const char *const bad[] = {"explain 99999", "explain 0", "explain x", "explain 1 2",
                                      "rewind 0",      "rewind 6",  "rewind -1", "rewind x",
                                      "goto -1",       "goto",      "goto 1 2",  "goto 1.5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (exec_line(s, bad[i]) == DS_OK) TH_FAIL("'%s' succeeded", bad[i]);
        CHECK(exec_err.msg[0] != '\0');
        state_text(s, &b);
        if (strcmp(sbuf_str(&a), sbuf_str(&b)) != 0) TH_FAIL("'%s' changed the session", bad[i]);
    }
    CHECK(exec_line(s, "explain 99999") == DS_ERANGE);
    CHECK_HAS(exec_err.msg, "1 to 5");
    CHECK(exec_line(s, "rewind 6") == DS_ERANGE);
    CHECK_HAS(exec_err.msg, "goto 0");
    exec_ok(s, "reset");
    CHECK(exec_line(s, "rewind") == DS_ERANGE);
    CHECK_HAS(exec_err.msg, "step first");
    sbuf_free(&a);
    sbuf_free(&b);
    sess_free(s);
}

int main(void)
{
    sbuf_init(&exec_out);
    RUN(test_every_algorithm);
    RUN(test_rewind_determinism);
    RUN(test_long_run_rewind);
    RUN(test_bad_input);
    sbuf_free(&exec_out);
    TEST_END();
}
