/* main.c — descent's entry point: parse the command line, build a session, run a
 * script if given, then hand over to the screen or the batch front end. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "check_lessons.h"
#include "init.h"
#include "record.h"
#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/command.h"
#include "descent/session.h"
#include "descent/statefile.h"
#include "descent/text.h"
#include "tui.h"

#ifndef DESCENT_VERSION
#define DESCENT_VERSION "0.1.0"
#endif

static const char usage_text[] =
    N_("usage: descent [options] [SCRIPT]\n"
       "\n"
       "Learn and teach numerical optimization: a contour plot, optimizer paths walking\n"
       "over it, and a command prompt. With SCRIPT, its commands run on the screen one by one\n"
       "(pause waits for Space or Enter, say puts a caption over the plot).\n"
       "\n"
       "  --batch FILE|- [FILE...]  run commands from each FILE in turn (- is stdin) without a\n"
       "                    screen; print results\n"
       "  -c 'CMD; CMD'     run these commands without a screen (with -i: then open the screen);\n"
       "                    several -c run in order\n"
       "  -i, --screen      open the screen after -c or --batch commands\n"
       "  --keep-going      in batch mode, go on after a failing command (exit 1 at the end)\n"
       "  --lesson N        start in lesson N (a number, or a name such as taylor)\n"
       "  --lang CODE       the language of lessons and of everything descent says, e.g.\n"
       "                    ko (default: from the locale; en is English)\n"
       "  --check-lessons   load every lesson and check every task headless (make check)\n"
       "  --report DIR      a teacher's CSV of DIR/LEARNER/progress files (one folder per\n"
       "                    learner, each with a copy of that learner's progress file)\n"
       "  --record FILE.cast  play SCRIPT on a virtual screen and record it (asciicast v2)\n"
       "  --size WxH        the virtual screen's size for --record (default 120x40)\n"
       "  --no-init         do not run the init file (~/.config/descent/init)\n"
       "  --mono            no colours (also when NO_COLOR is set)\n"
       "  --ascii           ASCII glyphs only (also in a non-UTF-8 locale)\n"
       "  --reference[=man] print the command reference as Markdown (README's is made so)\n"
       "                    or as roff (the man page's)\n"
       "  --help            this text\n"
       "  --version         the version\n"
       "\n"
       "Inside, type help for the commands. Batch exit status: 0 when every command\n"
       "succeeded, 1 otherwise (errors go to stderr as 'error: MESSAGE (line N)').\n");

#define MAX_BATCH 64

/* A command-line argument as it may be echoed to the terminal: controls escaped. */
static const char *shown(const char *arg, char *buf, size_t n)
{
    text_escape_controls(arg, buf, n);
    return buf;
}

/* At exit, the output must have reached its file: `descent -c 'eval 1 1' > /dev/full`
 * fails with a message and status 1 instead of losing the result silently. */
static void check_stdout(void)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, _("descent: cannot write the output: %s\n"),
                errno ? strerror(errno) : _("write error"));
        _exit(1);
    }
}

typedef struct {
    const char *batch_files[MAX_BATCH]; /* --batch FILE and the files after it */
    int nbatch;
    const char *oneliners[MAX_BATCH]; /* -c, each in order (-c A -c B runs both) */
    int noneliner;
    const char *script; /* positional SCRIPT */
    const char *lesson; /* --lesson */
    const char *lang;   /* --lang */
    int check_lessons;  /* --check-lessons */
    const char *report; /* --report DIR */
    int screen;         /* -i */
    int keep_going;
    int no_init;        /* --no-init */
    const char *record; /* --record FILE.cast */
    int cols, rows;     /* --size */
    tui_options tui;
} cli_options;

/* --report DIR: the CSV on stdout, what was skipped on stderr; 1 when nothing could
 * be reported. */
static int report_main(const char *dir)
{
    sbuf csv, skipped;
    sbuf_init(&csv);
    sbuf_init(&skipped);
    int rows = lesson_report(dir, &csv, &skipped);
    fputs(sbuf_str(&csv), stdout); /* csv_field quotes; names are the teacher's folders */
    for (const char *line = sbuf_str(&skipped); *line;) {
        size_t len = strcspn(line, "\n");
        char raw[2048], esc[8192];
        snprintf(raw, sizeof raw, "%.*s", (int)len, line);
        fprintf(stderr, "descent: %s\n", shown(raw, esc, sizeof esc));
        line += len + (line[len] == '\n');
    }
    sbuf_free(&csv);
    sbuf_free(&skipped);
    return rows ? 0 : 1;
}

/* The word after the option argv[*i], moving *i onto it; NULL when the option ends the
 * command line, after saying so: "needs an argument", or `missing` (a msgid) when given. */
static const char *option_value(int argc, char **argv, int *i, const char *missing)
{
    if (*i + 1 < argc) return argv[++*i];
    if (missing)
        fputs(_(missing), stderr);
    else
        fprintf(stderr, _("descent: %s needs an argument (see descent --help)\n"), argv[*i]);
    return NULL;
}

static int parse_args(int argc, char **argv, cli_options *o)
{
    memset(o, 0, sizeof *o);
    o->cols = 120;
    o->rows = 40;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(_(usage_text), stdout);
            exit(0);
        } else if (strcmp(a, "--reference") == 0 || strcmp(a, "--reference=man") == 0) {
            sbuf ref;
            sbuf_init(&ref);
            if (a[11] == '=')
                cmd_reference_man(&ref);
            else
                cmd_reference_markdown(&ref);
            fputs(sbuf_str(&ref), stdout);
            sbuf_free(&ref);
            exit(0);
        } else if (strcmp(a, "--version") == 0) {
            printf("descent %s\n", DESCENT_VERSION);
            exit(0);
        } else if (strcmp(a, "--check-lessons") == 0) {
            o->check_lessons = 1;
        } else if (strcmp(a, "--report") == 0) {
            o->report = option_value(argc, argv, &i,
                                     N_("descent: --report needs a directory (see descent "
                                        "--help)\n"));
            if (!o->report) return -1;
        } else if (strcmp(a, "--lesson") == 0 || strcmp(a, "--lang") == 0) {
            const char *v = option_value(argc, argv, &i, NULL);
            if (!v) return -1;
            if (a[3] == 'e')
                o->lesson = v;
            else
                o->lang = v;
        } else if (strcmp(a, "--batch") == 0 || strcmp(a, "-c") == 0) {
            const char *v = option_value(argc, argv, &i, NULL);
            if (!v) return -1;
            int one = a[1] == 'c';
            if ((one ? o->noneliner : o->nbatch) == MAX_BATCH) {
                fprintf(stderr,
                        one ? _("descent: at most %d -c options\n")
                            : _("descent: at most %d batch files\n"),
                        MAX_BATCH);
                return -1;
            }
            if (one)
                o->oneliners[o->noneliner++] = v;
            else
                o->batch_files[o->nbatch++] = v;
        } else if (strcmp(a, "-i") == 0 || strcmp(a, "--screen") == 0) {
            o->screen = 1;
        } else if (strcmp(a, "--keep-going") == 0) {
            o->keep_going = 1;
        } else if (strcmp(a, "--record") == 0 || strcmp(a, "--size") == 0) {
            const char *v = option_value(argc, argv, &i, NULL);
            if (!v) return -1;
            if (a[2] == 'r') {
                o->record = v;
                continue;
            }
            char *end;
            long w = strtol(v, &end, 10), h = 0;
            if (end != v && *end == 'x') h = strtol(end + 1, &end, 10);
            if (*end || w < 20 || h < 10 || w > 1000 || h > 1000) {
                fprintf(stderr,
                        _("descent: --size '%s' should be COLSxROWS, e.g. 120x40 (from "
                          "20x10 to 1000x1000)\n"),
                        v);
                return -1;
            }
            o->cols = (int)w;
            o->rows = (int)h;
        } else if (strcmp(a, "--no-init") == 0) {
            o->no_init = 1;
        } else if (strcmp(a, "--mono") == 0) {
            o->tui.mono = 1;
        } else if (strcmp(a, "--ascii") == 0) {
            o->tui.ascii = 1;
        } else if (a[0] == '-' && a[1]) {
            char b[256];
            fprintf(stderr, _("descent: unknown option '%s' (see descent --help)\n"),
                    shown(a, b, sizeof b));
            return -1;
        } else if (o->nbatch > 0) {
            /* `--batch a.cmd b.cmd`: every file runs, in order (none is ignored). */
            if (o->nbatch == MAX_BATCH) {
                fprintf(stderr, _("descent: at most %d batch files\n"), MAX_BATCH);
                return -1;
            }
            o->batch_files[o->nbatch++] = a;
        } else if (!o->script) {
            o->script = a;
        } else {
            char b1[256], b2[256];
            fprintf(stderr, _("descent: only one SCRIPT, got '%s' and '%s'\n"),
                    shown(o->script, b1, sizeof b1), shown(a, b2, sizeof b2));
            return -1;
        }
    }
    return 0;
}

/* Run a script file through the batch front end. Returns 0 on success. */
static int run_script(sess *s, const char *path, const batch_options *bo)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        char b[256];
        fprintf(stderr, _("descent: cannot open '%s': %s\n"), shown(path, b, sizeof b),
                strerror(errno));
        return 1;
    }
    int rc = batch_run_file(s, f, bo);
    if (f != stdin) fclose(f);
    return rc;
}

/* The interface language: --lang CODE when given, else the locale's (LC_ALL,
 * LC_MESSAGES, LANG). Looked up before the options are parsed, so that everything
 * said from then on, --help and option errors included, is in that language. */
static const char *cli_lang(int argc, char **argv, char *env, size_t size)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--lang") == 0) return argv[i + 1];
    lesson_lang_from_env(env, size);
    return env;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    char env_lang[16];
    i18n_set_lang(cli_lang(argc, argv, env_lang, sizeof env_lang));
    atexit(check_stdout);
    int utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    cli_options o;
    if (parse_args(argc, argv, &o)) return 2;
    if (o.check_lessons) {
        if (!utf8) setlocale(LC_CTYPE, "C.UTF-8");
        return check_lessons_main(NULL, stdout);
    }
    if (o.report) return report_main(o.report);
    if (o.record) {
        if (!o.script || o.nbatch || o.noneliner) {
            fprintf(stderr, _("descent: --record FILE.cast needs a SCRIPT to play (and no --batch "
                              "or -c), e.g. descent --record demo.cast demo.txt\n"));
            return 2;
        }
        const char *extra[8] = {NULL};
        int n = 0;
        if (o.tui.mono) extra[n++] = "--mono";
        if (o.tui.ascii) extra[n++] = "--ascii";
        if (o.lang) {
            extra[n++] = "--lang";
            extra[n++] = o.lang;
        }
        char self[4096];
        ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
        if (len <= 0) {
            fprintf(stderr, _("descent: --record cannot find its own program file\n"));
            return 1;
        }
        self[len] = '\0';
        return record_script(self, o.record, o.script, o.cols, o.rows, extra);
    }
    int headless = (o.nbatch || o.noneliner) && !o.screen;
    if (headless && o.script) {
        fprintf(stderr,
                _("descent: SCRIPT '%s' runs before the screen; with -c and no -i there is "
                  "no screen (use --batch FILE to run it)\n"),
                o.script);
        return 2;
    }
    /* Text is UTF-8 whatever the locale; widths are measured with a UTF-8 LC_CTYPE. */
    if (headless && !utf8) setlocale(LC_CTYPE, "C.UTF-8");
    if (!utf8 && !headless) o.tui.ascii = 1;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc) o.tui.mono = 1;

    sess *s = sess_new();
    if (!s) {
        fprintf(stderr, _("descent: out of memory\n"));
        return 1;
    }
    /* Progress is the learner's: saved from the screen, not from scripts. When there is
     * nowhere to keep it (HOME missing or read-only), the screen says so once. */
    int save = !headless;
    char state_note[400] = "";
    if (save) {
        sbuf dir;
        sbuf_init(&dir);
        char why[300];
        if (state_dir(&dir, why, sizeof why) != 0) {
            save = 0;
            snprintf(state_note, sizeof state_note,
                     _("history and lesson progress are not saved: %s"), why);
            o.tui.state_note = state_note;
        }
        sbuf_free(&dir);
    }
    lesson_config lc = {.dir = NULL, .lang = o.lang, .save_progress = save, .progress = NULL};
    ds_err lerr;
    if (lesson_configure(s, &lc, &lerr) != DS_OK)
        fprintf(stderr, _("descent: lessons unavailable: %s\n"), lerr.msg);
    batch_options bo = {.keep_going = o.keep_going, .quiet_errors = 0, .label = NULL};
    int rc = 0;
    char lesson_line[300] = "";
    if (o.lesson) snprintf(lesson_line, sizeof lesson_line, "lesson %s", o.lesson);
    if (o.lesson && headless) {
        int quit = 0;
        if (batch_run_line(s, lesson_line, 0, &bo, &quit) != 0) {
            sess_free(s);
            return 1;
        }
    }
    if (o.lesson && !headless) o.tui.first_command = lesson_line;
    /* The init file belongs to the screen: scripts and -c give the same results for
     * everyone. It runs before SCRIPT, so a script can override what it sets. */
    sbuf init_out, init_errs;
    sbuf_init(&init_out);
    sbuf_init(&init_errs);
    if (!headless && !o.no_init) {
        sbuf path;
        sbuf_init(&path);
        init_path(&path);
        if (path.len) init_run(s, sbuf_str(&path), &init_out, &init_errs);
        sbuf_free(&path);
        o.tui.init_output = init_out.len ? sbuf_str(&init_out) : NULL;
        o.tui.init_errors = init_errs.len ? sbuf_str(&init_errs) : NULL;
    }
    for (int i = 0; i < o.nbatch && (rc == 0 || o.keep_going); i++) {
        bo.label = o.batch_files[i];
        rc |= run_script(s, o.batch_files[i], &bo);
    }
    /* Each -c is one line of commands, numbered in order for error messages; quit in
     * one ends them all. */
    for (int i = 0, quit = 0; i < o.noneliner && !quit && (rc == 0 || o.keep_going); i++)
        rc |= batch_run_line(s, o.oneliners[i], i + 1, &bo, &quit);
    if (!headless) {
        /* A script runs on the screen, line by line as if typed, so a class sees each
         * step (pause waits for a key, say captions the plot). */
        FILE *sf = o.script ? fopen(o.script, "r") : NULL;
        if (sf) fclose(sf);
        if (o.script && !sf) {
            fprintf(stderr, _("descent: cannot open the script '%s'\n"), o.script);
            rc = 1;
        } else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fprintf(stderr, _("descent: the screen needs a terminal; use --batch FILE or -c "
                              "'commands' to run without one\n"));
            rc = 2;
        } else {
            o.tui.script = o.script;
            rc = tui_run(s, &o.tui);
            sbuf_reset(&init_errs); /* shown on the screen */
        }
        fputs(sbuf_str(&init_errs), stderr);
    }
    sbuf_free(&init_out);
    sbuf_free(&init_errs);
    sess_free(s);
    return rc;
}
