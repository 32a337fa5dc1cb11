/* lesson_report.c — a teacher's view of a class: reads one progress file per learner
 * (DIR/LEARNER/progress, copies of what descent saves in each learner's state
 * directory) and writes one CSV row per learner and lesson. Pure: it reads files and
 * fills buffers; the front end prints them. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "descent/alloc.h"
#include "descent/i18n.h"
#include "lesson_internal.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The subdirectories of `dir`, sorted (learners in a stable order). */
static int learners(const char *dir, char ***out)
{
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[LESSON_PATH_MAX + 300];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = ds_xrealloc(*out, (size_t)cap * sizeof **out);
        }
        (*out)[n++] = ds_xstrdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(*out, (size_t)n, sizeof **out, cmp_names);
    return n;
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_field(sbuf *o, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        sbuf_puts(o, s);
        return;
    }
    sbuf_puts(o, "\"");
    for (; *s; s++)
        sbuf_printf(o, *s == '"' ? "\"\"" : "%c", *s);
    sbuf_puts(o, "\"");
}

/* One learner's file: a row per valid record; one note for the lines that are not
 * records (a foreign file gets a single line, not one per line). */
static int report_file(const char *who, const char *path, sbuf *csv, sbuf *skipped)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        sbuf_printf(skipped, _("%s: no progress file (%s)\n"), who, path);
        return 0;
    }
    lesson_record *r = ds_xcalloc(1, sizeof *r);
    char line[8192];
    int rows = 0, lineno = 0, bad = 0, first_bad = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0') continue;
        if (!lesson_record_parse(line, r)) {
            if (!bad++) first_bad = lineno;
            continue;
        }
        int done = 0, skip = 0, tries = 0;
        for (int i = 0; i < r->nsteps; i++) {
            done += r->state[i] == LESSON_DONE;
            skip += r->state[i] == LESSON_SKIPPED || r->state[i] == LESSON_REVEALED;
            tries += r->tries[i];
        }
        csv_field(csv, who);
        sbuf_puts(csv, ",");
        csv_field(csv, r->name);
        sbuf_printf(csv, ",%d,%d,%d,%d,%s\n", r->complete ? r->nsteps : r->step + 1, done, skip,
                    tries, r->complete ? "yes" : "no");
        rows++;
    }
    fclose(f);
    free(r);
    if (bad && !rows)
        sbuf_printf(skipped, _("%s: not a descent progress file, skipped\n"), path);
    else if (bad)
        sbuf_printf(skipped,
                    P_("%s:%d: %d line that is not a progress record skipped\n",
                       "%s:%d: %d lines that are not progress records skipped\n", bad),
                    path, first_bad, bad);
    return rows;
}

int lesson_report(const char *dir, sbuf *csv, sbuf *skipped)
{
    char **names;
    int n = learners(dir, &names);
    if (n < 0) {
        sbuf_printf(skipped, _("%s: not a directory of learners\n"), dir);
        return 0;
    }
    sbuf_puts(csv, "learner,lesson,step,tasks_done,tasks_skipped,wrong_tries,complete\n");
    int rows = 0;
    for (int i = 0; i < n; i++) {
        char path[LESSON_PATH_MAX + 600];
        snprintf(path, sizeof path, "%s/%s/progress", dir, names[i]);
        rows += report_file(names[i], path, csv, skipped);
        free(names[i]);
    }
    free(names);
    return rows;
}
