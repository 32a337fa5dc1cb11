/* cmd_lesson.c — the lesson commands: lesson (list, open, quit, restart, lang, pane), next,
 * back, hint, answer, skip, review. Thin handlers over the lesson engine (lesson.c); each one asks
 * the screen to redraw since the lesson pane and often the plot change. */
#include <string.h>

#include "cmd_internal.h"
#include "descent/i18n.h"
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
        if (a->argc != 2) return cmd_usage_error(a, c, "lesson %s takes nothing after it", w);
        return lesson_quit(s, c->out, c->err);
    }
    if (!strcmp(w, "restart")) {
        if (a->argc != 2) return cmd_usage_error(a, c, "lesson restart takes nothing after it");
        return lesson_restart(s, c->out, c->err);
    }
    if (!strcmp(w, "pane")) /* a setting the screen reads */
        return lesson_pane_set(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
    if (!strcmp(w, "lang")) {
        return lesson_set_lang(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
    }
    if (a->argc != 2)
        return cmd_usage_error(a, c, "one lesson at a time, got '%s' after '%s'", a->argv[2], w);
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
    (void)a;
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_next(s, c->out, c->err);
}

static ds_status cmd_back(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_back(s, c->out, c->err);
}

static ds_status cmd_hint(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    c->flags |= CMDF_REDRAW;
    return lesson_hint(s, c->out, c->err);
}

static ds_status cmd_answer(sess *s, const cmd_args *a, cmd_ctx *c)
{
    c->flags |= CMDF_REDRAW;
    return lesson_answer(s, a->rest, c->out, c->err);
}

static ds_status cmd_skip(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_skip(s, c->out, c->err);
}

static ds_status cmd_review(sess *s, const cmd_args *a, cmd_ctx *c)
{
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_review(s, a->argc == 2 ? a->argv[1] : NULL, c->out, c->err);
}

static const char *const lesson_words[] = {"list", "quit", "close", "restart",
                                           "lang", "pane", NULL};

const cmd_spec cmd_lesson_group[] = {
    {.name = "lesson",
     .synopsis = "[N | NAME | FILE | list | quit | close | restart | lang [CODE] | pane "
                 "collapse|expand]",
     .help = N_("list the lessons, or open one (resumes where you left off)"),
     .details =
         "  Without arguments (or `lesson list`), lists the lessons with your progress. `lesson "
         "N`\n"
         "  (or a name such as `lesson derivatives`, or a FILE.lesson) opens one where you left\n"
         "  off; `lesson quit` (or `lesson close`) closes it, `lesson restart` starts it again\n"
         "  from step 1, and `lesson lang CODE` opens translations from lessons/CODE/ (en: the\n"
         "  originals; alone, it says which). Inside a lesson: next, back, hint, answer VALUE.\n"
         "  On the screen `lesson pane collapse` folds the lesson pane to its task line and\n"
         "  `lesson pane expand` brings the text back (F7 toggles; Alt-Up and Alt-Down scroll\n"
         "  it). How to write lessons: lessons/README.md.",
     .fn = cmd_lesson,
     .max_args = 2,
     .complete = CMPL_WORDS,
     .words = lesson_words},
    {.name = "next", .synopsis = "", .help = N_("go to the lesson's next step"), .fn = cmd_next},
    {.name = "back",
     .synopsis = "",
     .help = N_("go back to the lesson's previous step"),
     .fn = cmd_back},
    {.name = "hint",
     .synopsis = "",
     .help = N_("show the next hint for the step's task"),
     .fn = cmd_hint},
    {.name = "answer",
     .synopsis = "VALUE",
     .help = N_("answer the step's question: a number (2/3 works) or a letter"),
     .fn = cmd_answer,
     .min_args = 1,
     .max_args = CMD_ARGS_ANY},
    {.name = "skip",
     .synopsis = "",
     .help = N_("do the step's task for you (it counts as skipped) and go on"),
     .details =
         "  Runs the step's solution (or shows the answer) so the next steps find the session as\n"
         "  they expect, records the task as skipped, and moves to the next step. A strict lesson\n"
         "  refuses. `review` lists what you skipped.",
     .fn = cmd_skip},
    {.name = "review",
     .synopsis = "[STEP]",
     .help = N_("list the open lesson's skipped or missed tasks; reopen one"),
     .details =
         "  Lists the tasks you skipped, saw the answer of after wrong tries, or passed without\n"
         "  doing; `review STEP` opens that step so you can do its task again.",
     .fn = cmd_review,
     .max_args = 1},
    {0},
};
