/* batch.c — descent without a screen: each line of a script (or `-c`) goes through the
 * command language; results go to stdout, errors to stderr as "error: MESSAGE (line N)"
 * with the formula and a caret when the error points into one. */
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/command.h"
#include "front_cmd.h"
#include "descent/fmt.h"
#include "descent/lesson.h"

static void report(const ds_err *err, int lineno, const batch_options *opt)
{
    if (opt->quiet_errors) return;
    sbuf msg;
    sbuf_init(&msg);
    sbuf_printf(&msg, _("error: %s (line %d)\n"), err->msg, lineno);
    fmt_caret(&msg, err, 2);
    fflush(stdout); /* keep stdout and stderr in order when both go to one place */
    fputs(sbuf_str(&msg), stderr);
    sbuf_free(&msg);
}

int batch_run_line(sess *s, const char *line, int lineno, const batch_options *opt, int *quit)
{
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    ds_err_clear(&err);
    cmd_ctx ctx = {.out = &out,
                   .err = &err,
                   .flags = 0,
                   .animate_steps = 0,
                   .interactive = 0,
                   .front = front_cmd,
                   .front_ud = NULL,
                   .sandbox = opt->sandbox};
    int failed = 0;
    /* One command at a time, so output and the error of each appear in order. */
    char *piece = ds_xmalloc(strlen(line) + 1);
    for (const char *p = line; cmd_next_piece(&p, piece, strlen(line) + 1);) {
        ds_status st = cmd_exec(s, piece, &ctx);
        /* An open lesson checks every command the learner runs. */
        lesson_after_command(s, piece, st, &out);
        fputs(sbuf_str(&out), stdout);
        sbuf_reset(&out);
        if (st != DS_OK) {
            report(&err, lineno, opt);
            failed = 1;
            if (!opt->keep_going) break;
        }
        if (ctx.flags & CMDF_QUIT) {
            *quit = 1;
            break;
        }
    }
    free(piece);
    sbuf_free(&out);
    return failed;
}

int batch_run_file(sess *s, FILE *in, const batch_options *opt)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, failed = 0, quit = 0;
    while (!quit && (len = getline(&line, &cap, in)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
        if (memchr(line, '\0', (size_t)len)) {
            /* A NUL would silently cut the line short: run none of it. */
            ds_err err;
            ds_err_set(&err, DS_ESYNTAX, "a NUL byte in the line: not a text file");
            report(&err, lineno, opt);
            failed = 1;
            if (!opt->keep_going) break;
            continue;
        }
        if (batch_run_line(s, line, lineno, opt, &quit)) {
            failed = 1;
            if (!opt->keep_going) break;
        }
    }
    free(line);
    fflush(stdout);
    return failed;
}
