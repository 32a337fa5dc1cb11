/* lesson_progress.c — where lessons and progress live: the lesson directory, the
 * learner's language, the list of lessons, and the progress file in the user's state
 * directory (read and rewritten whole; failures are reported, never fatal), and a
 * teacher's report over many learners' copies of it. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent/alloc.h"
#include "descent/statefile.h"
#include "lesson_internal.h"

#ifndef DESCENT_DATADIR
#define DESCENT_DATADIR "/usr/local/share/descent"
#endif

/* ---------------------------------------------------------------- directories */

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a > b && strcmp(s + a - b, suffix) == 0;
}

/* A directory holding at least one NAME.lesson file. */
static int has_lessons(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)) != NULL)
        found = ends_with(e->d_name, ".lesson");
    closedir(d);
    return found;
}

void lesson_find_dir(sbuf *out)
{
    const char *env = getenv("DESCENT_LESSONS");
    if (env && *env) {
        sbuf_puts(out, env);
        return;
    }
    if (has_lessons("lessons")) {
        sbuf_puts(out, "lessons");
        return;
    }
    char exe[LESSON_PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        /* A source tree's build/descent, or an install under any PREFIX (bin/descent
         * beside share/descent/lessons) even when built for another PREFIX. */
        static const char *const ups[] = {"/lessons", "/../lessons", "/../../lessons",
                                          "/../share/descent/lessons"};
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        for (size_t i = 0; i < sizeof ups / sizeof ups[0]; i++) {
            char cand[LESSON_PATH_MAX + 32];
            snprintf(cand, sizeof cand, "%s%s", exe, ups[i]);
            char real[PATH_MAX];
            if (has_lessons(cand)) {
                sbuf_puts(out, realpath(cand, real) ? real : cand);
                return;
            }
        }
    }
    sbuf_puts(out, DESCENT_DATADIR "/lessons");
}

void lesson_lang_from_env(char *out, size_t size)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *v = NULL;
    for (int i = 0; i < 3 && !v; i++) {
        const char *e = getenv(vars[i]);
        if (e && *e) v = e;
    }
    out[0] = '\0';
    if (!v || !strcmp(v, "C") || !strcmp(v, "POSIX") || !strncmp(v, "C.", 2)) return;
    size_t n = 0;
    while (v[n] >= 'a' && v[n] <= 'z' && n < 3)
        n++;
    if (n < 2 || (v[n] && v[n] != '_' && v[n] != '.' && v[n] != '@')) return;
    if (n == 2 && !strncmp(v, "en", 2)) return;
    if (n + 1 > size) return;
    memcpy(out, v, n);
    out[n] = '\0';
}

void lesson_progress_path(sbuf *out)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    if (xdg && xdg[0] == '/') {
        sbuf_printf(out, "%s/descent/progress", xdg);
        return;
    }
    const char *home = getenv("HOME");
    if (home && *home) sbuf_printf(out, "%s/.local/state/descent/progress", home);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int lesson_names(const char *dir, char ***names)
{
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".lesson")) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            *names = ds_xrealloc(*names, (size_t)cap * sizeof **names);
        }
        size_t len = strlen(e->d_name) - 7;
        char *name = ds_xmalloc(len + 1);
        memcpy(name, e->d_name, len);
        name[len] = '\0';
        (*names)[n++] = name;
    }
    closedir(d);
    if (n) qsort(*names, (size_t)n, sizeof **names, cmp_names);
    return n;
}

void lesson_names_free(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---------------------------------------------------------------- progress */

static const char state_chars[] = "01sr"; /* indexed by LESSON_OPEN .. LESSON_REVEALED */

/* A whole number from lo to hi, the whole token. */
static int whole(const char *t, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(t, &end, 10);
    if (end == t || *end || errno || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

/* "3,0,1": wrong answers per step. */
static int parse_tries(const char *t, lesson_record *r)
{
    if (!strcmp(t, "-")) return 1;
    char buf[4096];
    if (strlen(t) >= sizeof buf) return 0;
    snprintf(buf, sizeof buf, "%s", t);
    char *save = NULL;
    int i = 0;
    for (char *c = strtok_r(buf, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
        long v;
        if (i >= LESSON_MAX_STEPS || !whole(c, 0, 1000000, &v)) return 0;
        r->tries[i++] = (int)v;
    }
    return 1;
}

/* The file is the learner's to edit or break: a line that does not fit the format in
 * every field is as if it were not there. */
int lesson_record_parse(const char *line, lesson_record *r)
{
    memset(r, 0, sizeof *r);
    char buf[8192];
    if (strlen(line) >= sizeof buf) return 0;
    snprintf(buf, sizeof buf, "%s", line);
    char *save = NULL;
    const char *nm = strtok_r(buf, " \t\r\n", &save);
    const char *st = strtok_r(NULL, " \t\r\n", &save);
    const char *co = strtok_r(NULL, " \t\r\n", &save);
    const char *fl = strtok_r(NULL, " \t\r\n", &save);
    const char *tr = strtok_r(NULL, " \t\r\n", &save);
    long step, complete;
    if (!nm || !st || !co || nm[0] == '#' || strlen(nm) >= sizeof r->name) return 0;
    if (!whole(st, 0, LESSON_MAX_STEPS, &step) || !whole(co, 0, 1, &complete)) return 0;
    if (strtok_r(NULL, " \t\r\n", &save)) return 0;
    snprintf(r->name, sizeof r->name, "%s", nm);
    r->step = (int)step;
    r->complete = (int)complete;
    if (fl && strcmp(fl, "-") != 0) {
        size_t n = strlen(fl);
        if (n > LESSON_MAX_STEPS || strspn(fl, state_chars) != n) return 0;
        for (size_t i = 0; i < n; i++)
            r->state[i] = (unsigned char)(strchr(state_chars, fl[i]) - state_chars);
        r->nsteps = (int)n;
    }
    return !tr || parse_tries(tr, r);
}

int lesson_progress_read(const char *path, const char *name, lesson_record *r)
{
    if (!path || !*path) return 0;
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[8192];
    int found = 0;
    while (!found && fgets(line, sizeof line, f))
        found = line[0] != '#' && lesson_record_parse(line, r) && !strcmp(r->name, name);
    fclose(f);
    return found;
}

/* r as one line of the file. */
static void record_line(const lesson_record *r, sbuf *o)
{
    sbuf_printf(o, "%s %d %d ", r->name, r->step, r->complete);
    if (r->nsteps == 0) sbuf_puts(o, "-");
    for (int i = 0; i < r->nsteps; i++)
        sbuf_printf(o, "%c", state_chars[r->state[i] & 3]);
    int any = 0;
    for (int i = 0; i < r->nsteps; i++)
        any |= r->tries[i] != 0;
    if (!any) {
        sbuf_puts(o, " -\n");
        return;
    }
    for (int i = 0; i < r->nsteps; i++)
        sbuf_printf(o, "%c%d", i ? ',' : ' ', r->tries[i]);
    sbuf_puts(o, "\n");
}

int lesson_progress_write(const char *path, const lesson_record *r, char *why, size_t wsize)
{
    const char *name = r->name;
    if (!path || !*path) {
        snprintf(why, wsize, "no state directory (set HOME or XDG_STATE_HOME)");
        return -1;
    }
    if (state_make_parents(path, why, wsize) != 0) return -1;
    /* Read, modify, rename under one lock: two descents saving at once would each
     * rewrite the file from what they read and lose the other's line. */
    int lock = state_lock(path);
    sbuf keep;
    sbuf_init(&keep);
    FILE *f = fopen(path, "r");
    if (f) {
        char line[8192];
        while (fgets(line, sizeof line, f)) {
            char nm[256];
            if (line[0] != '#' && sscanf(line, "%255s", nm) == 1 && !strcmp(nm, name)) continue;
            if (line[0] == '#' || !strchr(line, '\n')) continue; /* our header; cut lines */
            sbuf_puts(&keep, line);
        }
        fclose(f);
    }
    char tmp[LESSON_PATH_MAX + 16];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    f = state_create(tmp);
    if (!f) {
        snprintf(why, wsize, "cannot write %s: %s", tmp, strerror(errno));
        sbuf_free(&keep);
        state_unlock(lock);
        return -1;
    }
    record_line(r, &keep);
    fprintf(f, "# descent lesson progress: NAME STEP COMPLETE STATES(0 1 s r) WRONG-TRIES\n%s",
            sbuf_str(&keep));
    sbuf_free(&keep);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        snprintf(why, wsize, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        state_unlock(lock);
        return -1;
    }
    state_unlock(lock);
    return 0;
}
