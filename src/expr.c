/* expr.c — the formula language in x and y. A recursive-descent parser builds a small
 * tree (folding constants as it goes), code generation flattens it into a compact stack
 * bytecode, and three evaluators run that bytecode: value only (a tight dispatch loop),
 * value + gradient (first-order forward mode) and value + gradient + Hessian (second-
 * order forward mode). Derivatives are exact; nothing here uses finite differences. */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/expr.h"
#include "descent/utf8.h"

#define EXPR_MAX_LEN  4096 /* bytes of source */
#define EXPR_MAX_NEST 256  /* parentheses, calls and ^ exponents inside one another */
#define EXPR_STACK    64   /* evaluation stack slots; code generation keeps programs far below */
#define POWI_MAX      16   /* integer exponents up to this size use repeated squaring */
#define QUOTE_MAX     12   /* bytes of a token quoted in a message before "…" */

/* ------------------------------------------------------------------------------------ */
/* The language's names                                                                   */
/* ------------------------------------------------------------------------------------ */

/* Binary operations; the two-argument functions are binary operations too, so `pow(a, b)`
 * and `a^b` compile to the same thing. */
typedef enum { B_ADD, B_SUB, B_MUL, B_DIV, B_POW, B_MIN, B_MAX, B_ATAN2, B_NONE } binop;

/* X-macro: id, name, arity, the binary operation for two-argument functions. */
#define FN_LIST(X)                                                                                 \
    X(F_SIN, "sin", 1, B_NONE)                                                                     \
    X(F_COS, "cos", 1, B_NONE)                                                                     \
    X(F_TAN, "tan", 1, B_NONE)                                                                     \
    X(F_ASIN, "asin", 1, B_NONE)                                                                   \
    X(F_ACOS, "acos", 1, B_NONE)                                                                   \
    X(F_ATAN, "atan", 1, B_NONE)                                                                   \
    X(F_SINH, "sinh", 1, B_NONE)                                                                   \
    X(F_COSH, "cosh", 1, B_NONE)                                                                   \
    X(F_TANH, "tanh", 1, B_NONE)                                                                   \
    X(F_EXP, "exp", 1, B_NONE)                                                                     \
    X(F_LOG, "log", 1, B_NONE)                                                                     \
    X(F_LOG10, "log10", 1, B_NONE)                                                                 \
    X(F_SQRT, "sqrt", 1, B_NONE)                                                                   \
    X(F_ABS, "abs", 1, B_NONE)                                                                     \
    X(F_SIGMOID, "sigmoid", 1, B_NONE)                                                             \
    X(F_ATAN2, "atan2", 2, B_ATAN2)                                                                \
    X(F_MIN, "min", 2, B_MIN)                                                                      \
    X(F_MAX, "max", 2, B_MAX)                                                                      \
    X(F_POW, "pow", 2, B_POW)

typedef enum {
#define FN_ENUM(id, name, arity, bop) id,
    FN_LIST(FN_ENUM)
#undef FN_ENUM
        F_COUNT
} fnid;

static const struct {
    const char *name;
    int arity;
    binop bop;
} fn_table[] = {
#define FN_ROW(id, name, arity, bop) {name, arity, bop},
    FN_LIST(FN_ROW)
#undef FN_ROW
};

const char *const expr_function_names[] = {
#define FN_NAME(id, name, arity, bop) name,
    FN_LIST(FN_NAME)
#undef FN_NAME
        NULL};

const char *const expr_constant_names[] = {"pi", "e", NULL};
static const double constant_values[] = {M_PI, M_E};

/* Names people reach for that the language spells differently. */
static const struct {
    const char *from, *to;
} aliases[] = {
    {"ln", "log"},           {"arcsin", "asin"}, {"arccos", "acos"},
    {"arctan", "atan"},      {"fabs", "abs"},    {"power", "pow"},
    {"logistic", "sigmoid"}, {"sqr", "sqrt"},    {"exponent", "exp"},
};

/* Unicode look-alikes a learner may paste, and what to type instead. */
static const struct {
    const char *ch, *write;
} lookalikes[] = {
    {"×", "*"}, {"·", "*"},  {"∙", "*"},  {"÷", "/"},  {"−", "-"},
    {"–", "-"}, {"π", "pi"}, {"²", "^2"}, {"³", "^3"}, {"√", "sqrt(...)"},
};

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
        w = 1 - u * u, r = 1 / sqrt(w);
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
        t = tanh(u), w = 1 - t * t;
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
static double bin_value(binop op, double a, double b)
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

/* ------------------------------------------------------------------------------------ */
/* Bytecode                                                                               */
/* ------------------------------------------------------------------------------------ */

typedef enum { L_NONE, L_K, L_X, L_Y } leafkind;

/* X-macro: opcode, stack effect. The value of every opcode is spelled out in expr_value;
 * K/X/Y suffixes take the right operand from the instruction (a constant, x or y), the
 * K/X/Y prefixes the left one, and R swaps the operands of a two-slot operation (used when
 * the right side was evaluated first to keep the stack shallow). */
#define OP_LIST(X)                                                                                 \
    X(OP_LDK, +1)                                                                                  \
    X(OP_LDX, +1)                                                                                  \
    X(OP_LDY, +1)                                                                                  \
    X(OP_ADD, -1)                                                                                  \
    X(OP_SUB, -1)                                                                                  \
    X(OP_MUL, -1)                                                                                  \
    X(OP_DIV, -1)                                                                                  \
    X(OP_POW, -1)                                                                                  \
    X(OP_MIN, -1)                                                                                  \
    X(OP_MAX, -1)                                                                                  \
    X(OP_ATAN2, -1)                                                                                \
    X(OP_RSUB, -1)                                                                                 \
    X(OP_RDIV, -1)                                                                                 \
    X(OP_RPOW, -1)                                                                                 \
    X(OP_RMIN, -1)                                                                                 \
    X(OP_RMAX, -1)                                                                                 \
    X(OP_RATAN2, -1)                                                                               \
    X(OP_ADDK, 0)                                                                                  \
    X(OP_SUBK, 0)                                                                                  \
    X(OP_MULK, 0)                                                                                  \
    X(OP_DIVK, 0)                                                                                  \
    X(OP_POWK, 0)                                                                                  \
    X(OP_KSUB, 0)                                                                                  \
    X(OP_KDIV, 0)                                                                                  \
    X(OP_KPOW, 0)                                                                                  \
    X(OP_ADDX, 0)                                                                                  \
    X(OP_SUBX, 0)                                                                                  \
    X(OP_MULX, 0)                                                                                  \
    X(OP_DIVX, 0)                                                                                  \
    X(OP_XSUB, 0)                                                                                  \
    X(OP_XDIV, 0)                                                                                  \
    X(OP_ADDY, 0)                                                                                  \
    X(OP_SUBY, 0)                                                                                  \
    X(OP_MULY, 0)                                                                                  \
    X(OP_DIVY, 0)                                                                                  \
    X(OP_YSUB, 0)                                                                                  \
    X(OP_YDIV, 0)                                                                                  \
    X(OP_NEG, 0)                                                                                   \
    X(OP_SQR, 0)                                                                                   \
    X(OP_POWI, 0)                                                                                  \
    X(OP_CALL1, 0)                                                                                 \
    X(OP_END, 0)

typedef enum {
#define OP_ENUM(op, effect) op,
    OP_LIST(OP_ENUM)
#undef OP_ENUM
        OP_COUNT
} opcode;

static const signed char op_effect[] = {
#define OP_EFFECT(op, effect) effect,
    OP_LIST(OP_EFFECT)
#undef OP_EFFECT
};

/* One instruction: 16 bytes, the constant operand inline so the value loop touches one
 * cache line per four instructions. */
typedef struct {
    unsigned char op; /* opcode */
    unsigned char fn; /* OP_CALL1: the function */
    short n;          /* OP_POWI: the exponent */
    double k;         /* the constant of OP_LDK and the K-fused operations */
} insn;

struct expr {
    int ncode;   /* instructions, including the final OP_END */
    int depth;   /* stack slots the program needs (<= EXPR_STACK) */
    char *src;   /* the source as given; lives in the same allocation */
    insn code[]; /* the program */
};

/* ------------------------------------------------------------------------------------ */
/* The tree                                                                               */
/* ------------------------------------------------------------------------------------ */

typedef enum { N_NUM, N_X, N_Y, N_NEG, N_FN1, N_BIN } nodekind;

typedef struct {
    unsigned char kind; /* nodekind */
    unsigned char op;   /* N_FN1: fnid; N_BIN: binop */
    int a, b;           /* children (indices into the node array) */
    int need;           /* stack slots needed to evaluate this subtree */
    double k;           /* N_NUM */
} node;

static int is_leaf(const node *n)
{
    return n->kind <= N_Y;
}

static leafkind leaf_of(const node *n)
{
    return n->kind == N_NUM ? L_K : n->kind == N_X ? L_X : L_Y;
}

static int is_arith(int bop)
{
    return bop == B_ADD || bop == B_SUB || bop == B_MUL || bop == B_DIV;
}

/* For a binary node that compiles to one fused instruction (one operand is a leaf folded
 * into the instruction), the child that is actually evaluated; -1 otherwise. */
static int fused_child(const node *nodes, const node *n)
{
    const node *A = &nodes[n->a], *B = &nodes[n->b];
    if (n->kind != N_BIN) return -1;
    if (n->op == B_POW) {
        if (B->kind == N_NUM) return n->a;
        if (A->kind == N_NUM) return n->b;
        return -1;
    }
    if (!is_arith(n->op)) return -1;
    if (is_leaf(B)) return n->a;
    if (is_leaf(A)) return n->b;
    return -1;
}

/* Sethi–Ullman numbering: evaluating the hungrier side of a binary node first keeps the
 * stack depth logarithmic in the formula size, so a fixed local stack always suffices. */
static int need_of(const node *nodes, const node *n)
{
    int c, l, r;
    switch (n->kind) {
    case N_NEG:
    case N_FN1: return nodes[n->a].need;
    case N_BIN:
        c = fused_child(nodes, n);
        if (c >= 0) return nodes[c].need;
        l = nodes[n->a].need, r = nodes[n->b].need;
        return l == r ? l + 1 : l > r ? l : r;
    default: return 1;
    }
}

/* ------------------------------------------------------------------------------------ */
/* The parser                                                                             */
/* ------------------------------------------------------------------------------------ */

typedef enum {
    T_END,
    T_NUM,
    T_NAME,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_CARET,
    T_LPAREN,
    T_RPAREN,
    T_COMMA
} toktype;

typedef struct {
    toktype type;
    size_t pos, len; /* bytes in the source */
    double num;      /* T_NUM */
} token;

typedef struct {
    const char *src; /* the formula */
    char *scratch;   /* writable copy, so a number can be NUL-terminated for strtod */
    size_t len;      /* strlen(src) */
    token tok;       /* the lookahead */
    size_t prev_end; /* byte after the previous token: where the last operand ended */
    node *nodes;     /* the tree, children before parents */
    int nnodes, cap;
    int depth; /* current nesting of parentheses, calls and exponents */
    ds_err *err;
} parser;

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}
static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The 1-based column of byte `pos`, counting characters rather than bytes. */
static int column_of(const parser *p, size_t pos)
{
    size_t i = 0;
    int col = 1;
    while (i < pos && i < p->len) {
        size_t n = utf8_len(p->src + i, p->len - i);
        i += n ? n : 1; /* garbage still advances one column per byte */
        col++;
    }
    return col;
}

/* Record an error; always returns -1 so parse functions can `return fail(...)`. */
static int fail(parser *p, ds_status code, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(parser *p, ds_status code, size_t pos, const char *fmt, ...)
{
    char msg[sizeof p->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->err) ds_err_at(p->err, code, p->src, column_of(p, pos), "%s", msg);
    return -1;
}

/* Copy source bytes [pos, pos+len) into out, cut at QUOTE_MAX bytes with "…". Tokens
 * are ASCII, so the cut never splits a character. */
static void quote(const parser *p, size_t pos, size_t len, char *out, size_t outsz)
{
    if (len > QUOTE_MAX)
        snprintf(out, outsz, "%.*s…", QUOTE_MAX, p->src + pos);
    else
        snprintf(out, outsz, "%.*s", (int)len, p->src + pos);
}

static int unexpected(parser *p)
{
    char q[64];
    if (p->tok.type == T_END)
        return fail(p, DS_ESYNTAX, p->tok.pos, "unexpected end of formula at column %d",
                    column_of(p, p->tok.pos));
    quote(p, p->tok.pos, p->tok.len, q, sizeof q);
    return fail(p, DS_ESYNTAX, p->tok.pos, "unexpected '%s' at column %d", q,
                column_of(p, p->tok.pos));
}

static int bad_character(parser *p, size_t i)
{
    const unsigned char *s = (const unsigned char *)p->src + i;
    size_t n = utf8_len((const char *)s, p->len - i), k;
    char q[16], hint[48] = "";
    int col = column_of(p, i);
    if (n > 1) {
        snprintf(q, sizeof q, "%.*s", (int)n, (const char *)s);
        for (k = 0; k < sizeof lookalikes / sizeof lookalikes[0]; k++)
            if (strcmp(q, lookalikes[k].ch) == 0)
                snprintf(hint, sizeof hint, " (write %s instead)", lookalikes[k].write);
    } else if (s[0] > 0x20 && s[0] < 0x7F) {
        snprintf(q, sizeof q, "%c", s[0]);
    } else {
        /* control bytes and broken UTF-8 would garble a terminal: show them escaped */
        snprintf(q, sizeof q, "\\x%02X", s[0]);
    }
    return fail(p, DS_ESYNTAX, i, "unexpected character '%s' at column %d%s", q, col, hint);
}

/* Advance to the next token. Returns 0 (with the error filled) on a bad character or an
 * overflowing number. */
static int lex(parser *p)
{
    const char *s = p->src;
    size_t i = p->tok.pos + p->tok.len, j;
    p->prev_end = i;
    while (i < p->len && is_space((unsigned char)s[i]))
        i++;
    p->tok.pos = i;
    p->tok.len = 0;
    if (i >= p->len) {
        p->tok.type = T_END;
        return 1;
    }
    if (is_digit(s[i]) || (s[i] == '.' && is_digit(s[i + 1]))) {
        char save;
        j = i;
        while (is_digit(s[j]))
            j++;
        if (s[j] == '.') {
            j++;
            while (is_digit(s[j]))
                j++;
        }
        if (s[j] == 'e' || s[j] == 'E') {
            size_t k = j + 1;
            if (s[k] == '+' || s[k] == '-') k++;
            if (is_digit(s[k])) {
                j = k;
                while (is_digit(s[j]))
                    j++;
            }
        }
        /* strtod reads only our token (not "0x1p3" or "inf") once it is cut off here */
        save = p->scratch[j];
        p->scratch[j] = '\0';
        p->tok.num = strtod(p->scratch + i, NULL);
        p->scratch[j] = save;
        p->tok.type = T_NUM;
        p->tok.len = j - i;
        if (isinf(p->tok.num)) {
            fail(p, DS_ESYNTAX, i, "number too large at column %d", column_of(p, i));
            return 0;
        }
        return 1;
    }
    if (is_alpha(s[i])) {
        j = i;
        while (is_alpha(s[j]) || is_digit(s[j]))
            j++;
        p->tok.type = T_NAME;
        p->tok.len = j - i;
        return 1;
    }
    p->tok.len = 1;
    switch (s[i]) {
    case '+': p->tok.type = T_PLUS; return 1;
    case '-': p->tok.type = T_MINUS; return 1;
    case '*': p->tok.type = T_STAR; return 1;
    case '/': p->tok.type = T_SLASH; return 1;
    case '^': p->tok.type = T_CARET; return 1;
    case '(': p->tok.type = T_LPAREN; return 1;
    case ')': p->tok.type = T_RPAREN; return 1;
    case ',': p->tok.type = T_COMMA; return 1;
    default:
        p->tok.len = 0;
        bad_character(p, i);
        return 0;
    }
}

/* Enter one level of nesting; the limit keeps recursion (and the tree) bounded. */
static int enter(parser *p)
{
    if (++p->depth > EXPR_MAX_NEST) {
        fail(p, DS_ESYNTAX, p->tok.pos, "formula nested too deeply at column %d",
             column_of(p, p->tok.pos));
        return 0;
    }
    return 1;
}

/* ---- building nodes (with constant folding) ---- */

static int new_node(parser *p, nodekind kind, int op, int a, int b, double k)
{
    node *n;
    if (p->nnodes >= p->cap)
        return fail(p, DS_ESYNTAX, p->tok.pos, "formula too complex at column %d",
                    column_of(p, p->tok.pos));
    n = &p->nodes[p->nnodes];
    n->kind = (unsigned char)kind;
    n->op = (unsigned char)op;
    n->a = a, n->b = b, n->k = k;
    n->need = need_of(p->nodes, n);
    return p->nnodes++;
}

static int make_neg(parser *p, int a)
{
    if (p->nodes[a].kind == N_NUM) {
        p->nodes[a].k = -p->nodes[a].k;
        return a;
    }
    return new_node(p, N_NEG, 0, a, a, 0);
}

static int make_fn1(parser *p, int fn, int a)
{
    if (p->nodes[a].kind == N_NUM) {
        p->nodes[a].k = fn1_value(fn, p->nodes[a].k);
        return a;
    }
    return new_node(p, N_FN1, fn, a, a, 0);
}

static int make_bin(parser *p, binop op, int a, int b)
{
    if (p->nodes[a].kind == N_NUM && p->nodes[b].kind == N_NUM) {
        p->nodes[a].k = bin_value(op, p->nodes[a].k, p->nodes[b].k);
        return a;
    }
    return new_node(p, N_BIN, op, a, b, 0);
}

/* ---- names ---- */

typedef enum { NAME_NONE, NAME_X, NAME_Y, NAME_CONST, NAME_FN } namekind;

static namekind lookup(const char *s, size_t n, int *index)
{
    int i;
    if (n == 1 && s[0] == 'x') return NAME_X;
    if (n == 1 && s[0] == 'y') return NAME_Y;
    for (i = 0; expr_constant_names[i]; i++)
        if (strlen(expr_constant_names[i]) == n && memcmp(expr_constant_names[i], s, n) == 0) {
            *index = i;
            return NAME_CONST;
        }
    for (i = 0; i < F_COUNT; i++)
        if (strlen(fn_table[i].name) == n && memcmp(fn_table[i].name, s, n) == 0) {
            *index = i;
            return NAME_FN;
        }
    return NAME_NONE;
}

/* Edit distance between s[0..n) and t, or a big number for long names. */
static int levenshtein(const char *s, size_t n, const char *t)
{
    int row[33], i, j, m = (int)strlen(t);
    if (n > 32 || m > 32) return 99;
    for (j = 0; j <= m; j++)
        row[j] = j;
    for (i = 1; i <= (int)n; i++) {
        int diag = row[0], best;
        row[0] = i;
        for (j = 1; j <= m; j++) {
            int up = row[j];
            best = diag + (s[i - 1] != t[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

static int same_ignoring_case(const char *s, size_t n, const char *t)
{
    size_t i;
    if (strlen(t) != n) return 0;
    for (i = 0; i < n; i++) {
        int a = s[i], b = t[i];
        if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
        if (a != b) return 0;
    }
    return 1;
}

/* Can the name be read as a product of variables, like "xy" for x*y? Writes "x*y". */
static int as_product(const char *s, size_t n, char *out, size_t outsz)
{
    size_t i = 0, o = 0;
    int parts = 0;
    while (i < n) {
        const char *part = s[i] == 'x' ? "x" : s[i] == 'y' ? "y" : NULL;
        if (!part && i + 1 < n && s[i] == 'p' && s[i + 1] == 'i') part = "pi";
        if (!part) return 0;
        if (o + strlen(part) + 2 > outsz) return 0;
        if (parts++) out[o++] = '*';
        memcpy(out + o, part, strlen(part));
        o += strlen(part);
        i += strlen(part);
    }
    out[o] = '\0';
    return parts >= 2;
}

/* The nearest known name to an unknown one, or NULL. `call` says it was written as a
 * call, so functions are preferred. */
static const char *suggest(const char *s, size_t n, int call, char *buf, size_t bufsz)
{
    const char *cands[F_COUNT + 8];
    const char *best = NULL;
    int nc = 0, i, d, bestd = 99, limit;
    size_t k;
    for (k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
        if (strlen(aliases[k].from) == n && memcmp(aliases[k].from, s, n) == 0)
            return aliases[k].to;
    for (i = 0; i < F_COUNT; i++)
        cands[nc++] = fn_table[i].name;
    if (!call) {
        for (i = 0; expr_constant_names[i]; i++)
            cands[nc++] = expr_constant_names[i];
        cands[nc++] = "x";
        cands[nc++] = "y";
    }
    for (i = 0; i < nc; i++)
        if (same_ignoring_case(s, n, cands[i])) return cands[i];
    if (!call && as_product(s, n, buf, bufsz)) return buf;
    /* short names are too easily "near" everything: allow one edit up to three letters */
    limit = n <= 3 ? 1 : 2;
    for (i = 0; i < nc; i++) {
        d = levenshtein(s, n, cands[i]);
        if (d < bestd) bestd = d, best = cands[i];
    }
    return bestd <= limit && bestd < (int)n ? best : NULL;
}

static int unknown_name(parser *p, int call)
{
    char q[40], buf[48];
    const char *s = p->src + p->tok.pos, *near;
    size_t n = p->tok.len;
    int col = column_of(p, p->tok.pos);
    if (n > 32)
        snprintf(q, sizeof q, "%.*s…", 24, s);
    else
        snprintf(q, sizeof q, "%.*s", (int)n, s);
    near = suggest(s, n, call, buf, sizeof buf);
    if (near)
        return fail(p, DS_EUNKNOWN, p->tok.pos,
                    "unknown name '%s' at column %d — did you mean '%s'?", q, col, near);
    return fail(p, DS_EUNKNOWN, p->tok.pos,
                "unknown name '%s' at column %d — formulas use x, y, pi, e and functions like "
                "sin, exp, log",
                q, col);
}

/* ---- the hint for implicit multiplication ---- */

/* Byte after the parenthesis closing the one at `open` (or the end of the source). */
static size_t matching_paren(const parser *p, size_t open)
{
    size_t i;
    int level = 0;
    for (i = open; i < p->len; i++) {
        if (p->src[i] == '(')
            level++;
        else if (p->src[i] == ')' && --level == 0)
            return i + 1;
    }
    return p->len;
}

/* Source text of an operand for a hint: verbatim when short, otherwise abbreviated. */
static void operand_text(const parser *p, size_t start, size_t end, char *out, size_t outsz)
{
    size_t i = start;
    if (end - start <= 24) {
        snprintf(out, outsz, "%.*s", (int)(end - start), p->src + start);
        return;
    }
    while (i < end && (is_alpha(p->src[i]) || is_digit(p->src[i])))
        i++;
    if (i == start)
        snprintf(out, outsz, "(…)");
    else if (i < end)
        snprintf(out, outsz, "%.*s(…)", (int)(i - start > 16 ? 16 : i - start), p->src + start);
    else
        quote(p, start, end - start, out, outsz);
}

static int missing_operator(parser *p, size_t left_start)
{
    char q[64], l[64], r[64];
    size_t rend = p->tok.pos + p->tok.len, i;
    if (p->tok.type == T_LPAREN) rend = matching_paren(p, p->tok.pos);
    if (p->tok.type == T_NAME) {
        for (i = rend; i < p->len && is_space((unsigned char)p->src[i]); i++)
            ;
        if (i < p->len && p->src[i] == '(') rend = matching_paren(p, i);
    }
    quote(p, p->tok.pos, p->tok.len, q, sizeof q);
    operand_text(p, left_start, p->prev_end, l, sizeof l);
    operand_text(p, p->tok.pos, rend, r, sizeof r);
    return fail(p, DS_ESYNTAX, p->tok.pos,
                "missing operator before '%s' at column %d (write %s*%s)", q,
                column_of(p, p->tok.pos), l, r);
}

/* ---- grammar ----
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('+' | '-')* power
 *   power   := primary ('^' unary)?          right-associative, tighter than unary minus
 *   primary := number | x | y | pi | e | name '(' args ')' | '(' expr ')'            */

static int parse_expr(parser *p);
static int parse_unary(parser *p);

static int parse_call(parser *p, int fn)
{
    size_t name_pos = p->tok.pos;
    int args[2] = {-1, -1}, nargs = 0, a, want = fn_table[fn].arity;
    if (!lex(p)) return -1; /* past the name */
    if (p->tok.type != T_LPAREN) {
        char q[64];
        if (p->tok.type != T_NUM && p->tok.type != T_NAME)
            return fail(p, DS_ESYNTAX, p->tok.pos, "missing '(' after '%s' at column %d",
                        fn_table[fn].name, column_of(p, p->tok.pos));
        quote(p, p->tok.pos, p->tok.len, q, sizeof q);
        return fail(p, DS_ESYNTAX, p->tok.pos, "missing '(' after '%s' at column %d (write %s(%s))",
                    fn_table[fn].name, column_of(p, p->tok.pos), fn_table[fn].name, q);
    }
    if (!enter(p) || !lex(p)) return -1;
    if (p->tok.type != T_RPAREN) {
        for (;;) {
            if ((a = parse_expr(p)) < 0) return -1;
            if (nargs < 2) args[nargs] = a;
            nargs++;
            if (p->tok.type != T_COMMA) break;
            if (!lex(p)) return -1;
        }
    }
    if (p->tok.type == T_END)
        return fail(p, DS_ESYNTAX, p->tok.pos, "missing ')' at column %d",
                    column_of(p, p->tok.pos));
    if (p->tok.type != T_RPAREN) return unexpected(p);
    if (!lex(p)) return -1;
    p->depth--;
    if (nargs != want)
        return fail(p, DS_ESYNTAX, name_pos, "'%s' needs %d argument%s, got %d at column %d",
                    fn_table[fn].name, want, want == 1 ? "" : "s", nargs, column_of(p, name_pos));
    if (want == 1) return make_fn1(p, fn, args[0]);
    return make_bin(p, fn_table[fn].bop, args[0], args[1]);
}

static int parse_primary(parser *p)
{
    int a, index = 0;
    namekind kind;
    switch (p->tok.type) {
    case T_NUM: a = new_node(p, N_NUM, 0, 0, 0, p->tok.num); return a < 0 || !lex(p) ? -1 : a;
    case T_NAME:
        kind = lookup(p->src + p->tok.pos, p->tok.len, &index);
        if (kind == NAME_FN) return parse_call(p, index);
        if (kind == NAME_NONE) {
            size_t i = p->tok.pos + p->tok.len;
            while (i < p->len && is_space((unsigned char)p->src[i]))
                i++;
            return unknown_name(p, i < p->len && p->src[i] == '(');
        }
        a = kind == NAME_X   ? new_node(p, N_X, 0, 0, 0, 0)
            : kind == NAME_Y ? new_node(p, N_Y, 0, 0, 0, 0)
                             : new_node(p, N_NUM, 0, 0, 0, constant_values[index]);
        if (a < 0) return -1;
        {
            size_t name_pos = p->tok.pos, name_len = p->tok.len;
            if (!lex(p)) return -1;
            if (p->tok.type == T_LPAREN)
                return fail(p, DS_ESYNTAX, name_pos, "'%.*s' is not a function at column %d",
                            (int)name_len, p->src + name_pos, column_of(p, name_pos));
        }
        return a;
    case T_LPAREN:
        if (!enter(p) || !lex(p)) return -1;
        if ((a = parse_expr(p)) < 0) return -1;
        if (p->tok.type == T_END)
            return fail(p, DS_ESYNTAX, p->tok.pos, "missing ')' at column %d",
                        column_of(p, p->tok.pos));
        if (p->tok.type != T_RPAREN) return unexpected(p);
        if (!lex(p)) return -1;
        p->depth--;
        return a;
    default: return unexpected(p);
    }
}

static int parse_power(parser *p)
{
    size_t start = p->tok.pos;
    int a = parse_primary(p), b;
    if (a < 0) return -1;
    /* an operand directly after an operand: the learner meant to multiply */
    if (p->tok.type == T_NUM || p->tok.type == T_NAME || p->tok.type == T_LPAREN)
        return missing_operator(p, start);
    if (p->tok.type != T_CARET) return a;
    if (!enter(p) || !lex(p)) return -1;
    if ((b = parse_unary(p)) < 0) return -1;
    p->depth--;
    return make_bin(p, B_POW, a, b);
}

static int parse_unary(parser *p)
{
    int neg = 0, a;
    /* a loop, not recursion: "- - - x" costs no stack */
    while (p->tok.type == T_MINUS || p->tok.type == T_PLUS) {
        neg ^= p->tok.type == T_MINUS;
        if (!lex(p)) return -1;
    }
    if ((a = parse_power(p)) < 0) return -1;
    return neg ? make_neg(p, a) : a;
}

static int parse_term(parser *p)
{
    int a = parse_unary(p), b;
    while (a >= 0 && (p->tok.type == T_STAR || p->tok.type == T_SLASH)) {
        binop op = p->tok.type == T_STAR ? B_MUL : B_DIV;
        if (!lex(p) || (b = parse_unary(p)) < 0) return -1;
        a = make_bin(p, op, a, b);
    }
    return a;
}

static int parse_expr(parser *p)
{
    int a = parse_term(p), b;
    while (a >= 0 && (p->tok.type == T_PLUS || p->tok.type == T_MINUS)) {
        binop op = p->tok.type == T_PLUS ? B_ADD : B_SUB;
        if (!lex(p) || (b = parse_term(p)) < 0) return -1;
        a = make_bin(p, op, a, b);
    }
    return a;
}

/* ------------------------------------------------------------------------------------ */
/* Code generation                                                                        */
/* ------------------------------------------------------------------------------------ */

static const unsigned char fused_right[4][4] = {
    /* [binop][leafkind]: left = top, right = leaf */
    [B_ADD] = {0, OP_ADDK, OP_ADDX, OP_ADDY},
    [B_SUB] = {0, OP_SUBK, OP_SUBX, OP_SUBY},
    [B_MUL] = {0, OP_MULK, OP_MULX, OP_MULY},
    [B_DIV] = {0, OP_DIVK, OP_DIVX, OP_DIVY},
};
static const unsigned char fused_left[4][4] = {
    /* left = leaf, right = top; + and * commute, so they reuse the right-leaf forms */
    [B_ADD] = {0, OP_ADDK, OP_ADDX, OP_ADDY},
    [B_SUB] = {0, OP_KSUB, OP_XSUB, OP_YSUB},
    [B_MUL] = {0, OP_MULK, OP_MULX, OP_MULY},
    [B_DIV] = {0, OP_KDIV, OP_XDIV, OP_YDIV},
};
static const unsigned char plain_op[] = {
    [B_ADD] = OP_ADD, [B_SUB] = OP_SUB, [B_MUL] = OP_MUL, [B_DIV] = OP_DIV,
    [B_POW] = OP_POW, [B_MIN] = OP_MIN, [B_MAX] = OP_MAX, [B_ATAN2] = OP_ATAN2,
};
static const unsigned char reversed_op[] = {
    [B_ADD] = OP_ADD,  [B_SUB] = OP_RSUB, [B_MUL] = OP_MUL,  [B_DIV] = OP_RDIV,
    [B_POW] = OP_RPOW, [B_MIN] = OP_RMIN, [B_MAX] = OP_RMAX, [B_ATAN2] = OP_RATAN2,
};

/* A node being generated: the children still to emit, then its own instruction. */
typedef struct {
    int kids[2], nkids, next;
    insn ins;
} genframe;

static void plan(const node *nodes, int i, genframe *f)
{
    const node *n = &nodes[i], *A = &nodes[n->a], *B = &nodes[n->b];
    int c, pw;
    memset(f, 0, sizeof *f);
    switch ((nodekind)n->kind) {
    case N_NUM: f->ins.op = OP_LDK, f->ins.k = n->k; return;
    case N_X: f->ins.op = OP_LDX; return;
    case N_Y: f->ins.op = OP_LDY; return;
    case N_NEG: f->ins.op = OP_NEG; break;
    case N_FN1: f->ins.op = OP_CALL1, f->ins.fn = n->op; break;
    case N_BIN:
        c = fused_child(nodes, n);
        if (c < 0) {
            /* the hungrier side first; the reversed opcode restores operand order */
            int swap = B->need > A->need;
            f->kids[0] = swap ? n->b : n->a;
            f->kids[1] = swap ? n->a : n->b;
            f->nkids = 2;
            f->ins.op = swap ? reversed_op[n->op] : plain_op[n->op];
            return;
        }
        f->kids[0] = c, f->nkids = 1;
        if (n->op == B_POW && c == n->a) {
            if (small_int(B->k, &pw)) {
                f->ins.op = pw == 2 ? OP_SQR : OP_POWI;
                f->ins.n = (short)pw;
            } else {
                f->ins.op = OP_POWK, f->ins.k = B->k;
            }
        } else if (n->op == B_POW) {
            f->ins.op = OP_KPOW, f->ins.k = A->k;
        } else if (c == n->a) {
            f->ins.op = fused_right[n->op][leaf_of(B)], f->ins.k = B->k;
        } else {
            f->ins.op = fused_left[n->op][leaf_of(A)], f->ins.k = A->k;
        }
        return;
    }
    f->kids[0] = n->a, f->nkids = 1;
}

/* Emit the program for the tree rooted at `root` (post-order, iteratively: a long chain
 * like x+x+...+x is a deep tree and must not recurse). Returns the instruction count. */
static int generate(const node *nodes, int root, insn *code, genframe *stack)
{
    int top = 0, n = 0;
    plan(nodes, root, &stack[top++]);
    while (top > 0) {
        genframe *f = &stack[top - 1];
        if (f->next < f->nkids) {
            int kid = f->kids[f->next++];
            plan(nodes, kid, &stack[top++]);
            continue;
        }
        code[n++] = f->ins;
        top--;
    }
    code[n].op = OP_END;
    code[n].fn = 0, code[n].n = 0, code[n].k = 0;
    return n + 1;
}

static expr *compile(parser *p)
{
    genframe *frames = NULL;
    insn *code = NULL;
    expr *e = NULL;
    int root, ncode, i, depth = 0, maxdepth = 0;
    p->tok.pos = p->tok.len = 0;
    if (!lex(p)) return NULL;
    if (p->tok.type == T_END) {
        if (p->err) ds_err_at(p->err, DS_ESYNTAX, p->src, 1, "empty formula");
        return NULL;
    }
    if ((root = parse_expr(p)) < 0) return NULL;
    if (p->tok.type != T_END) {
        unexpected(p);
        return NULL;
    }
    frames = malloc(sizeof *frames * (size_t)(p->nnodes + 1));
    code = malloc(sizeof *code * (size_t)(p->nnodes + 1));
    if (!frames || !code) goto nomem;
    ncode = generate(p->nodes, root, code, frames);
    for (i = 0; i < ncode; i++) {
        depth += op_effect[code[i].op];
        if (depth > maxdepth) maxdepth = depth;
    }
    if (maxdepth > EXPR_STACK) {
        /* unreachable with Sethi–Ullman ordering under the length limit; kept as a guard */
        fail(p, DS_ESYNTAX, 0, "formula too complex at column 1");
        goto out;
    }
    e = malloc(sizeof *e + sizeof *code * (size_t)ncode + p->len + 1);
    if (!e) goto nomem;
    e->ncode = ncode;
    e->depth = maxdepth;
    memcpy(e->code, code, sizeof *code * (size_t)ncode);
    e->src = (char *)(e->code + ncode);
    memcpy(e->src, p->src, p->len + 1);
    goto out;
nomem:
    if (p->err) ds_err_set(p->err, DS_ENOMEM, "out of memory compiling a formula");
out:
    free(frames);
    free(code);
    return e;
}

expr *expr_compile(const char *src, ds_err *err)
{
    parser p;
    expr *e;
    size_t len = 0;
    locale_t c_locale, old_locale = (locale_t)0;
    if (!src) src = "";
    while (len <= EXPR_MAX_LEN && src[len])
        len++;
    if (len > EXPR_MAX_LEN) {
        if (err)
            ds_err_at(err, DS_ESYNTAX, src, 0, "formula too long (more than %d bytes); shorten it",
                      EXPR_MAX_LEN);
        return NULL;
    }
    memset(&p, 0, sizeof p);
    p.src = src;
    p.len = len;
    p.err = err;
    p.cap = (int)len + 1; /* every token makes at most one node */
    p.nodes = malloc(sizeof *p.nodes * (size_t)p.cap);
    p.scratch = malloc(len + 1);
    if (!p.nodes || !p.scratch) {
        free(p.nodes);
        free(p.scratch);
        if (err) ds_err_set(err, DS_ENOMEM, "out of memory compiling a formula");
        return NULL;
    }
    memcpy(p.scratch, src, len + 1);
    /* numbers use '.' whatever the program's locale says (the screen calls setlocale);
     * uselocale is per thread, so this does not disturb anyone else */
    c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_locale) old_locale = uselocale(c_locale);
    e = compile(&p);
    if (c_locale) {
        uselocale(old_locale);
        freelocale(c_locale);
    }
    free(p.nodes);
    free(p.scratch);
    if (e && err) ds_err_clear(err);
    return e;
}

void expr_free(expr *e)
{
    free(e);
}

const char *expr_source(const expr *e)
{
    return e ? e->src : "";
}

int expr_code_length(const expr *e)
{
    return e ? e->ncode - 1 : 0;
}

int expr_stack_depth(const expr *e)
{
    return e ? e->depth : 0;
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
#if defined(VM_THREADED) && defined(__GNUC__) && !defined(__clang__)
#define VM_SCALAR __attribute__((optimize("no-tree-slp-vectorize")))
#else
#define VM_SCALAR
#endif

double expr_value(const expr *e, double x, double y)
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
    VM_CASE(OP_LDK) st[sp++] = acc, acc = pc->k; VM_NEXT;
    VM_CASE(OP_LDX) st[sp++] = acc, acc = x; VM_NEXT;
    VM_CASE(OP_LDY) st[sp++] = acc, acc = y; VM_NEXT;
    VM_CASE(OP_ADD) acc = st[--sp] + acc; VM_NEXT;
    VM_CASE(OP_SUB) acc = st[--sp] - acc; VM_NEXT;
    VM_CASE(OP_MUL) acc = st[--sp] * acc; VM_NEXT;
    VM_CASE(OP_DIV) acc = st[--sp] / acc; VM_NEXT;
    VM_CASE(OP_POW) acc = pow(st[--sp], acc); VM_NEXT;
    VM_CASE(OP_MIN) t = st[--sp], acc = pick_left_min(t, acc) ? t : acc; VM_NEXT;
    VM_CASE(OP_MAX) t = st[--sp], acc = pick_left_max(t, acc) ? t : acc; VM_NEXT;
    VM_CASE(OP_ATAN2) acc = atan2(st[--sp], acc); VM_NEXT;
    VM_CASE(OP_RSUB) acc = acc - st[--sp]; VM_NEXT;
    VM_CASE(OP_RDIV) acc = acc / st[--sp]; VM_NEXT;
    VM_CASE(OP_RPOW) acc = pow(acc, st[--sp]); VM_NEXT;
    VM_CASE(OP_RMIN) t = st[--sp], acc = pick_left_min(acc, t) ? acc : t; VM_NEXT;
    VM_CASE(OP_RMAX) t = st[--sp], acc = pick_left_max(acc, t) ? acc : t; VM_NEXT;
    VM_CASE(OP_RATAN2) acc = atan2(acc, st[--sp]); VM_NEXT;
    VM_CASE(OP_ADDK) acc += pc->k; VM_NEXT;
    VM_CASE(OP_SUBK) acc -= pc->k; VM_NEXT;
    VM_CASE(OP_MULK) acc *= pc->k; VM_NEXT;
    VM_CASE(OP_DIVK) acc /= pc->k; VM_NEXT;
    VM_CASE(OP_POWK) acc = pow(acc, pc->k); VM_NEXT;
    VM_CASE(OP_KSUB) acc = pc->k - acc; VM_NEXT;
    VM_CASE(OP_KDIV) acc = pc->k / acc; VM_NEXT;
    VM_CASE(OP_KPOW) acc = pow(pc->k, acc); VM_NEXT;
    VM_CASE(OP_ADDX) acc += x; VM_NEXT;
    VM_CASE(OP_SUBX) acc -= x; VM_NEXT;
    VM_CASE(OP_MULX) acc *= x; VM_NEXT;
    VM_CASE(OP_DIVX) acc /= x; VM_NEXT;
    VM_CASE(OP_XSUB) acc = x - acc; VM_NEXT;
    VM_CASE(OP_XDIV) acc = x / acc; VM_NEXT;
    VM_CASE(OP_ADDY) acc += y; VM_NEXT;
    VM_CASE(OP_SUBY) acc -= y; VM_NEXT;
    VM_CASE(OP_MULY) acc *= y; VM_NEXT;
    VM_CASE(OP_DIVY) acc /= y; VM_NEXT;
    VM_CASE(OP_YSUB) acc = y - acc; VM_NEXT;
    VM_CASE(OP_YDIV) acc = y / acc; VM_NEXT;
    VM_CASE(OP_NEG) acc = -acc; VM_NEXT;
    VM_CASE(OP_SQR) acc *= acc; VM_NEXT;
    VM_CASE(OP_POWI) acc = powi(acc, pc->n); VM_NEXT;
    VM_CASE(OP_CALL1) acc = fn1_value(pc->fn, acc); VM_NEXT;
    VM_CASE(OP_END) return acc;
    VM_STOP
}

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
VM_SCALAR void expr_grad(const expr *e, double x, double y, double *f, double g[2])
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
    VM_CASE(OP_LDK) st[sp++] = ACC; SET(d1_const(pc->k)); VM_NEXT;
    VM_CASE(OP_LDX) st[sp++] = ACC; SET(X); VM_NEXT;
    VM_CASE(OP_LDY) st[sp++] = ACC; SET(Y); VM_NEXT;
    VM_CASE(OP_ADD) SET(d1_add(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_SUB) SET(d1_sub(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_MUL) SET(d1_mul(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_DIV) SET(d1_div(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_POW) SET(d1_pow(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_MIN) t = st[--sp]; SET(pick_left_min(t.v, av) ? t : ACC); VM_NEXT;
    VM_CASE(OP_MAX) t = st[--sp]; SET(pick_left_max(t.v, av) ? t : ACC); VM_NEXT;
    VM_CASE(OP_ATAN2) t = st[--sp]; SET(d1_chain2(t, ACC, atan2_partials(t.v, av))); VM_NEXT;
    VM_CASE(OP_RSUB) SET(d1_sub(ACC, st[--sp])); VM_NEXT;
    VM_CASE(OP_RDIV) SET(d1_div(ACC, st[--sp])); VM_NEXT;
    VM_CASE(OP_RPOW) SET(d1_pow(ACC, st[--sp])); VM_NEXT;
    VM_CASE(OP_RMIN) t = st[--sp]; SET(pick_left_min(av, t.v) ? ACC : t); VM_NEXT;
    VM_CASE(OP_RMAX) t = st[--sp]; SET(pick_left_max(av, t.v) ? ACC : t); VM_NEXT;
    VM_CASE(OP_RATAN2) t = st[--sp]; SET(d1_chain2(ACC, t, atan2_partials(av, t.v))); VM_NEXT;
    VM_CASE(OP_ADDK) av += pc->k; VM_NEXT;
    VM_CASE(OP_SUBK) av -= pc->k; VM_NEXT;
    VM_CASE(OP_MULK) SET(d1_scale(ACC, pc->k)); VM_NEXT;
    VM_CASE(OP_DIVK) SET(d1_divk(ACC, pc->k)); VM_NEXT;
    VM_CASE(OP_POWK) SET(d1_pow(ACC, d1_const(pc->k))); VM_NEXT;
    VM_CASE(OP_KSUB) SET(d1_sub(d1_const(pc->k), ACC)); VM_NEXT;
    VM_CASE(OP_KDIV) SET(d1_div(d1_const(pc->k), ACC)); VM_NEXT;
    VM_CASE(OP_KPOW) SET(d1_pow(d1_const(pc->k), ACC)); VM_NEXT;
    VM_CASE(OP_ADDX) SET(d1_add(ACC, X)); VM_NEXT;
    VM_CASE(OP_SUBX) SET(d1_sub(ACC, X)); VM_NEXT;
    VM_CASE(OP_MULX) SET(d1_mul(ACC, X)); VM_NEXT;
    VM_CASE(OP_DIVX) SET(d1_div(ACC, X)); VM_NEXT;
    VM_CASE(OP_XSUB) SET(d1_sub(X, ACC)); VM_NEXT;
    VM_CASE(OP_XDIV) SET(d1_div(X, ACC)); VM_NEXT;
    VM_CASE(OP_ADDY) SET(d1_add(ACC, Y)); VM_NEXT;
    VM_CASE(OP_SUBY) SET(d1_sub(ACC, Y)); VM_NEXT;
    VM_CASE(OP_MULY) SET(d1_mul(ACC, Y)); VM_NEXT;
    VM_CASE(OP_DIVY) SET(d1_div(ACC, Y)); VM_NEXT;
    VM_CASE(OP_YSUB) SET(d1_sub(Y, ACC)); VM_NEXT;
    VM_CASE(OP_YDIV) SET(d1_div(Y, ACC)); VM_NEXT;
    VM_CASE(OP_NEG) SET(d1_neg(ACC)); VM_NEXT;
    VM_CASE(OP_SQR) SET(d1_sqr(ACC)); VM_NEXT;
    VM_CASE(OP_POWI) pow_const_derivs(av, pc->n, fd); SET(d1_chain(ACC, fd)); VM_NEXT;
    VM_CASE(OP_CALL1) fn1_derivs(pc->fn, av, fd); SET(d1_chain(ACC, fd)); VM_NEXT;
    VM_CASE(OP_END)
    *f = av;
    /* adding +0 turns a -0 tangent (from negating a zero) into the 0 people expect */
    g[0] = ax + 0.0;
    g[1] = ay + 0.0;
    return;
    VM_STOP
    /* clang-format on */
}
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
VM_SCALAR void expr_hess(const expr *e, double x, double y, double *f, double g[2], double h[3])
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
    VM_CASE(OP_LDK) st[sp++] = ACC; SET(d2_const(pc->k)); VM_NEXT;
    VM_CASE(OP_LDX) st[sp++] = ACC; SET(X); VM_NEXT;
    VM_CASE(OP_LDY) st[sp++] = ACC; SET(Y); VM_NEXT;
    VM_CASE(OP_ADD) SET(d2_add(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_SUB) SET(d2_sub(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_MUL) SET(d2_mul(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_DIV) SET(d2_div(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_POW) SET(d2_pow(st[--sp], ACC)); VM_NEXT;
    VM_CASE(OP_MIN) t = st[--sp]; SET(pick_left_min(t.v, av) ? t : ACC); VM_NEXT;
    VM_CASE(OP_MAX) t = st[--sp]; SET(pick_left_max(t.v, av) ? t : ACC); VM_NEXT;
    VM_CASE(OP_ATAN2) t = st[--sp]; SET(d2_chain2(t, ACC, atan2_partials(t.v, av))); VM_NEXT;
    VM_CASE(OP_RSUB) SET(d2_sub(ACC, st[--sp])); VM_NEXT;
    VM_CASE(OP_RDIV) SET(d2_div(ACC, st[--sp])); VM_NEXT;
    VM_CASE(OP_RPOW) SET(d2_pow(ACC, st[--sp])); VM_NEXT;
    VM_CASE(OP_RMIN) t = st[--sp]; SET(pick_left_min(av, t.v) ? ACC : t); VM_NEXT;
    VM_CASE(OP_RMAX) t = st[--sp]; SET(pick_left_max(av, t.v) ? ACC : t); VM_NEXT;
    VM_CASE(OP_RATAN2) t = st[--sp]; SET(d2_chain2(ACC, t, atan2_partials(av, t.v))); VM_NEXT;
    VM_CASE(OP_ADDK) av += pc->k; VM_NEXT;
    VM_CASE(OP_SUBK) av -= pc->k; VM_NEXT;
    VM_CASE(OP_MULK) SET(d2_scale(ACC, pc->k)); VM_NEXT;
    VM_CASE(OP_DIVK) SET(d2_divk(ACC, pc->k)); VM_NEXT;
    VM_CASE(OP_POWK) SET(d2_pow(ACC, d2_const(pc->k))); VM_NEXT;
    VM_CASE(OP_KSUB) SET(d2_sub(d2_const(pc->k), ACC)); VM_NEXT;
    VM_CASE(OP_KDIV) SET(d2_div(d2_const(pc->k), ACC)); VM_NEXT;
    VM_CASE(OP_KPOW) SET(d2_pow(d2_const(pc->k), ACC)); VM_NEXT;
    VM_CASE(OP_ADDX) SET(d2_add(ACC, X)); VM_NEXT;
    VM_CASE(OP_SUBX) SET(d2_sub(ACC, X)); VM_NEXT;
    VM_CASE(OP_MULX) SET(d2_mul(ACC, X)); VM_NEXT;
    VM_CASE(OP_DIVX) SET(d2_div(ACC, X)); VM_NEXT;
    VM_CASE(OP_XSUB) SET(d2_sub(X, ACC)); VM_NEXT;
    VM_CASE(OP_XDIV) SET(d2_div(X, ACC)); VM_NEXT;
    VM_CASE(OP_ADDY) SET(d2_add(ACC, Y)); VM_NEXT;
    VM_CASE(OP_SUBY) SET(d2_sub(ACC, Y)); VM_NEXT;
    VM_CASE(OP_MULY) SET(d2_mul(ACC, Y)); VM_NEXT;
    VM_CASE(OP_DIVY) SET(d2_div(ACC, Y)); VM_NEXT;
    VM_CASE(OP_YSUB) SET(d2_sub(Y, ACC)); VM_NEXT;
    VM_CASE(OP_YDIV) SET(d2_div(Y, ACC)); VM_NEXT;
    VM_CASE(OP_NEG) SET(d2_neg(ACC)); VM_NEXT;
    VM_CASE(OP_SQR) SET(d2_sqr(ACC)); VM_NEXT;
    VM_CASE(OP_POWI) pow_const_derivs(av, pc->n, fd); SET(d2_chain(ACC, fd)); VM_NEXT;
    VM_CASE(OP_CALL1) fn1_derivs(pc->fn, av, fd); SET(d2_chain(ACC, fd)); VM_NEXT;
    VM_CASE(OP_END)
    *f = av;
    /* adding +0 turns a -0 (from negating a zero) into the 0 people expect */
    g[0] = ax + 0.0;
    g[1] = ay + 0.0;
    h[0] = axx + 0.0;
    h[1] = axy + 0.0;
    h[2] = ayy + 0.0;
    return;
    VM_STOP
    /* clang-format on */
}
#undef ACC
#undef SET
