/* statefile.h — the learner's private state files (lesson progress, prompt history):
 * where they live, directories made 0700 without ever creating $HOME, files created
 * 0600 whatever the umask, and a lock so that two descents update them in turn. */
#ifndef DESCENT_STATEFILE_H
#define DESCENT_STATEFILE_H

#include <stddef.h>
#include <stdio.h>

#include "descent/sbuf.h"

/* $XDG_STATE_HOME/descent (an absolute XDG_STATE_HOME) or $HOME/.local/state/descent,
 * appended to `out`, created (0700) when missing. Returns 0, or -1 with a sentence in
 * why[0..wsize) ("HOME (/nowhere) does not exist") when there is nowhere to keep it. */
int state_dir(sbuf *out, char *why, size_t wsize);

/* mkdir -p (0700) for the directories above `path`; $HOME itself is never created.
 * Returns 0, or -1 with why. */
int state_make_parents(const char *path, char *why, size_t wsize);

/* Open `path` for writing, created 0600 (truncated when it exists). NULL with errno set. */
FILE *state_create(const char *path);

/* An exclusive lock on PATH.lock (created 0600), waiting up to two seconds for another
 * descent to finish. Returns a descriptor for state_unlock, or -1 when it could not be
 * had (the caller then goes on without it). */
int state_lock(const char *path);
void state_unlock(int fd);

#endif
