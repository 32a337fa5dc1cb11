/* lesson_internal.h — what the lesson files share among themselves (lesson.c,
 * lesson_progress.c, lesson_check.c, cmd_lesson.c): the engine state and the progress
 * file. Not for front ends: they use descent/lesson.h. */
#ifndef DESCENT_LESSON_INTERNAL_H
#define DESCENT_LESSON_INTERNAL_H

#include "descent/lesson.h"
#include "descent/vocab.h"

#define LESSON_PATH_MAX  1024
#define LESSON_OUT_WIDTH 78 /* columns of the text lesson commands print */

struct lesson_run {
    /* configuration */
    char dir[LESSON_PATH_MAX];      /* the lesson directory */
    char lang[16];                  /* "" for the originals, else a subdirectory ("ko") */
    int save_progress;              /* 1: resume from and save to `progress` */
    int configured;                 /* lesson_configure was called (else defaults apply) */
    char progress[LESSON_PATH_MAX]; /* the progress file, "" when there is none */
    int save_warned;                /* the learner was told once that saving failed */
    /* the open lesson */
    lesson *cur;         /* NULL when no lesson is open */
    int number;          /* its number in the listing, 0 when opened by path */
    char ui[16];         /* language of the messages: the loaded file's */
    int step;            /* current step, 0-based */
    unsigned char *done; /* per step: LESSON_OPEN, or how its task ended (DONE,
                            SKIPPED, REVEALED): non-zero means "finished" */
    int *tries;          /* per step: wrong answers given */
    int next_hint;       /* the next hint `hint` or a wrong answer shows */
    double prediction;   /* the last number given to an `answer: any` task (NAN: none) */
    sbuf feedback;       /* the latest feedback at this step (for the pane) */
    sbuf pane;           /* lesson_pane_text's text */
    /* the screen's lesson pane */
    sbuf pane_body;       /* lesson_pane_body: the step's text and choices */
    sbuf pane_task;       /* lesson_pane_task: the task line, "" when none */
    unsigned pane_opened; /* step openings so far (lesson_pane_serial) */
    unsigned pane_serial; /* changes of the pane's text so far */
    int pane_collapsed;   /* `lesson pane collapse`: the screen shows the task line only */
    /* set-up problems, for --check-lessons */
    int setup_failures;
    sbuf setup_errors; /* "FILE:LINE: `cmd`: message" lines */
};

/* The directory of lesson file `path` ("." when it has none): the sandbox its own
 * command lines run in (cmd_ctx.sandbox). */
void lesson_dir_of(const char *path, char *out, size_t cap);

/* The engine for a session, created with defaults on first use. */
lesson_run *lesson_run_get(sess *s);
/* Without lesson_configure, progress is saved on the screen (interactive) and never in
 * batch runs: the lesson commands call this with cmd_ctx.interactive. */
void lesson_default_saving(sess *s, int interactive);

/* Progress file: one lesson_record line per lesson (descent/lesson.h).
 * lesson_progress_read returns 1 when `name` has a valid record. */
int lesson_progress_read(const char *path, const char *name, lesson_record *r);
/* Replace r->name's record, creating directories as needed. Returns 0, or -1 with a
 * reason in `why` (never fatal: the caller tells the learner once). */
int lesson_progress_write(const char *path, const lesson_record *r, char *why, size_t wsize);

/* lesson_cond.c: the names conditions and {quantities} know, as tables (vocab.h); the
 * messages, and the test that lessons/README.md documents every one, come from them. */
extern const vocab_word lesson_cursor_fields[]; /* cursor.FIELD */
extern const vocab_word lesson_run_fields[];    /* run.FIELD (besides hyperparameters) */
extern const vocab_word lesson_map_fields[];    /* map.FIELD */
extern const vocab_word lesson_evals_fields[];  /* evals.FIELD */
extern const vocab_word lesson_states[];        /* SUBJECT is STATE */
extern const vocab_word lesson_bare_names[];    /* bare names: pi, e, runs, lmax, ... */

#endif
