/* test_utf8.c — the one UTF-8 module: the strict decoder and the encoder, valid
 * lengths, the built-in width table, and display widths in the C locale (table only)
 * and a UTF-8 locale (wcwidth first), including the caret under a formula. */
#include <locale.h>

#include "descent/fmt.h"
#include "descent/utf8.h"
#include "harness.h"

TEST(decode_and_put)
{
    uint32_t cp;
    CHECK(utf8_decode("a", 1, &cp) == 1 && cp == 'a');
    CHECK(utf8_decode("\xea\xb0\x80", 3, &cp) == 3 && cp == 0xAC00); /* 가 */
    CHECK(utf8_decode("\xe2\x98\x85", 3, &cp) == 3 && cp == 0x2605); /* ★ */
    CHECK(utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    CHECK(utf8_decode("\xff", 1, &cp) == 1 && cp == 0xFFFD);
    CHECK(utf8_decode("\xe2\x98", 2, &cp) == 1 && cp == 0xFFFD);         /* cut short */
    CHECK(utf8_decode("\xe2\x41\x41", 3, &cp) == 1 && cp == 0xFFFD);     /* bad continuation */
    CHECK(utf8_decode("\xc0\x80", 2, &cp) == 2 && cp == 0xFFFD);         /* overlong */
    CHECK(utf8_decode("\xed\xa0\x80", 3, &cp) == 3 && cp == 0xFFFD);     /* surrogate */
    CHECK(utf8_decode("\xf4\x90\x80\x80", 4, &cp) == 4 && cp == 0xFFFD); /* > U+10FFFF */
    CHECK(utf8_decode("", 0, &cp) == 0 && cp == 0);
    sbuf b;
    sbuf_init(&b);
    utf8_put(&b, 'a');
    utf8_put(&b, 0xE9);
    utf8_put(&b, 0xAC00);
    utf8_put(&b, 0x2800 + 0xFF);
    utf8_put(&b, 0x1F600);
    CHECK_STR(sbuf_str(&b), "a\xc3\xa9\xea\xb0\x80\xe2\xa3\xbf\xf0\x9f\x98\x80");
    /* Every code point survives put then decode. */
    int bad = 0;
    for (uint32_t c = 1; c <= 0x10FFFF; c += c < 0x3000 ? 1 : 97) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        sbuf_reset(&b);
        utf8_put(&b, c);
        if (utf8_decode(sbuf_str(&b), b.len, &cp) != (int)b.len || cp != c) bad++;
    }
    CHECK(bad == 0);
    sbuf_free(&b);
}

TEST(valid_lengths)
{
    CHECK(utf8_len("a", 1) == 1);
    CHECK(utf8_len("\xc3\xa9", 2) == 2);
    CHECK(utf8_len("\xea\xb0\x80", 3) == 3);
    CHECK(utf8_len("\xf0\x9f\x98\x80", 4) == 4);
    CHECK(utf8_len("\xef\xbf\xbd", 3) == 3); /* U+FFFD itself is fine */
    CHECK(utf8_len("\xff", 1) == 0);
    CHECK(utf8_len("\xea\xb0\x80", 2) == 0); /* cut short */
    CHECK(utf8_len("\xc0\x80", 2) == 0);
    CHECK(utf8_len("\xed\xa0\x80", 3) == 0);
    CHECK(utf8_len("", 0) == 0);
}

TEST(table)
{
    CHECK(utf8_cp_width('a') == 1);
    CHECK(utf8_cp_width(0) == 0);
    CHECK(utf8_cp_width(0x01) == 0 && utf8_cp_width(0x7F) == 0 && utf8_cp_width(0x85) == 0);
    CHECK(utf8_cp_width(0xAC00) == 2);  /* Hangul syllable */
    CHECK(utf8_cp_width(0x1100) == 2);  /* Hangul leading jamo */
    CHECK(utf8_cp_width(0x1161) == 0);  /* Hangul vowel jamo: joins the syllable */
    CHECK(utf8_cp_width(0x4E00) == 2);  /* CJK */
    CHECK(utf8_cp_width(0x1F600) == 2); /* emoji */
    CHECK(utf8_cp_width(0x301) == 0);   /* combining acute */
    CHECK(utf8_cp_width(0x200D) == 0);  /* zero-width joiner */
    CHECK(utf8_cp_width(0x2500) == 1);  /* box drawing */
    CHECK(utf8_cp_width(0x2800) == 1);  /* Braille */
    CHECK(utf8_cp_width(0x2207) == 1);  /* ∇ */
}

static void width_checks(void)
{
    size_t len;
    CHECK(utf8_char_width("a", 1, &len) == 1 && len == 1);
    CHECK(utf8_char_width("\xea\xb0\x80z", 4, &len) == 2 && len == 3);
    CHECK(utf8_char_width("\xcc\x81", 2, &len) == 0 && len == 2);
    CHECK(utf8_char_width("\x01", 1, &len) == 0 && len == 1);
    CHECK(utf8_char_width("\t", 1, &len) == 0 && len == 1);
    CHECK(utf8_char_width("\xff\xfe", 2, &len) == 1 && len == 1);
    CHECK(utf8_char_width("\xea\xb0\x80", 2, &len) == 1 && len == 1); /* cut short */
    CHECK(utf8_char_width("\xef\xbf\xbd", 3, &len) == 1 && len == 3);

    CHECK(utf8_width("", 0) == 0);
    CHECK(utf8_width("abc", 3) == 3);
    CHECK(utf8_width("abc", 2) == 2);
    CHECK(utf8_width("ab\0cd", 5) == 2); /* stops at a NUL */
    CHECK(utf8_width("한글", strlen("한글")) == 4);
    CHECK(utf8_width("θᵀAθ", strlen("θᵀAθ")) == 4);
    CHECK(utf8_width("∇f ≤ λ", strlen("∇f ≤ λ")) == 6);
    CHECK(utf8_width("‖∇f‖ ∇²f", strlen("‖∇f‖ ∇²f")) == 8);
    CHECK(utf8_width("e\xCC\x81", 3) == 1); /* e + combining acute */
    CHECK(utf8_width("\x01x\x02", 3) == 1); /* lesson markup toggles are zero width */
    CHECK(utf8_width("a\xff"
                     "b",
                     3) == 3);             /* a bad byte is one column */
    CHECK(utf8_width("\xc0\x80", 2) == 2); /* overlong: two bad bytes */
    CHECK(utf8_width("한글", 4) == 3);     /* 한 then a cut-short byte */

    CHECK(utf8_width_chars("x + 한글", -1) == 8);
    CHECK(utf8_width_chars("x + 한글", 0) == 0);
    CHECK(utf8_width_chars("x + 한글", 5) == 6);
    CHECK(utf8_width_chars("x + 한글", 99) == 8);
    CHECK(utf8_width_chars("\xff\xff"
                           "a",
                           2) == 2);

    /* The caret counts characters and pads by columns. */
    ds_err e;
    ds_err_at(&e, DS_ESYNTAX, "한글 + ?", 6, "bad");
    sbuf b;
    sbuf_init(&b);
    fmt_caret(&b, &e, 2);
    CHECK_STR(sbuf_str(&b), "  한글 + ?\n         ^\n");
    sbuf_free(&b);
}

TEST(widths_c_locale)
{
    setlocale(LC_ALL, "C");
    width_checks();
}

TEST(widths_utf8_locale)
{
    if (!setlocale(LC_ALL, "C.UTF-8")) SKIP("the locale C.UTF-8 is not installed");
    width_checks();
}

int main(void)
{
    RUN(decode_and_put);
    RUN(valid_lengths);
    RUN(table);
    RUN(widths_c_locale);
    RUN(widths_utf8_locale);
    TEST_END();
}
