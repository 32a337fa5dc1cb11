/* text.h — small text utilities shared by the core: edit distance for "did you
 * mean" suggestions. */
#ifndef DESCENT_TEXT_H
#define DESCENT_TEXT_H

#include <stddef.h>

/* Levenshtein distance between a and b (capped at 99 for long inputs). */
int text_edit_distance(const char *a, const char *b);

/* The candidate nearest to `word` within `max_dist` edits, or NULL. `cands` is
 * NULL-terminated when n < 0, else n entries long. */
const char *text_nearest(const char *word, const char *const *cands, int n, int max_dist);

#endif
