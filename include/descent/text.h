/* text.h — small text utilities shared by the core: edit distance for "did you
 * mean" suggestions, escaping control characters before text reaches a terminal,
 * and the one word wrapper every text area uses (help, lessons, the screen's panes):
 * breaks at blanks, never inside a word, by display width. */
#ifndef DESCENT_TEXT_H
#define DESCENT_TEXT_H

#include <stddef.h>

#include "descent/sbuf.h"

/* Levenshtein distance between a and b (capped at 99 for long inputs). */
int text_edit_distance(const char *a, const char *b);

/* The candidate nearest to `word` within `max_dist` edits, or NULL. `cands` is
 * NULL-terminated when n < 0, else n entries long. */
const char *text_nearest(const char *word, const char *const *cands, int n, int max_dist);
/* The same with the tolerance of "did you mean" for a misspelt key or name: one edit for
 * a word of up to three letters (short words are easy to confuse), else two. */
const char *text_nearest_word(const char *word, const char *const *cands, int n);

/* 1 when byte string s[0..n) holds a character a terminal would act on rather than
 * show: a C0 control other than tab (and newline when allow_newline), DEL, or a C1
 * control (U+0080..U+009F). *at gets the byte offset of the first one. */
int text_find_control(const char *s, size_t n, int allow_newline, size_t *at);

/* Copy `in` to out[0..cap) with every such control written as \xHH (newline and tab
 * kept), cut to fit; OSC and CSI sequences in user text then show instead of acting. */
void text_escape_controls(const char *in, char *out, size_t cap);

/* Copy `in` to out[0..cap) (cap ≥ 1), cut where it does not fit at the start of a UTF-8
 * character, never inside one: a caption cut short still shows whole characters. */
void text_copy(char *out, size_t cap, const char *in);

/* ---- wrapping ------------------------------------------------------------------- */

#define TEXT_HANG_AUTO (-1)

/* One row of a wrapped line: bytes [a, b) of the line, drawn after `indent` blanks. */
typedef struct {
    size_t a, b;
    int indent;
} text_span;

typedef struct {
    int width; /* columns per row (at least 1) */
    /* Columns continuation rows start in; TEXT_HANG_AUTO: under the line's text, that
     * is after its leading blanks, or after the first run of two or more blanks that
     * ends before the middle of the row (a table's second column). */
    int hang;
    /* Optional: 1 when the line must not break at the blanks that start at byte `at`
     * (operators that stick to their neighbours, code spans with blanks). */
    int (*nobreak)(const char *s, size_t n, size_t at, void *ud);
    void *ud;
} text_wrap_opts;

/* Wrap one line s[0..n) (no '\n') to o->width columns, widths by utf8_char_width (marks
 * and control bytes take none). Rows break at blanks, which are dropped at the break;
 * a group of words that fits a row is never split; a word wider than a row is split
 * between characters, never between a character and its combining marks. The first
 * row keeps the line's leading blanks. Fills at most `max` spans; returns the rows (at
 * least 1). */
int text_wrap_line(const char *s, size_t n, const text_wrap_opts *o, text_span *rows, int max);

/* Wrap text (lines separated by '\n') into `out`: every row starts with `indent`
 * blanks and ends with '\n'; rows are at most `width` columns including the indent;
 * continuation rows start `hang` columns further in (or TEXT_HANG_AUTO). */
void text_wrap(sbuf *out, const char *text, int indent, int width, int hang);

#endif
