/* test_lesson.c — the lesson engine: the file parser (good files and malformed ones
 * with FILE:LINE errors), the display-width wrapper (Hangul counts 2), answers and
 * conditions, the engine on a live session (hints, strict mode, progress and resume,
 * translations) and the checker behind --check-lessons. */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "descent/command.h"
#include "descent/lesson.h"
#include "descent/utf8.h"
#include "../../src/lesson_internal.h"

/* ---------------------------------------------------------------- helpers */

static lesson *parse(const char *text, ds_err *err)
{
    ds_err_clear(err);
    return lesson_parse(text, strlen(text), "t.lesson", err);
}

/* The text must fail to parse with a message starting "t.lesson:LINE:" and holding
 * `needle`. */
static void expect_error(const char *text, int line, const char *needle)
{
    ds_err err;
    lesson *l = parse(text, &err);
    CHECK(l == NULL);
    lesson_free(l);
    char want[32];
    snprintf(want, sizeof want, "t.lesson:%d: ", line);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        TH_FAIL("expected \"%s...\", got \"%s\"", want, err.msg);
    else
        th_passed++;
    CHECK_HAS(err.msg, needle);
}

static char tmpdir[256];

static void write_file(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "w");
    if (!f) {
        TH_FAIL("cannot write %s", path);
        return;
    }
    fputs(text, f);
    fclose(f);
}

/* Run a command as a learner: cmd_exec, then the lesson hook. Output goes to `out`. */
static ds_status learner(sess *s, const char *line, sbuf *out)
{
    ds_err err;
    cmd_ctx c = {.out = out, .err = &err, .flags = 0, .animate_steps = 0, .interactive = 0};
    ds_status st = cmd_exec(s, line, &c);
    if (st != DS_OK) sbuf_printf(out, "error: %s\n", err.msg);
    lesson_after_command(s, line, st, out);
    return st;
}

static const char good[] = "# a comment\n"
                           "title: Test lesson\n"
                           "strict: yes\n"
                           "\n"
                           "step: First things\n"
                           "do: func bowl\n"
                           "show: eval 1 2\n"
                           "The *gradient* points uphill.\n"
                           "It is `grad`.\n"
                           "\n"
                           "  ∇f = (2x, 2y)\n"
                           "task: What is f(1, 2)?\n"
                           "answer: 5 ± 0.01\n"
                           "wrong: 3 -> That is f(1, 1) + 1.\n"
                           "hint: Add the squares.\n"
                           "hint: 1² + 2² = ?\n"
                           "why: f(1, 2) = 1 + 4 = 5.\n"
                           "  The bowl grows with the square of the distance.\n"
                           "\n"
                           "step: Choose\n"
                           "choice: a minimum\n"
                           "choice: a saddle\n"
                           "answer: b\n"
                           "wrong: a -> A minimum needs both eigenvalues positive.\n"
                           "why: One eigenvalue is negative.\n"
                           "\n"
                           "step: Run something\n"
                           "run: hessian 0 0\n"
                           "why: That is the Hessian.\n"
                           "\n"
                           "step: A condition\n"
                           "do: func saddle\n"
                           "do: cursor 1 1\n"
                           "task: Move the cursor onto the saddle point.\n"
                           "expect: cursor.dsaddle < 0.1\n"
                           "solution: cursor 0 0\n"
                           "why: The saddle of x² − y² is at the origin.\n"
                           "verify: cursor.lmin < 0 and cursor.lmax > 0\n"
                           "\n"
                           "summary:\n"
                           "- the gradient\n"
                           "- the Hessian\n";

/* ---------------------------------------------------------------- parser */

TEST(parse_good)
{
    ds_err err;
    lesson *l = parse(good, &err);
    CHECK(l != NULL);
    if (!l) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK_STR(l->title, "Test lesson");
    CHECK_STR(l->name, "t");
    CHECK(l->strict == 1);
    CHECK(l->nsteps == 5);
    CHECK(l->ntasks == 4);
    const lesson_step *s0 = &l->steps[0];
    CHECK_STR(s0->title, "First things");
    CHECK(s0->nsetup == 2);
    CHECK_STR(s0->setup[0].text, "func bowl");
    CHECK(s0->setup[0].show == 0 && s0->setup[1].show == 1);
    CHECK(s0->kind == LESSON_TASK_NUMBER);
    CHECK_NEAR(s0->value, 5, 1e-12);
    CHECK_NEAR(s0->tol, 0.01, 1e-12);
    CHECK_STR(s0->answer, "5");
    CHECK(s0->nwrong == 1);
    CHECK_STR(s0->wrong[0].text, "3");
    CHECK_STR(s0->wrong[0].note, "That is f(1, 1) + 1.");
    CHECK(s0->nhints == 2);
    CHECK_STR(s0->hints[1].text, "1² + 2² = ?");
    CHECK_STR(s0->why, "f(1, 2) = 1 + 4 = 5.\nThe bowl grows with the square of the distance.");
    CHECK_STR(s0->text, "The *gradient* points uphill.\nIt is `grad`.\n\n  ∇f = (2x, 2y)");
    CHECK_STR(s0->prompt, "What is f(1, 2)?");
    const lesson_step *s1 = &l->steps[1];
    CHECK(s1->kind == LESSON_TASK_CHOICE);
    CHECK(s1->nchoices == 2 && s1->choice == 1);
    CHECK(l->steps[2].kind == LESSON_TASK_RUN);
    CHECK_STR(l->steps[2].run, "hessian 0 0");
    CHECK(l->steps[2].task_line == 28);
    CHECK(l->steps[3].kind == LESSON_TASK_EXPECT);
    CHECK(l->steps[3].nsolution == 1);
    CHECK(l->steps[3].verify != NULL);
    CHECK(l->steps[4].summary == 1);
    CHECK_STR(l->steps[4].title, "Summary");
    CHECK_STR(l->steps[4].text, "- the gradient\n- the Hessian");
    lesson_free(l);

    /* CRLF line ends, a byte-order mark, a default tolerance, a relative one. */
    l = parse("\xEF\xBB\xBFtitle: T\r\nstep: S\r\nanswer: 2/3\r\nwhy: w\r\nstep: U\r\nanswer: "
              "200 ± 1%\r\nwhy: w\r\n",
              &err);
    CHECK(l != NULL);
    if (l) {
        CHECK_NEAR(l->steps[0].value, 2.0 / 3, 1e-12);
        CHECK_NEAR(l->steps[0].tol, 2.0 / 3 * 1e-3, 1e-12);
        CHECK_NEAR(l->steps[1].tol, 2, 1e-12);
        CHECK_STR(l->steps[0].title, "S");
    }
    lesson_free(l);

    /* A misspelt key is text, with a note; an unknown word with a colon is just text. */
    l = parse("title: T\nstep: S\nhnit: typo\non: the gradient\n", &err);
    CHECK(l != NULL);
    if (l) {
        CHECK_STR(l->steps[0].text, "hnit: typo\non: the gradient");
        CHECK_HAS(l->notes, "t.lesson:3: `hnit:` is not a key");
        CHECK_HAS(l->notes, "did you mean `hint:`");
        CHECK(strstr(l->notes, "`on:`") == NULL);
    }
    lesson_free(l);

    /* A backslash keeps a line that looks like a key as text. */
    l = parse("title: T\nstep: S\n\\note: this is text\n", &err);
    CHECK(l != NULL);
    if (l) CHECK_STR(l->steps[0].text, "note: this is text");
    lesson_free(l);
}

TEST(parse_errors)
{
    expect_error("", 1, "title:");
    expect_error("title: T\n", 1, "no steps");
    expect_error("title: T\ntries: 0\nstep: S\n", 2, "tries: `0` should be a whole number");
    expect_error("title: T\nreveal_after: two\nstep: S\n", 2,
                 "reveal_after: `two` should be a whole number");
    expect_error("title: T\nhello\nstep: S\n", 2, "text before the first");
    expect_error("step: S\n", 1, "title:");
    expect_error("title: T\ntitle: U\n", 2, "one title");
    expect_error("title: T\nstrict: maybe\n", 2, "yes or no");
    expect_error("title: T\nstep: S\nrun: grad\nanswer: 3\nwhy: w\n", 4, "at most one task");
    expect_error("title: T\nstep: S\nanswer: 3\n", 3, "why:");
    expect_error("title: T\nstep: S\nchoice: a\nchoice: b\nanswer: c\nwhy: w\n", 5,
                 "choices a to b");
    expect_error("title: T\nstep: S\nchoice: x\nwhy: w\nstep: U\n", 3, "answer:");
    expect_error("title: T\nstep: S\nanswer: banana\nwhy: w\nstep: U\n", 3, "neither a number");
    expect_error("title: T\nstep: S\nanswer: 3\nwrong: 3.0001\nwhy: w\nstep: U\n", 4, "tolerance");
    expect_error("title: T\nstep: S\nexpect: runs > 1\nwhy: w\ntask: do it\nstep: U\n", 3,
                 "solution:");
    expect_error("title: T\nstep: S\nexpect: runs > 1\nwhy: w\nsolution: add gd\nstep: U\n", 3,
                 "task:");
    expect_error("title: T\nstep: S\nexpect: bogus > 1\n", 3, "unknown name `bogus`");
    expect_error("title: T\nstep: S\nexpect: adam is happy\n", 3, "unknown state");
    /* The names come from tables: misspellings get their nearest name. */
    expect_error("title: T\nstep: S\nexpect: adam is convrged\n", 3, "did you mean 'converged'");
    expect_error("title: T\nstep: S\nexpect: cursor.gxx > 1\n", 3, "did you mean 'gx'");
    expect_error("title: T\nstep: S\nexpect: run.stpes > 1\n", 3, "did you mean 'steps'");
    expect_error("title: T\nstep: S\nexpect: map.dett > 1\n", 3, "(det j11 j12 j21 j22)");
    expect_error("title: T\nstep: S\nexpect: evals.q > 1\n", 3, "(f g h)");
    expect_error("title: T\nstep: S\nexpect: lmaxx > 1\n", 3, "did you mean 'lmax'");
    expect_error("title: T\nstep: S\ndo: next\n", 3, "lesson command");
    expect_error("title: T\nstep: S\nhint: h\n", 3, "need a task");
    expect_error("title: T\nsummary:\nx\nstep: S\n", 4, "last one");
    expect_error("title: T\nstep: S\nbad \xff byte\n", 3, "UTF-8");
    expect_error("title: T\nstep:\n", 2, "needs a title");
    expect_error("title: T\nstep: S\nkeep: perhaps\n", 3, "yes or no");
    expect_error("title: T\nstep: S\nanswer: 1 ± x\nwhy: w\nstep: U\n", 3, "tolerance");

    /* A missing file is an I/O error naming the file. */
    ds_err err;
    lesson *l = lesson_load("/nonexistent/x.lesson", &err);
    CHECK(l == NULL);
    CHECK(err.code == DS_EIO);
    CHECK_HAS(err.msg, "/nonexistent/x.lesson");
}

/* ---------------------------------------------------------------- text */

/* Every line of `text` fits in `width` columns (markup excluded). */
static int max_line_width(const char *text)
{
    int best = 0;
    while (*text) {
        size_t n = strcspn(text, "\n");
        int w = utf8_width(text, n);
        if (w > best) best = w;
        text += n + (text[n] == '\n');
    }
    return best;
}

static void wrap_tests(void)
{
    CHECK(utf8_width("abc", 3) == 3);
    CHECK(utf8_width("한글", strlen("한글")) == 4);
    CHECK(utf8_width("θᵀAθ", strlen("θᵀAθ")) == 4);
    CHECK(utf8_width("∇f ≤ λ", strlen("∇f ≤ λ")) == 6);
    CHECK(utf8_width("e\xCC\x81", 3) == 1); /* e + combining acute */
    CHECK(utf8_width("\x01x\x02", 3) == 1); /* markup toggles are zero width */

    sbuf o;
    sbuf_init(&o);
    lesson_wrap("one two three four five six", 10, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "one two\nthree four\nfive six\n");

    /* Hangul: each syllable is two columns, so 10 columns hold 5 syllables. */
    sbuf_reset(&o);
    lesson_wrap("경사 하강법은 학습률이 너무 크면 발산합니다", 10, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "경사\n하강법은\n학습률이\n너무 크면\n발산합니다\n");
    CHECK(max_line_width(sbuf_str(&o)) <= 10);

    /* A Hangul word wider than the line is split between syllables, never inside one. */
    sbuf_reset(&o);
    lesson_wrap("가나다라마바사아자차", 8, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "가나다라\n마바사아\n자차\n");

    /* Paragraphs reflow; blank lines separate; indented lines stay; bullets hang. */
    sbuf_reset(&o);
    lesson_wrap("a b\nc d\n\n  f(x) = x²\n- item one two three\nnext", 12, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "a b c d\n\n  f(x) = x²\n- item one\n  two three\n  next\n");

    /* A list item continues on lines indented to its text. */
    sbuf_reset(&o);
    lesson_wrap("- one two\n  three four\n  f = x\n- next", 40, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "- one two three four f = x\n- next\n");
    sbuf_reset(&o);
    lesson_wrap("text\n  f = x\n  g = y", 40, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "text\n  f = x\n  g = y\n");

    /* A lone operator sticks to its neighbours: no line ends or starts with "=". */
    sbuf_reset(&o);
    lesson_wrap("so that J = ½x² here", 12, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "so that\nJ = ½x² here\n");

    /* Marks mode: markup becomes zero-width toggles, balanced on every line. */
    sbuf_reset(&o);
    lesson_wrap("the *big idea* is `grad 1 2` here", 10, LESSON_WRAP_MARKS, &o);
    CHECK_STR(sbuf_str(&o), "the \x01"
                            "big\x01\n\x01idea\x01 is\n\x02grad 1 2\x02\nhere\n");
    CHECK(max_line_width(sbuf_str(&o)) <= 10);
    /* Plain mode keeps the markup as written. */
    sbuf_reset(&o);
    lesson_wrap("a *b* `c`", 40, LESSON_WRAP_PLAIN, &o);
    CHECK_STR(sbuf_str(&o), "a *b* `c`\n");
    /* A lone star is not markup. */
    sbuf_reset(&o);
    lesson_wrap("2 * 3 = 6", 40, LESSON_WRAP_MARKS, &o);
    CHECK_STR(sbuf_str(&o), "2 * 3 = 6\n");
    sbuf_free(&o);
}

TEST(wrap_c_locale)
{
    setlocale(LC_ALL, "C");
    wrap_tests();
}

TEST(wrap_utf8_locale)
{
    if (!setlocale(LC_ALL, "C.UTF-8")) SKIP("the locale C.UTF-8 is not installed");
    wrap_tests();
}

/* ---------------------------------------------------------------- calc and conditions */

TEST(calc)
{
    double v;
    ds_err err;
    CHECK(lesson_calc("2/3", &v, &err) == DS_OK);
    CHECK_NEAR(v, 2.0 / 3, 1e-15);
    CHECK(lesson_calc("-sqrt(2)/2", &v, &err) == DS_OK);
    CHECK_NEAR(v, -sqrt(2) / 2, 1e-15);
    CHECK(lesson_calc("1e-3 + 2^3", &v, &err) == DS_OK);
    CHECK_NEAR(v, 8.001, 1e-15);
    CHECK(lesson_calc("−3", &v, &err) == DS_OK); /* a Unicode minus */
    CHECK_NEAR(v, -3, 0);
    CHECK(lesson_calc("2*pi", &v, &err) == DS_OK);
    CHECK_NEAR(v, 2 * M_PI, 1e-15);
    CHECK(lesson_calc("(1+2", &v, &err) == DS_ESYNTAX);
    CHECK_HAS(err.msg, "missing `)`");
    CHECK(lesson_calc("3 apples", &v, &err) == DS_ESYNTAX);
    CHECK(lesson_calc("x", &v, &err) == DS_ESYNTAX);
    CHECK(lesson_calc("1/0", &v, &err) == DS_EDOMAIN);
    CHECK(lesson_calc("", &v, &err) == DS_ESYNTAX);
}

TEST(cond_syntax)
{
    int h;
    ds_err err;
    CHECK(lesson_cond(NULL, "adam is converged", &h, &err) == DS_OK);
    CHECK(lesson_cond(NULL, "run.lr < 2/lmax and runs >= 2", &h, &err) == DS_OK);
    CHECK(lesson_cond(NULL, "gd is not diverged or cursor.dsaddle ≤ 0.1", &h, &err) == DS_OK);
    CHECK(lesson_cond(NULL, "func is saddle", &h, &err) == DS_OK);
    CHECK(lesson_cond(NULL, "abs(map.det + 3) < 1e-9", &h, &err) == DS_OK);
    CHECK(lesson_cond(NULL, "run.lr <", &h, &err) == DS_ESYNTAX);
    CHECK(lesson_cond(NULL, "cursor.bogus > 1", &h, &err) == DS_ESYNTAX);
    CHECK_HAS(err.msg, "cursor field");
    CHECK(lesson_cond(NULL, "runs > 1 runs", &h, &err) == DS_ESYNTAX);
    CHECK(lesson_cond(NULL, "", &h, &err) == DS_ESYNTAX);
}

/* Feedback placeholders quote the live session; bad ones are load errors. */
TEST(fill)
{
    sess *s = sess_new();
    sbuf out, said;
    sbuf_init(&out);
    sbuf_init(&said);
    const char *setup[] = {"func quad 1 0 10", "algo gd lr=0.18", "start -2.5 1.5", "run"};
    for (size_t i = 0; i < sizeof setup / sizeof setup[0]; i++)
        CHECK(learner(s, setup[i], &said) == DS_OK);
    lesson_fill(s, "α = {run.lr} took {run.steps} steps, {2*run.steps} in all; {lbfgs.f}", &out);
    CHECK_STR(sbuf_str(&out), "α = 0.18 took 99 steps, 198 in all; ?");
    ds_err err;
    CHECK(lesson_fill_check("plain {0, 1} no", &err) == DS_ESYNTAX);
    CHECK(lesson_fill_check("{run.steps", &err) == DS_ESYNTAX);
    CHECK(lesson_fill_check("{cursor.f} and {run3.gnorm}", &err) == DS_OK);
    expect_error("title: T\nstep: S\ntask: t\nanswer: 1\nwhy: took {run.stpes}\n", 5,
                 "unknown run field");
    expect_error("title: T\nstep: S\nanswer: 1\nwrong: 2 -> not {bogus}\nwhy: ok\n", 4,
                 "unknown name");
    sbuf_free(&out);
    sbuf_free(&said);
    sess_free(s);
}

/* lessons/README.md, the authors' reference, names every field of the condition tables
 * (the tables are where the names live; this keeps the documentation beside them). */
TEST(cond_names_documented)
{
    FILE *f = fopen("lessons/README.md", "r");
    if (!f) {
        TH_FAIL("lessons/README.md not found (run from the repository root)");
        return;
    }
    sbuf doc;
    sbuf_init(&doc);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sbuf_putn(&doc, buf, n);
    fclose(f);
    static const struct {
        const vocab_word *v;
        const char *prefix;
    } tables[] = {{lesson_cursor_fields, "cursor."}, {lesson_map_fields, "map."},
                  {lesson_evals_fields, "evals."},   {lesson_states, "`"},
                  {lesson_bare_names, "`"},          {lesson_run_fields, ""}};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const vocab_word *w = tables[t].v; w->name; w++) {
            char want[64];
            snprintf(want, sizeof want, "%s%s", tables[t].prefix, w->name);
            if (strstr(sbuf_str(&doc), want))
                th_passed++;
            else if (strcmp(w->name, "earlystopped") && strcmp(w->name, "pi") &&
                     strcmp(w->name, "e") && strcmp(w->name, "lr"))
                TH_FAIL("lessons/README.md does not mention %s", want);
        }
    sbuf_free(&doc);
}

TEST(cond_live)
{
    sess *s = sess_new();
    int h = -1;
    ds_err err;
    sbuf out;
    sbuf_init(&out);
    learner(s, "func saddle", &out);
    learner(s, "cursor 0.05 0", &out);
    unsigned long before = s->obj.evals[2];
    CHECK(lesson_cond(s, "cursor.dsaddle < 0.1", &h, &err) == DS_OK && h == 1);
    CHECK(lesson_cond(s, "cursor.lmin < 0 and cursor.lmax > 0", &h, &err) == DS_OK && h == 1);
    CHECK(lesson_cond(s, "lmax == 2 and lmin == -2", &h, &err) == DS_OK && h == 1);
    CHECK(s->obj.evals[2] == before); /* conditions leave the counters alone */
    CHECK(lesson_cond(s, "func is saddle", &h, &err) == DS_OK && h == 1);
    CHECK(lesson_cond(s, "func is bowl", &h, &err) == DS_OK && h == 0);
    learner(s, "cursor 1 1", &out);
    CHECK(lesson_cond(s, "cursor.dsaddle < 0.1", &h, &err) == DS_OK && h == 0);
    /* No such run: quantities are NaN and comparisons are false. */
    CHECK(lesson_cond(s, "lbfgs.f < 1e300", &h, &err) == DS_OK && h == 0);
    CHECK(lesson_cond(s, "run7.steps < 1e300", &h, &err) == DS_OK && h == 0);
    /* A name that can never be a run, or a field no run has, is a mistake in the lesson. */
    CHECK(lesson_cond(s, "nosuchalgo.f < 1e300", &h, &err) == DS_ESYNTAX);
    CHECK(lesson_cond(s, "run.stpes < 1", &h, &err) == DS_ESYNTAX);
    CHECK(lesson_cond(s, "nosuchalgo is converged", &h, &err) == DS_OK && h == 0);
    learner(s, "map -2*x + y, x + y", &out);
    CHECK(lesson_cond(s, "map.det == -3 and map.j11 == -2", &h, &err) == DS_OK && h == 1);
    sbuf_free(&out);
    sess_free(s);
}

/* ---------------------------------------------------------------- the engine */

static sess *open_session(const char *lang, int save)
{
    sess *s = sess_new();
    char progress[512];
    snprintf(progress, sizeof progress, "%s/state/descent/progress", tmpdir);
    lesson_config cfg = {.dir = tmpdir, .lang = lang, .save_progress = save, .progress = progress};
    ds_err err;
    CHECK(lesson_configure(s, &cfg, &err) == DS_OK);
    return s;
}

TEST(engine_walkthrough)
{
    write_file("01-test.lesson", good);
    sess *s = open_session("en", 1);
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    const lesson_run *l = lesson_of(s);
    CHECK(!lesson_active(l));
    CHECK_STR(lesson_pane_text(l), "");

    CHECK(learner(s, "lesson", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "1  Test lesson");
    sbuf_reset(&out);

    CHECK(learner(s, "lesson 1", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "Lesson 1 · Test lesson");
    CHECK_HAS(sbuf_str(&out), "Step 1/5 · First things");
    CHECK_HAS(sbuf_str(&out), "> eval 1 2"); /* show: output is printed */
    CHECK_HAS(sbuf_str(&out), "Task: What is f(1, 2)?");
    CHECK(lesson_active(lesson_of(s)));
    int total;
    CHECK(lesson_pane_step(lesson_of(s), &total) == 1 && total == 5);
    CHECK_STR(lesson_pane_step_title(lesson_of(s)), "First things");
    CHECK_STR(lesson_pane_title(lesson_of(s)), "Test lesson");
    CHECK(lesson_pane_number(lesson_of(s)) == 1);
    CHECK_HAS(lesson_pane_text(lesson_of(s)), "The *gradient* points uphill.");
    CHECK(!lesson_pane_done(lesson_of(s)));
    /* The pane's parts: the body scrolls, the task line is pinned, no feedback yet. */
    CHECK_HAS(lesson_pane_body(lesson_of(s)), "The *gradient* points uphill.");
    CHECK(!strstr(lesson_pane_body(lesson_of(s)), "Task:"));
    CHECK_HAS(lesson_pane_task(lesson_of(s)), "Task: What is f(1, 2)?");
    CHECK_STR(lesson_pane_feedback(lesson_of(s)), "");
    unsigned opened1, serial1 = lesson_pane_serial(lesson_of(s), &opened1);
    CHECK(opened1 >= 1);
    sbuf score;
    sbuf_init(&score);
    lesson_pane_score(lesson_of(s), &score);
    CHECK_HAS(sbuf_str(&score), "0/");
    CHECK_HAS(sbuf_str(&score), " tasks");
    sbuf_free(&score);
    /* Collapsing is a setting the screen reads; a wrong word changes nothing. */
    CHECK(!lesson_pane_collapsed(lesson_of(s)));
    sbuf_reset(&out);
    CHECK(learner(s, "lesson pane collapse", &out) == DS_OK);
    CHECK(lesson_pane_collapsed(lesson_of(s)));
    CHECK_HAS(sbuf_str(&out), "collapsed");
    CHECK(learner(s, "lesson pane sideways", &out) == DS_EARG);
    CHECK(lesson_pane_collapsed(lesson_of(s)));
    CHECK(learner(s, "lesson pane toggle", &out) == DS_OK);
    CHECK(!lesson_pane_collapsed(lesson_of(s)));
    CHECK(learner(s, "lesson pane collapse", &out) == DS_OK);
    CHECK(learner(s, "lesson pane expand", &out) == DS_OK);
    CHECK(!lesson_pane_collapsed(lesson_of(s)));
    CHECK_STR(s->obj.name, "bowl"); /* the set-up ran */

    /* Strict: next refuses until the task is done. */
    sbuf_reset(&out);
    CHECK(learner(s, "next", &out) == DS_ESTATE);
    CHECK_HAS(sbuf_str(&out), "strict");

    /* Wrong answers: the stored note, then hints one at a time. */
    sbuf_reset(&out);
    CHECK(learner(s, "answer 3", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "Not quite. That is f(1, 1) + 1.");
    sbuf_reset(&out);
    learner(s, "answer 4", &out);
    CHECK_HAS(sbuf_str(&out), "Hint 1/2: Add the squares.");
    sbuf_reset(&out);
    learner(s, "hint", &out);
    CHECK_HAS(sbuf_str(&out), "Hint 2/2: 1² + 2² = ?");
    CHECK_HAS(lesson_pane_text(lesson_of(s)), "Hint 2/2");
    CHECK_HAS(lesson_pane_feedback(lesson_of(s)), "Hint 2/2");
    {
        unsigned opened2, serial2 = lesson_pane_serial(lesson_of(s), &opened2);
        CHECK(opened2 == opened1 && serial2 != serial1); /* new feedback, same step */
    }
    sbuf_reset(&out);
    learner(s, "hint", &out);
    CHECK_HAS(sbuf_str(&out), "last hint");
    sbuf_reset(&out);
    CHECK(learner(s, "answer banana", &out) == DS_EARG);
    /* The right answer, within the tolerance and as an expression. */
    sbuf_reset(&out);
    learner(s, "answer 10/2", &out);
    CHECK_HAS(sbuf_str(&out), "✓ Right! f(1, 2) = 1 + 4 = 5.");
    CHECK(lesson_pane_done(lesson_of(s)));
    CHECK_HAS(lesson_pane_text(lesson_of(s)), "✓ done");
    CHECK_HAS(lesson_pane_task(lesson_of(s)), "✓ done");
    sbuf_reset(&out);
    learner(s, "answer 5", &out);
    CHECK_HAS(sbuf_str(&out), "Already done");

    /* Step 2: multiple choice. */
    sbuf_reset(&out);
    CHECK(learner(s, "next", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "a) a minimum");
    CHECK_HAS(sbuf_str(&out), "b) a saddle");
    sbuf_reset(&out);
    CHECK(learner(s, "answer z", &out) == DS_EARG);
    learner(s, "answer a", &out);
    CHECK_HAS(sbuf_str(&out), "both eigenvalues positive");
    sbuf_reset(&out);
    learner(s, "answer B", &out);
    CHECK_HAS(sbuf_str(&out), "✓ Right!");

    /* Step 3: a command, matched on name and arguments; the same command with other
     * arguments is a wrong attempt, other commands are ignored. */
    learner(s, "next", &out);
    sbuf_reset(&out);
    CHECK(learner(s, "answer 1", &out) == DS_ESTATE);
    sbuf_reset(&out);
    learner(s, "eval 0 0", &out);
    CHECK(strstr(sbuf_str(&out), "Not quite") == NULL);
    learner(s, "hessian 1 1", &out);
    CHECK_HAS(sbuf_str(&out), "Not quite");
    CHECK(!lesson_pane_done(lesson_of(s)));
    sbuf_reset(&out);
    learner(s, "hessian 0.0 0", &out);
    CHECK_HAS(sbuf_str(&out), "✓ Done! That is the Hessian.");

    /* Step 4: a condition re-checked after every command. */
    learner(s, "next", &out);
    CHECK_STR(s->obj.name, "saddle");
    sbuf_reset(&out);
    learner(s, "cursor 0.5 0.5", &out);
    CHECK(!lesson_pane_done(lesson_of(s)));
    learner(s, "cursor 0.01 -0.02", &out);
    CHECK(lesson_pane_done(lesson_of(s)));
    CHECK_HAS(sbuf_str(&out), "✓ Done!");

    /* back and next move; back at step 1 fails. */
    sbuf_reset(&out);
    CHECK(learner(s, "back", &out) == DS_OK);
    CHECK(lesson_pane_step(lesson_of(s), NULL) == 3);
    CHECK(learner(s, "next", &out) == DS_OK); /* done before: strict lets it pass */
    CHECK(lesson_pane_step(lesson_of(s), NULL) == 4);

    /* Quit and reopen: resumes at step 4. */
    sbuf_reset(&out);
    CHECK(learner(s, "lesson quit", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "step 4 of 5");
    CHECK(!lesson_active(lesson_of(s)));
    CHECK(learner(s, "next", &out) == DS_ESTATE);
    sess_free(s);

    s = open_session("en", 1);
    sbuf_reset(&out);
    learner(s, "lesson", &out);
    CHECK_HAS(sbuf_str(&out), "step 4/5");
    sbuf_reset(&out);
    CHECK(learner(s, "lesson test", &out) == DS_OK); /* by part of its name */
    CHECK_HAS(sbuf_str(&out), "Resuming at step 4 of 5");
    CHECK(lesson_pane_step(lesson_of(s), NULL) == 4);
    CHECK(lesson_pane_done(lesson_of(s))); /* the done flags came back too */
    learner(s, "next", &out);
    sbuf_reset(&out);
    CHECK(learner(s, "next", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "Lesson complete: Test lesson.");
    CHECK(!lesson_active(lesson_of(s)));
    sbuf_reset(&out);
    learner(s, "lesson", &out);
    CHECK_HAS(sbuf_str(&out), "done ✓");
    /* Reopening a finished lesson starts at step 1. */
    sbuf_reset(&out);
    learner(s, "lesson 1", &out);
    CHECK(lesson_pane_step(lesson_of(s), NULL) == 1);
    CHECK(learner(s, "lesson restart", &out) == DS_OK);
    CHECK(learner(s, "lesson 7", &out) == DS_ERANGE);
    CHECK(learner(s, "lesson nosuch", &out) == DS_EUNKNOWN);
    sess_free(s);

    /* Without saving, nothing is resumed. */
    s = open_session("en", 0);
    sbuf_reset(&out);
    learner(s, "lesson 1", &out);
    CHECK(strstr(sbuf_str(&out), "Resuming") == NULL);
    sess_free(s);

    /* An unwritable state directory never fails the lesson. */
    s = sess_new();
    lesson_config cfg = {.dir = tmpdir,
                         .lang = "en",
                         .save_progress = 1,
                         .progress = "/proc/descent-cannot/progress"};
    CHECK(lesson_configure(s, &cfg, &err) == DS_OK);
    sbuf_reset(&out);
    CHECK(learner(s, "lesson 1", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "progress not saved");
    CHECK(learner(s, "answer 5", &out) == DS_OK);
    sess_free(s);
    sbuf_free(&out);
}

TEST(engine_translation)
{
    write_file("02-other.lesson", "title: Other\nstep: Only\nanswer: 1\nwhy: w\n");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/ko", tmpdir);
    mkdir(dir, 0755);
    write_file("ko/01-test.lesson",
               "title: 테스트 레슨\nstep: 첫 단계\n그래디언트는 오르막을 가리킵니다.\ntask: f(1, "
               "2)는?\nanswer: 5\nhint: 제곱을 더하세요.\nwhy: 1 + 4 = 5.\n");
    sess *s = open_session("ko", 0);
    sbuf out;
    sbuf_init(&out);
    learner(s, "lesson", &out);
    CHECK_HAS(sbuf_str(&out), "테스트 레슨");
    CHECK_HAS(sbuf_str(&out), "Other"); /* no translation: the original */
    sbuf_reset(&out);
    learner(s, "lesson 1", &out);
    CHECK_HAS(sbuf_str(&out), "레슨 1 · 테스트 레슨");
    CHECK_HAS(sbuf_str(&out), "과제: f(1, 2)는?");
    sbuf_reset(&out);
    learner(s, "answer 4", &out);
    CHECK_HAS(sbuf_str(&out), "힌트 1/1: 제곱을 더하세요.");
    sbuf_reset(&out);
    learner(s, "answer 5", &out);
    CHECK_HAS(sbuf_str(&out), "✓ 정답입니다!");
    sbuf_reset(&out);
    learner(s, "lesson 2", &out);
    /* No translation: the English file, but the interface stays in the chosen language. */
    CHECK_HAS(sbuf_str(&out), "레슨 2 · Other");
    /* lesson lang switches back to the originals. */
    learner(s, "lesson lang en", &out);
    sbuf_reset(&out);
    learner(s, "lesson 1", &out);
    CHECK_HAS(sbuf_str(&out), "Lesson 1 · Test lesson");
    CHECK(learner(s, "lesson lang ../x", &out) == DS_EARG);
    sbuf_free(&out);
    sess_free(s);
}

TEST(env)
{
    char lang[16];
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "ko_KR.UTF-8", 1);
    lesson_lang_from_env(lang, sizeof lang);
    CHECK_STR(lang, "ko");
    setenv("LC_MESSAGES", "en_US.UTF-8", 1);
    lesson_lang_from_env(lang, sizeof lang);
    CHECK_STR(lang, "");
    setenv("LC_ALL", "ko", 1);
    lesson_lang_from_env(lang, sizeof lang);
    CHECK_STR(lang, "ko");
    setenv("LC_ALL", "C.UTF-8", 1);
    lesson_lang_from_env(lang, sizeof lang);
    CHECK_STR(lang, "");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");

    sbuf p;
    sbuf_init(&p);
    setenv("XDG_STATE_HOME", "/x/state", 1);
    lesson_progress_path(&p);
    CHECK_STR(sbuf_str(&p), "/x/state/descent/progress");
    sbuf_reset(&p);
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", "/home/u", 1);
    lesson_progress_path(&p);
    CHECK_STR(sbuf_str(&p), "/home/u/.local/state/descent/progress");
    sbuf_reset(&p);
    setenv("DESCENT_LESSONS", tmpdir, 1);
    lesson_find_dir(&p);
    CHECK_STR(sbuf_str(&p), tmpdir);
    unsetenv("DESCENT_LESSONS");
    sbuf_free(&p);

    char **names;
    int n = lesson_names(tmpdir, &names);
    CHECK(n >= 1);
    if (n >= 1) CHECK_STR(names[0], "01-test");
    lesson_names_free(names, n);
}

/* ---------------------------------------------------------------- garbage */

/* Thousands of mangled lessons, texts and conditions: parse, wrap and evaluate them
 * all without crashing (the ASan build of this test checks memory too). */
TEST(garbage)
{
    static const char alphabet[] = "\n\n:: -*`#\\abcdehinorstwy019.±→\xff\xc3\xa9\xe2\x88\x87";
    unsigned long long r = 88172645463325252ULL;
    size_t n = strlen(good);
    char *buf = malloc(n + 64);
    int parsed = 0;
    sbuf o;
    sbuf_init(&o);
    for (int round = 0; round < 3000 && buf; round++) {
        memcpy(buf, good, n + 1);
        size_t len = n;
        int edits = 1 + round % 6;
        for (int e = 0; e < edits; e++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            size_t at = (size_t)(r % len);
            char ch = alphabet[(r >> 32) % (sizeof alphabet - 1)];
            if ((r >> 20) % 3 == 0 && len > 1) { /* delete */
                memmove(buf + at, buf + at + 1, len - at);
                len--;
            } else if ((r >> 20) % 3 == 1 && len < n + 60) { /* insert */
                memmove(buf + at + 1, buf + at, len - at + 1);
                buf[at] = ch;
                len++;
            } else {
                buf[at] = ch;
            }
        }
        ds_err err;
        lesson *l = lesson_parse(buf, len, "g.lesson", &err);
        if (l) {
            parsed++;
            for (int i = 0; i < l->nsteps; i++) {
                sbuf_reset(&o);
                lesson_wrap(l->steps[i].text, 4 + round % 50, round & 1, &o);
            }
        } else if (strncmp(err.msg, "g.lesson:", 9) != 0) {
            TH_FAIL("error without FILE:LINE: %s", err.msg);
        }
        lesson_free(l);
        sbuf_reset(&o);
        lesson_wrap(buf, 1 + round % 30, round & 1, &o);
        int h;
        double v;
        char piece[40];
        snprintf(piece, sizeof piece, "%.*s", (int)(r % 39), buf + (r >> 40) % len);
        lesson_cond(NULL, piece, &h, &err);
        lesson_calc(piece, &v, &err);
    }
    CHECK(parsed > 100); /* the mangling leaves many files readable */
    free(buf);
    sbuf_free(&o);
}

/* ---------------------------------------------------------------- the checker */

TEST(checker)
{
    char path[512];
    snprintf(path, sizeof path, "%s/01-test.lesson", tmpdir);
    write_file("01-test.lesson", good);
    sbuf rep;
    sbuf_init(&rep);
    int ntasks = 0;
    int bad = lesson_check_file(path, &rep, &ntasks);
    CHECK(bad == 0);
    if (bad) fprintf(stderr, "%s", sbuf_str(&rep));
    CHECK(ntasks == 4);

    /* A wrong stored answer, a failing set-up command, a solution that does nothing, a
     * condition that holds before its solution. */
    write_file("bad.lesson", "title: Bad\n"
                             "step: A\n"
                             "do: func bowl\n"
                             "answer: 6\n"
                             "verify: cursor.f == 6\n"
                             "why: w\n"
                             "step: B\n"
                             "do: func nosuchfunction\n"
                             "step: C\n"
                             "task: t\n"
                             "expect: cursor.dsaddle < 0.1\n"
                             "solution: eval 0 0\n"
                             "why: w\n"
                             "step: D\n"
                             "do: func saddle\n"
                             "do: cursor 0 0\n"
                             "task: t\n"
                             "expect: cursor.dsaddle < 0.1\n"
                             "solution: cursor 0 0\n"
                             "why: w\n");
    snprintf(path, sizeof path, "%s/bad.lesson", tmpdir);
    sbuf_reset(&rep);
    bad = lesson_check_file(path, &rep, NULL);
    CHECK(bad == 4);
    CHECK_HAS(sbuf_str(&rep), "bad.lesson:5: verify: does not hold");
    CHECK_HAS(sbuf_str(&rep), "bad.lesson:8: `func nosuchfunction`");
    CHECK_HAS(sbuf_str(&rep), "bad.lesson:11: the condition does not hold after the solution");
    CHECK_HAS(sbuf_str(&rep), "bad.lesson:18: the condition already holds before");
    remove(path);

    /* A malformed file is one problem with its FILE:LINE. */
    write_file("broken.lesson", "title: B\nstep: S\nanswer:\n");
    snprintf(path, sizeof path, "%s/broken.lesson", tmpdir);
    sbuf_reset(&rep);
    CHECK(lesson_check_file(path, &rep, NULL) == 1);
    CHECK_HAS(sbuf_str(&rep), "broken.lesson:3:");
    remove(path);
    sbuf_free(&rep);
}

/* Progress records: the old format still reads, the new one round-trips, and a
 * broken line is no record at all. */
TEST(records)
{
    lesson_record r;
    CHECK(lesson_record_parse("01-derivatives 3 0 1101", &r) == 1);
    CHECK(r.step == 3 && r.complete == 0 && r.nsteps == 4);
    CHECK(r.state[0] == LESSON_DONE && r.state[2] == LESSON_OPEN && r.tries[0] == 0);
    CHECK(lesson_record_parse("02-taylor 1 0 1sr0 0,2,3,0\n", &r) == 1);
    CHECK(r.state[1] == LESSON_SKIPPED && r.state[2] == LESSON_REVEALED);
    CHECK(r.tries[1] == 2 && r.tries[2] == 3);
    CHECK(lesson_record_parse("x 0 1 - -", &r) == 1 && r.nsteps == 0 && r.complete == 1);
    CHECK(lesson_record_parse("x 2147483647 0 1", &r) == 0); /* past LESSON_MAX_STEPS */
    CHECK(lesson_record_parse("x 1 2 1", &r) == 0);          /* COMPLETE is 0 or 1 */
    CHECK(lesson_record_parse("x 1 0 1x", &r) == 0);         /* unknown state */
    CHECK(lesson_record_parse("x 1 0 11 1,-2", &r) == 0);    /* negative tries */
    CHECK(lesson_record_parse("x 1 0 11 1,2 extra", &r) == 0);
    CHECK(lesson_record_parse("x 1", &r) == 0);
}

static const char tries_lesson[] = "title: Tries\n"
                                   "tries: 1\n"
                                   "reveal_after: 2\n"
                                   "step: Pick\n"
                                   "choice: one\n"
                                   "choice: two\n"
                                   "choice: three\n"
                                   "answer: c\n"
                                   "why: Three it is.\n"
                                   "step: Number\n"
                                   "answer: 42\n"
                                   "why: The answer, {run.steps} steps in.\n"
                                   "step: Do\n"
                                   "do: func bowl\n"
                                   "task: Put the cursor at the bottom.\n"
                                   "expect: cursor.gnorm < 1e-9\n"
                                   "solution: cursor 0 0\n"
                                   "why: ∇f = 0 there.\n"
                                   "summary:\n"
                                   "- done\n";

/* Wrong answers up to the lesson's limits, then the answer; skip and review. */
TEST(skip_reveal_review)
{
    write_file("02-tries.lesson", tries_lesson);
    sess *s = open_session("en", 1);
    sbuf out;
    sbuf_init(&out);
    CHECK(learner(s, "lesson tries", &out) == DS_OK);
    sbuf_reset(&out);
    CHECK(learner(s, "answer a", &out) == DS_OK); /* tries: 1 — shown at once */
    CHECK_HAS(sbuf_str(&out), "Not quite.");
    CHECK_HAS(sbuf_str(&out), "The answer is c) three. Three it is.");
    CHECK(lesson_pane_done(lesson_of(s)));
    CHECK(learner(s, "next", &out) == DS_OK);
    sbuf_reset(&out);
    CHECK(learner(s, "answer 41", &out) == DS_OK); /* reveal_after: 2 — a hint first */
    CHECK(!strstr(sbuf_str(&out), "The answer is"));
    sbuf_reset(&out);
    CHECK(learner(s, "answer 40", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "The answer is 42. The answer, 0 steps in.");
    sbuf_reset(&out);
    CHECK(learner(s, "next", &out) == DS_OK);
    /* skip runs the solution, so the session is where the next step expects it. */
    sbuf_reset(&out);
    CHECK(learner(s, "skip", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "> cursor 0 0");
    CHECK_HAS(sbuf_str(&out), "Skipped. ∇f = 0 there.");
    CHECK(s->cursor[0] == 0 && s->cursor[1] == 0);
    sbuf_reset(&out);
    CHECK(learner(s, "review", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "1  Pick — answer shown (1 ✗)");
    CHECK_HAS(sbuf_str(&out), "2  Number — answer shown (2 ✗)");
    CHECK_HAS(sbuf_str(&out), "3  Do — skipped");
    /* The progress file keeps states and tries; `lesson` shows the score. */
    char path[512];
    snprintf(path, sizeof path, "%s/state/descent/progress", tmpdir);
    lesson_record r;
    FILE *f = fopen(path, "r");
    char line[512] = "";
    while (f && fgets(line, sizeof line, f) && strncmp(line, "02-tries ", 9) != 0) {
    }
    if (f) fclose(f);
    CHECK(lesson_record_parse(line, &r) == 1);
    CHECK(r.state[0] == LESSON_REVEALED && r.state[1] == LESSON_REVEALED);
    CHECK(r.state[2] == LESSON_SKIPPED && r.tries[0] == 1 && r.tries[1] == 2);
    /* review N reopens the task; doing it counts as done. */
    sbuf_reset(&out);
    CHECK(learner(s, "review 2", &out) == DS_OK);
    CHECK(!lesson_pane_done(lesson_of(s)));
    CHECK(learner(s, "answer 42", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "Right!");
    sbuf_reset(&out);
    CHECK(learner(s, "review", &out) == DS_OK);
    CHECK(!strstr(sbuf_str(&out), "Number"));
    CHECK(learner(s, "review 9", &out) == DS_EARG);
    sbuf_reset(&out);
    CHECK(learner(s, "lesson", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "1/3 tasks (+2 skipped)");
    sbuf_free(&out);
    sess_free(s);
    /* A strict lesson refuses to skip. */
    write_file("03-strict.lesson", "title: S\nstrict: yes\nstep: A\nanswer: 1\nwhy: one\n");
    s = open_session("en", 0);
    sbuf_init(&out);
    CHECK(learner(s, "lesson strict", &out) == DS_OK);
    CHECK(learner(s, "skip", &out) == DS_ESTATE);
    CHECK_HAS(sbuf_str(&out), "cannot be skipped");
    sbuf_free(&out);
    sess_free(s);
}

/* A prediction (`answer: any`) takes every number, is noted rather than graded, and a
 * later step's feedback quotes it as {answer} beside what really happened. */
TEST(predict)
{
    write_file("04-predict.lesson", "title: Predict\n"
                                    "step: Guess\n"
                                    "do: func bowl\n"
                                    "task: How many steps?\n"
                                    "answer: any\n"
                                    "why: Your guess: {answer}.\n"
                                    "step: Run\n"
                                    "do: func bowl\n"
                                    "do: algo gd lr=0.1\n"
                                    "task: Run it.\n"
                                    "expect: run.steps >= 3\n"
                                    "solution: step 3\n"
                                    "why: You said {answer}; it took {run.steps}.\n"
                                    "summary:\n"
                                    "- done\n");
    sess *s = open_session("en", 0);
    sbuf out;
    sbuf_init(&out);
    CHECK(learner(s, "lesson predict", &out) == DS_OK);
    CHECK(isnan(lesson_prediction(s)));
    sbuf_reset(&out);
    CHECK(learner(s, "answer 12.5", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "Noted. Your guess: 12.5.");
    CHECK(!strstr(sbuf_str(&out), "Right"));
    CHECK(lesson_prediction(s) == 12.5);
    CHECK(learner(s, "answer x", &out) == DS_OK); /* already done: said so, kept */
    CHECK(lesson_prediction(s) == 12.5);
    CHECK(learner(s, "next", &out) == DS_OK);
    sbuf_reset(&out);
    CHECK(learner(s, "step 3", &out) == DS_OK);
    CHECK_HAS(sbuf_str(&out), "You said 12.5; it took 3.");
    sbuf_free(&out);
    sess_free(s);
    /* A prediction has no wrong answers to store. */
    expect_error("title: P\nstep: A\nanswer: any\nwrong: 3\nwhy: w\n", 4, "accepts every number");
}

/* A teacher's report over a class directory. */
TEST(report)
{
    char dir[512], sub[600];
    snprintf(dir, sizeof dir, "%s/class", tmpdir);
    mkdir(dir, 0700);
    const char *who[] = {"kim", "lee", "park"};
    const char *text[] = {"01-a 2 0 1s0 0,3,0\n02-b 0 1 11 -\n", "01-a 1 0 10 -\n",
                          "\x89PNG not a progress file\n"};
    for (int i = 0; i < 3; i++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, who[i]);
        mkdir(sub, 0700);
        snprintf(sub, sizeof sub, "%s/%s/progress", dir, who[i]);
        FILE *f = fopen(sub, "w");
        fputs(text[i], f);
        fclose(f);
    }
    sbuf csv, skipped;
    sbuf_init(&csv);
    sbuf_init(&skipped);
    CHECK(lesson_report(dir, &csv, &skipped) == 3);
    CHECK_STR(sbuf_str(&csv), "learner,lesson,step,tasks_done,tasks_skipped,wrong_tries,complete\n"
                              "kim,01-a,3,1,1,3,no\n"
                              "kim,02-b,2,2,0,0,yes\n"
                              "lee,01-a,2,1,0,0,no\n");
    CHECK_HAS(sbuf_str(&skipped), "park/progress: not a descent progress file");
    sbuf_reset(&csv);
    sbuf_reset(&skipped);
    CHECK(lesson_report("/nonexistent-class", &csv, &skipped) == 0);
    CHECK_HAS(sbuf_str(&skipped), "not a directory of learners");
    sbuf_free(&csv);
    sbuf_free(&skipped);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/descent-test-lesson-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(parse_good);
    RUN(parse_errors);
    RUN(cond_names_documented);
    RUN(wrap_c_locale);
    RUN(wrap_utf8_locale);
    RUN(calc);
    RUN(cond_syntax);
    RUN(cond_live);
    RUN(fill);
    RUN(engine_walkthrough);
    RUN(engine_translation);
    RUN(env);
    RUN(checker);
    RUN(records);
    RUN(skip_reveal_review);
    RUN(predict);
    RUN(report);
    RUN(garbage);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    TEST_END();
}
