/* cmd_explain.c — looking at why a run moved and going back over it: `explain` writes
 * a step out with its numbers plugged in, `rewind` and `goto` move every run back (or
 * to an iteration) so the same steps can be taken again, bit for bit. */
#include <stdio.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_run_internal.h"
#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/overlay.h"
#include "descent/text.h"

ds_status cmd_explain(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_need_runs(s, c->err)) return c->err->code;
    int sel = s->runs.selected;
    const run *r = runset_get(&s->runs, sel);
    long iter = run_iter(r), n = iter;
    if (iter == 0)
        return ds_err_set(c->err, DS_ESTATE,
                          "run %d has taken no step yet: step (or run) first, then explain",
                          sel + 1);
    if (a->argc == 2) {
        char what[64];
        snprintf(what, sizeof what, _("the step N (run %d has taken %ld)"), sel + 1, iter);
        if (cmd_integer(a->argv[1], what, 1, iter, &n, c->err)) return c->err->code;
    }
    opt_explain e;
    unsigned long ev[3];
    if (run_explain_step(r, &s->obj, n, &e, ev, c->err)) return c->err->code;
    sbuf_printf(c->out, _("run %d %s, "), sel + 1, run_algo_name(r));
    expl_write(&e, run_algo(r), run_hyper(r), s->digits, c->out);
    if (ev[0] + ev[1] + ev[2])
        sbuf_printf(
            c->out,
            _("(re-evaluated: step %ld was recomputed from a snapshot, %lu f / %lu ∇f / %lu "
              "∇²f evaluations)\n"),
            n, ev[0], ev[1], ev[2]);
    return DS_OK;
}

/* Where every run is now; the picture changed and an animation stops. */
static ds_status report_positions(sess *s, cmd_ctx *c)
{
    for (int i = 0; i < runset_count(&s->runs); i++) {
        const run *r = runset_get(&s->runs, i);
        sbuf_printf(c->out, _("run %d %s at iteration %ld"), i + 1, run_algo_name(r), run_iter(r));
        const run_row *cur = run_current(r);
        sbuf_puts(c->out, ": θ = ");
        double x[2] = {cur->x, cur->y};
        fmt_vec2(c->out, x, s->digits);
        sbuf_puts(c->out, ", f = ");
        cmd_put_value(c->out, cur->f, s->digits);
        sbuf_puts(c->out, "\n");
    }
    c->flags |= CMDF_REDRAW | CMDF_PAUSE;
    return DS_OK;
}

/* The newest iteration among the runs: rewind counts back from it, so runs that stopped
 * earlier wait where they stopped until the others come back to them. */
static long newest_iter(const sess *s)
{
    long most = 0;
    for (int i = 0; i < runset_count(&s->runs); i++)
        if (run_iter(runset_get(&s->runs, i)) > most) most = run_iter(runset_get(&s->runs, i));
    return most;
}

ds_status cmd_rewind(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_need_runs(s, c->err)) return c->err->code;
    long most = newest_iter(s), n = 1;
    if (a->argc == 2 &&
        cmd_integer(a->argv[1], _("the number of steps N"), 1, 1000000000L, &n, c->err))
        return c->err->code;
    if (most == 0)
        return ds_err_set(c->err, DS_ERANGE,
                          "every run is at its start (iteration 0): step first, then rewind");
    if (n > most)
        return ds_err_set(c->err, DS_ERANGE,
                          "rewind %ld goes past the start: the runs are at most at iteration %ld; "
                          "rewind 1 to %ld, or goto 0",
                          n, most, most);
    for (int i = 0; i < runset_count(&s->runs); i++) {
        run *r = runset_at(&s->runs, i);
        if (run_iter(r) > most - n && run_rewind_to(r, &s->obj, most - n, c->err))
            return c->err->code;
    }
    return report_positions(s, c);
}

ds_status cmd_goto(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_need_runs(s, c->err)) return c->err->code;
    long k;
    if (cmd_integer(a->argv[1], _("the iteration K"), 0, 1000000000L, &k, c->err))
        return c->err->code;
    int only = -1;
    if (a->argc == 3 && cmd_run_number(s, a->argv[2], &only, c->err)) return c->err->code;
    for (int i = 0; i < runset_count(&s->runs); i++) {
        if (only >= 0 && i != only) continue;
        run *r = runset_at(&s->runs, i);
        long it = run_iter(r);
        if (k < it) {
            if (run_rewind_to(r, &s->obj, k, c->err)) return c->err->code;
        } else if (k > it) {
            run_step(r, &s->obj, k - it);
        }
    }
    return report_positions(s, c);
}

ds_status cmd_overlay(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        for (int i = 0; i < overlay_count; i++)
            sbuf_printf(c->out, "%-8s %-3s  %s\n", overlay_table[i].name,
                        s->overlays & (1u << i) ? "on" : "off", _(overlay_table[i].help));
        return DS_OK;
    }
    int k = overlay_find(a->argv[1]);
    if (k < 0) {
        const char *names[32];
        for (int i = 0; i < overlay_count && i < 32; i++)
            names[i] = overlay_table[i].name;
        const char *near = text_nearest(a->argv[1], names, overlay_count, 3);
        sbuf list;
        sbuf_init(&list);
        for (int i = 0; i < overlay_count; i++)
            sbuf_printf(&list, "%s%s", i ? ", " : "", names[i]);
        ds_err_set(c->err, DS_EUNKNOWN, "no overlay named '%s'%s%s%s (the overlays are %s)",
                   a->argv[1], near ? _(" — did you mean '") : "", near ? near : "",
                   near ? _("'?") : "", sbuf_str(&list));
        sbuf_free(&list);
        return DS_EUNKNOWN;
    }
    int on = 1;
    if (a->argc == 3) {
        char what[64];
        snprintf(what, sizeof what, "overlay %s", a->argv[1]);
        on = cmd_onoff(a->argv[2], what, c->err);
        if (on < 0) return c->err->code;
    }
    if (on && overlay_table[k].ready && overlay_table[k].ready(s, c->err)) return c->err->code;
    if (on)
        s->overlays |= 1u << k;
    else
        s->overlays &= ~(1u << k);
    sbuf_printf(c->out, "overlay %s %s\n", overlay_table[k].name, on ? "on" : "off");
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}
