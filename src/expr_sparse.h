/* expr_sparse.h — the derivative rules of the sparse variants (expr_internal.h's
 * TP_SPARSE_*, chosen by expr_sparse.c) and their handlers, included by expr_ops.h after
 * the dual numbers. An operand of class W (X or Y) depends on that variable alone: its
 * parts for the other variable O (and the mixed part) are structurally zero, so the
 * rules leave out every term with them and write zeros there. The terms that remain are
 * the general rule's, in its order, so wherever the values are finite the result is the
 * general rule's but for the sign of a zero (which the end of an evaluation makes +0);
 * where they are not, a structural zero no longer meets ∞ as 0·∞. Each rule is written
 * once for both orders: S2 keeps what only the second order has. */
#ifndef DESCENT_EXPR_SPARSE_H
#define DESCENT_EXPR_SPARSE_H

#define SP_KEEP(...) __VA_ARGS__
#define SP_DROP(...)

/* P, T: d1 and dual1 or d2 and dual2; W the operand's variable and O the other; d, dd
 * W's first and second derivative parts, o, oo O's. Results start as all zeros. */
/* clang-format off */
#define SP_FN(T, name, params, body) static inline T name params { T r = {0}; body return r; }
#define SPARSE_RULES(P, T, W, O, d, dd, o, oo, S2) \
    /* one W operand a: the result is W */ \
    SP_FN(T, P##_mulk_##W, (T a, double k), r.v = a.v * k; r.d = a.d * k; S2(r.dd = a.dd * k;)) \
    SP_FN(T, P##_addk_##W, (T a, double k), r.v = a.v + k; r.d = a.d; S2(r.dd = a.dd;)) \
    SP_FN(T, P##_subk_##W, (T a, double k), r.v = a.v - k; r.d = a.d; S2(r.dd = a.dd;)) \
    SP_FN(T, P##_ksub_##W, (T a, double k), r.v = k - a.v; r.d = 0 - a.d; S2(r.dd = 0 - a.dd;)) \
    SP_FN(T, P##_divk_##W, (T a, double k), r.v = a.v / k; r.d = a.d / k; S2(r.dd = a.dd / k;)) \
    SP_FN(T, P##_neg_##W, (T a), r.v = -a.v; r.d = 0 - a.d; S2(r.dd = 0 - a.dd;)) \
    SP_FN(T, P##_sqr_##W, (T a), r.v = a.v * a.v; r.d = 2 * a.v * a.d; \
          S2(r.dd = 2 * (a.d * a.d + a.v * a.dd);)) \
    /* with W's own variable (value w): W; with the other one's (value u): general */ \
    SP_FN(T, P##_addv_##W, (T a, double w), r.v = a.v + w; r.d = a.d + 1; S2(r.dd = a.dd;)) \
    SP_FN(T, P##_subv_##W, (T a, double w), r.v = a.v - w; r.d = a.d - 1; S2(r.dd = a.dd;)) \
    SP_FN(T, P##_vsub_##W, (T a, double w), r.v = w - a.v; r.d = 1 - a.d; S2(r.dd = 0 - a.dd;)) \
    SP_FN(T, P##_mulv_##W, (T a, double w), r.v = a.v * w; r.d = a.d * w + a.v; \
          S2(r.dd = a.dd * w + 2 * a.d;)) \
    SP_FN(T, P##_addo_##W, (T a, double u), r.v = a.v + u; r.d = a.d; r.o = 1; S2(r.dd = a.dd;)) \
    SP_FN(T, P##_subo_##W, (T a, double u), r.v = a.v - u; r.d = a.d; r.o = -1; S2(r.dd = a.dd;)) \
    SP_FN(T, P##_osub_##W, (T a, double u), r.v = u - a.v; r.d = 0 - a.d; r.o = 1; \
          S2(r.dd = 0 - a.dd;)) \
    SP_FN(T, P##_mulo_##W, (T a, double u), r.v = a.v * u; r.d = a.d * u; r.o = a.v; \
          S2(r.dd = a.dd * u; r.xy = a.d;)) \
    /* two W operands: W */ \
    SP_FN(T, P##_add_ss_##W, (T a, T b), r.v = a.v + b.v; r.d = a.d + b.d; \
          S2(r.dd = a.dd + b.dd;)) \
    SP_FN(T, P##_sub_ss_##W, (T a, T b), r.v = a.v - b.v; r.d = a.d - b.d; \
          S2(r.dd = a.dd - b.dd;)) \
    SP_FN(T, P##_mul_ss_##W, (T a, T b), r.v = a.v * b.v; r.d = a.d * b.v + a.v * b.d; \
          S2(r.dd = a.dd * b.v + 2 * a.d * b.d + a.v * b.dd;)) \
    SP_FN(T, P##_addmk_ss_##W, (T a, T b, double k), r.v = a.v + b.v * k; r.d = a.d + b.d * k; \
          S2(r.dd = a.dd + b.dd * k;)) \
    SP_FN(T, P##_submk_ss_##W, (T a, T b, double k), r.v = a.v - b.v * k; r.d = a.d - b.d * k; \
          S2(r.dd = a.dd - b.dd * k;)) \
    SP_FN(T, P##_mksub_ss_##W, (T a, T b, double k), r.v = a.v * k - b.v; r.d = a.d * k - b.d; \
          S2(r.dd = a.dd * k - b.dd;)) \
    /* a of class W, b of class O: general, but no mixed part from sums */ \
    SP_FN(T, P##_add_so_##W, (T a, T b), r.v = a.v + b.v; r.d = a.d; r.o = b.o; \
          S2(r.dd = a.dd; r.oo = b.oo;)) \
    SP_FN(T, P##_sub_so_##W, (T a, T b), r.v = a.v - b.v; r.d = a.d; r.o = 0 - b.o; \
          S2(r.dd = a.dd; r.oo = 0 - b.oo;)) \
    SP_FN(T, P##_mul_so_##W, (T a, T b), r.v = a.v * b.v; r.d = a.d * b.v; r.o = a.v * b.o; \
          S2(r.dd = a.dd * b.v; r.xy = a.d * b.o; r.oo = a.v * b.oo;)) \
    SP_FN(T, P##_addmk_so_##W, (T a, T b, double k), r.v = a.v + b.v * k; r.d = a.d; \
          r.o = b.o * k; S2(r.dd = a.dd; r.oo = b.oo * k;)) \
    SP_FN(T, P##_submk_so_##W, (T a, T b, double k), r.v = a.v - b.v * k; r.d = a.d; \
          r.o = 0 - b.o * k; S2(r.dd = a.dd; r.oo = 0 - b.oo * k;)) \
    SP_FN(T, P##_mksub_so_##W, (T a, T b, double k), r.v = a.v * k - b.v; r.d = a.d * k; \
          r.o = 0 - b.o; S2(r.dd = a.dd * k; r.oo = 0 - b.oo;)) \
    /* a general, b of class W */ \
    SP_FN(T, P##_add_gs_##W, (T a, T b), r.v = a.v + b.v; r.d = a.d + b.d; r.o = a.o; \
          S2(r.dd = a.dd + b.dd; r.xy = a.xy; r.oo = a.oo;)) \
    SP_FN(T, P##_sub_gs_##W, (T a, T b), r.v = a.v - b.v; r.d = a.d - b.d; r.o = a.o; \
          S2(r.dd = a.dd - b.dd; r.xy = a.xy; r.oo = a.oo;)) \
    SP_FN(T, P##_mul_gs_##W, (T a, T b), r.v = a.v * b.v; r.d = a.d * b.v + a.v * b.d; \
          r.o = a.o * b.v; S2(r.dd = a.dd * b.v + 2 * a.d * b.d + a.v * b.dd; \
                              r.xy = a.xy * b.v + a.o * b.d; r.oo = a.oo * b.v;)) \
    SP_FN(T, P##_addmk_gs_##W, (T a, T b, double k), r.v = a.v + b.v * k; r.d = a.d + b.d * k; \
          r.o = a.o; S2(r.dd = a.dd + b.dd * k; r.xy = a.xy; r.oo = a.oo;)) \
    SP_FN(T, P##_submk_gs_##W, (T a, T b, double k), r.v = a.v - b.v * k; r.d = a.d - b.d * k; \
          r.o = a.o; S2(r.dd = a.dd - b.dd * k; r.xy = a.xy; r.oo = a.oo;)) \
    SP_FN(T, P##_mksub_gs_##W, (T a, T b, double k), r.v = a.v * k - b.v; r.d = a.d * k - b.d; \
          r.o = a.o * k; S2(r.dd = a.dd * k - b.dd; r.xy = a.xy * k; r.oo = a.oo * k;)) \
    /* a of class W, b general */ \
    SP_FN(T, P##_add_sg_##W, (T a, T b), r.v = a.v + b.v; r.d = a.d + b.d; r.o = b.o; \
          S2(r.dd = a.dd + b.dd; r.xy = b.xy; r.oo = b.oo;)) \
    SP_FN(T, P##_sub_sg_##W, (T a, T b), r.v = a.v - b.v; r.d = a.d - b.d; r.o = 0 - b.o; \
          S2(r.dd = a.dd - b.dd; r.xy = 0 - b.xy; r.oo = 0 - b.oo;)) \
    SP_FN(T, P##_mul_sg_##W, (T a, T b), r.v = a.v * b.v; r.d = a.d * b.v + a.v * b.d; \
          r.o = a.v * b.o; S2(r.dd = a.dd * b.v + 2 * a.d * b.d + a.v * b.dd; \
                              r.xy = a.d * b.o + a.v * b.xy; r.oo = a.v * b.oo;)) \
    SP_FN(T, P##_addmk_sg_##W, (T a, T b, double k), r.v = a.v + b.v * k; r.d = a.d + b.d * k; \
          r.o = b.o * k; S2(r.dd = a.dd + b.dd * k; r.xy = b.xy * k; r.oo = b.oo * k;)) \
    SP_FN(T, P##_submk_sg_##W, (T a, T b, double k), r.v = a.v - b.v * k; r.d = a.d - b.d * k; \
          r.o = 0 - b.o * k; \
          S2(r.dd = a.dd - b.dd * k; r.xy = 0 - b.xy * k; r.oo = 0 - b.oo * k;)) \
    SP_FN(T, P##_mksub_sg_##W, (T a, T b, double k), r.v = a.v * k - b.v; r.d = a.d * k - b.d; \
          r.o = 0 - b.o; S2(r.dd = a.dd * k - b.dd; r.xy = 0 - b.xy; r.oo = 0 - b.oo;))

SPARSE_RULES(d1, dual1, X, Y, x, xx, y, yy, SP_DROP)
SPARSE_RULES(d1, dual1, Y, X, y, yy, x, xx, SP_DROP)
SPARSE_RULES(d2, dual2, X, Y, x, xx, y, yy, SP_KEEP)
SPARSE_RULES(d2, dual2, Y, X, y, yy, x, xx, SP_KEEP)

/* f(a) for a W operand given f, f′, f″: d1_chain's and d2_chain's terms that remain */
#define SPARSE_CHAIN(W, d, dd) \
    static inline dual1 d1_chain_##W(dual1 a, const double f[3]) \
    { dual1 r = {0}; r.v = f[0]; r.d = tm(f[1], a.d); return r; } \
    static inline dual2 d2_chain_##W(dual2 a, const double f[3]) \
    { \
        dual2 r = {0}; \
        r.v = f[0]; \
        if (isfinite(f[1]) && isfinite(f[2])) \
            r.d = f[1] * a.d, r.dd = f[1] * a.dd + f[2] * a.d * a.d; \
        else \
            r.d = tm(f[1], a.d), r.dd = tm(f[1], a.dd) + tm(f[2], a.d * a.d); \
        return r; \
    }
SPARSE_CHAIN(X, x, xx)
SPARSE_CHAIN(Y, y, yy)

/* The handlers of the variants on W (and the other variable O), in the names of
 * expr_ops.h's DUAL_HANDLERS. */
#define SPARSE_W_NO_POWI(H, P, W, O) \
    H(TP_MULK_##W, SET(P##_mulk_##W(RA, VM_K));) \
    H(TP_ADDK_##W, SET(P##_addk_##W(RA, VM_K));) \
    H(TP_SUBK_##W, SET(P##_subk_##W(RA, VM_K));) \
    H(TP_KSUB_##W, SET(P##_ksub_##W(RA, VM_K));) \
    H(TP_DIVK_##W, SET(P##_divk_##W(RA, VM_K));) \
    H(TP_NEG_##W, SET(P##_neg_##W(RA));) \
    H(TP_SQR_##W, SET(P##_sqr_##W(RA));) \
    H(TP_CALL1_##W, fn1_derivs(VM_FN, VA, fd); SET(P##_chain_##W(RA, fd));) \
    H(TP_ADD##W##_##W, SET(P##_addv_##W(RA, V##W));) \
    H(TP_SUB##W##_##W, SET(P##_subv_##W(RA, V##W));) \
    H(TP_##W##SUB_##W, SET(P##_vsub_##W(RA, V##W));) \
    H(TP_MUL##W##_##W, SET(P##_mulv_##W(RA, V##W));) \
    H(TP_ADD##O##_##W, SET(P##_addo_##W(RA, V##O));) \
    H(TP_SUB##O##_##W, SET(P##_subo_##W(RA, V##O));) \
    H(TP_##O##SUB_##W, SET(P##_osub_##W(RA, V##O));) \
    H(TP_MUL##O##_##W, SET(P##_mulo_##W(RA, V##O));) \
    SPARSE_BIN_W(H, P, W, O)
#define SPARSE_BIN_W(H, P, W, O) \
    SPARSE_BIN_WO(H, P, W, O, ADD, add, ) \
    SPARSE_BIN_WO(H, P, W, O, SUB, sub, ) \
    SPARSE_BIN_WO(H, P, W, O, MUL, mul, ) \
    SPARSE_BIN_WO(H, P, W, O, ADDMK, addmk, , VM_K) \
    SPARSE_BIN_WO(H, P, W, O, SUBMK, submk, , VM_K) \
    SPARSE_BIN_WO(H, P, W, O, MKSUB, mksub, , VM_K)
#define SPARSE_BIN_WO(H, P, W, O, b, k, ...) \
    H(TP_##b##_##W##W, SET(P##_##k##_ss_##W(RA, RB __VA_ARGS__));) \
    H(TP_##b##_##W##O, SET(P##_##k##_so_##W(RA, RB __VA_ARGS__));) \
    H(TP_##b##_G##W, SET(P##_##k##_gs_##W(RA, RB __VA_ARGS__));) \
    H(TP_##b##_##W##G, SET(P##_##k##_sg_##W(RA, RB __VA_ARGS__));)
/* u^n (the block evaluators compute the powers their own way) */
#define SPARSE_POWI(H, P, W) \
    H(TP_POWI_##W, pow_const_derivs(VA, VM_N, fd); SET(P##_chain_##W(RA, fd));)

#define SPARSE_HANDLERS_NO_POWI(H, P) SPARSE_W_NO_POWI(H, P, X, Y) SPARSE_W_NO_POWI(H, P, Y, X)
/* clang-format on */

/* The plain opcode of a variant (and of a plain opcode, itself): the value of each. */
static inline int tp_plain(int op)
{
    switch (op) {
#define SP_PLAIN(X, op, plain)                                                                     \
    case op: return plain;
        TP_SPARSE_BIN(SP_PLAIN, _)
        TP_SPARSE_UN(SP_PLAIN, _)
#undef SP_PLAIN
    default: return op;
    }
}

#endif
