/* command_args.c — reading arguments for command handlers: numbers, whole numbers,
 * optional points and key=value pairs, each failing with a sentence that says what
 * was expected. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_internal.h"

ds_status cmd_number(const char *tok, const char *what, double *out, ds_err *err)
{
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (end == tok || *end)
        return ds_err_set(err, DS_EARG, "%s must be a number, got '%s'", what, tok);
    if (!isfinite(v) || errno == ERANGE)
        return ds_err_set(err, DS_ERANGE, "%s must be a finite number, got '%s'", what, tok);
    *out = v;
    return DS_OK;
}

ds_status cmd_integer(const char *tok, const char *what, long lo, long hi, long *out, ds_err *err)
{
    char *end;
    errno = 0;
    long v = strtol(tok, &end, 10);
    if (end == tok || *end)
        return ds_err_set(err, DS_EARG, "%s must be a whole number from %ld to %ld, got '%s'", what,
                          lo, hi, tok);
    if (errno == ERANGE || v < lo || v > hi)
        return ds_err_set(err, DS_ERANGE, "%s must be from %ld to %ld, got '%s'", what, lo, hi,
                          tok);
    *out = v;
    return DS_OK;
}

ds_status cmd_point(sess *s, const cmd_args *a, int *i, double p[2], ds_err *err)
{
    p[0] = s->cursor[0];
    p[1] = s->cursor[1];
    if (*i >= a->argc) return DS_OK;
    /* A point is two numbers; a word (like "along" or "at") means "at the cursor". */
    char *end;
    strtod(a->argv[*i], &end);
    if (end == a->argv[*i]) return DS_OK;
    if (*i + 1 >= a->argc)
        return ds_err_set(err, DS_EARG, "a point needs two numbers X Y, got only '%s'",
                          a->argv[*i]);
    double x, y;
    if (cmd_number(a->argv[*i], "X", &x, err) || cmd_number(a->argv[*i + 1], "Y", &y, err))
        return err->code;
    p[0] = x;
    p[1] = y;
    *i += 2;
    return DS_OK;
}

int cmd_split_kv(char *tok, char **key, char **value)
{
    char *eq = strchr(tok, '=');
    if (!eq) return 0;
    *eq = '\0';
    *key = tok;
    *value = eq + 1;
    return 1;
}
