/* expr_tape.c — the stack program rewritten in register form (the tape the evaluators
 * run): each computing instruction becomes one three-address instruction with the same
 * operation on the same operands in the same order, loads become operands, an
 * instruction met again with the same operands is not emitted again (its register is
 * reused: common subexpressions, repeated constants), constants fold into the
 * instructions that read them, a product with a constant joins the sum that reads it, and
 * registers are given out again once their last reader has run. */
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "expr_internal.h"

/* What each stack opcode computes (expr_internal.h's OP_LIST). */
static const struct {
    signed char bop, src, top_left;
} decode[] = {
#define OP_DECODE(op, effect, bop, src, top_left) {bop, src, top_left},
    OP_LIST(OP_DECODE)
#undef OP_DECODE
};

/* The tape opcode of a binary operation on two registers. */
static const unsigned char reg_op[] = {
    [B_ADD] = TP_ADD, [B_SUB] = TP_SUB, [B_MUL] = TP_MUL, [B_DIV] = TP_DIV,
    [B_POW] = TP_POW, [B_MIN] = TP_MIN, [B_MAX] = TP_MAX, [B_ATAN2] = TP_ATAN2,
};

static int reads_a(int op)
{
    return op != TP_CONST;
}

static int reads_b(int op)
{
    return TP_READS_B(op);
}

/* The tape being built; operands are value numbers until registers are given out (0 is
 * x, 1 is y, 2 + i what instruction i computes). With `share`, instructions are
 * hash-consed: the table maps an instruction to the first one equal to it. */
typedef struct {
    tinsn *t;
    int n, share;
    int *slot; /* open addressing, -1 empty; `mask + 1` slots */
    unsigned mask;
} builder;

static int same_insn(const tinsn *p, const tinsn *q)
{
    return p->op == q->op && p->fn == q->fn && p->a == q->a && p->b == q->b &&
           memcmp(&p->k, &q->k, sizeof p->k) == 0;
}

static unsigned hash_insn(const tinsn *t)
{
    unsigned long long bits;
    memcpy(&bits, &t->k, sizeof bits);
    unsigned long long h = t->op * 0x9E3779B97F4A7C15ull;
    h = (h ^ t->fn ^ ((unsigned long long)t->a << 8) ^ ((unsigned long long)t->b << 24)) *
        0xC2B2AE3D27D4EB4Full;
    h = (h ^ bits ^ (bits >> 29)) * 0x165667B19E3779F9ull;
    return (unsigned)(h >> 32);
}

/* Emit d = a OP b (or k, n, fn); returns the value number of the result. */
static int emit(builder *bd, int op, int fn, int a, int b, double k)
{
    tinsn t;
    memset(&t, 0, sizeof t);
    t.op = (unsigned short)op, t.fn = (unsigned char)fn;
    t.a = (unsigned short)a, t.b = (unsigned short)b, t.k = k;
    unsigned h = 0;
    if (bd->share && op != TP_END) {
        for (h = hash_insn(&t) & bd->mask; bd->slot[h] >= 0; h = (h + 1) & bd->mask)
            if (same_insn(&bd->t[bd->slot[h]], &t)) return 2 + bd->slot[h];
        bd->slot[h] = bd->n;
    }
    bd->t[bd->n] = t;
    return 2 + bd->n++;
}

/* Translate the stack program, running its stack on value numbers. */
static void translate(builder *bd, const insn *code, int ncode)
{
    int st[EXPR_STACK + 1], sp = 0;
    for (int i = 0; i < ncode; i++) {
        const insn *c = &code[i];
        int bop = decode[c->op].bop, src = decode[c->op].src, top, other;
        switch ((opcode)c->op) {
        case OP_LDK: st[sp++] = emit(bd, TP_CONST, 0, 0, 0, c->k); continue;
        case OP_LDX: st[sp++] = 0; continue;
        case OP_LDY: st[sp++] = 1; continue;
        case OP_NEG: st[sp - 1] = emit(bd, TP_NEG, 0, st[sp - 1], 0, 0); continue;
        case OP_SQR: st[sp - 1] = emit(bd, TP_SQR, 0, st[sp - 1], 0, 0); continue;
        case OP_POWI:
            st[sp - 1] = emit(bd, TP_POWI, 0, st[sp - 1], (unsigned short)c->n, 0);
            continue;
        case OP_CALL1: st[sp - 1] = emit(bd, TP_CALL1, c->fn, st[sp - 1], 0, 0); continue;
        case OP_END: emit(bd, TP_END, 0, st[sp - 1], 0, 0); return;
        default: break;
        }
        top = st[--sp];
        if (src == SRC_K && bop != B_POW) {
            /* the stack program's constant rules: d = top OP k, or k - top, k / top */
            static const unsigned char kop[2][4] = {
                {0, TP_KSUB, 0, TP_KDIV},
                {TP_ADDK, TP_SUBK, TP_MULK, TP_DIVK},
            };
            st[sp++] = emit(bd, kop[decode[c->op].top_left][bop], 0, top, 0, c->k);
            continue;
        }
        if (src == SRC_X || src == SRC_Y) {
            /* the stack program's x and y forms, in its order: the top first, or x - top,
             * x / top */
            static const unsigned char xop[2][2][4] = {
                {{0, TP_XSUB, 0, TP_XDIV}, {TP_ADDX, TP_SUBX, TP_MULX, TP_DIVX}},
                {{0, TP_YSUB, 0, TP_YDIV}, {TP_ADDY, TP_SUBY, TP_MULY, TP_DIVY}},
            };
            st[sp++] = emit(bd, xop[src == SRC_Y][decode[c->op].top_left][bop], 0, top, 0, 0);
            continue;
        }
        other = src == SRC_STACK ? st[--sp] : emit(bd, TP_CONST, 0, 0, 0, c->k);
        st[sp++] = decode[c->op].top_left ? emit(bd, reg_op[bop], 0, top, other, 0)
                                          : emit(bd, reg_op[bop], 0, other, top, 0);
    }
}

/* A constant operand folds into the instruction: for plain numbers c·u is u·c and c + u
 * is u + c to the bit (only a NaN's sign may follow the other operand), so a product or
 * sum with a constant becomes a K form, and x's and y's forms with a constant a K form on
 * register 0 or 1. The derivatives are then the K forms' (u's scaled, shifted): the same
 * as the generic product's wherever u is finite, where the constant's zero tangents only
 * add ±0, and a zero that stays zero where u is not (no 0·∞). Works in place on value
 * numbers; the constants nothing reads any more are dropped later. */
static void fold_constants(tinsn *t, int n)
{
    /* [op][which operand is the constant: 0 the first, 1 the second] */
    static const struct {
        unsigned char op, other, kop[2];
    } fold[] = {
        {TP_ADD, 0, {TP_ADDK, TP_ADDK}}, {TP_SUB, 0, {TP_KSUB, TP_SUBK}},
        {TP_MUL, 0, {TP_MULK, TP_MULK}}, {TP_DIV, 0, {TP_KDIV, TP_DIVK}},
        {TP_ADDX, 1, {TP_ADDK, 0}},      {TP_SUBX, 1, {TP_KSUB, 0}},
        {TP_MULX, 1, {TP_MULK, 0}},      {TP_DIVX, 1, {TP_KDIV, 0}},
        {TP_XSUB, 1, {TP_SUBK, 0}},      {TP_XDIV, 1, {TP_DIVK, 0}},
        {TP_ADDY, 2, {TP_ADDK, 0}},      {TP_SUBY, 2, {TP_KSUB, 0}},
        {TP_MULY, 2, {TP_MULK, 0}},      {TP_DIVY, 2, {TP_KDIV, 0}},
        {TP_YSUB, 2, {TP_SUBK, 0}},      {TP_YDIV, 2, {TP_DIVK, 0}},
    };
    for (int i = 0; i < n; i++) {
        tinsn *c = &t[i];
        for (size_t f = 0; f < sizeof fold / sizeof fold[0]; f++) {
            if (c->op != fold[f].op) continue;
            int ka = c->a >= 2 && t[c->a - 2].op == TP_CONST;
            int kb = !fold[f].other && c->b >= 2 && t[c->b - 2].op == TP_CONST;
            if (kb || ka) {
                int which = kb ? 1 : 0, k = kb ? c->b : c->a;
                c->k = t[k - 2].k;
                c->op = fold[f].kop[which];
                c->a = (unsigned short)(fold[f].other ? fold[f].other - 1 : kb ? c->a : c->b);
                c->b = 0;
            }
            break;
        }
    }
}

/* A product with a constant read only by a sum or difference joins it: u·k + v becomes
 * v + u·k (TP_ADDMK; a sum's operands commute to the bit), v − u·k TP_SUBMK, u·k − v
 * TP_MKSUB. The same operations on the same values, so the same bits, with one
 * instruction fewer and its result never stored and loaded back. The product is left
 * for drop_unused. */
static void fuse_products(tinsn *t, int n)
{
    int *readers = ds_xmalloc(sizeof *readers * (size_t)(n + 2));
    for (int i = 0; i < n + 2; i++)
        readers[i] = 0;
    for (int i = 0; i < n; i++) {
        if (reads_a(t[i].op)) readers[t[i].a]++;
        if (reads_b(t[i].op)) readers[t[i].b]++;
    }
    for (int i = 0; i < n; i++) {
        tinsn *c = &t[i];
        if (c->op != TP_ADD && c->op != TP_SUB) continue;
        int a = c->a, b = c->b;
        if (b >= 2 && t[b - 2].op == TP_MULK && readers[b] == 1) {
            c->op = c->op == TP_ADD ? TP_ADDMK : TP_SUBMK;
            c->b = t[b - 2].a, c->k = t[b - 2].k;
        } else if (a >= 2 && t[a - 2].op == TP_MULK && readers[a] == 1) {
            unsigned short u = t[a - 2].a;
            if (c->op == TP_ADD)
                c->op = TP_ADDMK, c->a = (unsigned short)b, c->b = u;
            else
                c->op = TP_MKSUB, c->a = u;
            c->k = t[a - 2].k;
        }
    }
    free(readers);
}

/* Drop what nothing reads, from the end back, renumbering the rest; returns the new
 * length. */
static int drop_unused(tinsn *v, int n)
{
    int *used = ds_xmalloc(sizeof *used * (size_t)(n + 2) * 2), *renum = used + n + 2;
    for (int i = 0; i < n + 2; i++)
        used[i] = i < 2 || i == n + 1; /* x, y and TP_END */
    for (int i = n - 1; i >= 0; i--) {
        if (!used[2 + i]) continue;
        if (reads_a(v[i].op)) used[v[i].a] = 1;
        if (reads_b(v[i].op)) used[v[i].b] = 1;
    }
    int m = 0;
    renum[0] = 0, renum[1] = 1;
    for (int i = 0; i < n; i++) {
        if (!used[2 + i]) continue;
        v[m] = v[i];
        if (reads_a(v[m].op)) v[m].a = (unsigned short)renum[v[m].a];
        if (reads_b(v[m].op)) v[m].b = (unsigned short)renum[v[m].b];
        renum[2 + i] = 2 + m++;
    }
    free(used);
    return m;
}

/* The translated tape made ready to run: constants folded, products fused, the dead
 * dropped. Returns its length. */
static int simplify(tinsn *t, int n)
{
    fold_constants(t, n);
    fuse_products(t, n);
    return drop_unused(t, n);
}

/* The VM's variants: an operand that the instruction just before computed. */
static void mark_acc(tinsn *t, int n)
{
    for (int i = 1; i < n; i++) {
        int op = t[i].op, prev = t[i - 1].d;
        if (reads_a(op) && t[i].a == prev)
            t[i].op |= TP_ACC_A;
        else if (reads_b(op) && t[i].b == prev)
            t[i].op |= TP_ACC_B;
    }
}

/* Give out registers: a destination is taken before its operands' registers are freed,
 * so it is never one of them (the block evaluator relies on it). Returns the count. */
static int allocate(tinsn *t, int n)
{
    int *last = ds_xmalloc(sizeof *last * (size_t)(n + 2) * 3), *reg = last + n + 2,
        *freed = reg + n + 2, nfree = 0, nreg = 2;
    for (int v = 0; v < n + 2; v++)
        last[v] = -1;
    for (int i = 0; i < n; i++) {
        if (reads_a(t[i].op)) last[t[i].a] = i;
        if (reads_b(t[i].op)) last[t[i].b] = i;
    }
    reg[0] = 0, reg[1] = 1;
    for (int i = 0; i < n; i++) {
        int a = t[i].a, b = t[i].b;
        if (reads_a(t[i].op)) t[i].a = (unsigned short)reg[a];
        if (reads_b(t[i].op)) t[i].b = (unsigned short)reg[b];
        if (t[i].op == TP_END) break;
        int d = nfree ? freed[--nfree] : nreg++;
        t[i].d = (unsigned char)(reg[2 + i] = d);
        if (reads_a(t[i].op) && a >= 2 && last[a] == i) freed[nfree++] = reg[a];
        if (reads_b(t[i].op) && b >= 2 && b != a && last[b] == i) freed[nfree++] = reg[b];
        if (last[2 + i] < 0) freed[nfree++] = d;
    }
    free(last);
    return nreg;
}

int expr_tape_build(const insn *code, int ncode, tinsn *tape, int *nreg, tinsn *vtape, int *nvtape,
                    int *nvreg)
{
    builder bd = {tape, 0, 1, NULL, 0};
    unsigned cap = 16;
    while (cap < 4u * (unsigned)ncode)
        cap *= 2;
    bd.slot = ds_xmalloc(sizeof *bd.slot * cap);
    bd.mask = cap - 1;
    memset(bd.slot, -1, sizeof *bd.slot * cap);
    translate(&bd, code, ncode);
    int n = simplify(tape, bd.n);
    memcpy(vtape, tape, sizeof *tape * (size_t)n);
    expr_tape_sparse(tape, n);
    *nreg = allocate(tape, n);
    if (*nreg > EXPR_REGS) {
        /* sharing kept too many values alive: without it the registers follow the
         * stack, which is at most EXPR_STACK deep (folding and fusing only shorten
         * lives) */
        bd.n = 0, bd.share = 0;
        translate(&bd, code, ncode);
        n = simplify(tape, bd.n);
        memcpy(vtape, tape, sizeof *tape * (size_t)n);
        expr_tape_sparse(tape, n);
        *nreg = allocate(tape, n);
    }
    *nvreg = allocate(vtape, n);
    *nvtape = n;
    free(bd.slot);
    mark_acc(tape, n);
    mark_acc(vtape, n);
    return n;
}
