/* test_i18n.c — the interface language (i18n.c): switching to Korean and back through
 * the build tree's catalogue (build/locale beside this program), English for anything
 * that is not a plain language code, and errors from the core said in the chosen
 * language while their arguments stay as typed. */
#include <stdlib.h>

#include "harness.h"
#include "descent/command.h"
#include "descent/err.h"
#include "descent/i18n.h"
#include "descent/session.h"

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
    ds_err err;
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

int main(void)
{
    if (!getenv("DESCENT_LOCALEDIR")) {
        RUN(switching);
        RUN(core_errors);
    }
    RUN(not_a_code);
    RUN(unknown_language_is_english);
    TEST_END();
}
