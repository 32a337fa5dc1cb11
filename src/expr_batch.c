/* expr_batch.c — a formula at many points at once: each tape instruction runs over a
 * block of points in one loop (which the compiler vectorizes where the operation
 * allows: +, −, ×, ÷, squares, the dual-number products), with the handlers of the
 * one-point evaluators (expr_ops.h) per point, so every result is the one expr_value,
 * expr_grad or expr_hess gives at that point, to the bit. The registers hold a block
 * each (one per component for the dual numbers), laid out component after component. */
#include <math.h>
#include <stdlib.h>

#include "descent/alloc.h"
#include "expr_ops.h"

/* Points per block: a register is BLOCK doubles per component, so the registers of a
 * typical formula (10–30) stay in the first-level cache even for the Hessian's six. */
#define BLOCK_V 256
#define BLOCK_G 32
#define BLOCK_H 16

/* The registers never overlap (a destination is never an operand: expr_tape.c), so the
 * loop may be vectorized without a run-time overlap check. */
#if defined(__GNUC__) && !defined(__clang__)
#define NO_OVERLAP _Pragma("GCC ivdep")
#else
#define NO_OVERLAP
#endif

/* One instruction over the block: d_, a_ and b_ point at its registers' blocks (b_ at
 * register 0 when the instruction has no second operand), x_ at x's. */
#define BLOOP(nc, blk, ...)                                                                        \
    {                                                                                              \
        double *restrict d_ = R + (size_t)pc->d * (nc) * (blk);                                    \
        const double *restrict a_ = R + (size_t)pc->a * (nc) * (blk);                              \
        const double *restrict b_ = R + (size_t)(reads_b ? pc->b : 0) * (nc) * (blk);              \
        (void)a_, (void)b_;                                                                        \
        NO_OVERLAP for (int i = 0; i < (blk); i++)                                                 \
        {                                                                                          \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    }

/* Where the machine has wider vectors than the baseline (x86-64's AVX2: four doubles,
 * not two), the block loops are compiled a second time for them and chosen when the
 * program starts. The same IEEE operations either way (no fused multiply-add: ISO C
 * mode does not contract), so the same bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define WIDE __attribute__((target_clones("avx2", "default")))
#else
#define WIDE
#endif

/* The integer powers' helpers are inlined into each block evaluator (and take its
 * vectors): there the block size is a constant, and only loops of a known count are
 * vectorized at -O2. */
#if defined(__GNUC__) || defined(__clang__)
#define INLINE_BLOCK static inline __attribute__((always_inline))
#else
#define INLINE_BLOCK static inline
#endif

#define VM_K  (pc->k)
#define VM_N  (pc->n)
#define VM_FN (pc->fn)

/* Registers 0 and 1 are x and y: their derivative components (x's tangent 1, 0, and
 * zeros) are the same at every point and no instruction writes those registers, so they
 * are set once (set_xy_parts), and only the values change from block to block. */
static void set_xy_parts(double *R, int blk, int nc)
{
    for (int c = 1; c < nc; c++)
        for (int i = 0; i < blk; i++) {
            R[(size_t)c * blk + i] = c == 1;
            R[((size_t)nc + c) * blk + i] = c == 2;
        }
}

/* The block of points [0, m) from x, y into the values of register 0 and 1; the rest of
 * the block repeats the last point (computed, never written out). */
static void load_block(double *R, int blk, int nc, const double *x, const double *y, size_t m)
{
    for (int i = 0; i < blk; i++) {
        size_t k = (size_t)i < m ? (size_t)i : m - 1;
        R[i] = x[k];
        R[(size_t)nc * blk + i] = y[k];
    }
}

/* out[i] = powi(u[i], n) for the block, as expr_ops.h's powi computes it for one point
 * (the same products in the same order), one multiplication over the block at a time. */
INLINE_BLOCK void powi_block(double *restrict out, const double *restrict u, int n, int blk,
                             double *restrict sq)
{
    unsigned m = n < 0 ? 0u - (unsigned)n : (unsigned)n;
    for (int i = 0; i < blk; i++)
        out[i] = 1, sq[i] = u[i];
    while (m) {
        if (m & 1u)
            for (int i = 0; i < blk; i++)
                out[i] *= sq[i];
        m >>= 1;
        if (m)
            for (int i = 0; i < blk; i++)
                sq[i] *= sq[i];
    }
    if (n < 0)
        for (int i = 0; i < blk; i++)
            out[i] = 1 / out[i];
}

/* f[0], f[1], f[2] of u^n at the block, as pow_const_derivs computes them for an integer
 * exponent, into p, p + blk, p + 2 blk. The three powers u^n, u^(n-1), u^(n-2) are each
 * powi's products in powi's order; they share the squarings u, u², u⁴, … (the same
 * sequence for every exponent), and a power whose bit is clear multiplies by 1, which
 * changes nothing, so that one pass over the block serves all three. */
INLINE_BLOCK void powi_derivs_block(double *restrict p, const double *restrict u, int n, int blk,
                                    double *restrict sq)
{
    int e[3] = {n, n - 1, n - 2};
    unsigned m[3];
    /* one loop per power and step, with the power's bit tested outside it, so each is a
     * plain vector multiplication */
    for (int j = 0; j < 3; j++) {
        m[j] = e[j] < 0 ? 0u - (unsigned)e[j] : (unsigned)e[j];
        for (int i = 0; i < blk; i++)
            p[j * blk + i] = 1;
    }
    for (int i = 0; i < blk; i++)
        sq[i] = u[i];
    while (m[0] | m[1] | m[2]) {
        for (int j = 0; j < 3; j++) {
            if (m[j] & 1u)
                for (int i = 0; i < blk; i++)
                    p[j * blk + i] *= sq[i];
            m[j] >>= 1;
        }
        if (m[0] | m[1] | m[2])
            for (int i = 0; i < blk; i++)
                sq[i] *= sq[i];
    }
    for (int j = 0; j < 3; j++)
        if (e[j] < 0)
            for (int i = 0; i < blk; i++)
                p[j * blk + i] = 1 / p[j * blk + i];
    if (n == 0)
        for (int i = 0; i < blk; i++)
            p[blk + i] = 0;
    else
        for (int i = 0; i < blk; i++)
            p[blk + i] = n * p[blk + i];
    if (n == 0 || n == 1)
        for (int i = 0; i < blk; i++)
            p[2 * blk + i] = 0;
    else
        for (int i = 0; i < blk; i++)
            p[2 * blk + i] = (double)n * (n - 1) * p[2 * blk + i];
}

static int second_operand(int op)
{
    return TP_READS_B(op & TP_BASE);
}

/* ---- value ---- */

#define VA a_[i]
#define VB b_[i]
#define VD d_[i]
#define VX R[i]
#define VY R[BLOCK_V + i]
#define VCASE(op, ...)                                                                             \
    case op: BLOOP(1, BLOCK_V, __VA_ARGS__) break;

WIDE static void value_block(const expr *e, double *R, double *out, size_t m)
{
    double sq[BLOCK_V];
    for (const tinsn *pc = e->vtape;; pc++) {
        int reads_b = second_operand(pc->op);
        switch (pc->op & TP_BASE) {
            VALUE_HANDLERS_NO_POWI(VCASE)
        case TP_POWI:
            powi_block(R + (size_t)pc->d * BLOCK_V, R + (size_t)pc->a * BLOCK_V, pc->n, BLOCK_V,
                       sq);
            break;
        case TP_END:
            for (size_t i = 0; i < m; i++)
                out[i] = R[(size_t)pc->a * BLOCK_V + i];
            return;
        default: break;
        }
    }
}

#undef VA
#undef VB
#undef VD
#undef VX
#undef VY

void expr_value_n(const expr *e, const double *x, const double *y, double *f, size_t n)
{
    if (!e || e->kern) {
        for (size_t k = 0; k < n; k++)
            f[k] = expr_value(e, x[k], y[k]);
        return;
    }
    double *R = ds_xmalloc(sizeof *R * (size_t)e->nvreg * BLOCK_V);
    for (size_t k = 0; k < n; k += BLOCK_V) {
        size_t m = n - k < BLOCK_V ? n - k : BLOCK_V;
        load_block(R, BLOCK_V, 1, x + k, y + k, m);
        value_block(e, R, f + k, m);
    }
    free(R);
}

/* ---- the dual numbers: component c of a point is at [c * block + i] ---- */

#define VA a_[i]
#define VB b_[i]

/* clang-format off */
#define RA1  d1_make(a_[i], a_[BLOCK_G + i], a_[2 * BLOCK_G + i])
#define RB1  d1_make(b_[i], b_[BLOCK_G + i], b_[2 * BLOCK_G + i])
#define SET1(z) do { dual1 z_ = (z); d_[i] = z_.v, d_[BLOCK_G + i] = z_.x, d_[2 * BLOCK_G + i] = z_.y; } while (0)
#define RA2  d2_make(a_[i], a_[BLOCK_H + i], a_[2 * BLOCK_H + i], a_[3 * BLOCK_H + i], a_[4 * BLOCK_H + i], a_[5 * BLOCK_H + i])
#define RB2  d2_make(b_[i], b_[BLOCK_H + i], b_[2 * BLOCK_H + i], b_[3 * BLOCK_H + i], b_[4 * BLOCK_H + i], b_[5 * BLOCK_H + i])
#define SET2(z) do { dual2 z_ = (z); d_[i] = z_.v, d_[BLOCK_H + i] = z_.x, d_[2 * BLOCK_H + i] = z_.y, d_[3 * BLOCK_H + i] = z_.xx, d_[4 * BLOCK_H + i] = z_.xy, d_[5 * BLOCK_H + i] = z_.yy; } while (0)
/* clang-format on */

/* u^n over the block (op: TP_POWI or its variant for an x-only or y-only u, chain the
 * matching chain rule): powi_derivs_block's powers, then the rule per point. */
#define POWI_BLOCK(op, chain, NC, BLK)                                                             \
    case op:                                                                                       \
        switch (pc->n) {                                                                           \
            POWI_SMALL(3, chain, NC, BLK)                                                          \
            POWI_SMALL(4, chain, NC, BLK)                                                          \
            POWI_SMALL(5, chain, NC, BLK)                                                          \
            POWI_SMALL(6, chain, NC, BLK)                                                          \
        default: {                                                                                 \
            double pd[3 * (BLK)], sq[BLK];                                                         \
            powi_derivs_block(pd, R + (size_t)pc->a * (NC) * (BLK), pc->n, BLK, sq);               \
            BLOOP(NC, BLK, fd[0] = pd[i], fd[1] = pd[(BLK) + i], fd[2] = pd[2 * (BLK) + i];        \
                  SET(chain(RA, fd));)                                                             \
            break;                                                                                 \
        }                                                                                          \
        }                                                                                          \
        break;
/* The small exponents (x³, y⁴, ...) with the exponent a constant: powi's squarings unroll
 * into straight-line code that is vectorized as it stands; the same operations as
 * pow_const_derivs for an integer n ≥ 2, so the same bits. */
#define POWI_SMALL(nn, chain, NC, BLK)                                                             \
    case nn:                                                                                       \
        BLOOP(NC, BLK, fd[0] = powi(VA, nn), fd[1] = nn * powi(VA, nn - 1);                        \
              fd[2] = (double)nn * (nn - 1) * powi(VA, nn - 2); SET(chain(RA, fd));)               \
        break;

/* One block through the tape for P = d1 or d2 (NC components, BLK points): its handlers
 * as loops, integer powers a block at a time, and the results out through OUT. */
#define DUAL_BLOCK_FN(name, P, NC, BLK, CASE, OUT)                                                 \
    WIDE static void name(const expr *e, double *R, const double *x, const double *y, double *f,   \
                          double(*g)[2], double(*h)[3], size_t m)                                  \
    {                                                                                              \
        double fd[3];                                                                              \
        (void)h;                                                                                   \
        for (const tinsn *pc = e->tape;; pc++) {                                                   \
            int reads_b = second_operand(pc->op);                                                  \
            switch (pc->op & TP_BASE) {                                                            \
                DUAL_HANDLERS_NO_POWI(CASE, P)                                                     \
                POWI_BLOCK(TP_POWI, P##_chain, NC, BLK)                                            \
                POWI_BLOCK(TP_POWI_X, P##_chain_X, NC, BLK)                                        \
                POWI_BLOCK(TP_POWI_Y, P##_chain_Y, NC, BLK)                                        \
            case TP_END: {                                                                         \
                const double *a_ = R + (size_t)pc->a * (NC) * (BLK);                               \
                for (size_t i = 0; i < m; i++)                                                     \
                    OUT(RA, i);                                                                    \
                return;                                                                            \
            }                                                                                      \
            default: break;                                                                        \
            }                                                                                      \
        }                                                                                          \
    }

/* The results of point k out, as the one-point evaluators write them. */
#define GRAD_OUT(z, k) d1_out(z, e, x[k], y[k], &f[k], g[k])
#define HESS_OUT(z, k) d2_out(z, e, x[k], y[k], &f[k], g[k], h[k])

#define RA  RA1
#define RB  RB1
#define SET SET1
#define VX  R[i]
#define VY  R[3 * BLOCK_G + i]
#define DX  d1_make(VX, 1, 0)
#define DY  d1_make(VY, 0, 1)
#define GCASE(op, ...)                                                                             \
    case op: BLOOP(3, BLOCK_G, __VA_ARGS__) break;
DUAL_BLOCK_FN(grad_block, d1, 3, BLOCK_G, GCASE, GRAD_OUT)
#undef RA
#undef RB
#undef SET
#undef VX
#undef VY
#undef DX
#undef DY

#define RA  RA2
#define RB  RB2
#define SET SET2
#define VX  R[i]
#define VY  R[6 * BLOCK_H + i]
#define DX  d2_make(VX, 1, 0, 0, 0, 0)
#define DY  d2_make(VY, 0, 1, 0, 0, 0)
#define HCASE(op, ...)                                                                             \
    case op: BLOOP(6, BLOCK_H, __VA_ARGS__) break;
DUAL_BLOCK_FN(hess_block, d2, 6, BLOCK_H, HCASE, HESS_OUT)

typedef void block_fn(const expr *e, double *R, const double *x, const double *y, double *f,
                      double (*g)[2], double (*h)[3], size_t m);

/* The points a block at a time through `fn` (nc components, blk points a block). */
static void dual_n(const expr *e, int nc, int blk, block_fn *fn, const double *x, const double *y,
                   double *f, double (*g)[2], double (*h)[3], size_t n)
{
    double *R = ds_xmalloc(sizeof *R * (size_t)e->nreg * (size_t)nc * (size_t)blk);
    set_xy_parts(R, blk, nc);
    for (size_t k = 0; k < n; k += (size_t)blk) {
        size_t m = n - k < (size_t)blk ? n - k : (size_t)blk;
        load_block(R, blk, nc, x + k, y + k, m);
        fn(e, R, x + k, y + k, f + k, g + k, h ? h + k : NULL, m);
    }
    free(R);
}

void expr_grad_n(const expr *e, const double *x, const double *y, double *f, double (*g)[2],
                 size_t n)
{
    if (!e || e->kern) {
        for (size_t k = 0; k < n; k++)
            expr_grad(e, x[k], y[k], &f[k], g[k]);
        return;
    }
    dual_n(e, 3, BLOCK_G, grad_block, x, y, f, g, NULL, n);
}

void expr_hess_n(const expr *e, const double *x, const double *y, double *f, double (*g)[2],
                 double (*h)[3], size_t n)
{
    if (!e || e->kern) {
        for (size_t k = 0; k < n; k++)
            expr_hess(e, x[k], y[k], &f[k], g[k], h[k]);
        return;
    }
    dual_n(e, 6, BLOCK_H, hess_block, x, y, f, g, h, n);
}
