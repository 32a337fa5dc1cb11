/* test_i18n.c — the interface language (i18n.c): switching to Korean and back through
 * the build tree's catalogue (build/locale beside this program), English for anything
 * that is not a plain language code, and errors from the core said in the chosen
 * language while their arguments stay as typed. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "descent/command.h"
#include "descent/err.h"
#include "descent/i18n.h"
#include "descent/session.h"
#include "descent/utf8.h"

TEST(switching)
{
    i18n_set_lang("ko");
    CHECK(strcmp(i18n_lang(), "ko") == 0);
    CHECK_STR(_("Task:"), "과제:");
    i18n_set_lang("en");
    CHECK(strcmp(i18n_lang(), "en") == 0);
    CHECK_STR(_("Task:"), "Task:");
    i18n_set_lang("ko_KR.UTF-8"); /* a locale name: gettext falls back to its language */
    CHECK_STR(_("Task:"), "과제:");
    i18n_set_lang("C");
    CHECK_STR(_("Task:"), "Task:");
}

TEST(not_a_code)
{
    static const char *const bad[] = {"../ko", "ko/x", "", ".ko", "ko;rm", "x23456789abcdefgh"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        i18n_set_lang(bad[i]);
        CHECK(strcmp(i18n_lang(), "en") == 0);
        CHECK_STR(_("Task:"), "Task:");
    }
}

TEST(unknown_language_is_english)
{
    i18n_set_lang("fr"); /* no catalogue: the msgids, without a word */
    CHECK(strcmp(i18n_lang(), "fr") == 0);
    CHECK_STR(_("Task:"), "Task:");
    i18n_set_lang("en");
}

TEST(core_errors)
{
    sess *s = sess_new();
    sbuf out;
    sbuf_init(&out);
    ds_err err = {0};
    cmd_ctx c = {.out = &out, .err = &err};
    i18n_set_lang("ko");
    CHECK(cmd_exec(s, "fnuc x", &c) != DS_OK);
    CHECK(strstr(err.msg, "알 수 없는 명령 'fnuc'") != NULL);
    CHECK(cmd_exec(s, "func x^2 + (y", &c) != DS_OK); /* the parser's own locale dance */
    CHECK(strstr(err.msg, "9열에 ')'가 없습니다") != NULL);
    CHECK(err.column == 9);
    i18n_set_lang("en");
    CHECK(cmd_exec(s, "fnuc x", &c) != DS_OK);
    CHECK(strstr(err.msg, "unknown command 'fnuc'") != NULL);
    sbuf_free(&out);
    sess_free(s);
}

/* The commands' output in language `lang`: each line of `script` run in a fresh session. */
static void run_in(const char *lang, const char *const *script, sbuf *out)
{
    sess *s = sess_new();
    ds_err err = {0};
    cmd_ctx c = {.out = out, .err = &err};
    i18n_set_lang(lang);
    for (int i = 0; script[i]; i++)
        if (cmd_exec(s, script[i], &c) != DS_OK) TH_FAIL("%s: %s", script[i], err.msg);
    i18n_set_lang("en");
    sess_free(s);
}

/* The line of `text` holding `needle`, copied into buf ("" when none). */
static const char *line_with(const char *text, const char *needle, char *buf, size_t n)
{
    const char *p = strstr(text, needle);
    buf[0] = '\0';
    if (!p) return buf;
    while (p > text && p[-1] != '\n')
        p--;
    size_t len = strcspn(p, "\n");
    snprintf(buf, n, "%.*s", (int)len, p);
    return buf;
}

/* Display columns up to (not including) the last `mark` in line. */
static int col_of_last(const char *line, const char *mark)
{
    const char *last = NULL;
    for (const char *p = strstr(line, mark); p; p = strstr(p + 1, mark))
        last = p;
    return last ? utf8_width(line, (size_t)(last - line)) : -1;
}

/* Words drawn on the plot follow the language, placed by display columns: a Korean
 * caption (Hangul two columns a syllable) leaves the contour it overlaps where the English
 * one does, no row grows past the plot's width, and English is unchanged. */
TEST(plot_words)
{
    static const char *const script[] = {"func x^2 + 4*y^2",
                                         "view -2 2 -2 2",
                                         "cursor 0.5 0.5",
                                         "arrow off",
                                         "overlay eigen on",
                                         "plot 60x16",
                                         "func log(x) + y^2",
                                         "view -1 1 -1 1",
                                         "overlay eigen off",
                                         "plot 60x12",
                                         NULL};
    sbuf en, ko;
    sbuf_init(&en);
    sbuf_init(&ko);
    run_in("en", script, &en);
    run_in("ko", script, &ko);
    char le[512], lk[512];
    CHECK_HAS(sbuf_str(&en), "eigen: λ₁ = 2 ↔ up, λ₂ = 8 ↔ up");
    CHECK_HAS(sbuf_str(&en), "12 lin levels");
    CHECK_HAS(sbuf_str(&en), "╳ undefined");
    CHECK_HAS(sbuf_str(&ko), "eigen: λ₁ = 2 ↔ 위로 휨, λ₂ = 8 ↔ 위로 휨");
    CHECK_HAS(sbuf_str(&ko), "선형 등고선 12개");
    CHECK_HAS(sbuf_str(&ko), "╳ 정의 안 됨");
    CHECK(strstr(sbuf_str(&ko), "↔ up") == NULL);
    line_with(sbuf_str(&en), "eigen: ", le, sizeof le);
    line_with(sbuf_str(&ko), "eigen: ", lk, sizeof lk);
    CHECK(col_of_last(le, "╯") > 0);
    CHECK(col_of_last(lk, "╯") == col_of_last(le, "╯"));
    CHECK(utf8_width(lk, strlen(lk)) == utf8_width(le, strlen(le)));
    /* the title's level count ends at the right edge in both */
    line_with(sbuf_str(&ko), "선형 등고선", lk, sizeof lk);
    CHECK(utf8_width(lk, strlen(lk)) == 60);
    for (const char *p = sbuf_str(&ko); *p;) {
        size_t len = strcspn(p, "\n");
        if (utf8_width(p, len) > 60) TH_FAIL("a row wider than the plot: %.*s", (int)len, p);
        p += len + (p[len] == '\n');
    }
    sbuf_free(&en);
    sbuf_free(&ko);
}

int main(void)
{
    if (!getenv("DESCENT_LOCALEDIR")) {
        RUN(switching);
        RUN(core_errors);
        RUN(plot_words);
    }
    RUN(not_a_code);
    RUN(unknown_language_is_english);
    TEST_END();
}
