/* cmd_calc.c — calculus at a point: cursor, eval, grad, hessian, jacobian, map and
 * taylor. Each prints the numbers and what they mean (COURSE.md §1–2), and refuses to
 * print a non-finite value as if it were a result. */
#include <math.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"
#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/linalg.h"

/* How descent differentiates at a kink (README, "Kinks"). */
#define KINK_CONVENTION                                                                            \
    "abs′(0) = 0, min and max ties take the left argument, an infinite slope times a zero "      \
    "change counts as 0"

static void put_point(sbuf *o, const double p[2], int d)
{
    sbuf_puts(o, "(");
    fmt_num(o, p[0], d);
    sbuf_puts(o, ", ");
    fmt_num(o, p[1], d);
    sbuf_puts(o, ")");
}

/* The optional words "WORD X Y" that end a line (grad's "along DX DY", taylor's "at QX
 * QY"): 0 when argv[*i] is not `word`; when it is, 1 with the numbers named xname and
 * yname in v and *i past them, or -1 (the error in c) when not exactly two numbers follow
 * (`need`, a msgid, says what should). */
static int word_and_pair(const cmd_args *a, int *i, const char *word, const char *need,
                         const char *xname, const char *yname, double v[2], cmd_ctx *c)
{
    if (*i >= a->argc || strcmp(a->argv[*i], word) != 0) return 0;
    if (*i + 3 != a->argc) {
        cmd_usage_error(a, c, "%s", _(need));
        return -1;
    }
    if (cmd_number(a->argv[*i + 1], xname, &v[0], c->err) ||
        cmd_number(a->argv[*i + 2], yname, &v[1], c->err))
        return -1;
    *i += 3;
    return 1;
}

/* Fail with a clear message when any of the n values is not finite. */
static ds_status need_finite(const sess *s, const double *v, int n, const char *what,
                             const double p[2], ds_err *err)
{
    for (int i = 0; i < n; i++) {
        if (isfinite(v[i])) continue;
        sbuf at;
        sbuf_init(&at);
        put_point(&at, p, s->digits);
        ds_err_set(err, DS_EDOMAIN,
                   "%s is not defined at %s (the formula divides by zero, takes the log or "
                   "root of a negative number, overflows, or has a kink there); try a nearby "
                   "point",
                   what, sbuf_str(&at));
        sbuf_free(&at);
        return DS_EDOMAIN;
    }
    return DS_OK;
}

/* Words left after the ones a handler understood: refused with the row's usage. */
static ds_status no_more_args(const cmd_args *a, int i, cmd_ctx *c)
{
    if (i < a->argc) return cmd_usage_error(a, c, "unexpected '%s'", a->argv[i]);
    return DS_OK;
}

/* ---- cursor, eval ----------------------------------------------------------------- */

ds_status cmd_cursor(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        sbuf_puts(c->out, "cursor = ");
        put_point(c->out, s->cursor, s->digits);
        sbuf_puts(c->out, "\n");
        return DS_OK;
    }
    double x, y;
    if (a->argc != 3)
        return cmd_usage_error(a, c, "cursor needs both X and Y, got only '%s'", a->argv[1]);
    if (cmd_number(a->argv[1], "X", &x, c->err) || cmd_number(a->argv[2], "Y", &y, c->err))
        return c->err->code;
    s->cursor[0] = x;
    s->cursor[1] = y;
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

ds_status cmd_eval(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int i = 1;
    double p[2];
    if (cmd_point(s, a, &i, p, c->err) || no_more_args(a, i, c)) return c->err->code;
    double f = obj_value(&s->obj, p[0], p[1]);
    if (need_finite(s, &f, 1, "f", p, c->err)) return c->err->code;
    sbuf_puts(c->out, "f");
    put_point(c->out, p, s->digits);
    sbuf_puts(c->out, " = ");
    fmt_num(c->out, f, s->digits);
    sbuf_puts(c->out, "\n");
    return DS_OK;
}

/* ---- grad ------------------------------------------------------------------------- */

ds_status cmd_grad(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int i = 1, d = s->digits;
    double p[2], dir[2] = {0, 0}, f, g[2];
    if (cmd_point(s, a, &i, p, c->err)) return c->err->code;
    int along =
        word_and_pair(a, &i, "along", N_("'along' needs a direction DX DY"), "DX", "DY", dir, c);
    if (along < 0) return c->err->code;
    if (along && dir[0] == 0 && dir[1] == 0)
        return ds_err_set(c->err, DS_EARG,
                          "the direction [0, 0] has no length: give a nonzero DX DY");
    if (no_more_args(a, i, c)) return c->err->code;
    obj_grad(&s->obj, p[0], p[1], &f, g);
    if (need_finite(s, g, 2, "∇f", p, c->err)) return c->err->code;
    sbuf *o = c->out;
    double norm = hypot(g[0], g[1]);
    char kink[64];
    sbuf_puts(o, "∇f");
    put_point(o, p, d);
    sbuf_puts(o, " = ");
    fmt_vec2(o, g, d);
    sbuf_puts(o, "\n‖∇f‖ = ");
    fmt_num(o, norm, d);
    if (obj_kink(&s->obj, p[0], p[1], kink, sizeof kink) == 1) {
        sbuf_printf(o,
                    _("\nkink (%s): f is not differentiable here, and the numbers above come "
                      "from descent's convention (%s), not a gradient; they say nothing about "
                      "stationarity\n"),
                    kink, KINK_CONVENTION);
    } else if (norm > 0) {
        double u[2] = {g[0] / norm, g[1] / norm};
        sbuf_puts(o, _("\nsteepest ascent: "));
        fmt_vec2(o, u, d);
        sbuf_puts(o, _(" (unit ∇f/‖∇f‖); steepest descent is the opposite, −∇f/‖∇f‖\n"));
    } else {
        sbuf_puts(o, _("\nthe gradient is zero: a stationary point, no direction of steepest "
                       "ascent (hessian tells which kind)\n"));
    }
    if (along) {
        double len = hypot(dir[0], dir[1]);
        double v[2] = {dir[0] / len, dir[1] / len};
        sbuf_puts(o, _("along v = "));
        fmt_vec2(o, v, d);
        sbuf_puts(o, ": D_v f = ∇fᵀv = ");
        fmt_num(o, g[0] * v[0] + g[1] * v[1], d);
        sbuf_puts(o, _(" (the slope met walking that way)\n"));
    }
    return DS_OK;
}

/* ---- hessian ---------------------------------------------------------------------- */

static void put_matrix(sbuf *o, const double m[2][2], int d)
{
    sbuf_puts(o, "[[");
    fmt_num(o, m[0][0], d);
    sbuf_puts(o, ", ");
    fmt_num(o, m[0][1], d);
    sbuf_puts(o, "], [");
    fmt_num(o, m[1][0], d);
    sbuf_puts(o, ", ");
    fmt_num(o, m[1][1], d);
    sbuf_puts(o, "]]");
}

/* What a definiteness means at a stationary point (the table of COURSE.md §1). */
static const char *stationary_meaning(la_definiteness k)
{
    switch (k) {
    case LA_POSDEF: return _("a strict local minimum (H ≻ 0)");
    case LA_POSSEMIDEF:
        return _("a local minimum or a degenerate point: H ⪰ 0 with a zero eigenvalue, so the "
                 "test is inconclusive");
    case LA_NEGDEF: return _("a strict local maximum (H ≺ 0)");
    case LA_NEGSEMIDEF:
        return _("a local maximum or a degenerate point: H ⪯ 0 with a zero eigenvalue, so the "
                 "test is inconclusive");
    case LA_INDEFINITE: return _("a saddle point (H indefinite: up one way, down another)");
    case LA_ZERO: return _("undecided by the Hessian (H = 0): look at higher-order terms");
    }
    return "";
}

/* What a definiteness says about the shape where the gradient is not zero. */
static const char *curvature_meaning(la_definiteness k)
{
    switch (k) {
    case LA_POSDEF: return _("the surface curves up in every direction here (locally convex)");
    case LA_POSSEMIDEF: return _("the surface curves up in one direction and is flat in the other");
    case LA_NEGDEF: return _("the surface curves down in every direction here (locally concave)");
    case LA_NEGSEMIDEF:
        return _("the surface curves down in one direction and is flat in the other");
    case LA_INDEFINITE:
        return _("the surface curves up along one eigenvector and down along the other");
    case LA_ZERO: return _("the surface is flat to second order here");
    }
    return "";
}

static ds_status hessian_at(sess *s, const double p[2], sbuf *o, ds_err *err, int as_jacobian)
{
    int d = s->digits;
    double f, g[2], h[3];
    char kink[64];
    obj_hess(&s->obj, p[0], p[1], &f, g, h);
    int kinked = obj_kink(&s->obj, p[0], p[1], kink, sizeof kink);
    double fgh[6] = {f, g[0], g[1], h[0], h[1], h[2]};
    int finite = 1;
    for (int i = 0; i < 6; i++)
        finite &= isfinite(fgh[i]) != 0;
    if (kinked && !finite) {
        sbuf at;
        sbuf_init(&at);
        put_point(&at, p, s->digits);
        ds_err_set(err, DS_EDOMAIN,
                   "∇²f is not defined at %s: it is a kink of f (%s), where f is not "
                   "differentiable; try a nearby point",
                   sbuf_str(&at), kink);
        sbuf_free(&at);
        return DS_EDOMAIN;
    }
    if (need_finite(s, fgh + 3, 3, "∇²f", p, err) || need_finite(s, fgh + 1, 2, "∇f", p, err))
        return err->code;
    double m[2][2] = {{h[0], h[1]}, {h[1], h[2]}}, lam[2], vec[2][2];
    la_eig_sym2(h, lam, vec);
    la_definiteness k = la_classify(lam);
    sbuf_puts(o, as_jacobian ? "J_∇f" : "∇²f");
    put_point(o, p, d);
    sbuf_puts(o, " = ");
    put_matrix(o, m, d);
    if (as_jacobian)
        sbuf_puts(o, _("\n(the Jacobian of the gradient is the Hessian: row i is ∇(∂f/∂xᵢ)ᵀ)"));
    for (int i = 0; i < 2; i++) {
        sbuf_printf(o, "\nλ%d = ", i + 1);
        fmt_num(o, lam[i], d);
        sbuf_puts(o, _(", eigenvector "));
        fmt_vec2(o, vec[i], d);
    }
    sbuf_puts(o, "\ndet = ");
    fmt_num(o, la_det2(m), d);
    sbuf_puts(o, _(", condition number |λ|max/|λ|min = "));
    double lo = fmin(fabs(lam[0]), fabs(lam[1])), hi = fmax(fabs(lam[0]), fabs(lam[1]));
    if (lo == 0)
        sbuf_puts(o, _("∞ (singular)"));
    else
        fmt_num(o, hi / lo, d);
    sbuf_printf(o, "\n%s", _(la_definiteness_name(k)));
    double norm = hypot(g[0], g[1]);
    la_stationarity stat = la_stationarity_of(p, f, g, lam, vec);
    if (kinked) {
        sbuf_printf(o,
                    _("; but this is a kink of f (%s): f is not %sdifferentiable here, so the "
                      "matrix comes from descent's convention (%s) and there is no "
                      "min/max/saddle verdict\n"),
                    kink, kinked == 2 ? _("twice ") : "", KINK_CONVENTION);
    } else if (stat == LA_STATIONARY) {
        sbuf_printf(o, _("; ∇f = 0 here, so this is %s\n"), stationary_meaning(k));
    } else if (stat == LA_NEARLY_STATIONARY) {
        sbuf_puts(o, "; ‖∇f‖ = ");
        fmt_num(o, norm, d);
        sbuf_printf(o, _(" is nearly zero: if the stationary point is right here, it is %s\n"),
                    stationary_meaning(k));
    } else {
        sbuf_puts(o, _("; not a stationary point (‖∇f‖ = "));
        fmt_num(o, norm, d);
        sbuf_printf(o, _("), so no min/max/saddle verdict: %s\n"), curvature_meaning(k));
    }
    return DS_OK;
}

ds_status cmd_hessian(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int i = 1;
    double p[2];
    if (cmd_point(s, a, &i, p, c->err) || no_more_args(a, i, c)) return c->err->code;
    return hessian_at(s, p, c->out, c->err, 0);
}

/* ---- map, jacobian ---------------------------------------------------------------- */

/* Split "E1, E2" at the comma outside parentheses. Returns the comma's offset or -1. */
static int top_level_comma(const char *src)
{
    int depth = 0, at = -1;
    for (int i = 0; src[i]; i++) {
        if (src[i] == '(') depth++;
        if (src[i] == ')') depth--;
        if (src[i] == ',' && depth == 0) {
            if (at >= 0) return -2;
            at = i;
        }
    }
    return at;
}

ds_status cmd_map(sess *s, const cmd_args *a, cmd_ctx *c)
{
    if (a->argc == 1) {
        if (!s->map[0]) {
            sbuf_puts(c->out, _("no map set; e.g. map -2*x + y, x + y\n"));
            return DS_OK;
        }
        sbuf_printf(c->out, "map (x, y) ↦ (%s, %s)\n", expr_source(s->map[0]),
                    expr_source(s->map[1]));
        return DS_OK;
    }
    int comma = top_level_comma(a->rest);
    if (comma < 0)
        return ds_err_set(c->err, DS_EARG,
                          "a map needs two formulas separated by one comma, e.g. map -2*x + y, "
                          "x + y");
    char first[4096];
    if ((size_t)comma >= sizeof first) return ds_err_set(c->err, DS_EARG, "map is too long");
    memcpy(first, a->rest, (size_t)comma);
    first[comma] = '\0';
    expr *m1 = expr_compile(first, c->err);
    if (!m1) return c->err->code;
    const char *second = a->rest + comma + 1;
    while (*second == ' ' || *second == '\t')
        second++;
    expr *m2 = expr_compile(second, c->err);
    if (!m2) {
        expr_free(m1);
        return c->err->code;
    }
    expr_free(s->map[0]);
    expr_free(s->map[1]);
    s->map[0] = m1;
    s->map[1] = m2;
    return DS_OK;
}

static void det_meaning(sbuf *o, double det, int d)
{
    sbuf_puts(o, "det J = ");
    fmt_num(o, det, d);
    if (fabs(det) < 1e-12) {
        sbuf_puts(o, _(": the map folds here — it collapses a neighbourhood onto a line or a "
                       "point, so it cannot be inverted locally\n"));
        return;
    }
    sbuf_puts(o, _(": near this point the map scales areas by |det J| = "));
    fmt_num(o, fabs(det), d);
    sbuf_puts(o, det < 0 ? _(" and flips orientation (a mirror image)\n")
                         : _(" and keeps orientation\n"));
}

ds_status cmd_jacobian(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int i = 1, d = s->digits;
    const char *kind = "";
    if (i < a->argc && (strcmp(a->argv[i], "grad") == 0 || strcmp(a->argv[i], "map") == 0))
        kind = a->argv[i++];
    double p[2];
    if (cmd_point(s, a, &i, p, c->err) || no_more_args(a, i, c)) return c->err->code;
    sbuf *o = c->out;
    if (strcmp(kind, "grad") == 0) return hessian_at(s, p, o, c->err, 1);
    if (strcmp(kind, "map") == 0) {
        if (!s->map[0])
            return ds_err_set(c->err, DS_ESTATE, "no map set: first e.g. map -2*x + y, x + y");
        double v[2], j[2][2];
        expr_grad(s->map[0], p[0], p[1], &v[0], j[0]);
        expr_grad(s->map[1], p[0], p[1], &v[1], j[1]);
        if (need_finite(s, &j[0][0], 4, _("the map's Jacobian"), p, c->err)) return c->err->code;
        sbuf_printf(o, "map (x, y) ↦ (%s, %s)\nJ", expr_source(s->map[0]), expr_source(s->map[1]));
        put_point(o, p, d);
        sbuf_puts(o, " = ");
        put_matrix(o, j, d);
        sbuf_puts(o, _("   (row i is ∇mᵢᵀ)\n"));
        det_meaning(o, la_det2(j), d);
        return DS_OK;
    }
    double f, g[2];
    obj_grad(&s->obj, p[0], p[1], &f, g);
    if (need_finite(s, g, 2, "∇f", p, c->err)) return c->err->code;
    sbuf_puts(o, "J_f");
    put_point(o, p, d);
    sbuf_puts(o, " = [[");
    fmt_num(o, g[0], d);
    sbuf_puts(o, ", ");
    fmt_num(o, g[1], d);
    sbuf_puts(o, _("]]   (1×2: for f: R²→R the Jacobian is the gradient written as a row)\n"));
    return DS_OK;
}

/* ---- taylor ----------------------------------------------------------------------- */

static void put_term(sbuf *o, double coef, const char *what, int d)
{
    sbuf_puts(o, coef < 0 ? " − " : " + ");
    fmt_num(o, fabs(coef), d);
    sbuf_puts(o, what);
}

ds_status cmd_taylor(sess *s, const cmd_args *a, cmd_ctx *c)
{
    long order;
    if (cmd_integer(a->argv[1], _("the order"), 0, 2, &order, c->err)) return c->err->code;
    int i = 2, d = s->digits;
    double p[2], q[2];
    if (cmd_point(s, a, &i, p, c->err)) return c->err->code;
    int at = word_and_pair(a, &i, "at", N_("'at' needs a point QX QY"), "QX", "QY", q, c);
    if (at < 0) return c->err->code;
    if (no_more_args(a, i, c)) return c->err->code;
    double f, g[2], h[3];
    obj_hess(&s->obj, p[0], p[1], &f, g, h);
    double all[6] = {f, g[0], g[1], h[0], h[1], h[2]};
    int need = order == 0 ? 1 : order == 1 ? 3 : 6;
    if (need_finite(s, all, need, order ? _("the Taylor model") : "f", p, c->err))
        return c->err->code;
    sbuf *o = c->out;
    static const char *const names[] = {N_("constant"), N_("linear (tangent plane)"),
                                        N_("quadratic (osculating paraboloid)")};
    sbuf_printf(o, _("order-%ld Taylor model at "), order);
    put_point(o, p, d);
    sbuf_printf(o, ", %s:\nT%ld(x, y) = ", _(names[order]), order);
    fmt_num(o, f, d);
    if (order >= 1) {
        put_term(o, g[0], "·(x − x₀)", d);
        put_term(o, g[1], "·(y − y₀)", d);
    }
    if (order >= 2) {
        put_term(o, h[0] / 2, "·(x − x₀)²", d);
        put_term(o, h[1], "·(x − x₀)(y − y₀)", d);
        put_term(o, h[2] / 2, "·(y − y₀)²", d);
    }
    sbuf_puts(o, "\n");
    if (at) {
        double dx = q[0] - p[0], dy = q[1] - p[1];
        double model = f;
        if (order >= 1) model += g[0] * dx + g[1] * dy;
        if (order >= 2) model += 0.5 * (h[0] * dx * dx + 2 * h[1] * dx * dy + h[2] * dy * dy);
        double truth = obj_value(&s->obj, q[0], q[1]);
        if (need_finite(s, &truth, 1, "f", q, c->err)) return c->err->code;
        sbuf_printf(o, "%s ", _("at"));
        put_point(o, q, d);
        sbuf_printf(o, " (%s ", _("distance"));
        fmt_num(o, hypot(dx, dy), d);
        sbuf_printf(o, "): T%ld = ", order);
        fmt_num(o, model, d);
        sbuf_puts(o, ", f = ");
        fmt_num(o, truth, d);
        sbuf_printf(o, ", %s = ", _("error"));
        fmt_num(o, fabs(truth - model), d);
        sbuf_puts(o, "\n");
    }
    return DS_OK;
}

const vocab_word jacobian_words[] = {
    {"grad", "the Jacobian of ∇f, which is the Hessian", 0},
    {"map", "the Jacobian of the vector map (map E1, E2)", 0},
    {0},
};
