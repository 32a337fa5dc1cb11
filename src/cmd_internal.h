/* cmd_internal.h — how the command table is assembled: each cmd_*.c file exports one
 * group of commands (a table ending with a {NULL} entry); command.c lists the groups
 * in help order. Also the session settings `set`/`show` know about. */
#ifndef DESCENT_CMD_INTERNAL_H
#define DESCENT_CMD_INTERNAL_H

#include "descent/i18n.h"
#include "descent/command.h"

extern const cmd_spec cmd_core_group[]; /* command.c: help, list, show, quit */
extern const cmd_spec cmd_func_group[]; /* cmd_func.c: func, data */
extern const cmd_spec
    cmd_calc_group[]; /* cmd_calc.c: cursor, eval, grad, hessian, jacobian, map, taylor */
extern const cmd_spec cmd_run_group[];      /* cmd_run.c: algo, add, select, del, set, start,
                                               reset, step, run, pause, speed */
extern const cmd_spec cmd_run_show_group[]; /* cmd_run_show.c: runs, trace */
extern const cmd_spec cmd_sched_group[];    /* cmd_sched.c: sched, earlystop */
extern const cmd_spec cmd_view_group[];     /* cmd_view.c: plot, view, zoom, levels, arrow */
extern const cmd_spec cmd_save_group[];     /* cmd_save.c: save */
extern const cmd_spec cmd_explain_group[];  /* cmd_explain.c: explain, rewind, goto */
extern const cmd_spec cmd_dataview_group[]; /* cmd_dataview.c: dataview, cloud */
extern const cmd_spec cmd_sweep_group[];    /* cmd_sweep.c: sweep, basins, pick */
extern const cmd_spec cmd_race_group[];     /* cmd_race.c: race */
extern const cmd_spec cmd_front_group[];    /* cmd_front.c: export, record (front ends) */
extern const cmd_spec cmd_lesson_group[];   /* cmd_lesson.c: lesson, next, back, hint, answer */
extern const cmd_spec cmd_present_group[];  /* cmd_present.c: present, say */

/* Session-wide settings (digits, ...): `set KEY VALUE` tries these before a run's
 * hyperparameters. Returns DS_EUNKNOWN (err untouched) when `key` is not one of them. */
ds_status cmd_setting_apply(sess *s, const char *key, const char *value, ds_err *err);
/* Validate without applying (for commands that must check everything first). Returns
 * DS_EUNKNOWN (err untouched) when `key` is not a session setting. */
ds_status cmd_setting_check(const char *key, const char *value, ds_err *err);
/* Append every session setting as "key = value" lines. */
void cmd_settings_show(const sess *s, sbuf *out);

/* Parse "key=value" into key/value slices within `tok` (modifies tok). Returns 0 when
 * the token has no '='. */
int cmd_split_kv(char *tok, char **key, char **value);

/* cmd_view.c: "levels = 12 auto (log for rosenbrock)" or "levels = at 1 2 4", no newline. */
void cmd_levels_text(const sess *s, sbuf *out);

#endif
