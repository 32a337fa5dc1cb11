/* text.h — small text utilities shared by the core: edit distance for "did you
 * mean" suggestions, and escaping control characters before text reaches a terminal. */
#ifndef DESCENT_TEXT_H
#define DESCENT_TEXT_H

#include <stddef.h>

/* Levenshtein distance between a and b (capped at 99 for long inputs). */
int text_edit_distance(const char *a, const char *b);

/* The candidate nearest to `word` within `max_dist` edits, or NULL. `cands` is
 * NULL-terminated when n < 0, else n entries long. */
const char *text_nearest(const char *word, const char *const *cands, int n, int max_dist);

/* 1 when byte string s[0..n) holds a character a terminal would act on rather than
 * show: a C0 control other than tab (and newline when allow_newline), DEL, or a C1
 * control (U+0080..U+009F). *at gets the byte offset of the first one. */
int text_find_control(const char *s, size_t n, int allow_newline, size_t *at);

/* Copy `in` to out[0..cap) with every such control written as \xHH (newline and tab
 * kept), cut to fit; OSC and CSI sequences in user text then show instead of acting. */
void text_escape_controls(const char *in, char *out, size_t cap);

#endif
