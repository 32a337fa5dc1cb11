/* i18n.c — choosing the interface's language for gettext: binds the text domain to the
 * catalogues of the build tree or the install, and switches languages at run time
 * (`--lang ko`, `lesson lang ko`) even where no Korean locale is installed. */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent/i18n.h"

#ifndef DESCENT_LOCALEDIR
#define DESCENT_LOCALEDIR "/usr/local/share/locale"
#endif

#if defined(__GLIBC__) && !defined(DESCENT_NO_NLS)
/* glibc caches translations; bumping this counter after changing LANGUAGE is its
 * documented way to make the next lookup see the new language. */
extern int _nl_msg_cat_cntr;
#endif

static char lang_now[16] = "en";
static char localedir[PATH_MAX] = "";

/* Does DIR hold at least one LANG/LC_MESSAGES/descent.mo? */
static int has_catalogues(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char mo[PATH_MAX + 300]; /* a longer name is no catalogue of ours */
        struct stat st;
        int n = snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/%s.mo", dir, e->d_name, DS_TEXTDOMAIN);
        found = n > 0 && (size_t)n < sizeof mo && stat(mo, &st) == 0 && S_ISREG(st.st_mode);
    }
    closedir(d);
    return found;
}

const char *i18n_localedir(void)
{
    if (localedir[0]) return localedir;
    const char *env = getenv("DESCENT_LOCALEDIR");
    if (env && *env) {
        snprintf(localedir, sizeof localedir, "%s", env);
        return localedir;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        /* build/descent, build/tests/test_*, ./descent in a checkout, bin/ of an install. */
        static const char *const near[] = {"/locale", "/../locale", "/build/locale",
                                           "/../share/locale"};
        for (size_t i = 0; i < sizeof near / sizeof near[0]; i++) {
            char cand[PATH_MAX + 32], real[PATH_MAX];
            snprintf(cand, sizeof cand, "%s%s", exe, near[i]);
            if (has_catalogues(cand) && realpath(cand, real)) {
                memcpy(localedir, real, sizeof localedir);
                return localedir;
            }
        }
    }
    snprintf(localedir, sizeof localedir, "%s", DESCENT_LOCALEDIR);
    return localedir;
}

/* English: the msgids themselves. So is anything that is not a plain language code
 * (letters, digits, '_', '-', '.', '@'; it becomes a directory name inside gettext). */
static int english(const char *lang)
{
    if (!lang || !*lang || strlen(lang) >= sizeof lang_now || !strcmp(lang, "en") ||
        !strncmp(lang, "en_", 3) || !strcmp(lang, "C") || !strcmp(lang, "POSIX") ||
        !strcmp(lang, "default"))
        return 1;
    for (const char *c = lang; *c; c++)
        if (!isalnum((unsigned char)*c) && !strchr("_-.@", *c)) return 1;
    return lang[0] == '.';
}

void i18n_set_lang(const char *lang)
{
#ifndef DESCENT_NO_NLS
    static int bound;
    if (!bound) {
        bound = 1;
        bindtextdomain(DS_TEXTDOMAIN, i18n_localedir());
        /* Catalogues are UTF-8 and so is everything descent writes, whatever LC_CTYPE
         * says (gettext would otherwise turn Hangul into '?' under an ASCII locale). */
        bind_textdomain_codeset(DS_TEXTDOMAIN, "UTF-8");
    }
#endif
    snprintf(lang_now, sizeof lang_now, "%s", english(lang) ? "en" : lang);
#ifndef DESCENT_NO_NLS
    if (strcmp(lang_now, "en") != 0) {
        /* gettext ignores LANGUAGE while LC_MESSAGES is "C"; any other locale will do,
         * and C.UTF-8 exists without installing ko_KR. */
        const char *cur = setlocale(LC_MESSAGES, NULL);
        if (!cur || !strcmp(cur, "C") || !strcmp(cur, "POSIX")) {
            static const char *const try[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
            for (size_t i = 0; i < sizeof try / sizeof try[0]; i++)
                if (setlocale(LC_MESSAGES, try[i])) break;
        }
    }
    /* LANGUAGE outranks LC_ALL and LANG for messages: "en" has no catalogue, so
     * English is the msgids themselves. */
    setenv("LANGUAGE", lang_now, 1);
#ifdef __GLIBC__
    ++_nl_msg_cat_cntr;
#endif
#endif
}

const char *i18n_lang(void)
{
    return lang_now;
}
