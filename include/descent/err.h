/* err.h — errors as values for the pure core.
 * Every failing core call fills a ds_err: a status code (messages from one table),
 * a human sentence saying what was wrong and what would be right, and a column. */
#ifndef DESCENT_ERR_H
#define DESCENT_ERR_H

/* X-macro: code, short name. The short name prefixes nothing; it documents. */
#define DS_STATUS_LIST(X)                                                                          \
    X(DS_OK, "ok")                                                                                 \
    X(DS_ESYNTAX, "syntax error")                                                                  \
    X(DS_EUNKNOWN, "unknown name")                                                                 \
    X(DS_EARG, "bad argument")                                                                     \
    X(DS_ERANGE, "value out of range")                                                             \
    X(DS_EDOMAIN, "not defined here")                                                              \
    X(DS_EIO, "file error")                                                                        \
    X(DS_ENOMEM, "out of memory")                                                                  \
    X(DS_ESTATE, "not possible now")

typedef enum {
#define DS_ENUM(code, text) code,
    DS_STATUS_LIST(DS_ENUM)
#undef DS_ENUM
} ds_status;

typedef struct {
    ds_status code;   /* DS_OK when nothing went wrong */
    int column;       /* 1-based column in `source` the message points at; 0 when none */
    char source[256]; /* the text the column refers to (a formula), may be empty */
    char msg[512];    /* the full sentence: what was wrong, and what would be right */
} ds_err;

/* Short description of a status code ("syntax error"). */
const char *ds_status_text(ds_status code);

/* Clear an error to DS_OK. */
void ds_err_clear(ds_err *e);

/* Fill an error; returns `code` so callers can `return ds_err_set(...)`. */
ds_status ds_err_set(ds_err *e, ds_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Same, remembering the source text and a 1-based column for a caret display. */
ds_status ds_err_at(ds_err *e, ds_status code, const char *source, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
