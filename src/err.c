/* err.c — error values for the pure core: status texts from one table, and a
 * message buffer that remembers the source and column a caret should point at. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/err.h"
#include "descent/text.h"

static const char *const status_texts[] = {
#define DS_TEXT(code, text) N_(text),
    DS_STATUS_LIST(DS_TEXT)
#undef DS_TEXT
};

const char *ds_status_text(ds_status code)
{
    if ((unsigned)code >= sizeof status_texts / sizeof status_texts[0]) return "error";
    return status_texts[code];
}

void ds_err_clear(ds_err *e)
{
    e->code = DS_OK;
    e->column = 0;
    e->source[0] = '\0';
    e->msg[0] = '\0';
}

/* Messages quote what the user typed: a control character in it (an OSC sequence that
 * sets the window title or the clipboard) is shown escaped, never sent to a terminal. */
static void set_msg(ds_err *e, const char *fmt, va_list ap)
{
    char raw[sizeof e->msg];
    /* The format is the English message; `make pot` collects every ds_err_set/ds_err_at
     * format, so the catalogue translates errors where they are written. */
    vsnprintf(raw, sizeof raw, _(fmt), ap);
    text_escape_controls(raw, e->msg, sizeof e->msg);
}

ds_status ds_err_set(ds_err *e, ds_status code, const char *fmt, ...)
{
    va_list ap;
    e->code = code;
    e->column = 0;
    e->source[0] = '\0';
    va_start(ap, fmt);
    set_msg(e, fmt, ap);
    va_end(ap);
    return code;
}

ds_status ds_err_at(ds_err *e, ds_status code, const char *source, int column, const char *fmt, ...)
{
    va_list ap;
    e->code = code;
    e->column = column;
    snprintf(e->source, sizeof e->source, "%s", source ? source : "");
    va_start(ap, fmt);
    set_msg(e, fmt, ap);
    va_end(ap);
    return code;
}
