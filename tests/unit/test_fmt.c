/* test_fmt.c — how numbers are written for people: significant digits, no "-0", and one
 * word, "undefined", for every value that is not a number, in sbufs and fixed labels. */
#include "harness.h"

#include "descent/fmt.h"

static const char *num(double v, int digits)
{
    static char out[64];
    sbuf b;
    sbuf_init(&b);
    fmt_num(&b, v, digits);
    snprintf(out, sizeof out, "%s", sbuf_str(&b));
    sbuf_free(&b);
    return out;
}

static const char *vec(double a, double c)
{
    static char out[64];
    double v[2] = {a, c};
    sbuf b;
    sbuf_init(&b);
    fmt_vec2(&b, v, 6);
    snprintf(out, sizeof out, "%s", sbuf_str(&b));
    sbuf_free(&b);
    return out;
}

TEST(test_numbers)
{
    CHECK_STR(num(1.0 / 3, 4), "0.3333");
    CHECK_STR(num(-0.0, 6), "0");
    CHECK_STR(num(2e-301, 6), "2e-301");
    CHECK_STR(vec(1, -2.5), "[1, -2.5]");
}

/* NaN (including the negative NaN 0/0 gives on x86, printed "-nan" by %g), +Inf and
 * −Inf are all "undefined", the word step and runs already used. */
TEST(test_undefined)
{
    volatile double zero = 0;
    CHECK_STR(num(zero / zero, 6), "undefined");
    CHECK_STR(num(-(zero / zero), 6), "undefined");
    CHECK_STR(num(INFINITY, 6), "undefined");
    CHECK_STR(num(-INFINITY, 3), "undefined");
    CHECK_STR(vec(1, INFINITY), "undefined");
    CHECK_STR(vec(NAN, 0), "undefined");
    char buf[16];
    CHECK_STR(fmt_num_str(buf, sizeof buf, -INFINITY, 3), "undefined");
    CHECK_STR(fmt_num_str(buf, sizeof buf, 1234.5, 3), "1.23e+03");
}

int main(void)
{
    RUN(test_numbers);
    RUN(test_undefined);
    TEST_END();
}
