/* test_garbage.c — thousands of random malformed lines through the command language
 * (make check runs this under ASan/UBSan). Nothing may crash, every failure must say
 * something, and a failed command must leave the session as it was. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>

#include "descent/command.h"
#include "descent/dataset.h"
#include "descent/fmt.h"
#include "descent/rng.h"
#include "descent/session.h"
#include "harness.h"

static const char *const words[] = {
    "func",
    "data",
    "cursor",
    "eval",
    "grad",
    "hessian",
    "jacobian",
    "map",
    "taylor",
    "help",
    "list",
    "show",
    "echo",
    "algo",
    "add",
    "select",
    "del",
    "runs",
    "set",
    "start",
    "reset",
    "step",
    "run",
    "trace",
    "sched",
    "earlystop",
    "plot",
    "view",
    "zoom",
    "levels",
    "lesson",
    "next",
    "back",
    "hint",
    "answer",
    "rosenbrock",
    "quad",
    "linreg",
    "logreg",
    "gen",
    "split",
    "load",
    "save",
    "along",
    "at",
    "grad",
    "map",
    "adam",
    "gd",
    "sgd",
    "newton",
    "bfgs",
    "cg",
    "lbfgs",
    "momentum",
    "nag",
    "cosine",
    "warmup",
    "plateau",
    "lr=",
    "beta=",
    "m=0",
    "batch=",
    "lr=-1",
    "lr=nan",
    "beta=1",
    "x",
    "y",
    "sin(",
    ")",
    "(",
    "^",
    "*",
    "/",
    "-",
    "+",
    ",",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "0",
    "-0",
    "1",
    "2",
    "3",
    "0.5",
    "1e-300",
    "10000000000",
    "pi",
    "e",
    "log(x)",
    "sqrt(-1)",
    "1/0",
    "x^2+y^2",
    "atan2(x,y)",
    "\"",
    "==",
    "k=v",
    "=",
    "θ",
    "한국어",
    "∇",
    "\t",
    ";",
    "#",
    "ascii",
    "off",
    "on",
    "val",
    "train",
    "T=0",
    "T=10",
    "step=0",
    "gamma=2",
    "patience=-1",
    "/nonexistent/file.csv",
    "999999999999",
    "-5",
    "quit",
};
#define NWORDS ((int)(sizeof words / sizeof words[0]))

/* Commands that only set up interesting states; they may fail, that is fine. */
static const char *const setups[] = {
    "func rosenbrock",      "func quad 1 0 10", "func linreg",
    "func logreg",          "func saddle",      "data split 0.8",
    "data gen logreg n=30", "algo adam",        "add gd lr=0.001",
    "add newton",           "step 5",           "cursor 0.5 0.5",
    "map -2*x + y, x + y",  "func himmelblau",  "add bfgs",
};

static void random_line(ds_rng *r, char *buf, size_t cap)
{
    size_t len = 0;
    int nwords = 1 + rng_below(r, 7);
    buf[0] = '\0';
    for (int i = 0; i < nwords; i++) {
        char piece[64];
        int mode = rng_below(r, 10);
        if (mode < 7) {
            snprintf(piece, sizeof piece, "%s", words[rng_below(r, NWORDS)]);
        } else if (mode < 9) {
            snprintf(piece, sizeof piece, "%.17g",
                     (rng_uniform(r) - 0.5) * pow(10, rng_below(r, 40) - 20));
        } else { /* raw bytes, including invalid UTF-8 and control characters */
            int n = 1 + rng_below(r, 8);
            for (int k = 0; k < n; k++)
                piece[k] = (char)(1 + rng_below(r, 255));
            piece[n] = '\0';
        }
        size_t pl = strlen(piece);
        if (len + pl + 2 >= cap) break;
        if (i) buf[len++] = rng_below(r, 5) ? ' ' : '=';
        memcpy(buf + len, piece, pl);
        len += pl;
        buf[len] = '\0';
    }
}

/* "nan" standing as a word (so "banana" does not count). */
static int has_nan_word(const char *text)
{
    for (const char *p = strstr(text, "nan"); p; p = strstr(p + 1, "nan")) {
        int before = p > text && isalpha((unsigned char)p[-1]);
        int after = isalpha((unsigned char)p[3]);
        if (!before && !after) return 1;
    }
    return 0;
}

/* What a failed command must not change. */
static void snapshot(const sess *s, sbuf *b)
{
    sbuf_reset(b);
    sbuf_printf(b, "%s|%s|%d|%d|%d|", s->obj.name, s->obj.formula, s->digits, s->nlevels,
                s->runs.count);
    for (int i = 0; i < 2; i++)
        fmt_exact(b, s->cursor[i]);
    for (int i = 0; i < 4; i++)
        fmt_exact(b, s->view[i]);
    sbuf_printf(b, "|%d|%d|", s->data.n, s->data.ntrain);
}

TEST(garbage_never_crashes_and_failures_change_nothing)
{
    sess *s = sess_new();
    CHECK(s != NULL);
    ds_rng r;
    rng_seed(&r, 20261122);
    sbuf out, before, after;
    sbuf_init(&out);
    sbuf_init(&before);
    sbuf_init(&after);
    ds_err err;
    int failures = 0, silent = 0, changed = 0;
    for (int i = 0; i < 5000; i++) {
        char line[512];
        if (rng_below(&r, 10) == 0)
            snprintf(line, sizeof line, "%s",
                     setups[rng_below(&r, (int)(sizeof setups / sizeof setups[0]))]);
        else
            random_line(&r, line, sizeof line);
        if (strstr(line, "save") || strstr(line, "trace") || strstr(line, "plot"))
            continue; /* no files */
        cmd_ctx c = {.out = &out, .err = &err, .flags = 0, .animate_steps = 0, .interactive = 0};
        snapshot(s, &before);
        sbuf_reset(&out);
        ds_status st = cmd_exec(s, line, &c);
        if (st != DS_OK) {
            failures++;
            if (!err.msg[0]) silent++;
            snapshot(s, &after);
            if (strcmp(sbuf_str(&before), sbuf_str(&after)) != 0) {
                changed++;
                if (changed < 5)
                    fprintf(stderr, "failed line changed the session: %s\n  %s\n", line, err.msg);
            }
        }
        if (has_nan_word(sbuf_str(&out)) && !strstr(line, "nan") && !strstr(line, "echo")) {
            /* a NaN printed as a result */
            fprintf(stderr, "NaN in output of: %s\n%s\n", line, sbuf_str(&out));
            silent++;
        }
    }
    CHECK(failures > 1000);
    CHECK(silent == 0);
    CHECK(changed == 0);
    sbuf_free(&out);
    sbuf_free(&before);
    sbuf_free(&after);
    sess_free(s);
}

int main(void)
{
    RUN(garbage_never_crashes_and_failures_change_nothing);
    TEST_END();
}
