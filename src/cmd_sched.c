/* cmd_sched.c — the selected run's learning-rate schedule (`sched`) and early stopping
 * (`earlystop`): parsed against schedule.h's tables, shown with the rates to come. */
#include <stdio.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_run_internal.h"
#include "descent/i18n.h"
#include "descent/fmt.h"

/* ---- sched, earlystop ------------------------------------------------------------ */

static void show_sched(const sess *s, int i, sbuf *out)
{
    const run *r = runset_get(&s->runs, i);
    const sched_cfg *cfg = run_sched(r);
    sbuf_printf(out, _("run %d %s: sched "), i + 1, run_algo_name(r));
    sched_text(cfg, out, s->digits);
    sbuf_printf(out, " (%s)\n", sched_entry_of(cfg)->rule);
    if (!(run_algo(r)->flags & OPTF_LR)) {
        sbuf_printf(out, _("  %s has no learning rate to schedule (ignored)\n"), run_algo_name(r));
        return;
    }
    double next[10];
    run_next_rates(r, next, 10);
    sbuf_printf(out, _("  rates of steps %ld to %ld:"), run_iter(r), run_iter(r) + 9);
    for (int k = 0; k < 10; k++) {
        sbuf_puts(out, " ");
        fmt_num(out, next[k], s->digits);
    }
    if ((sched_kind)cfg->kind == SCHED_PLATEAU) sbuf_puts(out, _(" (until the next plateau)"));
    sbuf_puts(out, "\n");
}

/* "gd, sgd, ... and adamw": the algorithms with a learning rate to schedule, from the
 * algorithm table, so a new one is named here without editing this file. */
static void lr_algo_names(sbuf *out)
{
    int total = 0, k = 0;
    for (int i = 0; i < opt_algo_count; i++)
        total += (opt_algos[i].flags & OPTF_LR) != 0;
    for (int i = 0; i < opt_algo_count; i++) {
        if (!(opt_algos[i].flags & OPTF_LR)) continue;
        sbuf_printf(out, "%s%s", k == 0 ? "" : k == total - 1 ? " and " : ", ", opt_algos[i].name);
        k++;
    }
}

/* Both commands alone show the selected run's setting (through `show`); with arguments
 * they change it. The selected run to change, or NULL with *st the status to return
 * (no run: the error; no arguments: DS_OK, the setting shown). */
static run *selected_unless_shown(sess *s, const cmd_args *a, cmd_ctx *c,
                                  void (*show)(const sess *, int, sbuf *), ds_status *st)
{
    *st = cmd_need_runs(s, c->err) ? c->err->code : DS_OK;
    if (*st) return NULL;
    if (a->argc == 1) {
        show(s, s->runs.selected, c->out);
        return NULL;
    }
    return runset_selected(&s->runs);
}

ds_status cmd_sched(sess *s, const cmd_args *a, cmd_ctx *c)
{
    ds_status st;
    run *sel = selected_unless_shown(s, a, c, show_sched, &st);
    if (!sel) return st;
    int i = s->runs.selected;
    if (!(run_algo(sel)->flags & OPTF_LR)) {
        sbuf names;
        sbuf_init(&names);
        lr_algo_names(&names);
        ds_err_set(c->err, DS_ESTATE,
                   "run %d %s has no learning rate to schedule (its step length is %s); "
                   "schedules drive %s",
                   i + 1, run_algo_name(sel),
                   run_algo(sel)->flags & OPTF_SEARCH ? "a line search's" : "its damping lr",
                   sbuf_str(&names));
        sbuf_free(&names);
        return c->err->code;
    }
    sched_cfg cfg;
    if (sched_set_kind(&cfg, a->argv[1], c->err)) return c->err->code;
    const sched_entry *e = sched_entry_of(&cfg);
    char owner[32], example[96];
    snprintf(owner, sizeof owner, "sched %s", e->name);
    if (e->params[0].name) {
        sbuf v;
        sbuf_init(&v);
        opt_value_text(&e->params[0], e->params[0].def, &v, 6);
        snprintf(example, sizeof example, "sched %s %s=%s", e->name, e->params[0].name,
                 sbuf_str(&v));
        sbuf_free(&v);
    } else {
        snprintf(example, sizeof example, "sched %s", e->name);
    }
    kv_spec k = {owner, example, cmd_params_find, cmd_params_at, e->params};
    if (cmd_parse_kvs(a, 2, &k, &cfg, c->err)) return c->err->code;
    run_set_sched(sel, &cfg, &s->obj);
    show_sched(s, i, c->out);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

static void show_estop(const sess *s, int i, sbuf *out)
{
    const run *r = runset_get(&s->runs, i);
    const estop_cfg *e = run_estop(r);
    sbuf_printf(out, _("run %d %s: earlystop "), i + 1, run_algo_name(r));
    estop_text(e, out, s->digits);
    if (e->on) {
        int split = obj_is_data(&s->obj) && s->obj.data->ntrain < s->obj.data->n;
        if (e->monitor == ESTOP_MONITOR_ACC && split && s->obj.kind == OBJ_LOGREG)
            sbuf_puts(out, _(" (watching the validation accuracy, higher is better)"));
        else if (e->monitor == 0 && split)
            sbuf_puts(out, _(" (watching the validation loss)"));
        else if (e->monitor == 0 && obj_is_data(&s->obj))
            sbuf_puts(out, _(" (watching the training loss: no validation split, see data split)"));
        else
            sbuf_puts(out, _(" (watching f)"));
    }
    sbuf_puts(out, "\n");
}

ds_status cmd_earlystop(sess *s, const cmd_args *a, cmd_ctx *c)
{
    ds_status st;
    run *sel = selected_unless_shown(s, a, c, show_estop, &st);
    if (!sel) return st;
    int i = s->runs.selected;
    estop_cfg cfg = *run_estop(sel);
    if (a->argc == 2 && strcmp(a->argv[1], "off") == 0) {
        cfg.on = 0;
    } else {
        if (!cfg.on) estop_default(&cfg);
        int from = a->argc >= 2 && strcmp(a->argv[1], "on") == 0 ? 2 : 1;
        kv_spec k = {"earlystop", "earlystop patience=10 restore=on", cmd_params_find,
                     cmd_params_at, estop_params};
        if (cmd_parse_kvs(a, from, &k, &cfg, c->err)) {
            if (c->err->code == DS_ESYNTAX)
                ds_err_set(c->err, DS_ESYNTAX,
                           "expected off, on, or KEY=VALUE pairs, got '%s' (e.g. earlystop "
                           "patience=10 min_delta=0 monitor=val restore=on)",
                           a->argv[from]);
            return c->err->code;
        }
        int split = obj_is_data(&s->obj) && s->obj.data->ntrain < s->obj.data->n;
        if (cfg.monitor == ESTOP_MONITOR_ACC && !(split && s->obj.kind == OBJ_LOGREG))
            return ds_err_set(c->err, DS_ESTATE,
                              "monitor=acc watches the validation accuracy of a classifier: it "
                              "needs func logreg and a validation split (data split 0.8)");
        cfg.on = 1;
    }
    run_set_estop(sel, &cfg, &s->obj);
    show_estop(s, i, c->out);
    return DS_OK;
}

/* ---- the table ------------------------------------------------------------------- */

/* What earlystop completes to; the keys are schedule.c's estop_params. */
const vocab_word estop_words[] = {
    {"off", "stop watching", 0},
    {"on", "watch with the settings given (or the defaults)", 1},
    {"patience=", "evaluations without improvement before stopping", 0},
    {"min_delta=", "the smallest change that counts as an improvement", 0},
    {"monitor=", "val, train or acc", 0},
    {"restore=", "on: go back to the best iterate when stopping", 0},
    {0},
};
