/* lesson_fill.c — feedback in the learner's own numbers: a lesson's why: and wrong:
 * notes may quote the live session with `{QUANTITY}` placeholders (the names of
 * lesson conditions), so "it took {run.steps} steps" says what really happened. */
#include <math.h>
#include <string.h>

#include "descent/fmt.h"
#include "descent/lesson.h"
#include "descent/session.h"

/* Copies `text` to `out` (when not NULL) with each placeholder replaced by its value;
 * with s == NULL only checks. Returns the first error: a bad quantity or an unclosed
 * brace. */
static ds_status scan(const char *text, sess *s, sbuf *out, ds_err *err)
{
    const char *p = text;
    while (*p) {
        const char *open = strchr(p, '{');
        if (!open) {
            if (out) sbuf_puts(out, p);
            break;
        }
        if (out) sbuf_printf(out, "%.*s", (int)(open - p), p);
        const char *close = strchr(open + 1, '}');
        if (!close)
            return ds_err_set(err, DS_ESYNTAX,
                              "a `{` without its `}`: placeholders are written {run.steps}");
        char q[128];
        if ((size_t)(close - open - 1) >= sizeof q)
            return ds_err_set(err, DS_ESYNTAX, "a placeholder longer than %zu characters",
                              sizeof q - 1);
        memcpy(q, open + 1, (size_t)(close - open - 1));
        q[close - open - 1] = '\0';
        double v = NAN;
        if (!strcmp(q, "answer")) { /* the learner's last prediction (`answer: any`) */
            if (s) v = lesson_prediction(s);
        } else {
            ds_status st = lesson_value(s, q, &v, err);
            if (st != DS_OK) return st;
        }
        if (out) {
            if (isfinite(v))
                fmt_num(out, v, s->digits);
            else
                sbuf_puts(out, "?");
        }
        p = close + 1;
    }
    return DS_OK;
}

void lesson_fill(sess *s, const char *text, sbuf *out)
{
    ds_err err;
    sbuf t;
    sbuf_init(&t);
    /* Placeholders were checked when the lesson was loaded; should one still fail,
     * the learner reads the text as written rather than half of it. */
    sbuf_puts(out, scan(text, s, &t, &err) == DS_OK ? sbuf_str(&t) : text);
    sbuf_free(&t);
}

ds_status lesson_fill_check(const char *text, ds_err *err)
{
    return scan(text, NULL, NULL, err);
}
