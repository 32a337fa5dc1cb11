/* vocab.h — the small vocabularies of the command language and the lesson conditions
 * as tables: each word with one line of help and what it means to its parser. One
 * table serves parsing, completion, help and "did you mean" for its words. */
#ifndef DESCENT_VOCAB_H
#define DESCENT_VOCAB_H

#include "descent/err.h"
#include "descent/sbuf.h"

/* One word. Tables end with {0} (name NULL). */
typedef struct {
    const char *name; /* as typed; "key=" for a word that takes a value */
    const char *help; /* one line, for help and completion lists */
    int value;        /* what the word stands for to its parser (an enum value) */
} vocab_word;

/* The row named `name`, or NULL. */
const vocab_word *vocab_find(const vocab_word *v, const char *name);
/* The row's value, or `dflt` when `name` is not in the table. */
int vocab_value(const vocab_word *v, const char *name, int dflt);
/* The word nearest to `word` (a misspelling, for "did you mean"), or NULL. */
const char *vocab_nearest(const vocab_word *v, const char *word);
/* The names joined by `sep` ("x y f" with " ", "a, b, c" with ", "). */
void vocab_join(const vocab_word *v, const char *sep, sbuf *out);
/* DS_EUNKNOWN with "WHAT takes a, b or c, got 'word' (did you mean 'x'?)". */
ds_status vocab_unknown(const vocab_word *v, const char *what, const char *word, ds_err *err);
/* DS_EUNKNOWN for `word`, none of the names name_at(0), name_at(1), ... (up to the first
 * NULL): the message is `fmt` with the word and the names joined by ", "; or, when
 * `fmt_near` is given and a name is within two edits of the word, `fmt_near` with the
 * word, that name and the names. Both are English msgids, translated like ds_err_set's
 * (make pot collects them from the calls). */
ds_status vocab_unknown_name(const char *word, const char *(*name_at)(int), const char *fmt,
                             const char *fmt_near, ds_err *err);
/* The names of a table whose rows begin with their name (vocab_word, cmd_sub, opt_param,
 * ...; row_size apart, ending at a NULL name): the first `max` into names[], and all of
 * them joined by ", " into `all`, each after `prefix` and a space when prefix is not
 * NULL ("list funcs, list cmds"). Returns how many went into names[]. */
int vocab_row_names(const void *rows, size_t row_size, const char *prefix, const char **names,
                    int max, sbuf *all);
/* " (did you mean 'x'?)" for a misspelling of a word in v, or "" (for longer messages). */
const char *vocab_did_you_mean(const vocab_word *v, const char *word, char *buf, size_t cap);

#endif
