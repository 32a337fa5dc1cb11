/* command_args.c — reading arguments for command handlers: numbers, whole numbers,
 * optional points and key=value pairs, each failing with a sentence that says what
 * was expected. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"
#include "descent/i18n.h"
#include "descent/text.h"

ds_status cmd_number(const char *tok, const char *what, double *out, ds_err *err)
{
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (end == tok || *end)
        return ds_err_set(err, DS_EARG, "%s must be a number, got '%s'", what, tok);
    if (errno == ERANGE && fabs(v) < 1)
        return ds_err_set(err, DS_ERANGE,
                          "%s '%s' is too small for a double and underflows (the smallest is "
                          "about 2.2e-308); write 0 if you mean zero",
                          what, tok);
    if (errno == ERANGE)
        return ds_err_set(err, DS_ERANGE,
                          "%s '%s' is too large for a double (at most about 1.8e308)", what, tok);
    if (!isfinite(v))
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

const vocab_word cmd_onoff_words[] = {
    {"on", "switch it on", 1},
    {"off", "switch it off", 0},
    {0},
};

int cmd_onoff(const char *word, const char *what, ds_err *err)
{
    const vocab_word *w = vocab_find(cmd_onoff_words, word);
    if (w) return w->value;
    char mean[96];
    ds_err_set(err, DS_EARG, "%s takes on or off, got '%s'%s", what, word,
               vocab_did_you_mean(cmd_onoff_words, word, mean, sizeof mean));
    return -1;
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

/* 1 when `path` has a ".." component. */
static int climbs(const char *path)
{
    for (const char *p = path; (p = strstr(p, "..")) != NULL; p += 2)
        if ((p == path || p[-1] == '/') && (p[2] == '\0' || p[2] == '/')) return 1;
    return 0;
}

ds_status cmd_file(const cmd_ctx *c, const char *path, int write, char *out, size_t cap)
{
    if (!c->sandbox) {
        if (snprintf(out, cap, "%s", path) >= (int)cap)
            return ds_err_set(c->err, DS_EARG, "the file name is too long (at most %zu bytes)",
                              cap - 1);
        return DS_OK;
    }
    if (write)
        return ds_err_set(c->err, DS_EARG,
                          "a lesson may not write files (refused '%s'); the learner can run "
                          "this command",
                          path);
    if (path[0] == '/' || path[0] == '~' || climbs(path) ||
        snprintf(out, cap, "%s/%s", c->sandbox, path) >= (int)cap)
        return ds_err_set(c->err, DS_EARG,
                          "a lesson may only read files beside it, named without '/..' or a "
                          "leading '/' (refused '%s')",
                          path);
    /* A symbolic link beside the lesson must not lead out of its directory either. */
    char dir[PATH_MAX], file[PATH_MAX];
    if (!realpath(c->sandbox, dir) || !realpath(out, file))
        return ds_err_set(c->err, DS_EIO, "%s: cannot open (%s)", path, strerror(errno));
    size_t n = strlen(dir);
    if (strncmp(file, dir, n) != 0 || file[n] != '/')
        return ds_err_set(c->err, DS_EARG,
                          "a lesson may only read files inside its directory (refused '%s')", path);
    return DS_OK;
}

/* ---- key=value words ------------------------------------------------------------- */

static void key_list(const kv_spec *k, sbuf *out)
{
    const opt_param *p;
    for (int i = 0; (p = k->at(k->ctx, i)); i++)
        sbuf_printf(out, "%s%s", i ? ", " : "", p->name);
}

/* "adam has no parameter 'beta' (did you mean 'beta1'?); its parameters are ..." */
ds_status cmd_unknown_key(const kv_spec *k, const kv_spec *also, const char *key, ds_err *err)
{
    const char *names[64];
    int n = 0;
    const opt_param *p;
    for (int i = 0; (p = k->at(k->ctx, i)) && n < 64; i++)
        names[n++] = p->name;
    int own = k->at(k->ctx, 0) != NULL; /* it has parameters of its own */
    for (int i = 0; also && (p = also->at(also->ctx, i)) && n < 64; i++)
        names[n++] = p->name;
    const char *near = text_nearest_word(key, names, n);
    char mean[96] = "";
    if (near) snprintf(mean, sizeof mean, _(" (did you mean '%s'?)"), near);
    sbuf more;
    sbuf_init(&more);
    if (also) {
        sbuf_printf(&more, _("; %s are "), _(also->owner));
        key_list(also, &more);
    }
    sbuf keys;
    sbuf_init(&keys);
    key_list(k, &keys);
    if (!own)
        ds_err_set(err, DS_EUNKNOWN, "%s takes no parameters, got '%s'%s%s", k->owner, key, mean,
                   sbuf_str(&more));
    else
        ds_err_set(err, DS_EUNKNOWN, "%s has no parameter '%s'%s; its parameters are %s%s",
                   k->owner, key, mean, sbuf_str(&keys), sbuf_str(&more));
    sbuf_free(&keys);
    sbuf_free(&more);
    return DS_EUNKNOWN;
}

/* Parse argv[from..] as KEY=VALUE pairs into `base`. Nothing outside `base` changes, so
 * callers parse into a copy and apply it only when everything was right. */
ds_status cmd_parse_kvs(const cmd_args *a, int from, const kv_spec *k, void *base, ds_err *err)
{
    for (int i = from; i < a->argc; i++) {
        char tok[256], *key, *value;
        snprintf(tok, sizeof tok, "%s", a->argv[i]);
        if (!cmd_split_kv(tok, &key, &value) || !*key) {
            sbuf keys;
            sbuf_init(&keys);
            key_list(k, &keys);
            ds_err_set(err, DS_ESYNTAX, "expected KEY=VALUE, got '%s' (e.g. %s; keys: %s)",
                       a->argv[i], k->example, keys.len ? sbuf_str(&keys) : "none");
            sbuf_free(&keys);
            return DS_ESYNTAX;
        }
        const opt_param *p = k->find(k->ctx, key);
        if (!p) return cmd_unknown_key(k, NULL, key, err);
        double v;
        if (opt_parse_value(p, k->owner, value, &v, err)) return err->code;
        opt_put(base, p, v);
    }
    return DS_OK;
}

const opt_param *cmd_params_find(const void *ctx, const char *key)
{
    for (const opt_param *p = ctx; p->name; p++)
        if (strcmp(p->name, key) == 0) return p;
    return NULL;
}

const opt_param *cmd_params_at(const void *ctx, int i)
{
    const opt_param *p = ctx;
    for (int k = 0; p[k].name; k++)
        if (k == i) return &p[k];
    return NULL;
}
