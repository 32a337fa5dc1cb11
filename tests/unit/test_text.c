/* test_text.c — the one word wrapper (text_wrap_line, text_wrap): breaks at blanks and
 * never inside a word, widths in display columns (Hangul 2, combining marks 0),
 * hanging indents (table columns), glue from the caller, overlong words split between
 * characters and never between a letter and its mark. */
#include <locale.h>
#include <string.h>

#include "descent/text.h"
#include "descent/utf8.h"
#include "harness.h"

/* The rows of `s` wrapped at `width` with `hang`, as "indent|text" lines. */
static void rows_of(const char *s, int width, int hang, sbuf *out)
{
    text_wrap_opts o = {.width = width, .hang = hang};
    text_span sp[32];
    int n = text_wrap_line(s, strlen(s), &o, sp, 32);
    sbuf_reset(out);
    for (int i = 0; i < n && i < 32; i++)
        sbuf_printf(out, "%d|%.*s\n", sp[i].indent, (int)(sp[i].b - sp[i].a), s + sp[i].a);
}

static int max_row_width(const char *s)
{
    int best = 0;
    while (*s) {
        size_t n = strcspn(s, "\n");
        int w = utf8_width(s, n);
        if (w > best) best = w;
        s += n + (s[n] == '\n');
    }
    return best;
}

TEST(breaks_at_blanks)
{
    sbuf b;
    sbuf_init(&b);
    rows_of("one two three four five six", 10, 0, &b);
    CHECK_STR(sbuf_str(&b), "0|one two\n0|three four\n0|five six\n");
    /* "every" stays whole: the row ends before it. */
    rows_of("the gradient points every way", 16, 0, &b);
    CHECK_STR(sbuf_str(&b), "0|the gradient\n0|points every way\n");
    /* A word wider than the row is split between characters. */
    rows_of("abcdefghij", 4, 0, &b);
    CHECK_STR(sbuf_str(&b), "0|abcd\n0|efgh\n0|ij\n");
    /* Empty text is one empty row. */
    rows_of("", 10, 0, &b);
    CHECK_STR(sbuf_str(&b), "0|\n");
    sbuf_free(&b);
}

TEST(display_width)
{
    sbuf b;
    sbuf_init(&b);
    /* Hangul syllables are two columns. */
    rows_of("경사 하강법은 발산합니다", 10, 0, &b);
    CHECK_STR(sbuf_str(&b), "0|경사\n0|하강법은\n0|발산합니다\n");
    /* m̂ is one column: m + U+0302; six of them fit in six columns. */
    rows_of("m\xcc\x82m\xcc\x82m\xcc\x82 v\xcc\x82", 6, 0, &b);
    CHECK_STR(sbuf_str(&b), "0|m\xcc\x82m\xcc\x82m\xcc\x82 v\xcc\x82\n");
    /* Split inside an overlong word: the mark stays with its letter. */
    rows_of("m\xcc\x82m\xcc\x82m\xcc\x82", 2, 0, &b);
    CHECK_STR(sbuf_str(&b), "0|m\xcc\x82m\xcc\x82\n0|m\xcc\x82\n");
    sbuf_free(&b);
}

TEST(hanging_indent)
{
    sbuf b;
    sbuf_init(&b);
    /* A table row: continuation rows start under its second column. */
    rows_of("  show    print every setting there is", 26, TEXT_HANG_AUTO, &b);
    CHECK_STR(sbuf_str(&b), "0|  show    print every\n10|setting there is\n");
    /* Leading blanks alone set the hang. */
    rows_of("  one two three", 9, TEXT_HANG_AUTO, &b);
    CHECK_STR(sbuf_str(&b), "0|  one two\n2|three\n");
    /* A fixed hang. */
    rows_of("aa bb cc dd", 5, 2, &b);
    CHECK_STR(sbuf_str(&b), "0|aa bb\n2|cc\n2|dd\n");
    sbuf_free(&b);
}

static int no_break_before_eq(const char *s, size_t n, size_t at, void *ud)
{
    (void)ud;
    while (at < n && s[at] == ' ')
        at++;
    return at < n && s[at] == '=';
}

TEST(glue)
{
    text_wrap_opts o = {.width = 8, .hang = 0, .nobreak = no_break_before_eq};
    const char *s = "so that J = 1";
    text_span sp[8];
    int n = text_wrap_line(s, strlen(s), &o, sp, 8);
    CHECK(n == 2);
    CHECK(sp[1].b - sp[1].a == 5 && memcmp(s + sp[1].a, "J = 1", 5) == 0);
}

TEST(text_wrap_indent)
{
    sbuf b;
    sbuf_init(&b);
    text_wrap(&b, "alpha beta gamma\ndelta", 2, 12, 0);
    CHECK_STR(sbuf_str(&b), "  alpha beta\n  gamma\n  delta\n");
    CHECK(max_row_width(sbuf_str(&b)) <= 12);
    sbuf_free(&b);
}

/* Cutting to a buffer keeps whole characters: "가나" is 6 bytes, so 5 bytes of room
 * keep "가" alone rather than "가" and two bytes of "나". */
TEST(copy_cuts_between_characters)
{
    char out[6];
    text_copy(out, sizeof out, "가나");
    CHECK_STR(out, "가");
    text_copy(out, sizeof out, "ab가");
    CHECK_STR(out, "ab가");
    text_copy(out, 4, "ab가");
    CHECK_STR(out, "ab");
    text_copy(out, 1, "가");
    CHECK_STR(out, "");
    text_escape_controls("a\x01가나", out, sizeof out);
    CHECK_STR(out, "a\\x01");
    char wide[8];
    text_escape_controls("a\x01가나", wide, sizeof wide);
    CHECK_STR(wide, "a\\x01");
    char wider[9];
    text_escape_controls("a\x01가나", wider, sizeof wider);
    CHECK_STR(wider, "a\\x01가");
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    RUN(breaks_at_blanks);
    RUN(display_width);
    RUN(hanging_indent);
    RUN(glue);
    RUN(copy_cuts_between_characters);
    RUN(text_wrap_indent);
    TEST_END();
}
