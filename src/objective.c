/* objective.c — the live objective: builds one from the catalog or a typed formula,
 * and evaluates value, gradient and Hessian exactly — by the formula's automatic
 * derivatives, the quadratic's closed form, or the regression losses' closed forms. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "descent/hash.h"
#include "descent/linalg.h"
#include "descent/objective.h"

void obj_init(objective *o)
{
    memset(o, 0, sizeof *o);
}

void obj_free(objective *o)
{
    expr_free(o->e);
    obj_init(o);
}

const obj_entry *obj_find(const char *name)
{
    for (int i = 0; i < obj_catalog_count; i++)
        if (strcmp(obj_catalog[i].name, name) == 0) return &obj_catalog[i];
    return NULL;
}

int obj_is_data(const objective *o)
{
    return o->kind == OBJ_LINREG || o->kind == OBJ_LOGREG;
}

/* ---- regression losses ------------------------------------------------------------ */

/* Numerically stable log(1 + e^z). */
static double softplus(double z)
{
    return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

static double sigmoid(double z)
{
    if (z >= 0) return 1.0 / (1.0 + exp(-z));
    double ez = exp(z);
    return ez / (1.0 + ez);
}

/* Sums over samples idx (or [lo, hi) when idx is NULL): the per-sample loss ℓ, its
 * gradient and Hessian in (w, b). linreg ℓ = ½r², logreg ℓ = softplus(z) − y z. */
typedef struct {
    double f, g[2], h[3];
} loss_sums;

static void loss_accumulate(const objective *o, const int *idx, int lo, int hi, double w, double b,
                            int want_h, loss_sums *s)
{
    const dataset *d = o->data;
    memset(s, 0, sizeof *s);
    for (int k = lo; k < hi; k++) {
        int i = idx ? idx[k] : k;
        double x = d->x[i], y = d->y[i], z = w * x + b;
        double dl, d2l; /* dℓ/dz and d²ℓ/dz² */
        if (o->kind == OBJ_LINREG) {
            double r = z - y;
            s->f += 0.5 * r * r;
            dl = r;
            d2l = 1;
        } else {
            double p = sigmoid(z);
            s->f += softplus(z) - y * z;
            dl = p - y;
            d2l = p * (1 - p);
        }
        s->g[0] += dl * x;
        s->g[1] += dl;
        if (want_h) {
            s->h[0] += d2l * x * x;
            s->h[1] += d2l * x;
            s->h[2] += d2l;
        }
    }
}

/* linreg averages over the samples (1/(2N) Σ r²); logreg sums (as in the notes). */
static double loss_scale(const objective *o, int count)
{
    return o->kind == OBJ_LINREG ? 1.0 / count : 1.0;
}

static void data_eval(const objective *o, double w, double b, int want_h, double *f, double g[2],
                      double h[3])
{
    loss_sums s;
    int n = o->data->ntrain;
    loss_accumulate(o, NULL, 0, n, w, b, want_h, &s);
    double k = loss_scale(o, n);
    *f = k * s.f;
    if (g) {
        g[0] = k * s.g[0];
        g[1] = k * s.g[1];
    }
    if (h) {
        h[0] = k * s.h[0];
        h[1] = k * s.h[1];
        h[2] = k * s.h[2];
    }
}

void obj_batch_grad(objective *o, const int *idx, int m, double x, double y, double *f, double g[2])
{
    loss_sums s;
    int n = o->data->ntrain;
    loss_accumulate(o, idx, 0, m, x, y, 0, &s);
    /* Scale the batch so it estimates the whole training objective: a mean of m samples
     * for linreg; N/m times the batch sum for logreg's sum. m = N gives the exact value. */
    double k = o->kind == OBJ_LINREG ? 1.0 / m : (double)n / m;
    *f = k * s.f;
    g[0] = k * s.g[0];
    g[1] = k * s.g[1];
    o->evals[1]++;
}

double obj_val_loss(const objective *o, double x, double y)
{
    if (!obj_is_data(o) || o->data->ntrain >= o->data->n) return NAN;
    loss_sums s;
    int count = o->data->n - o->data->ntrain;
    loss_accumulate(o, NULL, o->data->ntrain, o->data->n, x, y, 0, &s);
    return loss_scale(o, count) * s.f;
}

double obj_val_accuracy(const objective *o, double x, double y)
{
    if (o->kind != OBJ_LOGREG || o->data->ntrain >= o->data->n) return NAN;
    const dataset *d = o->data;
    int right = 0;
    for (int i = d->ntrain; i < d->n; i++) {
        int predicted = x * d->x[i] + y >= 0; /* σ(z) ≥ ½ exactly when z ≥ 0 */
        right += predicted == (d->y[i] == 1);
    }
    return (double)right / (d->n - d->ntrain);
}

/* ---- evaluation ------------------------------------------------------------------- */

static void quad_eval(const objective *o, double x, double y, double *f, double g[2])
{
    const double *A = o->A, *b = o->b;
    double ax = A[0] * x + A[1] * y, ay = A[1] * x + A[2] * y;
    *f = 0.5 * (x * ax + y * ay) - b[0] * x - b[1] * y;
    if (g) {
        g[0] = ax - b[0];
        g[1] = ay - b[1];
    }
}

int obj_kink(const objective *o, double x, double y, char *what, size_t n)
{
    const char *fn = NULL;
    int k = o->kind == OBJ_FORMULA ? expr_kink(o->e, x, y, &fn) : 0;
    if (what && n) {
        if (!k)
            what[0] = '\0';
        else if (strcmp(fn, "abs") == 0)
            snprintf(what, n, "abs at 0");
        else if (strcmp(fn, "min") == 0 || strcmp(fn, "max") == 0)
            snprintf(what, n, "a tie in %s", fn);
        else if (strcmp(fn, "^") == 0)
            snprintf(what, n, "a fractional power of 0");
        else if (strcmp(fn, "sqrt") == 0)
            snprintf(what, n, "sqrt at 0");
        else if (strcmp(fn, "asin") == 0 || strcmp(fn, "acos") == 0)
            snprintf(what, n, "%s at ±1", fn);
        else
            snprintf(what, n, "%s where its slope is infinite", fn);
    }
    return k;
}

double obj_peek(const objective *o, double x, double y)
{
    double f;
    switch (o->kind) {
    case OBJ_FORMULA: return expr_value(o->e, x, y);
    case OBJ_QUAD: quad_eval(o, x, y, &f, NULL); return f;
    case OBJ_LINREG:
    case OBJ_LOGREG: data_eval(o, x, y, 0, &f, NULL, NULL); return f;
    }
    return NAN;
}

void obj_peek_n(const objective *o, const double *x, const double *y, double *f, size_t n)
{
    if (o->kind == OBJ_FORMULA) {
        expr_value_n(o->e, x, y, f, n);
        return;
    }
    for (size_t k = 0; k < n; k++)
        f[k] = obj_peek(o, x[k], y[k]);
}

double obj_value(objective *o, double x, double y)
{
    o->evals[0]++;
    return obj_peek(o, x, y);
}

void obj_grad(objective *o, double x, double y, double *f, double g[2])
{
    o->evals[1]++;
    switch (o->kind) {
    case OBJ_FORMULA: expr_grad(o->e, x, y, f, g); return;
    case OBJ_QUAD: quad_eval(o, x, y, f, g); return;
    case OBJ_LINREG:
    case OBJ_LOGREG: data_eval(o, x, y, 0, f, g, NULL); return;
    }
}

void obj_hess(objective *o, double x, double y, double *f, double g[2], double h[3])
{
    o->evals[2]++;
    switch (o->kind) {
    case OBJ_FORMULA: expr_hess(o->e, x, y, f, g, h); return;
    case OBJ_QUAD:
        quad_eval(o, x, y, f, g);
        memcpy(h, o->A, sizeof o->A);
        return;
    case OBJ_LINREG:
    case OBJ_LOGREG: data_eval(o, x, y, 1, f, g, h); return;
    }
}

/* ---- construction ----------------------------------------------------------------- */

/* Copy the catalog row's presentation into the objective. */
static void take_entry(objective *o, const obj_entry *e)
{
    snprintf(o->name, sizeof o->name, "%s", e->name);
    snprintf(o->formula, sizeof o->formula, "%s", e->formula);
    o->note = e->note;
    memcpy(o->view, e->view, sizeof o->view);
    o->log_levels = e->log_levels;
    o->nmin = e->nmin;
    memcpy(o->minima, e->minima, sizeof o->minima);
    o->nsaddle = e->nsaddle;
    memcpy(o->saddles, e->saddles, sizeof o->saddles);
}

/* A box of half-width `half` around (cx, cy). */
static void centre_view(objective *o, double cx, double cy, double half)
{
    o->view[0] = cx - half;
    o->view[1] = cx + half;
    o->view[2] = cy - half;
    o->view[3] = cy + half;
}

static ds_status make_quad(objective *o, const double *args, int nargs, ds_err *err)
{
    static const double dflt[5] = {1, 0, 10, 0, 0};
    if (nargs != 0 && nargs != 3 && nargs != 5)
        return ds_err_set(err, DS_EARG,
                          "quad takes 3 or 5 numbers: func quad A11 A12 A22 [b1 b2] "
                          "(A = [[A11, A12], [A12, A22]]), got %d",
                          nargs);
    const double *v = nargs ? args : dflt;
    o->kind = OBJ_QUAD;
    o->A[0] = v[0];
    o->A[1] = v[1];
    o->A[2] = v[2];
    o->b[0] = nargs == 5 || !nargs ? v[3] : 0;
    o->b[1] = nargs == 5 || !nargs ? v[4] : 0;
    snprintf(o->formula, sizeof o->formula, "½θᵀAθ − bᵀθ, A = [[%g, %g], [%g, %g]], b = [%g, %g]",
             o->A[0], o->A[1], o->A[1], o->A[2], o->b[0], o->b[1]);
    /* The stationary point solves Aθ = b; the eigenvalues say what it is. */
    double c[2] = {0, 0}, lam[2], vec[2][2];
    if (la_solve_sym2(o->A, o->b, c) == 0) {
        la_eig_sym2(o->A, lam, vec);
        la_definiteness d = la_classify(lam);
        if (d == LA_POSDEF) {
            o->nmin = 1;
            o->minima[0][0] = c[0];
            o->minima[0][1] = c[1];
        } else if (d == LA_INDEFINITE) {
            o->nsaddle = 1;
            o->saddles[0][0] = c[0];
            o->saddles[0][1] = c[1];
        }
    }
    double half = 3;
    if (fabs(c[0]) > 1e6 || fabs(c[1]) > 1e6) c[0] = c[1] = 0;
    centre_view(o, c[0], c[1], half);
    return DS_OK;
}

/* Newton's method on the (convex) training loss: its minimum, for the marker and view. */
static void data_minimum(objective *o, double m[2])
{
    double w = 0, b = 0, f, g[2], h[3], step[2];
    for (int it = 0; it < 100; it++) {
        data_eval(o, w, b, 1, &f, g, h);
        if (la_solve_sym2(h, g, step) != 0) break;
        w -= step[0];
        b -= step[1];
        if (hypot(step[0], step[1]) < 1e-13 * (1 + hypot(w, b))) break;
    }
    m[0] = w;
    m[1] = b;
}

static ds_status make_data(objective *o, obj_kind kind, const dataset *data, ds_err *err)
{
    if (!data || data->n < 2 || data->ntrain < 1)
        return ds_err_set(err, DS_ESTATE,
                          "no dataset: make one first, e.g. data gen linreg n=50 noise=0.3 "
                          "seed=1");
    if (kind == OBJ_LOGREG)
        for (int i = 0; i < data->n; i++)
            if (data->y[i] != 0 && data->y[i] != 1)
                return ds_err_set(err, DS_EARG,
                                  "logreg needs labels y of 0 or 1, but sample %d has y = %g: "
                                  "try data gen logreg",
                                  i + 1, data->y[i]);
    o->kind = kind;
    o->data = data;
    double m[2];
    data_minimum(o, m);
    if (isfinite(m[0]) && isfinite(m[1]) && fabs(m[0]) < 1e6 && fabs(m[1]) < 1e6) {
        o->nmin = 1;
        o->minima[0][0] = m[0];
        o->minima[0][1] = m[1];
        centre_view(o, m[0], m[1], kind == OBJ_LINREG ? 4 : 6);
    }
    return DS_OK;
}

ds_status obj_make_catalog(objective *o, const char *name, const double *args, int nargs,
                           const dataset *data, ds_err *err)
{
    const obj_entry *e = obj_find(name);
    if (!e) return ds_err_set(err, DS_EUNKNOWN, "no objective named '%s'", name);
    if (e->kind != OBJ_QUAD && nargs > 0)
        return ds_err_set(err, DS_EARG, "%s takes no arguments (only quad does)", name);
    objective tmp;
    obj_init(&tmp);
    take_entry(&tmp, e);
    tmp.kind = e->kind;
    ds_status st = DS_OK;
    switch (e->kind) {
    case OBJ_FORMULA:
        tmp.e = expr_compile(e->formula, err);
        if (!tmp.e) st = err->code;
        break;
    case OBJ_QUAD: st = make_quad(&tmp, args, nargs, err); break;
    case OBJ_LINREG:
    case OBJ_LOGREG: st = make_data(&tmp, e->kind, data, err); break;
    }
    if (st != DS_OK) {
        obj_free(&tmp);
        return st;
    }
    obj_free(o);
    *o = tmp;
    return DS_OK;
}

ds_status obj_make_formula(objective *o, const char *src, ds_err *err)
{
    expr *e = expr_compile(src, err);
    if (!e) return err->code;
    objective tmp;
    obj_init(&tmp);
    tmp.kind = OBJ_FORMULA;
    tmp.e = e;
    snprintf(tmp.name, sizeof tmp.name, "formula");
    snprintf(tmp.formula, sizeof tmp.formula, "%s", src);
    tmp.view[0] = tmp.view[2] = -3;
    tmp.view[1] = tmp.view[3] = 3;
    obj_free(o);
    *o = tmp;
    return DS_OK;
}

uint64_t obj_hash(uint64_t h, const objective *o)
{
    h = hash_bytes(h, &o->kind, sizeof o->kind);
    h = hash_str(h, o->name);
    h = hash_str(h, o->formula);
    h = hash_bytes(h, o->A, sizeof o->A);
    h = hash_bytes(h, o->b, sizeof o->b);
    return hash_bytes(h, &o->data, sizeof o->data);
}
