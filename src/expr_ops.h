/* expr_ops.h — the formula evaluators' arithmetic, private to expr_eval.c (one point at a
 * time, the VM and the catalog's precompiled kernels) and expr_batch.c (a block of points
 * per instruction): scalar helpers, first- and second-order dual numbers with every
 * operation's derivative rules, and each evaluator's handlers written once as a list of
 * (tape opcode, statements). Every user of the lists runs the same statements per point,
 * so all of them agree to the bit. */
#ifndef DESCENT_EXPR_OPS_H
#define DESCENT_EXPR_OPS_H

#include <math.h>

#include "expr_internal.h"

#define POWI_MAX 16 /* integer exponents up to this size use repeated squaring */

/* Each file including this uses some of these functions: unused ones are no error. */
#if defined(__GNUC__) || defined(__clang__)
#define OPS_FN static __attribute__((unused))
#else
#define OPS_FN static
#endif

/* ------------------------------------------------------------------------------------ */
/* Scalar helpers shared by folding and every evaluator, so all agree to the last bit     */
/* ------------------------------------------------------------------------------------ */

EXPR_DEFINE_POWI(powi, double)

/* Is k a small integer exponent (|k| <= POWI_MAX)? */
OPS_FN int small_int(double k, int *n)
{
    if (!(fabs(k) <= POWI_MAX) || k != floor(k)) return 0;
    *n = (int)k;
    return 1;
}

/* The logistic function and its complement 1 - s, without overflow or cancellation. */
static inline void sigmoid2(double u, double *s, double *c)
{
    if (u >= 0) {
        double t = exp(-u);
        *s = 1 / (1 + t);
        *c = t / (1 + t);
    } else {
        double t = exp(u);
        *s = t / (1 + t);
        *c = 1 / (1 + t);
    }
}

/* min and max choose a branch (the derivative follows it); ties pick the left operand,
 * and NaN in either operand propagates rather than being silently dropped as fmin does. */
static inline int pick_left_min(double a, double b)
{
    return a <= b || a != a;
}
static inline int pick_left_max(double a, double b)
{
    return a >= b || a != a;
}

OPS_FN double fn1_value(int fn, double u)
{
    double s, c;
    switch ((fnid)fn) {
    case F_SIN: return sin(u);
    case F_COS: return cos(u);
    case F_TAN: return tan(u);
    case F_ASIN: return asin(u);
    case F_ACOS: return acos(u);
    case F_ATAN: return atan(u);
    case F_SINH: return sinh(u);
    case F_COSH: return cosh(u);
    case F_TANH: return tanh(u);
    case F_EXP: return exp(u);
    case F_LOG: return log(u);
    case F_LOG10: return log10(u);
    case F_SQRT: return sqrt(u);
    case F_ABS: return fabs(u);
    case F_SIGMOID: sigmoid2(u, &s, &c); return s;
    default: return NAN;
    }
}

/* f(u), f'(u) and f''(u) of a one-argument function. f[0] is computed exactly as
 * fn1_value computes it. */
OPS_FN void fn1_derivs(int fn, double u, double f[3])
{
    double t, w, r, s, c;
    switch ((fnid)fn) {
    case F_SIN:
        s = sin(u), c = cos(u);
        f[0] = s, f[1] = c, f[2] = -s;
        break;
    case F_COS:
        s = sin(u), c = cos(u);
        f[0] = c, f[1] = -s, f[2] = -c;
        break;
    case F_TAN:
        t = tan(u), w = 1 + t * t;
        f[0] = t, f[1] = w, f[2] = 2 * t * w;
        break;
    case F_ASIN:
    case F_ACOS:
        /* 1 − u² as (1 − u)(1 + u): both factors are exact near ±1, where u·u rounds */
        w = (1 - u) * (1 + u), r = 1 / sqrt(w);
        f[0] = fn == F_ASIN ? asin(u) : acos(u);
        f[1] = r, f[2] = u * r / w;
        if (fn == F_ACOS) f[1] = -f[1], f[2] = -f[2];
        break;
    case F_ATAN:
        w = 1 / (1 + u * u);
        f[0] = atan(u), f[1] = w, f[2] = -2 * u * w * w;
        break;
    case F_SINH:
        s = sinh(u), c = cosh(u);
        f[0] = s, f[1] = c, f[2] = s;
        break;
    case F_COSH:
        s = sinh(u), c = cosh(u);
        f[0] = c, f[1] = s, f[2] = c;
        break;
    case F_TANH:
        /* 1/cosh²u = 4e/(1 + e)² with e = exp(−2|u|): 1 − tanh²u cancels to nothing by
         * |u| ≈ 19, this keeps full precision and never overflows */
        r = exp(-2 * fabs(u));
        t = tanh(u), w = 4 * r / ((1 + r) * (1 + r));
        f[0] = t, f[1] = w, f[2] = -2 * t * w;
        break;
    case F_EXP: f[0] = f[1] = f[2] = exp(u); break;
    case F_LOG: f[0] = log(u), f[1] = 1 / u, f[2] = -1 / (u * u); break;
    case F_LOG10: f[0] = log10(u), f[1] = 1 / (u * M_LN10), f[2] = -1 / (u * u * M_LN10); break;
    case F_SQRT:
        /* at 0 the slope is +inf: honest, and callers check isfinite */
        s = sqrt(u);
        f[0] = s, f[1] = 0.5 / s, f[2] = -0.25 / (s * s * s);
        break;
    case F_ABS:
        /* the kink at 0 gets slope 0, the sign function's value there */
        f[0] = fabs(u), f[1] = (u > 0) - (u < 0), f[2] = 0;
        break;
    case F_SIGMOID:
        sigmoid2(u, &s, &c);
        f[0] = s, f[1] = s * c, f[2] = s * c * (c - s);
        break;
    default: f[0] = f[1] = f[2] = NAN; break;
    }
}

/* u^k for a constant exponent k, as the bytecode computes it. */
OPS_FN double pow_const(double u, double k)
{
    int n;
    return small_int(k, &n) ? powi(u, n) : pow(u, k);
}

/* f * t where t is a tangent component: a zero tangent means "does not depend on this
 * variable", which must stay 0 even where f' is infinite (sqrt at 0) or NaN. */
static inline double tm(double f, double t)
{
    return t == 0 ? 0 : f * t;
}

/* Partial derivatives of a two-argument operation, up to second order. */
typedef struct {
    double v, fa, fb, faa, fab, fbb;
} partials;

/* pow(a, b) partials; when b is constant here (zero tangent) the caller uses the
 * constant-exponent rule instead, which is right for negative bases too. */
OPS_FN partials pow_partials(double a, double b)
{
    partials q;
    double la = log(a), am1 = pow(a, b - 1);
    q.v = pow(a, b);
    q.fa = b * am1;
    q.fb = q.v * la;
    q.faa = b * (b - 1) * pow(a, b - 2);
    q.fab = am1 * (1 + b * la);
    q.fbb = q.v * la * la;
    if (a == 0 && b > 0) {
        /* a^b ln a -> 0 as a -> 0+: the exponent's pull vanishes at a zero base */
        q.fb = q.fbb = 0;
        if (b > 1) q.fab = 0;
    }
    return q;
}

OPS_FN partials atan2_partials(double a, double b)
{
    partials q;
    double r = a * a + b * b, r2 = r * r;
    q.v = atan2(a, b);
    q.fa = b / r, q.fb = -a / r;
    q.faa = -2 * a * b / r2, q.fab = (a * a - b * b) / r2, q.fbb = 2 * a * b / r2;
    return q;
}

/* u^k for a constant k: value, first and second derivative. */
OPS_FN void pow_const_derivs(double u, double k, double f[3])
{
    int n;
    if (small_int(k, &n)) {
        f[0] = powi(u, n);
        f[1] = n == 0 ? 0 : n * powi(u, n - 1);
        f[2] = n == 0 || n == 1 ? 0 : (double)n * (n - 1) * powi(u, n - 2);
    } else {
        f[0] = pow(u, k);
        f[1] = k * pow(u, k - 1);
        f[2] = k * (k - 1) * pow(u, k - 2);
    }
}

/* ---- first order: value and two tangents ---- */

typedef struct {
    double v, x, y;
} dual1;

static inline dual1 d1_make(double v, double x, double y)
{
    dual1 r = {v, x, y};
    return r;
}

static inline dual1 d1_const(double k)
{
    dual1 r = {k, 0, 0};
    return r;
}

static inline dual1 d1_add(dual1 a, dual1 b)
{
    dual1 r = {a.v + b.v, a.x + b.x, a.y + b.y};
    return r;
}

static inline dual1 d1_sub(dual1 a, dual1 b)
{
    dual1 r = {a.v - b.v, a.x - b.x, a.y - b.y};
    return r;
}

/* -u: the value as the value evaluator negates it; tangents as 0 - t, so a zero tangent
 * stays +0 rather than becoming -0 */
static inline dual1 d1_neg(dual1 u)
{
    dual1 r = {-u.v, 0 - u.x, 0 - u.y};
    return r;
}

static inline dual1 d1_mul(dual1 a, dual1 b)
{
    dual1 r = {a.v * b.v, a.x * b.v + a.v * b.x, a.y * b.v + a.v * b.y};
    return r;
}

/* Multiplying or dividing by a constant: the value as acc * k (acc / k), the rest
 * scaled, so a non-finite value does not leak into the tangents through 0 * inf. */
static inline dual1 d1_scale(dual1 a, double k)
{
    dual1 r = {a.v * k, a.x * k, a.y * k};
    return r;
}

/* Adding or subtracting a constant moves the value only. */
static inline dual1 d1_addk(dual1 a, double k)
{
    dual1 r = {a.v + k, a.x, a.y};
    return r;
}

static inline dual1 d1_subk(dual1 a, double k)
{
    dual1 r = {a.v - k, a.x, a.y};
    return r;
}

static inline dual1 d1_divk(dual1 a, double k)
{
    dual1 r = {a.v / k, a.x / k, a.y / k};
    return r;
}

static inline dual1 d1_div(dual1 a, dual1 b)
{
    dual1 r;
    r.v = a.v / b.v;
    r.x = (a.x - r.v * b.x) / b.v;
    r.y = (a.y - r.v * b.y) / b.v;
    return r;
}

static inline dual1 d1_sqr(dual1 u)
{
    dual1 r = {u.v * u.v, 2 * u.v * u.x, 2 * u.v * u.y};
    return r;
}

/* u + x, u·x, u/x and the same with y: x's tangent is (1, 0), y's (0, 1), so the terms
 * with their zero components are left out. Wherever u is finite those terms only add
 * ±0 (the same result but for a zero's sign, which the end makes +0); where u is not they
 * would turn a derivative that does not depend on x into 0·∞ = NaN. */
static inline dual1 d1_addx(dual1 a, double x)
{
    dual1 r = {a.v + x, a.x + 1, a.y};
    return r;
}
static inline dual1 d1_addy(dual1 a, double y)
{
    dual1 r = {a.v + y, a.x, a.y + 1};
    return r;
}
static inline dual1 d1_mulx(dual1 a, double x)
{
    dual1 r = {a.v * x, a.x * x + a.v, a.y * x};
    return r;
}
static inline dual1 d1_muly(dual1 a, double y)
{
    dual1 r = {a.v * y, a.x * y, a.y * y + a.v};
    return r;
}
static inline dual1 d1_divx(dual1 a, double x)
{
    double v = a.v / x;
    return (dual1){v, (a.x - v) / x, a.y / x};
}
static inline dual1 d1_divy(dual1 a, double y)
{
    double v = a.v / y;
    return (dual1){v, a.x / y, (a.y - v) / y};
}

/* f(u) given f(u) and f'(u). */
static inline dual1 d1_chain(dual1 u, const double f[3])
{
    dual1 r = {f[0], tm(f[1], u.x), tm(f[1], u.y)};
    return r;
}

static inline dual1 d1_chain2(dual1 a, dual1 b, partials q)
{
    dual1 r = {q.v, tm(q.fa, a.x) + tm(q.fb, b.x), tm(q.fa, a.y) + tm(q.fb, b.y)};
    return r;
}

OPS_FN dual1 d1_pow(dual1 a, dual1 b)
{
    double f[3];
    dual1 r;
    if (b.x == 0 && b.y == 0) {
        /* constant exponent here: n u^(n-1), right for negative bases too */
        pow_const_derivs(a.v, b.v, f);
        r = d1_chain(a, f);
        r.v = pow(a.v, b.v); /* the value exactly as the value evaluator computes it */
        return r;
    }
    return d1_chain2(a, b, pow_partials(a.v, b.v));
}

/* ---- second order: value, two tangents and the three distinct second derivatives ---- */

typedef struct {
    double v, x, y, xx, xy, yy;
} dual2;

static inline dual2 d2_make(double v, double x, double y, double xx, double xy, double yy)
{
    dual2 r = {v, x, y, xx, xy, yy};
    return r;
}

static inline dual2 d2_const(double k)
{
    dual2 r = {k, 0, 0, 0, 0, 0};
    return r;
}

static inline dual2 d2_add(dual2 a, dual2 b)
{
    dual2 r = {a.v + b.v, a.x + b.x, a.y + b.y, a.xx + b.xx, a.xy + b.xy, a.yy + b.yy};
    return r;
}

static inline dual2 d2_sub(dual2 a, dual2 b)
{
    dual2 r = {a.v - b.v, a.x - b.x, a.y - b.y, a.xx - b.xx, a.xy - b.xy, a.yy - b.yy};
    return r;
}

static inline dual2 d2_neg(dual2 u)
{
    dual2 r = {-u.v, 0 - u.x, 0 - u.y, 0 - u.xx, 0 - u.xy, 0 - u.yy};
    return r;
}

static inline dual2 d2_mul(dual2 a, dual2 b)
{
    dual2 r;
    DUAL2_MUL(r, a, b);
    return r;
}

/* Multiplying or dividing by a constant, as for dual1. */
static inline dual2 d2_scale(dual2 a, double k)
{
    dual2 r = {a.v * k, a.x * k, a.y * k, a.xx * k, a.xy * k, a.yy * k};
    return r;
}

static inline dual2 d2_addk(dual2 a, double k)
{
    dual2 r = {a.v + k, a.x, a.y, a.xx, a.xy, a.yy};
    return r;
}

static inline dual2 d2_subk(dual2 a, double k)
{
    dual2 r = {a.v - k, a.x, a.y, a.xx, a.xy, a.yy};
    return r;
}

static inline dual2 d2_divk(dual2 a, double k)
{
    dual2 r = {a.v / k, a.x / k, a.y / k, a.xx / k, a.xy / k, a.yy / k};
    return r;
}

static inline dual2 d2_div(dual2 a, dual2 b)
{
    dual2 r;
    DUAL2_DIV(r, a, b);
    return r;
}

static inline dual2 d2_sqr(dual2 u)
{
    dual2 r;
    r.v = u.v * u.v;
    r.x = 2 * u.v * u.x;
    r.y = 2 * u.v * u.y;
    r.xx = 2 * (u.x * u.x + u.v * u.xx);
    r.xy = 2 * (u.x * u.y + u.v * u.xy);
    r.yy = 2 * (u.y * u.y + u.v * u.yy);
    return r;
}

/* The second-order u + x, u·x, u/x and the same with y, as for dual1 (x's and y's second
 * derivatives are zero too). */
static inline dual2 d2_addx(dual2 a, double x)
{
    dual2 r = {a.v + x, a.x + 1, a.y, a.xx, a.xy, a.yy};
    return r;
}
static inline dual2 d2_addy(dual2 a, double y)
{
    dual2 r = {a.v + y, a.x, a.y + 1, a.xx, a.xy, a.yy};
    return r;
}
static inline dual2 d2_mulx(dual2 a, double x)
{
    dual2 r = {a.v * x, a.x * x + a.v, a.y * x, a.xx * x + 2 * a.x, a.xy * x + a.y, a.yy * x};
    return r;
}
static inline dual2 d2_muly(dual2 a, double y)
{
    dual2 r = {a.v * y, a.x * y, a.y * y + a.v, a.xx * y, a.xy * y + a.x, a.yy * y + 2 * a.y};
    return r;
}
static inline dual2 d2_divx(dual2 a, double x)
{
    dual2 r;
    r.v = a.v / x;
    r.x = (a.x - r.v) / x;
    r.y = a.y / x;
    r.xx = (a.xx - 2 * r.x) / x;
    r.xy = (a.xy - r.y) / x;
    r.yy = a.yy / x;
    return r;
}
static inline dual2 d2_divy(dual2 a, double y)
{
    dual2 r;
    r.v = a.v / y;
    r.x = a.x / y;
    r.y = (a.y - r.v) / y;
    r.xx = a.xx / y;
    r.xy = (a.xy - r.x) / y;
    r.yy = (a.yy - 2 * r.y) / y;
    return r;
}

/* f(u) given f, f', f'': d = f' du; dd_ij = f' ddu_ij + f'' du_i du_j. */
static inline dual2 d2_chain(dual2 u, const double f[3])
{
    dual2 r;
    r.v = f[0];
    if (isfinite(f[1]) && isfinite(f[2])) {
        r.x = f[1] * u.x;
        r.y = f[1] * u.y;
        r.xx = f[1] * u.xx + f[2] * u.x * u.x;
        r.xy = f[1] * u.xy + f[2] * u.x * u.y;
        r.yy = f[1] * u.yy + f[2] * u.y * u.y;
    } else {
        DUAL2_CHAIN_TM(r, u, f);
    }
    return r;
}

/* f(a, b) from its partial derivatives up to second order. */
static inline dual2 d2_chain2(dual2 a, dual2 b, partials q)
{
    dual2 r;
    DUAL2_CHAIN2(r, a, b, q);
    return r;
}

OPS_FN dual2 d2_pow(dual2 a, dual2 b)
{
    double f[3];
    dual2 r;
    if (b.x == 0 && b.y == 0 && b.xx == 0 && b.xy == 0 && b.yy == 0) {
        /* constant exponent here: n u^(n-1), right for negative bases too */
        pow_const_derivs(a.v, b.v, f);
        r = d2_chain(a, f);
        r.v = pow(a.v, b.v); /* the value exactly as the value evaluator computes it */
        return r;
    }
    return d2_chain2(a, b, pow_partials(a.v, b.v));
}

/* The end of a derivative evaluation: adding +0 turns a -0 tangent (from negating a zero)
 * into the 0 people expect; a non-finite derivative where f is finite is redone wide. */
static inline void d1_out(dual1 z, const expr *e, double x, double y, double *f, double g[2])
{
    *f = z.v;
    g[0] = z.x + 0.0;
    g[1] = z.y + 0.0;
    if (isfinite(z.v) && !(isfinite(z.x) && isfinite(z.y))) expr_wide_fix(e, x, y, g, NULL);
}

static inline void d2_out(dual2 z, const expr *e, double x, double y, double *f, double g[2],
                          double h[3])
{
    *f = z.v;
    g[0] = z.x + 0.0;
    g[1] = z.y + 0.0;
    h[0] = z.xx + 0.0;
    h[1] = z.xy + 0.0;
    h[2] = z.yy + 0.0;
    if (isfinite(z.v) &&
        !(isfinite(z.x) && isfinite(z.y) && isfinite(z.xx) && isfinite(z.xy) && isfinite(z.yy)))
        expr_wide_fix(e, x, y, g, h);
}

/* the variants for operands that depend on one variable */
#include "expr_sparse.h"

/* ------------------------------------------------------------------------------------ */
/* The handlers                                                                           */
/* ------------------------------------------------------------------------------------ */

/* Each opcode of the tape (expr_internal.h) once, as statements written against names
 * the user of a list defines: VM_K, VM_N and VM_FN the instruction's constant, exponent
 * and function; VA and VB the values of its operands, VX and VY those of x and y; for
 * the value evaluator VD the destination; for the dual ones RA and RB the operands and
 * DX and DY x and y as duals, SET(d) storing the result, and fd three doubles of scratch. The dual
 * list is written once for both orders: P is d1 or d2. TP_END is each user's own. */
/* clang-format off */
/* The x and y forms (V is X or Y): the operation with x or y on the right, or on the
 * left for − and ÷. */
#define VALUE_XY(H, W) \
    H(TP_ADD##W, VD = VA + V##W;) \
    H(TP_SUB##W, VD = VA - V##W;) \
    H(TP_MUL##W, VD = VA * V##W;) \
    H(TP_DIV##W, VD = VA / V##W;) \
    H(TP_##W##SUB, VD = V##W - VA;) \
    H(TP_##W##DIV, VD = V##W / VA;)
#define DUAL_XY(H, P, W, w) \
    H(TP_ADD##W, SET(P##_add##w(RA, V##W));) \
    H(TP_SUB##W, SET(P##_sub(RA, D##W));) \
    H(TP_MUL##W, SET(P##_mul##w(RA, V##W));) \
    H(TP_DIV##W, SET(P##_div##w(RA, V##W));) \
    H(TP_##W##SUB, SET(P##_sub(D##W, RA));) \
    H(TP_##W##DIV, SET(P##_div(D##W, RA));)

#define VALUE_HANDLERS(H) VALUE_HANDLERS_NO_POWI(H) H(TP_POWI, VD = powi(VA, VM_N);)
#define VALUE_HANDLERS_NO_POWI(H) \
    H(TP_ADD, VD = VA + VB;) \
    H(TP_SUB, VD = VA - VB;) \
    H(TP_MUL, VD = VA * VB;) \
    H(TP_DIV, VD = VA / VB;) \
    H(TP_POW, VD = pow(VA, VB);) \
    H(TP_MIN, VD = pick_left_min(VA, VB) ? VA : VB;) \
    H(TP_MAX, VD = pick_left_max(VA, VB) ? VA : VB;) \
    H(TP_ATAN2, VD = atan2(VA, VB);) \
    H(TP_ADDMK, VD = VA + VB * VM_K;) \
    H(TP_SUBMK, VD = VA - VB * VM_K;) \
    H(TP_MKSUB, VD = VA * VM_K - VB;) \
    H(TP_ADDK, VD = VA + VM_K;) \
    H(TP_SUBK, VD = VA - VM_K;) \
    H(TP_MULK, VD = VA * VM_K;) \
    H(TP_DIVK, VD = VA / VM_K;) \
    H(TP_KSUB, VD = VM_K - VA;) \
    H(TP_KDIV, VD = VM_K / VA;) \
    VALUE_XY(H, X) \
    VALUE_XY(H, Y) \
    H(TP_CONST, VD = VM_K;) \
    H(TP_NEG, VD = -VA;) \
    H(TP_SQR, VD = VA * VA;) \
    H(TP_CALL1, VD = fn1_value(VM_FN, VA);)

#define DUAL_HANDLERS(H, P) DUAL_HANDLERS_NO_POWI(H, P) \
    H(TP_POWI, pow_const_derivs(VA, VM_N, fd); SET(P##_chain(RA, fd));) \
    SPARSE_POWI(H, P, X) SPARSE_POWI(H, P, Y)
#define DUAL_HANDLERS_NO_POWI(H, P) \
    H(TP_ADD, SET(P##_add(RA, RB));) \
    H(TP_SUB, SET(P##_sub(RA, RB));) \
    H(TP_MUL, SET(P##_mul(RA, RB));) \
    H(TP_DIV, SET(P##_div(RA, RB));) \
    H(TP_POW, SET(P##_pow(RA, RB));) \
    H(TP_MIN, SET(pick_left_min(VA, VB) ? RA : RB);) \
    H(TP_MAX, SET(pick_left_max(VA, VB) ? RA : RB);) \
    H(TP_ATAN2, SET(P##_chain2(RA, RB, atan2_partials(VA, VB)));) \
    H(TP_ADDMK, SET(P##_add(RA, P##_scale(RB, VM_K)));) \
    H(TP_SUBMK, SET(P##_sub(RA, P##_scale(RB, VM_K)));) \
    H(TP_MKSUB, SET(P##_sub(P##_scale(RA, VM_K), RB));) \
    H(TP_ADDK, SET(P##_addk(RA, VM_K));) \
    H(TP_SUBK, SET(P##_subk(RA, VM_K));) \
    H(TP_MULK, SET(P##_scale(RA, VM_K));) \
    H(TP_DIVK, SET(P##_divk(RA, VM_K));) \
    H(TP_KSUB, SET(P##_sub(P##_const(VM_K), RA));) \
    H(TP_KDIV, SET(P##_div(P##_const(VM_K), RA));) \
    DUAL_XY(H, P, X, x) \
    DUAL_XY(H, P, Y, y) \
    H(TP_CONST, SET(P##_const(VM_K));) \
    H(TP_NEG, SET(P##_neg(RA));) \
    H(TP_SQR, SET(P##_sqr(RA));) \
    H(TP_CALL1, fn1_derivs(VM_FN, VA, fd); SET(P##_chain(RA, fd));) \
    SPARSE_HANDLERS_NO_POWI(H, P)
/* clang-format on */

#endif
