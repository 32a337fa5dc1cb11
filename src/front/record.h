/* record.h — recording what the screen writes as an asciicast v2 file (the format
 * asciinema plays in a browser): `record FILE.cast` / `record stop` on the screen, and
 * `descent --record FILE.cast SCRIPT`, which plays a script on a virtual screen. */
#ifndef DESCENT_RECORD_H
#define DESCENT_RECORD_H

#include "descent/err.h"
#include "descent/sbuf.h"

/* Start recording every byte written to file descriptor `fd` (the terminal) into the
 * asciicast file `path` with a header for a `cols` × `rows` terminal. Fails, changing
 * nothing, when a recording is already going or `path` cannot be written. */
ds_status record_start(const char *path, int fd, int cols, int rows, const char *title,
                       ds_err *err);
/* Stop and close the file; says in `out` how many events it holds. Fails when nothing
 * is recording, or when writing the file failed along the way. */
ds_status record_stop(sbuf *out, ds_err *err);
/* 1 while a recording is going. */
int record_active(void);
/* Append the bytes `buf` written at `t` seconds after the start as an "o" event. */
void record_bytes(const char *buf, size_t n);

/* --record: run SCRIPT's lines as typed at the prompt of `self` (this program) on a
 * pseudo-terminal of cols × rows and record what it draws. Returns the exit status. */
int record_script(const char *self, const char *cast, const char *script, int cols, int rows,
                  const char *const *extra_args);

#endif
