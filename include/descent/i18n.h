/* i18n.h — the interface's language, through GNU gettext (text domain "descent").
 * English is the source language and the fallback: _("...") translates a message where
 * it is said, N_("...") only marks one kept in a table (translate it with _() where it is
 * printed). A missing catalogue means English, without a word of error. */
#ifndef DESCENT_I18N_H
#define DESCENT_I18N_H

#define DS_TEXTDOMAIN "descent"

#ifdef DESCENT_NO_NLS
#define _(s)             (s)
#define P_(one, many, n) ((n) == 1 ? (one) : (many))
#else
#include <libintl.h>
#define _(s)             dgettext(DS_TEXTDOMAIN, s)
#define P_(one, many, n) dngettext(DS_TEXTDOMAIN, one, many, (unsigned long)(n))
#endif
#define N_(s) s

/* Switch the interface to a language: "ko", or "en" / "" / "C" for English. Works
 * whether or not the system has that locale installed (gettext only needs a UTF-8
 * LC_MESSAGES that is not "C", so C.UTF-8 is used when the locale is C). The first
 * call finds the catalogues (see i18n_localedir). Process-wide: call it from the
 * thread that owns the session, never while a background job formats text. */
void i18n_set_lang(const char *lang);

/* The current interface language: "en" or a code such as "ko". */
const char *i18n_lang(void);

/* Where the catalogues are looked up: $DESCENT_LOCALEDIR when set; else a build
 * tree's locale/ beside the program (build/descent, ./descent in a checkout, the
 * unit tests in build/tests/); else ../share/locale beside the program; else the
 * installed $(PREFIX)/share/locale. */
const char *i18n_localedir(void);

#endif
