/* init.c — the init file: read it whole, run each line through the command language as
 * a script would, and collect output and FILE:LINE errors for the screen to show (the
 * screen is not up yet, and an init file must never stop the program). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "descent/alloc.h"
#include "descent/command.h"
#include "front_cmd.h"
#include "descent/lesson.h"
#include "descent/utf8.h"
#include "init.h"

void init_path(sbuf *out)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    /* The XDG spec says a relative XDG_CONFIG_HOME is invalid and to be ignored. */
    if (xdg && xdg[0] == '/')
        sbuf_printf(out, "%s/descent/init", xdg);
    else if (home && *home)
        sbuf_printf(out, "%s/.config/descent/init", home);
}

/* The byte offset of the first byte of line[0..n) that is not UTF-8, or -1. */
static long first_bad_byte(const char *line, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t len = utf8_len(line + i, n - i);
        if (len == 0) return (long)i;
        i += len;
    }
    return -1;
}

/* Run one line's ';'-separated commands; failures go to errs as PATH:LINE. */
static int run_line(sess *s, const char *path, int lineno, const char *line, sbuf *out, sbuf *errs)
{
    size_t cap = strlen(line) + 1;
    char *piece = ds_xmalloc(cap);
    if (!piece) abort();
    int problems = 0;
    ds_err err;
    for (const char *p = line; cmd_next_piece(&p, piece, cap);) {
        ds_err_clear(&err);
        cmd_ctx ctx = {.out = out,
                       .err = &err,
                       .flags = 0,
                       .animate_steps = 0,
                       .interactive = 0,
                       .front = front_cmd,
                       .front_ud = NULL};
        ds_status st = cmd_exec(s, piece, &ctx);
        lesson_after_command(s, piece, st, out);
        if (st != DS_OK) {
            sbuf_printf(errs, "%s:%d: %s\n", path, lineno, err.msg);
            problems++;
        }
        if (ctx.flags & CMDF_QUIT) {
            sbuf_printf(errs, "%s:%d: quit is ignored in the init file\n", path, lineno);
            problems++;
        }
    }
    free(piece);
    return problems;
}

int init_run(sess *s, const char *path, sbuf *out, sbuf *errs)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT) return 0;
        sbuf_printf(errs, "%s: cannot read the init file: %s\n", path, strerror(errno));
        return 1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        sbuf_printf(errs, "%s: the init file is a directory; it must be a text file\n", path);
        fclose(f);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, problems = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
        if (len > 0 && line[len - 1] == '\r') line[--len] = '\0';
        long bad = first_bad_byte(line, (size_t)len);
        if (bad >= 0) {
            sbuf_printf(errs,
                        "%s:%d: byte 0x%02X at column %ld is not UTF-8; the line was "
                        "skipped (save the file as UTF-8)\n",
                        path, lineno, (unsigned char)line[bad], bad + 1);
            problems++;
            continue;
        }
        if (memchr(line, '\0', (size_t)len)) {
            sbuf_printf(errs, "%s:%d: a NUL byte; the line was skipped\n", path, lineno);
            problems++;
            continue;
        }
        problems += run_line(s, path, lineno, line, out, errs);
    }
    if (ferror(f)) {
        sbuf_printf(errs, "%s: read error: %s\n", path, strerror(errno));
        problems++;
    }
    free(line);
    fclose(f);
    return problems;
}
