/* expr_compile.c — from the parser's tree to bytecode: the public expr_compile, stack-depth
 * ordering (Sethi–Ullman), instruction selection (a leaf operand fused into the
 * instruction, small integer powers as squaring), the tape made from it (expr_tape.c), and
 * the compiled program's accessors. */
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "expr_internal.h"

typedef enum { L_NONE, L_K, L_X, L_Y } leafkind;

static const signed char op_effect[] = {
#define OP_EFFECT(op, effect, bop, src, top_left) effect,
    OP_LIST(OP_EFFECT)
#undef OP_EFFECT
};

/* ------------------------------------------------------------------------------------ */
/* Stack-depth ordering                                                                   */
/* ------------------------------------------------------------------------------------ */

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
            if (expr_small_int(B->k, &pw)) {
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

/* The program for a parsed tree, or NULL with `err` filled. */
static expr *compile(const expr_tree *t, const char *src, ds_err *err)
{
    genframe *frames = NULL;
    insn *code = NULL;
    tinsn *tape = NULL;
    expr *e = NULL;
    int ncode, ntape, nreg, nvtape, nvreg, i, depth = 0, maxdepth = 0;
    /* children come before parents, so one pass in order numbers the whole tree */
    for (i = 0; i < t->nnodes; i++)
        t->nodes[i].need = need_of(t->nodes, &t->nodes[i]);
    frames = ds_xmalloc(sizeof *frames * (size_t)(t->nnodes + 1));
    code = ds_xmalloc(sizeof *code * (size_t)(t->nnodes + 1));
    if (!frames || !code) goto nomem;
    ncode = generate(t->nodes, t->root, code, frames);
    for (i = 0; i < ncode; i++) {
        depth += op_effect[code[i].op];
        if (depth > maxdepth) maxdepth = depth;
    }
    if (maxdepth > EXPR_STACK) {
        /* unreachable with Sethi–Ullman ordering under the length limit; kept as a guard */
        if (err) ds_err_at(err, DS_ESYNTAX, src, 1, "formula too complex at column 1");
        goto out;
    }
    /* a load becomes no instruction, POWK and KPOW two (the constant, the power) */
    tape = ds_xmalloc(sizeof *tape * (size_t)ncode * 4);
    ntape = expr_tape_build(code, ncode, tape, &nreg, tape + 2 * ncode, &nvtape, &nvreg);
    e = ds_xmalloc(sizeof *e + sizeof *code * (size_t)ncode +
                   sizeof *tape * (size_t)(ntape + nvtape) + t->len + 1);
    if (!e) goto nomem;
    e->ncode = ncode;
    e->depth = maxdepth;
    memcpy(e->code, code, sizeof *code * (size_t)ncode);
    e->tape = (tinsn *)(e->code + ncode);
    memcpy((tinsn *)e->tape, tape, sizeof *tape * (size_t)ntape);
    e->ntape = ntape;
    e->nreg = nreg;
    e->vtape = e->tape + ntape;
    memcpy((tinsn *)e->vtape, tape + 2 * ncode, sizeof *tape * (size_t)nvtape);
    e->nvtape = nvtape;
    e->nvreg = nvreg;
    e->kern = expr_kernel_find(e->tape, ntape);
    e->src = (char *)(e->vtape + nvtape);
    memcpy(e->src, src, t->len + 1);
    goto out;
nomem:
    if (err) ds_err_set(err, DS_ENOMEM, "out of memory compiling a formula");
out:
    free(frames);
    free(code);
    free(tape);
    return e;
}

expr *expr_compile(const char *src, ds_err *err)
{
    expr_tree t;
    expr *e;
    if (!src) src = "";
    if (expr_parse(src, err, &t) < 0) return NULL;
    e = compile(&t, src, err);
    free(t.nodes);
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

const char *expr_kernel_name(const expr *e)
{
    return e && e->kern ? e->kern->name : NULL;
}

void expr_use_kernel(expr *e, int on)
{
    if (e) e->kern = on ? expr_kernel_find(e->tape, e->ntape) : NULL;
}
