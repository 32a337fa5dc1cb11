/* lesson_cond.c — the little language of lesson conditions and answers: constant
 * arithmetic ("2/3.618") for `answer:`, and conditions on the live session
 * ("adam is converged", "run.lr < 2/lmax and runs >= 2") for `expect:`/`verify:`.
 * One recursive-descent pass parses and evaluates; without a session it only checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/linalg.h"
#include "descent/opt.h"
#include "descent/run.h"
#include "descent/vocab.h"
#include "lesson_internal.h"

typedef struct {
    const char *src; /* the whole text, for messages */
    const char *p;   /* the read position */
    sess *s;         /* NULL: syntax only, every quantity is NAN */
    int calc;        /* 1: constant arithmetic only (no session names) */
    ds_err *err;
    int bad; /* an error was reported */
} cparser;

static double perr(cparser *c, const char *fmt, const char *arg)
{
    if (!c->bad) {
        char what[300];
        snprintf(what, sizeof what, _(fmt), arg);
        ds_err_at(c->err, DS_ESYNTAX, c->src, (int)(c->p - c->src) + 1, "%s in `%s`", what, c->src);
    }
    c->bad = 1;
    return NAN;
}

static void skip(cparser *c)
{
    while (*c->p == ' ' || *c->p == '\t')
        c->p++;
}

static int is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static int is_alnum(char ch)
{
    return is_alpha(ch) || (ch >= '0' && ch <= '9');
}

/* An identifier, possibly dotted ("run.lr", "adam.beta1"), copied into `out`. */
static int ident(cparser *c, char *out, size_t size)
{
    skip(c);
    const char *q = c->p;
    if (!is_alpha(*q)) return 0;
    while (is_alnum(*q) || (*q == '.' && is_alpha(q[1])))
        q++;
    size_t n = (size_t)(q - c->p);
    if (n >= size) n = size - 1;
    memcpy(out, c->p, n);
    out[n] = '\0';
    c->p = q;
    return 1;
}

/* The word at the read position equals `w` (not followed by an identifier char). */
static int peek_word(cparser *c, const char *w)
{
    skip(c);
    size_t n = strlen(w);
    return strncmp(c->p, w, n) == 0 && !is_alnum(c->p[n]) && c->p[n] != '.';
}

static int accept_word(cparser *c, const char *w)
{
    if (!peek_word(c, w)) return 0;
    c->p += strlen(w);
    return 1;
}

static int accept(cparser *c, const char *tok)
{
    skip(c);
    size_t n = strlen(tok);
    if (strncmp(c->p, tok, n) != 0) return 0;
    c->p += n;
    return 1;
}

/* ---------------------------------------------------------------- session quantities */

/* The run a prefix names: "run" (the selected one), "run2" (1-based), or an algorithm
 * name (the first run using it). NULL when there is none. *known says whether the
 * prefix is a run prefix at all. */
static const run *find_run(const sess *s, const char *prefix)
{
    if (!s) return NULL;
    const runset *rs = &s->runs;
    int n = runset_count(rs);
    if (!strcmp(prefix, "run"))
        return rs->selected >= 0 && rs->selected < n ? runset_get(rs, rs->selected) : NULL;
    if (!strncmp(prefix, "run", 3) && prefix[3] >= '1' && prefix[3] <= '9') {
        int k = atoi(prefix + 3);
        return k >= 1 && k <= n ? runset_get(rs, k - 1) : NULL;
    }
    for (int i = 0; i < n; i++)
        if (!strcmp(run_algo_name(runset_get(rs, i)), prefix)) return runset_get(rs, i);
    return NULL;
}

/* The known minimizers of the objective (the catalog's, or A⁻¹b for a quadratic). */
static int minima_of(const objective *o, double pts[][2])
{
    int n = 0;
    for (int i = 0; i < o->nmin && i < OBJ_MAXPOINTS; i++, n++) {
        pts[n][0] = o->minima[i][0];
        pts[n][1] = o->minima[i][1];
    }
    if (n == 0 && o->kind == OBJ_QUAD) {
        double lam[2], vec[2][2];
        la_eig_sym2(o->A, lam, vec);
        if (lam[0] > 0 && la_solve_sym2(o->A, o->b, pts[0]) == 0) n = 1;
    }
    return n;
}

static double nearest(const double p[2], const double pts[][2], int n)
{
    double d = INFINITY;
    for (int i = 0; i < n; i++)
        d = fmin(d, hypot(p[0] - pts[i][0], p[1] - pts[i][1]));
    return d;
}

/* ---------------------------------------------------------------- the vocabularies */

/* cursor.FIELD: quantities at the cursor (lessons/README.md lists them for authors). */
enum {
    CF_X,
    CF_Y,
    CF_F,
    CF_GX,
    CF_GY,
    CF_GNORM,
    CF_HXX,
    CF_HXY,
    CF_HYY,
    CF_LMIN,
    CF_LMAX,
    CF_DET,
    CF_DSADDLE,
    CF_DMIN
};
const vocab_word lesson_cursor_fields[] = {
    {"x", "the cursor's x", CF_X},
    {"y", "the cursor's y", CF_Y},
    {"f", "f at the cursor", CF_F},
    {"gx", "∂f/∂x at the cursor", CF_GX},
    {"gy", "∂f/∂y at the cursor", CF_GY},
    {"gnorm", "‖∇f‖ at the cursor", CF_GNORM},
    {"hxx", "∂²f/∂x² at the cursor", CF_HXX},
    {"hxy", "∂²f/∂x∂y at the cursor", CF_HXY},
    {"hyy", "∂²f/∂y² at the cursor", CF_HYY},
    {"lmin", "the Hessian's smaller eigenvalue at the cursor", CF_LMIN},
    {"lmax", "the Hessian's larger eigenvalue at the cursor", CF_LMAX},
    {"det", "the Hessian's determinant at the cursor", CF_DET},
    {"dsaddle", "distance from the cursor to the nearest known saddle", CF_DSADDLE},
    {"dmin", "distance from the cursor to the nearest known minimum", CF_DMIN},
    {0},
};

/* run.FIELD, runN.FIELD, ALGO.FIELD (besides any hyperparameter, like run.lr). */
enum {
    RF_F,
    RF_X,
    RF_Y,
    RF_STEPS,
    RF_GNORM,
    RF_VAL,
    RF_TRAIN,
    RF_RATE,
    RF_NF,
    RF_NG,
    RF_NH,
    RF_GAP,
    RF_DIST
};
const vocab_word lesson_run_fields[] = {
    {"f", "f (data objectives: the training loss) at the run's iterate", RF_F},
    {"x", "the iterate's x", RF_X},
    {"y", "the iterate's y", RF_Y},
    {"steps", "iterations taken", RF_STEPS},
    {"gnorm", "‖∇f‖ at the iterate", RF_GNORM},
    {"val", "the validation loss (data objectives with a split)", RF_VAL},
    {"train", "the training loss (data objectives)", RF_TRAIN},
    {"rate", "the learning rate of the next step", RF_RATE},
    {"nf", "evaluations of f", RF_NF},
    {"ng", "evaluations of ∇f", RF_NG},
    {"nh", "evaluations of ∇²f", RF_NH},
    {"gap", "f minus the lowest known minimum's f", RF_GAP},
    {"dist", "distance to the nearest known minimum", RF_DIST},
    {0},
};

/* map.FIELD: the Jacobian of `map` at the cursor. */
enum { MF_DET, MF_J11, MF_J12, MF_J21, MF_J22 };
const vocab_word lesson_map_fields[] = {
    {"det", "det J", MF_DET},  {"j11", "∂m₁/∂x", MF_J11}, {"j12", "∂m₁/∂y", MF_J12},
    {"j21", "∂m₂/∂x", MF_J21}, {"j22", "∂m₂/∂y", MF_J22}, {0},
};

/* evals.FIELD: the objective's evaluation counters (obj.evals[value]). */
const vocab_word lesson_evals_fields[] = {
    {"f", "evaluations of f", 0},
    {"g", "evaluations of ∇f", 1},
    {"h", "evaluations of ∇²f", 2},
    {0},
};

/* SUBJECT is STATE. */
enum {
    ST_CONVERGED,
    ST_DIVERGED,
    ST_EARLYSTOP,
    ST_MAXITER,
    ST_STALLED,
    ST_READY,
    ST_STOPPED,
    ST_PRESENT
};
const vocab_word lesson_states[] = {
    {"converged", "‖∇f‖ fell below tol", ST_CONVERGED},
    {"diverged", "a value went non-finite or |θ| > 1e12", ST_DIVERGED},
    {"earlystop", "early stopping stopped it", ST_EARLYSTOP},
    {"earlystopped", "the same as earlystop", ST_EARLYSTOP},
    {"maxiter", "it reached maxiter", ST_MAXITER},
    {"stalled", "no step was possible", ST_STALLED},
    {"ready", "still running", ST_READY},
    {"stopped", "any of the stops", ST_STOPPED},
    {"present", "the run exists", ST_PRESENT},
    {0},
};

/* Bare names (and the prefixes before a dot, listed for messages). */
enum { NM_PI, NM_E, NM_RUNS, NM_DIGITS, NM_LMAX, NM_LMIN, NM_LR };
const vocab_word lesson_bare_names[] = {
    {"pi", "π", NM_PI},
    {"e", "Euler's number", NM_E},
    {"runs", "the number of runs", NM_RUNS},
    {"digits", "the printed significant digits", NM_DIGITS},
    {"lmax", "cursor.lmax (for a quadratic: everywhere)", NM_LMAX},
    {"lmin", "cursor.lmin (for a quadratic: everywhere)", NM_LMIN},
    {"lr", "the selected run's lr", NM_LR},
    {0},
};

/* "unknown WHAT in `NAME` (did you mean 'x'?) (a b c)": the list from the table. */
static double unknown_in(cparser *c, const char *what, const vocab_word *v, const char *word,
                         const char *name, const char *more)
{
    char mean[96], msg[400];
    sbuf all;
    sbuf_init(&all);
    vocab_join(v, " ", &all);
    snprintf(msg, sizeof msg, _("unknown %s in `%s`%s (%s%s)"), _(what), name,
             vocab_did_you_mean(v, word, mean, sizeof mean), sbuf_str(&all), more);
    sbuf_free(&all);
    return perr(c, "%s", msg);
}

/* ---------------------------------------------------------------- their values */

static double run_field(sess *s, const run *r, const char *f)
{
    if (!r) return NAN;
    const run_row *row = run_current(r);
    const vocab_word *w = vocab_find(lesson_run_fields, f);
    if (!w) { /* a hyperparameter */
        double v = run_param_get(r, f);
        if (!strcmp(f, "lr") && isnan(v)) v = run_lr_now(r);
        return v;
    }
    switch (w->value) {
    case RF_F: return row->f;
    case RF_X: return row->x;
    case RF_Y: return row->y;
    case RF_STEPS: return (double)row->iter;
    case RF_GNORM: return hypot(row->gx, row->gy);
    case RF_VAL: return row->val;
    case RF_TRAIN: return row->train;
    case RF_RATE: return run_lr_now(r);
    case RF_NF:
    case RF_NG:
    case RF_NH: return (double)run_evals(r)[w->value - RF_NF];
    default: break;
    }
    double pts[OBJ_MAXPOINTS][2];
    int n = minima_of(&s->obj, pts);
    if (n == 0) return NAN;
    double p[2] = {row->x, row->y};
    if (w->value == RF_DIST) return nearest(p, pts, n);
    double best = INFINITY; /* RF_GAP */
    for (int i = 0; i < n; i++)
        best = fmin(best, obj_peek(&s->obj, pts[i][0], pts[i][1]));
    return row->f - best;
}

static double cursor_field(sess *s, int which)
{
    const double *c = s->cursor;
    if (which == CF_X) return c[0];
    if (which == CF_Y) return c[1];
    if (which == CF_DSADDLE) return nearest(c, (const double(*)[2])s->obj.saddles, s->obj.nsaddle);
    if (which == CF_DMIN) {
        double pts[OBJ_MAXPOINTS][2];
        return nearest(c, (const double(*)[2])pts, minima_of(&s->obj, pts));
    }
    unsigned long saved[3];
    memcpy(saved, s->obj.evals, sizeof saved);
    double v, g[2], h[3], lam[2], vec[2][2];
    obj_hess(&s->obj, c[0], c[1], &v, g, h);
    memcpy(s->obj.evals, saved, sizeof saved);
    la_eig_sym2(h, lam, vec);
    switch (which) {
    case CF_F: return v;
    case CF_GX: return g[0];
    case CF_GY: return g[1];
    case CF_GNORM: return hypot(g[0], g[1]);
    case CF_HXX: return h[0];
    case CF_HXY: return h[1];
    case CF_HYY: return h[2];
    case CF_LMIN: return lam[0];
    case CF_LMAX: return lam[1];
    case CF_DET: return h[0] * h[2] - h[1] * h[1];
    default: return NAN;
    }
}

static double map_field(sess *s, int which)
{
    if (!s->map[0] || !s->map[1]) return NAN;
    double v, g1[2], g2[2];
    expr_grad(s->map[0], s->cursor[0], s->cursor[1], &v, g1);
    expr_grad(s->map[1], s->cursor[0], s->cursor[1], &v, g2);
    switch (which) {
    case MF_DET: return g1[0] * g2[1] - g1[1] * g2[0];
    case MF_J11: return g1[0];
    case MF_J12: return g1[1];
    case MF_J21: return g2[0];
    default: return g2[1];
    }
}

/* "run", "run1".."run99" or an algorithm's name. */
static int known_run_prefix(const char *prefix)
{
    if (!strncmp(prefix, "run", 3)) {
        const char *d = prefix + 3;
        while (*d >= '0' && *d <= '9')
            d++;
        if (!*d) return 1;
    }
    return opt_find(prefix) != NULL;
}

/* A field of the run table, or a hyperparameter some algorithm has. */
static int known_run_field(const char *field)
{
    if (vocab_find(lesson_run_fields, field)) return 1;
    for (int i = 0; i < opt_algo_count; i++)
        if (opt_param_find(&opt_algos[i], field)) return 1;
    return 0;
}

/* A name in an expression: a constant, or (conditions only) a session quantity. */
static double name_value(cparser *c, const char *name)
{
    const vocab_word *w = vocab_find(lesson_bare_names, name);
    if (w && w->value == NM_PI) return M_PI;
    if (w && w->value == NM_E) return M_E;
    if (c->calc) return perr(c, "unknown name `%s` (answers are numbers, pi or e)", name);
    sess *s = c->s;
    if (w) {
        if (!s) return NAN;
        switch (w->value) {
        case NM_RUNS: return runset_count(&s->runs);
        case NM_DIGITS: return s->digits;
        case NM_LMAX: return cursor_field(s, CF_LMAX);
        case NM_LMIN: return cursor_field(s, CF_LMIN);
        default: return run_field(s, find_run(s, "run"), "lr");
        }
    }
    const char *dot = strchr(name, '.');
    if (!dot || strchr(dot + 1, '.')) {
        char mean[96], msg[300];
        snprintf(msg, sizeof msg,
                 _("unknown name `%s`%s (try lr, lmax, lmin, runs, digits, cursor.FIELD, map.det, "
                   "evals.f, run.FIELD or ALGO.FIELD)"),
                 name, vocab_did_you_mean(lesson_bare_names, name, mean, sizeof mean));
        return perr(c, "%s", msg);
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%.*s", (int)(dot - name), name);
    const char *field = dot + 1;
    if (!strcmp(prefix, "cursor")) {
        const vocab_word *f = vocab_find(lesson_cursor_fields, field);
        if (!f) return unknown_in(c, N_("cursor field"), lesson_cursor_fields, field, name, "");
        return s ? cursor_field(s, f->value) : NAN;
    }
    if (!strcmp(prefix, "map")) {
        const vocab_word *f = vocab_find(lesson_map_fields, field);
        if (!f) return unknown_in(c, N_("map field"), lesson_map_fields, field, name, "");
        return s ? map_field(s, f->value) : NAN;
    }
    if (!strcmp(prefix, "evals")) {
        const vocab_word *f = vocab_find(lesson_evals_fields, field);
        if (!f) return unknown_in(c, N_("evals field"), lesson_evals_fields, field, name, "");
        return s ? (double)s->obj.evals[f->value] : NAN;
    }
    /* run.FIELD, runN.FIELD, ALGO.FIELD: the known fields, or any hyperparameter. */
    if (!known_run_prefix(prefix))
        return perr(c, "unknown name `%s` (run., run2., or an algorithm name like adam.)", name);
    if (!known_run_field(field))
        return unknown_in(c, N_("run field"), lesson_run_fields, field, name,
                          _(", or a hyperparameter such as lr"));
    return s ? run_field(s, find_run(s, prefix), field) : NAN;
}

/* ---------------------------------------------------------------- arithmetic */

static double sum(cparser *c);

static double atom(cparser *c)
{
    skip(c);
    if (accept(c, "(")) {
        double v = sum(c);
        if (!accept(c, ")")) return perr(c, "missing `)`%s", "");
        return v;
    }
    if ((*c->p >= '0' && *c->p <= '9') || *c->p == '.') {
        char *end;
        double v = strtod(c->p, &end);
        if (end == c->p) return perr(c, "expected a number%s", "");
        c->p = end;
        return v;
    }
    char name[64];
    if (!ident(c, name, sizeof name)) return perr(c, "expected a number or a name%s", "");
    static const struct {
        const char *name;
        double (*fn)(double);
    } fns[] = {{"sqrt", sqrt}, {"abs", fabs}, {"exp", exp},
               {"log", log},   {"sin", sin},  {"cos", cos}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        if (strcmp(name, fns[i].name) != 0) continue;
        if (!accept(c, "(")) return perr(c, "`%s` needs its argument in parentheses", name);
        double v = sum(c);
        if (!accept(c, ")")) return perr(c, "missing `)`%s", "");
        return fns[i].fn(v);
    }
    return name_value(c, name);
}

static double unary(cparser *c);

static double power(cparser *c)
{
    double b = atom(c);
    if (accept(c, "^")) return pow(b, unary(c));
    return b;
}

static double unary(cparser *c)
{
    if (accept(c, "-") || accept(c, "−")) return -unary(c);
    if (accept(c, "+")) return unary(c);
    return power(c);
}

static double product(cparser *c)
{
    double v = unary(c);
    for (;;) {
        if (accept(c, "*") || accept(c, "·") || accept(c, "×"))
            v *= unary(c);
        else if (accept(c, "/"))
            v /= unary(c);
        else
            return v;
    }
}

static double sum(cparser *c)
{
    double v = product(c);
    for (;;) {
        if (accept(c, "+"))
            v += product(c);
        else if (accept(c, "-") || accept(c, "−"))
            v -= product(c);
        else
            return v;
    }
}

/* ---------------------------------------------------------------- conditions */

static int status_holds(const run *r, int state)
{
    run_status st = run_get_status(r);
    switch (state) {
    case ST_CONVERGED: return st == RUN_CONVERGED;
    case ST_DIVERGED: return st == RUN_DIVERGED;
    case ST_EARLYSTOP: return st == RUN_EARLYSTOP;
    case ST_MAXITER: return st == RUN_MAXITER;
    case ST_READY: return st == RUN_READY;
    case ST_STALLED: return st == RUN_STALLED;
    case ST_STOPPED: return st != RUN_READY;
    default: return 1; /* ST_PRESENT */
    }
}

/* SUBJECT is [not] STATE */
static int is_clause(cparser *c, const char *subject)
{
    int neg = accept_word(c, "not");
    char state[64];
    if (!ident(c, state, sizeof state)) return perr(c, "expected a state after `is`%s", ""), 0;
    sess *s = c->s;
    int holds = 0;
    if (!strcmp(subject, "func")) {
        holds = s && !strcmp(s->obj.name, state);
        return neg ? !holds : holds;
    }
    const vocab_word *st = vocab_find(lesson_states, state);
    if (!st) {
        char mean[96], msg[300];
        sbuf all;
        sbuf_init(&all);
        vocab_join(lesson_states, ", ", &all);
        snprintf(msg, sizeof msg, _("unknown state `%s`%s (%s)"), state,
                 vocab_did_you_mean(lesson_states, state, mean, sizeof mean), sbuf_str(&all));
        sbuf_free(&all);
        return perr(c, "%s", msg), 0;
    }
    if (!s) return 0;
    const runset *rs = &s->runs;
    int n = runset_count(rs);
    if (!strcmp(subject, "any") || !strcmp(subject, "all")) {
        int all = !strcmp(subject, "all"), count = 0;
        for (int i = 0; i < n; i++)
            count += status_holds(runset_get(rs, i), st->value);
        holds = all ? (n > 0 && count == n) : count > 0;
    } else if (!strcmp(subject, "run") || !strncmp(subject, "run", 3)) {
        const run *r = find_run(s, subject);
        holds = r && status_holds(r, st->value);
    } else {
        for (int i = 0; i < n && !holds; i++) {
            const run *r = runset_get(rs, i);
            holds = !strcmp(run_algo_name(r), subject) && status_holds(r, st->value);
        }
    }
    return neg ? !holds : holds;
}

static int clause(cparser *c)
{
    if (accept_word(c, "not")) return !clause(c);
    const char *save = c->p;
    char subject[64];
    if (ident(c, subject, sizeof subject) && !strchr(subject, '.') && accept_word(c, "is"))
        return is_clause(c, subject);
    c->p = save;
    double a = sum(c);
    static const char *const ops[] = {"<=", ">=", "==", "!=", "≤", "≥", "<", ">", "="};
    int op = -1;
    skip(c);
    for (int i = 0; i < 9 && op < 0; i++)
        if (accept(c, ops[i])) op = i;
    if (op < 0) return perr(c, "expected a comparison (< <= > >= == !=) or `is`%s", ""), 0;
    double b = sum(c);
    if (isnan(a) || isnan(b)) return 0;
    switch (op) {
    case 0:
    case 4: return a <= b;
    case 1:
    case 5: return a >= b;
    case 2:
    case 8: return fabs(a - b) <= 1e-9 * fmax(1, fabs(b));
    case 3: return !(fabs(a - b) <= 1e-9 * fmax(1, fabs(b)));
    case 6: return a < b;
    default: return a > b;
    }
}

static int conjunction(cparser *c)
{
    int v = clause(c);
    while (accept_word(c, "and"))
        v = clause(c) && v;
    return v;
}

static int disjunction(cparser *c)
{
    int v = conjunction(c);
    while (accept_word(c, "or"))
        v = conjunction(c) || v;
    return v;
}

ds_status lesson_cond(sess *s, const char *cond, int *holds, ds_err *err)
{
    cparser c = {.src = cond, .p = cond, .s = s, .err = err};
    *holds = 0;
    skip(&c);
    if (!*c.p) return ds_err_set(err, DS_ESYNTAX, "an empty condition");
    int v = disjunction(&c);
    skip(&c);
    if (!c.bad && *c.p) perr(&c, "unexpected text (join clauses with `and`/`or`)%s", "");
    if (c.bad) return DS_ESYNTAX;
    *holds = v;
    return DS_OK;
}

ds_status lesson_value(sess *s, const char *src, double *out, ds_err *err)
{
    cparser c = {.src = src, .p = src, .s = s, .err = err};
    skip(&c);
    if (!*c.p) return ds_err_set(err, DS_ESYNTAX, "an empty quantity (write {run.steps})");
    double v = sum(&c);
    skip(&c);
    if (!c.bad && *c.p) perr(&c, "unexpected text after the quantity%s", "");
    if (c.bad) return DS_ESYNTAX;
    *out = v;
    return DS_OK;
}

ds_status lesson_calc(const char *src, double *out, ds_err *err)
{
    cparser c = {.src = src, .p = src, .calc = 1, .err = err};
    skip(&c);
    if (!*c.p) return ds_err_set(err, DS_ESYNTAX, "expected a number");
    double v = sum(&c);
    skip(&c);
    if (!c.bad && *c.p) perr(&c, "unexpected text after the number%s", "");
    if (c.bad) return DS_ESYNTAX;
    if (!isfinite(v)) return ds_err_set(err, DS_EDOMAIN, "`%s` is not a finite number", src);
    *out = v;
    return DS_OK;
}
