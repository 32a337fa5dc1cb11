/* complete.c — what Tab offers at the cursor: the command's row says what its arguments
 * are (cmd_spec.complete), and the tables behind it supply the words. Pure: the front end
 * (repl.c) hands over its line and shows the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/command.h"
#include "descent/complete.h"
#include "descent/overlay.h"
#include "descent/lesson.h"
#include "descent/objective.h"
#include "descent/opt.h"
#include "descent/run.h"
#include "descent/schedule.h"

#define MAXWORDS 8 /* words before the cursor's that decide what it completes */

typedef struct {
    cmd_candidates *out;
    const char *prefix; /* the part of the word already typed */
    size_t plen;
} adder;

/* Offer `word` (followed by `suffix`, "" or "=") when it begins with what was typed and
 * is not offered yet. */
static void offer(adder *a, const char *word, const char *suffix)
{
    if (!word || a->out->n >= CMD_COMPLETE_MAX) return;
    char buf[128];
    snprintf(buf, sizeof buf, "%s%s", word, suffix);
    if (strncmp(buf, a->prefix, a->plen) != 0) return;
    for (int i = 0; i < a->out->n; i++)
        if (!strcmp(a->out->words[i], buf)) return;
    size_t n = strlen(buf) + 1;
    a->out->words[a->out->n] = memcpy(ds_xmalloc(n), buf, n);
    a->out->n++;
}

static void offer_commands(adder *a)
{
    for (int i = 0; i < cmd_count(); i++)
        offer(a, cmd_at(i)->name, "");
}

static void offer_objectives(adder *a)
{
    for (int i = 0; i < obj_catalog_count; i++)
        offer(a, obj_catalog[i].name, "");
}

static void offer_algorithms(adder *a)
{
    for (int i = 0; opt_algo_name(i); i++)
        offer(a, opt_algo_name(i), "");
}

/* Parameter keys of `algo`, as "key=" when the command takes key=value words. */
static void offer_param_keys(adder *a, const char *algo, int with_eq)
{
    for (int i = 0; opt_param_name(algo, i); i++)
        offer(a, opt_param_name(algo, i), with_eq ? "=" : "");
    if (with_eq) a->out->no_space = 1;
}

/* The lesson names (NAME.lesson in the lesson directory), which `lesson NAME` opens. */
static void offer_lessons(adder *a, const sess *s)
{
    sbuf dir;
    sbuf_init(&dir);
    lesson_session_dir(s, &dir);
    char **names;
    int n = lesson_names(sbuf_str(&dir), &names);
    for (int i = 0; i < n; i++)
        offer(a, names[i], "");
    lesson_names_free(names, n);
    sbuf_free(&dir);
}

static const char *selected_algo(const sess *s)
{
    if (!s || s->runs.selected < 0 || s->runs.selected >= runset_count(&s->runs)) return NULL;
    return run_algo_name(runset_get(&s->runs, s->runs.selected));
}

/* What to offer after `help`: command names (and algo, func), or after `help algo` /
 * `help func` a name. The words after `help` then count as one. */
static cmd_completion help_kind(adder *a, char **w, int *nw)
{
    int n = *nw;
    *nw = 1;
    if (n == 1) {
        offer(a, "algo", "");
        offer(a, "func", "");
        return CMPL_COMMAND;
    }
    if (n == 2 && !strcmp(w[1], "algo")) return CMPL_ALGO;
    if (n == 2 && !strcmp(w[1], "func")) return CMPL_FUNC;
    return CMPL_NONE;
}

/* Offer what a row's completion kind names, given the nw words before the cursor. */
static void offer_kind(adder *a, const sess *s, const cmd_spec *spec, cmd_completion kind, char **w,
                       int nw)
{
    switch (kind) {
    case CMPL_COMMAND:
        if (nw == 1) offer_commands(a);
        break;
    case CMPL_FUNC:
        if (nw == 1) offer_objectives(a);
        break;
    case CMPL_ALGO:
        if (nw == 1)
            offer_algorithms(a);
        else
            offer_param_keys(a, w[1], 1);
        break;
    case CMPL_PARAM: {
        int is_set = !strcmp(w[0], "set");
        int with_eq = !is_set && strchr(spec->synopsis, '=') != NULL;
        if (is_set && nw > 1) break; /* set KEY VALUE: nothing to offer for the value */
        if (is_set)
            for (const opt_param *p = cmd_settings; p->name; p++)
                offer(a, p->name, "");
        const char *algo = selected_algo(s);
        if (algo) offer_param_keys(a, algo, with_eq);
        break;
    }
    case CMPL_SCHED:
        if (nw == 1) {
            for (int i = 0; sched_name(i); i++)
                offer(a, sched_name(i), "");
        } else {
            for (int i = 0; sched_param_name(w[1], i); i++)
                offer(a, sched_param_name(w[1], i), "=");
            a->out->no_space = 1;
        }
        break;
    case CMPL_WORDS:
        /* A subcommand comes first; words (on, off, log, ...) anywhere. */
        for (const cmd_sub *u = spec->subs; nw == 1 && u && u->name; u++)
            offer(a, u->name, "");
        for (const vocab_word *v = spec->words; v && v->name; v++)
            offer(a, v->name, "");
        if (!strcmp(spec->name, "lesson") && nw == 1) offer_lessons(a, s);
        break;
    case CMPL_OVERLAY:
        for (int i = 0; nw == 1 && i < overlay_count; i++)
            offer(a, overlay_table[i].name, "");
        for (const vocab_word *v = cmd_onoff_words; nw == 2 && v->name; v++)
            offer(a, v->name, "");
        break;
    case CMPL_FILE: a->out->files = 1; break;
    default: break;
    }
}

int cmd_complete(const sess *s, const char *line, int cursor, cmd_candidates *out)
{
    memset(out, 0, sizeof *out);
    int len = (int)strlen(line);
    if (cursor < 0 || cursor > len) cursor = len;
    int start = cursor;
    while (start > 0 && !strchr(CMD_COMPLETE_BREAKS, line[start - 1]))
        start--;
    int seg = start;
    while (seg > 0 && line[seg - 1] != ';')
        seg--;
    out->start = start;

    /* The words of this command before the one being completed. */
    char buf[1024];
    int n = start - seg < (int)sizeof buf - 1 ? start - seg : (int)sizeof buf - 1;
    memcpy(buf, line + seg, (size_t)n);
    buf[n] = '\0';
    char *w[MAXWORDS + 1] = {0};
    int nw = 0;
    for (char *tok = strtok(buf, " \t"); tok && nw < MAXWORDS; tok = strtok(NULL, " \t"))
        w[nw++] = tok;

    char typed[256];
    snprintf(typed, sizeof typed, "%.*s", cursor - start, line + start);
    adder a = {.out = out, .prefix = typed, .plen = strlen(typed)};
    if (nw == 0) {
        offer_commands(&a);
        return out->n;
    }
    const cmd_spec *spec = cmd_find(w[0]);
    if (!spec) return 0;
    cmd_completion kind = spec->complete;
    if (!strcmp(w[0], "help")) kind = help_kind(&a, w, &nw);
    offer_kind(&a, s, spec, kind, w, nw);
    if (out->n == 0) out->no_space = 0;
    return out->n;
}

void cmd_candidates_free(cmd_candidates *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->words[i]);
    c->n = 0;
}
