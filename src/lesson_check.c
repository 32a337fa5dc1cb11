/* lesson_check.c — proves a lesson works as written: on a fresh session it opens every
 * step, runs the set-up, gives each task its stored wrong answers (which must be
 * refused) and its right answer or solution (which must be accepted), and checks every
 * `verify:` condition. What --check-lessons and the unit tests run. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/command.h"
#include "descent/i18n.h"
#include "lesson_internal.h"

typedef struct {
    sess *s;
    lesson_run *l;
    const char *path; /* the lesson file, for messages */
    sbuf *report;
    sbuf out; /* what the learner would have read (discarded) */
    int problems;
} checker;

static void problem(checker *c, int line, const char *what, const char *detail)
{
    /* `what` is a message (translated here) or text already put together from one */
    sbuf_printf(c->report, "FAIL %s:%d: %s%s%s\n", c->path, line, *what ? _(what) : what,
                detail && *detail ? ": " : "", detail ? detail : "");
    c->problems++;
}

/* Run one of the lesson's command lines as the learner would (cmd_exec, then the lesson
 * hook), in the lesson's sandbox: checking an untrusted lesson must be as safe as
 * opening it. */
static ds_status learner(checker *c, const char *line, ds_err *err)
{
    char dir[LESSON_PATH_MAX];
    lesson_dir_of(c->path, dir, sizeof dir);
    cmd_ctx ctx = {.out = &c->out, .err = err, .interactive = 0, .sandbox = dir};
    ds_status st = cmd_exec(c->s, line, &ctx);
    lesson_after_command(c->s, line, st, &c->out);
    return st;
}

static int run_solution(checker *c, const lesson_step *st)
{
    for (int i = 0; i < st->nsolution; i++) {
        ds_err e;
        ds_err_clear(&e);
        if (learner(c, st->solution[i].text, &e) != DS_OK) {
            char what[600];
            snprintf(what, sizeof what, _("solution `%s` failed"), st->solution[i].text);
            problem(c, st->solution[i].line, what, e.msg);
            return 0;
        }
    }
    return 1;
}

/* Give an answer; report when accepted != want. */
static void try_answer(checker *c, const char *given, int want, int line)
{
    ds_err e;
    ds_err_clear(&e);
    /* Each wrong answer is checked on its own: a lesson's `tries:` limit would otherwise
     * show the answer after the first few and finish the task. */
    int step = c->l->step;
    c->l->tries[step] = 0;
    if (c->l->done[step] != LESSON_DONE) c->l->done[step] = LESSON_OPEN;
    if (lesson_answer(c->s, given, &c->out, &e) != DS_OK) {
        char what[300];
        snprintf(what, sizeof what, _("`answer %s` was refused as malformed"), given);
        problem(c, line, what, e.msg);
        return;
    }
    int done = c->l->done[step] == LESSON_DONE;
    if (done != want) {
        char what[300];
        snprintf(what, sizeof what,
                 want ? _("`answer %s` was not accepted (is the stored answer right?)")
                      : _("`answer %s` was accepted but is wrong"),
                 given);
        problem(c, line, what, NULL);
    } else if (!want && c->l->feedback.len == 0) {
        problem(c, line, "a wrong answer got no feedback", NULL);
    }
}

static void check_step(checker *c, const lesson_step *st)
{
    lesson_run *l = c->l;
    char what[600];
    ds_err e;
    switch (st->kind) {
    case LESSON_TASK_NONE: break;
    case LESSON_TASK_RUN:
        for (int i = 0; i < st->nwrong; i++) {
            ds_err_clear(&e);
            learner(c, st->wrong[i].text, &e);
            if (l->done[l->step]) {
                snprintf(what, sizeof what, _("the wrong command `%s` completed the task"),
                         st->wrong[i].text);
                problem(c, st->wrong[i].line, what, NULL);
                return;
            }
        }
        /* With solution: lines (needed when run: has wildcards) those are what a learner
         * would type; else the run: line itself. */
        if (st->nsolution) {
            if (!run_solution(c, st)) return;
        } else {
            ds_err_clear(&e);
            if (learner(c, st->run, &e) != DS_OK) {
                snprintf(what, sizeof what, _("the task's command `%s` failed"), st->run);
                problem(c, st->task_line, what, e.msg);
                return;
            }
        }
        if (!l->done[l->step])
            problem(c, st->task_line, "running the task's command did not complete it", NULL);
        break;
    case LESSON_TASK_NUMBER: {
        if (!run_solution(c, st)) return;
        if (st->predict) { /* any number is a prediction: give one */
            try_answer(c, "1", 1, st->task_line);
            break;
        }
        if (st->nwrong == 0) {
            char wrong[64];
            snprintf(wrong, sizeof wrong, "%.17g", st->value + 10 * st->tol + 1);
            try_answer(c, wrong, 0, st->task_line);
        }
        for (int i = 0; i < st->nwrong; i++)
            try_answer(c, st->wrong[i].text, 0, st->wrong[i].line);
        try_answer(c, st->answer, 1, st->task_line);
        break;
    }
    case LESSON_TASK_CHOICE:
        if (!run_solution(c, st)) return;
        for (int i = 0; i < st->nchoices; i++) {
            if (i == st->choice) continue;
            char letter[2] = {(char)('a' + i), '\0'};
            try_answer(c, letter, 0, st->choices[i].line);
        }
        try_answer(c, st->answer, 1, st->task_line);
        break;
    case LESSON_TASK_EXPECT: {
        int holds = 0;
        ds_err_clear(&e);
        if (lesson_cond(c->s, st->expect, &holds, &e) != DS_OK) {
            problem(c, st->task_line, "the condition cannot be evaluated", e.msg);
            return;
        }
        if (holds) {
            problem(c, st->task_line, "the condition already holds before the solution",
                    st->expect);
            return;
        }
        if (!run_solution(c, st)) return;
        if (!l->done[l->step]) {
            problem(c, st->task_line, "the condition does not hold after the solution", st->expect);
            return;
        }
        break;
    }
    }
    if (st->verify) {
        int holds = 0;
        ds_err_clear(&e);
        if (lesson_cond(c->s, st->verify, &holds, &e) != DS_OK)
            problem(c, st->verify_line, "the verify: condition cannot be evaluated", e.msg);
        else if (!holds)
            problem(c, st->verify_line, "verify: does not hold", st->verify);
    }
}

int lesson_check_file(const char *path, sbuf *report, int *ntasks)
{
    if (ntasks) *ntasks = 0;
    ds_err e;
    ds_err_clear(&e);
    lesson *probe = lesson_load(path, &e);
    if (!probe) {
        sbuf_printf(report, "FAIL %s\n", e.msg);
        return 1;
    }
    if (ntasks) *ntasks = probe->ntasks;
    lesson_free(probe);

    checker c = {.report = report, .path = path};
    sbuf_init(&c.out);
    c.s = sess_new();
    if (!c.s) {
        sbuf_printf(report, _("FAIL %s: out of memory\n"), path);
        sbuf_free(&c.out);
        return 1;
    }
    /* The lesson runs in the caller's language (configuring it sets the interface's), so
     * what the report quotes from the engine and the commands is in the teacher's too. */
    char ui[16];
    snprintf(ui, sizeof ui, "%s", i18n_lang());
    lesson_config cfg = {.dir = NULL, .lang = ui, .save_progress = 0, .progress = ""};
    lesson_configure(c.s, &cfg, &e);
    c.l = lesson_run_get(c.s);
    if (lesson_open(c.s, path, &c.out, &e) != DS_OK) {
        sbuf_printf(report, "FAIL %s\n", e.msg);
        sess_free(c.s);
        sbuf_free(&c.out);
        return 1;
    }
    int nsteps = c.l->cur->nsteps;
    for (int i = 0; i < nsteps; i++) {
        const lesson_step *st = &c.l->cur->steps[i];
        if (c.l->setup_failures) {
            sbuf_printf(report, "FAIL %s", sbuf_str(&c.l->setup_errors));
            c.problems += c.l->setup_failures;
            c.l->setup_failures = 0;
            sbuf_reset(&c.l->setup_errors);
        }
        check_step(&c, st);
        if (i + 1 == nsteps) break;
        ds_err_clear(&e);
        if (!c.l->done[i] && st->kind != LESSON_TASK_NONE) c.l->done[i] = 1; /* go on */
        if (lesson_next(c.s, &c.out, &e) != DS_OK) {
            problem(&c, st->line, "`next` failed", e.msg);
            break;
        }
    }
    /* `next` on the last step finishes the lesson. */
    ds_err_clear(&e);
    if (c.l->cur && lesson_next(c.s, &c.out, &e) != DS_OK)
        problem(&c, 1, "finishing the lesson failed", e.msg);
    sess_free(c.s);
    sbuf_free(&c.out);
    return c.problems;
}
