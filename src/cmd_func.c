/* cmd_func.c — choosing what to minimize: `func` (catalog names or formulas) and
 * `data` (generate, load, save, split the regression dataset). Every change is built
 * aside first and swapped in only when it worked, so a failed command changes nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd_internal.h"
#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/text.h"

static void describe_points(sbuf *o, const char *what, const double (*pts)[2], int n, int d)
{
    if (!n) return;
    sbuf_printf(o, "%s:", what);
    for (int i = 0; i < n; i++) {
        sbuf_puts(o, i ? ", " : " ");
        sbuf_puts(o, "(");
        fmt_num(o, pts[i][0], d);
        sbuf_puts(o, ", ");
        fmt_num(o, pts[i][1], d);
        sbuf_puts(o, ")");
    }
    sbuf_puts(o, "\n");
}

static void describe_objective(const sess *s, sbuf *o)
{
    const objective *ob = &s->obj;
    sbuf_printf(o, "%s: f(x, y) = %s\n", ob->name, ob->formula);
    if (ob->note) sbuf_printf(o, "%s\n", _(ob->note));
    if (obj_is_data(ob))
        sbuf_printf(o, "over %d training samples (%s); x is w, y is b\n", ob->data->ntrain,
                    ob->data->origin);
    describe_points(o, "minima", ob->minima, ob->nmin, s->digits);
    describe_points(o, "saddles", ob->saddles, ob->nsaddle, s->digits);
}

static ds_status cmd_func(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        describe_objective(s, c->out);
        return DS_OK;
    }
    objective o;
    obj_init(&o);
    const obj_entry *e = obj_find(a->argv[1]);
    if (e) {
        double args[5];
        int n = a->argc - 2;
        if (n > 5)
            return ds_err_set(c->err, DS_EARG, "too many arguments for %s (usage: func %s %s)",
                              e->name, e->name, e->args);
        for (int i = 0; i < n; i++)
            if (cmd_number(a->argv[i + 2], "an argument", &args[i], c->err)) return c->err->code;
        if (obj_make_catalog(&o, e->name, args, n, &s->data, c->err)) return c->err->code;
    } else if (obj_make_formula(&o, a->rest, c->err)) {
        /* A single bare word is more likely a misspelt catalog name than a formula. */
        if (c->err->code == DS_EUNKNOWN && a->argc == 2 && c->err->column == 1) {
            const char *names[64];
            int n = 0;
            for (int i = 0; i < obj_catalog_count && n < 64; i++)
                names[n++] = obj_catalog[i].name;
            const char *near = text_nearest(a->argv[1], names, n, 3);
            ds_err_set(c->err, DS_EUNKNOWN,
                       "'%s' is neither an objective nor a formula%s%s%s (list funcs shows the "
                       "catalog; formulas use x and y)",
                       a->argv[1], near ? _(" — did you mean '") : "", near ? near : "",
                       near ? _("'?") : "");
        }
        return c->err->code;
    }
    sess_set_objective(s, &o);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

/* ---- data ------------------------------------------------------------------------- */

/* After the data changed, rebuild a data objective over it (its minimum moved). */
static ds_status rebuild_data_objective(sess *s, ds_err *err)
{
    if (!obj_is_data(&s->obj)) return DS_OK;
    objective o;
    obj_init(&o);
    if (obj_make_catalog(&o, s->obj.name, NULL, 0, &s->data, err)) return err->code;
    sess_set_objective(s, &o);
    return DS_OK;
}

/* Swap a new dataset in, keeping the old one when the objective can't use it. */
static ds_status install_data(sess *s, dataset *fresh, ds_err *err)
{
    if (obj_is_data(&s->obj)) {
        objective probe;
        obj_init(&probe);
        ds_status st = obj_make_catalog(&probe, s->obj.name, NULL, 0, fresh, err);
        obj_free(&probe);
        if (st) {
            data_free(fresh);
            return st;
        }
    }
    data_free(&s->data);
    s->data = *fresh;
    data_init(fresh);
    return rebuild_data_objective(s, err);
}

static ds_status data_gen(sess *s, const cmd_args *a, cmd_ctx *c)
{
    static const char usage[] = "data gen linreg|logreg [n=50] [noise=0.3] [seed=1]";
    if (a->argc < 3) return cmd_usage_error(a, c, "data gen needs a dataset: %s", usage);
    data_kind kind;
    if (strcmp(a->argv[2], "linreg") == 0)
        kind = DATA_LINREG;
    else if (strcmp(a->argv[2], "logreg") == 0)
        kind = DATA_LOGREG;
    else
        return ds_err_set(c->err, DS_EARG, "unknown dataset '%s': use linreg or logreg (%s)",
                          a->argv[2], usage);
    long n = 50, seed = 1;
    double noise = kind == DATA_LINREG ? 0.3 : 0.5;
    for (int i = 3; i < a->argc; i++) {
        char tok[256], *key, *value;
        snprintf(tok, sizeof tok, "%s", a->argv[i]);
        if (!cmd_split_kv(tok, &key, &value))
            return ds_err_set(c->err, DS_EARG, "expected key=value, got '%s' (%s)", a->argv[i],
                              usage);
        if (strcmp(key, "n") == 0) {
            if (cmd_integer(value, "n", 2, 1000000, &n, c->err)) return c->err->code;
        } else if (strcmp(key, "seed") == 0) {
            if (cmd_integer(value, "seed", 0, 2147483647L, &seed, c->err)) return c->err->code;
        } else if (strcmp(key, "noise") == 0) {
            if (cmd_number(value, "noise", &noise, c->err)) return c->err->code;
        } else {
            return ds_err_set(c->err, DS_EARG, "unknown key '%s': data gen takes n, noise, seed",
                              key);
        }
    }
    dataset fresh;
    data_init(&fresh);
    if (data_generate(&fresh, kind, (int)n, noise, (uint64_t)seed, c->err)) return c->err->code;
    return install_data(s, &fresh, c->err);
}

static ds_status cmd_data(sess *s, const cmd_args *a, cmd_ctx *c)
{
    const char *sub = a->argc > 1 ? a->argv[1] : "";
    if (a->argc == 1) {
        const dataset *d = &s->data;
        sbuf_printf(c->out, "%d samples (%d train, %d validation) from %s\n", d->n, d->ntrain,
                    d->n - d->ntrain, d->origin);
        return DS_OK;
    }
    if (strcmp(sub, "gen") == 0) return data_gen(s, a, c);
    if (strcmp(sub, "load") == 0 || strcmp(sub, "save") == 0) {
        if (a->argc != 3) return cmd_usage_error(a, c, "data %s takes one FILE.csv", sub);
        char path[1024];
        if (cmd_file(c, a->argv[2], sub[0] == 's', path, sizeof path)) return c->err->code;
        if (sub[0] == 's') return data_save_csv(&s->data, path, c->err);
        dataset fresh;
        data_init(&fresh);
        if (data_load_csv(&fresh, path, c->err)) return c->err->code;
        return install_data(s, &fresh, c->err);
    }
    if (strcmp(sub, "split") == 0) {
        double frac;
        long seed = 1;
        if (a->argc < 3 || a->argc > 4)
            return cmd_usage_error(a, c, "data split takes FRACTION [seed=S], e.g. data split 0.8");
        if (cmd_number(a->argv[2], "the training fraction", &frac, c->err)) return c->err->code;
        if (a->argc == 4) {
            char tok[256], *key, *value;
            snprintf(tok, sizeof tok, "%s", a->argv[3]);
            if (!cmd_split_kv(tok, &key, &value) || strcmp(key, "seed") != 0)
                return ds_err_set(c->err, DS_EARG, "expected seed=S, got '%s'", a->argv[3]);
            if (cmd_integer(value, "seed", 0, 2147483647L, &seed, c->err)) return c->err->code;
        }
        dataset fresh;
        data_init(&fresh);
        if (data_copy(&fresh, &s->data, c->err)) return c->err->code;
        fresh.ntrain = fresh.n;
        if (data_split(&fresh, frac, (uint64_t)seed, c->err)) {
            data_free(&fresh);
            return c->err->code;
        }
        /* The origin keeps the whole recipe (save replays it): a split reorders the
         * samples, so every split so far matters. */
        size_t n = strlen(fresh.origin);
        snprintf(fresh.origin + n, sizeof fresh.origin - n, "; split %.17g seed=%ld", frac, seed);
        return install_data(s, &fresh, c->err);
    }
    return ds_err_set(c->err, DS_EARG,
                      "unknown 'data %s': use data, data gen, data load, data save or data split",
                      sub);
}

static const char *const data_words[] = {"gen", "load", "save", "split", NULL};

const cmd_spec cmd_func_group[] = {
    {.name = "func",
     .synopsis = "[NAME [ARGS] | EXPR]",
     .help = N_("set the objective: a catalog name or a formula in x, y"),
     .details = N_("  func rosenbrock, func quad 1 0 10 (A11 A12 A22 [b1 b2]), func x^2 + 3*y^2.\n"
                   "  Alone, shows the current objective. list funcs shows the catalog."),
     .fn = cmd_func,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_FUNC},
    {.name = "data",
     .synopsis = "[gen|load|save|split ...]",
     .help = N_("the regression dataset for linreg and logreg"),
     .details = N_("  data gen linreg|logreg [n=50] [noise=0.3] [seed=1], data load FILE.csv,\n"
                   "  data save FILE.csv, data split 0.8 [seed=1] (train/validation)."),
     .fn = cmd_data,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_WORDS,
     .words = data_words},
    {0},
};
