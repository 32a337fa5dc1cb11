/* cmd_save.c — `save FILE`: the session as a command script that rebuilds it exactly
 * (numbers in %.17g): the data's recipe, the objective, every run with its parameters,
 * schedule, early stopping and start, the changes made mid-run at the iterations they
 * were made, each run's step count, then the selection, cursor, view and settings.
 * Replaying it (descent --batch FILE) gives the same trails bit for bit. */
#include <math.h>
#include <string.h>

#include "descent/i18n.h"
#include "cmd_table.h"
#include "cmd_run_internal.h"
#include "descent/cloud.h"
#include "descent/fileout.h"
#include "descent/fmt.h"
#include "descent/overlay.h"

/* "lr=0.01 beta1=0.9 ..." — every parameter, exactly; with `prev`, only those that differ. */
static void params_line(sbuf *b, const opt_algo *a, const opt_hyper *h, const opt_hyper *prev)
{
    const opt_param *p;
    for (int i = 0; (p = opt_param_at(a, i)); i++) {
        double v = opt_get(h, p);
        if (prev && opt_get(prev, p) == v) continue;
        sbuf_printf(b, " %s=", p->name);
        opt_value_text(p, v, b, 17);
    }
}

static void sched_line(sbuf *b, const sched_cfg *sc)
{
    sbuf_puts(b, "sched ");
    sched_text(sc, b, 17);
    sbuf_puts(b, "\n");
}

static void estop_line(sbuf *b, const estop_cfg *es)
{
    sbuf_puts(b, "earlystop ");
    estop_text(es, b, 17);
    sbuf_puts(b, "\n");
}

static void write_objective(const sess *s, sbuf *b)
{
    const objective *o = &s->obj;
    if (obj_is_data(o)) {
        /* The data's recipe: "gen ...; split ..." or "load PATH". */
        char recipe[sizeof s->data.origin];
        snprintf(recipe, sizeof recipe, "%s", s->data.origin);
        for (char *part = strtok(recipe, ";"); part; part = strtok(NULL, ";")) {
            while (*part == ' ')
                part++;
            if (strncmp(part, "load ", 5) == 0)
                sbuf_printf(b, "data load \"%s\"\n", part + 5);
            else
                sbuf_printf(b, "data %s\n", part);
        }
        sbuf_printf(b, "func %s\n", o->name);
    } else if (o->kind == OBJ_QUAD) {
        sbuf_printf(b, "func quad %.17g %.17g %.17g %.17g %.17g\n", o->A[0], o->A[1], o->A[2],
                    o->b[0], o->b[1]);
    } else if (strcmp(o->name, "formula") == 0) {
        sbuf_printf(b, "func %s\n", o->formula);
    } else {
        sbuf_printf(b, "func %s\n", o->name);
    }
}

/* Run i: created with its first configuration, then each later change at its iteration. */
static void write_run(const sess *s, int i, sbuf *b)
{
    const run *r = runset_get(&s->runs, i);
    const opt_algo *a = run_algo(r);
    long t;
    opt_hyper h, ph;
    sched_cfg sc, psc;
    estop_cfg es, pes;
    if (!run_config_at(r, 0, &t, &h, &sc, &es)) { /* no history kept: the present */
        h = *run_hyper(r);
        sc = *run_sched(r);
        es = *run_estop(r);
    }
    sbuf_printf(b, "%s %s", i == 0 ? "algo" : "add", a->name);
    params_line(b, a, &h, NULL);
    sbuf_printf(b, "\nstart %d %.17g %.17g\n", i + 1, run_start(r)[0], run_start(r)[1]);
    if ((sched_kind)sc.kind != SCHED_CONST) sched_line(b, &sc);
    if (es.on) estop_line(b, &es);
    for (int k = 1; (ph = h, psc = sc, pes = es, run_config_at(r, k, &t, &h, &sc, &es)); k++) {
        sbuf_printf(b, "goto %ld %d\nselect %d\n", t, i + 1, i + 1);
        if (memcmp(&h, &ph, sizeof h) != 0) {
            sbuf_puts(b, "set");
            params_line(b, a, &h, &ph);
            sbuf_puts(b, "\n");
        }
        if (memcmp(&sc, &psc, sizeof sc) != 0) sched_line(b, &sc);
        if (memcmp(&es, &pes, sizeof es) != 0) estop_line(b, &es);
    }
}

ds_status cmd_save(sess *s, const cmd_args *a, cmd_ctx *c)
{
    sbuf b;
    sbuf_init(&b);
    sbuf_puts(
        &b, "# descent session written by save; replay: descent --batch FILE (or descent FILE)\n");
    write_objective(s, &b);
    int n = runset_count(&s->runs);
    for (int i = 0; i < n; i++)
        write_run(s, i, &b);
    for (int i = 0; i < n; i++)
        sbuf_printf(&b, "goto %ld %d\n", run_iter(runset_get(&s->runs, i)), i + 1);
    if (n) sbuf_printf(&b, "select %d\n", s->runs.selected + 1);
    sbuf_printf(&b, "view %.17g %.17g %.17g %.17g\n", s->view[0], s->view[1], s->view[2],
                s->view[3]);
    sbuf_printf(&b, "cursor %.17g %.17g\n", s->cursor[0], s->cursor[1]);
    static const char *const spacing[] = {"auto", "lin", "log"};
    sbuf_printf(&b, "levels %d %s\n", s->nlevels, spacing[s->levels]);
    sbuf_printf(&b, "arrow %s\n", s->arrow ? "on" : "off");
    if (s->map[0]) /* before the overlays: grid needs it */
        sbuf_printf(&b, "map %s, %s\n", expr_source(s->map[0]), expr_source(s->map[1]));
    sbuf_printf(&b, "set direction %.17g %.17g\n", s->direction[0], s->direction[1]);
    for (int i = 0; i < overlay_count; i++)
        if (s->overlays & (1u << i)) sbuf_printf(&b, "overlay %s on\n", overlay_table[i].name);
    if (s->dataview) sbuf_puts(&b, "dataview on\n");
    int cloud_k;
    double cloud_seed;
    int cloud_run = cloud_info(s, &cloud_k, &cloud_seed);
    if (cloud_run >= 0) /* the copies replay their run's recipe: only K and the seed */
        sbuf_printf(&b, "select %d\ncloud %d seed=%.17g\nselect %d\n", cloud_run + 1, cloud_k,
                    cloud_seed, s->runs.selected + 1);
    sbuf_printf(&b, "set speed %.17g\nset digits %d\n", s->speed, s->digits);
    ds_status st = fileout_write(a->argv[1], sbuf_str(&b), b.len, c->err);
    if (st == DS_OK)
        sbuf_printf(c->out, "saved the session to %s (%d run%s); replay with descent --batch %s\n",
                    a->argv[1], n, n == 1 ? "" : "s", a->argv[1]);
    sbuf_free(&b);
    return st;
}
