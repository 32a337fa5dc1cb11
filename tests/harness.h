/* harness.h — descent's tiny test harness (no dependency). Each unit-test file is one
 * program: TEST functions run by RUN() in main, CHECK* count passes and failures, and
 * TEST_END() prints "FILE: N passed, N failed" (plus ", N skipped" when a SKIP ran) and the
 * exit status. tests/run.sh sums. */
#ifndef DESCENT_HARNESS_H
#define DESCENT_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int th_passed, th_failed, th_skipped;
static const char *th_current = "";

#define TEST(name) static void name(void)

#define RUN(name)                                                                                  \
    do {                                                                                           \
        th_current = #name;                                                                        \
        name();                                                                                    \
    } while (0)

#define TH_FAIL(...)                                                                               \
    do {                                                                                           \
        th_failed++;                                                                               \
        fprintf(stderr, "FAIL %s:%d in %s: ", __FILE__, __LINE__, th_current);                     \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fputc('\n', stderr);                                                                       \
    } while (0)

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond)                                                                                  \
            th_passed++;                                                                           \
        else                                                                                       \
            TH_FAIL("%s", #cond);                                                                  \
    } while (0)

/* Leave the current TEST without asserting anything, counted as skipped (say why): for
 * checks that need something the machine may lack, such as a locale. */
#define SKIP(...)                                                                                  \
    do {                                                                                           \
        th_skipped++;                                                                              \
        fprintf(stderr, "SKIP %s:%d in %s: ", __FILE__, __LINE__, th_current);                     \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fputc('\n', stderr);                                                                       \
        return;                                                                                    \
    } while (0)

/* |a - b| <= tol * max(1, |b|): absolute near zero, relative elsewhere. */
#define CHECK_NEAR(a, b, tol)                                                                      \
    do {                                                                                           \
        double th_a = (a), th_b = (b), th_t = (tol);                                               \
        double th_scale = fabs(th_b) > 1 ? fabs(th_b) : 1;                                         \
        if (fabs(th_a - th_b) <= th_t * th_scale)                                                  \
            th_passed++;                                                                           \
        else                                                                                       \
            TH_FAIL("%s = %.17g, expected %s = %.17g (tol %g)", #a, th_a, #b, th_b, th_t);         \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *th_a = (a), *th_b = (b);                                                       \
        if (th_a && th_b && strcmp(th_a, th_b) == 0)                                               \
            th_passed++;                                                                           \
        else                                                                                       \
            TH_FAIL("%s = \"%s\", expected \"%s\"", #a, th_a ? th_a : "(null)",                    \
                    th_b ? th_b : "(null)");                                                       \
    } while (0)

/* The text `hay` contains `needle`. */
#define CHECK_HAS(hay, needle)                                                                     \
    do {                                                                                           \
        const char *th_h = (hay), *th_n = (needle);                                                \
        if (th_h && th_n && strstr(th_h, th_n))                                                    \
            th_passed++;                                                                           \
        else                                                                                       \
            TH_FAIL("expected \"%s\" in:\n%s", th_n ? th_n : "(null)", th_h ? th_h : "(null)");    \
    } while (0)

#define TEST_END()                                                                                 \
    do {                                                                                           \
        printf("%s: %d passed, %d failed", __FILE__, th_passed, th_failed);                        \
        if (th_skipped) printf(", %d skipped", th_skipped);                                        \
        putchar('\n');                                                                             \
        return th_failed ? 1 : 0;                                                                  \
    } while (0)

#endif
