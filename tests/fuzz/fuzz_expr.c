/* fuzz_expr.c — libFuzzer target for the formula compiler and its three evaluators: any
 * byte string must either compile or fail with an error pointing inside the text, and a
 * compiled program must evaluate (value, gradient, Hessian) without crashing, and the
 * block evaluators must give the same bits as the one-point ones.
 * clang -Iinclude -std=c11 -fsanitize=fuzzer,address,undefined -D_DEFAULT_SOURCE \
 *       -D_XOPEN_SOURCE=700 tests/fuzz/fuzz_expr.c src/expr_*.c src/err.c src/utf8.c \
 *       src/sbuf.c -lm -o fuzz_expr */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "descent/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const double points[][2] = {{0, 0}, {1.5, -0.5}, {-2, 3}, {1e-300, -1e300}};
    char *src = malloc(size + 1);
    ds_err err;
    expr *e;
    size_t i;
    if (!src) return 0;
    memcpy(src, data, size);
    src[size] = '\0';
    e = expr_compile(src, &err);
    if (!e) {
        /* an error always says something and points at a column in (or just past) the text */
        if (err.msg[0] == '\0' || err.column < 0 || (size_t)err.column > size + 1) abort();
    } else {
        if (strcmp(expr_source(e), src) != 0) abort();
        for (i = 0; i < sizeof points / sizeof points[0]; i++) {
            double x = points[i][0], y = points[i][1], v, f1, f2, g1[2], g2[2], h[3];
            v = expr_value(e, x, y);
            expr_grad(e, x, y, &f1, g1);
            expr_hess(e, x, y, &f2, g2, h);
            /* the evaluators share one program, so their values agree exactly */
            if (!(v == f1 || (isnan(v) && isnan(f1)))) abort();
            if (!(v == f2 || (isnan(v) && isnan(f2)))) abort();
        }
        /* the block evaluators give each point's results to the bit */
        double px[4], py[4], bv[4], bf[4], bg[4][2], bh[4][3];
        for (i = 0; i < 4; i++)
            px[i] = points[i][0], py[i] = points[i][1];
        expr_value_n(e, px, py, bv, 4);
        expr_hess_n(e, px, py, bf, bg, bh, 4);
        for (i = 0; i < 4; i++) {
            double f, g[2], h[3], want[6],
                got[6] = {bf[i], bg[i][0], bg[i][1], bh[i][0], bh[i][1], bh[i][2]};
            expr_hess(e, px[i], py[i], &f, g, h);
            want[0] = f, want[1] = g[0], want[2] = g[1], want[3] = h[0], want[4] = h[1];
            want[5] = h[2];
            if (!same_bits(bv[i], expr_value(e, px[i], py[i]))) abort();
            for (int c = 0; c < 6; c++)
                if (!same_bits(got[c], want[c])) abort();
        }
        expr_free(e);
    }
    free(src);
    return 0;
}
