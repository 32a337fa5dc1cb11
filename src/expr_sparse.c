/* expr_sparse.c — derivative sparsity known when the tape is built: which registers depend
 * on x alone (class X), on y alone (class Y) or on both (G), and the derivative tape's
 * operations rewritten to the variants (expr_internal.h's TP_SPARSE_*) that leave out the
 * terms with the structural zeros those classes imply. x^4·y, 3x² + 2x, sin(y) cost a
 * fraction of a general hyper-dual product or sum that way. Every variant writes all of
 * its result's components (the structural zeros too), so a plain operation may still read
 * any register. */
#include <stdlib.h>

#include "descent/alloc.h"
#include "expr_internal.h"

enum { C_G, C_X, C_Y };

/* The tables hold a variant + 1: 0 is "none" (TP_ADD_XX is opcode 0). */

/* [plain opcode] the variants on an X and a Y operand */
static const unsigned short un_variant[TP_COUNT][2] = {
#define UN_ROW(S, X, b) [TP_##b] = {TP_##b##_X + 1, TP_##b##_Y + 1},
    TP_SPARSE_UN_BASES(UN_ROW, _, _)
#undef UN_ROW
};

/* [plain opcode][class of a][class of b] the variant (0 for G, G: the plain one) */
static const unsigned short bin_variant[TP_COUNT][3][3] = {
#define BIN_ROW(S, X, b)                                                                           \
    [TP_##b] = {{0, TP_##b##_GX + 1, TP_##b##_GY + 1},                                             \
                {TP_##b##_XG + 1, TP_##b##_XX + 1, TP_##b##_XY + 1},                               \
                {TP_##b##_YG + 1, TP_##b##_YX + 1, TP_##b##_YY + 1}},
    TP_SPARSE_BIN_BASES(BIN_ROW, _, _)
#undef BIN_ROW
};

/* The variable of an x or y form: its result keeps a W operand's class only when the
 * variable is W itself (x² + x is X, x² + y is G). */
static int form_var(int op)
{
    switch (op) {
    case TP_ADDX:
    case TP_SUBX:
    case TP_XSUB:
    case TP_MULX: return C_X;
    case TP_ADDY:
    case TP_SUBY:
    case TP_YSUB:
    case TP_MULY: return C_Y;
    default: return C_G;
    }
}

void expr_tape_sparse(tinsn *t, int n)
{
    /* the class of each value number: x, y, then what instruction i computes */
    unsigned char *c = ds_xmalloc((size_t)n + 2);
    c[0] = C_X, c[1] = C_Y;
    for (int i = 0; i < n; i++) {
        tinsn *p = &t[i];
        int op = p->op, r = C_G;
        if (TP_READS_B(op)) {
            int ca = c[p->a], cb = c[p->b], v = bin_variant[op][ca][cb];
            if (v) p->op = (unsigned short)(v - 1), r = ca == cb ? ca : C_G;
        } else if (un_variant[op][0] && c[p->a] != C_G) {
            int ca = c[p->a], fv = form_var(op);
            p->op = (unsigned short)(un_variant[op][ca - 1] - 1);
            r = fv == C_G || fv == ca ? ca : C_G;
        }
        c[2 + i] = (unsigned char)r;
    }
    free(c);
}
