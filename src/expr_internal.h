/* expr_internal.h — what the formula files share privately: the function ids and binary
 * operations (expr_parse.c), the tree the parser builds and the bytecode the compiler
 * emits from it (expr_compile.c), the register form made from that (expr_tape.c), which
 * the evaluators run (expr_eval.c one point at a time, expr_batch.c a block of points). */
#ifndef DESCENT_EXPR_INTERNAL_H
#define DESCENT_EXPR_INTERNAL_H

#include <stddef.h>

#include "descent/expr.h"

#define EXPR_STACK 64 /* evaluation stack slots; code generation keeps programs far below */

/* ------------------------------------------------------------------------------------ */
/* The language's operations                                                              */
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

/* ------------------------------------------------------------------------------------ */
/* The tree (expr_parse.c builds it, children before parents)                             */
/* ------------------------------------------------------------------------------------ */

typedef enum { N_NUM, N_X, N_Y, N_NEG, N_FN1, N_BIN } nodekind;

typedef struct {
    unsigned char kind; /* nodekind */
    unsigned char op;   /* N_FN1: fnid; N_BIN: binop */
    int a, b;           /* children (indices into the node array) */
    int need;           /* stack slots needed to evaluate this subtree (expr_compile.c) */
    double k;           /* N_NUM */
} node;

typedef struct {
    node *nodes; /* the tree, children before parents; the caller frees it */
    int nnodes;
    int root;   /* the node of the whole formula */
    size_t len; /* bytes of source */
} expr_tree;

/* ------------------------------------------------------------------------------------ */
/* Bytecode                                                                               */
/* ------------------------------------------------------------------------------------ */

/* X-macro: opcode, stack effect, and what it computes: the binary operation (B_NONE for
 * the others), where the operand besides the top of the stack comes from (for loads,
 * what is loaded), and whether the top is the left operand. The value of every opcode is
 * spelled out by expr_tape.c's translation; K/X/Y suffixes take the right operand from
 * the instruction (a constant, x or y), the K/X/Y prefixes the left one, and R swaps the
 * operands of a two-slot operation (used when the right side was evaluated first to keep
 * the stack shallow). */
enum { SRC_STACK, SRC_K, SRC_X, SRC_Y };
#define OP_LIST(X)                                                                                 \
    X(OP_LDK, +1, B_NONE, SRC_K, 0)                                                                \
    X(OP_LDX, +1, B_NONE, SRC_X, 0)                                                                \
    X(OP_LDY, +1, B_NONE, SRC_Y, 0)                                                                \
    X(OP_ADD, -1, B_ADD, SRC_STACK, 0)                                                             \
    X(OP_SUB, -1, B_SUB, SRC_STACK, 0)                                                             \
    X(OP_MUL, -1, B_MUL, SRC_STACK, 0)                                                             \
    X(OP_DIV, -1, B_DIV, SRC_STACK, 0)                                                             \
    X(OP_POW, -1, B_POW, SRC_STACK, 0)                                                             \
    X(OP_MIN, -1, B_MIN, SRC_STACK, 0)                                                             \
    X(OP_MAX, -1, B_MAX, SRC_STACK, 0)                                                             \
    X(OP_ATAN2, -1, B_ATAN2, SRC_STACK, 0)                                                         \
    X(OP_RSUB, -1, B_SUB, SRC_STACK, 1)                                                            \
    X(OP_RDIV, -1, B_DIV, SRC_STACK, 1)                                                            \
    X(OP_RPOW, -1, B_POW, SRC_STACK, 1)                                                            \
    X(OP_RMIN, -1, B_MIN, SRC_STACK, 1)                                                            \
    X(OP_RMAX, -1, B_MAX, SRC_STACK, 1)                                                            \
    X(OP_RATAN2, -1, B_ATAN2, SRC_STACK, 1)                                                        \
    X(OP_ADDK, 0, B_ADD, SRC_K, 1)                                                                 \
    X(OP_SUBK, 0, B_SUB, SRC_K, 1)                                                                 \
    X(OP_MULK, 0, B_MUL, SRC_K, 1)                                                                 \
    X(OP_DIVK, 0, B_DIV, SRC_K, 1)                                                                 \
    X(OP_POWK, 0, B_POW, SRC_K, 1)                                                                 \
    X(OP_KSUB, 0, B_SUB, SRC_K, 0)                                                                 \
    X(OP_KDIV, 0, B_DIV, SRC_K, 0)                                                                 \
    X(OP_KPOW, 0, B_POW, SRC_K, 0)                                                                 \
    X(OP_ADDX, 0, B_ADD, SRC_X, 1)                                                                 \
    X(OP_SUBX, 0, B_SUB, SRC_X, 1)                                                                 \
    X(OP_MULX, 0, B_MUL, SRC_X, 1)                                                                 \
    X(OP_DIVX, 0, B_DIV, SRC_X, 1)                                                                 \
    X(OP_XSUB, 0, B_SUB, SRC_X, 0)                                                                 \
    X(OP_XDIV, 0, B_DIV, SRC_X, 0)                                                                 \
    X(OP_ADDY, 0, B_ADD, SRC_Y, 1)                                                                 \
    X(OP_SUBY, 0, B_SUB, SRC_Y, 1)                                                                 \
    X(OP_MULY, 0, B_MUL, SRC_Y, 1)                                                                 \
    X(OP_DIVY, 0, B_DIV, SRC_Y, 1)                                                                 \
    X(OP_YSUB, 0, B_SUB, SRC_Y, 0)                                                                 \
    X(OP_YDIV, 0, B_DIV, SRC_Y, 0)                                                                 \
    X(OP_NEG, 0, B_NONE, SRC_STACK, 0)                                                             \
    X(OP_SQR, 0, B_NONE, SRC_STACK, 0)                                                             \
    X(OP_POWI, 0, B_NONE, SRC_STACK, 0)                                                            \
    X(OP_CALL1, 0, B_NONE, SRC_STACK, 0)                                                           \
    X(OP_END, 0, B_NONE, SRC_STACK, 0)

typedef enum {
#define OP_ENUM(op, effect, bop, src, top_left) op,
    OP_LIST(OP_ENUM)
#undef OP_ENUM
        OP_COUNT
} opcode;

/* One instruction: 16 bytes, the constant operand inline so the value loop touches one
 * cache line per four instructions. */
typedef struct {
    unsigned char op; /* opcode */
    unsigned char fn; /* OP_CALL1: the function */
    short n;          /* OP_POWI: the exponent */
    double k;         /* the constant of OP_LDK and the K-fused operations */
} insn;

/* ------------------------------------------------------------------------------------ */
/* The tape: the program in register form, which the evaluators run                       */
/* ------------------------------------------------------------------------------------ */

/* expr_tape.c rewrites the stack program above into three-address instructions on
 * numbered registers (0 holds x, 1 holds y): each stack instruction that computes becomes
 * one instruction with the same operation on the same operands in the same order, so the
 * values are the stack program's to the bit, while loads vanish into operands and an
 * instruction met again with the same operands (x^2 twice, a repeated constant) is
 * computed once and its register reused. A constant operand folds into a K form (c·u
 * runs as u·c, the same value): its derivatives are then u's scaled, so a constant's zero
 * tangent never meets an infinite value as 0·∞ and 2*x and x*2 differentiate alike; and
 * a product with a constant that only a sum or difference reads joins it (TP_ADDMK
 * a + b·k, TP_SUBMK a − b·k, TP_MKSUB a·k − b: the same operations, one instruction and
 * one register round trip fewer). The X and Y forms are the operations with x or y (the
 * same as a generic operation on register 0 or 1, but the evaluators know x's and y's
 * tangents there). */
#define TAPE_LIST(X) TP_SPARSE_BIN(TP_SPARSE_NAME, X) TAPE_PLAIN(X) TP_SPARSE_UN(TP_SPARSE_NAME, X)
#define TAPE_PLAIN(X)                                                                              \
    X(TP_ADD)                                                                                      \
    X(TP_SUB)                                                                                      \
    X(TP_MUL)                                                                                      \
    X(TP_DIV)                                                                                      \
    X(TP_POW)                                                                                      \
    X(TP_MIN)                                                                                      \
    X(TP_MAX)                                                                                      \
    X(TP_ATAN2)                                                                                    \
    X(TP_ADDMK)                                                                                    \
    X(TP_SUBMK)                                                                                    \
    X(TP_MKSUB)                                                                                    \
    X(TP_ADDK)                                                                                     \
    X(TP_SUBK)                                                                                     \
    X(TP_MULK)                                                                                     \
    X(TP_DIVK)                                                                                     \
    X(TP_KSUB)                                                                                     \
    X(TP_KDIV)                                                                                     \
    X(TP_ADDX)                                                                                     \
    X(TP_SUBX)                                                                                     \
    X(TP_MULX)                                                                                     \
    X(TP_DIVX)                                                                                     \
    X(TP_XSUB)                                                                                     \
    X(TP_XDIV)                                                                                     \
    X(TP_ADDY)                                                                                     \
    X(TP_SUBY)                                                                                     \
    X(TP_MULY)                                                                                     \
    X(TP_DIVY)                                                                                     \
    X(TP_YSUB)                                                                                     \
    X(TP_YDIV)                                                                                     \
    X(TP_CONST)                                                                                    \
    X(TP_NEG)                                                                                      \
    X(TP_SQR)                                                                                      \
    X(TP_POWI)                                                                                     \
    X(TP_CALL1)                                                                                    \
    X(TP_END)

/* Derivative sparsity (expr_sparse.c classifies, expr_sparse.h computes): a register whose
 * value depends on x alone (class X: x, 3x², sin x, ...) has zero y-parts (∂y, ∂xy, ∂yy),
 * one on y alone (class Y) zero x-parts. The derivative tape's operations on such operands
 * are these variants of the plain opcodes, which leave out the terms with those zeros:
 * TP_op_W for a one-operand op (and the x and y forms) on a W operand, TP_op_AB for a
 * two-operand op whose operands have classes A and B (G: general), not both G. Each entry
 * is S(X, variant, plain opcode); the value of every variant is its plain opcode's. The
 * two-operand variants come first (TP_READS_B). */
#define TP_SPARSE_NAME(X, op, plain) X(op)
#define TP_SPARSE_BIN1(S, X, b)                                                                    \
    S(X, TP_##b##_XX, TP_##b)                                                                      \
    S(X, TP_##b##_YY, TP_##b)                                                                      \
    S(X, TP_##b##_XY, TP_##b)                                                                      \
    S(X, TP_##b##_YX, TP_##b)                                                                      \
    S(X, TP_##b##_GX, TP_##b)                                                                      \
    S(X, TP_##b##_GY, TP_##b)                                                                      \
    S(X, TP_##b##_XG, TP_##b)                                                                      \
    S(X, TP_##b##_YG, TP_##b)
#define TP_SPARSE_UN1(S, X, b) S(X, TP_##b##_X, TP_##b) S(X, TP_##b##_Y, TP_##b)
/* the plain opcodes with variants: B(S, X, name) for each */
/* clang-format off */
#define TP_SPARSE_BIN_BASES(B, S, X) \
    B(S, X, ADD) B(S, X, SUB) B(S, X, MUL) B(S, X, ADDMK) B(S, X, SUBMK) B(S, X, MKSUB)
#define TP_SPARSE_UN_BASES(U, S, X) \
    U(S, X, MULK) U(S, X, ADDK) U(S, X, SUBK) U(S, X, KSUB) U(S, X, DIVK) U(S, X, NEG) \
    U(S, X, SQR) U(S, X, POWI) U(S, X, CALL1) U(S, X, ADDX) U(S, X, SUBX) U(S, X, XSUB) \
    U(S, X, MULX) U(S, X, ADDY) U(S, X, SUBY) U(S, X, YSUB) U(S, X, MULY)
/* clang-format on */
#define TP_SPARSE_BIN(S, X) TP_SPARSE_BIN_BASES(TP_SPARSE_BIN1, S, X)
#define TP_SPARSE_UN(S, X)  TP_SPARSE_UN_BASES(TP_SPARSE_UN1, S, X)

typedef enum {
#define TP_ENUM(op) op,
    TAPE_LIST(TP_ENUM)
#undef TP_ENUM
        TP_COUNT
} tapeop;

/* Does a tape opcode read operand b? The two-register operations come first. */
#define TP_READS_B(op) ((op) <= TP_MKSUB)

/* The VM's variants of an opcode: operand a (TP_ACC_A) or b (TP_ACC_B) is the result of
 * the instruction just before, which the VM still holds in machine registers. Everything
 * else reads `op & TP_BASE`. */
#define TP_ACC_A 256
#define TP_ACC_B 512
#define TP_BASE  255

#define EXPR_REGS                                                                                  \
    128 /* registers a tape may use; a tape needing more is built without                          \
           reuse, which needs at most the stack's depth plus three */

/* One tape instruction, 16 bytes: d = a OP b, or d = a OP k. TP_END returns register a. */
typedef struct {
    unsigned short op; /* tapeop, maybe with TP_ACC_A or TP_ACC_B */
    unsigned char fn;  /* TP_CALL1: the function */
    unsigned char d;   /* destination register (never an operand's; < EXPR_REGS) */
    unsigned short a;  /* first operand */
    union {
        unsigned short b; /* second operand */
        short n;          /* TP_POWI: the exponent */
    };
    double k; /* TP_CONST and the K forms */
} tinsn;

/* A catalog formula's tape precompiled (expr_eval.c, from expr_kernels.h). */
typedef struct {
    const char *name;  /* the catalog row it came from */
    const tinsn *tape; /* its tape, TP_END last */
    int ntape;
    double (*value)(double x, double y);
    void (*grad)(const expr *e, double x, double y, double *f, double g[2]);
    void (*hess)(const expr *e, double x, double y, double *f, double g[2], double h[3]);
} expr_kernel;

struct expr {
    const expr_kernel *kern; /* the same tape precompiled, or NULL: the VM runs it */
    const tinsn *tape;       /* the register form the evaluators run, TP_END last */
    int ntape;               /* its instructions, TP_END included */
    int nreg;                /* registers it uses (<= EXPR_REGS) */
    const tinsn *vtape;      /* the tape for values alone (expr_value and expr_value_n) */
    int nvtape, nvreg;
    int ncode;   /* stack instructions, including the final OP_END */
    int depth;   /* stack slots the program needs (<= EXPR_STACK) */
    char *src;   /* the source as given; lives in the same allocation */
    insn code[]; /* the stack program; the tapes and the source follow it */
};

/* ------------------------------------------------------------------------------------ */
/* Second-order rules written once                                                        */
/* ------------------------------------------------------------------------------------ */

/* The product, quotient and chain rules of value + gradient + Hessian, for the fast
 * evaluators' doubles (expr_ops.h) and the wide evaluator's long doubles (expr_wide.c):
 * r, a, b, u have the fields v, x, y, xx, xy, yy; f[] holds f, f′, f″ and q the partials
 * of a two-argument function (v, fa, fb, faa, fab, fbb); tm(f, t) is each file's own
 * product that keeps a zero tangent zero. */
#define DUAL2_MUL(r, a, b)                                                                         \
    do {                                                                                           \
        (r).v = (a).v * (b).v;                                                                     \
        (r).x = (a).x * (b).v + (a).v * (b).x;                                                     \
        (r).y = (a).y * (b).v + (a).v * (b).y;                                                     \
        (r).xx = (a).xx * (b).v + 2 * (a).x * (b).x + (a).v * (b).xx;                              \
        (r).xy = (a).xy * (b).v + (a).x * (b).y + (a).y * (b).x + (a).v * (b).xy;                  \
        (r).yy = (a).yy * (b).v + 2 * (a).y * (b).y + (a).v * (b).yy;                              \
    } while (0)

/* q = a/b, so a = q b: differentiate that product and solve for q's parts */
#define DUAL2_DIV(r, a, b)                                                                         \
    do {                                                                                           \
        (r).v = (a).v / (b).v;                                                                     \
        (r).x = ((a).x - (r).v * (b).x) / (b).v;                                                   \
        (r).y = ((a).y - (r).v * (b).y) / (b).v;                                                   \
        (r).xx = ((a).xx - 2 * (r).x * (b).x - (r).v * (b).xx) / (b).v;                            \
        (r).xy = ((a).xy - (r).x * (b).y - (r).y * (b).x - (r).v * (b).xy) / (b).v;                \
        (r).yy = ((a).yy - 2 * (r).y * (b).y - (r).v * (b).yy) / (b).v;                            \
    } while (0)

/* f(u) from f, f′, f″ (d = f′ du; dd_ij = f′ ddu_ij + f″ du_i du_j), value not set */
#define DUAL2_CHAIN_TM(r, u, f)                                                                    \
    do {                                                                                           \
        (r).x = tm((f)[1], (u).x);                                                                 \
        (r).y = tm((f)[1], (u).y);                                                                 \
        (r).xx = tm((f)[1], (u).xx) + tm((f)[2], (u).x * (u).x);                                   \
        (r).xy = tm((f)[1], (u).xy) + tm((f)[2], (u).x * (u).y);                                   \
        (r).yy = tm((f)[1], (u).yy) + tm((f)[2], (u).y * (u).y);                                   \
    } while (0)

/* f(a, b) from its partial derivatives */
#define DUAL2_CHAIN2(r, a, b, q)                                                                   \
    do {                                                                                           \
        (r).v = (q).v;                                                                             \
        (r).x = tm((q).fa, (a).x) + tm((q).fb, (b).x);                                             \
        (r).y = tm((q).fa, (a).y) + tm((q).fb, (b).y);                                             \
        (r).xx = tm((q).fa, (a).xx) + tm((q).fb, (b).xx) + tm((q).faa, (a).x * (a).x) +            \
                 tm((q).fab, 2 * (a).x * (b).x) + tm((q).fbb, (b).x * (b).x);                      \
        (r).xy = tm((q).fa, (a).xy) + tm((q).fb, (b).xy) + tm((q).faa, (a).x * (a).y) +            \
                 tm((q).fab, (a).x * (b).y + (a).y * (b).x) + tm((q).fbb, (b).x * (b).y);          \
        (r).yy = tm((q).fa, (a).yy) + tm((q).fb, (b).yy) + tm((q).faa, (a).y * (a).y) +            \
                 tm((q).fab, 2 * (a).y * (b).y) + tm((q).fbb, (b).y * (b).y);                      \
    } while (0)

/* ------------------------------------------------------------------------------------ */
/* Between the parts                                                                      */
/* ------------------------------------------------------------------------------------ */

/* expr_parse.c: parse `src` into a tree, folding constants as it goes. Returns 0, or -1
 * with `err` filled (what was wrong and the column). */
int expr_parse(const char *src, ds_err *err, expr_tree *t);

/* expr_suggest.c: the known name nearest an unknown s[0..n), or NULL; `call` says it was
 * written as a call, so functions are preferred. May write the answer into buf. */
const char *expr_suggest(const char *s, size_t n, int call, char *buf, size_t bufsz);

/* expr_eval.c: the evaluators' own arithmetic, so that folded constants and the
 * instruction chosen for u^k agree with evaluation to the last bit. */
double expr_fn1_value(int fn, double u);
double expr_bin_value(binop op, double a, double b);
int expr_small_int(double k, int *n); /* k a small integer exponent? then *n = k */

/* expr_tape.c: the tape of the stack program code[0..ncode) into tape[], and the tape for
 * values alone into vtape[] (today the same instructions: constants fold into their
 * readers for both), each with room for 2 * ncode instructions; returns the first's
 * length, the second's in *nvtape, and the registers each uses in *nreg, *nvreg. */
int expr_tape_build(const insn *code, int ncode, tinsn *tape, int *nreg, tinsn *vtape, int *nvtape,
                    int *nvreg);

/* expr_sparse.c: the derivative tape t[0..n) (operands still value numbers) with each
 * operation on x-only or y-only operands replaced by its sparse variant. */
void expr_tape_sparse(tinsn *t, int n);

/* expr_eval.c: the precompiled tape identical to tape[0..ntape), or NULL. */
const expr_kernel *expr_kernel_find(const tinsn *tape, int ntape);

/* expr_wide.c: gradient and Hessian in long double, for when an intermediate of the
 * double evaluation over- or underflowed though the result is representable. */
void expr_hess_wide(const expr *e, double x, double y, double g[2], double h[3]);
/* The same as a repair: each component of g (and h, unless NULL) that is not finite is
 * replaced by the wide evaluation's when that one is. */
void expr_wide_fix(const expr *e, double x, double y, double g[2], double h[3]);

/* u^n by repeated squaring, exact for small n and well defined for negative u, as a
 * function of type T: the VM's double (expr_ops.h) and the long-double reference
 * evaluator (expr_wide.c) square the same way. */
#define EXPR_DEFINE_POWI(name, T)                                                                  \
    static inline T name(T u, int n)                                                               \
    {                                                                                              \
        unsigned m = n < 0 ? 0u - (unsigned)n : (unsigned)n;                                       \
        T r = 1;                                                                                   \
        while (m) {                                                                                \
            if (m & 1u) r *= u;                                                                    \
            m >>= 1;                                                                               \
            if (m) u *= u;                                                                         \
        }                                                                                          \
        return n < 0 ? 1 / r : r;                                                                  \
    }

#endif
