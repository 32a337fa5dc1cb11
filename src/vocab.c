/* vocab.c — lookups over word tables (vocab.h): find, value, the nearest word for
 * "did you mean", and the one message for a word that is not in a table. */
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/text.h"
#include "descent/vocab.h"

const vocab_word *vocab_find(const vocab_word *v, const char *name)
{
    for (; v->name; v++)
        if (strcmp(v->name, name) == 0) return v;
    return NULL;
}

int vocab_value(const vocab_word *v, const char *name, int dflt)
{
    const vocab_word *w = vocab_find(v, name);
    return w ? w->value : dflt;
}

const char *vocab_nearest(const vocab_word *v, const char *word)
{
    const char *names[64];
    int n = 0;
    for (; v->name && n < 64; v++)
        names[n++] = v->name;
    return text_nearest_word(word, names, n);
}

void vocab_join(const vocab_word *v, const char *sep, sbuf *out)
{
    for (const vocab_word *w = v; w->name; w++)
        sbuf_printf(out, "%s%s", w == v ? "" : sep, w->name);
}

const char *vocab_did_you_mean(const vocab_word *v, const char *word, char *buf, size_t cap)
{
    const char *near = vocab_nearest(v, word);
    if (!near) return "";
    snprintf(buf, cap, _(" (did you mean '%s'?)"), near);
    return buf;
}

ds_status vocab_unknown(const vocab_word *v, const char *what, const char *word, ds_err *err)
{
    char mean[96];
    sbuf all;
    sbuf_init(&all);
    for (const vocab_word *w = v; w->name; w++) /* "a, b or c" */
        sbuf_printf(&all, "%s%s", w == v ? "" : w[1].name ? ", " : _(" or "), w->name);
    ds_err_set(err, DS_EUNKNOWN, "%s takes %s, got '%s'%s", what, sbuf_str(&all), word,
               vocab_did_you_mean(v, word, mean, sizeof mean));
    sbuf_free(&all);
    return DS_EUNKNOWN;
}

ds_status vocab_unknown_name(const char *word, const char *(*name_at)(int), const char *fmt,
                             const char *fmt_near, ds_err *err)
{
    const char *names[64]; /* more than any table has: the algorithms are 13 */
    int n = 0;
    sbuf all;
    sbuf_init(&all);
    for (const char *nm; (nm = name_at(n)) && n < 64; n++) {
        names[n] = nm;
        sbuf_printf(&all, "%s%s", n ? ", " : "", nm);
    }
    const char *near = fmt_near ? text_nearest(word, names, n, 2) : NULL;
    if (near)
        ds_err_set(err, DS_EUNKNOWN, fmt_near, word, near, sbuf_str(&all));
    else
        ds_err_set(err, DS_EUNKNOWN, fmt, word, sbuf_str(&all));
    sbuf_free(&all);
    return DS_EUNKNOWN;
}

int vocab_row_names(const void *rows, size_t row_size, const char *prefix, const char **names,
                    int max, sbuf *all)
{
    int n = 0;
    for (const char *row = rows;; row += row_size) {
        /* A struct's address is its first member's: the row's name. */
        const char *name = *(const char *const *)(const void *)row;
        if (!name) break;
        if (n < max) names[n++] = name;
        sbuf_printf(all, "%s%s%s%s", all->len ? ", " : "", prefix ? prefix : "", prefix ? " " : "",
                    name);
    }
    return n;
}
