/* cmd_run_internal.h — what the run commands (cmd_run.c, cmd_run_show.c, cmd_sched.c)
 * share: run numbers, KEY=VALUE parsing against a parameter table, and the handlers
 * the table in cmd_run.c lists. */
#ifndef DESCENT_CMD_RUN_INTERNAL_H
#define DESCENT_CMD_RUN_INTERNAL_H

#include "cmd_internal.h"
#include "descent/opt.h"
#include "descent/run.h"
#include "descent/schedule.h"

/* Where k=v parsing looks keys up, and how errors name the owner. */
typedef struct {
    const char *owner;   /* "adam", "sched cosine", "earlystop" */
    const char *example; /* a correct line, for errors */
    const opt_param *(*find)(const void *ctx, const char *key);
    const opt_param *(*at)(const void *ctx, int i);
    const void *ctx;
} kv_spec;

/* DS_ESTATE with "algo NAME creates one" when there are no runs. */
ds_status cmd_need_runs(const sess *s, ds_err *err);
/* A 1-based run number `tok` as an index. */
ds_status cmd_run_number(const sess *s, const char *tok, int *idx, ds_err *err);
/* Parse argv[from..] as KEY=VALUE pairs into `base`. Nothing outside `base` changes, so
 * callers parse into a copy and apply it only when everything was right. */
ds_status cmd_parse_kvs(const cmd_args *a, int from, const kv_spec *k, void *base, ds_err *err);
/* "run 2 adam: lr=0.01 beta1=0.9 ...; start [-1.2, 1]" */
void cmd_describe_run(const sess *s, int i, sbuf *out);

/* A value for people: fmt_num, or "undefined" when it is not finite (a start outside
 * the objective's domain). */
void cmd_put_value(sbuf *out, double v, int digits);

#endif
