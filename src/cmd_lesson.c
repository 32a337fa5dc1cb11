/* cmd_lesson.c — the lesson commands: lesson (list, open, quit, restart, lang), next,
 * back, hint, answer, skip, review. Thin handlers over the lesson engine (lesson.c); each one asks
 * the screen to redraw since the lesson pane and often the plot change. */
#include <string.h>

#include "cmd_internal.h"
#include "descent/lesson.h"
#include "lesson_internal.h"

static ds_status cmd_lesson(sess *s, const cmd_args *a, cmd_ctx *c)
{
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    lesson_default_saving(s, c->interactive);
    if (a->argc == 1 || (a->argc == 2 && !strcmp(a->argv[1], "list")))
        return lesson_list(s, c->out, c->err);
    const char *w = a->argv[1];
    if (!strcmp(w, "quit") || !strcmp(w, "close")) {
        if (a->argc != 2) return ds_err_set(c->err, DS_EARG, "usage: lesson quit");
        return lesson_quit(s, c->out, c->err);
    }
    if (!strcmp(w, "restart")) {
        if (a->argc != 2) return ds_err_set(c->err, DS_EARG, "usage: lesson restart");
        return lesson_restart(s, c->out, c->err);
    }
    if (!strcmp(w, "pane")) {
        if (a->argc > 3)
            return ds_err_set(c->err, DS_EARG, "usage: lesson pane [collapse | expand | toggle]");
        return lesson_pane_set(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
    }
    if (!strcmp(w, "lang")) {
        if (a->argc > 3) return ds_err_set(c->err, DS_EARG, "usage: lesson lang [CODE]");
        return lesson_set_lang(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
    }
    if (a->argc != 2)
        return ds_err_set(c->err, DS_EARG,
                          "usage: lesson [N | NAME | FILE | quit | restart | lang CODE | pane "
                          "collapse|expand]");
    /* In a sandbox (the batch fuzzer) a lesson file is read like any other file. */
    char path[1024];
    if (c->sandbox && (strchr(w, '/') || strstr(w, ".lesson")) &&
        cmd_file(c, w, 0, path, sizeof path))
        return c->err->code;
    return lesson_open(s, c->sandbox && (strchr(w, '/') || strstr(w, ".lesson")) ? path : w, c->out,
                       c->err);
}

static ds_status cmd_next(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc != 1) return ds_err_set(c->err, DS_EARG, "next takes no arguments");
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_next(s, c->out, c->err);
}

static ds_status cmd_back(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc != 1) return ds_err_set(c->err, DS_EARG, "back takes no arguments");
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_back(s, c->out, c->err);
}

static ds_status cmd_hint(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc != 1) return ds_err_set(c->err, DS_EARG, "hint takes no arguments");
    c->flags |= CMDF_REDRAW;
    return lesson_hint(s, c->out, c->err);
}

static ds_status cmd_answer(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc < 2)
        return ds_err_set(c->err, DS_EARG,
                          "usage: answer VALUE (a number such as -3 or 2/3, or a letter)");
    c->flags |= CMDF_REDRAW;
    return lesson_answer(s, a->rest, c->out, c->err);
}

static ds_status cmd_skip(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc != 1) return ds_err_set(c->err, DS_EARG, "skip takes no arguments");
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_skip(s, c->out, c->err);
}

static ds_status cmd_review(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc > 2) return ds_err_set(c->err, DS_EARG, "usage: review [STEP]");
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_review(s, a->argc == 2 ? a->argv[1] : NULL, c->out, c->err);
}

static const char *const lesson_words[] = {"list", "quit", "restart", "lang", "pane", NULL};

const cmd_spec cmd_lesson_group[] = {
    {"lesson", "[N | NAME | quit | restart | lang CODE | pane collapse|expand]",
     "list the lessons, or open one (resumes where you left off)",
     "  Without arguments, lists the lessons with your progress. `lesson N` (or a name such\n"
     "  as `lesson derivatives`, or a FILE.lesson) opens one where you left off; `lesson quit`\n"
     "  closes it, `lesson restart` starts it again from step 1, and `lesson lang CODE` opens\n"
     "  translations from lessons/CODE/ (en: the originals). Inside a lesson: next, back,\n"
     "  hint, answer VALUE. On the screen `lesson pane collapse` shrinks the lesson pane\n"
     "  to its task line and `lesson pane expand` brings the text back (F7 toggles; Alt-Up\n"
     "  and Alt-Down scroll it). How to write lessons: lessons/README.md.",
     cmd_lesson, CMPL_WORDS, lesson_words},
    {"next", "", "go to the lesson's next step", NULL, cmd_next, CMPL_NONE, NULL},
    {"back", "", "go back to the lesson's previous step", NULL, cmd_back, CMPL_NONE, NULL},
    {"hint", "", "show the next hint for the step's task", NULL, cmd_hint, CMPL_NONE, NULL},
    {"answer", "VALUE", "answer the step's question: a number (2/3 works) or a letter", NULL,
     cmd_answer, CMPL_NONE, NULL},
    {"skip", "", "do the step's task for you (it counts as skipped) and go on",
     "  Runs the step's solution (or shows the answer) so the next steps find the session as\n"
     "  they expect, records the task as skipped, and moves to the next step. A strict lesson\n"
     "  refuses. `review` lists what you skipped.",
     cmd_skip, CMPL_NONE, NULL},
    {"review", "[STEP]", "list the open lesson's skipped or missed tasks; reopen one",
     "  Lists the tasks you skipped, saw the answer of after wrong tries, or passed without\n"
     "  doing; `review STEP` opens that step so you can do its task again.",
     cmd_review, CMPL_NONE, NULL},
    {NULL, NULL, NULL, NULL, NULL, CMPL_NONE, NULL},
};
