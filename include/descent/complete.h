/* complete.h — Tab completion decided in the core: for a command line and a cursor
 * position, the words that may go where the cursor is, from the same tables that run the
 * commands (commands, algorithms and their parameters, objectives, schedules, settings,
 * a row's fixed words, lesson names). A front end only shows them and inserts one. */
#ifndef DESCENT_COMPLETE_H
#define DESCENT_COMPLETE_H

#include "descent/session.h"

#define CMD_COMPLETE_MAX 256
/* The characters that end a word for completion; a front end whose line editor splits
 * words itself (readline) must split at exactly these, so its word is line[start..]. */
#define CMD_COMPLETE_BREAKS " \t;"

typedef struct {
    int start;    /* byte offset in the line where the word being completed begins */
    int files;    /* 1: the word is a file name: the front end completes it from the disk */
    int no_space; /* 1: the words end in '=' (a value follows): add no space after one */
    int n;        /* how many words */
    char *words[CMD_COMPLETE_MAX]; /* each begins with line[start..cursor); malloc'd */
} cmd_candidates;

/* Fill `out` with the words that complete the word ending at byte `cursor` of `line`
 * (the command is the text after the last ';' before the cursor). `s` supplies the
 * selected run's algorithm for parameter keys; NULL offers none. Returns out->n. Free
 * with cmd_candidates_free (also safe on a zeroed struct). */
int cmd_complete(const sess *s, const char *line, int cursor, cmd_candidates *out);
void cmd_candidates_free(cmd_candidates *c);

#endif
