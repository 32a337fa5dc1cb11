/* cmd_run_show.c — reading the runs: `runs`, the table of every run's parameters,
 * iteration, losses, rate, evaluations and status, and `trace`, every trail as CSV with
 * exact (%.17g) numbers. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "cmd_table.h"
#include "cmd_run_internal.h"
#include "descent/fileout.h"
#include "descent/fmt.h"
#include "descent/utf8.h"

/* ---- runs: the table ------------------------------------------------------------- */

#define TBL_COLS 11

ds_status cmd_runs(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    if (cmd_need_runs(s, c->err)) return c->err->code;
    int n = runset_count(&s->runs), d = s->digits;
    int data = obj_is_data(&s->obj);
    int split = data && s->obj.data->ntrain < s->obj.data->n;
    /* TRANSLATORS: the runs table's column headers; widths follow the translation. */
    const char *head[TBL_COLS] = {
        "#",           _("algo"), _("params"), _("iter"),           data ? _("train loss") : "f",
        _("val loss"), "‖∇f‖",    "lr",        _("evals f/∇f/∇²f"), _("status")};
    int ncols = 10;
    sbuf cells[RUNSET_MAX + 1][TBL_COLS];
    for (int i = 0; i <= n; i++)
        for (int j = 0; j < ncols; j++)
            sbuf_init(&cells[i][j]);
    for (int j = 0; j < ncols; j++)
        sbuf_puts(&cells[0][j], head[j]);
    for (int i = 0; i < n; i++) {
        const run *r = runset_get(&s->runs, i);
        const run_row *cur = run_current(r);
        const unsigned long *ev = run_evals(r);
        sbuf *row = cells[i + 1];
        sbuf_printf(&row[0], "%s%d", i == s->runs.selected ? "*" : " ", i + 1);
        sbuf_puts(&row[1], run_algo_name(r));
        run_params_text(r, &row[2], d);
        sbuf_printf(&row[3], "%ld", run_iter(r));
        cmd_put_value(&row[4], cur->f, d);
        if (split) cmd_put_value(&row[5], cur->val, d);
        cmd_put_value(&row[6], hypot(cur->gx, cur->gy), d);
        double lr = run_lr_now(r);
        if (isnan(lr))
            sbuf_puts(&row[7], "-");
        else
            fmt_num(&row[7], lr, d);
        sbuf_printf(&row[8], "%lu/%lu/%lu", ev[0], ev[1], ev[2]);
        const char *t = run_status_text(r);
        if (run_get_status(r) == RUN_READY)
            sbuf_printf(&row[9], "%s%s%s", _(run_status_word(r)), *t ? "; " : "", t);
        else
            sbuf_puts(&row[9], t);
    }
    int width[TBL_COLS] = {0};
    for (int i = 0; i <= n; i++)
        for (int j = 0; j < ncols; j++) {
            int w = utf8_width(sbuf_str(&cells[i][j]), cells[i][j].len);
            if (w > width[j]) width[j] = w;
        }
    for (int i = 0; i <= n; i++) {
        sbuf line;
        sbuf_init(&line);
        for (int j = 0; j < ncols; j++) {
            if (j == 5 && !split) continue;
            const char *t = sbuf_str(&cells[i][j]);
            sbuf_puts(&line, t);
            if (j < ncols - 1)
                for (int k = utf8_width(t, strlen(t)); k < width[j] + 2; k++)
                    sbuf_puts(&line, " ");
        }
        while (line.len && line.data[line.len - 1] == ' ')
            line.data[--line.len] = '\0';
        sbuf_printf(c->out, "%s\n", sbuf_str(&line));
        sbuf_free(&line);
    }
    for (int i = 0; i <= n; i++)
        for (int j = 0; j < ncols; j++)
            sbuf_free(&cells[i][j]);
    return DS_OK;
}

/* ---- trace ----------------------------------------------------------------------- */

/* A value that is not a number (an undefined start, lr on iter 0, no validation split)
 * is an empty cell, never "nan" or "inf" posing as data. */
static void put_csv_num(sbuf *b, double v)
{
    sbuf_puts(b, ",");
    if (isfinite(v)) fmt_exact(b, v);
}

/* "2nd", "4th", "256th" */
static const char *ordinal(long n)
{
    if (n % 100 >= 11 && n % 100 <= 13) return "th";
    switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
    }
}

/* The CSV into `b`; with a file, flushed there in pieces so a long trace never sits in
 * memory whole. Returns the rows written, or -1 when writing the file failed. */
static long trace_csv(const sess *s, sbuf *b, FILE *f)
{
    int data = obj_is_data(&s->obj);
    long rows = 0;
    sbuf_printf(b, "run,algo,iter,x,y,f,grad_x,grad_y,lr%s\n", data ? ",train_loss,val_loss" : "");
    for (int i = 0; i < runset_count(&s->runs); i++) {
        const run *r = runset_get(&s->runs, i);
        int nrow;
        const run_row *t = run_trail(r, &nrow);
        long before, stride = run_trail_stride(r, &before);
        if (stride > 1)
            sbuf_printf(b, "# run %d trail thinned: every %ld%s row before iter %ld\n", i + 1,
                        stride, ordinal(stride), before);
        for (int k = 0; k < nrow; k++) {
            sbuf_printf(b, "%d,%s,%ld", i + 1, run_algo_name(r), t[k].iter);
            put_csv_num(b, t[k].x);
            put_csv_num(b, t[k].y);
            put_csv_num(b, t[k].f);
            put_csv_num(b, t[k].gx);
            put_csv_num(b, t[k].gy);
            put_csv_num(b, t[k].iter == 0 ? NAN : t[k].lr);
            if (data) {
                put_csv_num(b, t[k].train);
                put_csv_num(b, t[k].val);
            }
            sbuf_puts(b, "\n");
            if (f && b->len >= 1 << 16) {
                if (fwrite(sbuf_str(b), 1, b->len, f) != b->len) return -1;
                sbuf_reset(b);
            }
        }
        rows += nrow;
    }
    if (f && b->len && fwrite(sbuf_str(b), 1, b->len, f) != b->len) return -1;
    return rows;
}

ds_status cmd_trace(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_need_runs(s, c->err)) return c->err->code;
    if (a->argc == 1) {
        trace_csv(s, c->out, NULL);
        return DS_OK;
    }
    char path[1024];
    if (cmd_file(c, a->argv[1], 1, path, sizeof path)) return c->err->code;
    fileout w;
    if (fileout_open(&w, path, c->err) != DS_OK) return c->err->code;
    sbuf b;
    sbuf_init(&b);
    long rows = trace_csv(s, &b, w.f);
    sbuf_free(&b);
    if (rows < 0) {
        fileout_abort(&w);
        return ds_err_set(c->err, DS_EIO, "cannot write '%s': %s", path, strerror(errno));
    }
    if (fileout_commit(&w, c->err) != DS_OK) return c->err->code;
    int n = runset_count(&s->runs);
    sbuf_printf(c->out, _("wrote %ld rows of %d run%s to %s\n"), rows, n, n == 1 ? "" : "s", path);
    return DS_OK;
}
