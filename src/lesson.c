/* lesson.c — the lesson engine: opens a lesson on the live session, runs each step's
 * set-up commands so the plot shows the scene, checks tasks (commands run, answers
 * given, conditions on the session) and keeps the learner's progress. Writes what the
 * learner reads into an sbuf; never prints, never draws. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/cloud.h"
#include "descent/command.h"
#include "descent/i18n.h"
#include "descent/utf8.h"
#include "lesson_internal.h"

/* ---------------------------------------------------------------- messages */

typedef enum {
    M_LESSON,
    M_STEP,
    M_TASK,
    M_HINT,
    M_RIGHT,
    M_DONE,
    M_NOTED,
    M_NOTQUITE,
    M_GO_ON,
    M_NAV,
    M_RUN_PROMPT,
    M_NUM_PROMPT,
    M_CHOICE_PROMPT,
    M_NO_HINTS,
    M_LAST_HINT,
    M_RESUME,
    M_COMPLETE,
    M_NEXT_LESSON,
    M_ALL_DONE,
    M_CLOSED,
    M_ALREADY,
    M_DONE_MARK,
    M_STRICT,
    M_FIRST,
    M_NO_LESSON,
    M_NO_TASK,
    M_NOT_ANSWER,
    M_WANT_NUMBER,
    M_WANT_LETTER,
    M_SETUP_FAIL,
    M_SAVE_FAIL,
    M_LIST_HEAD,
    M_LIST_FOOT,
    M_LIST_DONE,
    M_LIST_STEP,
    M_LIST_NONE,
    M_LANG_SET,
    M_REVEAL,
    M_SKIPPED,
    M_SKIP_STRICT,
    M_SKIP_DONE,
    M_REVIEW_HEAD,
    M_REVIEW_NONE,
    M_REVIEW_FOOT,
    M_REVIEW_SKIPPED,
    M_REVIEW_REVEALED,
    M_REVIEW_OPEN,
    M_REVIEW_RANGE,
    M_SCORE,
    M_COUNT
} msg_id;

/* The engine's own sentences, in English; the interface language's catalogue
 * (po/LANG.po) translates them where they are said. */
static const char *const msgs[M_COUNT] = {
    [M_LESSON] = N_("Lesson %d"),
    [M_STEP] = N_("Step %d/%d"),
    [M_TASK] = N_("Task:"),
    [M_HINT] = N_("Hint %d/%d:"),
    [M_RIGHT] = N_("✓ Right!"),
    [M_DONE] = N_("✓ Done!"),
    [M_NOTED] = N_("✓ Noted."),
    [M_NOTQUITE] = N_("✗ Not quite."),
    [M_GO_ON] = N_("Type `next` to go on."),
    [M_NAV] = N_("(`next` goes on, `back` goes back, `hint` gives a hint)"),
    [M_RUN_PROMPT] = N_("Run `%s`."),
    [M_NUM_PROMPT] = N_("Reply with `answer NUMBER`."),
    [M_CHOICE_PROMPT] = N_("Reply with `answer LETTER`."),
    [M_NO_HINTS] = N_("This step has no hints: reread the text above."),
    [M_LAST_HINT] = N_("(that was the last hint)"),
    [M_RESUME] = N_("Resuming at step %d of %d (`lesson restart` starts over)."),
    [M_COMPLETE] = N_("Lesson complete: %s."),
    [M_NEXT_LESSON] = N_("Next: `lesson %d` (%s)."),
    [M_ALL_DONE] = N_("That was the last lesson. Well done!"),
    [M_CLOSED] = N_("Lesson closed at step %d of %d; `lesson %s` resumes there."),
    [M_ALREADY] = N_("Already done ✓ — type `next` to go on."),
    [M_DONE_MARK] = N_("✓ done"),
    [M_STRICT] = N_("this lesson is strict: do the step's task first (`hint` helps)"),
    [M_FIRST] = N_("this is the first step"),
    [M_NO_LESSON] = N_("no lesson is open: `lesson` lists them, `lesson N` opens one"),
    [M_NO_TASK] = N_("this step has no question; type `next` to go on"),
    [M_NOT_ANSWER] = N_("this step asks you to do something, not to answer: %s"),
    [M_WANT_NUMBER] = N_("`answer` wants a number here, like `answer -3` or `answer 2/3` (%s)"),
    [M_WANT_LETTER] = N_("`answer` wants one of the letters a to %c here"),
    [M_SETUP_FAIL] = N_("(lesson set-up: `%s` failed: %s)"),
    [M_SAVE_FAIL] = N_("(progress not saved: %s)"),
    [M_LIST_HEAD] = N_("Lessons:"),
    [M_LIST_FOOT] = N_("Open one with `lesson N`. Inside a lesson: `next`, `back`, `hint`, "
                       "`answer VALUE`, `skip`, `review`, `lesson quit`."),
    [M_LIST_DONE] = N_("done ✓"),
    [M_LIST_STEP] = N_("step %d/%d"),
    [M_LIST_NONE] = N_("No lessons in %s (set DESCENT_LESSONS to a directory of .lesson files)."),
    [M_LANG_SET] = N_("Lessons now open in `%s` where a translation exists, else in English; "
                      "descent's own messages follow where its catalogue has them."),
    [M_REVEAL] = N_("The answer is %s."),
    [M_SKIPPED] = N_("Skipped."),
    [M_SKIP_STRICT] = N_("this lesson is strict: it cannot be skipped (`hint` helps)"),
    [M_SKIP_DONE] = N_("The step's solution, run for you:"),
    [M_REVIEW_HEAD] = N_("Tasks to come back to in %s:"),
    [M_REVIEW_NONE] = N_("Nothing to review: every task so far was done by you."),
    [M_REVIEW_FOOT] = N_("`review N` opens step N to do it again."),
    [M_REVIEW_SKIPPED] = N_("skipped"),
    [M_REVIEW_REVEALED] = N_("answer shown"),
    [M_REVIEW_OPEN] = N_("not done"),
    [M_REVIEW_RANGE] = N_("`review N` wants a step from 1 to %d"),
    [M_SCORE] = N_("%d/%d tasks"),
};

static const char *msg(msg_id id)
{
    return _(msgs[id]);
}

/* ---------------------------------------------------------------- the engine state */

static lesson_run *run_new(void)
{
    lesson_run *l = ds_xcalloc(1, sizeof *l);
    sbuf_init(&l->feedback);
    sbuf_init(&l->pane);
    sbuf_init(&l->pane_body);
    sbuf_init(&l->pane_task);
    sbuf_init(&l->setup_errors);
    sbuf d;
    sbuf_init(&d);
    lesson_find_dir(&d);
    snprintf(l->dir, sizeof l->dir, "%s", sbuf_str(&d));
    sbuf_reset(&d);
    lesson_progress_path(&d);
    snprintf(l->progress, sizeof l->progress, "%s", sbuf_str(&d));
    sbuf_free(&d);
    lesson_lang_from_env(l->lang, sizeof l->lang);
    return l;
}

static void release_run(void *data)
{
    lesson_run_free(data);
}

/* The engine rides in the session's extension slot, so session.c need not know it. */
lesson_run *lesson_run_get(sess *s)
{
    if (!s->ext.data) {
        s->ext.data = run_new();
        s->ext.release = release_run;
    }
    return s->ext.data;
}

lesson_run *lesson_of(const sess *s)
{
    return s ? s->ext.data : NULL;
}

double lesson_prediction(const sess *s)
{
    const lesson_run *l = lesson_of(s);
    return l && l->cur ? l->prediction : NAN;
}

void lesson_session_dir(const sess *s, sbuf *out)
{
    if (lesson_of(s))
        sbuf_puts(out, lesson_of(s)->dir);
    else
        lesson_find_dir(out);
}

static void close_lesson(lesson_run *l)
{
    lesson_free(l->cur);
    l->cur = NULL;
    free(l->done);
    l->done = NULL;
    free(l->tries);
    l->tries = NULL;
    l->number = 0;
    l->step = 0;
    sbuf_reset(&l->feedback);
    sbuf_reset(&l->pane);
    sbuf_reset(&l->pane_body);
    sbuf_reset(&l->pane_task);
}

void lesson_run_free(lesson_run *l)
{
    if (!l) return;
    close_lesson(l);
    sbuf_free(&l->feedback);
    sbuf_free(&l->pane);
    sbuf_free(&l->pane_body);
    sbuf_free(&l->pane_task);
    sbuf_free(&l->setup_errors);
    free(l);
}

/* A language code: letters, digits, '_' and '-' only (it names a subdirectory). */
static int valid_lang(const char *lang)
{
    size_t n = strlen(lang);
    if (n == 0 || n >= 16) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)lang[i]) && lang[i] != '_' && lang[i] != '-') return 0;
    return 1;
}

/* The lessons' language is the interface's: the engine's messages, the panels and
 * command output all follow it (gettext; English without a catalogue). */
static void set_lang(lesson_run *l, const char *lang)
{
    if (!strcmp(lang, "en") || !strcmp(lang, "C") || !strcmp(lang, "default"))
        l->lang[0] = '\0';
    else
        snprintf(l->lang, sizeof l->lang, "%s", lang);
    i18n_set_lang(l->lang);
}

ds_status lesson_configure(sess *s, const lesson_config *cfg, ds_err *err)
{
    if (cfg->lang && *cfg->lang && !valid_lang(cfg->lang))
        return ds_err_set(err, DS_EARG, "--lang '%s' is not a language code; use one like ko or en",
                          cfg->lang);
    lesson_run *l = lesson_run_get(s);
    if (cfg->dir && *cfg->dir) snprintf(l->dir, sizeof l->dir, "%s", cfg->dir);
    if (cfg->lang && *cfg->lang) set_lang(l, cfg->lang);
    if (cfg->progress) snprintf(l->progress, sizeof l->progress, "%s", cfg->progress);
    l->save_progress = cfg->save_progress;
    l->configured = 1;
    return DS_OK;
}

void lesson_default_saving(sess *s, int interactive)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->configured) l->save_progress = interactive != 0;
}

ds_status lesson_set_lang(sess *s, const char *lang, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!lang) {
        sbuf_printf(out, "lang = %s\n", l->lang[0] ? l->lang : "en");
        return DS_OK;
    }
    if (!valid_lang(lang))
        return ds_err_set(err, DS_EARG, "'%s' is not a language code; use one like ko or en", lang);
    set_lang(l, lang);
    if (!l->lang[0]) {
        sbuf_printf(out, "%s\n", _("Lessons and messages are now in English."));
        return DS_OK;
    }
    sbuf_printf(out, msg(M_LANG_SET), l->lang);
    sbuf_puts(out, "\n");
    return DS_OK;
}

/* ---------------------------------------------------------------- progress */

static void save(lesson_run *l, int complete, sbuf *out)
{
    if (!l->cur || !l->save_progress) return;
    lesson *ls = l->cur;
    lesson_record *r = ds_xcalloc(1, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", ls->name);
    r->step = complete ? 0 : l->step;
    r->complete = complete;
    r->nsteps = ls->nsteps;
    for (int i = 0; i < ls->nsteps; i++) {
        r->state[i] = l->done[i];
        r->tries[i] = l->tries[i];
    }
    char why[LESSON_PATH_MAX + 128];
    if (lesson_progress_write(l->progress, r, why, sizeof why) != 0 && !l->save_warned) {
        l->save_warned = 1;
        if (out) {
            sbuf_printf(out, msg(M_SAVE_FAIL), why);
            sbuf_puts(out, "\n");
        }
    }
    free(r);
}

/* ---------------------------------------------------------------- rendering */

static const lesson_step *cur_step(const lesson_run *l)
{
    return l && l->cur ? &l->cur->steps[l->step] : NULL;
}

static int step_done(const lesson_run *l)
{
    const lesson_step *st = cur_step(l);
    return !st || st->kind == LESSON_TASK_NONE || l->done[l->step];
}

/* The task line the learner reads. */
static void task_prompt(const lesson_step *st, sbuf *o)
{
    switch (st->kind) {
    case LESSON_TASK_NONE: return;
    case LESSON_TASK_RUN:
        if (st->prompt)
            sbuf_puts(o, st->prompt);
        else
            sbuf_printf(o, msg(M_RUN_PROMPT), st->run);
        return;
    case LESSON_TASK_NUMBER:
    case LESSON_TASK_CHOICE:
        if (st->prompt) sbuf_printf(o, "%s ", st->prompt);
        if (!st->prompt || !strstr(st->prompt, "`answer"))
            sbuf_puts(o, msg(st->kind == LESSON_TASK_NUMBER ? M_NUM_PROMPT : M_CHOICE_PROMPT));
        return;
    case LESSON_TASK_EXPECT: sbuf_puts(o, st->prompt ? st->prompt : ""); return;
    }
}

/* The step's body and its choices, as marked-up text. */
static void step_body(const lesson_run *l, sbuf *o)
{
    const lesson_step *st = cur_step(l);
    sbuf_puts(o, st->text);
    if (st->nchoices) {
        sbuf_puts(o, "\n\n");
        for (int i = 0; i < st->nchoices; i++)
            sbuf_printf(o, "%c) %s\n", 'a' + i, st->choices[i].text);
    }
}

/* "Task: ..." with how it ended; nothing when the step has no task. */
static void step_task(const lesson_run *l, sbuf *o)
{
    const lesson_step *st = cur_step(l);
    if (st->kind == LESSON_TASK_NONE) return;
    sbuf_printf(o, "%s ", msg(M_TASK));
    task_prompt(st, o);
    int how = l->done[l->step];
    if (how == LESSON_DONE) sbuf_printf(o, " %s", msg(M_DONE_MARK));
    if (how == LESSON_SKIPPED || how == LESSON_REVEALED)
        sbuf_printf(o, " (%s)", msg(how == LESSON_SKIPPED ? M_REVIEW_SKIPPED : M_REVIEW_REVEALED));
}

/* The step as marked-up text: body, choices, task. */
static void step_source(const lesson_run *l, sbuf *o)
{
    const lesson_step *st = cur_step(l);
    step_body(l, o);
    if (st->kind != LESSON_TASK_NONE) {
        sbuf_puts(o, st->nchoices ? "\n" : "\n\n");
        step_task(l, o);
    }
}

/* The pane's texts, whole (lesson_pane_text) and in the parts the screen lays out: the
 * body and feedback scroll, the task line stays in view. */
static void rebuild_pane(lesson_run *l)
{
    sbuf_reset(&l->pane);
    sbuf_reset(&l->pane_body);
    sbuf_reset(&l->pane_task);
    l->pane_serial++;
    if (!l->cur) return;
    step_source(l, &l->pane);
    if (l->feedback.len) {
        sbuf_puts(&l->pane, "\n\n");
        sbuf_puts(&l->pane, sbuf_str(&l->feedback));
    }
    step_body(l, &l->pane_body);
    step_task(l, &l->pane_task);
}

/* Replace the feedback and print it. */
static void feedback(lesson_run *l, const char *text, sbuf *out)
{
    sbuf_reset(&l->feedback);
    sbuf_puts(&l->feedback, text);
    lesson_wrap(text, LESSON_OUT_WIDTH, LESSON_WRAP_PLAIN, out);
    rebuild_pane(l);
}

/* ---------------------------------------------------------------- opening a step */

void lesson_dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, cap, ".");
    else if (slash == path)
        snprintf(out, cap, "/");
    else
        snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/* Run one of the lesson's own command lines headless, in its sandbox (a lesson is
 * untrusted: it must not write the learner's files); its text goes to `shown` when
 * non-NULL. */
static ds_status run_line(sess *s, const char *lesson_path, const char *line, sbuf *shown,
                          ds_err *err)
{
    sbuf tmp;
    sbuf_init(&tmp);
    char dir[LESSON_PATH_MAX];
    lesson_dir_of(lesson_path, dir, sizeof dir);
    cmd_ctx ctx = {.out = &tmp, .err = err, .interactive = 0, .sandbox = dir};
    ds_status st = cmd_exec(s, line, &ctx);
    if (shown && st == DS_OK) {
        sbuf_printf(shown, "> %s\n", line);
        sbuf_puts(shown, sbuf_str(&tmp));
    }
    sbuf_free(&tmp);
    return st;
}

/* Open the current step: a fresh scene, the set-up commands, the text. `first`: the
 * lesson was just opened (say how to move around). */
static void open_step(lesson_run *l, sess *s, sbuf *out, int first)
{
    const lesson_step *st = cur_step(l);
    l->next_hint = 0;
    sbuf_reset(&l->feedback);
    if (!st->keep) {
        /* A fresh scene: one gd run at the default start, as in a new session. */
        ds_err e;
        runset_free(&s->runs);
        runset_init(&s->runs);
        runset_add(&s->runs, &s->obj, "gd", &e);
        /* each step draws only the overlays, data view and cloud its own set-up turns on */
        s->overlays = 0;
        s->direction[0] = 1, s->direction[1] = 0; /* grad's v, as in a new session */
        s->dataview = 0;
        cloud_free(s->cloud);
        s->cloud = NULL;
    }
    sbuf shown;
    sbuf_init(&shown);
    for (int i = 0; i < st->nsetup; i++) {
        const lesson_item *c = &st->setup[i];
        ds_err e;
        ds_err_clear(&e);
        if (run_line(s, l->cur->path, c->text, c->show ? &shown : NULL, &e) != DS_OK) {
            l->setup_failures++;
            sbuf_printf(&l->setup_errors, "%s:%d: `%s`: %s\n", l->cur->path, c->line, c->text,
                        e.msg);
            char where[LESSON_PATH_MAX + 600]; /* a refusal names the line at fault */
            snprintf(where, sizeof where, "%s:%d: %s", l->cur->path, c->line, e.msg);
            sbuf_printf(&shown, msg(M_SETUP_FAIL), c->text, where);
            sbuf_puts(&shown, "\n");
        }
    }
    int total = l->cur->nsteps;
    sbuf head;
    sbuf_init(&head);
    sbuf_printf(&head, msg(M_STEP), l->step + 1, total);
    sbuf_printf(out, "\n── %s · %s ──\n", sbuf_str(&head), st->title);
    sbuf_free(&head);
    lesson_wrap(st->text, LESSON_OUT_WIDTH, LESSON_WRAP_PLAIN, out);
    if (shown.len) {
        sbuf_puts(out, "\n");
        sbuf_puts(out, sbuf_str(&shown));
    }
    /* Choices and the task (the step's source after its text), then how to move on. */
    sbuf src;
    sbuf_init(&src);
    step_source(l, &src);
    const char *rest = sbuf_str(&src) + strlen(st->text);
    while (*rest == '\n')
        rest++;
    if (*rest) {
        sbuf_puts(out, "\n");
        lesson_wrap(rest, LESSON_OUT_WIDTH, LESSON_WRAP_PLAIN, out);
    }
    if (first) sbuf_printf(out, "%s\n", msg(M_NAV));
    sbuf_free(&src);
    sbuf_free(&shown);
    l->pane_opened++;
    rebuild_pane(l);
    save(l, 0, out);
}

/* ---------------------------------------------------------------- opening a lesson */

static int is_number(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return 0;
    return 1;
}

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    fclose(f);
    return 1;
}

/* The file for lesson `name` in the chosen language, falling back to the original.
 * *ui gets the language of the file chosen. */
static void lesson_file(const lesson_run *l, const char *name, char *path, size_t size, char *ui,
                        size_t uisize)
{
    if (l->lang[0]) {
        snprintf(path, size, "%s/%s/%s.lesson", l->dir, l->lang, name);
        if (file_exists(path)) {
            snprintf(ui, uisize, "%s", l->lang);
            return;
        }
    }
    snprintf(path, size, "%s/%s.lesson", l->dir, name);
    snprintf(ui, uisize, "%s", "");
}

/* Find `which` among the lesson names: a number, a name, or a unique part of one.
 * Returns the index or -1 (err filled). */
static int resolve(const lesson_run *l, char **names, int n, const char *which, ds_err *err)
{
    if (n == 0) {
        ds_err_set(err, DS_EUNKNOWN,
                   "no lessons in %s (set DESCENT_LESSONS to a directory of .lesson files)",
                   l->dir);
        return -1;
    }
    if (is_number(which)) {
        long k = strtol(which, NULL, 10);
        if (k >= 1 && k <= n) return (int)k - 1;
        ds_err_set(err, DS_ERANGE, "there is no lesson %s: the lessons are numbered 1 to %d", which,
                   n);
        return -1;
    }
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], which)) return i;
    int found = -1, count = 0;
    for (int i = 0; i < n; i++)
        if (strstr(names[i], which)) found = i, count++;
    if (count == 1) return found;
    if (count)
        ds_err_set(err, DS_EUNKNOWN, "more than one lesson matches '%s'; `lesson` lists them",
                   which);
    else
        ds_err_set(err, DS_EUNKNOWN, "no lesson matches '%s'; `lesson` lists them", which);
    return -1;
}

ds_status lesson_open(sess *s, const char *which, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    while (*which == ' ')
        which++;
    char path[LESSON_PATH_MAX + 64];
    char ui[16] = "";
    int number = 0;
    if (strchr(which, '/') || strstr(which, ".lesson")) {
        snprintf(path, sizeof path, "%s", which);
    } else {
        char **names;
        int n = lesson_names(l->dir, &names);
        int k = resolve(l, names, n, which, err);
        if (k >= 0) lesson_file(l, names[k], path, sizeof path, ui, sizeof ui);
        lesson_names_free(names, n);
        if (k < 0) return err->code;
        number = k + 1;
    }
    lesson *ls = lesson_load(path, err);
    if (!ls) return err->code;
    if (l->cur) save(l, 0, NULL);
    close_lesson(l);
    l->cur = ls;
    l->number = number;
    l->prediction = NAN;
    snprintf(l->ui, sizeof l->ui, "%s", ui);
    l->done = ds_xcalloc((size_t)ls->nsteps, 1);
    l->tries = ds_xcalloc((size_t)ls->nsteps, sizeof *l->tries);
    int resumed = 0;
    lesson_record *r = ds_xcalloc(1, sizeof *r);
    if (l->save_progress && lesson_progress_read(l->progress, ls->name, r)) {
        for (int i = 0; i < ls->nsteps && i < r->nsteps; i++) {
            l->done[i] = r->state[i];
            l->tries[i] = r->tries[i];
        }
        if (!r->complete && r->step > 0 && r->step < ls->nsteps) {
            l->step = r->step;
            resumed = 1;
        }
    }
    free(r);
    sbuf head;
    sbuf_init(&head);
    if (number) {
        sbuf_printf(&head, msg(M_LESSON), number);
        sbuf_puts(&head, " · ");
    }
    sbuf_printf(out, "%s%s\n", sbuf_str(&head), ls->title);
    sbuf_free(&head);
    if (resumed) {
        sbuf_printf(out, msg(M_RESUME), l->step + 1, ls->nsteps);
        sbuf_puts(out, "\n");
    }
    open_step(l, s, out, 1);
    return DS_OK;
}

ds_status lesson_restart(sess *s, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    memset(l->done, 0, (size_t)l->cur->nsteps);
    l->step = 0;
    open_step(l, s, out, 0);
    return DS_OK;
}

/* ---------------------------------------------------------------- moving */

ds_status lesson_next(sess *s, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    if (l->cur->strict && !step_done(l)) return ds_err_set(err, DS_ESTATE, "%s", msg(M_STRICT));
    if (l->step + 1 < l->cur->nsteps) {
        l->step++;
        open_step(l, s, out, 0);
        return DS_OK;
    }
    /* The end: record it, suggest the next lesson, close. */
    save(l, 1, out);
    sbuf_printf(out, msg(M_COMPLETE), l->cur->title);
    sbuf_puts(out, "\n");
    if (l->number) {
        char **names;
        int n = lesson_names(l->dir, &names);
        if (l->number < n) {
            char path[LESSON_PATH_MAX + 64], ui[16];
            lesson_file(l, names[l->number], path, sizeof path, ui, sizeof ui);
            ds_err e;
            lesson *nx = lesson_load(path, &e);
            sbuf_printf(out, msg(M_NEXT_LESSON), l->number + 1, nx ? nx->title : names[l->number]);
            sbuf_puts(out, "\n");
            lesson_free(nx);
        } else {
            sbuf_printf(out, "%s\n", msg(M_ALL_DONE));
        }
        lesson_names_free(names, n);
    }
    close_lesson(l);
    return DS_OK;
}

ds_status lesson_back(sess *s, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    if (l->step == 0) return ds_err_set(err, DS_ESTATE, "%s", msg(M_FIRST));
    l->step--;
    open_step(l, s, out, 0);
    return DS_OK;
}

ds_status lesson_quit(sess *s, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    save(l, 0, out);
    char which[64];
    if (l->number)
        snprintf(which, sizeof which, "%d", l->number);
    else
        snprintf(which, sizeof which, "%s", l->cur->path);
    sbuf_printf(out, msg(M_CLOSED), l->step + 1, l->cur->nsteps, which);
    sbuf_puts(out, "\n");
    close_lesson(l);
    return DS_OK;
}

/* ---------------------------------------------------------------- tasks */

/* The next hint, as "Hint k/n: text" (appended to `o`). */
static void next_hint(lesson_run *l, sbuf *o)
{
    const lesson_step *st = cur_step(l);
    if (st->nhints == 0) {
        sbuf_puts(o, msg(M_NO_HINTS));
        return;
    }
    int k = l->next_hint < st->nhints ? l->next_hint : st->nhints - 1;
    sbuf_printf(o, msg(M_HINT), k + 1, st->nhints);
    sbuf_printf(o, " %s", st->hints[k].text);
    if (l->next_hint >= st->nhints) sbuf_printf(o, " %s", msg(M_LAST_HINT));
    l->next_hint++;
}

ds_status lesson_hint(sess *s, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    const lesson_step *st = cur_step(l);
    if (st->kind == LESSON_TASK_NONE) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_TASK));
    sbuf t;
    sbuf_init(&t);
    next_hint(l, &t);
    feedback(l, sbuf_str(&t), out);
    sbuf_free(&t);
    return DS_OK;
}

/* The right answer as the learner would type it: "b) a saddle point", "-398". */
static void right_answer(const lesson_step *st, sbuf *o)
{
    if (st->kind == LESSON_TASK_CHOICE)
        sbuf_printf(o, "%c) %s", 'a' + st->choice, st->choices[st->choice].text);
    else
        sbuf_puts(o, st->answer);
}

/* The task is finished: `how` is LESSON_DONE (by the learner), LESSON_SKIPPED or
 * LESSON_REVEALED. Explain why, remember it. */
static void task_finish(lesson_run *l, sess *s, int how, sbuf *out)
{
    const lesson_step *st = cur_step(l);
    l->done[l->step] = (unsigned char)how;
    sbuf t;
    sbuf_init(&t);
    /* A prediction has no right answer to reveal: it is noted or skipped. */
    int answered =
        (st->kind == LESSON_TASK_NUMBER && !st->predict) || st->kind == LESSON_TASK_CHOICE;
    if (how == LESSON_DONE) {
        sbuf_printf(&t, "%s ", msg(st->predict ? M_NOTED : answered ? M_RIGHT : M_DONE));
    } else if (answered) {
        sbuf right;
        sbuf_init(&right);
        right_answer(st, &right);
        sbuf_printf(&t, msg(M_REVEAL), sbuf_str(&right));
        sbuf_puts(&t, " ");
        sbuf_free(&right);
    } else {
        sbuf_printf(&t, "%s ", msg(M_SKIPPED));
    }
    lesson_fill(s, st->why, &t);
    sbuf_printf(&t, "\n\n%s", msg(M_GO_ON));
    feedback(l, sbuf_str(&t), out);
    sbuf_free(&t);
    save(l, 0, out);
}

static void task_done(lesson_run *l, sess *s, sbuf *out)
{
    task_finish(l, s, LESSON_DONE, out);
}

/* A wrong attempt: the stored note for it, or the next hint. After the lesson's limit
 * of wrong answers (`tries:` for choices, `reveal_after:` for numbers) the answer is
 * shown and explained instead of leaving the learner stuck. */
static void task_wrong(lesson_run *l, sess *s, const char *note, sbuf *out)
{
    const lesson_step *st = cur_step(l);
    l->tries[l->step]++;
    int limit = st->kind == LESSON_TASK_CHOICE   ? l->cur->choice_tries
                : st->kind == LESSON_TASK_NUMBER ? l->cur->reveal_after
                                                 : 0;
    sbuf t;
    sbuf_init(&t);
    sbuf_printf(&t, "%s ", msg(M_NOTQUITE));
    if (note)
        lesson_fill(s, note, &t);
    else if (!limit || l->tries[l->step] < limit)
        next_hint(l, &t);
    feedback(l, sbuf_str(&t), out);
    if (limit && l->tries[l->step] >= limit) {
        sbuf shown;
        sbuf_init(&shown);
        sbuf_puts(&shown, "\n");
        task_finish(l, s, LESSON_REVEALED, &shown);
        /* The pane keeps both: what was wrong, then the answer. */
        sbuf both;
        sbuf_init(&both);
        sbuf_printf(&both, "%s\n%s", sbuf_str(&t), sbuf_str(&l->feedback));
        sbuf_reset(&l->feedback);
        sbuf_puts(&l->feedback, sbuf_str(&both));
        rebuild_pane(l);
        sbuf_puts(out, sbuf_str(&shown));
        sbuf_free(&both);
        sbuf_free(&shown);
    } else {
        save(l, 0, out);
    }
    sbuf_free(&t);
}

ds_status lesson_answer(sess *s, const char *given, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    const lesson_step *st = cur_step(l);
    if (st->kind == LESSON_TASK_NONE) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_TASK));
    if (st->kind == LESSON_TASK_RUN || st->kind == LESSON_TASK_EXPECT) {
        sbuf t;
        sbuf_init(&t);
        task_prompt(st, &t);
        ds_err_set(err, DS_ESTATE, msg(M_NOT_ANSWER), sbuf_str(&t));
        sbuf_free(&t);
        return DS_ESTATE;
    }
    while (*given == ' ')
        given++;
    if (l->done[l->step]) {
        sbuf_printf(out, "%s\n", msg(M_ALREADY));
        return DS_OK;
    }
    if (st->kind == LESSON_TASK_CHOICE) {
        char c = (char)tolower((unsigned char)given[0]);
        int ok = c >= 'a' && c < 'a' + st->nchoices &&
                 (given[1] == '\0' || (given[1] == ')' && given[2] == '\0'));
        if (!ok) return ds_err_set(err, DS_EARG, msg(M_WANT_LETTER), 'a' + st->nchoices - 1);
        if (c - 'a' == st->choice) {
            task_done(l, s, out);
            return DS_OK;
        }
        const char *note = NULL;
        for (int i = 0; i < st->nwrong; i++)
            if (st->wrong[i].text[0] == c) note = st->wrong[i].note;
        task_wrong(l, s, note, out);
        return DS_OK;
    }
    double v;
    ds_err e;
    ds_err_clear(&e);
    if (lesson_calc(given, &v, &e) != DS_OK)
        return ds_err_set(err, DS_EARG, msg(M_WANT_NUMBER), e.msg);
    if (st->predict) { /* a prediction is never wrong: keep it for {answer} */
        l->prediction = v;
        task_done(l, s, out);
        return DS_OK;
    }
    if (fabs(v - st->value) <= st->tol) {
        task_done(l, s, out);
        return DS_OK;
    }
    const char *note = NULL;
    for (int i = 0; i < st->nwrong && !note; i++) {
        double w;
        if (lesson_calc(st->wrong[i].text, &w, &e) == DS_OK &&
            fabs(v - w) <= fmax(st->tol, 1e-9 * fmax(1, fabs(w))))
            note = st->wrong[i].note;
    }
    task_wrong(l, s, note, out);
    return DS_OK;
}

/* ---------------------------------------------------------------- skip and review */

ds_status lesson_skip(sess *s, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    const lesson_step *st = cur_step(l);
    if (!step_done(l)) {
        if (l->cur->strict) return ds_err_set(err, DS_ESTATE, "%s", msg(M_SKIP_STRICT));
        if (st->kind == LESSON_TASK_RUN || st->kind == LESSON_TASK_EXPECT) {
            /* Do the task for the learner, so the next steps see its result. */
            sbuf shown;
            sbuf_init(&shown);
            for (int i = 0; i < st->nsolution; i++) {
                ds_err e;
                run_line(s, l->cur->path, st->solution[i].text, &shown, &e);
            }
            if (st->nsolution == 0 && st->kind == LESSON_TASK_RUN) {
                ds_err e;
                run_line(s, l->cur->path, st->run, &shown, &e);
            }
            sbuf_printf(out, "%s\n%s", msg(M_SKIP_DONE), sbuf_str(&shown));
            sbuf_free(&shown);
        }
        task_finish(l, s, LESSON_SKIPPED, out);
    }
    return lesson_next(s, out, err);
}

ds_status lesson_review(sess *s, const char *which, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (!l->cur) return ds_err_set(err, DS_ESTATE, "%s", msg(M_NO_LESSON));
    const lesson *ls = l->cur;
    if (which && *which) {
        char *end;
        long k = strtol(which, &end, 10);
        if (*end || end == which || k < 1 || k > ls->nsteps)
            return ds_err_set(err, DS_EARG, msg(M_REVIEW_RANGE), ls->nsteps);
        /* Redo: the task is open again until the learner does it. */
        if (l->done[k - 1] == LESSON_SKIPPED || l->done[k - 1] == LESSON_REVEALED)
            l->done[k - 1] = LESSON_OPEN;
        l->step = (int)k - 1;
        open_step(l, s, out, 0);
        return DS_OK;
    }
    int listed = 0;
    for (int i = 0; i < ls->nsteps; i++) {
        const lesson_step *st = &ls->steps[i];
        int state = l->done[i];
        msg_id why = state == LESSON_SKIPPED    ? M_REVIEW_SKIPPED
                     : state == LESSON_REVEALED ? M_REVIEW_REVEALED
                                                : M_REVIEW_OPEN;
        /* Missed: skipped, revealed, or left open on a step already passed. */
        if (st->kind == LESSON_TASK_NONE || state == LESSON_DONE) continue;
        if (state == LESSON_OPEN && i >= l->step) continue;
        if (!listed++) {
            sbuf_printf(out, msg(M_REVIEW_HEAD), ls->title);
            sbuf_puts(out, "\n");
        }
        sbuf_printf(out, "  %3d  %s — %s", i + 1, st->title, msg(why));
        if (l->tries[i]) sbuf_printf(out, " (%d ✗)", l->tries[i]);
        sbuf_puts(out, "\n");
    }
    sbuf_printf(out, "%s\n", msg(listed ? M_REVIEW_FOOT : M_REVIEW_NONE));
    return DS_OK;
}

/* ---------------------------------------------------------------- after a command */

#define MAXTOK 48

/* Split a command line into words (in `buf`). */
static int split_words(const char *line, char *buf, size_t size, char **w)
{
    snprintf(buf, size, "%s", line);
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(buf, " \t\r\n", &save); p && n < MAXTOK;
         p = strtok_r(NULL, " \t\r\n", &save))
        w[n++] = p;
    return n;
}

static int same_token(const char *want, const char *got)
{
    if (!strcmp(want, "*")) return 1;
    char *e1, *e2;
    double a = strtod(want, &e1), b = strtod(got, &e2);
    if (e1 != want && !*e1 && e2 != got && !*e2) return fabs(a - b) <= 1e-9 * fmax(1, fabs(a));
    return !strcmp(want, got);
}

/* Positional words in order (spacing inside formulas ignored), key=value words as a
 * set; "*" matches any one word, "..." any rest. */
static int command_matches(const char *want, const char *got)
{
    char b1[1024], b2[1024];
    char *w[MAXTOK], *g[MAXTOK];
    int nw = split_words(want, b1, sizeof b1, w), ng = split_words(got, b2, sizeof b2, g);
    if (nw == 0 || ng == 0 || strcmp(w[0], g[0]) != 0) return 0;
    char *wp[MAXTOK] = {0}, *gp[MAXTOK] = {0}, *wk[MAXTOK] = {0}, *gk[MAXTOK] = {0};
    int nwp = 0, ngp = 0, nwk = 0, ngk = 0, rest = 0;
    for (int i = 1; i < nw; i++) {
        if (!strcmp(w[i], "..."))
            rest = 1;
        else if (strchr(w[i], '=') && w[i][0] != '=')
            wk[nwk++] = w[i];
        else
            wp[nwp++] = w[i];
    }
    for (int i = 1; i < ng; i++) {
        if (strchr(g[i], '=') && g[i][0] != '=')
            gk[ngk++] = g[i];
        else
            gp[ngp++] = g[i];
    }
    for (int i = 0; i < nwk; i++) {
        size_t kl = (size_t)(strchr(wk[i], '=') - wk[i]);
        int ok = 0;
        for (int j = 0; j < ngk && !ok; j++)
            ok = !strncmp(wk[i], gk[j], kl + 1) && same_token(wk[i] + kl + 1, gk[j] + kl + 1);
        if (!ok) return 0;
    }
    if (!rest && nwk != ngk) return 0;
    if (rest ? ngp < nwp : ngp != nwp) {
        if (rest) return 0;
        /* A formula typed with other spacing: compare without blanks. */
        char a[1024] = "", b[1024] = "";
        for (int i = 0; i < nwp; i++)
            strncat(a, wp[i], sizeof a - strlen(a) - 1);
        for (int i = 0; i < ngp; i++)
            strncat(b, gp[i], sizeof b - strlen(b) - 1);
        return !strcmp(a, b);
    }
    for (int i = 0; i < nwp; i++)
        if (!same_token(wp[i], gp[i])) return 0;
    return 1;
}

static int is_lesson_word(const char *w)
{
    static const char *const names[] = {"lesson", "next", "back", "hint", "answer", NULL};
    for (int i = 0; names[i]; i++)
        if (!strcmp(names[i], w)) return 1;
    return 0;
}

int lesson_after_command(sess *s, const char *line, ds_status status, sbuf *out)
{
    lesson_run *l = lesson_of(s);
    if (!l || !l->cur) return 0;
    const lesson_step *st = cur_step(l);
    if (line) {
        char buf[1024], *w[MAXTOK];
        int n = split_words(line, buf, sizeof buf, w);
        if (n == 0 || w[0][0] == '#' || is_lesson_word(w[0])) return 0;
    }
    if (l->done[l->step]) return 0;
    if (st->kind == LESSON_TASK_RUN && line && status == DS_OK) {
        if (command_matches(st->run, line)) {
            task_done(l, s, out);
            return 1;
        }
        char b1[1024], b2[1024], *w[MAXTOK], *g[MAXTOK];
        if (split_words(st->run, b1, sizeof b1, w) && split_words(line, b2, sizeof b2, g) &&
            !strcmp(w[0], g[0])) {
            const char *note = NULL;
            for (int i = 0; i < st->nwrong && !note; i++)
                if (command_matches(st->wrong[i].text, line)) note = st->wrong[i].note;
            task_wrong(l, s, note, out);
            return 1;
        }
        return 0;
    }
    if (st->kind == LESSON_TASK_EXPECT) {
        int holds = 0;
        ds_err e;
        if (lesson_cond(s, st->expect, &holds, &e) == DS_OK && holds) {
            task_done(l, s, out);
            return 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- listing */

/* Tasks of `ls` finished in `r`: done by the learner, and skipped or revealed. */
static void score(const lesson *ls, const lesson_record *r, int *done, int *given, int *tasks)
{
    *done = *given = *tasks = 0;
    for (int i = 0; i < ls->nsteps; i++) {
        if (ls->steps[i].kind == LESSON_TASK_NONE) continue;
        (*tasks)++;
        int st = i < r->nsteps ? r->state[i] : LESSON_OPEN;
        *done += st == LESSON_DONE;
        *given += st == LESSON_SKIPPED || st == LESSON_REVEALED;
    }
}

/* "▰▰▰▱▱▱▱▱ 3/8 tasks" — a bar of 8 cells, filled by the tasks the learner did. */
static void score_bar(const lesson *ls, const lesson_record *r, sbuf *o)
{
    int done, given, tasks;
    score(ls, r, &done, &given, &tasks);
    if (tasks == 0) return;
    int full = (done * 8 + tasks / 2) / tasks;
    for (int k = 0; k < 8; k++)
        sbuf_puts(o, k < full ? "▰" : "▱");
    sbuf_puts(o, " ");
    sbuf_printf(o, msg(M_SCORE), done, tasks);
    if (given) sbuf_printf(o, " (+%d %s)", given, msg(M_REVIEW_SKIPPED));
}

/* A lesson's line in `lesson`: where the learner is, and the score bar. */
static void list_status(const lesson *ls, const lesson_record *r, sbuf *o)
{
    if (r->complete)
        sbuf_puts(o, msg(M_LIST_DONE));
    else
        sbuf_printf(o, msg(M_LIST_STEP), r->step < ls->nsteps ? r->step + 1 : 1,
                    ls->nsteps); /* a step past the end: the file was edited */
    sbuf_puts(o, "  ");
    score_bar(ls, r, o);
}

ds_status lesson_list(sess *s, sbuf *out, ds_err *err)
{
    (void)err;
    lesson_run *l = lesson_run_get(s);
    char **names;
    int n = lesson_names(l->dir, &names);
    if (n == 0) {
        sbuf_printf(out, msg(M_LIST_NONE), l->dir);
        sbuf_puts(out, "\n");
        return DS_OK;
    }
    sbuf_printf(out, "%s\n", msg(M_LIST_HEAD));
    for (int i = 0; i < n; i++) {
        char path[LESSON_PATH_MAX + 64], ui[16];
        lesson_file(l, names[i], path, sizeof path, ui, sizeof ui);
        ds_err e;
        lesson *ls = lesson_load(path, &e);
        int open = l->cur && l->number == i + 1;
        sbuf_printf(out, "%c%3d  ", open ? '>' : ' ', i + 1);
        if (!ls) {
            sbuf_printf(out, "%s  (%s)\n", names[i], e.msg);
            continue;
        }
        sbuf_puts(out, ls->title);
        int w = utf8_width(ls->title, strlen(ls->title));
        sbuf status;
        sbuf_init(&status);
        lesson_record *r = ds_xcalloc(1, sizeof *r);
        if (open) {
            r->step = l->step;
            r->nsteps = ls->nsteps;
            memcpy(r->state, l->done, (size_t)ls->nsteps);
            list_status(ls, r, &status);
        } else if (l->save_progress && lesson_progress_read(l->progress, ls->name, r)) {
            list_status(ls, r, &status);
        }
        free(r);
        if (status.len) sbuf_printf(out, "%*s  %s", w < 40 ? 40 - w : 0, "", sbuf_str(&status));
        sbuf_puts(out, "\n");
        sbuf_free(&status);
        lesson_free(ls);
    }
    lesson_names_free(names, n);
    lesson_wrap(msg(M_LIST_FOOT), LESSON_OUT_WIDTH, LESSON_WRAP_PLAIN, out);
    return DS_OK;
}

/* ---------------------------------------------------------------- the pane */

int lesson_active(const lesson_run *l)
{
    return l && l->cur;
}

const char *lesson_pane_title(const lesson_run *l)
{
    return lesson_active(l) ? l->cur->title : "";
}

int lesson_pane_number(const lesson_run *l)
{
    return lesson_active(l) ? l->number : 0;
}

int lesson_pane_step(const lesson_run *l, int *total)
{
    if (total) *total = lesson_active(l) ? l->cur->nsteps : 0;
    return lesson_active(l) ? l->step + 1 : 0;
}

const char *lesson_pane_step_title(const lesson_run *l)
{
    return lesson_active(l) ? l->cur->steps[l->step].title : "";
}

const char *lesson_pane_text(const lesson_run *l)
{
    return lesson_active(l) ? sbuf_str(&l->pane) : "";
}

int lesson_pane_done(const lesson_run *l)
{
    return lesson_active(l) ? step_done(l) : 0;
}

const char *lesson_pane_body(const lesson_run *l)
{
    return lesson_active(l) ? sbuf_str(&l->pane_body) : "";
}

const char *lesson_pane_feedback(const lesson_run *l)
{
    return lesson_active(l) ? sbuf_str(&l->feedback) : "";
}

const char *lesson_pane_task(const lesson_run *l)
{
    return lesson_active(l) ? sbuf_str(&l->pane_task) : "";
}

void lesson_pane_score(const lesson_run *l, sbuf *out)
{
    if (!lesson_active(l)) return;
    lesson_record *r = ds_xcalloc(1, sizeof *r);
    r->nsteps = l->cur->nsteps;
    memcpy(r->state, l->done, (size_t)l->cur->nsteps);
    score_bar(l->cur, r, out);
    free(r);
}

unsigned lesson_pane_serial(const lesson_run *l, unsigned *opened)
{
    if (opened) *opened = l ? l->pane_opened : 0;
    return l ? l->pane_serial : 0;
}

int lesson_pane_collapsed(const lesson_run *l)
{
    return l ? l->pane_collapsed : 0;
}

ds_status lesson_pane_set(sess *s, const char *how, sbuf *out, ds_err *err)
{
    lesson_run *l = lesson_run_get(s);
    if (how && !strcmp(how, "collapse"))
        l->pane_collapsed = 1;
    else if (how && !strcmp(how, "expand"))
        l->pane_collapsed = 0;
    else if (how && !strcmp(how, "toggle"))
        l->pane_collapsed = !l->pane_collapsed;
    else if (how)
        return ds_err_set(err, DS_EARG, "lesson pane takes collapse, expand or toggle, not '%s'",
                          how);
    sbuf_puts(out, l->pane_collapsed
                       ? _("lesson pane: collapsed to the task line (lesson pane expand, or F7)\n")
                       : _("lesson pane: expanded (lesson pane collapse, or F7, keeps the task "
                           "line only)\n"));
    return DS_OK;
}
