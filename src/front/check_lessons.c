/* check_lessons.c — the --check-lessons front end: finds every lesson file (originals
 * and translations), checks each with lesson_check_file on a fresh session, notes
 * translations whose steps no longer line up, and prints the tally. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "descent/alloc.h"
#include "check_lessons.h"
#include "descent/i18n.h"
#include "descent/lesson.h"

typedef struct {
    FILE *out;
    int passed, failed;
    int tasks, live; /* the tasks of the directory being checked; `expect:` ones */
} tally;

/* Tasks that check the live session (`expect:`) rather than a typed answer. */
static int live_tasks(const lesson *l)
{
    int n = 0;
    for (int i = 0; i < l->nsteps; i++)
        n += l->steps[i].kind == LESSON_TASK_EXPECT;
    return n;
}

/* "tasks in DIR: N, on the live session: M (P%)", then the counts start again. */
static void task_summary(tally *t, const char *dir)
{
    if (t->tasks)
        fprintf(t->out, _("tasks in %s: %d, on the live session: %d (%d%%)\n"), dir, t->tasks,
                t->live, 100 * t->live / t->tasks);
    t->tasks = t->live = 0;
}

/* Check one file; `original` (may be NULL) is the English lesson a translation follows. */
static void check_one(tally *t, const char *path, const char *original)
{
    sbuf rep;
    sbuf_init(&rep);
    int ntasks = 0;
    int problems = lesson_check_file(path, &rep, &ntasks);
    ds_err err;
    lesson *l = lesson_load(path, &err);
    if (problems == 0 && l) {
        int live = live_tasks(l);
        fprintf(t->out, _("ok    %s (%d steps, %d tasks, %d on the live session)\n"), path,
                l->nsteps, ntasks, live);
        t->tasks += ntasks;
        t->live += live;
        t->passed++;
    } else {
        fprintf(t->out, P_("FAIL  %s (%d problem)\n", "FAIL  %s (%d problems)\n", problems), path,
                problems);
        fputs(sbuf_str(&rep), t->out);
        t->failed++;
    }
    if (l) {
        for (const char *n = l->notes; n && *n;) {
            size_t len = strcspn(n, "\n");
            fprintf(t->out, _("      note: %.*s\n"), (int)len, n);
            n += len + (n[len] == '\n');
        }
        if (l->ntasks < 3)
            fprintf(t->out,
                    P_("      note: only %d checked task (lessons should have 3 or more)\n",
                       "      note: only %d checked tasks (lessons should have 3 or more)\n",
                       l->ntasks),
                    l->ntasks);
        if (!l->steps[l->nsteps - 1].summary)
            fputs(_("      note: no closing `summary:` step\n"), t->out);
    }
    if (l && original) {
        lesson *o = lesson_load(original, &err);
        if (o && (o->nsteps != l->nsteps || o->ntasks != l->ntasks))
            fprintf(t->out,
                    _("      note: the original %s has %d steps and %d tasks, this translation %d "
                      "and %d (saved progress counts steps)\n"),
                    original, o->nsteps, o->ntasks, l->nsteps, l->ntasks);
        lesson_free(o);
    }
    lesson_free(l);
    sbuf_free(&rep);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Subdirectories of `dir` (translations), sorted; a malloc'd array of malloc'd names. */
static int subdirs(const char *dir, char ***out)
{
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            char **a = ds_xrealloc(*out, (size_t)cap * sizeof *a);
            if (!a) abort();
            *out = a;
        }
        (*out)[n] = strdup(e->d_name);
        if (!(*out)[n]) abort();
        n++;
    }
    closedir(d);
    if (n) qsort(*out, (size_t)n, sizeof **out, cmp_str);
    return n;
}

int check_lessons_main(const char *dir, FILE *out)
{
    sbuf found;
    sbuf_init(&found);
    if (!dir) {
        lesson_find_dir(&found);
        dir = sbuf_str(&found);
    }
    tally t = {.out = out};
    char **names;
    int n = lesson_names(dir, &names);
    if (n == 0) {
        fprintf(out,
                _("FAIL  no lessons in %s (set DESCENT_LESSONS to a directory of .lesson "
                  "files)\n"),
                dir);
        t.failed++;
    }
    char path[2048], orig[2048];
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s.lesson", dir, names[i]);
        check_one(&t, path, NULL);
    }
    task_summary(&t, dir);
    char **langs;
    int nl = subdirs(dir, &langs);
    for (int k = 0; k < nl; k++) {
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", dir, langs[k]);
        char **tn;
        int m = lesson_names(sub, &tn);
        for (int i = 0; i < m; i++) {
            snprintf(path, sizeof path, "%s/%s.lesson", sub, tn[i]);
            snprintf(orig, sizeof orig, "%s/%s.lesson", dir, tn[i]);
            FILE *f = fopen(orig, "r");
            if (f) fclose(f);
            check_one(&t, path, f ? orig : NULL);
            if (!f) fprintf(out, _("      note: no original %s for this translation\n"), orig);
        }
        task_summary(&t, sub);
        lesson_names_free(tn, m);
        free(langs[k]);
    }
    free(langs);
    lesson_names_free(names, n);
    fprintf(out, "%d passed, %d failed\n", t.passed, t.failed);
    fflush(out);
    sbuf_free(&found);
    return t.failed ? 1 : 0;
}
