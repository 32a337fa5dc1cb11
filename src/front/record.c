/* record.c — asciicast v2 recordings: a header line, then one [t, "o", data] line per
 * write to the terminal. On the screen the bytes come from a write() wrapper (ncurses 6
 * flushes with write(2) on the terminal's descriptor, so an fopencookie FILE given to
 * newterm never sees them); --record runs the screen on a pseudo-terminal instead. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "descent/alloc.h"
#include "descent/utf8.h"
#include "record.h"

/* The recording in progress. File-static because write() below takes no user data. */
typedef struct {
    FILE *f;         /* the .cast file; NULL when not recording */
    char path[1024]; /* its name, for messages */
    int fd;          /* the descriptor whose writes are recorded; -1 for none */
    double t0;       /* monotonic seconds at the start */
    char carry[4];   /* an incomplete UTF-8 character at the end of the last write */
    int ncarry;
    long events; /* "o" events written */
    int failed;  /* errno of the first failed write to the file, or 0 */
    int busy;    /* inside record_bytes: never record our own writes */
} recorder;

static recorder rec = {.fd = -1};

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Every write of the program passes here; the terminal's are also recorded. */
ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t r = syscall(SYS_write, fd, buf, n);
    if (r > 0 && rec.f && fd == rec.fd && !rec.busy) record_bytes(buf, (size_t)r);
    return r;
}

/* Append s[0..n) as the inside of a JSON string: valid UTF-8 kept, control bytes as
 * \u00XX, bytes that are not UTF-8 as U+FFFD. */
static void json_bytes(sbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            sbuf_printf(out, "\\%c", ch);
            i++;
        } else if (ch < 0x20 || ch == 0x7f) {
            sbuf_printf(out, "\\u%04x", ch);
            i++;
        } else if (ch < 0x80) {
            sbuf_putn(out, s + i, 1);
            i++;
        } else {
            size_t len = utf8_len(s + i, n - i);
            if (len == 0) {
                sbuf_puts(out, "\xef\xbf\xbd");
                len = 1;
            } else
                sbuf_putn(out, s + i, len);
            i += len;
        }
    }
}

/* Bytes at the end of s[0..n) that start a UTF-8 character not finished yet. */
static size_t incomplete_tail(const char *s, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char ch = (unsigned char)s[n - k];
        if ((ch & 0xC0) == 0x80) continue; /* a continuation byte: look further back */
        size_t need = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
        return need > k ? k : 0;
    }
    return 0;
}

void record_bytes(const char *buf, size_t n)
{
    if (!rec.f || n == 0) return;
    rec.busy = 1;
    size_t total = (size_t)rec.ncarry + n;
    char *all = ds_xmalloc(total);
    if (!all) abort();
    memcpy(all, rec.carry, (size_t)rec.ncarry);
    memcpy(all + rec.ncarry, buf, n);
    size_t tail = incomplete_tail(all, total);
    rec.ncarry = (int)tail;
    memcpy(rec.carry, all + total - tail, tail);
    if (total > tail) {
        sbuf line;
        sbuf_init(&line);
        sbuf_printf(&line, "[%.6f, \"o\", \"", mono_seconds() - rec.t0);
        json_bytes(&line, all, total - tail);
        sbuf_puts(&line, "\"]\n");
        if (fwrite(sbuf_str(&line), 1, line.len, rec.f) != line.len && !rec.failed)
            rec.failed = errno ? errno : EIO;
        rec.events++;
        sbuf_free(&line);
    }
    free(all);
    rec.busy = 0;
}

int record_active(void)
{
    return rec.f != NULL;
}

ds_status record_start(const char *path, int fd, int cols, int rows, const char *title, ds_err *err)
{
    if (rec.f)
        return ds_err_set(err, DS_ESTATE,
                          "already recording to %s; record stop ends it before a new one",
                          rec.path);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return ds_err_set(err, DS_EIO,
                          "cannot record to '%s': it is a directory; name a file "
                          "such as demo.cast",
                          path);
    FILE *f = fopen(path, "w");
    if (!f) return ds_err_set(err, DS_EIO, "cannot record to '%s': %s", path, strerror(errno));
    sbuf h;
    sbuf_init(&h);
    sbuf_printf(&h,
                "{\"version\": 2, \"width\": %d, \"height\": %d, \"timestamp\": %lld, "
                "\"title\": \"",
                cols, rows, (long long)time(NULL));
    json_bytes(&h, title, strlen(title));
    const char *term = fd < 0 ? "xterm-256color" : getenv("TERM"); /* --record sets it */
    if (!term) term = "xterm-256color";
    sbuf_puts(&h, "\", \"env\": {\"TERM\": \"");
    json_bytes(&h, term, strlen(term));
    sbuf_puts(&h, "\"}}\n");
    int bad = fwrite(sbuf_str(&h), 1, h.len, f) != h.len || fflush(f) != 0;
    sbuf_free(&h);
    if (bad) {
        ds_status s = ds_err_set(err, DS_EIO, "cannot record to '%s': %s", path, strerror(errno));
        fclose(f);
        remove(path);
        return s;
    }
    memset(&rec, 0, sizeof rec);
    rec.f = f;
    snprintf(rec.path, sizeof rec.path, "%s", path);
    rec.fd = fd;
    rec.t0 = mono_seconds();
    return DS_OK;
}

ds_status record_stop(sbuf *out, ds_err *err)
{
    if (!rec.f)
        return ds_err_set(err, DS_ESTATE, "nothing is recording; start with record FILE.cast");
    int failed = rec.failed;
    if (fclose(rec.f) != 0 && !failed) failed = errno ? errno : EIO;
    rec.f = NULL;
    rec.fd = -1;
    if (failed)
        return ds_err_set(err, DS_EIO, "the recording %s is incomplete: %s", rec.path,
                          strerror(failed));
    sbuf_printf(out, "recorded %ld screen updates in %.1f s to %s\n", rec.events,
                mono_seconds() - rec.t0, rec.path);
    return DS_OK;
}

/* ---- --record: a script typed into the screen on a pseudo-terminal ----------------- */

/* Copy what the child draws into the recording until it has been quiet for `quiet_ms`
 * (or `max_ms` passed). Returns 0 at end of output (the child left). */
static int pump(int master, int quiet_ms, int max_ms)
{
    double end = mono_seconds() + max_ms / 1000.0;
    char buf[8192];
    for (;;) {
        struct pollfd p = {.fd = master, .events = POLLIN};
        int left = (int)((end - mono_seconds()) * 1000);
        if (left <= 0) return 1;
        int r = poll(&p, 1, quiet_ms < left ? quiet_ms : left);
        if (r < 0 && errno == EINTR) continue;
        if (r == 0) return 1; /* quiet */
        ssize_t n = read(master, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0; /* EIO: the child closed the terminal */
        record_bytes(buf, (size_t)n);
    }
}

static void type_text(int master, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (write(master, p, 1) < 0) return;
        pump(master, 12, 12); /* the echo, at a typist's pace */
    }
}

int record_script(const char *self, const char *cast, const char *script, int cols, int rows,
                  const char *const *extra_args)
{
    FILE *in = fopen(script, "r");
    if (!in) {
        fprintf(stderr, "descent: cannot open the script '%s': %s\n", script, strerror(errno));
        return 1;
    }
    ds_err err;
    ds_err_clear(&err);
    const char *slash = strrchr(script, '/');
    if (record_start(cast, -1, cols, rows, slash ? slash + 1 : script, &err) != DS_OK) {
        fprintf(stderr, "descent: %s\n", err.msg);
        fclose(in);
        return 1;
    }
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0) {
        fprintf(stderr, "descent: cannot make a pseudo-terminal: %s\n", strerror(errno));
        fclose(in);
        sbuf o;
        sbuf_init(&o);
        record_stop(&o, &err);
        sbuf_free(&o);
        remove(cast);
        return 1;
    }
    if (pid == 0) {
        const char *argv[16] = {self, "--no-init"};
        int argc = 2;
        for (int i = 0; extra_args && extra_args[i] && argc < 15; i++)
            argv[argc++] = extra_args[i];
        argv[argc] = NULL;
        setenv("TERM", "xterm-256color", 1); /* what asciinema's player emulates */
        execv(self, (char *const *)argv);
        _exit(127);
    }
    pump(master, 500, 10000); /* the first screen */
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int alive = 1;
    while (alive && (len = getline(&line, &cap, in)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        const char *p = line + strspn(line, " \t");
        if (!*p || *p == '#') continue;
        type_text(master, p);
        if (write(master, "\r", 1) < 0) break;
        /* An animation redraws at least every tick: quiet means it finished. */
        alive = pump(master, 400, 120000);
    }
    free(line);
    fclose(in);
    /* The recording ends on the last screen of the script, not on the way out. */
    sbuf o;
    sbuf_init(&o);
    int rc = 0;
    if (record_stop(&o, &err) != DS_OK) {
        fprintf(stderr, "descent: %s\n", err.msg);
        rc = 1;
    } else
        fputs(sbuf_str(&o), stdout);
    sbuf_free(&o);
    if (alive) {
        type_text(master, "quit");
        if (write(master, "\r", 1) >= 0) pump(master, 2000, 5000);
    }
    close(master);
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) status = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        fprintf(stderr, "descent: the recorded screen exited with status %d\n",
                WEXITSTATUS(status));
        rc = 1;
    }
    return rc;
}
