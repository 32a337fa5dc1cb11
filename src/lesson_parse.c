/* lesson_parse.c — reads a lesson file (the format of lessons/README.md) into steps:
 * keyed lines ("do:", "answer:", ...) and free text. Every problem is reported as
 * "FILE:LINE: what was wrong, and what would be right"; nothing here crashes on bad
 * input. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/text.h"
#include "descent/utf8.h"
#include "lesson_internal.h"

/* ---------------------------------------------------------------- keys */

typedef enum {
    K_TITLE,
    K_STRICT,
    K_STEP,
    K_SUMMARY,
    K_DO,
    K_SHOW,
    K_KEEP,
    K_TASK,
    K_RUN,
    K_ANSWER,
    K_CHOICE,
    K_EXPECT,
    K_SOLUTION,
    K_WRONG,
    K_HINT,
    K_WHY,
    K_VERIFY,
    K_TRIES,
    K_REVEAL,
    K_NONE
} key_id;

static const struct {
    const char *name;
    int header; /* 1: allowed before the first step, 0: inside steps */
} keys[] = {
    [K_TITLE] = {"title", 1},
    [K_STRICT] = {"strict", 1},
    [K_STEP] = {"step", 2},
    [K_SUMMARY] = {"summary", 2},
    [K_DO] = {"do", 0},
    [K_SHOW] = {"show", 0},
    [K_KEEP] = {"keep", 0},
    [K_TASK] = {"task", 0},
    [K_RUN] = {"run", 0},
    [K_ANSWER] = {"answer", 0},
    [K_CHOICE] = {"choice", 0},
    [K_EXPECT] = {"expect", 0},
    [K_SOLUTION] = {"solution", 0},
    [K_WRONG] = {"wrong", 0},
    [K_HINT] = {"hint", 0},
    [K_WHY] = {"why", 0},
    [K_VERIFY] = {"verify", 0},
    [K_TRIES] = {"tries", 1},
    [K_REVEAL] = {"reveal_after", 1},
};

/* A header count: a whole number from 1 to 99. */
static int small_count(const char *v, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == v || *end || n < 1 || n > 99) return 0;
    *out = (int)n;
    return 1;
}

/* "name:" at the start of a line made of lower-case ASCII letters, followed by a space
 * or the end. Sets *value to the text after the colon (spaces skipped) and the word to
 * `word`; returns the key, or K_NONE for anything else (text, including unknown words
 * such as "on:" that a reflowed sentence may start with). */
static int key_of(const char *line, const char **value, char *word, size_t wsize)
{
    size_t n = 0;
    word[0] = '\0';
    while ((line[n] >= 'a' && line[n] <= 'z') || (n > 0 && line[n] == '_'))
        n++;
    if (n == 0 || line[n] != ':' || (line[n + 1] && line[n + 1] != ' ' && line[n + 1] != '\t'))
        return K_NONE;
    snprintf(word, wsize, "%.*s", (int)n, line);
    const char *v = line + n + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    *value = v;
    for (int k = 0; k < K_NONE; k++)
        if (strlen(keys[k].name) == n && strncmp(keys[k].name, line, n) == 0) return k;
    return K_NONE;
}

/* A word that is probably a misspelt key ("hnit"): within two edits of one, and long
 * enough that ordinary words ("on", "so") do not qualify. */
static const char *misspelt_key(const char *word)
{
    if (strlen(word) < 3) return NULL;
    for (int k = 0; k < K_NONE; k++) {
        int d = text_edit_distance(word, keys[k].name);
        if (d <= (strlen(keys[k].name) <= 3 ? 1 : 2)) return keys[k].name;
    }
    return NULL;
}

/* ---------------------------------------------------------------- building */

typedef struct {
    const char *path;
    int line; /* the line being read */
    ds_err *err;
    lesson *l;
    lesson_step *st;  /* the step being filled, NULL in the header */
    sbuf body;        /* the current step's text */
    char **cont;      /* the string an indented line continues, NULL when none */
    size_t cont_len;  /* strlen(*cont), kept so appending is not a rescan */
    size_t cont_cap;  /* bytes allocated for *cont (grows geometrically) */
    int nnotes;       /* notes kept in l->notes (a cap keeps a noisy file cheap) */
    char *answer_raw; /* the current step's `answer:` value until the step ends */
    int answer_line;
} parser;

static ds_status fail(parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fill the error with "FILE:LINE: what" and return DS_ESYNTAX. */
static ds_status fail(parser *p, int line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, _(fmt), ap);
    va_end(ap);
    return ds_err_set(p->err, DS_ESYNTAX, "%s:%d: %s", p->path, line, what);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *d = ds_xmalloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

/* Trailing spaces off, in place. */
static void rtrim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
}

/* Room for one more element in an array holding `count`: the capacity is implied
 * (8, then the next power of two), so arrays grow by doubling and a long lesson parses
 * in linear time. */
static void *grow(void *a, int count, size_t elem)
{
    if (count < 8 ? a != NULL : (count & (count - 1)) != 0) return a;
    size_t cap = count < 8 ? 8 : (size_t)count * 2;
    return ds_xrealloc(a, cap * elem);
}

static lesson_item *push_item(lesson_item **items, int *n, const char *text, int line)
{
    lesson_item *a = grow(*items, *n, sizeof **items);
    *items = a;
    lesson_item *it = &a[(*n)++];
    it->text = dup_str(text);
    rtrim(it->text);
    it->note = NULL;
    it->show = 0;
    it->line = line;
    return it;
}

/* Indented lines that follow go on to *s (NULL: they are body text). */
static void cont_set(parser *p, char **s)
{
    p->cont = s;
    p->cont_len = s && *s ? strlen(*s) : 0;
    p->cont_cap = s && *s ? p->cont_len + 1 : 0;
}

/* Append "\n" + text (trailing blanks dropped) to *p->cont, which may be NULL; the
 * string grows geometrically, so a long run of continuation lines is linear. */
static void cont_append(parser *p, const char *text)
{
    size_t a = p->cont_len, b = strlen(text);
    while (b && (text[b - 1] == ' ' || text[b - 1] == '\t'))
        b--;
    if (a + b + 2 > p->cont_cap) {
        size_t cap = p->cont_cap ? p->cont_cap : 64;
        while (cap < a + b + 2)
            cap *= 2;
        *p->cont = ds_xrealloc(*p->cont, cap);
        p->cont_cap = cap;
    }
    char *d = *p->cont;
    if (a) d[a++] = '\n';
    memcpy(d + a, text, b);
    d[a + b] = '\0';
    p->cont_len = a + b;
}

/* Set a fresh string to text and let indented lines continue it. */
static void start_text(parser *p, char **s, const char *text)
{
    cont_set(p, s);
    cont_append(p, text);
}

static int is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

/* The first word of a command line: lesson commands may not appear in set-up or
 * solution lines (they would re-enter the engine). */
static int is_lesson_command(const char *cmd)
{
    static const char *const names[] = {"lesson", "next", "back", "hint", "answer", NULL};
    while (*cmd == ' ')
        cmd++;
    size_t n = strcspn(cmd, " \t");
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncmp(names[i], cmd, n) == 0) return 1;
    return 0;
}

/* Split "VALUE -> note" (or "→"). The note part is stored separately. */
static void split_note(lesson_item *it)
{
    const char *seps[] = {" -> ", " → "};
    for (int k = 0; k < 2; k++) {
        char *at = strstr(it->text, seps[k]);
        if (!at) continue;
        const char *note = at + strlen(seps[k]);
        while (*note == ' ')
            note++;
        it->note = dup_str(note);
        *at = '\0';
        rtrim(it->text);
        return;
    }
}

/* Body text: trim blank lines at both ends and squeeze runs of blank lines. */
static char *finish_body(const sbuf *b)
{
    const char *s = sbuf_str(b);
    sbuf o;
    sbuf_init(&o);
    int blank_run = 0, started = 0;
    while (*s) {
        size_t n = strcspn(s, "\n");
        char line[4096];
        snprintf(line, sizeof line, "%.*s", (int)n, s);
        rtrim(line);
        s += n + (s[n] == '\n');
        if (!line[0]) {
            blank_run = started;
            continue;
        }
        if (blank_run) sbuf_puts(&o, "\n");
        if (started) sbuf_puts(&o, "\n");
        sbuf_puts(&o, line);
        started = 1;
        blank_run = 0;
    }
    char *r = dup_str(sbuf_str(&o));
    sbuf_free(&o);
    return r;
}

static int yes_no(const char *v, int *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on")) return *out = 1, 1;
    if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off")) return *out = 0, 1;
    return 0;
}

/* "VALUE", "VALUE ± TOL", "VALUE +- TOL", TOL may end in '%' (relative). */
static ds_status parse_number_answer(parser *p, lesson_step *st)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", p->answer_raw);
    char *tol = NULL;
    char *pm = strstr(buf, "±");
    size_t plen = strlen("±");
    if (!pm) {
        pm = strstr(buf, "+-");
        plen = 2;
    }
    if (pm) {
        *pm = '\0';
        tol = pm + plen;
    }
    rtrim(buf);
    if (!strcmp(buf, "any") && !tol) { /* a prediction: any number will do */
        st->predict = 1;
        st->value = NAN;
        st->tol = INFINITY;
        st->answer = dup_str(buf);
        return DS_OK;
    }
    ds_err e;
    ds_err_clear(&e);
    if (lesson_calc(buf, &st->value, &e) != DS_OK)
        return fail(p, p->answer_line,
                    "answer: `%s` is neither a number nor one of the step's choices (%s)", buf,
                    e.msg);
    st->tol = st->value != 0 ? 1e-3 * fabs(st->value) : 1e-9; /* 0.1% by default */
    if (tol) {
        while (*tol == ' ')
            tol++;
        rtrim(tol);
        int rel = 0;
        size_t n = strlen(tol);
        if (n && tol[n - 1] == '%') {
            rel = 1;
            tol[n - 1] = '\0';
        }
        double t;
        if (lesson_calc(tol, &t, &e) != DS_OK || !(t >= 0))
            return fail(p, p->answer_line,
                        "answer: the tolerance `%s` is not a number >= 0 (write `answer: 0.5 ± "
                        "0.01` or `± 2%%`)",
                        tol);
        st->tol = rel ? t / 100 * fabs(st->value) : t;
    }
    st->answer = dup_str(buf);
    return DS_OK;
}

/* Close the current step: body, task kind, answer, and the consistency rules. */
static ds_status end_step(parser *p)
{
    lesson_step *st = p->st;
    if (!st) return DS_OK;
    p->st = NULL;
    cont_set(p, NULL);
    st->text = finish_body(&p->body);
    sbuf_reset(&p->body);

    int tasks = (st->run != NULL) + (p->answer_raw != NULL) + (st->expect != NULL);
    if (tasks > 1)
        return fail(p, st->task_line,
                    "a step has at most one task: one of run:, answer: or expect:");
    if (st->summary && tasks) return fail(p, st->task_line, "the summary: step cannot have a task");
    if (st->run) st->kind = LESSON_TASK_RUN;
    if (st->expect) st->kind = LESSON_TASK_EXPECT;
    if (p->answer_raw) {
        if (st->nchoices) {
            const char *a = p->answer_raw;
            if (strlen(a) != 1 || a[0] < 'a' || a[0] >= 'a' + st->nchoices) {
                char letters[8];
                snprintf(letters, sizeof letters, "%c", 'a' + st->nchoices - 1);
                return fail(p, p->answer_line,
                            "answer: `%s` is not a choice letter: this step has choices a to %s", a,
                            letters);
            }
            st->kind = LESSON_TASK_CHOICE;
            st->choice = a[0] - 'a';
            st->answer = dup_str(a);
        } else {
            st->kind = LESSON_TASK_NUMBER;
            if (parse_number_answer(p, st) != DS_OK) return p->err->code;
        }
        free(p->answer_raw);
        p->answer_raw = NULL;
    }
    if (st->nchoices && st->kind != LESSON_TASK_CHOICE)
        return fail(p, st->choices[0].line,
                    "choice: lines need an `answer:` line naming the right letter");
    if (st->kind == LESSON_TASK_NONE) {
        int line = st->nhints      ? st->hints[0].line
                   : st->nwrong    ? st->wrong[0].line
                   : st->nsolution ? st->solution[0].line
                   : st->why       ? st->line
                   : st->prompt    ? st->line
                                   : 0;
        if (line)
            return fail(p, line,
                        "task:, hint:, why:, wrong: and solution: need a task in the step (run:, "
                        "answer: or expect:)");
        return DS_OK;
    }
    p->l->ntasks++;
    if (!st->why)
        return fail(p, st->task_line,
                    "a task needs a `why:` line: the explanation the learner reads when it is "
                    "done");
    if (st->kind == LESSON_TASK_RUN && !st->nsolution &&
        (strstr(st->run, "...") || strstr(st->run, " * ") ||
         (strlen(st->run) > 2 && !strcmp(st->run + strlen(st->run) - 2, " *"))))
        return fail(p, st->task_line,
                    "run: with `*` or `...` needs a `solution:` line: a command that "
                    "matches it, for --check-lessons to run");
    if (st->kind == LESSON_TASK_EXPECT) {
        if (!st->prompt)
            return fail(p, st->task_line,
                        "expect: needs a `task:` line telling the learner what to do");
        if (!st->nsolution)
            return fail(p, st->task_line,
                        "expect: needs `solution:` lines: the commands that make the condition "
                        "true (--check-lessons runs them)");
        if (st->nwrong)
            return fail(p, st->wrong[0].line,
                        "wrong: is for run: and answer: tasks; an expect: task is checked to be "
                        "false before its solution");
    }
    if (st->predict && st->nwrong)
        return fail(p, st->wrong[0].line,
                    "wrong: a prediction (`answer: any`) accepts every number; quote it in a "
                    "later step's why: as {answer} instead");
    ds_err fe;
    if (lesson_fill_check(st->why, &fe) != DS_OK) return fail(p, st->why_line, "why: %s", fe.msg);
    for (int i = 0; i < st->nwrong; i++) {
        lesson_item *w = &st->wrong[i];
        if (w->note && lesson_fill_check(w->note, &fe) != DS_OK)
            return fail(p, w->line, "wrong: %s", fe.msg);
        if (st->kind == LESSON_TASK_CHOICE) {
            if (strlen(w->text) != 1 || w->text[0] < 'a' || w->text[0] >= 'a' + st->nchoices)
                return fail(p, w->line, "wrong: `%s` is not one of the step's choice letters",
                            w->text);
            if (w->text[0] - 'a' == st->choice)
                return fail(p, w->line, "wrong: `%s` is the right answer", w->text);
        } else if (st->kind == LESSON_TASK_NUMBER) {
            double v;
            ds_err e;
            if (lesson_calc(w->text, &v, &e) != DS_OK)
                return fail(p, w->line, "wrong: `%s` is not a number (%s)", w->text, e.msg);
            if (fabs(v - st->value) <= st->tol)
                return fail(p, w->line,
                            "wrong: `%s` is within the answer's tolerance: it would be "
                            "accepted",
                            w->text);
        }
    }
    return DS_OK;
}

static lesson_step *new_step(parser *p, const char *title, int summary)
{
    lesson *l = p->l;
    lesson_step *a = grow(l->steps, l->nsteps, sizeof *a);
    l->steps = a;
    lesson_step *st = &a[l->nsteps++];
    memset(st, 0, sizeof *st);
    st->title = dup_str(title);
    rtrim(st->title);
    st->line = p->line;
    st->summary = summary;
    st->kind = LESSON_TASK_NONE;
    return st;
}

static ds_status check_condition(parser *p, const char *cond)
{
    ds_err e;
    int holds;
    ds_err_clear(&e);
    if (lesson_cond(NULL, cond, &holds, &e) != DS_OK) return fail(p, p->line, "%s", e.msg);
    return DS_OK;
}

static ds_status check_command(parser *p, const char *key, const char *cmd)
{
    if (!*cmd) return fail(p, p->line, "%s: needs a command after the colon", key);
    if (is_lesson_command(cmd))
        return fail(p, p->line,
                    "%s: `%s` is a lesson command; steps may only run the other commands", key,
                    cmd);
    return DS_OK;
}

/* One keyed line inside a step. */
/* A step's one run:, expect: or verify: line (key k): refused with `again` (a msgid) when
 * the step has one, else checked (run: a command line, the others a condition) and kept
 * without trailing blanks in *slot, its line number in *line. */
static ds_status one_line(parser *p, key_id k, const char *v, char **slot, int *line,
                          const char *again)
{
    if (*slot) return fail(p, p->line, "%s", _(again));
    ds_status rc = k == K_RUN ? check_command(p, keys[k].name, v) : check_condition(p, v);
    if (rc != DS_OK) return p->err->code;
    *slot = dup_str(v);
    rtrim(*slot);
    *line = p->line;
    return DS_OK;
}

static ds_status step_key(parser *p, key_id k, const char *v)
{
    lesson_step *st = p->st;
    const char *name = keys[k].name;
    cont_set(p, NULL);
    switch (k) {
    case K_DO:
    case K_SHOW:
        if (check_command(p, name, v) != DS_OK) return p->err->code;
        push_item(&st->setup, &st->nsetup, v, p->line)->show = (k == K_SHOW);
        return DS_OK;
    case K_KEEP:
        if (!yes_no(v, &st->keep)) return fail(p, p->line, "keep: `%s` should be yes or no", v);
        return DS_OK;
    case K_TASK:
        if (st->prompt) return fail(p, p->line, "a step has one task: line");
        if (!*v) return fail(p, p->line, "task: needs the text the learner reads");
        start_text(p, &st->prompt, v);
        return DS_OK;
    case K_RUN: return one_line(p, k, v, &st->run, &st->task_line, N_("a step has one run: line"));
    case K_ANSWER:
        if (p->answer_raw) return fail(p, p->line, "a step has one answer: line");
        if (!*v)
            return fail(p, p->line,
                        "answer: needs the right answer (a number, or a choice letter)");
        p->answer_raw = dup_str(v);
        rtrim(p->answer_raw);
        p->answer_line = st->task_line = p->line;
        return DS_OK;
    case K_CHOICE:
        if (!*v) return fail(p, p->line, "choice: needs the text of the choice");
        if (st->nchoices >= 26) return fail(p, p->line, "at most 26 choices a step");
        cont_set(p, &push_item(&st->choices, &st->nchoices, v, p->line)->text);
        return DS_OK;
    case K_EXPECT:
        return one_line(p, k, v, &st->expect, &st->task_line, N_("a step has one expect: line"));
    case K_VERIFY:
        return one_line(p, k, v, &st->verify, &st->verify_line, N_("a step has one verify: line"));
    case K_SOLUTION:
        if (check_command(p, name, v) != DS_OK) return p->err->code;
        push_item(&st->solution, &st->nsolution, v, p->line);
        return DS_OK;
    case K_WRONG: {
        if (!*v) return fail(p, p->line, "wrong: needs a wrong answer");
        lesson_item *w = push_item(&st->wrong, &st->nwrong, v, p->line);
        split_note(w);
        if (w->note) cont_set(p, &w->note);
        return DS_OK;
    }
    case K_HINT:
        if (!*v) return fail(p, p->line, "hint: needs the text of the hint");
        cont_set(p, &push_item(&st->hints, &st->nhints, v, p->line)->text);
        return DS_OK;
    case K_WHY:
        if (!*v) return fail(p, p->line, "why: needs the explanation");
        if (!st->why) st->why_line = p->line;
        start_text(p, &st->why, v);
        return DS_OK;
    default: return fail(p, p->line, "%s: belongs in the header, before the first step:", name);
    }
}

/* Remember a remark for the author; after LESSON_MAX_NOTES only that there are more. */
#define LESSON_MAX_NOTES 20
static void add_note(parser *p, const char *note)
{
    if (p->nnotes > LESSON_MAX_NOTES) return;
    char more[64];
    if (p->nnotes++ == LESSON_MAX_NOTES) {
        snprintf(more, sizeof more, "%s", _("(more remarks not shown)"));
        note = more;
    }
    char **keep = p->cont;
    size_t len = p->cont_len, cap = p->cont_cap;
    cont_set(p, &p->l->notes);
    cont_append(p, note);
    p->cont = keep;
    p->cont_len = len;
    p->cont_cap = cap;
}

/* One line of the file. */
static ds_status parse_line(parser *p, char *line)
{
    if (line[0] == '#') return DS_OK;
    const char *v = NULL;
    char word[64];
    int k = key_of(line, &v, word, sizeof word);
    if (k == K_NONE && word[0]) {
        const char *near = misspelt_key(word);
        if (near) {
            char note[200];
            snprintf(note, sizeof note,
                     _("%s:%d: `%s:` is not a key, so the line is text; did you mean `%s:`? "
                       "(start the line with `\\` to keep it as text)"),
                     p->path, p->line, word, near);
            add_note(p, note);
        }
    }
    if (k == K_NONE) {
        const char *text = line[0] == '\\' ? line + 1 : line;
        if (!p->st) {
            if (is_blank(line)) return DS_OK;
            return fail(p, p->line,
                        "text before the first `step:` line (the header has only title:, "
                        "strict:, tries: and reveal_after:)");
        }
        if ((line[0] == ' ' || line[0] == '\t') && p->cont && !is_blank(line)) {
            while (*text == ' ' || *text == '\t')
                text++;
            cont_append(p, text);
            return DS_OK;
        }
        cont_set(p, NULL);
        sbuf_puts(&p->body, text);
        sbuf_puts(&p->body, "\n");
        return DS_OK;
    }
    if (k == K_STEP || k == K_SUMMARY) {
        if (end_step(p) != DS_OK) return p->err->code;
        if (!p->l->title) return fail(p, p->line, "a lesson starts with a `title:` line");
        if (p->l->nsteps && p->l->steps[p->l->nsteps - 1].summary)
            return fail(p, p->line, "the summary: step must be the last one");
        if (k == K_STEP && !*v)
            return fail(p, p->line, "step: needs a title (`step: The gradient`)");
        if (p->l->nsteps >= LESSON_MAX_STEPS)
            return fail(p, p->line, "more than %d steps; split the lesson into several files",
                        LESSON_MAX_STEPS);
        p->st = new_step(p, k == K_SUMMARY && !*v ? "Summary" : v, k == K_SUMMARY);
        return DS_OK;
    }
    if (keys[k].header == 1) {
        if (p->st)
            return fail(p, p->line,
                        "%s: belongs in the header, before the first step:", keys[k].name);
        if (k == K_TITLE) {
            if (p->l->title) return fail(p, p->line, "a lesson has one title: line");
            if (!*v) return fail(p, p->line, "title: needs the lesson's title");
            p->l->title = dup_str(v);
            rtrim(p->l->title);
        } else if (k == K_TRIES || k == K_REVEAL) {
            int *count = k == K_TRIES ? &p->l->choice_tries : &p->l->reveal_after;
            if (small_count(v, count)) return DS_OK;
            return k == K_TRIES ? fail(p, p->line,
                                       "tries: `%s` should be a whole number from 1 to 99 (wrong "
                                       "choices before the answer is shown)",
                                       v)
                                : fail(p, p->line,
                                       "reveal_after: `%s` should be a whole number from 1 to 99 "
                                       "(wrong answers before the answer is shown)",
                                       v);
        } else if (!yes_no(v, &p->l->strict)) {
            return fail(p, p->line, "strict: `%s` should be yes or no", v);
        }
        return DS_OK;
    }
    if (!p->st)
        return fail(p, p->line, "%s: belongs inside a step; start one with `step: TITLE`",
                    keys[k].name);
    return step_key(p, (key_id)k, v);
}

lesson *lesson_parse(const char *text, size_t len, const char *path, ds_err *err)
{
    lesson *l = ds_xcalloc(1, sizeof *l);
    l->choice_tries = 2;
    l->path = dup_str(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    l->name = dup_str(base);
    size_t bl = strlen(l->name);
    if (bl > 7 && !strcmp(l->name + bl - 7, ".lesson")) l->name[bl - 7] = '\0';

    parser p = {.path = path, .err = err, .l = l};
    sbuf_init(&p.body);
    ds_err_clear(err);
    size_t pos = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) pos = 3; /* a byte-order mark */
    while (pos < len) {
        size_t n = 0;
        while (pos + n < len && text[pos + n] != '\n')
            n++;
        p.line++;
        char line[4096];
        if (n >= sizeof line) {
            fail(&p, p.line, "line too long (at most 4095 bytes)");
            goto err;
        }
        memcpy(line, text + pos, n);
        line[n] = '\0';
        pos += n + 1;
        if (n && line[n - 1] == '\r') line[--n] = '\0';
        for (size_t i = 0; i < n;) {
            size_t u = utf8_len(line + i, n - i);
            if (u == 0 || line[i] == '\0') {
                char col[16];
                snprintf(col, sizeof col, "%zu", i + 1);
                fail(&p, p.line, "not UTF-8 text (byte %s); save the file as UTF-8", col);
                goto err;
            }
            i += u;
        }
        size_t at;
        if (text_find_control(line, n, 0, &at)) {
            /* Escape sequences in a title or text would drive the learner's terminal
             * (set its title, write its clipboard): a lesson is plain text. */
            fail(&p, p.line,
                 "control character (byte 0x%02X, column %zu); lesson files are plain text "
                 "(tabs are fine)",
                 (unsigned char)line[at], at + 1);
            goto err;
        }
        if (parse_line(&p, line) != DS_OK) goto err;
    }
    p.line++;
    if (end_step(&p) != DS_OK) goto err;
    if (!l->title) {
        fail(&p, 1, "a lesson starts with a `title:` line");
        goto err;
    }
    if (l->nsteps == 0) {
        fail(&p, 1, "the lesson has no steps; start one with `step: TITLE`");
        goto err;
    }
    sbuf_free(&p.body);
    return l;
err:
    if (p.st) {
        p.st->text = finish_body(&p.body);
    }
    free(p.answer_raw);
    sbuf_free(&p.body);
    lesson_free(l);
    return NULL;
}

lesson *lesson_load(const char *path, ds_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ds_err_set(err, DS_EIO, "%s: cannot read the lesson file", path);
        return NULL;
    }
    sbuf b;
    sbuf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sbuf_putn(&b, chunk, n);
        if (b.len > (4u << 20)) {
            fclose(f);
            sbuf_free(&b);
            ds_err_set(err, DS_EIO, "%s: larger than 4 MB; is it really a lesson?", path);
            return NULL;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        sbuf_free(&b);
        ds_err_set(err, DS_EIO, "%s: read error", path);
        return NULL;
    }
    lesson *l = lesson_parse(sbuf_str(&b), b.len, path, err);
    sbuf_free(&b);
    return l;
}

static void free_items(lesson_item *it, int n)
{
    for (int i = 0; i < n; i++) {
        free(it[i].text);
        free(it[i].note);
    }
    free(it);
}

void lesson_free(lesson *l)
{
    if (!l) return;
    for (int i = 0; i < l->nsteps; i++) {
        lesson_step *st = &l->steps[i];
        DS_FREE_ALL(st->title, st->text, st->prompt, st->run, st->answer, st->expect);
        free_items(st->setup, st->nsetup);
        free_items(st->choices, st->nchoices);
        free_items(st->solution, st->nsolution);
        free_items(st->wrong, st->nwrong);
        free_items(st->hints, st->nhints);
        DS_FREE_ALL(st->why, st->verify);
    }
    DS_FREE_ALL(l->steps, l->path, l->name, l->title, l->notes, l);
}
