/* lesson.h — lessons: plain-text files a teacher writes (format in lessons/README.md),
 * parsed into steps with set-up commands and automatically checked tasks; the engine
 * that walks a learner through them on the live session; accessors and a Unicode-aware
 * text wrapper for the screen's lesson pane; and the checker behind --check-lessons. */
#ifndef DESCENT_LESSON_H
#define DESCENT_LESSON_H

#include <stddef.h>

#include "descent/err.h"
#include "descent/sbuf.h"
#include "descent/session.h"

/* ---------------------------------------------------------------- parsed lessons */

typedef enum {
    LESSON_TASK_NONE,   /* a step to read, nothing to check */
    LESSON_TASK_RUN,    /* `run:` the learner runs this command (name and arguments) */
    LESSON_TASK_NUMBER, /* `answer:` a number, accepted within a tolerance */
    LESSON_TASK_CHOICE, /* `answer:` a letter naming one of the step's `choice:` lines */
    LESSON_TASK_EXPECT  /* `expect:` a condition on the live session */
} lesson_task_kind;

/* One keyed line of a step: a command, a choice, a hint, a stored wrong answer. */
typedef struct {
    char *text; /* the command / choice / hint / wrong answer as written */
    char *note; /* `wrong:` lines: what to tell the learner ("-> ..."); else NULL */
    int show;   /* set-up commands: 1 for `show:` (output printed), 0 for `do:` */
    int line;   /* 1-based line in the file */
} lesson_item;

typedef struct {
    char *title;        /* from `step: TITLE` */
    int line;           /* line of the `step:` header */
    int summary;        /* 1 for the closing `summary:` step */
    int keep;           /* `keep: yes`: the previous step's runs stay */
    char *text;         /* the body: source lines joined by '\n' (see lesson_wrap) */
    lesson_item *setup; /* `do:` / `show:` commands run when the step opens */
    int nsetup;
    lesson_task_kind kind;
    int task_line;        /* line of the run:/answer:/expect: key */
    char *prompt;         /* `task:` what the learner is asked; NULL: a generated one */
    char *run;            /* RUN: the expected command line */
    char *answer;         /* NUMBER/CHOICE: the answer as written (without tolerance) */
    double value, tol;    /* NUMBER: accepted when |given - value| <= tol (default 0.1%) */
    int predict;          /* NUMBER `answer: any`: a prediction; every number is accepted
                             and later feedback may quote it as {answer} */
    int choice;           /* CHOICE: index into `choices` of the right one */
    lesson_item *choices; /* `choice:` lines, lettered a, b, c, ... */
    int nchoices;
    char *expect;          /* EXPECT: the condition (lesson_cond) */
    lesson_item *solution; /* `solution:` commands --check-lessons runs to do the task */
    int nsolution;
    lesson_item *wrong; /* `wrong:` stored wrong answers (commands for RUN), with notes */
    int nwrong;
    lesson_item *hints; /* `hint:` shown one at a time */
    int nhints;
    char *why;    /* `why:` the explanation shown when the task is done; may quote the
                     session with {QUANTITY} placeholders (lesson_fill) */
    int why_line; /* line of the `why:` key */
    char *verify; /* `verify:` a condition --check-lessons requires after the
                     solution (keeps stored answers honest); NULL when none */
    int verify_line;
} lesson_step;

typedef struct {
    char *path;       /* the file read */
    char *name;       /* file name without directory and ".lesson": "01-derivatives" */
    char *title;      /* `title:` */
    int strict;       /* `strict: yes`: `next` refuses until the step's task is done */
    int choice_tries; /* `tries: N`: wrong choices before the answer is shown (default 2) */
    int reveal_after; /* `reveal_after: N`: wrong numbers before the answer is shown; 0:
                         never (the default) */
    lesson_step *steps;
    int nsteps;
    int ntasks;  /* steps with a task */
    char *notes; /* remarks that are not errors, "FILE:LINE: ..." lines; NULL when none
                    (a line such as "hnit: ..." that looks like a misspelt key) */
} lesson;

/* Parse lesson text; `path` names the source in messages ("FILE:LINE: what"). Returns
 * NULL and fills `err` (DS_ESYNTAX) on a malformed lesson. */
lesson *lesson_parse(const char *text, size_t len, const char *path, ds_err *err);
/* Read and parse a file (DS_EIO when it cannot be read). */
lesson *lesson_load(const char *path, ds_err *err);
void lesson_free(lesson *l);

/* ---------------------------------------------------------------- conditions */

/* A constant arithmetic expression: numbers, + - * / ^, parentheses, pi, e, and
 * sqrt abs exp log sin cos. "2/3.618", "-sqrt(2)/2". */
ds_status lesson_calc(const char *src, double *out, ds_err *err);

/* Evaluate a condition on the session ("adam is converged", "run.lr < 2/lmax",
 * "cursor.dsaddle < 0.1 and runs >= 2"; the names are listed in lessons/README.md).
 * With s == NULL only the syntax is checked. Evaluation leaves the objective's
 * evaluation counters as they were. */
ds_status lesson_cond(sess *s, const char *cond, int *holds, ds_err *err);

/* A quantity of the session, in the language of conditions ("run.steps",
 * "2/lmax", "cursor.f"): NAN when it has no value now (no such run). With s == NULL
 * only the syntax and the names are checked. */
ds_status lesson_value(sess *s, const char *src, double *out, ds_err *err);

/* Feedback that quotes the learner's session: each `{QUANTITY}` in `text` becomes
 * its value with the session's digits ("with α = {run.lr} it took {run.steps}
 * steps"); a quantity without a value now reads "?". lesson_fill_check checks every
 * placeholder's syntax and names without a session. */
void lesson_fill(sess *s, const char *text, sbuf *out);
/* The learner's last prediction in the open lesson (an `answer: any` task), quoted by
 * feedback as {answer}; NAN when none was given. */
double lesson_prediction(const sess *s);
ds_status lesson_fill_check(const char *text, ds_err *err);

/* ---------------------------------------------------------------- text */

/* Steps in one lesson at most (the progress file keeps a flag for each). */
#define LESSON_MAX_STEPS 500

/* ---------------------------------------------------------------- progress */

/* How a step's task ended, in the engine and in the progress file. */
enum {
    LESSON_OPEN = 0,    /* not yet done ('0' in the file) */
    LESSON_DONE = 1,    /* done by the learner ('1') */
    LESSON_SKIPPED = 2, /* `skip` ran the solution ('s') */
    LESSON_REVEALED = 3 /* shown after too many wrong answers ('r') */
};

/* One lesson's line of a progress file:
 * "NAME STEP COMPLETE STATES [TRIES]", STATES one of 0 1 s r per step (or "-"),
 * TRIES the wrong answers per step joined by commas (or "-"; absent in old files). */
typedef struct {
    char name[128];
    int step;                              /* the step the learner was at, 0-based */
    int complete;                          /* 1: finished */
    int nsteps;                            /* steps in `state` */
    unsigned char state[LESSON_MAX_STEPS]; /* LESSON_OPEN .. LESSON_REVEALED */
    int tries[LESSON_MAX_STEPS];           /* wrong answers per step */
} lesson_record;

/* Parse one line (not a comment) into `r`; 0 when it is not a valid record. */
int lesson_record_parse(const char *line, lesson_record *r);

/* A teacher's report: DIR holds one subdirectory per learner (named for the learner)
 * with a copy of that learner's progress file. Appends a CSV with the header
 * "learner,lesson,step,tasks_done,tasks_skipped,wrong_tries,complete" to `csv`, and a
 * line per skipped file or line to `skipped`. Returns the number of rows. */
int lesson_report(const char *dir, sbuf *csv, sbuf *skipped);

#define LESSON_MARK_EM   '\x01' /* LESSON_WRAP_MARKS: toggles emphasis (*word*) */
#define LESSON_MARK_CODE '\x02' /* LESSON_WRAP_MARKS: toggles code (`cmd`) */

enum {
    LESSON_WRAP_PLAIN = 0, /* text as written: *word* and `cmd` stay visible */
    LESSON_WRAP_MARKS = 1  /* *word* and `cmd` become zero-width LESSON_MARK_* toggles,
                              closed at each line end and reopened on the next line */
};

/* Wrap lesson text to `width` display columns, appending lines each ending in '\n'.
 * Consecutive source lines form one paragraph and are reflowed; a blank line separates
 * paragraphs (an empty output line); a line starting with a space is kept as its own
 * line (formulas); lines starting with "- ", "• ", "a) " or "1. " start list items
 * with a hanging indent, continued by lines indented to the item's text. Spaces are
 * kept as typed, a lone operator ("=", "≈", "+", "—") never starts or ends a line, a
 * `code span` is not broken, and words wider than the line are split between
 * characters. */
void lesson_wrap(const char *text, int width, unsigned flags, sbuf *out);

/* ---------------------------------------------------------------- the engine */

typedef struct lesson_run lesson_run; /* config + the open lesson + its progress */

typedef struct {
    const char *dir;      /* lesson directory; NULL: lesson_find_dir() */
    const char *lang;     /* "ko", "en", ...; NULL or "": from LC_ALL/LC_MESSAGES/LANG */
    int save_progress;    /* 1: resume from and save to the progress file */
    const char *progress; /* progress file; NULL: lesson_progress_path() */
} lesson_config;

/* The session's lesson engine (kept in its extension slot, s->ext), NULL before the
 * first lesson command or lesson_configure. */
lesson_run *lesson_of(const sess *s);
/* Attach lesson settings to the session (lesson_of(s)); an open lesson stays open. Call
 * once after sess_new(). Without it the lesson commands use defaults: directory and
 * language from the environment, and progress saved only when the command runs on
 * the screen (cmd_ctx.interactive), never in batch mode. */
ds_status lesson_configure(sess *s, const lesson_config *cfg, ds_err *err);
void lesson_run_free(lesson_run *l);

/* The lesson commands (cmd_lesson.c calls these; each writes what the learner reads
 * to `out`). `which` is a number from the listing, a name ("01-derivatives", or a
 * unique part of one such as "derivatives"), or a path to a .lesson file. */
ds_status lesson_list(sess *s, sbuf *out, ds_err *err);
ds_status lesson_open(sess *s, const char *which, sbuf *out, ds_err *err);
ds_status lesson_restart(sess *s, sbuf *out, ds_err *err);
ds_status lesson_next(sess *s, sbuf *out, ds_err *err);
ds_status lesson_back(sess *s, sbuf *out, ds_err *err);
ds_status lesson_hint(sess *s, sbuf *out, ds_err *err);
/* `skip`: do the step's task for the learner (its solution runs, or the answer is
 * shown), record it as skipped, and go on. Refused in a strict lesson. */
ds_status lesson_skip(sess *s, sbuf *out, ds_err *err);
/* `review`: the open lesson's tasks that were skipped, shown after wrong answers, or
 * passed without being done; `review N` opens step N to do its task again. */
ds_status lesson_review(sess *s, const char *which, sbuf *out, ds_err *err);
ds_status lesson_answer(sess *s, const char *given, sbuf *out, ds_err *err);
ds_status lesson_quit(sess *s, sbuf *out, ds_err *err);
/* `lesson lang CODE`: switch the language of lessons opened from now on ("en" or ""
 * for the originals). */
ds_status lesson_set_lang(sess *s, const char *lang, sbuf *out, ds_err *err);

/* The one call front ends make after every command the learner ran (batch loop and
 * prompt alike), with the line and cmd_exec's status: matches `run:` tasks, re-checks
 * `expect:` conditions, and writes any feedback to `out`. Lesson commands themselves
 * and lines while no lesson is open are ignored. Returns 1 when the lesson pane
 * changed (redraw). `line` may be NULL: then only conditions are re-checked — call
 * that when an animation finishes, since `run N` on the screen moves runs later. */
int lesson_after_command(sess *s, const char *line, ds_status st, sbuf *out);

/* ---------------------------------------------------------------- the lesson pane */
/* Pure accessors for the screen (all accept NULL and then report "no lesson"). */

int lesson_active(const lesson_run *l);
/* "Gradient, Jacobian and Hessian" */
const char *lesson_pane_title(const lesson_run *l);
/* The 1-based number of the open lesson in the listing. */
int lesson_pane_number(const lesson_run *l);
/* Current step, 1-based; *total gets the step count. 0 when no lesson is open. */
int lesson_pane_step(const lesson_run *l, int *total);
const char *lesson_pane_step_title(const lesson_run *l);
/* The step's body, its choices, the task prompt and the latest feedback (hint or
 * explanation), with *emphasis* and `code` markup; wrap it for the pane with
 * lesson_wrap(text, width, LESSON_WRAP_MARKS, &buf). "" when no lesson is open. */
const char *lesson_pane_text(const lesson_run *l);
/* 1 when the current step's task is done (or it has none). */
int lesson_pane_done(const lesson_run *l);
/* The same text in the parts the screen lays out: the body (the step's text and
 * choices) and the latest feedback (hint, note or explanation; "" when none) scroll,
 * the task line ("Task: ... ✓ done"; "" when the step has no task) stays in view. All
 * with the markup of lesson_pane_text. */
const char *lesson_pane_body(const lesson_run *l);
const char *lesson_pane_feedback(const lesson_run *l);
const char *lesson_pane_task(const lesson_run *l);
/* The open lesson's score bar, "▰▰▰▱▱▱▱▱ 3/8 tasks (+1 skipped)" as `lesson` lists
 * it; nothing when the lesson has no tasks. */
void lesson_pane_score(const lesson_run *l, sbuf *out);
/* Change counters for the screen: *opened counts step openings (the pane goes back to
 * the step's first line), the return value every change of the pane's text (new
 * feedback is scrolled into view). */
unsigned lesson_pane_serial(const lesson_run *l, unsigned *opened);
/* 1 after `lesson pane collapse`: the screen shows the task line only. */
int lesson_pane_collapsed(const lesson_run *l);
/* `lesson pane collapse|expand|toggle` (NULL: say how it is); kept across lessons. */
ds_status lesson_pane_set(sess *s, const char *how, sbuf *out, ds_err *err);

/* ---------------------------------------------------------------- files */

/* Where lessons live: $DESCENT_LESSONS; else ./lessons when it holds .lesson files;
 * else lessons/ beside or up to two directories above the executable (a source tree's
 * build/descent); else DESCENT_DATADIR "/lessons". */
void lesson_find_dir(sbuf *out);
/* The lesson directory the session's lesson commands use: the configured one, else
 * lesson_find_dir()'s (for completing lesson names). */
void lesson_session_dir(const sess *s, sbuf *out);
/* The learner's language from LC_ALL, LC_MESSAGES, LANG (first set wins): "ko" for
 * "ko_KR.UTF-8"; "" for English, C and POSIX. `out` holds at least 16 bytes. */
void lesson_lang_from_env(char *out, size_t size);
/* $XDG_STATE_HOME/descent/progress or ~/.local/state/descent/progress; "" when
 * neither variable is set. */
void lesson_progress_path(sbuf *out);
/* The original lesson files (NAME.lesson) in `dir`, sorted; returns the count and a
 * malloc'd array of malloc'd names (without ".lesson"); free with lesson_names_free. */
int lesson_names(const char *dir, char ***names);
void lesson_names_free(char **names, int n);

/* ---------------------------------------------------------------- checking */

/* Check one lesson file on a fresh session, as --check-lessons does: every step's
 * commands must succeed, every task must accept its stored answer (or, for `expect:`,
 * hold after its `solution:` commands and not before) and reject its wrong answers.
 * Appends "FILE:LINE: what" lines for problems to `report`; returns the number of
 * problems. *ntasks gets the number of tasks checked (may be NULL). */
int lesson_check_file(const char *path, sbuf *report, int *ntasks);

#endif
