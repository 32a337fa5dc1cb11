/* cmd_func.c — choosing what to minimize: `func` (catalog names or formulas) and
 * `data` (generate, load, save, split the regression dataset). Every change is built
 * aside first and swapped in only when it worked, so a failed command changes nothing. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd_table.h"
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

ds_status cmd_func(sess *s, const cmd_args *a, cmd_ctx *c)
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

/* The keys of `data gen`, parsed (and misspellings suggested) like an algorithm's. */
typedef struct {
    double n, noise, seed;
} gen_args;

#define OFF(f) offsetof(gen_args, f)
static const opt_param gen_params[] = {
    /* as opt.c's: name, offset, type, def, lo, hi, ... */
    {"n", OFF(n), OPT_INT, 50, 2, 1000000, 0, 0, 0, NULL, N_("the number of samples")},
    {"noise", OFF(noise), OPT_REAL, 0.3, 0, INFINITY, 0, 0, 0, NULL,
     N_("the noise's standard deviation (default 0.3; logreg 0.5)")},
    {"seed", OFF(seed), OPT_INT, 1, 0, 2147483647, 0, 0, 0, NULL,
     N_("the random generator's seed (the same seed, the same data)")},
    {0},
};
#undef OFF

static const vocab_word dataset_words[] = {
    {"linreg", "y = 2x − 1 + noise, x uniform in [−2, 2]", DATA_LINREG},
    {"logreg", "labels drawn from σ(3x + 0.5 + noise)", DATA_LOGREG},
    {0},
};

ds_status cmd_data_gen(sess *s, const cmd_args *a, cmd_ctx *c)
{
    const vocab_word *w = vocab_find(dataset_words, a->argv[2]);
    if (!w) {
        char mean[96];
        return cmd_usage_error(a, c, "unknown dataset '%s'%s: use linreg or logreg", a->argv[2],
                               vocab_did_you_mean(dataset_words, a->argv[2], mean, sizeof mean));
    }
    data_kind kind = (data_kind)w->value;
    gen_args g = {.n = 50, .noise = kind == DATA_LINREG ? 0.3 : 0.5, .seed = 1};
    kv_spec k = {"data gen", "data gen linreg n=50 noise=0.3 seed=1", cmd_params_find,
                 cmd_params_at, gen_params};
    if (cmd_parse_kvs(a, 3, &k, &g, c->err)) return c->err->code;
    dataset fresh;
    data_init(&fresh);
    if (data_generate(&fresh, kind, (int)g.n, g.noise, (uint64_t)g.seed, c->err))
        return c->err->code;
    return install_data(s, &fresh, c->err);
}

/* data load FILE.csv, data save FILE.csv */
ds_status cmd_data_file(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int save = strcmp(a->argv[1], "save") == 0;
    char path[1024];
    if (cmd_file(c, a->argv[2], save, path, sizeof path)) return c->err->code;
    if (save) return data_save_csv(&s->data, path, c->err);
    dataset fresh;
    data_init(&fresh);
    if (data_load_csv(&fresh, path, c->err)) return c->err->code;
    return install_data(s, &fresh, c->err);
}

static const opt_param split_params[] = {
    {.name = "seed",
     .offset = 0,
     .type = OPT_INT,
     .def = 1,
     .lo = 0,
     .hi = 2147483647,
     .help = "the seed of the shuffle before the split"},
    {0},
};

ds_status cmd_data_split(sess *s, const cmd_args *a, cmd_ctx *c)
{
    double frac, seed = 1;
    if (cmd_number(a->argv[2], "the training fraction", &frac, c->err)) return c->err->code;
    kv_spec k = {"data split", "data split 0.8 seed=1", cmd_params_find, cmd_params_at,
                 split_params};
    if (cmd_parse_kvs(a, 3, &k, &seed, c->err)) return c->err->code;
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
    snprintf(fresh.origin + n, sizeof fresh.origin - n, "; split %.17g seed=%ld", frac, (long)seed);
    return install_data(s, &fresh, c->err);
}

ds_status cmd_data(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        const dataset *d = &s->data;
        sbuf_printf(c->out, "%d samples (%d train, %d validation) from %s\n", d->n, d->ntrain,
                    d->n - d->ntrain, d->origin);
        return DS_OK;
    }
    return cmd_sub_exec(data_subs, s, a, c);
}
