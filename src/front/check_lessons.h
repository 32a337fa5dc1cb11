/* check_lessons.h — `descent --check-lessons [DIR]`: load every lesson (the originals and
 * every translation in DIR/LANG/), run each step headless on a fresh session and check
 * every task against its stored answers. Prints one line per lesson and ends with
 * "N passed, N failed". */
#ifndef DESCENT_CHECK_LESSONS_H
#define DESCENT_CHECK_LESSONS_H

#include <stdio.h>

/* `dir` NULL: the lesson directory lesson_find_dir() picks. Returns the exit status:
 * 0 when every lesson passed, 1 otherwise (also when there are no lessons). */
int check_lessons_main(const char *dir, FILE *out);

#endif
