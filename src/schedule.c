/* schedule.c — learning-rate schedules as closed forms of the step index t (COURSE §5),
 * reduce-on-plateau, and early stopping (§6). One table per concern drives parsing,
 * printing, help and completion, reusing opt.h's parameter description. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/schedule.h"
#include "descent/text.h"
#include "descent/vocab.h"

#define PI 3.14159265358979323846

static const char *const w_then[] = {"const", "cosine", "exp", NULL};
enum { THEN_CONST, THEN_COSINE, THEN_EXP };

#define OFF(f) offsetof(sched_cfg, f)
#define P_END                                                                                      \
    {                                                                                              \
        NULL, 0, OPT_REAL, 0, 0, 0, 0, 0, 0, NULL, NULL                                            \
    }
#define P_MIN                                                                                       \
    {                                                                                               \
        "min", OFF(min), OPT_REAL, 0, 0, INFINITY, 0, 0, 0, NULL, "floor α_min the cosine ends at" \
    }
#define P_LAMBDA                                                                                    \
    {                                                                                               \
        "lambda", OFF(lambda), OPT_REAL, 1e-3, 0, INFINITY, 0, 0, 0, NULL, "decay rate λ per step" \
    }

const sched_entry sched_table[] = {
    {"const", "α_t = α₀", N_("the run's lr at every step"), {P_END}},
    {"step",
     "α_t = α₀·γ^⌊t/s⌋",
     N_("step decay: multiply by γ every s steps"),
     {{"step", OFF(step), OPT_INT, 100, 1, 1e12, 0, 0, 0, NULL, N_("steps s between decays")},
      {"gamma", OFF(gamma), OPT_REAL, 0.5, 0, 1, 1, 0, 0, NULL, N_("factor γ per decay")},
      P_END}},
    {"exp", "α_t = α₀·e^(−λt)", N_("exponential decay"), {P_LAMBDA, P_END}},
    {"cosine",
     N_("α_t = α_min + ½(α₀ − α_min)(1 + cos(π·t/T)), t held at T"),
     N_("cosine annealing from α₀ down to α_min over T steps, then α_min"),
     {{"T", OFF(T), OPT_INT, 1000, 1, 1e12, 0, 0, 0, NULL, N_("steps T to reach α_min")},
      P_MIN,
      P_END}},
    {"warmup",
     N_("α_t = α₀·t/T for t < T, then the `then` schedule with index t − T"),
     N_("linear warm-up over the first T steps exactly as the course writes it, α_t = (t/T)·α₀ "
        "(so step 0 uses rate 0 and step T reaches α₀), then const, cosine (over `decay` steps "
        "down to `min`) or exp (rate `lambda`), counting its own steps from 0"),
     {{"T", OFF(T), OPT_INT, 100, 1, 1e12, 0, 0, 0, NULL, N_("warm-up steps T")},
      {"then", OFF(then), OPT_CHOICE, THEN_COSINE, 0, 2, 0, 0, 0, w_then,
       N_("what follows the warm-up")},
      {"decay", OFF(decay), OPT_INT, 1000, 1, 1e12, 0, 0, 0, NULL,
       N_("then=cosine: steps of the cosine after the warm-up")},
      P_MIN,
      P_LAMBDA,
      P_END}},
    {"plateau",
     N_("α ← α·factor when the loss has not improved for `patience` steps"),
     N_("reduce on plateau: watches the validation loss on data objectives with a split, else f, "
        "once after every step; the first evaluation, after step 1, sets the best, and an "
        "improvement must beat the best by more than min_delta. The rate is cut after `patience` "
        "evaluations in a row without one: PyTorch's ReduceLROnPlateau with patience = P − 1 "
        "(it cuts after more than `patience` bad epochs), threshold_mode='abs', "
        "threshold=min_delta, eps=0"),
     {{"factor", OFF(factor), OPT_REAL, 0.1, 0, 1, 1, 1, 0, NULL, N_("multiplier on a plateau")},
      {"patience", OFF(patience), OPT_INT, 10, 1, 1e12, 0, 0, 0, NULL,
       N_("evaluations (one per step) without improvement before reducing; PyTorch's patience "
          "is this minus 1")},
      {"min_delta", OFF(min_delta), OPT_REAL, 0, 0, INFINITY, 0, 0, 0, NULL,
       N_("smallest decrease that counts as an improvement")},
      P_END}},
};

const int sched_count = (int)(sizeof sched_table / sizeof sched_table[0]);

const sched_entry *sched_find(const char *name)
{
    for (int i = 0; i < sched_count; i++)
        if (strcmp(sched_table[i].name, name) == 0) return &sched_table[i];
    return NULL;
}

const sched_entry *sched_entry_of(const sched_cfg *c)
{
    int k = (int)c->kind;
    return k >= 0 && k < sched_count ? &sched_table[k] : &sched_table[0];
}

const opt_param *sched_param_find(const sched_entry *e, const char *name)
{
    for (const opt_param *p = e->params; p->name; p++)
        if (strcmp(p->name, name) == 0) return p;
    return NULL;
}

void sched_default(sched_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->kind = SCHED_CONST;
}

ds_status sched_set_kind(sched_cfg *c, const char *name, ds_err *err)
{
    const sched_entry *e = sched_find(name);
    if (!e)
        return vocab_unknown_name(name, sched_name, "no schedule named '%s'; the schedules are %s",
                                  NULL, err);
    sched_default(c);
    c->kind = (double)(e - sched_table);
    for (const opt_param *p = e->params; p->name; p++)
        opt_put(c, p, p->def);
    return DS_OK;
}

void sched_state_init(sched_state *st)
{
    st->scale = 1;
    st->best = NAN; /* none yet: the first evaluation, after the first step, sets it */
    st->wait = 0;
}

static double cosine(double lr0, double lo, double t, double T)
{
    if (t > T) t = T;
    return lo + 0.5 * (lr0 - lo) * (1 + cos(t * PI / T));
}

double sched_lr(const sched_cfg *c, const sched_state *st, double lr0, long t)
{
    double td = (double)t;
    switch ((sched_kind)c->kind) {
    case SCHED_CONST: return lr0;
    case SCHED_STEP: return lr0 * pow(c->gamma, floor(td / c->step));
    case SCHED_EXP: return lr0 * exp(-c->lambda * td);
    case SCHED_COSINE: return cosine(lr0, c->min, td, c->T);
    case SCHED_WARMUP:
        if (td < c->T) return lr0 * td / c->T;
        td -= c->T;
        switch ((int)c->then) {
        case THEN_COSINE: return cosine(lr0, c->min, td, c->decay);
        case THEN_EXP: return lr0 * exp(-c->lambda * td);
        default: return lr0;
        }
    case SCHED_PLATEAU: return lr0 * st->scale;
    }
    return lr0;
}

int sched_observe(const sched_cfg *c, sched_state *st, double loss)
{
    if ((sched_kind)c->kind != SCHED_PLATEAU) return 0;
    if (isnan(st->best) || loss < st->best - c->min_delta) {
        st->best = loss;
        st->wait = 0;
        return 0;
    }
    if (++st->wait < (long)c->patience) return 0;
    st->scale *= c->factor;
    st->wait = 0;
    return 1;
}

/* Parameters that mean something for this configuration (warmup's follow-on ones only
 * for the chosen follow-on). */
static int relevant(const sched_cfg *c, const opt_param *p)
{
    if ((sched_kind)c->kind != SCHED_WARMUP) return 1;
    if (p->offset == OFF(decay) || p->offset == OFF(min)) return (int)c->then == THEN_COSINE;
    if (p->offset == OFF(lambda)) return (int)c->then == THEN_EXP;
    return 1;
}

void sched_text(const sched_cfg *c, sbuf *out, int digits)
{
    const sched_entry *e = sched_entry_of(c);
    sbuf_puts(out, e->name);
    for (const opt_param *p = e->params; p->name; p++) {
        if (!relevant(c, p)) continue;
        sbuf_printf(out, " %s=", p->name);
        opt_value_text(p, opt_get(c, p), out, digits);
    }
}

void sched_list(sbuf *out)
{
    for (int i = 0; i < sched_count; i++) {
        const sched_entry *e = &sched_table[i];
        sbuf_printf(out, "  %-8s %s\n", e->name, _(e->rule));
        text_wrap(out, _(e->help), 11, 88, 0);
        if (e->params[0].name) {
            sbuf_printf(out, "           %s", _("parameters:"));
            for (const opt_param *p = e->params; p->name; p++) {
                sbuf_printf(out, " %s=", p->name);
                opt_value_text(p, p->def, out, 6);
            }
            sbuf_puts(out, "\n");
        }
    }
    sbuf_puts(out, _("t counts the run's optimizer steps from 0 (the first step uses α₀ = lr). "
                     "sched NAME k=v ... sets\nthe selected run's schedule; sched alone shows it "
                     "and its next ten rates.\n"));
}

const char *sched_name(int i)
{
    return i >= 0 && i < sched_count ? sched_table[i].name : NULL;
}

const char *sched_param_name(const char *name, int i)
{
    const sched_entry *e = sched_find(name);
    if (!e || i < 0) return NULL;
    for (int k = 0; e->params[k].name; k++)
        if (k == i) return e->params[k].name;
    return NULL;
}

/* ---- early stopping --------------------------------------------------------------- */

static const char *const w_monitor[] = {"val", "train", "acc", NULL};
static const char *const w_offon[] = {"off", "on", NULL};

#define EOFF(f) offsetof(estop_cfg, f)
const opt_param estop_params[] = {
    {"patience", EOFF(patience), OPT_INT, 10, 1, 1e12, 0, 0, 0, NULL,
     "evaluations (one after each step) without improvement before stopping; the first, "
     "after step 1, sets the best"},
    {"min_delta", EOFF(min_delta), OPT_REAL, 0, 0, INFINITY, 0, 0, 0, NULL,
     "smallest decrease that counts as an improvement"},
    {"monitor", EOFF(monitor), OPT_CHOICE, 0, 0, 2, 0, 0, 0, w_monitor,
     "val: the validation loss (data objectives with a split), train: f, acc: the "
     "validation accuracy (logreg with a split; higher is better)"},
    {"restore", EOFF(restore), OPT_CHOICE, 0, 0, 1, 0, 0, 0, w_offon,
     "on: go back to the best iterate when stopping"},
    P_END,
};

const opt_param *estop_param_find(const char *name)
{
    for (const opt_param *p = estop_params; p->name; p++)
        if (strcmp(p->name, name) == 0) return p;
    return NULL;
}

void estop_default(estop_cfg *c)
{
    memset(c, 0, sizeof *c);
    for (const opt_param *p = estop_params; p->name; p++)
        opt_put(c, p, p->def);
    c->on = 0;
}

void estop_state_init(estop_state *st)
{
    st->best = NAN; /* the course's best_score = None */
    st->best_iter = -1;
    st->wait = 0;
}

estop_verdict estop_observe(const estop_cfg *c, estop_state *st, double loss, long iter)
{
    if (st->best_iter < 0 || loss < st->best - c->min_delta) {
        st->best = loss;
        st->best_iter = iter;
        st->wait = 0;
        return ESTOP_IMPROVED;
    }
    return ++st->wait >= (long)c->patience ? ESTOP_STOP : ESTOP_WAIT;
}

void estop_text(const estop_cfg *c, sbuf *out, int digits)
{
    if (!c->on) {
        sbuf_puts(out, "off");
        return;
    }
    for (const opt_param *p = estop_params; p->name; p++) {
        sbuf_printf(out, "%s%s=", p == estop_params ? "" : " ", p->name);
        opt_value_text(p, opt_get(c, p), out, digits);
    }
}
