/* test_command.c — the command language: dispatch, help from the table, settings,
 * the course's worked examples, and that a failing command changes nothing. */
#include "descent/command.h"
#include "descent/session.h"
#include "fixtures.h"
#include "harness.h"

static sbuf out;
static ds_err err;

/* Run a line; return its status. Output accumulates in `out` (reset per call). */
static ds_status exec(sess *s, const char *line)
{
    sbuf_reset(&out);
    cmd_ctx c = {.out = &out, .err = &err, .flags = 0, .animate_steps = 0, .interactive = 0};
    return cmd_exec(s, line, &c);
}

TEST(table_is_consistent)
{
    CHECK(cmd_count() > 20);
    for (int i = 0; i < cmd_count(); i++) {
        const cmd_spec *c = cmd_at(i);
        CHECK(c->name && c->synopsis && c->help && c->fn);
        CHECK(cmd_find(c->name) == c); /* names are unique */
        if (c->complete == CMPL_WORDS) CHECK(c->words != NULL || c->subs != NULL);
        /* A command's synopsis names each of its subcommands. */
        for (const cmd_sub *u = c->subs; u && u->name; u++) {
            if (!strstr(c->synopsis, u->name))
                TH_FAIL("%s: synopsis '%s' lacks subcommand %s", c->name, c->synopsis, u->name);
            CHECK(u->help && u->fn && u->synopsis && u->min_args <= u->max_args);
        }
        /* The counts agree with the synopsis: none means "", optional words are
         * bracketed, so a row that forgot its counts (0..0) with a synopsis is caught. */
        CHECK(c->min_args >= 0 && c->min_args <= c->max_args && c->max_args <= CMD_ARGS_ANY);
        if ((c->synopsis[0] == '\0') != (c->max_args == 0))
            TH_FAIL("%s: synopsis '%s' but max_args %d", c->name, c->synopsis, c->max_args);
        if (c->max_args > 0 && (c->synopsis[0] == '[') != (c->min_args == 0))
            TH_FAIL("%s: synopsis '%s' but min_args %d", c->name, c->synopsis, c->min_args);
    }
    CHECK(cmd_at(cmd_count()) == NULL);
}

TEST(usage_comes_from_the_table)
{
    sess *s = sess_new();
    CHECK(exec(s, "select") == DS_EARG);
    CHECK_HAS(err.msg, "select needs N — usage: select N");
    CHECK(exec(s, "show now") == DS_EARG);
    CHECK_HAS(err.msg, "show takes no arguments ('now' is one too many) — usage: show");
    CHECK(exec(s, "goto 1 2 3 4") == DS_EARG);
    CHECK_HAS(err.msg, "goto takes at most 2 arguments, got 4 ('3' and what follows are too many)");
    CHECK_HAS(err.msg, "usage: goto K [N]");
    CHECK(exec(s, "sweep lr") == DS_EARG);
    CHECK_HAS(err.msg, "sweep needs PARAM A..B, got only 'lr'");
    /* A count in range reaches the handler, which says what else is wrong the same way. */
    CHECK(exec(s, "cursor 1") == DS_EARG);
    CHECK_HAS(err.msg, "usage: cursor [X Y]");
    sess_free(s);
}

TEST(help_comes_from_the_table)
{
    sess *s = sess_new();
    CHECK(exec(s, "help") == DS_OK);
    for (int i = 0; i < cmd_count(); i++)
        CHECK_HAS(sbuf_str(&out), cmd_at(i)->help);
    CHECK(exec(s, "help hessian") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "hessian [X Y]");
    CHECK(exec(s, "help hesian") == DS_EUNKNOWN);
    CHECK_HAS(err.msg, "did you mean 'hessian'");
    CHECK(exec(s, "help func rosenbrock") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "banana");
    CHECK(exec(s, "list funcs") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "styblinski");
    CHECK(exec(s, "list nothing") == DS_EUNKNOWN);
    CHECK_HAS(err.msg, "use list funcs, list cmds, list algos, list scheds");
    /* help lists the subcommands from their table. */
    CHECK(exec(s, "help data") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "`data load FILE.csv`: ");
    CHECK_HAS(sbuf_str(&out), "`data split FRACTION [seed=1]`: ");
    sess_free(s);
}

/* Every vocabulary answers a misspelling with its nearest word. */
TEST(vocabularies_suggest)
{
    sess *s = sess_new();
    static const failing_line cases[] = {
        {"data gen linreg nn=5", "data gen has no parameter 'nn' (did you mean 'n'?)"},
        {"data gen lnreg", "unknown dataset 'lnreg' (did you mean 'linreg'?)"},
        {"data split 0.8 sed=2", "(did you mean 'seed'?)"},
        {"data lod x.csv", "unknown 'data lod' (did you mean 'data load'?)"},
        {"list algoz", "(did you mean 'list algos'?)"},
        {"lesson lang en fr", "usage: lesson lang [CODE]"},
        {"palette vridis", "(did you mean 'viridis'?)"},
        {"arrow onn", "(did you mean 'on'?)"},
        {"levels 12 lgo", "levels takes N from 1 to"},
        {"levels autoo", "(did you mean 'auto'?)"},
        {"plot 40x12 acsii", "(did you mean 'ascii'?)"},
        {"plot 40x12 colr=on", "(did you mean 'color='?)"},
        {"plot 40x12 color=25", "(did you mean '256'?)"},
        {"set digts 4", "(did you mean 'digits'?)"},
        {"algo adam bta1=0.8", "(did you mean 'beta1'?)"},
        {"set cellratio 0", "cellratio for the session must be in [0.5, 4], got 0"},
    };
    check_failing_lines(s, cases, sizeof cases / sizeof cases[0]);
    /* Correct words still work, settings land in the session. */
    CHECK(exec(s, "data gen logreg n=20 noise=0.1 seed=3") == DS_OK);
    CHECK(s->data.n == 20);
    CHECK(exec(s, "set digits 4") == DS_OK && s->digits == 4);
    CHECK(exec(s, "set cellratio=1.5 speed=10") == DS_OK);
    CHECK(s->cellratio == 1.5 && s->speed == 10);
    sess_free(s);
}

TEST(unknown_commands_suggest)
{
    sess *s = sess_new();
    CHECK(exec(s, "hesian 0 0") == DS_EUNKNOWN);
    CHECK_STR(err.msg, "unknown command 'hesian' — did you mean 'hessian'? (help lists commands)");
    CHECK(exec(s, "zzzzzzzz") == DS_EUNKNOWN);
    CHECK_STR(err.msg, "unknown command 'zzzzzzzz' (help lists commands)");
    CHECK(exec(s, "") == DS_OK);
    CHECK(exec(s, "   # a comment") == DS_OK);
    sess_free(s);
}

TEST(course_linear_map)
{
    sess *s = sess_new();
    CHECK(exec(s, "map -2*x + y, x + y") == DS_OK);
    CHECK(exec(s, "jacobian map 3 -7") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "[[-2, 1], [1, 1]]");
    CHECK_HAS(sbuf_str(&out), "det J = -3");
    CHECK_HAS(sbuf_str(&out), "flips orientation");
    CHECK(exec(s, "map x*y") == DS_EARG);
    CHECK(exec(s, "map atan2(x, y), x") == DS_OK); /* the comma inside a call is not the split */
    sess_free(s);
}

TEST(gradient_of_course_examples)
{
    sess *s = sess_new();
    /* f(θ) = θᵀx with x = (3, −2): ∇f = x everywhere. */
    CHECK(exec(s, "func 3*x - 2*y") == DS_OK);
    CHECK(exec(s, "grad 10 -4") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "= [3, -2]");
    /* f(θ) = θᵀAθ with A = [[2, 1], [1, 3]]: ∇f = 2Aθ; at (1, 1) that is (6, 8). */
    CHECK(exec(s, "func 2*x^2 + 2*x*y + 3*y^2") == DS_OK);
    CHECK(exec(s, "grad 1 1") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "= [6, 8]");
    CHECK_HAS(sbuf_str(&out), "‖∇f‖ = 10");
    CHECK_HAS(sbuf_str(&out), "[0.6, 0.8]");
    CHECK(exec(s, "grad 1 1 along 0 5") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "D_v f = ∇fᵀv = 8");
    sess_free(s);
}

TEST(hessian_verdicts_only_at_stationary_points)
{
    sess *s = sess_new();
    exec(s, "func bowl");
    CHECK(exec(s, "hessian 0 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "strict local minimum");
    CHECK(exec(s, "hessian 1 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "not a stationary point");
    CHECK(strstr(sbuf_str(&out), "minimum") == NULL);
    exec(s, "func saddle");
    CHECK(exec(s, "hessian 0 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "saddle point");
    exec(s, "func -x^2 - y^2");
    CHECK(exec(s, "hessian 0 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "strict local maximum");
    exec(s, "func x^4 + y^2");
    CHECK(exec(s, "hessian 0 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "inconclusive");
    CHECK(exec(s, "jacobian grad 0 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "Jacobian of the gradient is the Hessian");
    CHECK(exec(s, "jacobian 1 1") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "J_f(1, 1) = [[4, 2]]");
    sess_free(s);
}

TEST(domain_errors_are_reported_not_printed)
{
    sess *s = sess_new();
    CHECK(exec(s, "func log(x)") == DS_OK);
    CHECK(exec(s, "eval -1 0") == DS_EDOMAIN);
    CHECK_HAS(err.msg, "f is not defined at (-1, 0)");
    CHECK(exec(s, "grad 0 0") == DS_EDOMAIN);
    CHECK(exec(s, "func ackley") == DS_OK);
    CHECK(exec(s, "hessian 0 0") == DS_EDOMAIN);
    CHECK(exec(s, "eval 0 0") == DS_OK);
    sess_free(s);
}

TEST(taylor_models)
{
    sess *s = sess_new();
    exec(s, "func exp(x)");
    /* At 0: 1 + x + x²/2; at x = 0.1 the true value is e^0.1 = 1.10517. */
    CHECK(exec(s, "taylor 2 0 0 at 0.1 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "T2 = 1.105, f = 1.10517");
    CHECK(exec(s, "taylor 1 0 0 at 0.1 0") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "T1 = 1.1, f = 1.10517");
    CHECK(exec(s, "taylor 3") == DS_ERANGE);
    CHECK(exec(s, "taylor") == DS_EARG);
    sess_free(s);
}

TEST(settings)
{
    sess *s = sess_new();
    CHECK(exec(s, "set digits 3") == DS_OK);
    CHECK(s->digits == 3);
    CHECK(exec(s, "eval 0.123456 0") == DS_OK);
    CHECK(exec(s, "set digits 0") == DS_ERANGE);
    CHECK_HAS(err.msg, "from 1 to 17");
    CHECK(exec(s, "set digits 2.5") == DS_ERANGE);
    CHECK(exec(s, "set digits many") == DS_EARG);
    CHECK(s->digits == 3);
    /* several pairs: all checked before any is applied */
    CHECK(exec(s, "set digits=5 speed=0") == DS_ERANGE);
    CHECK(s->digits == 3);
    CHECK(exec(s, "set digits=5 lr=-1") == DS_ERANGE);
    CHECK(s->digits == 3);
    CHECK(exec(s, "set digits=5 speed=60") == DS_OK);
    CHECK(s->digits == 5 && s->speed == 60);
    CHECK(exec(s, "set digits 3") == DS_OK);
    CHECK(exec(s, "show") == DS_OK);
    CHECK_HAS(sbuf_str(&out), "digits = 3");
    CHECK_HAS(sbuf_str(&out), "func = rosenbrock");
    CHECK_HAS(sbuf_str(&out), "arrow = on");
    sess_free(s);
}

TEST(failed_func_changes_nothing)
{
    sess *s = sess_new();
    exec(s, "func himmelblau");
    exec(s, "cursor 1 2");
    CHECK(exec(s, "func x^2 + (y") == DS_ESYNTAX);
    CHECK(err.column == 9);
    CHECK_STR(err.source, "x^2 + (y");
    CHECK(exec(s, "func quad 1 2") == DS_EARG);
    CHECK(exec(s, "func himmelblau 3") == DS_EARG);
    CHECK(exec(s, "func rosenbrok") == DS_EUNKNOWN);
    CHECK_HAS(err.msg, "did you mean 'rosenbrock'");
    CHECK_STR(s->obj.name, "himmelblau");
    CHECK(s->cursor[0] == 1 && s->cursor[1] == 2);
    CHECK(exec(s, "data gen linreg n=3 noise=-1") == DS_ERANGE);
    CHECK(s->data.n == 50);
    sess_free(s);
}

TEST(semicolons_split_commands)
{
    sess *s = sess_new();
    sbuf_reset(&out);
    cmd_ctx c = {.out = &out, .err = &err, .flags = 0, .animate_steps = 0, .interactive = 0};
    CHECK(cmd_exec_line(s, "func bowl; eval 1 2; eval 2 2", &c, 0) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "f(1, 2) = 5\nf(2, 2) = 8");
    sbuf_reset(&out);
    CHECK(cmd_exec_line(s, "eval 1 1; nonsense; eval 3 0", &c, 0) == DS_EUNKNOWN);
    CHECK(strstr(sbuf_str(&out), "f(3, 0)") == NULL);
    sbuf_reset(&out);
    CHECK(cmd_exec_line(s, "eval 1 1; nonsense; eval 3 0", &c, 1) == DS_EUNKNOWN);
    CHECK_HAS(sbuf_str(&out), "f(3, 0) = 9");
    sess_free(s);
}

TEST(data_objectives_follow_their_data)
{
    sess *s = sess_new();
    CHECK(exec(s, "data gen linreg n=30 noise=0 seed=9") == DS_OK);
    CHECK(exec(s, "func linreg") == DS_OK);
    CHECK(s->obj.nmin == 1);
    CHECK_NEAR(s->obj.minima[0][0], 2, 1e-9);
    CHECK_NEAR(s->obj.minima[0][1], -1, 1e-9);
    CHECK(exec(s, "func logreg") == DS_EARG); /* labels are not 0/1 */
    CHECK_STR(s->obj.name, "linreg");
    CHECK(exec(s, "data gen logreg n=40 seed=2") == DS_OK); /* linreg on 0/1 labels is fine */
    CHECK(exec(s, "func logreg") == DS_OK);
    CHECK(exec(s, "data split 0.75") == DS_OK);
    CHECK(s->data.ntrain == 30);
    CHECK(s->obj.data->ntrain == 30);
    sess_free(s);
}

int main(void)
{
    sbuf_init(&out);
    RUN(table_is_consistent);
    RUN(help_comes_from_the_table);
    RUN(usage_comes_from_the_table);
    RUN(vocabularies_suggest);
    RUN(unknown_commands_suggest);
    RUN(course_linear_map);
    RUN(gradient_of_course_examples);
    RUN(hessian_verdicts_only_at_stationary_points);
    RUN(domain_errors_are_reported_not_printed);
    RUN(taylor_models);
    RUN(settings);
    RUN(failed_func_changes_nothing);
    RUN(semicolons_split_commands);
    RUN(data_objectives_follow_their_data);
    sbuf_free(&out);
    sbuf_free(&exec_out);
    TEST_END();
}
