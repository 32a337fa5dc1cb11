/* command.h — the command language: one table of commands (name, synopsis, help,
 * handler, what its arguments complete to) that drives batch mode, the prompt,
 * lessons, help and completion. Commands act on a session and write text to a buffer. */
#ifndef DESCENT_COMMAND_H
#define DESCENT_COMMAND_H

#include "descent/err.h"
#include "descent/opt.h"
#include "descent/sbuf.h"
#include "descent/session.h"
#include "descent/vocab.h"

/* What a command asks of the front end, beyond its text. */
enum {
    CMDF_QUIT = 1 << 0,         /* leave the program */
    CMDF_ANIMATE = 1 << 1,      /* animate `animate_steps` steps (screen); batch already stepped */
    CMDF_REDRAW = 1 << 2,       /* the picture changed */
    CMDF_PAUSE = 1 << 3,        /* stop an animation */
    CMDF_FAST_FORWARD = 1 << 4, /* with CMDF_ANIMATE: an open-ended run, speed up as it goes */
    CMDF_SWEEP = 1 << 5,        /* a sweep computes in the background: poll s->sweep */
    CMDF_WAIT_KEY = 1 << 6,     /* a script on the screen waits for Space or Enter (pause) */
};

/* What a completer offers for a command's arguments. */
typedef enum {
    CMPL_NONE,
    CMPL_COMMAND, /* command names (help) */
    CMPL_FUNC,    /* catalog objectives */
    CMPL_ALGO,    /* algorithm names */
    CMPL_PARAM,   /* the selected run's parameter keys */
    CMPL_SCHED,   /* schedule names */
    CMPL_FILE,    /* file names */
    CMPL_WORDS,   /* the words of cmd_spec.words (and the subcommands in cmd_spec.subs) */
    CMPL_OVERLAY  /* overlay names (overlay.h's table), then on or off */
} cmd_completion;

typedef struct cmd_ctx cmd_ctx;
typedef struct cmd_args cmd_args;

/* A command the front end carries out (export, record): the core only names it. */
typedef ds_status (*cmd_front_fn)(void *ud, sess *s, const cmd_args *a, cmd_ctx *c);

struct cmd_ctx {
    sbuf *out;          /* the command's text output */
    ds_err *err;        /* filled when the command fails */
    unsigned flags;     /* CMDF_* set by the command */
    long animate_steps; /* with CMDF_ANIMATE */
    int interactive;    /* 1 on the screen (run animates), 0 in batch */
    int term_cols;      /* the screen's terminal size (present checks it); 0 without one */
    int term_rows;
    cmd_front_fn front; /* runs front-end commands (export, record); NULL: none here */
    void *front_ud;     /* handed to `front` */
    /* A lesson's own lines (do:, show:, solution:) are untrusted: with `sandbox` set to
     * the lesson's directory, commands write no file, read files only inside it
     * (relative names, resolved there), and run at most CMD_SANDBOX_STEPS steps. */
    const char *sandbox;
    /* Polled between chunks of a long `step`/`run` (the screen's Ctrl-C and SIGTERM);
     * non-zero stops the steps, which say how many were done. NULL: never. */
    int (*interrupted)(void);
};

#define CMD_SANDBOX_STEPS 100000L
#define CMD_MAXLINE       8192 /* bytes in one command line, its NUL included */

#define CMD_MAXARGS 32

/* The smallest terminal presenter mode (and the screen) works in. */
#define CMD_PRESENT_MIN_COLS 60
#define CMD_PRESENT_MIN_ROWS 16

/* A parsed line: argv[0] is the command name; `rest` is the raw text after it. */
struct cmd_args {
    int argc;
    char *argv[CMD_MAXARGS];
    const char *rest;
};

typedef ds_status (*cmd_fn)(sess *s, const cmd_args *a, cmd_ctx *c);

/* A subcommand ("data load", "lesson quit"): a word after the command with its own
 * arguments, counts and handler. Tables end with {0}. */
typedef struct {
    const char *name;     /* the word after the command */
    const char *synopsis; /* its arguments after the word ("" for none) */
    const char *help;     /* one line */
    cmd_fn fn;            /* a->argv[1] is the word */
    int min_args;         /* words after the subcommand's word, at least */
    int max_args;         /* and at most (CMD_ARGS_ANY: no limit) */
} cmd_sub;

/* max_args of a command that takes any number of words after its first ones. */
#define CMD_ARGS_ANY (CMD_MAXARGS - 1)

/* One command. Rows use designated initializers ({.name = ..., .fn = ...}); a field left
 * out is 0/NULL. min_args..max_args count the words after the name: cmd_exec refuses
 * other counts with "usage: NAME SYNOPSIS" before the handler runs, so a handler checks
 * only what a count cannot say (cmd_usage_error reports that the same way). A row
 * without arguments leaves both 0 and its synopsis "". */
typedef struct {
    const char *name;
    const char *synopsis; /* "X Y" — arguments as the user types them ("" for none) */
    const char *help;     /* one line */
    const char *details;  /* more lines for `help NAME`, or NULL */
    cmd_fn fn;
    int min_args; /* words after the name, at least */
    int max_args; /* and at most; CMD_ARGS_ANY: no limit but the line's */
    cmd_completion complete;
    const vocab_word *words; /* CMPL_WORDS: the words its arguments may be, or NULL */
    const cmd_sub *subs;     /* its subcommands (completed, listed by help), or NULL */
} cmd_spec;

/* Run one command line (no ';' splitting). Empty lines and '#' comments succeed.
 * On failure the session is unchanged and c->err says why. */
ds_status cmd_exec(sess *s, const char *line, cmd_ctx *c);

/* The command language's one way to split a line on ';': copies the next command of
 * *p into `piece` (cut to cap − 1 bytes) and advances *p (NULL after the last).
 * Returns 0 when nothing is left. A comment line ('#') is a single piece. */
int cmd_next_piece(const char **p, char *piece, size_t cap);

/* Run a line that may hold several commands separated by ';'. Stops at the first
 * failure unless keep_going; returns the first failure. */
ds_status cmd_exec_line(sess *s, const char *line, cmd_ctx *c, int keep_going);

/* All commands, in help order. */
int cmd_count(void);
const cmd_spec *cmd_at(int i);
const cmd_spec *cmd_find(const char *name);

/* Is a->argc − 1 within the row's min_args..max_args? If not, fails with the generated
 * usage (what cmd_exec does before calling a handler; for front ends that run a row's
 * command themselves). */
ds_status cmd_check_args(const cmd_spec *spec, const cmd_args *a, cmd_ctx *c);
/* Fail with DS_EARG and "WHY — usage: NAME SYNOPSIS", the usage generated from the row of
 * a->argv[0]; WHY is printf-style and says what was wrong. */
ds_status cmd_usage_error(const cmd_args *a, cmd_ctx *c, const char *why, ...)
    __attribute__((format(printf, 3, 4)));
/* "NAME SYNOPSIS" (or "NAME" when it has none) into buf. */
void cmd_usage_text(const cmd_spec *spec, char *buf, size_t cap);

/* The subcommand of `subs` named `word`, or NULL. */
const cmd_sub *cmd_sub_find(const cmd_sub *subs, const char *word);
/* Run a->argv[1] as one of the command's subcommands: its argument count is checked
 * (usage: NAME SUB SYNOPSIS), an unknown word gets "did you mean" and the list. */
ds_status cmd_sub_exec(const cmd_sub *subs, sess *s, const cmd_args *a, cmd_ctx *c);
/* A row's details for help and the references: its details, then one line per
 * subcommand ("  `data load FILE.csv`: read ...."), lines joined by '\n' with none at the
 * end. Nothing when it has neither. translate: in the interface language (help) rather
 * than English (README and the man page). */
void cmd_details_text(const cmd_spec *spec, int translate, sbuf *out);

/* The session settings (`set digits 8`) as parameters: name, range, help; they are
 * parsed, suggested and completed like an algorithm's. Ends with name NULL. */
extern const opt_param cmd_settings[];

/* The command reference as a Markdown table (README's is generated from this). */
void cmd_reference_markdown(sbuf *out);
/* The same reference as roff paragraphs (.TP) for the man page descent.1. */
void cmd_reference_man(sbuf *out);

/* A background sweep (CMDF_SWEEP) finished or was cancelled: write its CSV and report it
 * (once). Batch calls this itself. */
ds_status cmd_sweep_finish(sess *s, sbuf *out, ds_err *err);
/* Add a run from cell (i, j) of the session's sweep and hide the map. */
ds_status cmd_sweep_pick(sess *s, int i, int j, sbuf *out, ds_err *err);

/* Helpers for handlers (command_args.c). */
ds_status cmd_number(const char *tok, const char *what, double *out, ds_err *err);
ds_status cmd_integer(const char *tok, const char *what, long lo, long hi, long *out, ds_err *err);
/* Parse an optional "X Y" point at argv[i], defaulting to the cursor. Advances *i. */
ds_status cmd_point(sess *s, const cmd_args *a, int *i, double p[2], ds_err *err);
/* on and off, for the commands that switch something (arrow, present, plots, overlay). */
extern const vocab_word cmd_onoff_words[];
/* 1 for "on", 0 for "off"; else -1 with "WHAT takes on or off, got 'W'" in err. */
int cmd_onoff(const char *word, const char *what, ds_err *err);
/* May the command open file `path` (for writing when `write`)? Outside a sandbox always;
 * inside one, see cmd_ctx.sandbox. The name to open goes to out[0..cap). */
ds_status cmd_file(const cmd_ctx *c, const char *path, int write, char *out, size_t cap);

#endif
