/* expr_wide.c — a second, slow evaluator of the same bytecode: value, gradient and Hessian
 * in long double (whose exponent reaches 1e±4932), which also notes where a rule met a
 * kink. The fast evaluators call it only when an intermediate over- or underflowed; the
 * calculus commands ask it whether a derivative was taken by a tie convention. */
#include <math.h>
#include <stddef.h>

#include "expr_internal.h"

typedef long double W;

typedef struct {
    W v, x, y, xx, xy, yy;
} w2;

/* Where a derivative rule met a kink: 1 the gradient is affected, 2 only the Hessian. */
typedef struct {
    int order;
    const char *what;
} kinkrec;

static const char *const fn_names[] = {
#define FN_NAME(id, name, arity, bop) name,
    FN_LIST(FN_NAME)
#undef FN_NAME
};

static void note(kinkrec *k, int order, const char *what)
{
    if (k->order == 0 || order < k->order) {
        k->order = order;
        k->what = what;
    }
}

static int first_zero(w2 u)
{
    return u.x == 0 && u.y == 0;
}

static int all_zero(w2 u)
{
    return first_zero(u) && u.xx == 0 && u.xy == 0 && u.yy == 0;
}

/* as tm() in expr_eval.c: a zero tangent stays zero whatever the factor */
static W tm(W f, W t)
{
    return t == 0 ? 0 : f * t;
}

static w2 wk(W v)
{
    w2 r = {v, 0, 0, 0, 0, 0};
    return r;
}

static w2 w_add(w2 a, w2 b, W s) /* a + s·b, s = ±1 */
{
    w2 r = {a.v + s * b.v,   a.x + s * b.x,   a.y + s * b.y,
            a.xx + s * b.xx, a.xy + s * b.xy, a.yy + s * b.yy};
    return r;
}

static w2 w_mul(w2 a, w2 b)
{
    w2 r;
    DUAL2_MUL(r, a, b);
    return r;
}

static w2 w_div(w2 a, w2 b)
{
    w2 r;
    DUAL2_DIV(r, a, b);
    return r;
}

/* f(u) from f, f′, f″; a non-finite derivative hidden by a zero tangent is a kink. */
static w2 w_chain(w2 u, const W f[3], kinkrec *k, const char *what)
{
    w2 r;
    if (isfinite(f[0]) && first_zero(u) && !all_zero(u)) {
        if (!isfinite(f[1]))
            note(k, 1, what); /* sqrt(x² + y²) at 0: slope ∞·0 */
        else if (!isfinite(f[2]))
            note(k, 2, what);
    }
    r.v = f[0];
    DUAL2_CHAIN_TM(r, u, f);
    return r;
}

typedef struct {
    W v, fa, fb, faa, fab, fbb;
} wpartials;

static w2 w_chain2(w2 a, w2 b, wpartials q, kinkrec *k, const char *what)
{
    w2 r;
    if (isfinite(q.v) && (!isfinite(q.fa) || !isfinite(q.fb))) note(k, 1, what);
    DUAL2_CHAIN2(r, a, b, q);
    return r;
}

EXPR_DEFINE_POWI(powil, W)

static void pow_const_derivs(W u, double kd, W f[3])
{
    int n;
    W k = kd;
    if (expr_small_int(kd, &n)) {
        f[0] = powil(u, n);
        f[1] = n == 0 ? 0 : n * powil(u, n - 1);
        f[2] = n == 0 || n == 1 ? 0 : (W)n * (n - 1) * powil(u, n - 2);
    } else {
        f[0] = powl(u, k);
        f[1] = k * powl(u, k - 1);
        f[2] = k * (k - 1) * powl(u, k - 2);
    }
}

static w2 w_pow(w2 a, w2 b, kinkrec *k)
{
    W f[3];
    if (all_zero(b)) {
        pow_const_derivs(a.v, (double)b.v, f);
        return w_chain(a, f, k, "^");
    }
    wpartials q;
    W la = logl(a.v), am1 = powl(a.v, b.v - 1);
    q.v = powl(a.v, b.v);
    q.fa = b.v * am1;
    q.fb = q.v * la;
    q.faa = b.v * (b.v - 1) * powl(a.v, b.v - 2);
    q.fab = am1 * (1 + b.v * la);
    q.fbb = q.v * la * la;
    if (a.v == 0 && b.v > 0) {
        q.fb = q.fbb = 0;
        if (b.v > 1) q.fab = 0;
    }
    return w_chain2(a, b, q, k, "^");
}

static w2 w_atan2(w2 a, w2 b, kinkrec *k)
{
    wpartials q;
    W r = a.v * a.v + b.v * b.v, r2 = r * r;
    q.v = atan2l(a.v, b.v);
    q.fa = b.v / r, q.fb = -a.v / r;
    q.faa = -2 * a.v * b.v / r2, q.fab = (a.v * a.v - b.v * b.v) / r2, q.fbb = 2 * a.v * b.v / r2;
    return w_chain2(a, b, q, k, "atan2");
}

/* min and max follow the chosen branch; a tie between different slopes is a kink. Ties
 * take the left operand, as the fast evaluators do. */
static w2 w_pick(w2 a, w2 b, int is_min, kinkrec *k)
{
    int left = is_min ? (a.v <= b.v || a.v != a.v) : (a.v >= b.v || a.v != a.v);
    if (a.v == b.v) {
        if (a.x != b.x || a.y != b.y)
            note(k, 1, is_min ? "min" : "max");
        else if (a.xx != b.xx || a.xy != b.xy || a.yy != b.yy)
            note(k, 2, is_min ? "min" : "max");
    }
    return left ? a : b;
}

static w2 w_fn1(int fn, w2 u, kinkrec *k)
{
    W f[3], x = u.v, t, w, r, s, c;
    switch ((fnid)fn) {
    case F_SIN: f[0] = sinl(x), f[1] = cosl(x), f[2] = -f[0]; break;
    case F_COS: f[0] = cosl(x), f[1] = -sinl(x), f[2] = -f[0]; break;
    case F_TAN: t = tanl(x), w = 1 + t * t, f[0] = t, f[1] = w, f[2] = 2 * t * w; break;
    case F_ASIN:
    case F_ACOS:
        w = (1 - x) * (1 + x), r = 1 / sqrtl(w);
        f[0] = fn == F_ASIN ? asinl(x) : acosl(x);
        f[1] = r, f[2] = x * r / w;
        if (fn == F_ACOS) f[1] = -f[1], f[2] = -f[2];
        break;
    case F_ATAN: w = 1 / (1 + x * x), f[0] = atanl(x), f[1] = w, f[2] = -2 * x * w * w; break;
    case F_SINH: f[0] = sinhl(x), f[1] = coshl(x), f[2] = f[0]; break;
    case F_COSH: f[0] = coshl(x), f[1] = sinhl(x), f[2] = f[0]; break;
    case F_TANH:
        r = expl(-2 * fabsl(x)), t = tanhl(x), w = 4 * r / ((1 + r) * (1 + r));
        f[0] = t, f[1] = w, f[2] = -2 * t * w;
        break;
    case F_EXP: f[0] = f[1] = f[2] = expl(x); break;
    case F_LOG: f[0] = logl(x), f[1] = 1 / x, f[2] = -1 / (x * x); break;
    case F_LOG10:
        w = logl(10), f[0] = log10l(x), f[1] = 1 / (x * w), f[2] = -1 / (x * x * w);
        break;
    case F_SQRT: s = sqrtl(x), f[0] = s, f[1] = 0.5L / s, f[2] = -0.25L / (s * s * s); break;
    case F_ABS:
        /* abs′(0) = 0 by convention: a kink wherever the argument moves */
        if (x == 0 && !all_zero(u)) note(k, first_zero(u) ? 2 : 1, "abs");
        f[0] = fabsl(x), f[1] = (x > 0) - (x < 0), f[2] = 0;
        break;
    case F_SIGMOID:
        if (x >= 0)
            t = expl(-x), s = 1 / (1 + t), c = t / (1 + t);
        else
            t = expl(x), s = t / (1 + t), c = 1 / (1 + t);
        f[0] = s, f[1] = s * c, f[2] = s * c * (c - s);
        break;
    default: f[0] = f[1] = f[2] = NAN; break;
    }
    return w_chain(u, f, k, fn >= 0 && fn < F_COUNT ? fn_names[fn] : "?");
}

/* A binary operation on (left, right). */
static w2 w_bin(int op, w2 a, w2 b, kinkrec *k)
{
    switch (op) {
    case B_ADD: return w_add(a, b, 1);
    case B_SUB: return w_add(a, b, -1);
    case B_MUL: return w_mul(a, b);
    case B_DIV: return w_div(a, b);
    case B_POW: return w_pow(a, b, k);
    case B_MIN: return w_pick(a, b, 1, k);
    case B_MAX: return w_pick(a, b, 0, k);
    case B_ATAN2: return w_atan2(a, b, k);
    default: return wk(NAN);
    }
}

/* For each opcode: the binary operation, where the operand besides the top comes from,
 * and whether the top is the left operand (expr_internal.h's OP_LIST). */
typedef struct {
    signed char bop, src, top_left;
} decode;

static const decode decode_op[] = {
#define OP_DECODE(op, effect, bop, src, top_left) {bop, src, top_left},
    OP_LIST(OP_DECODE)
#undef OP_DECODE
};

/* Run the program; returns the top of the stack. */
static w2 run_wide(const expr *e, double x, double y, kinkrec *k)
{
    w2 st[EXPR_STACK], acc = wk(0);
    const w2 X = {x, 1, 0, 0, 0, 0}, Y = {y, 0, 1, 0, 0, 0};
    int sp = 0;
    for (const insn *pc = e->code;; pc++) {
        switch ((opcode)pc->op) {
        case OP_LDK: st[sp++] = acc, acc = wk(pc->k); continue;
        case OP_LDX: st[sp++] = acc, acc = X; continue;
        case OP_LDY: st[sp++] = acc, acc = Y; continue;
        case OP_NEG: acc = w_add(wk(0), acc, -1); continue;
        case OP_SQR: acc = w_mul(acc, acc); continue;
        case OP_POWI: acc = w_pow(acc, wk(pc->n), k); continue;
        case OP_CALL1: acc = w_fn1(pc->fn, acc, k); continue;
        case OP_END: return acc;
        default: break;
        }
        decode d = decode_op[pc->op];
        w2 other = d.src == SRC_STACK ? st[--sp]
                   : d.src == SRC_K   ? wk(pc->k)
                   : d.src == SRC_X   ? X
                                      : Y;
        acc = d.top_left ? w_bin(d.bop, acc, other, k) : w_bin(d.bop, other, acc, k);
    }
}

void expr_hess_wide(const expr *e, double x, double y, double g[2], double h[3])
{
    kinkrec k = {0, NULL};
    w2 r = run_wide(e, x, y, &k);
    g[0] = (double)r.x + 0.0;
    g[1] = (double)r.y + 0.0;
    h[0] = (double)r.xx + 0.0;
    h[1] = (double)r.xy + 0.0;
    h[2] = (double)r.yy + 0.0;
}

/* A derivative came out non-finite where f is finite: an intermediate may have over- or
 * underflowed (the Hessian of atan2(y, x) at (1e-150, 1e-150) squares r = x² + y²;
 * sqrt(x^2) at 1e-300 loses x² to 0). Redo it with long double's wider exponent and
 * take each component that is now finite; the others stay undefined. Rare, so the
 * fast loops pay one test. */
void expr_wide_fix(const expr *e, double x, double y, double g[2], double h[3])
{
    double wg[2], wh[3];
    expr_hess_wide(e, x, y, wg, wh);
    for (int i = 0; i < 2; i++)
        if (!isfinite(g[i]) && isfinite(wg[i])) g[i] = wg[i];
    for (int i = 0; h && i < 3; i++)
        if (!isfinite(h[i]) && isfinite(wh[i])) h[i] = wh[i];
}

int expr_kink(const expr *e, double x, double y, const char **what)
{
    kinkrec k = {0, NULL};
    if (e) run_wide(e, x, y, &k);
    if (what) *what = k.what;
    return k.order;
}
