/* cmd_lesson.c — the lesson commands: lesson (list, open, quit, restart, lang, pane), next,
 * back, hint, answer, skip, review. Thin handlers over the lesson engine (lesson.c); each one asks
 * the screen to redraw since the lesson pane and often the plot change. */
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "lesson_internal.h"

ds_status cmd_lesson_list(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    return lesson_list(s, c->out, c->err);
}

ds_status cmd_lesson_quit(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    return lesson_quit(s, c->out, c->err);
}

ds_status cmd_lesson_restart(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    return lesson_restart(s, c->out, c->err);
}

ds_status cmd_lesson_lang(sess *s, const cmd_args *a, cmd_ctx *c)
{
    return lesson_set_lang(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
}

/* A setting the screen reads: the lesson pane folded to its task line, or whole. */
ds_status cmd_lesson_pane(sess *s, const cmd_args *a, cmd_ctx *c)
{
    return lesson_pane_set(s, a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
}

ds_status cmd_lesson(sess *s, const cmd_args *a, cmd_ctx *c)
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

ds_status cmd_next(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_next(s, c->out, c->err);
}

ds_status cmd_back(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_back(s, c->out, c->err);
}

ds_status cmd_hint(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    c->flags |= CMDF_REDRAW;
    return lesson_hint(s, c->out, c->err);
}

ds_status cmd_answer(sess *s, const cmd_args *a, cmd_ctx *c)
{
    c->flags |= CMDF_REDRAW;
    return lesson_answer(s, a->rest, c->out, c->err);
}

ds_status cmd_skip(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_skip(s, c->out, c->err);
}

ds_status cmd_review(sess *s, const cmd_args *a, cmd_ctx *c)
{
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return lesson_review(s, a->argc == 2 ? a->argv[1] : NULL, c->out, c->err);
}
