/* cmd_run_internal.h — what the run commands (cmd_run.c, cmd_run_show.c, cmd_sched.c)
 * share: run numbers, KEY=VALUE parsing against a parameter table, and the handlers
 * the table in cmd_run.c lists. */
#ifndef DESCENT_CMD_RUN_INTERNAL_H
#define DESCENT_CMD_RUN_INTERNAL_H

#include "cmd_internal.h"
#include "descent/opt.h"
#include "descent/run.h"
#include "descent/schedule.h"

/* DS_ESTATE with "algo NAME creates one" when there are no runs. */
ds_status cmd_need_runs(const sess *s, ds_err *err);
/* A 1-based run number `tok` as an index. */
ds_status cmd_run_number(const sess *s, const char *tok, int *idx, ds_err *err);
/* "run 2 adam: lr=0.01 beta1=0.9 ...; start [-1.2, 1]" */
void cmd_describe_run(const sess *s, int i, sbuf *out);

/* A value for people: fmt_num, or "undefined" when it is not finite (a start outside
 * the objective's domain). */
void cmd_put_value(sbuf *out, double v, int digits);

#endif
