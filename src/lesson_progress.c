/* lesson_progress.c — where lessons and progress live: the lesson directory, the
 * learner's language, the list of lessons, and the progress file in the user's state
 * directory (read and rewritten whole; failures are reported, never fatal). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
            char **a = realloc(*names, (size_t)cap * sizeof *a);
            if (!a) abort();
            *names = a;
        }
        size_t len = strlen(e->d_name) - 7;
        char *name = malloc(len + 1);
        if (!name) abort();
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

int lesson_progress_read(const char *path, const char *name, int *step, int *complete, char *flags,
                         size_t fsize)
{
    if (!path || !*path) return 0;
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[1024];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        char nm[256], fl[512];
        int st, co;
        fl[0] = '\0';
        int k = sscanf(line, "%255s %d %d %511s", nm, &st, &co, fl);
        if (k < 3 || strcmp(nm, name) != 0) continue;
        *step = st;
        *complete = co;
        snprintf(flags, fsize, "%s", k == 4 ? fl : "");
        found = 1;
    }
    fclose(f);
    return found;
}

/* mkdir -p for the directories above `path`. */
static int make_parents(const char *path)
{
    char buf[LESSON_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return 0;
}

int lesson_progress_write(const char *path, const char *name, int step, int complete,
                          const char *flags, char *why, size_t wsize)
{
    if (!path || !*path) {
        snprintf(why, wsize, "no state directory (set HOME or XDG_STATE_HOME)");
        return -1;
    }
    if (make_parents(path) != 0) {
        snprintf(why, wsize, "cannot create the directory for %s: %s", path, strerror(errno));
        return -1;
    }
    sbuf keep;
    sbuf_init(&keep);
    FILE *f = fopen(path, "r");
    if (f) {
        char line[1024];
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
    f = fopen(tmp, "w");
    if (!f) {
        snprintf(why, wsize, "cannot write %s: %s", tmp, strerror(errno));
        sbuf_free(&keep);
        return -1;
    }
    fprintf(f, "# descent lesson progress: NAME STEP COMPLETE DONE-FLAGS\n%s", sbuf_str(&keep));
    fprintf(f, "%s %d %d %s\n", name, step, complete, flags && *flags ? flags : "-");
    sbuf_free(&keep);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        snprintf(why, wsize, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}
