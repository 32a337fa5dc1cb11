/* test_complete.c — Tab completion decided in the core (cmd_complete): commands,
 * algorithms and their parameter keys, objectives, schedules, settings, a row's words,
 * lesson names, file arguments, the word after ';' and a cursor inside the line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "descent/command.h"
#include "descent/complete.h"
#include "descent/session.h"
#include "harness.h"

static cmd_candidates got;
static char joined[4096];

/* The candidates for `line` with the cursor at `cursor` (-1: the end), sorted and joined
 * by spaces, so a check reads as the list Tab shows. */
static const char *complete_at(const sess *s, const char *line, int cursor)
{
    cmd_candidates_free(&got);
    cmd_complete(s, line, cursor < 0 ? (int)strlen(line) : cursor, &got);
    for (int i = 1; i < got.n; i++)
        for (int j = i; j > 0 && strcmp(got.words[j - 1], got.words[j]) > 0; j--) {
            char *t = got.words[j];
            got.words[j] = got.words[j - 1];
            got.words[j - 1] = t;
        }
    joined[0] = '\0';
    for (int i = 0; i < got.n; i++)
        snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", i ? " " : "",
                 got.words[i]);
    return joined;
}

static const char *complete(const sess *s, const char *line)
{
    return complete_at(s, line, -1);
}

static int offered(const char *word)
{
    for (int i = 0; i < got.n; i++)
        if (!strcmp(got.words[i], word)) return 1;
    return 0;
}

TEST(commands)
{
    complete(NULL, "");
    CHECK(got.n == cmd_count());
    CHECK(got.start == 0 && !got.files && !got.no_space);
    CHECK_STR(complete(NULL, "hes"), "hessian");
    CHECK_STR(complete(NULL, "  hes"), "hessian");
    CHECK(got.start == 2);
    CHECK_STR(complete(NULL, "hel"), "help");
    /* Every candidate begins with what was typed. */
    complete(NULL, "s");
    CHECK(got.n > 3 && offered("step") && offered("set") && offered("sched"));
    for (int i = 0; i < got.n; i++)
        CHECK(got.words[i][0] == 's');
    CHECK_STR(complete(NULL, "zzz"), "");
    /* Nothing for the arguments of an unknown command. */
    CHECK_STR(complete(NULL, "bogus "), "");
}

TEST(algorithms_and_parameters)
{
    CHECK_STR(complete(NULL, "algo ad"), "adagrad adam adamw");
    CHECK(got.start == 5 && !got.no_space);
    CHECK_STR(complete(NULL, "add n"), "nag newton");
    /* After the algorithm: its keys, as key= with no space after. */
    CHECK_STR(complete(NULL, "algo adam b"), "beta1= beta2= bias=");
    CHECK(got.no_space);
    complete(NULL, "algo gd ");
    CHECK(offered("lr=") && offered("tol=") && offered("wd="));
    CHECK(!offered("beta1="));
    /* An unknown algorithm has no keys. */
    CHECK_STR(complete(NULL, "algo nosuch l"), "");
}

TEST(selected_run_parameters)
{
    sess *s = sess_new();
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    cmd_ctx c = {.out = &out, .err = &err};
    CHECK(cmd_exec(s, "algo momentum", &c) == DS_OK);
    /* set: settings and the selected run's keys, without '='. */
    complete(s, "set ");
    CHECK(offered("digits") && offered("lr") && offered("beta") && !offered("lr="));
    CHECK(!got.no_space);
    CHECK_STR(complete(s, "set be"), "beta");
    /* set KEY VALUE: nothing for the value. */
    CHECK_STR(complete(s, "set lr "), "");
    /* Without a session there are only the settings. */
    complete(NULL, "set ");
    CHECK(offered("digits") && !offered("lr"));
    sbuf_free(&out);
    sess_free(s);
}

TEST(objectives_and_help)
{
    CHECK_STR(complete(NULL, "func ros"), "rosenbrock");
    CHECK_STR(complete(NULL, "func b"), "beale booth bowl");
    /* Only the first argument is an objective. */
    CHECK_STR(complete(NULL, "func bowl b"), "");
    CHECK_STR(complete(NULL, "help al"), "algo");
    complete(NULL, "help h");
    CHECK(offered("hessian") && offered("help"));
    CHECK_STR(complete(NULL, "help algo ne"), "newton");
    CHECK_STR(complete(NULL, "help func mon"), "monkey");
    CHECK_STR(complete(NULL, "help algo adam "), "");
}

TEST(schedules)
{
    CHECK_STR(complete(NULL, "sched co"), "const cosine");
    complete(NULL, "sched cosine ");
    CHECK(offered("T=") && offered("min=") && got.no_space);
}

TEST(words_of_a_row)
{
    /* levels, plot and the like complete the fixed words of their row. */
    const cmd_spec *spec = NULL;
    for (int i = 0; i < cmd_count() && !spec; i++)
        if (cmd_at(i)->complete == CMPL_WORDS && strcmp(cmd_at(i)->name, "lesson"))
            spec = cmd_at(i);
    CHECK(spec != NULL);
    if (!spec) return;
    char line[64];
    snprintf(line, sizeof line, "%s ", spec->name);
    complete(NULL, line);
    CHECK(got.n > 0);
    for (const vocab_word *w = spec->words; w && w->name; w++)
        CHECK(offered(w->name));
    for (const cmd_sub *u = spec->subs; u && u->name; u++)
        CHECK(offered(u->name));
    /* Subcommands and words come from the tables that parse them. */
    CHECK_STR(complete(NULL, "data "), "gen load save split");
    CHECK_STR(complete(NULL, "palette c"), "cividis contrast");
    CHECK(complete(NULL, "overlay ") && offered("taylor2") && offered("grid") && !offered("on"));
    CHECK_STR(complete(NULL, "overlay taylor2 o"), "off on");
    complete(NULL, "set ");
    CHECK(offered("digits") && offered("direction"));
}

TEST(lesson_names)
{
    char dir[] = "/tmp/descent-complete-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    const char *files[] = {"01-derivatives.lesson", "02-taylor.lesson", "notes.txt"};
    char path[128];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *f = fopen(path, "w");
        CHECK(f != NULL);
        if (f) fclose(f);
    }
    setenv("DESCENT_LESSONS", dir, 1);
    complete(NULL, "lesson ");
    CHECK(offered("list") && offered("quit") && offered("restart"));
    CHECK(offered("01-derivatives") && offered("02-taylor") && !offered("notes"));
    CHECK_STR(complete(NULL, "lesson 0"), "01-derivatives 02-taylor");
    CHECK_STR(complete(NULL, "lesson 01"), "01-derivatives");
    CHECK_STR(complete(NULL, "lesson re"), "restart");
    /* One lesson at a time. */
    CHECK_STR(complete(NULL, "lesson 01-derivatives 0"), "");
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    unsetenv("DESCENT_LESSONS");
}

TEST(file_arguments)
{
    /* A file name: the front end completes it from the disk, the core offers no words. */
    complete(NULL, "trace out");
    CHECK(got.files && got.n == 0 && got.start == 6);
    complete(NULL, "save ");
    CHECK(got.files && got.start == 5);
    complete(NULL, "algo ");
    CHECK(!got.files);
}

TEST(pieces_and_cursor)
{
    /* After ';' a new command begins. */
    CHECK_STR(complete(NULL, "func bowl; algo ad"), "adagrad adam adamw");
    CHECK(got.start == 16);
    CHECK_STR(complete(NULL, "func bowl;hes"), "hessian");
    CHECK(got.start == 10);
    /* The cursor inside the line: only the text before it counts. */
    CHECK_STR(complete_at(NULL, "algo ad lr=0.1", 7), "adagrad adam adamw");
    CHECK(got.start == 5);
    /* A cursor past the end means the end. */
    CHECK_STR(complete_at(NULL, "func ros", 99), "rosenbrock");
}

int main(void)
{
    RUN(commands);
    RUN(algorithms_and_parameters);
    RUN(selected_run_parameters);
    RUN(objectives_and_help);
    RUN(schedules);
    RUN(words_of_a_row);
    RUN(lesson_names);
    RUN(file_arguments);
    RUN(pieces_and_cursor);
    cmd_candidates_free(&got);
    TEST_END();
}
