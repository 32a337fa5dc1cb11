/* cmd_lesson.c — the lesson commands: lesson (list, open, quit, restart, lang, pane), next,
 * back, hint, answer, skip, review. Thin handlers over the lesson engine (lesson.c); each one asks
 * the screen to redraw since the lesson pane and often the plot change. */
#include <string.h>

#include "cmd_internal.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "lesson_internal.h"

static ds_status lesson_list_cmd(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    return lesson_list(s, c->out, c->err);
}

static ds_status lesson_quit_cmd(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    return lesson_quit(s, c->out, c->err);
}

static ds_status lesson_restart_cmd(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    return lesson_restart(s, c->out, c->err);
}

static ds_status lesson_lang_cmd(sess *s, const cmd_args *a, cmd_ctx *c)
{
    return lesson_set_lang(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
}

/* A setting the screen reads: the lesson pane folded to its task line, or whole. */
static ds_status lesson_pane_cmd(sess *s, const cmd_args *a, cmd_ctx *c)
{
    return lesson_pane_set(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
}

/* The words after `lesson` that are not a lesson's number, name or file. */
static const cmd_sub lesson_subs[] = {
    {.name = "list",
     .synopsis = "",
     .help = N_("the lessons with your progress (also `lesson` alone)"),
     .fn = lesson_list_cmd},
    {.name = "quit", .synopsis = "", .help = N_("close the open lesson"), .fn = lesson_quit_cmd},
    {.name = "close", .synopsis = "", .help = N_("the same as lesson quit"), .fn = lesson_quit_cmd},
    {.name = "restart",
     .synopsis = "",
     .help = N_("start the open lesson again from step 1"),
     .fn = lesson_restart_cmd},
    {.name = "pane",
     .synopsis = "[collapse|expand|toggle]",
     .help = N_("on the screen, fold the lesson pane to its task line or bring the text back (F7 "
                "toggles; Alt-Up and Alt-Down scroll it)"),
     .fn = lesson_pane_cmd,
     .max_args = 1},
    {.name = "lang",
     .synopsis = "[CODE]",
     .help = N_("open translations from lessons/CODE/ (en: the originals); alone, say which"),
     .fn = lesson_lang_cmd,
     .max_args = 1},
    {0},
};

static ds_status cmd_lesson(sess *s, const cmd_args *a, cmd_ctx *c)
{
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    lesson_default_saving(s, c->interactive);
    if (a->argc == 1) return lesson_list(s, c->out, c->err);
    const char *w = a->argv[1];
    if (cmd_sub_find(lesson_subs, w)) return cmd_sub_exec(lesson_subs, s, a, c);
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

const cmd_spec cmd_lesson_group[] = {
    {.name = "lesson",
     .synopsis = "[N | NAME | FILE | list | quit | close | restart | lang [CODE] | pane "
                 "collapse|expand]",
     .help = N_("list the lessons, or open one (resumes where you left off)"),
     .details = N_(
         "  Without arguments, lists the lessons with your progress. `lesson N` (or a name such\n"
         "  as `lesson derivatives`, or a FILE.lesson) opens one where you left off. Inside a\n"
         "  lesson: next, back, hint, answer VALUE. How to write lessons: lessons/README.md."),
     .fn = cmd_lesson,
     .max_args = 2,
     .complete = CMPL_WORDS,
     .subs = lesson_subs},
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
