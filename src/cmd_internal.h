/* cmd_internal.h — what the command files share: the command table (cmd_table.c, its
 * handlers declared in cmd_table.h), and the session settings `set`/`show` know about. */
#ifndef DESCENT_CMD_INTERNAL_H
#define DESCENT_CMD_INTERNAL_H

#include "descent/i18n.h"
#include "descent/command.h"
#include "descent/opt.h"

extern const cmd_spec cmd_table[]; /* cmd_table.c: every command, in help order */

/* Where k=v parsing looks keys up, and how errors name the owner. */
typedef struct {
    const char *owner;   /* "adam", "sched cosine", "earlystop" */
    const char *example; /* a correct line, for errors */
    const opt_param *(*find)(const void *ctx, const char *key);
    const opt_param *(*at)(const void *ctx, int i);
    const void *ctx;
} kv_spec;

/* kv_spec.find and .at over a plain table of parameters (ctx: opt_param[], ending with
 * name NULL). */
const opt_param *cmd_params_find(const void *ctx, const char *key);
const opt_param *cmd_params_at(const void *ctx, int i);
/* Parse argv[from..] as KEY=VALUE pairs into `base`. Nothing outside `base` changes, so
 * callers parse into a copy and apply it only when everything was right. The one parser
 * of key=value words: algorithms, schedules, early stopping, data gen, session settings. */
ds_status cmd_parse_kvs(const cmd_args *a, int from, const kv_spec *k, void *base, ds_err *err);
/* DS_EUNKNOWN: "OWNER has no parameter 'KEY' (did you mean 'K'?); its parameters are
 * ...". With `also` (or NULL), its keys are suggested too and listed after: "; ALSO-OWNER
 * are ...". */
ds_status cmd_unknown_key(const kv_spec *k, const kv_spec *also, const char *key, ds_err *err);

/* Session-wide settings (digits, ...) are parameters (command.h's cmd_settings) parsed
 * like an algorithm's; `set KEY VALUE` tries them before a run's hyperparameters.
 * cmd_settings_spec is the kv_spec over them (for cmd_parse_kvs and cmd_unknown_key). */
extern const kv_spec cmd_settings_spec;
/* Apply one. Returns DS_EUNKNOWN (err untouched) when `key` is not a session setting. */
ds_status cmd_setting_apply(sess *s, const char *key, const char *value, ds_err *err);
/* Validate without applying (for commands that must check everything first): *v gets
 * the value. DS_EUNKNOWN (err untouched) when `key` is not a session setting. */
ds_status cmd_setting_check(const char *key, const char *value, double *v, ds_err *err);
/* Append every session setting as "key = value" lines. */
void cmd_settings_show(const sess *s, sbuf *out);

/* Parse "key=value" into key/value slices within `tok` (modifies tok). Returns 0 when
 * the token has no '='. */
int cmd_split_kv(char *tok, char **key, char **value);

/* cmd_view.c: "levels = 12 auto (log for rosenbrock)" or "levels = at 1 2 4", no newline. */
void cmd_levels_text(const sess *s, sbuf *out);

#endif
