/* lesson_cond.c — the little language of lesson conditions and answers: constant
 * arithmetic ("2/3.618") for `answer:`, and conditions on the live session
 * ("adam is converged", "run.lr < 2/lmax and runs >= 2") for `expect:`/`verify:`.
 * One recursive-descent pass parses and evaluates; without a session it only checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/lesson.h"
#include "descent/linalg.h"
#include "descent/opt.h"
#include "descent/run.h"

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
        snprintf(what, sizeof what, fmt, arg);
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

static const char *const cursor_fields[] = {"x",     "y",   "f",       "gx",   "gy",
                                            "gnorm", "hxx", "hxy",     "hyy",  "lmin",
                                            "lmax",  "det", "dsaddle", "dmin", NULL};

static int in_list(const char *const *list, const char *w)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], w)) return 1;
    return 0;
}

static double run_field(sess *s, const run *r, const char *f)
{
    if (!r) return NAN;
    const run_row *row = run_current(r);
    if (!strcmp(f, "f")) return row->f;
    if (!strcmp(f, "x")) return row->x;
    if (!strcmp(f, "y")) return row->y;
    if (!strcmp(f, "steps")) return (double)row->iter;
    if (!strcmp(f, "gnorm")) return hypot(row->gx, row->gy);
    if (!strcmp(f, "val")) return row->val;
    if (!strcmp(f, "train")) return row->train;
    if (!strcmp(f, "rate")) return run_lr_now(r);
    if (!strcmp(f, "nf")) return (double)run_evals(r)[0];
    if (!strcmp(f, "ng")) return (double)run_evals(r)[1];
    if (!strcmp(f, "nh")) return (double)run_evals(r)[2];
    if (!strcmp(f, "gap") || !strcmp(f, "dist")) {
        double pts[OBJ_MAXPOINTS][2];
        int n = minima_of(&s->obj, pts);
        if (n == 0) return NAN;
        double p[2] = {row->x, row->y};
        if (!strcmp(f, "dist")) return nearest(p, pts, n);
        double best = INFINITY;
        for (int i = 0; i < n; i++)
            best = fmin(best, obj_peek(&s->obj, pts[i][0], pts[i][1]));
        return row->f - best;
    }
    double v = run_param_get(r, f);
    if (!strcmp(f, "lr") && isnan(v)) v = run_lr_now(r);
    return v;
}

static double cursor_field(sess *s, const char *f)
{
    const double *c = s->cursor;
    if (!strcmp(f, "x")) return c[0];
    if (!strcmp(f, "y")) return c[1];
    if (!strcmp(f, "dsaddle"))
        return nearest(c, (const double(*)[2])s->obj.saddles, s->obj.nsaddle);
    if (!strcmp(f, "dmin")) {
        double pts[OBJ_MAXPOINTS][2];
        return nearest(c, (const double(*)[2])pts, minima_of(&s->obj, pts));
    }
    unsigned long saved[3];
    memcpy(saved, s->obj.evals, sizeof saved);
    double v, g[2], h[3], lam[2], vec[2][2];
    obj_hess(&s->obj, c[0], c[1], &v, g, h);
    memcpy(s->obj.evals, saved, sizeof saved);
    la_eig_sym2(h, lam, vec);
    if (!strcmp(f, "f")) return v;
    if (!strcmp(f, "gx")) return g[0];
    if (!strcmp(f, "gy")) return g[1];
    if (!strcmp(f, "gnorm")) return hypot(g[0], g[1]);
    if (!strcmp(f, "hxx")) return h[0];
    if (!strcmp(f, "hxy")) return h[1];
    if (!strcmp(f, "hyy")) return h[2];
    if (!strcmp(f, "lmin")) return lam[0];
    if (!strcmp(f, "lmax")) return lam[1];
    if (!strcmp(f, "det")) return h[0] * h[2] - h[1] * h[1];
    return NAN;
}

static double map_field(sess *s, const char *f)
{
    if (!s->map[0] || !s->map[1]) return NAN;
    double v, g1[2], g2[2];
    expr_grad(s->map[0], s->cursor[0], s->cursor[1], &v, g1);
    expr_grad(s->map[1], s->cursor[0], s->cursor[1], &v, g2);
    if (!strcmp(f, "det")) return g1[0] * g2[1] - g1[1] * g2[0];
    if (!strcmp(f, "j11")) return g1[0];
    if (!strcmp(f, "j12")) return g1[1];
    if (!strcmp(f, "j21")) return g2[0];
    if (!strcmp(f, "j22")) return g2[1];
    return NAN;
}

/* A name in an expression: a constant, or (conditions only) a session quantity. */
static const char *const run_fields[] = {"f",    "x",  "y",  "steps", "gnorm", "val",  "train",
                                         "rate", "nf", "ng", "nh",    "gap",   "dist", NULL};

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
    if (in_list(run_fields, field)) return 1;
    for (int i = 0; i < opt_algo_count; i++)
        if (opt_param_find(&opt_algos[i], field)) return 1;
    return 0;
}

static double name_value(cparser *c, const char *name)
{
    if (!strcmp(name, "pi")) return M_PI;
    if (!strcmp(name, "e")) return M_E;
    if (c->calc) return perr(c, "unknown name `%s` (answers are numbers, pi or e)", name);
    sess *s = c->s;
    if (!strcmp(name, "runs")) return s ? runset_count(&s->runs) : NAN;
    if (!strcmp(name, "digits")) return s ? s->digits : NAN;
    if (!strcmp(name, "lmax") || !strcmp(name, "lmin")) return s ? cursor_field(s, name) : NAN;
    if (!strcmp(name, "lr")) return s ? run_field(s, find_run(s, "run"), "lr") : NAN;
    const char *dot = strchr(name, '.');
    if (!dot || strchr(dot + 1, '.'))
        return perr(c,
                    "unknown name `%s` (try lr, lmax, lmin, runs, digits, cursor.FIELD, "
                    "map.det, evals.f, run.FIELD or ALGO.FIELD)",
                    name);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%.*s", (int)(dot - name), name);
    const char *field = dot + 1;
    if (!strcmp(prefix, "cursor")) {
        if (!in_list(cursor_fields, field))
            return perr(c,
                        "unknown cursor field in `%s` (x y f gx gy gnorm hxx hxy hyy lmin lmax "
                        "det dsaddle dmin)",
                        name);
        return s ? cursor_field(s, field) : NAN;
    }
    if (!strcmp(prefix, "map")) {
        static const char *const mf[] = {"det", "j11", "j12", "j21", "j22", NULL};
        if (!in_list(mf, field))
            return perr(c, "unknown map field in `%s` (det j11 j12 j21 j22)", name);
        return s ? map_field(s, field) : NAN;
    }
    if (!strcmp(prefix, "evals")) {
        int k = !strcmp(field, "f") ? 0 : !strcmp(field, "g") ? 1 : !strcmp(field, "h") ? 2 : -1;
        if (k < 0) return perr(c, "unknown field in `%s` (evals.f, evals.g, evals.h)", name);
        return s ? (double)s->obj.evals[k] : NAN;
    }
    /* run.FIELD, runN.FIELD, ALGO.FIELD: the known fields, or any hyperparameter. */
    if (!known_run_prefix(prefix))
        return perr(c, "unknown name `%s` (run., run2., or an algorithm name like adam.)", name);
    if (!known_run_field(field))
        return perr(c,
                    "unknown run field in `%s` (f x y steps gnorm val train rate nf ng nh gap "
                    "dist, or a hyperparameter such as lr)",
                    name);
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

static int status_holds(const run *r, const char *state)
{
    run_status st = run_get_status(r);
    if (!strcmp(state, "converged")) return st == RUN_CONVERGED;
    if (!strcmp(state, "diverged")) return st == RUN_DIVERGED;
    if (!strcmp(state, "earlystop") || !strcmp(state, "earlystopped")) return st == RUN_EARLYSTOP;
    if (!strcmp(state, "maxiter")) return st == RUN_MAXITER;
    if (!strcmp(state, "ready")) return st == RUN_READY;
    if (!strcmp(state, "stalled")) return st == RUN_STALLED;
    if (!strcmp(state, "stopped")) return st != RUN_READY;
    if (!strcmp(state, "present")) return 1;
    return 0;
}

static const char *const states[] = {"converged", "diverged", "earlystop", "earlystopped",
                                     "maxiter",   "stalled",  "ready",     "stopped",
                                     "present",   NULL};

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
    if (!in_list(states, state))
        return perr(c,
                    "unknown state `%s` (converged, diverged, earlystop, maxiter, stalled, "
                    "ready, stopped, present)",
                    state),
               0;
    if (!s) return 0;
    const runset *rs = &s->runs;
    int n = runset_count(rs);
    if (!strcmp(subject, "any") || !strcmp(subject, "all")) {
        int all = !strcmp(subject, "all"), count = 0;
        for (int i = 0; i < n; i++)
            count += status_holds(runset_get(rs, i), state);
        holds = all ? (n > 0 && count == n) : count > 0;
    } else if (!strcmp(subject, "run") || !strncmp(subject, "run", 3)) {
        const run *r = find_run(s, subject);
        holds = r && status_holds(r, state);
    } else {
        for (int i = 0; i < n && !holds; i++) {
            const run *r = runset_get(rs, i);
            holds = !strcmp(run_algo_name(r), subject) && status_holds(r, state);
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
