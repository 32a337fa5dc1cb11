/* init.h — the init file ($XDG_CONFIG_HOME/descent/init, like .gdbinit): commands run
 * at start before the first screen; a bad line is reported as FILE:LINE and skipped. */
#ifndef DESCENT_INIT_H
#define DESCENT_INIT_H

#include "descent/sbuf.h"
#include "descent/session.h"

/* $XDG_CONFIG_HOME/descent/init, or ~/.config/descent/init; "" when neither is known. */
void init_path(sbuf *out);

/* Run every line of the init file at `path` on the session. The commands' output goes
 * to `out`; every problem (a failing command, bytes that are not UTF-8, an unreadable
 * file) goes to `errs` as "PATH:LINE: message" lines, and the next line still runs. A
 * missing file is not an error. Returns the number of problems. */
int init_run(sess *s, const char *path, sbuf *out, sbuf *errs);

#endif
