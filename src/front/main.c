/* main.c — descent's entry point: parse the command line, build a session, run a
 * script if given, then hand over to the screen or the batch front end. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "check_lessons.h"
#include "init.h"
#include "descent/lesson.h"
#include "descent/command.h"
#include "descent/session.h"
#include "tui.h"

#ifndef DESCENT_VERSION
#define DESCENT_VERSION "0.1.0"
#endif

static const char usage_text[] =
    "usage: descent [options] [SCRIPT]\n"
    "\n"
    "Learn and teach numerical optimization: a contour plot, optimizer paths walking\n"
    "over it, and a command prompt. With SCRIPT, its commands run before the screen opens.\n"
    "\n"
    "  --batch FILE|-    run commands from FILE (or stdin) without a screen; print results\n"
    "  -c 'CMD; CMD'     run these commands without a screen (with -i: then open the screen)\n"
    "  -i, --screen      open the screen after -c or --batch commands\n"
    "  --keep-going      in batch mode, go on after a failing command (exit 1 at the end)\n"
    "  --lesson N        start in lesson N (a number, or a name such as taylor)\n"
    "  --lang CODE       lesson language, e.g. ko (default: from the locale)\n"
    "  --check-lessons   load every lesson and check every task headless (make check)\n"
    "  --no-init         do not run the init file (~/.config/descent/init)\n"
    "  --mono            no colours (also when NO_COLOR is set)\n"
    "  --ascii           ASCII glyphs only (also in a non-UTF-8 locale)\n"
    "  --reference[=man] print the command reference as Markdown (README's is made so)\n"
    "                    or as roff (the man page's)\n"
    "  --help            this text\n"
    "  --version         the version\n"
    "\n"
    "Inside, type help for the commands. Batch exit status: 0 when every command\n"
    "succeeded, 1 otherwise (errors go to stderr as 'error: MESSAGE (line N)').\n";

typedef struct {
    const char *batch_file; /* --batch */
    const char *oneliner;   /* -c */
    const char *script;     /* positional SCRIPT */
    const char *lesson;     /* --lesson */
    const char *lang;       /* --lang */
    int check_lessons;      /* --check-lessons */
    int screen;             /* -i */
    int keep_going;
    int no_init; /* --no-init */
    tui_options tui;
} cli_options;

static int parse_args(int argc, char **argv, cli_options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
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
        } else if (strcmp(a, "--lesson") == 0 || strcmp(a, "--lang") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "descent: %s needs an argument (see descent --help)\n", a);
                return -1;
            }
            if (a[3] == 'e')
                o->lesson = argv[++i];
            else
                o->lang = argv[++i];
        } else if (strcmp(a, "--batch") == 0 || strcmp(a, "-c") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "descent: %s needs an argument (see descent --help)\n", a);
                return -1;
            }
            if (a[1] == 'c')
                o->oneliner = argv[++i];
            else
                o->batch_file = argv[++i];
        } else if (strcmp(a, "-i") == 0 || strcmp(a, "--screen") == 0) {
            o->screen = 1;
        } else if (strcmp(a, "--keep-going") == 0) {
            o->keep_going = 1;
        } else if (strcmp(a, "--no-init") == 0) {
            o->no_init = 1;
        } else if (strcmp(a, "--mono") == 0) {
            o->tui.mono = 1;
        } else if (strcmp(a, "--ascii") == 0) {
            o->tui.ascii = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "descent: unknown option '%s' (see descent --help)\n", a);
            return -1;
        } else if (!o->script) {
            o->script = a;
        } else {
            fprintf(stderr, "descent: only one SCRIPT, got '%s' and '%s'\n", o->script, a);
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
        fprintf(stderr, "descent: cannot open '%s'\n", path);
        return 1;
    }
    int rc = batch_run_file(s, f, bo);
    if (f != stdin) fclose(f);
    return rc;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    int utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    cli_options o;
    if (parse_args(argc, argv, &o)) return 2;
    if (o.check_lessons) {
        if (!utf8) setlocale(LC_CTYPE, "C.UTF-8");
        return check_lessons_main(NULL, stdout);
    }
    int headless = (o.batch_file || o.oneliner) && !o.screen;
    /* Text is UTF-8 whatever the locale; widths are measured with a UTF-8 LC_CTYPE. */
    if (headless && !utf8) setlocale(LC_CTYPE, "C.UTF-8");
    if (!utf8 && !headless) o.tui.ascii = 1;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc) o.tui.mono = 1;

    sess *s = sess_new();
    if (!s) {
        fprintf(stderr, "descent: out of memory\n");
        return 1;
    }
    /* Progress is the learner's: saved from the screen, not from scripts. */
    lesson_config lc = {.dir = NULL, .lang = o.lang, .save_progress = !headless, .progress = NULL};
    ds_err lerr;
    if (lesson_configure(s, &lc, &lerr) != DS_OK)
        fprintf(stderr, "descent: lessons unavailable: %s\n", lerr.msg);
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
    if (o.batch_file) {
        bo.label = o.batch_file;
        rc = run_script(s, o.batch_file, &bo);
    }
    if (o.oneliner && (rc == 0 || o.keep_going)) {
        int quit = 0;
        rc |= batch_run_line(s, o.oneliner, 1, &bo, &quit);
    }
    if (!headless) {
        if (o.script && run_script(s, o.script, &bo) != 0) {
            fprintf(stderr, "descent: the script '%s' failed; not opening the screen\n", o.script);
            rc = 1;
        } else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fprintf(stderr, "descent: the screen needs a terminal; use --batch FILE or -c "
                            "'commands' to run without one\n");
            rc = 2;
        } else {
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
