/* test_harden.c — regression tests for the hardening of issue 12: lessons run in a
 * sandbox, control characters never reach a terminal, long inputs stay linear, NUL
 * bytes and huge files are refused, steps can be interrupted, state files are private,
 * locked and validated, and mistyped plot sizes never become file names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/lesson_internal.h"
#include "descent/command.h"
#include "descent/dataset.h"
#include "descent/lesson.h"
#include "descent/statefile.h"
#include "descent/text.h"
#include "harness.h"

static char tmpdir[256];

static void path_of(char *out, size_t n, const char *rel)
{
    snprintf(out, n, "%s/%s", tmpdir, rel);
}

static void write_file(const char *rel, const char *text, size_t len)
{
    char path[512];
    path_of(path, sizeof path, rel);
    FILE *f = fopen(path, "wb");
    if (!f) {
        TH_FAIL("cannot write %s", path);
        return;
    }
    fwrite(text, 1, len, f);
    fclose(f);
}

static int exists(const char *rel)
{
    char path[512];
    path_of(path, sizeof path, rel);
    return access(path, F_OK) == 0;
}

/* Run one command; its output and error go to out / err. */
static ds_status exec1(sess *s, const char *line, sbuf *out, ds_err *err)
{
    cmd_ctx c = {.out = out, .err = err, .interactive = 0};
    ds_err_clear(err);
    return cmd_exec(s, line, &c);
}

/* ---------------------------------------------------------------- 1: the sandbox */

TEST(lesson_sandbox)
{
    /* Set-up and solution lines that try to write, read outside, or run forever. */
    static const char evil[] = "title: Evil\n"
                               "step: One\n"
                               "do: plot 60x20 victim_plot.txt\n"
                               "do: data save victim.csv\n"
                               "step: Two\n"
                               "task: t\n"
                               "expect: runs >= 2\n"
                               "solution: trace victim_trace.csv\n"
                               "why: w\n"
                               "step: Three\n"
                               "do: data load /etc/passwd\n"
                               "do: data load ../outside.csv\n"
                               "do: step 200000\n";
    write_file("evil.lesson", evil, strlen(evil));
    char path[512];
    path_of(path, sizeof path, "evil.lesson");
    sbuf rep;
    sbuf_init(&rep);
    int bad = lesson_check_file(path, &rep, NULL);
    CHECK(bad >= 5);
    CHECK_HAS(sbuf_str(&rep), "evil.lesson:3:");
    CHECK_HAS(sbuf_str(&rep), "evil.lesson:4:");
    CHECK_HAS(sbuf_str(&rep), "evil.lesson:8:");
    CHECK_HAS(sbuf_str(&rep), "evil.lesson:11:");
    CHECK_HAS(sbuf_str(&rep), "evil.lesson:12:");
    CHECK_HAS(sbuf_str(&rep), "evil.lesson:13:");
    CHECK_HAS(sbuf_str(&rep), "may not write files");
    CHECK(!exists("victim_plot.txt"));
    CHECK(!exists("victim.csv"));
    CHECK(!exists("victim_trace.csv"));
    sbuf_free(&rep);

    /* A data file beside the lesson may be read; the learner's own commands are free. */
    static const char csv[] = "x,y\n0,1\n1,3\n";
    write_file("beside.csv", csv, strlen(csv));
    static const char good[] = "title: Good\nstep: One\ndo: data load beside.csv\n";
    write_file("good.lesson", good, strlen(good));
    path_of(path, sizeof path, "good.lesson");
    sbuf_init(&rep);
    CHECK(lesson_check_file(path, &rep, NULL) == 0);
    sbuf_free(&rep);

    sess *s = sess_new();
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    char dir[512];
    snprintf(dir, sizeof dir, "%s", tmpdir);
    cmd_ctx c = {.out = &out, .err = &err, .sandbox = dir};
    CHECK(cmd_exec(s, "data load beside.csv", &c) == DS_OK);
    CHECK(cmd_exec(s, "step 100001", &c) != DS_OK);
    CHECK(cmd_exec(s, "run 100000", &c) == DS_OK);
    /* A link beside the lesson that leads out of its directory is refused too. */
    char link[512];
    path_of(link, sizeof link, "link.csv");
    if (symlink("/etc/passwd", link) == 0) {
        CHECK(cmd_exec(s, "data load link.csv", &c) != DS_OK);
        CHECK_HAS(err.msg, "inside its directory");
    }
    sbuf_free(&out);
    sess_free(s);
}

/* ---------------------------------------------------------------- 2: controls */

TEST(controls_escaped)
{
    ds_err e;
    ds_err_set(&e, DS_EARG, "unknown '%s'", "\x1b]0;pwned\x07 and \xc2\x9b");
    CHECK(strchr(e.msg, 0x1b) == NULL && strchr(e.msg, 0x07) == NULL);
    CHECK_HAS(e.msg, "\\x1B]0;pwned\\x07");
    CHECK_HAS(e.msg, "\\xC2\\x9B");
    char out[64];
    text_escape_controls("a\tb\nc\x7f", out, sizeof out);
    CHECK_STR(out, "a\tb\nc\\x7F");

    /* A command echoing a user token in its error. */
    sess *s = sess_new();
    sbuf o;
    sbuf_init(&o);
    exec1(s, "\x1b]52;c;aGk=\x07", &o, &e);
    CHECK(e.code != DS_OK && strchr(e.msg, 0x1b) == NULL);
    exec1(s, "algo gd lr=\x1b[2J", &o, &e);
    CHECK(e.code != DS_OK && strchr(e.msg, 0x1b) == NULL);
    sbuf_free(&o);
    sess_free(s);

    /* Lesson files: a control in a title or text is an error with FILE:LINE. */
    ds_err err;
    static const char t1[] = "title: \x1b]0;owned\x07\nstep: S\ntext\n";
    CHECK(lesson_parse(t1, strlen(t1), "c.lesson", &err) == NULL);
    CHECK_HAS(err.msg, "c.lesson:1: control character");
    static const char t2[] = "title: T\nstep: S\nsome \x1b[31mred\n";
    CHECK(lesson_parse(t2, strlen(t2), "c.lesson", &err) == NULL);
    CHECK_HAS(err.msg, "c.lesson:3:");
    static const char t3[] = "title: T\r\nstep: S\r\n\tindented\r\n";
    lesson *l = lesson_parse(t3, strlen(t3), "c.lesson", &err);
    CHECK(l != NULL); /* tabs and CRLF line ends are fine */
    lesson_free(l);
}

/* ---------------------------------------------------------------- 6: linear parsing */

TEST(lesson_parse_linear)
{
    /* 200,000 continuation lines (2.6 MB): quadratic appending took minutes. */
    sbuf b;
    sbuf_init(&b);
    sbuf_puts(&b, "title: Long\nstep: S\ntask: t\n");
    for (int i = 0; i < 200000; i++)
        sbuf_puts(&b, "  more text\n");
    sbuf_puts(&b, "answer: 1\nwhy: w\n");
    ds_err err;
    lesson *l = lesson_parse(sbuf_str(&b), b.len, "long.lesson", &err);
    CHECK(l != NULL);
    if (l) CHECK(strlen(l->steps[0].prompt) == 1 + 200000 * 10);
    lesson_free(l);

    /* Steps are capped (the progress file has a flag per step). */
    sbuf_reset(&b);
    sbuf_puts(&b, "title: Many\n");
    for (int i = 0; i <= LESSON_MAX_STEPS; i++)
        sbuf_puts(&b, "step: s\n");
    CHECK(lesson_parse(sbuf_str(&b), b.len, "many.lesson", &err) == NULL);
    CHECK_HAS(err.msg, "steps");
    sbuf_free(&b);
}

/* ---------------------------------------------------------------- 4, 13: CSV */

TEST(csv_limits)
{
    dataset d;
    data_init(&d);
    ds_err err;
    /* NUL bytes: /dev/zero read as endless blank lines. */
    CHECK(data_load_csv(&d, "/dev/zero", &err) != DS_OK);
    CHECK_HAS(err.msg, "not a text file");
    static const char nul[] = "x,y\n1,2\n3,4\n\0\n5,6\n";
    write_file("nul.csv", nul, sizeof nul - 1);
    char path[512];
    path_of(path, sizeof path, "nul.csv");
    CHECK(data_load_csv(&d, path, &err) != DS_OK);
    CHECK_HAS(err.msg, "nul.csv:4:"); /* the line numbers stay right */

    /* What descent writes, it reads back: 1,000,000 rows (the documented limit). */
    CHECK(data_generate(&d, DATA_LINREG, 1000000, 0.3, 1, &err) == DS_OK);
    path_of(path, sizeof path, "big.csv");
    CHECK(data_save_csv(&d, path, &err) == DS_OK);
    dataset e;
    data_init(&e);
    CHECK(data_load_csv(&e, path, &err) == DS_OK);
    CHECK(e.n == 1000000);
    if (e.n == d.n) CHECK(e.x[999999] == d.x[999999] && e.y[0] == d.y[0]);
    data_free(&e);
    /* One more row is refused with its line. */
    FILE *f = fopen(path, "a");
    if (f) {
        fputs("1,2\n", f);
        fclose(f);
    }
    CHECK(data_load_csv(&e, path, &err) != DS_OK);
    CHECK_HAS(err.msg, "more than 1000000 samples");
    remove(path);
    data_free(&d);
    /* Writing to a full disk is an error, not a silent loss. */
    if (access("/dev/full", W_OK) == 0) {
        CHECK(data_generate(&d, DATA_LINREG, 5000, 0.3, 1, &err) == DS_OK);
        CHECK(data_save_csv(&d, "/dev/full", &err) != DS_OK);
        data_free(&d);
    }
}

/* ---------------------------------------------------------------- 5: interrupted steps */

static int polls;
static int stop_at_third(void)
{
    return ++polls >= 3;
}

TEST(step_interrupt)
{
    sess *s = sess_new();
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    cmd_ctx c = {.out = &out, .err = &err, .interrupted = stop_at_third};
    CHECK(cmd_exec(s, "algo gd lr=1e-12 tol=0 maxiter=1e12", &c) == DS_OK);
    sbuf_reset(&out);
    polls = 0;
    CHECK(cmd_exec(s, "step 200000000", &c) == DS_OK);
    /* three chunks: 1000 steps, then each twice the last while they take under 10 ms */
    const char *at = strstr(sbuf_str(&out), "interrupted: ");
    long done = 0;
    CHECK(at && sscanf(at, "interrupted: %ld of 200000000 steps done", &done) == 1);
    CHECK(done >= 3000 && done <= 7000);
    char iter[32];
    snprintf(iter, sizeof iter, "iter %ld ", done);
    CHECK_HAS(sbuf_str(&out), iter);
    sbuf_free(&out);
    sess_free(s);
}

/* ---------------------------------------------------------------- 8: plot sizes */

TEST(plot_sizes)
{
    char cwd[512];
    if (!getcwd(cwd, sizeof cwd)) return;
    if (chdir(tmpdir) != 0) return;
    sess *s = sess_new();
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    static const char *const bad[] = {"plot 80x", "plot 120x40x", "plot 9999999999999999999x24",
                                      "plot 80X24y"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(exec1(s, bad[i], &out, &err) != DS_OK);
        CHECK(access(bad[i] + 5, F_OK) != 0);
    }
    CHECK(exec1(s, "plot 40x12", &out, &err) == DS_OK);
    sbuf_free(&out);
    sess_free(s);
    if (chdir(cwd) != 0) TH_FAIL("chdir back");
}

/* ---------------------------------------------------------------- 14: numbers */

TEST(number_underflow)
{
    sess *s = sess_new();
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    CHECK(exec1(s, "cursor 1e-400 0", &out, &err) != DS_OK);
    CHECK_HAS(err.msg, "underflows");
    CHECK(exec1(s, "cursor 1e400 0", &out, &err) != DS_OK);
    CHECK_HAS(err.msg, "too large");
    sbuf_free(&out);
    sess_free(s);
}

/* ---------------------------------------------------------------- 9, 10, 12: state */

/* A progress record for NAME at STEP with STATES ("0110"). */
static lesson_record *record_of(const char *name, int step, const char *states)
{
    static lesson_record r;
    char line[600];
    snprintf(line, sizeof line, "%s %d 0 %s", name, step, states);
    CHECK(lesson_record_parse(line, &r) == 1);
    return &r;
}

TEST(progress_file)
{
    char path[512], why[256];
    path_of(path, sizeof path, "state/descent/progress");
    mode_t old = umask(0);
    CHECK(lesson_progress_write(path, record_of("01-a", 2, "0110"), why, sizeof why) == 0);
    umask(old);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    char dir[512];
    path_of(dir, sizeof dir, "state/descent");
    CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);

    /* Corrupted records are ignored, never overflow. */
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("01-derivatives 2147483647 0 1\n02-b 99999999999999999999 0 1\n03-c -1 0 1\n"
              "04-d 3 7 1\n05-e 3 0 10x\n06-f 3 1 0101\n",
              f);
        fclose(f);
    }
    lesson_record r;
    CHECK(!lesson_progress_read(path, "01-derivatives", &r));
    CHECK(!lesson_progress_read(path, "02-b", &r));
    CHECK(!lesson_progress_read(path, "03-c", &r));
    CHECK(!lesson_progress_read(path, "04-d", &r));
    CHECK(!lesson_progress_read(path, "05-e", &r));
    CHECK(lesson_progress_read(path, "06-f", &r));
    CHECK(r.step == 3 && r.complete == 1 && r.nsteps == 4);
    CHECK(r.state[0] == LESSON_OPEN && r.state[1] == LESSON_DONE && r.state[3] == LESSON_DONE);

    /* Four writers at once keep every record (the lock serialises read-modify-rename). */
    remove(path);
    for (int w = 0; w < 4; w++) {
        pid_t pid = fork();
        if (pid == 0) {
            for (int i = 0; i < 25; i++) {
                char name[32], why2[256];
                snprintf(name, sizeof name, "w%d-%d", w, i);
                lesson_record *rec = record_of(name, i, "01");
                lesson_progress_write(path, rec, why2, sizeof why2);
            }
            _exit(0);
        }
    }
    for (int w = 0; w < 4; w++)
        wait(NULL);
    int lines = 0;
    f = fopen(path, "r");
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f))
            lines += line[0] == 'w';
        fclose(f);
    }
    CHECK(lines == 100);
}

TEST(home_not_created)
{
    char home[512], why[256];
    path_of(home, sizeof home, "nohome");
    const char *old_home = getenv("HOME"), *old_xdg = getenv("XDG_STATE_HOME");
    char keep_home[512] = "", keep_xdg[512] = "";
    if (old_home) snprintf(keep_home, sizeof keep_home, "%s", old_home);
    if (old_xdg) snprintf(keep_xdg, sizeof keep_xdg, "%s", old_xdg);
    setenv("HOME", home, 1);
    unsetenv("XDG_STATE_HOME");
    sbuf d;
    sbuf_init(&d);
    CHECK(state_dir(&d, why, sizeof why) != 0);
    CHECK_HAS(why, "HOME");
    CHECK(!exists("nohome"));
    char prog[600];
    snprintf(prog, sizeof prog, "%s/.local/state/descent/progress", home);
    CHECK(lesson_progress_write(prog, record_of("x", 0, "0"), why, sizeof why) != 0);
    CHECK(!exists("nohome"));
    /* An existing HOME gets its state directory, 0700. */
    mkdir(home, 0755);
    sbuf_reset(&d);
    CHECK(state_dir(&d, why, sizeof why) == 0);
    struct stat st;
    CHECK(stat(sbuf_str(&d), &st) == 0 && (st.st_mode & 0777) == 0700);
    sbuf_free(&d);
    if (keep_home[0]) setenv("HOME", keep_home, 1);
    if (keep_xdg[0]) setenv("XDG_STATE_HOME", keep_xdg, 1);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/descent-test-harden-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(lesson_sandbox);
    RUN(controls_escaped);
    RUN(lesson_parse_linear);
    RUN(csv_limits);
    RUN(step_interrupt);
    RUN(plot_sizes);
    RUN(number_underflow);
    RUN(progress_file);
    RUN(home_not_created);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    TEST_END();
}
