/* opt_text.c — the algorithms in words: parameter values parsed and range-checked
 * with messages that name the valid range, printed back as typed, and the text of
 * `list algos` and `help algo NAME`, all from opt.c's table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/opt.h"
#include "descent/text.h"
#include "descent/utf8.h"
#include "descent/vocab.h"

/* ---- parsing and printing parameter values ---------------------------------------- */

static void put_bound(sbuf *out, double v)
{
    int e = v >= 1e6 ? (int)lround(log10(v)) : 0;
    if (e && v == pow(10, e))
        sbuf_printf(out, "1e%d", e); /* 1e12, not 1e+12 */
    else
        sbuf_printf(out, "%g", v);
}

/* The range in words, translated like the help around it (Korean puts the bounds
 * before the words); the choices and the comparisons are notation and stay as typed. */
void opt_range_text(const opt_param *p, sbuf *out)
{
    if (p->type == OPT_CHOICE) {
        for (int i = 0; p->choices[i]; i++)
            sbuf_printf(out, "%s%s", i ? "|" : "", p->choices[i]);
        return;
    }
    sbuf lo, hi;
    sbuf_init(&lo);
    sbuf_init(&hi);
    put_bound(&lo, p->lo);
    if (p->type == OPT_INT) {
        if (isinf(p->hi)) {
            /* TRANSLATORS: a parameter's range, %s its least value */
            sbuf_printf(out, _("a whole number >= %s"), sbuf_str(&lo));
        } else {
            put_bound(&hi, p->hi);
            /* TRANSLATORS: a parameter's range, from %s to %s inclusive */
            sbuf_printf(out, _("a whole number from %s to %s"), sbuf_str(&lo), sbuf_str(&hi));
        }
    } else if (isinf(p->hi)) {
        sbuf_printf(out, "%s%s", p->lo_open ? "> " : ">= ", sbuf_str(&lo));
    } else {
        sbuf_printf(&hi, "%s%s, ", p->lo_open ? "(" : "[", sbuf_str(&lo));
        put_bound(&hi, p->hi);
        sbuf_puts(&hi, p->hi_open ? ")" : "]");
        /* TRANSLATORS: a parameter's range, %s an interval such as [0, 1) */
        sbuf_printf(out, _("in %s"), sbuf_str(&hi));
    }
    sbuf_free(&lo);
    sbuf_free(&hi);
}

ds_status opt_parse_value(const opt_param *p, const char *owner, const char *text, double *v,
                          ds_err *err)
{
    sbuf range;
    sbuf_init(&range);
    opt_range_text(p, &range);
    ds_status st = DS_OK;
    if (p->type == OPT_CHOICE) {
        for (int i = 0; p->choices[i]; i++)
            if (strcmp(text, p->choices[i]) == 0) {
                *v = i;
                goto done;
            }
        st = ds_err_set(err, DS_EARG, "%s for %s must be one of %s, got '%s'", p->name, owner,
                        sbuf_str(&range), text);
        goto done;
    }
    char *end;
    double x = strtod(text, &end);
    if (end == text || *end || !*text) {
        st = ds_err_set(err, DS_EARG, "%s for %s must be a number (%s), got '%s'", p->name, owner,
                        sbuf_str(&range), text);
        goto done;
    }
    int bad = !isfinite(x) || x < p->lo || x > p->hi || (p->lo_open && x == p->lo) ||
              (p->hi_open && x == p->hi) || (p->type == OPT_INT && x != floor(x));
    if (bad) {
        st = ds_err_set(err, DS_ERANGE, "%s for %s must be %s, got %s", p->name, owner,
                        sbuf_str(&range), text);
        goto done;
    }
    *v = x;
done:
    sbuf_free(&range);
    return st;
}

void opt_value_text(const opt_param *p, double v, sbuf *out, int digits)
{
    if (p->type == OPT_CHOICE) {
        int i = (int)v;
        sbuf_puts(out, p->choices[i]);
    } else if (p->type == OPT_INT) {
        sbuf_printf(out, "%.0f", v);
    } else {
        fmt_num(out, v, digits);
    }
}

/* ---- help ------------------------------------------------------------------------ */

void opt_list(sbuf *out)
{
    for (int i = 0; i < opt_algo_count; i++)
        sbuf_printf(out, "  %-10s %s\n", opt_algos[i].name, _(opt_algos[i].rule));
    sbuf_puts(out, _("help algo NAME shows one in words with its parameters. Every first-order "
                     "method takes wd\n(PyTorch weight decay g ← g + wd·θ); all take tol and "
                     "maxiter.\n"));
}

ds_status opt_unknown(const char *name, int suggest, ds_err *err)
{
    return vocab_unknown_name(
        name, opt_algo_name, "no algorithm named '%s'; the algorithms are %s",
        suggest ? N_("no algorithm named '%s' (did you mean '%s'?); the algorithms are %s") : NULL,
        err);
}

const char *opt_algo_name(int i)
{
    return i >= 0 && i < opt_algo_count ? opt_algos[i].name : NULL;
}

const char *opt_param_name(const char *algo, int i)
{
    const opt_algo *a = opt_find(algo);
    const opt_param *p = a ? opt_param_at(a, i) : NULL;
    return p ? p->name : NULL;
}

/* TEXT and blanks up to `width` display columns, then one more blank. */
static void put_padded(sbuf *out, const char *text, int width)
{
    sbuf_puts(out, text);
    for (int w = utf8_width(text, strlen(text)); w <= width; w++)
        sbuf_puts(out, " ");
}

ds_status opt_help(const char *name, sbuf *out, ds_err *err)
{
    const opt_algo *a = opt_find(name);
    if (!a) return opt_unknown(name, 0, err);
    sbuf_printf(out, "%s: %s\n", a->name, _(a->rule));
    text_wrap(out, _(a->help), 2, 88, 0);
    if (a->flags & OPTF_LR)
        sbuf_puts(out, _("  The rate α comes from the run's schedule (sched); t counts steps from "
                         "0.\n"));
    sbuf_puts(out,
              _("parameters (algo NAME KEY=VALUE ..., or set KEY=VALUE for the selected run):\n"));
    const opt_param *p;
    int wide = 5;
    for (int i = 0; (p = opt_param_at(a, i)); i++) {
        sbuf range;
        sbuf_init(&range);
        opt_range_text(p, &range);
        int rw = utf8_width(sbuf_str(&range), range.len);
        if (rw > wide) wide = rw;
        sbuf_free(&range);
    }
    /* Columns padded by display width: the headers and ranges may be translated. */
    sbuf_puts(out, "  ");
    put_padded(out, _("name"), 8);
    put_padded(out, _("default"), 8);
    put_padded(out, _("range"), wide);
    sbuf_printf(out, "%s\n", _("meaning"));
    for (int i = 0; (p = opt_param_at(a, i)); i++) {
        sbuf def, range;
        sbuf_init(&def);
        sbuf_init(&range);
        opt_value_text(p, p->def, &def, 6);
        opt_range_text(p, &range);
        sbuf_printf(out, "  %-8s %-8s ", p->name, sbuf_str(&def));
        put_padded(out, sbuf_str(&range), wide);
        sbuf_printf(out, "%s\n", _(p->help));
        sbuf_free(&def);
        sbuf_free(&range);
    }
    return DS_OK;
}
