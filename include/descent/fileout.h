/* fileout.h — the one way descent writes a file the user named (plot FILE, trace FILE,
 * data save, export, sweep ... file=): into a temporary file beside it, renamed over it
 * only when every byte is written, so a failure leaves no partial file and the old one
 * intact; every failure is reported the same way, naming the file and the reason. */
#ifndef DESCENT_FILEOUT_H
#define DESCENT_FILEOUT_H

#include <stddef.h>
#include <stdio.h>

#include "descent/err.h"

typedef struct {
    FILE *f;         /* write here between fileout_open and fileout_commit */
    char path[1024]; /* the file named */
    char tmp[1040];  /* the temporary file beside it; "" when written in place */
} fileout;

/* Check, creating nothing, that `path` names a file and not a directory (commands
 * call it before doing the work whose result goes there). */
ds_status fileout_check(const char *path, ds_err *err);
/* Start writing `path`. Fails (creating nothing) when it is a directory, its directory
 * does not exist or is not writable, or the name is too long. */
ds_status fileout_open(fileout *w, const char *path, ds_err *err);
/* Finish: flush, check for any write error, close and rename into place. On failure the
 * temporary file is removed and err names the file. */
ds_status fileout_commit(fileout *w, ds_err *err);
/* Give up: remove the temporary file. */
void fileout_abort(fileout *w);
/* All of data[0..n) as the file `path`, in one call. */
ds_status fileout_write(const char *path, const void *data, size_t n, ds_err *err);

#endif
