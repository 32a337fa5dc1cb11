/* cmd_dataview.c — `dataview on|off` (the data behind a regression loss, beside the
 * plot) and `cloud K [seed=S] | off` (seeded copies of a stochastic run drawn faintly
 * behind it, with the spread of where they end). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"
#include "descent/cloud.h"
#include "descent/dataview.h"
#include "descent/fmt.h"
#include "descent/i18n.h"

/* ---- dataview ---------------------------------------------------------------------- */

ds_status cmd_dataview(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 2) {
        int on = cmd_onoff(a->argv[1], "dataview", c->err);
        if (on < 0) return c->err->code;
        char why[240];
        if (on && !dv_available(s, why, sizeof why))
            return ds_err_set(c->err, DS_ESTATE, "%s", why);
        s->dataview = on;
        c->flags |= CMDF_REDRAW;
    }
    sbuf_printf(c->out, "dataview = %s", s->dataview ? "on" : "off");
    if (s->dataview) {
        const dataset *d = s->obj.data;
        sbuf_printf(c->out, _(": %d samples (%d train •"), d->n, d->ntrain);
        if (d->n > d->ntrain) sbuf_printf(c->out, _(", %d validation ○"), d->n - d->ntrain);
        sbuf_printf(c->out, _(") and the selected run's %s beside the plot; plot shows it too"),
                    s->obj.kind == OBJ_LOGREG ? _("sigmoid and 0.5 threshold") : _("line"));
    }
    sbuf_puts(c->out, "\n");
    return DS_OK;
}

/* ---- cloud ------------------------------------------------------------------------- */

const vocab_word cloud_words[] = {
    {"off", "remove the copies", 0},
    {"seed=", "the first copy's seed (default: the run's own)", 0},
    {0},
};

/* Where the copies are now: the mean and spread of θ and of f. */
static void print_stats(const sess *s, sbuf *out)
{
    cloud_stats st;
    int src = cloud_info(s, NULL, NULL);
    cloud_stats_of(s->cloud, &st);
    const run *r = runset_get(&s->runs, src);
    sbuf_printf(out, P_("cloud: %d copy of run %d %s (", "cloud: %d copies of run %d %s (", st.k),
                st.k, src + 1, run_algo_name(r));
    run_params_text(r, out, s->digits);
    sbuf_printf(out, _(") with seeds %.0f..%.0f, at iteration %ld\n"), st.seed, st.seed + st.k - 1,
                st.iter);
    if (st.nfinite == 0) {
        sbuf_puts(out, _("  no copy has a finite point: every one diverged\n"));
        return;
    }
    sbuf_puts(out, _("  final θ: mean "));
    fmt_vec2(out, st.mean, s->digits);
    sbuf_puts(out, _("  std "));
    fmt_vec2(out, st.sd, s->digits);
    char mean[40], sd[40], lo[40], hi[40]; /* fmt_num's own buffer size */
    int d = s->digits;
    sbuf_printf(out, _("\n  final f: mean %s  std %s  (min %s, max %s)\n"),
                fmt_num_str(mean, sizeof mean, st.fmean, d), fmt_num_str(sd, sizeof sd, st.fsd, d),
                fmt_num_str(lo, sizeof lo, st.fmin, d), fmt_num_str(hi, sizeof hi, st.fmax, d));
    if (st.ndiverged)
        sbuf_printf(out, _("  %d diverged (their last finite point counts)\n"), st.ndiverged);
    if (st.nfinite < st.k)
        sbuf_printf(out, _("  %d without a finite point, left out\n"), st.k - st.nfinite);
}

ds_status cmd_cloud(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        if (!s->cloud) {
            sbuf_puts(c->out,
                      _("no cloud (cloud K [seed=S] makes K copies of the selected sgd run)\n"));
            return DS_OK;
        }
        cloud_sync(s);
        print_stats(s, c->out);
        return DS_OK;
    }
    if (strcmp(a->argv[1], "off") == 0) {
        if (a->argc > 2) return cmd_usage_error(a, c, "cloud off takes nothing after it");
        cloud_free(s->cloud);
        s->cloud = NULL;
        sbuf_puts(c->out, "cloud off\n");
        c->flags |= CMDF_REDRAW;
        return DS_OK;
    }
    double k;
    if (cmd_number(a->argv[1], "the number of copies K", &k, c->err) || k != floor(k))
        return ds_err_set(c->err, DS_EARG,
                          "cloud takes a whole number of copies K from 1 to %d (or off), got '%s'",
                          CLOUD_MAX, a->argv[1]);
    if (k < 1 || k > CLOUD_MAX)
        return ds_err_set(c->err, DS_ERANGE, "cloud takes from 1 to %d copies, got %s", CLOUD_MAX,
                          a->argv[1]);
    double seed = NAN;
    if (a->argc == 3) {
        char tok[64], *key, *val;
        snprintf(tok, sizeof tok, "%s", a->argv[2]);
        if (!cmd_split_kv(tok, &key, &val) || strcmp(key, "seed") != 0)
            return ds_err_set(c->err, DS_EARG, "cloud K takes seed=S after it, got '%s'",
                              a->argv[2]);
        if (cmd_number(val, "seed", &seed, c->err) || seed != floor(seed) || seed < 0)
            return ds_err_set(c->err, DS_EARG, "seed must be a whole number from 0, got '%s'", val);
    }
    /* A lesson's sandbox caps the steps one command may take; elsewhere a few seconds. */
    long max_steps = c->sandbox ? CMD_SANDBOX_STEPS : 20000000L;
    if (cloud_make(s, (int)k, seed, max_steps, c->err)) return c->err->code;
    print_stats(s, c->out);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}
