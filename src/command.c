/* command.c — the command language's spine: finding commands in the table (cmd_table.c),
 * line splitting and dispatch, and the commands about commands (help, list,
 * show, echo, quit) plus session settings. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"
#include "descent/cloud.h"
#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/opt.h"
#include "descent/schedule.h"
#include "descent/text.h"
#include "descent/vocab.h"

int cmd_count(void)
{
    int n = 0;
    for (const cmd_spec *c = cmd_table; c->name; c++)
        n++;
    return n;
}

const cmd_spec *cmd_at(int i)
{
    for (const cmd_spec *c = cmd_table; c->name; c++)
        if (i-- == 0) return c;
    return NULL;
}

const cmd_spec *cmd_find(const char *name)
{
    for (const cmd_spec *c = cmd_table; c->name; c++)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

/* ---- dispatch --------------------------------------------------------------------- */

/* Split `buf` in place on blanks; "double quotes" group words with spaces (file names). */
static ds_status tokenize(char *buf, cmd_args *a, ds_err *err)
{
    a->argc = 0;
    char *p = buf;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p) break;
        if (a->argc == CMD_MAXARGS)
            return ds_err_set(err, DS_EARG, "too many words on one line (at most %d)", CMD_MAXARGS);
        if (*p == '"') {
            char *end = strchr(p + 1, '"');
            if (!end) return ds_err_set(err, DS_ESYNTAX, "missing closing '\"'");
            *end = '\0';
            a->argv[a->argc++] = p + 1;
            p = end + 1;
            continue;
        }
        a->argv[a->argc++] = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (*p) *p++ = '\0';
    }
    return DS_OK;
}

/* Every command name, for "did you mean". */
static const char *nearest_command(const char *word)
{
    const char *names[256];
    int n = 0;
    for (int i = 0; i < cmd_count() && n < 256; i++)
        names[n++] = cmd_at(i)->name;
    return text_nearest(word, names, n, 2);
}

/* ---- argument counts and usage, from the row ------------------------------------- */

void cmd_usage_text(const cmd_spec *spec, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s%s", spec->name, spec->synopsis[0] ? " " : "", spec->synopsis);
}

ds_status cmd_usage_error(const cmd_args *a, cmd_ctx *c, const char *why, ...)
{
    char reason[512], usage[256];
    va_list ap;
    va_start(ap, why);
    vsnprintf(reason, sizeof reason, _(why), ap); /* marked for `make pot` */
    va_end(ap);
    const cmd_spec *spec = cmd_find(a->argv[0]);
    const cmd_sub *sub =
        spec && spec->subs && a->argc > 1 ? cmd_sub_find(spec->subs, a->argv[1]) : NULL;
    if (sub) /* a subcommand's own usage: "data load FILE.csv" */
        snprintf(usage, sizeof usage, "%s %s%s%s", spec->name, sub->name,
                 sub->synopsis[0] ? " " : "", sub->synopsis);
    else if (spec)
        cmd_usage_text(spec, usage, sizeof usage);
    else
        snprintf(usage, sizeof usage, "%s", a->argv[0]);
    return ds_err_set(c->err, DS_EARG, "%s — usage: %s", reason, usage); /* translated there */
}

/* "1 argument", "2 arguments". */
static const char *arguments(int n)
{
    return n == 1 ? _("argument") : _("arguments");
}

/* The synopsis's first `lo` words (the required ones, before any '['), space-separated:
 * what a too-short line lacks. Empty when the synopsis does not start with them. */
static void required_words(const char *synopsis, int lo, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    const char *p = synopsis;
    for (int k = 0; k < lo; k++) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w || *p == '[' || n + w + 2 > cap) {
            buf[0] = '\0';
            return;
        }
        n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", n ? " " : "", (int)w, p);
        p += w;
    }
}

/* ---- subcommands ------------------------------------------------------------------ */

const cmd_sub *cmd_sub_find(const cmd_sub *subs, const char *word)
{
    for (; subs->name; subs++)
        if (strcmp(subs->name, word) == 0) return subs;
    return NULL;
}

/* "did you mean" over the subcommands' names, and all of them for the message. */
static ds_status unknown_sub(const cmd_sub *subs, const cmd_args *a, cmd_ctx *c)
{
    const char *names[32];
    sbuf all;
    sbuf_init(&all);
    int n = vocab_row_names(subs, sizeof *subs, a->argv[0], names, 32, &all);
    const char *near = text_nearest_word(a->argv[1], names, n);
    char mean[96] = "";
    if (near) snprintf(mean, sizeof mean, _(" (did you mean '%s %s'?)"), a->argv[0], near);
    ds_err_set(c->err, DS_EUNKNOWN, "unknown '%s %s'%s; use %s", a->argv[0], a->argv[1], mean,
               sbuf_str(&all));
    sbuf_free(&all);
    return DS_EUNKNOWN;
}

ds_status cmd_sub_exec(const cmd_sub *subs, sess *s, const cmd_args *a, cmd_ctx *c)
{
    const cmd_sub *sub = cmd_sub_find(subs, a->argv[1]);
    if (!sub) return unknown_sub(subs, a, c);
    int n = a->argc - 2;
    if (n < sub->min_args) {
        char need[160];
        required_words(sub->synopsis, sub->min_args, need, sizeof need);
        return cmd_usage_error(a, c, "%s %s needs %s", a->argv[0], sub->name,
                               need[0] ? need : _("more words"));
    }
    if (n > sub->max_args)
        return cmd_usage_error(a, c, "%s %s takes %s ('%s' is too many)", a->argv[0], sub->name,
                               sub->max_args == 0 ? _("nothing after it") : _("fewer words"),
                               a->argv[2 + sub->max_args]);
    return sub->fn(s, a, c);
}

void cmd_details_text(const cmd_spec *spec, int translate, sbuf *out)
{
    size_t start = out->len;
    if (spec->details) sbuf_puts(out, translate ? _(spec->details) : spec->details);
    for (const cmd_sub *u = spec->subs; u && u->name; u++) {
        char usage[160];
        snprintf(usage, sizeof usage, "%s %s%s%s", spec->name, u->name, u->synopsis[0] ? " " : "",
                 u->synopsis);
        sbuf_printf(out, "%s  `%s`: %s.", out->len > start ? "\n" : "", usage,
                    translate ? _(u->help) : u->help);
    }
}

ds_status cmd_check_args(const cmd_spec *spec, const cmd_args *a, cmd_ctx *c)
{
    int n = a->argc - 1, lo = spec->min_args, hi = spec->max_args;
    if (n >= lo && n <= hi) return DS_OK;
    if (n < lo) {
        char need[160];
        required_words(spec->synopsis, lo, need, sizeof need);
        if (!need[0])
            snprintf(need, sizeof need, "%s%d %s", lo == hi ? "" : _("at least "), lo,
                     arguments(lo));
        if (n == 0) return cmd_usage_error(a, c, "%s needs %s", spec->name, need);
        return cmd_usage_error(a, c, "%s needs %s, got only '%s'", spec->name, need, a->rest);
    }
    const char *extra = a->argv[hi + 1];
    const char *which = n - hi == 1 ? _("is one too many") : _("and what follows are too many");
    if (hi == 0)
        return cmd_usage_error(a, c, "%s takes no arguments ('%s' %s)", spec->name, extra, which);
    return cmd_usage_error(a, c, "%s takes %s%d %s, got %d ('%s' %s)", spec->name,
                           lo == hi ? "" : _("at most "), hi, arguments(hi), n, extra, which);
}

ds_status cmd_exec(sess *s, const char *line, cmd_ctx *c)
{
    ds_err_clear(c->err);
    while (isspace((unsigned char)*line))
        line++;
    if (!*line || *line == '#') return DS_OK;
    size_t len = strlen(line);
    if (len >= CMD_MAXLINE)
        return ds_err_set(c->err, DS_EARG, "line too long (%zu bytes; at most %d)", len,
                          CMD_MAXLINE - 1);
    char buf[CMD_MAXLINE];
    memcpy(buf, line, len + 1);
    /* Trailing blanks (and a CR from a DOS file) are not part of anything. */
    while (len && isspace((unsigned char)buf[len - 1]))
        buf[--len] = '\0';
    cmd_args a;
    size_t name_len = strcspn(line, " \t\r\n");
    a.rest = line + name_len;
    while (isspace((unsigned char)*a.rest))
        a.rest++;
    char rest[CMD_MAXLINE];
    memcpy(rest, a.rest, strlen(a.rest) + 1);
    for (size_t n = strlen(rest); n && isspace((unsigned char)rest[n - 1]);)
        rest[--n] = '\0';
    a.rest = rest;
    if (tokenize(buf, &a, c->err)) return c->err->code;
    const cmd_spec *spec = cmd_find(a.argv[0]);
    if (!spec) {
        const char *near = nearest_command(a.argv[0]);
        if (near)
            return ds_err_set(c->err, DS_EUNKNOWN,
                              "unknown command '%s' — did you mean '%s'? (help lists commands)",
                              a.argv[0], near);
        return ds_err_set(c->err, DS_EUNKNOWN, "unknown command '%s' (help lists commands)",
                          a.argv[0]);
    }
    if (cmd_check_args(spec, &a, c)) return c->err->code;
    ds_status st = spec->fn(s, &a, c);
    cloud_sync(s); /* a cloud follows its run through steps, rewinds and changes */
    if (st != DS_OK && c->err->code == DS_OK)
        ds_err_set(c->err, st, "%s failed", spec->name); /* handlers always say why; belt */
    return st;
}

int cmd_next_piece(const char **p, char *piece, size_t cap)
{
    const char *q = *p;
    if (!q) return 0;
    while (isspace((unsigned char)*q))
        q++;
    /* A comment is one piece whatever it holds, ';' included. */
    size_t n = *q == '#' ? strlen(q) : strcspn(q, ";");
    size_t keep = n < cap ? n : cap - 1;
    memcpy(piece, q, keep);
    piece[keep] = '\0';
    *p = q[n] == ';' ? q + n + 1 : NULL;
    return 1;
}

ds_status cmd_exec_line(sess *s, const char *line, cmd_ctx *c, int keep_going)
{
    ds_status first = DS_OK;
    char piece[CMD_MAXLINE];
    for (const char *p = line; cmd_next_piece(&p, piece, sizeof piece);) {
        ds_status st = cmd_exec(s, piece, c);
        if (st != DS_OK) {
            if (first == DS_OK) first = st;
            if (!keep_going) return st;
        }
    }
    return first;
}

/* ---- session settings ------------------------------------------------------------- */

/* The settings as the parameter parser sees them: one double each. */
typedef struct {
    double digits, speed, cellratio;
    double direction; /* a placeholder: the direction is two numbers (sess.direction) */
} setting_vals;
#define DIRECTION offsetof(setting_vals, direction)

/* Rows as in opt.c's tables: name, offset, type, default, bounds, open bounds, quiet,
 * choices, help. */
#define OFF(f) offsetof(setting_vals, f)
const opt_param cmd_settings[] = {
    {"digits", OFF(digits), OPT_INT, 6, 1, 17, 0, 0, 0, NULL,
     N_("significant digits in printed numbers")},
    {"speed", OFF(speed), OPT_REAL, 30, 0.1, 1e6, 0, 0, 0, NULL,
     N_("animation speed on the screen, in steps per second")},
    {"cellratio", OFF(cellratio), OPT_REAL, 2, 0.5, 4, 0, 0, 0, NULL,
     N_("a character cell's height over its width, for aspect equal")},
    /* Two numbers (set direction DX DY): parsed by direction_parse, shown as a vector. */
    {"direction", DIRECTION, OPT_REAL, 0, -INFINITY, INFINITY, 0, 0, 0, NULL,
     N_("the grad overlay's v, any nonzero DX DY: Dᵥ f = ∇fᵀv with v/‖v‖")},
    {0},
};
#undef OFF

const kv_spec cmd_settings_spec = {N_("session settings"), "set digits 8", cmd_params_find,
                                   cmd_params_at, cmd_settings};

/* `direction` is the one setting with two numbers: "DX,DY" (set direction DX DY joins
 * them), any nonzero vector; the grad overlay normalises it as the course does. */

static ds_status direction_parse(const char *value, double v[2], ds_err *err)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", value);
    char *comma = strchr(buf, ',');
    if (!comma)
        return ds_err_set(err, DS_EARG,
                          "direction needs two numbers DX DY (e.g. set direction 1 1), got '%s'",
                          value);
    *comma = 0;
    if (cmd_number(buf, "DX", &v[0], err) || cmd_number(comma + 1, "DY", &v[1], err))
        return err->code;
    if (v[0] == 0 && v[1] == 0)
        return ds_err_set(err, DS_EARG,
                          "the direction [0, 0] has no length: give a nonzero DX DY (e.g. set "
                          "direction 1 0)");
    if (!isfinite(hypot(v[0], v[1])))
        return ds_err_set(err, DS_ERANGE, "the direction %s is too long: give a finite DX DY",
                          value);
    return DS_OK;
}

static setting_vals settings_of(const sess *s)
{
    return (setting_vals){.digits = s->digits, .speed = s->speed, .cellratio = s->cellratio};
}

ds_status cmd_setting_check(const char *key, const char *value, double *v, ds_err *err)
{
    const opt_param *p = cmd_params_find(cmd_settings, key);
    if (!p) return DS_EUNKNOWN;
    double dir[2];
    *v = 0;
    if (p->offset == DIRECTION) return direction_parse(value, dir, err);
    return opt_parse_value(p, _("the session"), value, v, err);
}

ds_status cmd_setting_apply(sess *s, const char *key, const char *value, ds_err *err)
{
    double v;
    ds_status st = cmd_setting_check(key, value, &v, err);
    if (st != DS_OK) return st;
    if (cmd_params_find(cmd_settings, key)->offset == DIRECTION)
        return direction_parse(value, s->direction, err);
    setting_vals now = settings_of(s);
    opt_put(&now, cmd_params_find(cmd_settings, key), v);
    s->digits = (int)now.digits;
    s->speed = now.speed;
    s->cellratio = now.cellratio;
    return DS_OK;
}

void cmd_settings_show(const sess *s, sbuf *out)
{
    setting_vals now = settings_of(s);
    for (const opt_param *p = cmd_settings; p->name; p++) {
        sbuf_printf(out, "%s = ", p->name);
        if (p->offset == DIRECTION)
            fmt_vec2(out, s->direction, s->digits);
        else
            opt_value_text(p, opt_get(&now, p), out, s->digits);
        sbuf_printf(out, "   (%s)\n", _(p->help));
    }
}

/* ---- help, list, show, echo, quit ------------------------------------------------- */

static void help_line(sbuf *out, const cmd_spec *c)
{
    char usage[96];
    snprintf(usage, sizeof usage, "%s%s%s", c->name, c->synopsis[0] ? " " : "", c->synopsis);
    sbuf_printf(out, "  %-34s %s\n", usage, _(c->help));
}

ds_status cmd_help(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s;
    if (a->argc == 1) {
        sbuf_printf(c->out, "%s\n",
                    _("Commands (help NAME for more; help algo NAME, help func NAME):"));
        for (int i = 0; i < cmd_count(); i++)
            help_line(c->out, cmd_at(i));
        return DS_OK;
    }
    if (a->argc == 3 && strcmp(a->argv[1], "algo") == 0)
        return opt_help(a->argv[2], c->out, c->err);
    if (a->argc == 3 && strcmp(a->argv[1], "func") == 0) {
        const obj_entry *e = obj_find(a->argv[2]);
        if (!e)
            return ds_err_set(c->err, DS_EUNKNOWN, "no objective named '%s' (list funcs)",
                              a->argv[2]);
        sbuf_printf(c->out, "%s%s%s: %s\n  f = %s\n", e->name, e->args[0] ? " " : "", e->args,
                    _(e->note), e->formula);
        return DS_OK;
    }
    if (a->argc != 2)
        return cmd_usage_error(a, c,
                               "help takes two words only as help algo NAME or help func NAME");
    const cmd_spec *spec = cmd_find(a->argv[1]);
    if (!spec) {
        const char *near = nearest_command(a->argv[1]);
        return ds_err_set(c->err, DS_EUNKNOWN, "no command '%s'%s%s%s (help lists commands)",
                          a->argv[1], near ? _(" — did you mean '") : "", near ? near : "",
                          near ? _("'?") : "");
    }
    sbuf_printf(c->out, "%s%s%s\n  %s\n", spec->name, spec->synopsis[0] ? " " : "", spec->synopsis,
                _(spec->help));
    size_t before = c->out->len;
    cmd_details_text(spec, 1, c->out);
    if (c->out->len > before) sbuf_puts(c->out, "\n");
    return DS_OK;
}

ds_status cmd_list_funcs(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s, (void)a;
    for (int i = 0; i < obj_catalog_count; i++) {
        const obj_entry *e = &obj_catalog[i];
        char usage[64];
        snprintf(usage, sizeof usage, "%s%s%s", e->name, e->args[0] ? " " : "", e->args);
        sbuf_printf(c->out, "  %-30s %s\n", usage, _(e->note));
    }
    sbuf_printf(c->out, "  %s\n", _("or any formula in x and y, e.g. func x^2 + 3*sin(y)"));
    return DS_OK;
}

ds_status cmd_list_cmds(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s, (void)a;
    for (int i = 0; i < cmd_count(); i++)
        sbuf_printf(c->out, "%s\n", cmd_at(i)->name);
    return DS_OK;
}

ds_status cmd_list_algos(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s, (void)a;
    opt_list(c->out);
    return DS_OK;
}

ds_status cmd_list_scheds(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s, (void)a;
    sched_list(c->out);
    return DS_OK;
}

ds_status cmd_list(sess *s, const cmd_args *a, cmd_ctx *c)
{
    return cmd_sub_exec(list_subs, s, a, c);
}

ds_status cmd_show(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)a;
    sbuf *o = c->out;
    int d = s->digits;
    sbuf_printf(o, "func = %s: %s\n", s->obj.name, s->obj.formula);
    sbuf_printf(o, "data = %d samples (%d train, %d validation), %s\n", s->data.n, s->data.ntrain,
                s->data.n - s->data.ntrain, s->data.origin);
    if (s->map[0]) sbuf_printf(o, "map = %s, %s\n", expr_source(s->map[0]), expr_source(s->map[1]));
    sbuf_puts(o, "cursor = ");
    fmt_vec2(o, s->cursor, d);
    sbuf_puts(o, "\nview = x ");
    fmt_vec2(o, s->view, d);
    sbuf_puts(o, ", y ");
    fmt_vec2(o, s->view + 2, d);
    sbuf_puts(o, "\n");
    cmd_levels_text(s, o);
    sbuf_puts(o, "\n");
    sbuf_printf(o, "arrow = %s\n", s->arrow ? "on" : "off");
    cmd_settings_show(s, o);
    return DS_OK;
}

void cmd_reference_markdown(sbuf *out)
{
    sbuf_puts(out, "| command | what it does |\n|---|---|\n");
    for (int i = 0; i < cmd_count(); i++) {
        const cmd_spec *c = cmd_at(i);
        sbuf_printf(out, "| `%s", c->name);
        if (c->synopsis[0]) sbuf_puts(out, " ");
        for (const char *p = c->synopsis; *p; p++) /* '|' would end the table cell */
            sbuf_puts(out, *p == '|' ? "\\|" : (char[2]){*p, 0});
        sbuf_printf(out, "` | %s", c->help);
        sbuf more;
        sbuf_init(&more);
        cmd_details_text(c, 0, &more); /* the reference stays English */
        if (more.len) {
            /* Fold the detail lines into the cell. */
            const char *d = sbuf_str(&more);
            sbuf_puts(out, ". ");
            for (const char *p = d; p < d + more.len; p++) {
                if (*p == '\n')
                    sbuf_puts(out, " ");
                else if (*p == '|')
                    sbuf_puts(out, "\\|");
                else if (!(*p == ' ' && (p == d || p[-1] == '\n' || p[-1] == ' ')))
                    sbuf_putn(out, p, 1);
            }
        }
        sbuf_free(&more);
        sbuf_puts(out, " |\n");
    }
}

ds_status cmd_echo(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s;
    sbuf_printf(c->out, "%s\n", a->rest);
    return DS_OK;
}

ds_status cmd_quit(sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s;
    (void)a;
    c->flags |= CMDF_QUIT;
    return DS_OK;
}
