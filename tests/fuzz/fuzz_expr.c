/* fuzz_expr.c — libFuzzer target for the formula compiler and its three evaluators: any
 * byte string must either compile or fail with an error pointing inside the text, and a
 * compiled program must evaluate (value, gradient, Hessian) without crashing.
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
        expr_free(e);
    }
    free(src);
    return 0;
}
