/* expr_eval.c — running a formula's bytecode: value only (a tight dispatch loop), value +
 * gradient (first-order forward mode) and value + gradient + Hessian (second-order forward
 * mode), with the derivative rules of every operation. Derivatives are exact; nothing here
 * uses finite differences. Constant folding borrows this file's arithmetic. */
#include <math.h>
#include <string.h>

#include "expr_internal.h"

#define POWI_MAX 16 /* integer exponents up to this size use repeated squaring */

/* ------------------------------------------------------------------------------------ */
/* Scalar helpers shared by folding and every evaluator, so all agree to the last bit     */
/* ------------------------------------------------------------------------------------ */

/* u^n by repeated squaring: exact for small n, and well defined for negative u. */
static inline double powi(double u, int n)
{
    unsigned m = n < 0 ? 0u - (unsigned)n : (unsigned)n;
    double r = 1;
    while (m) {
        if (m & 1u) r *= u;
        m >>= 1;
        if (m) u *= u;
    }
    return n < 0 ? 1 / r : r;
}

/* Is k a small integer exponent (|k| <= POWI_MAX)? */
static int small_int(double k, int *n)
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

static double fn1_value(int fn, double u)
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
static void fn1_derivs(int fn, double u, double f[3])
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
static double pow_const(double u, double k)
{
    int n;
    return small_int(k, &n) ? powi(u, n) : pow(u, k);
}

/* A binary operation on plain numbers: constant folding uses this, so folded constants
 * equal what the evaluators would have computed. */
double expr_bin_value(binop op, double a, double b)
{
    switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_POW: return pow_const(a, b);
    case B_MIN: return pick_left_min(a, b) ? a : b;
    case B_MAX: return pick_left_max(a, b) ? a : b;
    case B_ATAN2: return atan2(a, b);
    default: return NAN;
    }
}

/* A one-argument function on a plain number, for constant folding. */
double expr_fn1_value(int fn, double u)
{
    return fn1_value(fn, u);
}

/* For code generation: does u^k compile to repeated squaring (OP_SQR, OP_POWI)? */
int expr_small_int(double k, int *n)
{
    return small_int(k, n);
}

/* ------------------------------------------------------------------------------------ */
/* Value only                                                                             */
/* ------------------------------------------------------------------------------------ */

/* The handlers are written once. With GCC or Clang each handler ends in its own indirect
 * jump ("threaded code"): the branch predictor then learns which instruction follows
 * which, where one shared switch jump mispredicts on most CPUs — measured 3x faster on
 * rosenbrock. Other compilers, or -DDESCENT_PORTABLE_VM, get the plain C11 switch loop. */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(DESCENT_PORTABLE_VM)
#define VM_THREADED 1
#define VM_CASE(op) L_##op:
#define VM_NEXT     goto *vm_labels[(++pc)->op]
#define VM_START    goto *vm_labels[pc->op];
#define VM_STOP
#else
#define VM_CASE(op) case op:
#define VM_NEXT     continue
#define VM_START                                                                                   \
    for (;; pc++)                                                                                  \
        switch ((opcode)pc->op) {
#define VM_STOP                                                                                    \
    case OP_COUNT: continue;                                                                       \
        }
#endif

/* GCC's straight-line vectorizer packs the derivative components into vector registers;
 * repacking them where the handlers meet grows the shared dispatch block until GCC no
 * longer copies it into each handler, and the threading is lost (2x slower). */
/* The VMs stay out of line: their entry points may then run a kernel without setting up
 * the VM's stack frame first. */
#if defined(__GNUC__) || defined(__clang__)
#define VM_NOINLINE __attribute__((noinline))
#else
#define VM_NOINLINE
#endif

#if defined(VM_THREADED) && defined(__GNUC__) && !defined(__clang__)
#define VM_SCALAR __attribute__((optimize("no-tree-slp-vectorize")))
#else
#define VM_SCALAR
#endif

/* Each evaluator's handlers are written once, as a list of (opcode, statements...) where
 * VM_K, VM_N and VM_FN are the instruction's constant, exponent and function: the VM expands them
 * into its dispatch loop, and the catalog's precompiled programs (expr_kernels.h) into
 * straight-line code, so both compute the same operations in the same order, bit for
 * bit. */
#define VM_K                (pc->k)
#define VM_N                (pc->n)
#define VM_FN               (pc->fn)
#define VM_HANDLER(op, ...) VM_CASE(op){__VA_ARGS__} VM_NEXT;

/* clang-format off */
#define VALUE_HANDLERS(H)                                                                               \
    H(OP_LDK, st[sp++] = acc, acc = VM_K;) \
    H(OP_LDX, st[sp++] = acc, acc = x;) \
    H(OP_LDY, st[sp++] = acc, acc = y;) \
    H(OP_ADD, acc = st[--sp] + acc;) \
    H(OP_SUB, acc = st[--sp] - acc;) \
    H(OP_MUL, acc = st[--sp] * acc;) \
    H(OP_DIV, acc = st[--sp] / acc;) \
    H(OP_POW, acc = pow(st[--sp], acc);) \
    H(OP_MIN, t = st[--sp], acc = pick_left_min(t, acc) ? t : acc;) \
    H(OP_MAX, t = st[--sp], acc = pick_left_max(t, acc) ? t : acc;) \
    H(OP_ATAN2, acc = atan2(st[--sp], acc);) \
    H(OP_RSUB, acc = acc - st[--sp];) \
    H(OP_RDIV, acc = acc / st[--sp];) \
    H(OP_RPOW, acc = pow(acc, st[--sp]);) \
    H(OP_RMIN, t = st[--sp], acc = pick_left_min(acc, t) ? acc : t;) \
    H(OP_RMAX, t = st[--sp], acc = pick_left_max(acc, t) ? acc : t;) \
    H(OP_RATAN2, acc = atan2(acc, st[--sp]);) \
    H(OP_ADDK, acc += VM_K;) \
    H(OP_SUBK, acc -= VM_K;) \
    H(OP_MULK, acc *= VM_K;) \
    H(OP_DIVK, acc /= VM_K;) \
    H(OP_POWK, acc = pow(acc, VM_K);) \
    H(OP_KSUB, acc = VM_K - acc;) \
    H(OP_KDIV, acc = VM_K / acc;) \
    H(OP_KPOW, acc = pow(VM_K, acc);) \
    H(OP_ADDX, acc += x;) \
    H(OP_SUBX, acc -= x;) \
    H(OP_MULX, acc *= x;) \
    H(OP_DIVX, acc /= x;) \
    H(OP_XSUB, acc = x - acc;) \
    H(OP_XDIV, acc = x / acc;) \
    H(OP_ADDY, acc += y;) \
    H(OP_SUBY, acc -= y;) \
    H(OP_MULY, acc *= y;) \
    H(OP_DIVY, acc /= y;) \
    H(OP_YSUB, acc = y - acc;) \
    H(OP_YDIV, acc = y / acc;) \
    H(OP_NEG, acc = -acc;) \
    H(OP_SQR, acc *= acc;) \
    H(OP_POWI, acc = powi(acc, VM_N);) \
    H(OP_CALL1, acc = fn1_value(VM_FN, acc);)
/* clang-format on */

/* The VM; expr_value below runs a precompiled kernel instead when there is one, before
 * this function's large stack frame is set up. */
static double VM_NOINLINE vm_value(const expr *e, double x, double y)
{
#ifdef VM_THREADED
    static const void *const vm_labels[] = {
#define OP_LABEL(op, effect) &&L_##op,
        OP_LIST(OP_LABEL)
#undef OP_LABEL
    };
#endif
    /* the top of the stack lives in `acc` (a register); st[] holds the rest */
    double st[EXPR_STACK], acc = 0, t;
    int sp = 0;
    const insn *pc;
    if (!e) return NAN;
    pc = e->code;
    /* one handler per line reads as a table, so the formatter leaves these alone */
    /* clang-format off */
    VM_START
    VALUE_HANDLERS(VM_HANDLER)
    VM_CASE(OP_END) return acc;
    VM_STOP
}

/* The catalog's formulas precompiled (expr_kernels.h): each instruction of the program
 * becomes the VM's own handler for it with the instruction's fields as constants, and
 * the compiler folds away the dispatch and the stack. */
#include "expr_kernels.h"

#define KCASE(op, ...)                                                                             \
    case op: {                                                                                     \
        __VA_ARGS__                                                                                \
    } break;
#define KSTEP(handlers, op_, fn_, n_, k_)                                                          \
    {                                                                                              \
        const insn kin_ = {op_, fn_, n_, k_};                                                      \
        const insn *pc = &kin_;                                                                    \
        switch ((opcode)(op_)) {                                                                   \
            handlers(KCASE) default : break;                                                       \
        }                                                                                          \
    }
#define KS_VALUE(op_, fn_, n_, k_) KSTEP(VALUE_HANDLERS, op_, fn_, n_, k_)
#define KDEF_VALUE(name, depth, prog)                                                              \
    static double kvalue_##name(double x, double y)                                                \
    {                                                                                              \
        double st[depth + 1], acc = 0, t = 0;                                                      \
        int sp = 0;                                                                                \
        (void)t;                                                                                   \
        prog return acc;                                                                           \
    }
#define S KS_VALUE
EXPR_KERNELS(KDEF_VALUE)
#undef S

/* ------------------------------------------------------------------------------------ */
/* Forward-mode differentiation                                                           */
/* ------------------------------------------------------------------------------------ */

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
static partials pow_partials(double a, double b)
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

static partials atan2_partials(double a, double b)
{
    partials q;
    double r = a * a + b * b, r2 = r * r;
    q.v = atan2(a, b);
    q.fa = b / r, q.fb = -a / r;
    q.faa = -2 * a * b / r2, q.fab = (a * a - b * b) / r2, q.fbb = 2 * a * b / r2;
    return q;
}

/* u^k for a constant k: value, first and second derivative. */
static void pow_const_derivs(double u, double k, double f[3])
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

/* A derivative came out non-finite where f is finite: an intermediate may have over- or
 * underflowed (the Hessian of atan2(y, x) at (1e-150, 1e-150) squares r = x² + y²;
 * sqrt(x^2) at 1e-300 loses x² to 0). Redo it with long double's wider exponent and
 * take each component that is now finite; the others stay undefined. Rare, so the
 * fast loops pay one test. */
static void wide_fix(const expr *e, double x, double y, double g[2], double h[3])
{
    double wg[2], wh[3];
    expr_hess_wide(e, x, y, wg, wh);
    for (int i = 0; i < 2; i++)
        if (!isfinite(g[i]) && isfinite(wg[i])) g[i] = wg[i];
    for (int i = 0; h && i < 3; i++)
        if (!isfinite(h[i]) && isfinite(wh[i])) h[i] = wh[i];
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

static dual1 d1_pow(dual1 a, dual1 b)
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

/* The stack's top value is kept in scalars (a register each): ACC reads it as a dual1, SET
 * writes one. A struct kept whole tends to live in memory, written and read back in
 * pieces of different widths, which defeats store forwarding. */
#define ACC d1_make(av, ax, ay)
#define SET(e)                                                                                     \
    do {                                                                                           \
        dual1 r_ = (e);                                                                            \
        av = r_.v;                                                                                 \
        ax = r_.x;                                                                                 \
        ay = r_.y;                                                                                 \
    } while (0)
/* The end of a gradient program: adding +0 turns a -0 tangent (from negating a zero)
 * into the 0 people expect; a non-finite derivative where f is finite is redone wide. */
#define GRAD_END                                                                                   \
    *f = av;                                                                                       \
    g[0] = ax + 0.0;                                                                               \
    g[1] = ay + 0.0;                                                                               \
    if (isfinite(av) && !(isfinite(ax) && isfinite(ay))) wide_fix(e, x, y, g, NULL);

/* clang-format off */
#define GRAD_HANDLERS(H)                                                                               \
    H(OP_LDK, st[sp++] = ACC; SET(d1_const(VM_K));) \
    H(OP_LDX, st[sp++] = ACC; SET(X);) \
    H(OP_LDY, st[sp++] = ACC; SET(Y);) \
    H(OP_ADD, SET(d1_add(st[--sp], ACC));) \
    H(OP_SUB, SET(d1_sub(st[--sp], ACC));) \
    H(OP_MUL, SET(d1_mul(st[--sp], ACC));) \
    H(OP_DIV, SET(d1_div(st[--sp], ACC));) \
    H(OP_POW, SET(d1_pow(st[--sp], ACC));) \
    H(OP_MIN, t = st[--sp]; SET(pick_left_min(t.v, av) ? t : ACC);) \
    H(OP_MAX, t = st[--sp]; SET(pick_left_max(t.v, av) ? t : ACC);) \
    H(OP_ATAN2, t = st[--sp]; SET(d1_chain2(t, ACC, atan2_partials(t.v, av)));) \
    H(OP_RSUB, SET(d1_sub(ACC, st[--sp]));) \
    H(OP_RDIV, SET(d1_div(ACC, st[--sp]));) \
    H(OP_RPOW, SET(d1_pow(ACC, st[--sp]));) \
    H(OP_RMIN, t = st[--sp]; SET(pick_left_min(av, t.v) ? ACC : t);) \
    H(OP_RMAX, t = st[--sp]; SET(pick_left_max(av, t.v) ? ACC : t);) \
    H(OP_RATAN2, t = st[--sp]; SET(d1_chain2(ACC, t, atan2_partials(av, t.v)));) \
    H(OP_ADDK, av += VM_K;) \
    H(OP_SUBK, av -= VM_K;) \
    H(OP_MULK, SET(d1_scale(ACC, VM_K));) \
    H(OP_DIVK, SET(d1_divk(ACC, VM_K));) \
    H(OP_POWK, SET(d1_pow(ACC, d1_const(VM_K)));) \
    H(OP_KSUB, SET(d1_sub(d1_const(VM_K), ACC));) \
    H(OP_KDIV, SET(d1_div(d1_const(VM_K), ACC));) \
    H(OP_KPOW, SET(d1_pow(d1_const(VM_K), ACC));) \
    H(OP_ADDX, SET(d1_add(ACC, X));) \
    H(OP_SUBX, SET(d1_sub(ACC, X));) \
    H(OP_MULX, SET(d1_mul(ACC, X));) \
    H(OP_DIVX, SET(d1_div(ACC, X));) \
    H(OP_XSUB, SET(d1_sub(X, ACC));) \
    H(OP_XDIV, SET(d1_div(X, ACC));) \
    H(OP_ADDY, SET(d1_add(ACC, Y));) \
    H(OP_SUBY, SET(d1_sub(ACC, Y));) \
    H(OP_MULY, SET(d1_mul(ACC, Y));) \
    H(OP_DIVY, SET(d1_div(ACC, Y));) \
    H(OP_YSUB, SET(d1_sub(Y, ACC));) \
    H(OP_YDIV, SET(d1_div(Y, ACC));) \
    H(OP_NEG, SET(d1_neg(ACC));) \
    H(OP_SQR, SET(d1_sqr(ACC));) \
    H(OP_POWI, pow_const_derivs(av, VM_N, fd); SET(d1_chain(ACC, fd));) \
    H(OP_CALL1, fn1_derivs(VM_FN, av, fd); SET(d1_chain(ACC, fd));)
/* clang-format on */

VM_SCALAR static void VM_NOINLINE vm_grad(const expr *e, double x, double y, double *f, double g[2])
{
#ifdef VM_THREADED
    static const void *const vm_labels[] = {
#define OP_LABEL(op, effect) &&L_##op,
        OP_LIST(OP_LABEL)
#undef OP_LABEL
    };
#endif
    /* as in expr_value, the stack's top value is kept apart (in a*); st[] holds the rest */
    dual1 st[EXPR_STACK], t;
    double av = 0, ax = 0, ay = 0;
    int sp = 0;
    const dual1 X = {x, 1, 0}, Y = {y, 0, 1};
    double fd[3];
    const insn *pc;
    if (!e) {
        *f = g[0] = g[1] = NAN;
        return;
    }
    pc = e->code;
    /* one handler per line reads as a table, so the formatter leaves these alone */
    /* clang-format off */
    VM_START
    GRAD_HANDLERS(VM_HANDLER)
    VM_CASE(OP_END)
    GRAD_END
    return;
    VM_STOP
    /* clang-format on */
}
#define KS_GRAD(op_, fn_, n_, k_) KSTEP(GRAD_HANDLERS, op_, fn_, n_, k_)
#define KDEF_GRAD(name, depth, prog)                                                               \
    VM_SCALAR static void kgrad_##name(const expr *e, double x, double y, double *f, double g[2])  \
    {                                                                                              \
        dual1 st[depth + 1], t = {0, 0, 0};                                                        \
        double av = 0, ax = 0, ay = 0, fd[3];                                                      \
        int sp = 0;                                                                                \
        const dual1 X = {x, 1, 0}, Y = {y, 0, 1};                                                  \
        (void)t, (void)fd, (void)X, (void)Y;                                                       \
        prog GRAD_END                                                                              \
    }
#define S KS_GRAD
EXPR_KERNELS(KDEF_GRAD)
#undef S
#undef ACC
#undef SET

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
    r.v = a.v * b.v;
    r.x = a.x * b.v + a.v * b.x;
    r.y = a.y * b.v + a.v * b.y;
    r.xx = a.xx * b.v + 2 * a.x * b.x + a.v * b.xx;
    r.xy = a.xy * b.v + a.x * b.y + a.y * b.x + a.v * b.xy;
    r.yy = a.yy * b.v + 2 * a.y * b.y + a.v * b.yy;
    return r;
}

/* Multiplying or dividing by a constant, as for dual1. */
static inline dual2 d2_scale(dual2 a, double k)
{
    dual2 r = {a.v * k, a.x * k, a.y * k, a.xx * k, a.xy * k, a.yy * k};
    return r;
}

static inline dual2 d2_divk(dual2 a, double k)
{
    dual2 r = {a.v / k, a.x / k, a.y / k, a.xx / k, a.xy / k, a.yy / k};
    return r;
}

static inline dual2 d2_div(dual2 a, dual2 b)
{
    /* q = a/b, so a = q b: differentiate that product and solve for q's parts */
    dual2 r;
    r.v = a.v / b.v;
    r.x = (a.x - r.v * b.x) / b.v;
    r.y = (a.y - r.v * b.y) / b.v;
    r.xx = (a.xx - 2 * r.x * b.x - r.v * b.xx) / b.v;
    r.xy = (a.xy - r.x * b.y - r.y * b.x - r.v * b.xy) / b.v;
    r.yy = (a.yy - 2 * r.y * b.y - r.v * b.yy) / b.v;
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
        r.x = tm(f[1], u.x);
        r.y = tm(f[1], u.y);
        r.xx = tm(f[1], u.xx) + tm(f[2], u.x * u.x);
        r.xy = tm(f[1], u.xy) + tm(f[2], u.x * u.y);
        r.yy = tm(f[1], u.yy) + tm(f[2], u.y * u.y);
    }
    return r;
}

/* f(a, b) from its partial derivatives up to second order. */
static inline dual2 d2_chain2(dual2 a, dual2 b, partials q)
{
    dual2 r;
    r.v = q.v;
    r.x = tm(q.fa, a.x) + tm(q.fb, b.x);
    r.y = tm(q.fa, a.y) + tm(q.fb, b.y);
    r.xx = tm(q.fa, a.xx) + tm(q.fb, b.xx) + tm(q.faa, a.x * a.x) + tm(q.fab, 2 * a.x * b.x) +
           tm(q.fbb, b.x * b.x);
    r.xy = tm(q.fa, a.xy) + tm(q.fb, b.xy) + tm(q.faa, a.x * a.y) +
           tm(q.fab, a.x * b.y + a.y * b.x) + tm(q.fbb, b.x * b.y);
    r.yy = tm(q.fa, a.yy) + tm(q.fb, b.yy) + tm(q.faa, a.y * a.y) + tm(q.fab, 2 * a.y * b.y) +
           tm(q.fbb, b.y * b.y);
    return r;
}

static dual2 d2_pow(dual2 a, dual2 b)
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

/* The stack's top value is kept in scalars (a register each): ACC reads it as a dual2, SET
 * writes one. A struct kept whole tends to live in memory, written and read back in
 * pieces of different widths, which defeats store forwarding. */
#define ACC d2_make(av, ax, ay, axx, axy, ayy)
#define SET(e)                                                                                     \
    do {                                                                                           \
        dual2 r_ = (e);                                                                            \
        av = r_.v;                                                                                 \
        ax = r_.x;                                                                                 \
        ay = r_.y;                                                                                 \
        axx = r_.xx;                                                                               \
        axy = r_.xy;                                                                               \
        ayy = r_.yy;                                                                               \
    } while (0)
/* As GRAD_END, with the Hessian. */
#define HESS_END                                                                                   \
    *f = av;                                                                                       \
    g[0] = ax + 0.0;                                                                               \
    g[1] = ay + 0.0;                                                                               \
    h[0] = axx + 0.0;                                                                              \
    h[1] = axy + 0.0;                                                                              \
    h[2] = ayy + 0.0;                                                                              \
    if (isfinite(av) &&                                                                            \
        !(isfinite(ax) && isfinite(ay) && isfinite(axx) && isfinite(axy) && isfinite(ayy)))        \
        wide_fix(e, x, y, g, h);

/* clang-format off */
#define HESS_HANDLERS(H)                                                                               \
    H(OP_LDK, st[sp++] = ACC; SET(d2_const(VM_K));) \
    H(OP_LDX, st[sp++] = ACC; SET(X);) \
    H(OP_LDY, st[sp++] = ACC; SET(Y);) \
    H(OP_ADD, SET(d2_add(st[--sp], ACC));) \
    H(OP_SUB, SET(d2_sub(st[--sp], ACC));) \
    H(OP_MUL, SET(d2_mul(st[--sp], ACC));) \
    H(OP_DIV, SET(d2_div(st[--sp], ACC));) \
    H(OP_POW, SET(d2_pow(st[--sp], ACC));) \
    H(OP_MIN, t = st[--sp]; SET(pick_left_min(t.v, av) ? t : ACC);) \
    H(OP_MAX, t = st[--sp]; SET(pick_left_max(t.v, av) ? t : ACC);) \
    H(OP_ATAN2, t = st[--sp]; SET(d2_chain2(t, ACC, atan2_partials(t.v, av)));) \
    H(OP_RSUB, SET(d2_sub(ACC, st[--sp]));) \
    H(OP_RDIV, SET(d2_div(ACC, st[--sp]));) \
    H(OP_RPOW, SET(d2_pow(ACC, st[--sp]));) \
    H(OP_RMIN, t = st[--sp]; SET(pick_left_min(av, t.v) ? ACC : t);) \
    H(OP_RMAX, t = st[--sp]; SET(pick_left_max(av, t.v) ? ACC : t);) \
    H(OP_RATAN2, t = st[--sp]; SET(d2_chain2(ACC, t, atan2_partials(av, t.v)));) \
    H(OP_ADDK, av += VM_K;) \
    H(OP_SUBK, av -= VM_K;) \
    H(OP_MULK, SET(d2_scale(ACC, VM_K));) \
    H(OP_DIVK, SET(d2_divk(ACC, VM_K));) \
    H(OP_POWK, SET(d2_pow(ACC, d2_const(VM_K)));) \
    H(OP_KSUB, SET(d2_sub(d2_const(VM_K), ACC));) \
    H(OP_KDIV, SET(d2_div(d2_const(VM_K), ACC));) \
    H(OP_KPOW, SET(d2_pow(d2_const(VM_K), ACC));) \
    H(OP_ADDX, SET(d2_add(ACC, X));) \
    H(OP_SUBX, SET(d2_sub(ACC, X));) \
    H(OP_MULX, SET(d2_mul(ACC, X));) \
    H(OP_DIVX, SET(d2_div(ACC, X));) \
    H(OP_XSUB, SET(d2_sub(X, ACC));) \
    H(OP_XDIV, SET(d2_div(X, ACC));) \
    H(OP_ADDY, SET(d2_add(ACC, Y));) \
    H(OP_SUBY, SET(d2_sub(ACC, Y));) \
    H(OP_MULY, SET(d2_mul(ACC, Y));) \
    H(OP_DIVY, SET(d2_div(ACC, Y));) \
    H(OP_YSUB, SET(d2_sub(Y, ACC));) \
    H(OP_YDIV, SET(d2_div(Y, ACC));) \
    H(OP_NEG, SET(d2_neg(ACC));) \
    H(OP_SQR, SET(d2_sqr(ACC));) \
    H(OP_POWI, pow_const_derivs(av, VM_N, fd); SET(d2_chain(ACC, fd));) \
    H(OP_CALL1, fn1_derivs(VM_FN, av, fd); SET(d2_chain(ACC, fd));)
/* clang-format on */

VM_SCALAR static void VM_NOINLINE vm_hess(const expr *e, double x, double y, double *f, double g[2],
                                          double h[3])
{
#ifdef VM_THREADED
    static const void *const vm_labels[] = {
#define OP_LABEL(op, effect) &&L_##op,
        OP_LIST(OP_LABEL)
#undef OP_LABEL
    };
#endif
    /* as in expr_value, the stack's top value is kept apart (in a*); st[] holds the rest */
    dual2 st[EXPR_STACK], t;
    double av = 0, ax = 0, ay = 0, axx = 0, axy = 0, ayy = 0;
    int sp = 0;
    const dual2 X = {x, 1, 0, 0, 0, 0}, Y = {y, 0, 1, 0, 0, 0};
    double fd[3];
    const insn *pc;
    if (!e) {
        *f = g[0] = g[1] = h[0] = h[1] = h[2] = NAN;
        return;
    }
    pc = e->code;
    /* one handler per line reads as a table, so the formatter leaves these alone */
    /* clang-format off */
    VM_START
    HESS_HANDLERS(VM_HANDLER)
    VM_CASE(OP_END)
    HESS_END
    return;
    VM_STOP
    /* clang-format on */
}
#define KS_HESS(op_, fn_, n_, k_) KSTEP(HESS_HANDLERS, op_, fn_, n_, k_)
#define KDEF_HESS(name, depth, prog)                                                               \
    VM_SCALAR static void khess_##name(const expr *e, double x, double y, double *f, double g[2],  \
                                       double h[3])                                                \
    {                                                                                              \
        dual2 st[depth + 1], t = {0, 0, 0, 0, 0, 0};                                               \
        double av = 0, ax = 0, ay = 0, axx = 0, axy = 0, ayy = 0, fd[3];                           \
        int sp = 0;                                                                                \
        const dual2 X = {x, 1, 0, 0, 0, 0}, Y = {y, 0, 1, 0, 0, 0};                                \
        (void)t, (void)fd, (void)X, (void)Y;                                                       \
        prog HESS_END                                                                              \
    }
#define S KS_HESS
EXPR_KERNELS(KDEF_HESS)
#undef S
#undef ACC
#undef SET

/* ---- the table of precompiled programs ---- */

#define KINSN(op_, fn_, n_, k_)      {op_, fn_, n_, k_},
#define KDEF_PROG(name, depth, prog) static const insn kprog_##name[] = {prog};
#define S                            KINSN
EXPR_KERNELS(KDEF_PROG)
#undef S

#define KROW(name, depth, prog)                                                                    \
    {#name,         kprog_##name, (int)(sizeof kprog_##name / sizeof kprog_##name[0]),             \
     kvalue_##name, kgrad_##name, khess_##name},
static const expr_kernel kernels[] = {EXPR_KERNELS(KROW)};

const expr_kernel *expr_kernel_find(const insn *code, int ncode)
{
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        const expr_kernel *k = &kernels[i];
        if (k->ncode != ncode - 1) continue; /* the program has OP_END besides */
        int same = 1;
        for (int j = 0; j < k->ncode && same; j++)
            same = code[j].op == k->code[j].op && code[j].fn == k->code[j].fn &&
                   code[j].n == k->code[j].n &&
                   memcmp(&code[j].k, &k->code[j].k, sizeof(double)) == 0;
        if (same) return k;
    }
    return NULL;
}

/* ---- the entry points: a kernel when the program has one, else the VM ---- */

double expr_value(const expr *e, double x, double y)
{
    return e && e->kern ? e->kern->value(x, y) : vm_value(e, x, y);
}

void expr_grad(const expr *e, double x, double y, double *f, double g[2])
{
    if (e && e->kern)
        e->kern->grad(e, x, y, f, g);
    else
        vm_grad(e, x, y, f, g);
}

void expr_hess(const expr *e, double x, double y, double *f, double g[2], double h[3])
{
    if (e && e->kern)
        e->kern->hess(e, x, y, f, g, h);
    else
        vm_hess(e, x, y, f, g, h);
}
