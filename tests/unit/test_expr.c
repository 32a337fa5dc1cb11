/* test_expr.c — the formula language: values and precedence, every error message with
 * its column, exact derivatives against closed forms and against finite differences on
 * hundreds of random formulas, domain errors, limits, and agreement of the evaluators. */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/expr.h"
#include "descent/objective.h"
#include "descent/rng.h"
#include "fixtures.h"
#include "harness.h"

/* Both NaN, or the same number (and the same sign of zero). */
static int same(double a, double b)
{
    return (a != a && b != b) || (a == b && signbit(a) == signbit(b));
}

static double value_of(const char *src, double x, double y)
{
    ds_err err;
    expr *e = expr_compile(src, &err);
    double v;
    if (!e) {
        TH_FAIL("'%s' did not compile: %s", src, err.msg);
        return NAN;
    }
    v = expr_value(e, x, y);
    expr_free(e);
    return v;
}

/* ------------------------------------------------------------------------------------ */

static const struct {
    const char *src;
    double x, y, want;
} good[] = {
    {"1", 0, 0, 1},
    {"2.5", 0, 0, 2.5},
    {".5", 0, 0, 0.5},
    {"1.", 0, 0, 1},
    {"1e-3", 0, 0, 1e-3},
    {"2E+4", 0, 0, 2e4},
    {"1.5e2", 0, 0, 150},
    {"x", 3, 4, 3},
    {"y", 3, 4, 4},
    {"pi", 0, 0, M_PI},
    {"e", 0, 0, M_E},
    {"x + y", 3, 4, 7},
    {"x - y", 3, 4, -1},
    {"x * y", 3, 4, 12},
    {"x / y", 3, 4, 0.75},
    {"x ^ y", 3, 4, 81},
    {"1 - x - y", 3, 4, -6},
    {"24 / x / y", 3, 4, 2},
    {"x + y * 2", 3, 4, 11},
    {"(x + y) * 2", 3, 4, 14},
    {"-x", 3, 4, -3},
    {"+x", 3, 4, 3},
    {"--x", 3, 4, 3},
    {"- - -x", 3, 4, -3},
    {"x - -y", 3, 4, 7},
    {"x*-y", 3, 4, -12},
    {"-x^2", 3, 0, -9},
    {"2^3^2", 0, 0, 512},
    {"2^-1", 0, 0, 0.5},
    {"-2^2", 0, 0, -4},
    {"(-2)^2", 0, 0, 4},
    {"2^-x^2", 1, 0, 0.5},
    {"x^-2", 2, 0, 0.25},
    {"x^0.5", 4, 0, 2},
    {"x^(1+1)", -3, 0, 9},
    {"x^3", -2, 0, -8},
    {"pow(x, 3)", -2, 0, -8},
    {"pow(2, pow(3, 2))", 0, 0, 512},
    {"y^x", 0.5, 4, 2},
    {"2^x", 10, 0, 1024},
    {"sin(x)", 0.5, 0, 0.479425538604203},
    {"cos(0)", 0, 0, 1},
    {"tan(pi/4)", 0, 0, 1},
    {"asin(1)", 0, 0, M_PI / 2},
    {"acos(-1)", 0, 0, M_PI},
    {"atan(1)", 0, 0, M_PI / 4},
    {"sinh(1)", 0, 0, 1.1752011936438014},
    {"cosh(1)", 0, 0, 1.5430806348152437},
    {"tanh(1)", 0, 0, 0.7615941559557649},
    {"exp(x)", 1, 0, M_E},
    {"log(e^2)", 0, 0, 2},
    {"log10(1000)", 0, 0, 3},
    {"sqrt(x*x + y*y)", 3, 4, 5},
    {"abs(x - y)", 3, 4, 1},
    {"sigmoid(0)", 0, 0, 0.5},
    {"sigmoid(x)", 800, 0, 1},
    {"sigmoid(x)", -800, 0, 0},
    {"atan2(y, x)", 1, 1, M_PI / 4},
    {"atan2(1, -1)", 0, 0, 3 * M_PI / 4},
    {"min(x, y)", 3, 4, 3},
    {"max(x, y)", 3, 4, 4},
    {"min(max(x, 0), 1)", 5, 0, 1},
    {"  \t x\n+\ty  ", 3, 4, 7},
    {"(((x)))", 3, 4, 3},
    {"(1-x)^2 + 100*(y-x^2)^2", 1, 1, 0},
    {"(1-x)^2 + 100*(y-x^2)^2", -1.5, 2, 12.5},
    {"(x^2+y-11)^2+(x+y-7)^2", 3, 2, 4},
    {"(x^2+y-11)^2+(x+y^2-7)^2", 3, 2, 0},
    {"2*pi*x", 1, 0, 2 * M_PI},
    {"exp(-(x^2 + y^2))", 0, 0, 1},
    {"x*y - y*x", 1.25, 3.5, 0},
    {"(x+y)*(x-y) - (x^2 - y^2)", 3, 4, 0},
    {"max(x*y, (x+1)*(y+1))", 1, 1, 4},
    {"atan2(x*y, (x+1)*(y+1))", 1, 1, 0.24497866312686414}, /* atan2(1, 4) */
    {"1/(1/(1/(1/x)))", 4, 0, 4},
};

TEST(test_values)
{
    size_t i;
    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        double v = value_of(good[i].src, good[i].x, good[i].y);
        if (fabs(v - good[i].want) > 1e-12 * (fabs(good[i].want) > 1 ? fabs(good[i].want) : 1))
            TH_FAIL("%s at (%g, %g) = %.17g, expected %.17g", good[i].src, good[i].x, good[i].y, v,
                    good[i].want);
        else
            th_passed++;
    }
}

TEST(test_precedence)
{
    CHECK_NEAR(value_of("-x^2", 3, 0), -9, 0);
    CHECK_NEAR(value_of("2^3^2", 0, 0), 512, 0);
    CHECK_NEAR(value_of("2^-1", 0, 0), 0.5, 0);
    CHECK_NEAR(value_of("-2^2", 0, 0), -4, 0);
    CHECK_NEAR(value_of("2*3^2", 0, 0), 18, 0);
    CHECK_NEAR(value_of("-3^2*2", 0, 0), -18, 0);
    CHECK_NEAR(value_of("8/2/2", 0, 0), 2, 0);
    CHECK_NEAR(value_of("8-2-2", 0, 0), 4, 0);
    CHECK_NEAR(value_of("2+3*4^2", 0, 0), 50, 0);
    CHECK_NEAR(value_of("(2+3)*4", 0, 0), 20, 0);
    CHECK_NEAR(value_of("2^-x", 2, 0), 0.25, 0);
    CHECK_NEAR(value_of("-x*y", 3, 4), -12, 0);
    CHECK_NEAR(value_of("x^y^2", 2, 3), 512, 0);
    CHECK_NEAR(value_of("(x^y)^2", 2, 3), 64, 0);
}

/* ------------------------------------------------------------------------------------ */

static const struct {
    const char *src;
    ds_status code;
    int column;
    const char *msg;
} bad[] = {
    {"(x+1))", DS_ESYNTAX, 6, "unexpected ')' at column 6"},
    {")", DS_ESYNTAX, 1, "unexpected ')' at column 1"},
    {"x,y", DS_ESYNTAX, 2, "unexpected ',' at column 2"},
    {"x**2", DS_ESYNTAX, 3, "unexpected '*' at column 3"},
    {"3 + * 4", DS_ESYNTAX, 5, "unexpected '*' at column 5"},
    {"(x, y)", DS_ESYNTAX, 3, "unexpected ',' at column 3"},
    {"x + sin(x,)", DS_ESYNTAX, 11, "unexpected ')' at column 11"},
    {"x +", DS_ESYNTAX, 4, "unexpected end of formula at column 4"},
    {"x*", DS_ESYNTAX, 3, "unexpected end of formula at column 3"},
    {"x^", DS_ESYNTAX, 3, "unexpected end of formula at column 3"},
    {"(", DS_ESYNTAX, 2, "unexpected end of formula at column 2"},
    {"\t x +\n", DS_ESYNTAX, 7, "unexpected end of formula at column 7"},
    {"sinn(x)", DS_EUNKNOWN, 1, "unknown name 'sinn' at column 1 — did you mean 'sin'?"},
    {"x + exq(y)", DS_EUNKNOWN, 5, "unknown name 'exq' at column 5 — did you mean 'exp'?"},
    {"Sin(x)", DS_EUNKNOWN, 1, "unknown name 'Sin' at column 1 — did you mean 'sin'?"},
    {"PI", DS_EUNKNOWN, 1, "unknown name 'PI' at column 1 — did you mean 'pi'?"},
    {"2*pj", DS_EUNKNOWN, 3, "unknown name 'pj' at column 3 — did you mean 'pi'?"},
    {"ln(x)", DS_EUNKNOWN, 1, "unknown name 'ln' at column 1 — did you mean 'log'?"},
    {"xy", DS_EUNKNOWN, 1, "unknown name 'xy' at column 1 — did you mean 'x*y'?"},
    {"foo", DS_EUNKNOWN, 1,
     "unknown name 'foo' at column 1 — formulas use x, y, pi, e and functions like sin, exp, "
     "log"},
    {"x + z", DS_EUNKNOWN, 5,
     "unknown name 'z' at column 5 — formulas use x, y, pi, e and functions like sin, exp, log"},
    {"sin(x, y)", DS_ESYNTAX, 1, "'sin' needs 1 argument, got 2 at column 1"},
    {"sin()", DS_ESYNTAX, 1, "'sin' needs 1 argument, got 0 at column 1"},
    {"atan2(x)", DS_ESYNTAX, 1, "'atan2' needs 2 arguments, got 1 at column 1"},
    {"1 + max(x)", DS_ESYNTAX, 5, "'max' needs 2 arguments, got 1 at column 5"},
    {"min(x, y, 1)", DS_ESYNTAX, 1, "'min' needs 2 arguments, got 3 at column 1"},
    {"x(y)", DS_ESYNTAX, 1, "'x' is not a function at column 1"},
    {"x (y)", DS_ESYNTAX, 1, "'x' is not a function at column 1"},
    {"1 + pi(2)", DS_ESYNTAX, 5, "'pi' is not a function at column 5"},
    {"e(1)", DS_ESYNTAX, 1, "'e' is not a function at column 1"},
    {"(x+1", DS_ESYNTAX, 5, "missing ')' at column 5"},
    {"sin(x", DS_ESYNTAX, 6, "missing ')' at column 6"},
    {"((x+1)*2", DS_ESYNTAX, 9, "missing ')' at column 9"},
    {"", DS_ESYNTAX, 1, "empty formula"},
    {"   \t ", DS_ESYNTAX, 1, "empty formula"},
    {"2x", DS_ESYNTAX, 2, "missing operator before 'x' at column 2 (write 2*x)"},
    {"2 x", DS_ESYNTAX, 3, "missing operator before 'x' at column 3 (write 2*x)"},
    {"x y", DS_ESYNTAX, 3, "missing operator before 'y' at column 3 (write x*y)"},
    {"2(x+1)", DS_ESYNTAX, 2, "missing operator before '(' at column 2 (write 2*(x+1))"},
    {"(x+1)y", DS_ESYNTAX, 6, "missing operator before 'y' at column 6 (write (x+1)*y)"},
    {"(x)(y)", DS_ESYNTAX, 4, "missing operator before '(' at column 4 (write (x)*(y))"},
    {"sin(x) cos(y)", DS_ESYNTAX, 8,
     "missing operator before 'cos' at column 8 (write sin(x)*cos(y))"},
    {"x^2 y", DS_ESYNTAX, 5, "missing operator before 'y' at column 5 (write 2*y)"},
    {"x 12345678901234567890", DS_ESYNTAX, 3,
     "missing operator before '123456789012…' at column 3 (write x*12345678901234567890)"},
    {"sin x", DS_ESYNTAX, 5, "missing '(' after 'sin' at column 5 (write sin(x))"},
    {"sin", DS_ESYNTAX, 4, "missing '(' after 'sin' at column 4"},
    {"x # y", DS_ESYNTAX, 3, "unexpected character '#' at column 3"},
    {"x + [y]", DS_ESYNTAX, 5, "unexpected character '[' at column 5"},
    {"é", DS_ESYNTAX, 1, "unexpected character 'é' at column 1"},
    {"x + é", DS_ESYNTAX, 5, "unexpected character 'é' at column 5"},
    {"x × y", DS_ESYNTAX, 3, "unexpected character '×' at column 3 (write * instead)"},
    {"2π", DS_ESYNTAX, 2, "unexpected character 'π' at column 2 (write pi instead)"},
    {"x²", DS_ESYNTAX, 2, "unexpected character '²' at column 2 (write ^2 instead)"},
    {"x \x01", DS_ESYNTAX, 3, "unexpected character '\\x01' at column 3"},
    {"x + \xff", DS_ESYNTAX, 5, "unexpected character '\\xFF' at column 5"},
    {"x + \xe2\x82", DS_ESYNTAX, 5, "unexpected character '\\xE2' at column 5"},
    {"1e999", DS_ESYNTAX, 1, "number too large at column 1"},
    {"x + 2e400", DS_ESYNTAX, 5, "number too large at column 5"},
};

TEST(test_errors)
{
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ds_err err;
        expr *e = expr_compile(bad[i].src, &err);
        if (e) {
            TH_FAIL("'%s' compiled but should fail with: %s", bad[i].src, bad[i].msg);
            expr_free(e);
            continue;
        }
        CHECK_STR(err.msg, bad[i].msg);
        if (err.column != bad[i].column || err.code != bad[i].code)
            TH_FAIL("'%s': column %d code %d, expected column %d code %d", bad[i].src, err.column,
                    err.code, bad[i].column, bad[i].code);
        else
            th_passed++;
        CHECK_STR(err.source, bad[i].src);
    }
}

TEST(test_error_shapes)
{
    ds_err err;
    CHECK(expr_compile("sinn(x)", &err) == NULL);
    CHECK_HAS(err.msg, "did you mean 'sin'");
    CHECK(expr_compile("cosine(x)", &err) == NULL);
    CHECK(err.code == DS_EUNKNOWN);
    /* a NULL error pointer and a NULL source are survivable */
    CHECK(expr_compile("(x", NULL) == NULL);
    CHECK(expr_compile(NULL, &err) == NULL);
    CHECK_STR(err.msg, "empty formula");
    /* a success clears an old error */
    {
        expr *e = expr_compile("x", &err);
        CHECK(e != NULL);
        CHECK(err.code == DS_OK);
        expr_free(e);
    }
}

/* ------------------------------------------------------------------------------------ */

static char *repeat(const char *head, const char *unit, int n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * (size_t)n + tl + 1), *p = s;
    int i;
    memcpy(p, head, hl), p += hl;
    for (i = 0; i < n; i++)
        memcpy(p, unit, ul), p += ul;
    memcpy(p, tail, tl + 1);
    return s;
}

TEST(test_limits)
{
    ds_err err;
    expr *e;
    char *s, *open, *close;
    int n;

    /* 256 nested parentheses are fine, 257 are not */
    open = repeat("", "(", 256, "x");
    close = repeat(open, ")", 256, "");
    e = expr_compile(close, &err);
    CHECK(e != NULL);
    CHECK_NEAR(expr_value(e, 2, 0), 2, 0);
    expr_free(e);
    free(open), free(close);
    open = repeat("", "(", 257, "x");
    close = repeat(open, ")", 257, "");
    CHECK(expr_compile(close, &err) == NULL);
    CHECK_STR(err.msg, "formula nested too deeply at column 257");
    free(open), free(close);

    /* deep nesting of calls and exponents is bounded the same way */
    s = repeat("", "sin(", 300, "x");
    CHECK(expr_compile(s, &err) == NULL);
    CHECK_HAS(err.msg, "nested too deeply");
    free(s);
    s = repeat("x", "^x", 300, "");
    CHECK(expr_compile(s, &err) == NULL);
    CHECK_HAS(err.msg, "nested too deeply");
    free(s);

    /* a long run of signs is a loop, not nesting */
    s = repeat("", "-", 3001, "x");
    e = expr_compile(s, &err);
    CHECK(e != NULL);
    CHECK_NEAR(expr_value(e, 2, 0), -2, 0);
    expr_free(e);
    free(s);

    /* the longest formula compiles, and its stack stays tiny (Sethi–Ullman ordering) */
    s = repeat("x", "+x", 2047, ""); /* 4095 bytes */
    e = expr_compile(s, &err);
    CHECK(e != NULL);
    CHECK_NEAR(expr_value(e, 1, 0), 2048, 0);
    CHECK(expr_stack_depth(e) <= 2);
    expr_free(e);
    free(s);
    s = repeat("", "(x*y+", 400, "x");
    close = repeat(s, ")", 400, "");
    free(s);
    CHECK(expr_compile(close, &err) == NULL); /* 400 deep: too deep */
    free(close);
    s = repeat("", "x*y-(", 250, "1");
    close = repeat(s, ")", 250, "");
    e = expr_compile(close, &err);
    CHECK(e != NULL);
    CHECK(expr_stack_depth(e) <= 3);
    CHECK_NEAR(expr_value(e, 0, 0), 1, 0);
    expr_free(e);
    free(s), free(close);
    /* a balanced tree keeps the stack logarithmic */
    s = malloc(8192);
    strcpy(s, "x*y");
    for (n = 0; n < 8; n++) {
        char *t = malloc(8192);
        snprintf(t, 8192, "(%s)*(%s)", s, s);
        strcpy(s, t);
        free(t);
    }
    e = expr_compile(s, &err);
    CHECK(e != NULL);
    CHECK(expr_stack_depth(e) <= 11);
    CHECK_NEAR(expr_value(e, 1, 1), 1, 0);
    expr_free(e);
    free(s);

    /* 4096 bytes is the limit */
    s = repeat("x", " ", 4095, "");
    e = expr_compile(s, &err);
    CHECK(e != NULL);
    expr_free(e);
    free(s);
    s = repeat("x", " ", 4096, "");
    CHECK(expr_compile(s, &err) == NULL);
    CHECK_HAS(err.msg, "formula too long");
    free(s);
}

TEST(test_folding)
{
    ds_err err;
    expr *e;
    e = expr_compile("x^(1+1)", &err);
    CHECK(e && expr_code_length(e) == 2); /* load x, square */
    expr_free(e);
    e = expr_compile("2*pi*e - sin(pi/2)", &err);
    CHECK(e && expr_code_length(e) == 1);
    expr_free(e);
    e = expr_compile("(1-x)^2 + 100*(y-x^2)^2", &err);
    CHECK(e && expr_code_length(e) <= 9);
    CHECK(expr_stack_depth(e) == 2);
    CHECK_STR(expr_source(e), "(1-x)^2 + 100*(y-x^2)^2");
    expr_free(e);
}

TEST(test_names)
{
    int i, found_sigmoid = 0, found_pow = 0, n = 0;
    for (i = 0; expr_function_names[i]; i++) {
        found_sigmoid |= strcmp(expr_function_names[i], "sigmoid") == 0;
        found_pow |= strcmp(expr_function_names[i], "pow") == 0;
        n++;
    }
    CHECK(n == 19);
    CHECK(found_sigmoid && found_pow);
    CHECK_STR(expr_constant_names[0], "pi");
    CHECK_STR(expr_constant_names[1], "e");
    CHECK(expr_constant_names[2] == NULL);
    /* every listed function compiles when called with its arity */
    for (i = 0; expr_function_names[i]; i++) {
        char src[64];
        ds_err err;
        expr *e;
        snprintf(src, sizeof src, "%s(x)", expr_function_names[i]);
        e = expr_compile(src, &err);
        if (!e) {
            snprintf(src, sizeof src, "%s(x, y)", expr_function_names[i]);
            e = expr_compile(src, &err);
        }
        CHECK(e != NULL);
        expr_free(e);
    }
}

TEST(test_locale)
{
    /* a comma-decimal locale, when installed, must not change how "2.5" reads */
    const char *old = setlocale(LC_NUMERIC, NULL);
    char saved[64];
    snprintf(saved, sizeof saved, "%s", old ? old : "C");
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8"))
        SKIP("no comma-decimal locale (de_DE.UTF-8 or fr_FR.UTF-8) is installed");
    CHECK_NEAR(value_of("2.5 * x", 2, 0), 5, 0);
    setlocale(LC_NUMERIC, saved);
}

/* ------------------------------------------------------------------------------------ */

static void check_derivs(const char *src, double x, double y, derivs want)
{
    derivs d = hess_of(src, x, y);
    double got[6] = {d.f, d.g[0], d.g[1], d.h[0], d.h[1], d.h[2]};
    double exp6[6] = {want.f, want.g[0], want.g[1], want.h[0], want.h[1], want.h[2]};
    int i, ok = 1;
    for (i = 0; i < 6; i++) {
        double scale = fabs(exp6[i]) > 1 ? fabs(exp6[i]) : 1;
        if (!(fabs(got[i] - exp6[i]) <= 1e-12 * scale)) ok = 0;
    }
    if (ok) {
        th_passed++;
        return;
    }
    TH_FAIL("%s at (%g, %g): got f=%.17g g=[%.17g %.17g] h=[%.17g %.17g %.17g], expected "
            "f=%.17g g=[%.17g %.17g] h=[%.17g %.17g %.17g]",
            src, x, y, got[0], got[1], got[2], got[3], got[4], got[5], exp6[0], exp6[1], exp6[2],
            exp6[3], exp6[4], exp6[5]);
}

TEST(test_closed_forms)
{
    static const double pts[][2] = {{1, 1}, {-1.5, 2}, {0.3, -0.7}, {2, 3}, {-3.1, 0.4}};
    size_t i;
    for (i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        double x = pts[i][0], y = pts[i][1], a, b, s, c, ey;
        derivs r;
        /* rosenbrock */
        b = y - x * x;
        r.f = (1 - x) * (1 - x) + 100 * b * b;
        r.g[0] = -2 * (1 - x) - 400 * x * b, r.g[1] = 200 * b;
        r.h[0] = 2 - 400 * y + 1200 * x * x, r.h[1] = -400 * x, r.h[2] = 200;
        check_derivs("(1-x)^2 + 100*(y-x^2)^2", x, y, r);
        /* himmelblau */
        a = x * x + y - 11, b = x + y - 7;
        r.f = a * a + b * b;
        r.g[0] = 4 * x * a + 2 * b, r.g[1] = 2 * a + 2 * b;
        r.h[0] = 12 * x * x + 4 * y - 42, r.h[1] = 4 * x + 2, r.h[2] = 4;
        check_derivs("(x^2+y-11)^2+(x+y-7)^2", x, y, r);
        /* Himmelblau's own function, with y^2 in the second square */
        a = x * x + y - 11, b = x + y * y - 7;
        r.f = a * a + b * b;
        r.g[0] = 4 * x * a + 2 * b, r.g[1] = 2 * a + 4 * y * b;
        r.h[0] = 12 * x * x + 4 * y - 42, r.h[1] = 4 * x + 4 * y;
        r.h[2] = 2 + 4 * b + 8 * y * y;
        check_derivs("(x^2+y-11)^2+(x+y^2-7)^2", x, y, r);
        /* sin(x) exp(y) */
        s = sin(x), c = cos(x), ey = exp(y);
        r.f = s * ey;
        r.g[0] = c * ey, r.g[1] = s * ey;
        r.h[0] = -s * ey, r.h[1] = c * ey, r.h[2] = s * ey;
        check_derivs("sin(x)*exp(y)", x, y, r);
    }
}

TEST(test_special_derivatives)
{
    derivs d;
    /* constant exponents work for negative bases, however the constant is written */
    d = hess_of("x^2", -1, 0);
    CHECK_NEAR(d.f, 1, 0);
    CHECK_NEAR(d.g[0], -2, 0);
    CHECK_NEAR(d.h[0], 2, 0);
    d = hess_of("x^(1+1)", -1, 0);
    CHECK_NEAR(d.g[0], -2, 0);
    d = hess_of("pow(x, 2)", -1, 0);
    CHECK_NEAR(d.g[0], -2, 0);
    d = hess_of("x^3", -2, 0);
    CHECK_NEAR(d.f, -8, 0);
    CHECK_NEAR(d.g[0], 12, 0);
    CHECK_NEAR(d.h[0], -12, 0);
    d = hess_of("x^-1", -2, 0);
    CHECK_NEAR(d.f, -0.5, 0);
    CHECK_NEAR(d.g[0], -0.25, 0);
    CHECK_NEAR(d.h[0], -0.25, 0);
    d = hess_of("x^2.5", 4, 0);
    CHECK_NEAR(d.f, 32, 1e-15);
    CHECK_NEAR(d.g[0], 20, 1e-15);
    CHECK_NEAR(d.h[0], 7.5, 1e-15);
    d = hess_of("(x-3)^2", 1, 0);
    CHECK_NEAR(d.f, 4, 0);
    CHECK_NEAR(d.g[0], -4, 0);
    /* an exponent that depends on y but not on x: d/dx still works for a negative base */
    d = hess_of("x^(y+1)", -2, 1);
    CHECK_NEAR(d.f, 4, 0);
    CHECK_NEAR(d.g[0], -4, 0);
    CHECK_NEAR(d.h[0], 2, 0);
    /* general power: x^y at (2, 3) */
    d = hess_of("x^y", 2, 3);
    CHECK_NEAR(d.f, 8, 1e-15);
    CHECK_NEAR(d.g[0], 12, 1e-14);
    CHECK_NEAR(d.g[1], 8 * M_LN2, 1e-14);
    CHECK_NEAR(d.h[0], 12, 1e-14);
    CHECK_NEAR(d.h[1], 4 * (1 + 3 * M_LN2), 1e-14);
    CHECK_NEAR(d.h[2], 8 * M_LN2 * M_LN2, 1e-14);
    d = hess_of("2^x", 3, 0);
    CHECK_NEAR(d.g[0], 8 * M_LN2, 1e-14);
    CHECK_NEAR(d.h[0], 8 * M_LN2 * M_LN2, 1e-14);
    /* abs: slope 0 at the kink, sign elsewhere */
    d = hess_of("abs(x)", 0, 0);
    CHECK_NEAR(d.g[0], 0, 0);
    d = hess_of("abs(x)", -3, 0);
    CHECK_NEAR(d.g[0], -1, 0);
    /* min/max follow the chosen branch; ties choose the left operand */
    d = hess_of("max(x^2, y)", 2, 1);
    CHECK_NEAR(d.g[0], 4, 0);
    CHECK_NEAR(d.g[1], 0, 0);
    CHECK_NEAR(d.h[0], 2, 0);
    d = hess_of("min(x^2, y)", 2, 1);
    CHECK_NEAR(d.g[0], 0, 0);
    CHECK_NEAR(d.g[1], 1, 0);
    d = hess_of("max(x, y)", 1, 1);
    CHECK_NEAR(d.g[0], 1, 0);
    CHECK_NEAR(d.g[1], 0, 0);
    /* sigmoid is stable far out, with the right slopes */
    d = hess_of("sigmoid(x)", 0, 0);
    CHECK_NEAR(d.f, 0.5, 0);
    CHECK_NEAR(d.g[0], 0.25, 0);
    CHECK_NEAR(d.h[0], 0, 0);
    d = hess_of("sigmoid(x)", 800, 0);
    CHECK(d.f == 1 && isfinite(d.g[0]) && isfinite(d.h[0]));
    d = hess_of("sigmoid(x)", -800, 0);
    CHECK(d.f == 0 && d.g[0] == 0 && d.h[0] == 0);
    d = hess_of("sigmoid(x)", 2, 0);
    {
        double s = 1 / (1 + exp(-2.0));
        CHECK_NEAR(d.g[0], s * (1 - s), 1e-15);
        CHECK_NEAR(d.h[0], s * (1 - s) * (1 - 2 * s), 1e-15);
    }
    /* atan2(y, x): the angle's gradient is (-y, x) / r^2 */
    d = hess_of("atan2(y, x)", 1, 1);
    CHECK_NEAR(d.f, M_PI / 4, 1e-15);
    CHECK_NEAR(d.g[0], -0.5, 1e-15);
    CHECK_NEAR(d.g[1], 0.5, 1e-15);
    CHECK_NEAR(d.h[0], 0.5, 1e-15);
    CHECK_NEAR(d.h[1], 0, 1e-15);
    CHECK_NEAR(d.h[2], -0.5, 1e-15);
    /* a function that ignores y has zero y-derivatives even where f' is infinite */
    d = hess_of("sqrt(x)", 0, 0);
    CHECK(d.f == 0 && isinf(d.g[0]) && d.g[1] == 0 && d.h[2] == 0);
    /* constants have no derivative */
    d = hess_of("pi", 1, 2);
    CHECK(d.g[0] == 0 && d.g[1] == 0 && d.h[0] == 0 && d.h[1] == 0 && d.h[2] == 0);
}

TEST(test_domain)
{
    static const struct {
        const char *src;
        double x, y;
    } cases[] = {
        {"log(x)", -1, 0},    {"log(x)", 0, 0},   {"sqrt(x)", -1, 0},    {"1/x", 0, 0},
        {"x/y", 0, 0},        {"asin(x)", 2, 0},  {"acos(x)", -2, 0},    {"log10(x*y)", -1, 1},
        {"x^0.5", -4, 0},     {"x^y", -2, 0.5},   {"exp(x)", 1000, 0},   {"sinh(x)", 1000, 0},
        {"tan(x)*0/0", 1, 1}, {"0^-1 + x", 1, 1}, {"log(-x) + y", 1, 1}, {"y^x", -1, 0},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ds_err err;
        expr *e = expr_compile(cases[i].src, &err);
        double v, f, g[2], h[3];
        if (!e) {
            TH_FAIL("'%s' did not compile: %s", cases[i].src, err.msg);
            continue;
        }
        v = expr_value(e, cases[i].x, cases[i].y);
        expr_hess(e, cases[i].x, cases[i].y, &f, g, h);
        if (isfinite(v))
            TH_FAIL("%s at (%g, %g) = %g, expected non-finite", cases[i].src, cases[i].x,
                    cases[i].y, v);
        else
            th_passed++;
        CHECK(same(v, f));
        expr_free(e);
    }
    /* NaN inputs just flow through */
    CHECK(isnan(value_of("x + y", NAN, 1)));
    CHECK(isnan(value_of("min(x, y)", NAN, 1)));
    CHECK(isnan(value_of("max(y, x)", NAN, 1)));
    /* a NULL expression gives NaN rather than a crash */
    CHECK(isnan(expr_value(NULL, 1, 2)));
}

/* ------------------------------------------------------------------------------------ */
/* Random formulas: exact derivatives against finite differences                           */
/* ------------------------------------------------------------------------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    /* xorshift64*: deterministic, so a failure reproduces */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static double urand(double lo, double hi)
{
    return lo + (hi - lo) * (rnd() / 4294967296.0);
}

typedef struct {
    char buf[2048];
    size_t n;
} sbuild;

static void put(sbuild *b, const char *s)
{
    size_t l = strlen(s);
    if (b->n + l < sizeof b->buf) memcpy(b->buf + b->n, s, l + 1), b->n += l;
}

/* A random formula from the grammar; `depth` bounds the tree. */
static void gen(sbuild *b, int depth)
{
    static const char *const fn1[] = {"sin",  "cos",   "tan",  "asin", "acos",
                                      "atan", "sinh",  "cosh", "tanh", "exp",
                                      "log",  "log10", "sqrt", "abs",  "sigmoid"};
    static const char *const fn2[] = {"atan2", "min", "max", "pow"};
    static const char *const ops[] = {" + ", " - ", "*", " / "};
    char num[32];
    unsigned r = rnd() % 100;
    if (depth <= 0 || r < 25) {
        r = rnd() % 10;
        if (r < 4)
            put(b, "x");
        else if (r < 8)
            put(b, "y");
        else if (r < 9)
            put(b, rnd() % 2 ? "pi" : "e");
        else
            snprintf(num, sizeof num, "%.3g", urand(0.1, 3)), put(b, num);
        return;
    }
    if (r < 55) {
        put(b, "(");
        gen(b, depth - 1);
        put(b, ops[rnd() % 4]);
        gen(b, depth - 1);
        put(b, ")");
    } else if (r < 65) {
        static const char *const exps[] = {"2", "3", "-1", "0.5", "-2", "(1+1)", "1.5"};
        put(b, "(");
        gen(b, depth - 1);
        put(b, ")^");
        if (rnd() % 4 == 0) {
            put(b, "(");
            gen(b, depth - 2);
            put(b, ")");
        } else {
            put(b, exps[rnd() % 7]);
        }
    } else if (r < 70) {
        put(b, "-");
        gen(b, depth - 1);
    } else if (r < 90) {
        put(b, fn1[rnd() % 15]);
        put(b, "(");
        gen(b, depth - 1);
        put(b, ")");
    } else {
        put(b, fn2[rnd() % 4]);
        put(b, "(");
        gen(b, depth - 1);
        put(b, ", ");
        gen(b, depth - 1);
        put(b, ")");
    }
}

static int finite_all(const double *v, int n, double limit)
{
    int i;
    for (i = 0; i < n; i++)
        if (!isfinite(v[i]) || fabs(v[i]) > limit) return 0;
    return 1;
}

/* Central difference of `fn` along direction d (0: x, 1: y) with Richardson extrapolation.
 * Returns 0 when the two step sizes disagree: a kink, a singularity or wild curvature
 * nearby, where finite differences prove nothing. */
static int fd_value(const expr *e, double x, double y, int d, double *out)
{
    double h = 1e-3, D[2];
    int k;
    for (k = 0; k < 2; k++, h /= 2) {
        double p = d == 0 ? expr_value(e, x + h, y) : expr_value(e, x, y + h);
        double m = d == 0 ? expr_value(e, x - h, y) : expr_value(e, x, y - h);
        D[k] = (p - m) / (2 * h);
        if (!isfinite(D[k])) return 0;
    }
    *out = (4 * D[1] - D[0]) / 3;
    return fabs(D[0] - D[1]) <= 1e-4 * (fabs(*out) > 1 ? fabs(*out) : 1);
}

/* The same for a gradient component (component c of expr_grad). */
static int fd_grad(const expr *e, double x, double y, int d, int c, double *out)
{
    double h = 1e-3, D[2];
    int k;
    for (k = 0; k < 2; k++, h /= 2) {
        double fp, fm, gp[2], gm[2];
        expr_grad(e, d == 0 ? x + h : x, d == 1 ? y + h : y, &fp, gp);
        expr_grad(e, d == 0 ? x - h : x, d == 1 ? y - h : y, &fm, gm);
        D[k] = (gp[c] - gm[c]) / (2 * h);
        if (!isfinite(D[k])) return 0;
    }
    *out = (4 * D[1] - D[0]) / 3;
    return fabs(D[0] - D[1]) <= 1e-4 * (fabs(*out) > 1 ? fabs(*out) : 1);
}

static int close_enough(double ad, double fd)
{
    double scale = fabs(ad) > 1 ? fabs(ad) : 1;
    return fabs(ad - fd) <= 1e-5 * scale;
}

TEST(test_random_formulas)
{
    int formulas = 0, checked = 0, agree_fail = 0, points = 0;
    while (checked < 500 && formulas < 20000) {
        sbuild b = {"", 0};
        ds_err err;
        expr *e;
        int tries, ok_here = 0;
        gen(&b, 1 + (int)(rnd() % 5));
        if (b.n < 4) continue; /* a bare x or 2.5 proves little */
        formulas++;
        e = expr_compile(b.buf, &err);
        if (!e) {
            TH_FAIL("generated formula '%s' did not compile: %s", b.buf, err.msg);
            continue;
        }
        for (tries = 0; tries < 6 && !ok_here; tries++) {
            double x = urand(-2, 2), y = urand(-2, 2);
            double v = expr_value(e, x, y), f1, g1[2], f, g[2], h[3], all[6], fd;
            int good_point = 1, i;
            const int gi[3][2] = {{0, 0}, {0, 1}, {1, 1}}; /* h index -> (direction, comp) */
            expr_grad(e, x, y, &f1, g1);
            expr_hess(e, x, y, &f, g, h);
            /* the three evaluators agree: same value, same gradient */
            if (!same(v, f) || !same(v, f1) || !same(g1[0], g[0]) || !same(g1[1], g[1])) {
                agree_fail++;
                TH_FAIL("evaluators disagree on '%s' at (%.17g, %.17g): value %.17g grad-f "
                        "%.17g hess-f %.17g, g1 [%.17g %.17g] g [%.17g %.17g]",
                        b.buf, x, y, v, f1, f, g1[0], g1[1], g[0], g[1]);
            }
            all[0] = f, all[1] = g[0], all[2] = g[1], all[3] = h[0], all[4] = h[1], all[5] = h[2];
            if (!finite_all(all, 6, 1e4)) continue;
            points++;
            for (i = 0; i < 2 && good_point; i++) {
                if (!fd_value(e, x, y, i, &fd))
                    good_point = 0;
                else if (!close_enough(g[i], fd)) {
                    TH_FAIL("gradient of '%s' at (%.17g, %.17g): d/d%c AD %.17g, FD %.17g", b.buf,
                            x, y, "xy"[i], g[i], fd);
                    good_point = 0, ok_here = -1;
                }
            }
            for (i = 0; i < 3 && good_point; i++) {
                if (!fd_grad(e, x, y, gi[i][1], gi[i][0], &fd))
                    good_point = 0;
                else if (!close_enough(h[i], fd)) {
                    TH_FAIL("hessian of '%s' at (%.17g, %.17g): h[%d] AD %.17g, FD %.17g", b.buf, x,
                            y, i, h[i], fd);
                    good_point = 0, ok_here = -1;
                }
            }
            /* symmetry: d(f_y)/dx must equal d(f_x)/dy */
            if (good_point && fd_grad(e, x, y, 0, 1, &fd) && !close_enough(h[1], fd)) {
                TH_FAIL("mixed derivative of '%s' at (%.17g, %.17g): AD %.17g, FD(gy)/dx %.17g",
                        b.buf, x, y, h[1], fd);
                good_point = 0, ok_here = -1;
            }
            if (good_point) ok_here = 1;
        }
        if (ok_here == 1) {
            checked++;
            th_passed++;
        }
        expr_free(e);
    }
    printf("random formulas: %d generated, %d checked against finite differences (%d finite "
           "points)\n",
           formulas, checked, points);
    CHECK(checked >= 500);
    CHECK(agree_fail == 0);
}

/* Every formula from the bad-input table and its prefixes and suffixes: no crash, and
 * either a program or an error with a column inside the text (or just past it). */
TEST(test_no_crash_on_fragments)
{
    size_t i, k;
    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        const char *s = good[i].src;
        size_t n = strlen(s);
        for (k = 0; k <= n; k++) {
            char buf[128];
            ds_err err;
            expr *e;
            snprintf(buf, sizeof buf, "%.*s", (int)k, s);
            e = expr_compile(buf, &err);
            if (e) {
                double f, g[2], h[3];
                (void)expr_value(e, 0.5, -0.5);
                expr_hess(e, 0.5, -0.5, &f, g, h);
                expr_free(e);
            } else if (err.column < 1 || err.column > (int)k + 1) {
                TH_FAIL("'%s': column %d out of range (%s)", buf, err.column, err.msg);
                continue;
            }
            th_passed++;
        }
    }
}

/* Two threads evaluating one program at once get exactly the single-threaded answers:
 * the evaluators only read the program (run this under -fsanitize=thread to see it). */
typedef struct {
    const expr *e;
    double sum;
} thread_job;

static void *evaluate_grid(void *arg)
{
    thread_job *job = arg;
    int i, j;
    job->sum = 0;
    for (i = 0; i < 200; i++)
        for (j = 0; j < 200; j++) {
            double x = -2 + i * 0.02, y = -1 + j * 0.015, f, g[2], h[3];
            expr_hess(job->e, x, y, &f, g, h);
            job->sum += expr_value(job->e, x, y) + f + g[0] + g[1] + h[0] + h[1] + h[2];
        }
    return NULL;
}

TEST(test_threads)
{
    ds_err err;
    expr *e = expr_compile("sin(x)*exp(y) + (1-x)^2 + 100*(y-x^2)^2 + atan2(y, x)", &err);
    thread_job solo = {e, 0}, jobs[2] = {{e, 0}, {e, 0}};
    pthread_t t[2];
    int i, started = 0;
    CHECK(e != NULL);
    evaluate_grid(&solo);
    for (i = 0; i < 2; i++)
        started += pthread_create(&t[i], NULL, evaluate_grid, &jobs[i]) == 0;
    CHECK(started == 2);
    for (i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < started; i++)
        CHECK(same(jobs[i].sum, solo.sum));
    expr_free(e);
}

/* Same bits, or both NaN. */
static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

/* Every formula of the catalog runs precompiled, and the kernels give the VM's results to
 * the bit: value, gradient and Hessian at scattered points, on the kinks and singular
 * points (0, ±1), far out where intermediates overflow, and at ±∞ and NaN. A stale
 * src/expr_kernels.h (a catalog formula changed) fails here. */
TEST(test_catalog_kernels)
{
    static const double special[] = {0,     -0.0,   1,     -1,       0.5,       1e-300,
                                     1e154, -1e200, 1e308, INFINITY, -INFINITY, NAN};
    int have = 0, formulas = 0, same = 1;
    for (int c = 0; c < obj_catalog_count; c++) {
        if (obj_catalog[c].kind != OBJ_FORMULA) continue;
        formulas++;
        ds_err err;
        expr *e = expr_compile(obj_catalog[c].formula, &err);
        if (!e) continue;
        const char *k = expr_kernel_name(e);
        have += k && strcmp(k, obj_catalog[c].name) == 0;
        unsigned long seed = 99 + (unsigned long)c;
        for (int p = 0; p < 2000 + 144; p++) {
            double x, y;
            if (p < 2000) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                x = ((double)(seed >> 11) / 9007199254740992.0 - 0.5) * (p < 1500 ? 12 : 1e6);
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                y = ((double)(seed >> 11) / 9007199254740992.0 - 0.5) * (p < 1500 ? 12 : 1e6);
            } else {
                x = special[(p - 2000) % 12];
                y = special[(p - 2000) / 12];
            }
            double f1, g1[2], h1[3], f2, g2[2], h2[3], v1, v2, gf1, gf2, gg1[2], gg2[2];
            v1 = expr_value(e, x, y);
            expr_grad(e, x, y, &gf1, gg1);
            expr_hess(e, x, y, &f1, g1, h1);
            expr_use_kernel(e, 0);
            v2 = expr_value(e, x, y);
            expr_grad(e, x, y, &gf2, gg2);
            expr_hess(e, x, y, &f2, g2, h2);
            expr_use_kernel(e, 1);
            same &= same_bits(v1, v2) && same_bits(gf1, gf2) && same_bits(f1, f2);
            for (int i = 0; i < 2; i++)
                same &= same_bits(gg1[i], gg2[i]) && same_bits(g1[i], g2[i]);
            for (int i = 0; i < 3; i++)
                same &= same_bits(h1[i], h2[i]);
            if (!same) {
                TH_FAIL("%s differs from the VM at (%g, %g)", obj_catalog[c].name, x, y);
                break;
            }
        }
        expr_free(e);
    }
    CHECK(formulas > 10);
    CHECK(have == formulas);
    CHECK(same);
    /* A formula that is not the catalog's runs on the VM. */
    ds_err err;
    expr *e = expr_compile("(1 - x)^2 + 101*(y - x^2)^2", &err);
    CHECK(e && expr_kernel_name(e) == NULL);
    expr_free(e);
}

int main(void)
{
    RUN(test_values);
    RUN(test_catalog_kernels);
    RUN(test_precedence);
    RUN(test_errors);
    RUN(test_error_shapes);
    RUN(test_limits);
    RUN(test_folding);
    RUN(test_names);
    RUN(test_locale);
    RUN(test_closed_forms);
    RUN(test_special_derivatives);
    RUN(test_domain);
    RUN(test_random_formulas);
    RUN(test_no_crash_on_fragments);
    RUN(test_threads);
    TEST_END();
}
