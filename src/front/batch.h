/* batch.h — the headless front end: run command lines, print results to stdout and
 * errors to stderr. */
#ifndef DESCENT_BATCH_H
#define DESCENT_BATCH_H

#include <stdio.h>

#include "descent/session.h"

typedef struct {
    int keep_going;      /* run every line even after a failure (exit 1 at the end) */
    int quiet_errors;    /* do not print errors (never used by the CLI; tests) */
    const char *label;   /* file name shown in error messages ("-" for stdin) */
    const char *sandbox; /* cmd_ctx.sandbox for every command (the batch fuzzer), or NULL */
} batch_options;

/* Run every line of `in`. Returns 0 when every command succeeded, 1 otherwise.
 * Stops early at `quit`. */
int batch_run_file(sess *s, FILE *in, const batch_options *opt);

/* Run one line that may hold several ';'-separated commands, as line number `lineno`.
 * Returns 0 on success; sets *quit when a command asked to leave. */
int batch_run_line(sess *s, const char *line, int lineno, const batch_options *opt, int *quit);

#endif
