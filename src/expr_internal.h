/* expr_internal.h — what the formula files share privately: the function ids and binary
 * operations (expr_parse.c), the tree the parser builds and the bytecode the compiler
 * emits from it (expr_compile.c), which the evaluators run (expr_eval.c). */
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

/* One instruction: 16 bytes, the constant operand inline so the value loop touches one
 * cache line per four instructions. */
typedef struct {
    unsigned char op; /* opcode */
    unsigned char fn; /* OP_CALL1: the function */
    short n;          /* OP_POWI: the exponent */
    double k;         /* the constant of OP_LDK and the K-fused operations */
} insn;

/* A catalog formula's program precompiled (expr_eval.c, from expr_kernels.h). */
typedef struct {
    const char *name; /* the catalog row it came from */
    const insn *code; /* its program, without OP_END */
    int ncode;
    double (*value)(double x, double y);
    void (*grad)(const expr *e, double x, double y, double *f, double g[2]);
    void (*hess)(const expr *e, double x, double y, double *f, double g[2], double h[3]);
} expr_kernel;

struct expr {
    const expr_kernel *kern; /* the same program precompiled, or NULL: the VM runs it */
    int ncode;               /* instructions, including the final OP_END */
    int depth;               /* stack slots the program needs (<= EXPR_STACK) */
    char *src;               /* the source as given; lives in the same allocation */
    insn code[];             /* the program */
};

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

/* expr_eval.c: the precompiled program identical to code[0..ncode) (OP_END last), or NULL. */
const expr_kernel *expr_kernel_find(const insn *code, int ncode);

/* expr_wide.c: gradient and Hessian in long double, for when an intermediate of the
 * double evaluation over- or underflowed though the result is representable. */
void expr_hess_wide(const expr *e, double x, double y, double g[2], double h[3]);

#endif
