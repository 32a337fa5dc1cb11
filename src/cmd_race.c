/* cmd_race.c — `race`: tune each named algorithm under one evaluation budget, print the
 * leaderboard, and add the tuned runs to the plot so their paths can be compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "cmd_table.h"
#include "cmd_run_internal.h"
#include "descent/race.h"
#include "descent/text.h"

#define RACE_BUDGET_DEFAULT 10000
#define RACE_TOL_DEFAULT    1e-6

/* The default field: one of each family (sgd's noise and adamw's decay would not be a
 * like-for-like comparison). */
static const char *const race_default[] = {"gd",      "momentum", "heavyball", "nag",
                                           "adagrad", "rmsprop",  "adam",      "bfgs",
                                           "lbfgs",   "cg",       "newton"};

ds_status cmd_race(sess *s, const cmd_args *a, cmd_ctx *c)
{
    race_spec rs;
    memset(&rs, 0, sizeof rs);
    rs.budget = RACE_BUDGET_DEFAULT;
    rs.tol = RACE_TOL_DEFAULT;
    for (int i = 1; i < a->argc; i++) {
        char tok[256];
        snprintf(tok, sizeof tok, "%s", a->argv[i]);
        char *k, *v;
        if (cmd_split_kv(tok, &k, &v)) {
            if (strcmp(k, "budget") == 0) {
                long b;
                if (cmd_integer(v, _("budget (evaluations per run)"), 1, 1000000000L, &b, c->err))
                    return c->err->code;
                rs.budget = (unsigned long)b;
            } else if (strcmp(k, "tol") == 0) {
                if (cmd_number(v, "tol", &rs.tol, c->err)) return c->err->code;
                if (!(rs.tol > 0))
                    return ds_err_set(c->err, DS_ERANGE, "tol must be > 0 (like tol=1e-6), got %s",
                                      v);
            } else if (strcmp(k, "threads") == 0) {
                long t;
                if (cmd_integer(v, _("threads (0: one per core)"), 0, SWEEP_MAXTHREADS, &t, c->err))
                    return c->err->code;
                rs.threads = (int)t;
            } else {
                return ds_err_set(c->err, DS_EARG,
                                  "unknown option '%s='; race takes algorithm names, budget=E, "
                                  "tol=T and threads=N",
                                  k);
            }
            continue;
        }
        const opt_algo *al = opt_find(tok);
        if (!al) return opt_unknown(tok, 1, c->err);
        for (int k2 = 0; k2 < rs.nalgos; k2++)
            if (rs.algos[k2] == al) return ds_err_set(c->err, DS_EARG, "%s is named twice", tok);
        if (rs.nalgos == RACE_MAXALGOS)
            return ds_err_set(c->err, DS_EARG, "at most %d algorithms race at once", RACE_MAXALGOS);
        rs.algos[rs.nalgos++] = al;
    }
    if (!rs.nalgos)
        for (size_t i = 0; i < sizeof race_default / sizeof race_default[0]; i++)
            rs.algos[rs.nalgos++] = opt_find(race_default[i]);
    /* tries per algorithm: at most the lr grid times the β grid, plus the final run */
    unsigned long tries = (unsigned long)(race_lr_count * race_beta_count + 1);
    if (c->sandbox &&
        rs.budget * tries * (unsigned long)rs.nalgos > (unsigned long)CMD_SANDBOX_STEPS)
        return ds_err_set(c->err, DS_EARG,
                          "a lesson's line may take at most %ld evaluations in all; lower budget= "
                          "(at most %lu for %d algorithms)",
                          (long)CMD_SANDBOX_STEPS,
                          (unsigned long)CMD_SANDBOX_STEPS / (tries * (unsigned long)rs.nalgos),
                          rs.nalgos);
    int have = runset_count(&s->runs);
    if (have + rs.nalgos > RUNSET_MAX)
        return ds_err_set(
            c->err, DS_ESTATE,
            "the race adds %d runs and there are %d, but at most %d fit: del some runs "
            "or name fewer algorithms",
            rs.nalgos, have, RUNSET_MAX);
    const run *sel = runset_selected(&s->runs);
    if (sel) {
        rs.start[0] = run_start(sel)[0];
        rs.start[1] = run_start(sel)[1];
    } else {
        run_default_start(&s->obj, rs.start);
    }
    race_entry e[RACE_MAXALGOS];
    if (race_run(&rs, &s->obj, e, c->err)) return c->err->code;
    race_table(&rs, e, rs.nalgos, c->out, s->digits);
    /* The tuned runs join the plot, each stepped exactly as far as its race run went. */
    for (int i = 0; i < rs.nalgos; i++) {
        if (runset_add(&s->runs, &s->obj, e[i].algo->name, c->err)) return c->err->code;
        run *r = runset_selected(&s->runs);
        opt_hyper h = e[i].h;
        if (e[i].cell.status != CELL_CONVERGED) /* stop where the budget stopped it */
            h.maxiter = e[i].cell.steps > 0 ? (double)e[i].cell.steps : 1;
        else
            h.maxiter = run_hyper(r)->maxiter;
        run_set_start(r, rs.start, &s->obj);
        run_set_algo(r, e[i].algo, &h, &s->obj);
        run_step(r, &s->obj, e[i].cell.steps);
    }
    sbuf_printf(c->out, _("added runs %d to %d (in leaderboard order)\n"), have + 1,
                have + rs.nalgos);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}
