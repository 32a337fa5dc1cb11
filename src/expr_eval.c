/* expr_eval.c — running a formula's tape one point at a time: value only, value +
 * gradient (first-order forward mode) and value + gradient + Hessian (second-order), on
 * a threaded VM or as the catalog's precompiled kernels. The handlers and derivative
 * rules are expr_ops.h's; derivatives are exact, nothing here uses finite differences.
 * Constant folding borrows this file's arithmetic. */
#include <math.h>
#include <string.h>

#include "expr_ops.h"

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
/* The VM                                                                                 */
/* ------------------------------------------------------------------------------------ */

/* With GCC or Clang each handler ends in its own indirect jump ("threaded code"): the
 * branch predictor then learns which instruction follows which, where one shared switch
 * jump mispredicts on most CPUs — measured 3x faster on rosenbrock. Other compilers, or
 * -DDESCENT_PORTABLE_VM, get the plain C11 switch loop. Both expand the same handlers,
 * each three times: with operands from registers, with the first operand the previous
 * instruction's result (kept in machine registers: `acc`), and with the second one that
 * (TP_ACC_A, TP_ACC_B in the opcode). Every handler leaves its result in acc as well as in
 * its register, so a chain does not wait for a store to be loaded back. */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(DESCENT_PORTABLE_VM)
#define VM_THREADED    1
#define VM_CASE(op, v) L##v##_##op:
#define VM_NEXT        goto *vm_labels[(++pc)->op]
#define VM_START       goto *vm_labels[pc->op];
#define VM_STOP
#define TP_LABEL(op) [op] = &&L0_##op, [op | TP_ACC_A] = &&L1_##op, [op | TP_ACC_B] = &&L2_##op,
#define VM_LABELS    static const void *const vm_labels[TP_ACC_B * 2] = {TAPE_LIST(TP_LABEL)};
/* the value VM runs the value tape, which has no sparse variants (a variant's value would
 * be its plain opcode's) */
#define TP_PLAIN_LABEL(X, op, plain)                                                               \
    [op] = &&L0_##plain, [op | TP_ACC_A] = &&L1_##plain, [op | TP_ACC_B] = &&L2_##plain,
#define VM_VALUE_LABELS                                                                            \
    static const void *const vm_labels[TP_ACC_B * 2] = {                                           \
        TAPE_PLAIN(TP_LABEL) TP_SPARSE_BIN(TP_PLAIN_LABEL, _) TP_SPARSE_UN(TP_PLAIN_LABEL, _)};
#else
#define VM_CASE(op, v) case op | (v * TP_ACC_A):
#define VM_NEXT        continue
#define VM_START                                                                                   \
    for (;; pc++)                                                                                  \
        switch ((int)pc->op) {
#define VM_STOP                                                                                    \
    default: continue;                                                                             \
        }
#define VM_LABELS
#define VM_VALUE_LABELS
#endif

/* GCC's straight-line vectorizer packs the derivative components into vector registers;
 * repacking them where the handlers meet grows the shared dispatch block until GCC no
 * longer copies it into each handler, and the threading is lost (2x slower); merging the
 * handlers' common tails (cross-jumping) or hoisting loads across them (GCSE) would
 * share dispatch jumps the same way. */
/* The VMs stay out of line: their entry points may then run a kernel without setting up
 * the VM's stack frame first. */
#if defined(__GNUC__) || defined(__clang__)
#define VM_NOINLINE __attribute__((noinline))
#else
#define VM_NOINLINE
#endif

#if defined(VM_THREADED) && defined(__GNUC__) && !defined(__clang__)
#define VM_SCALAR __attribute__((optimize("no-tree-slp-vectorize")))
#define VM_LOOP   __attribute__((optimize("no-tree-slp-vectorize", "no-crossjumping", "no-gcse")))
#else
#define VM_SCALAR
#define VM_LOOP
#endif

/* The handlers' names (expr_ops.h) for one point: registers r[] of type TY, the
 * instruction pc, x and y. Each handler starts by reading its operands into ra_ and rb_
 * (VAL gives a register's value): from r[], or in the VM's second and third expansion of
 * a list the first or second operand from acc, the previous result it still holds. */
#define VM_K         (pc->k)
#define VM_N         (pc->n)
#define VM_FN        (pc->fn)
#define VA           VAL(ra_)
#define VB           VAL(rb_)
#define VX           x
#define VY           y
#define RA           ra_
#define RB           rb_
#define GRAD_LIST(H) DUAL_HANDLERS(H, d1)
#define HESS_LIST(H) DUAL_HANDLERS(H, d2)
/* an operand index that is safe to read for any opcode (TP_POWI keeps its exponent in b) */
#define REG_B(op) (TP_READS_B(op) ? pc->b : 0)
#define OPERANDS(op, a, b)                                                                         \
    const TY ra_ = (a), rb_ = (b);                                                                 \
    (void)ra_, (void)rb_;

/* The three expansions of a list in a VM: KEEP stores acc into the result's register. */
#define VM_H0(op, ...)                                                                             \
    VM_CASE(op, 0)                                                                                 \
    {                                                                                              \
        OPERANDS(op, r[pc->a], r[REG_B(op)]) __VA_ARGS__ KEEP;                                     \
    }                                                                                              \
    VM_NEXT;
#define VM_H1(op, ...)                                                                             \
    VM_CASE(op, 1)                                                                                 \
    {                                                                                              \
        OPERANDS(op, ACC, r[REG_B(op)]) __VA_ARGS__ KEEP;                                          \
    }                                                                                              \
    VM_NEXT;
#define VM_H2(op, ...)                                                                             \
    VM_CASE(op, 2)                                                                                 \
    {                                                                                              \
        OPERANDS(op, r[pc->a], ACC) __VA_ARGS__ KEEP;                                              \
    }                                                                                              \
    VM_NEXT;
#define VM_LISTS(list) list(VM_H0) list(VM_H1) list(VM_H2)

/* The catalog's tapes precompiled (expr_kernels.h): each instruction becomes its handler
 * with the instruction's fields as constants, and the compiler keeps the registers in
 * machine registers and drops the dispatch. */
#include "expr_kernels.h"

#define KCASE(op, ...)                                                                             \
    case op: {                                                                                     \
        OPERANDS(op, r[pc->a], r[REG_B(op)]) __VA_ARGS__                                           \
    } break;
#define KSTEP(list, op_, fn_, d_, a_, b_, k_)                                                      \
    {                                                                                              \
        const tinsn kin_ = {op_, fn_, d_, a_, {b_}, k_};                                           \
        const tinsn *pc = &kin_;                                                                   \
        switch (KOP((op_)&TP_BASE)) {                                                              \
            list(KCASE) default : break;                                                           \
        }                                                                                          \
    }

/* ---- value only ---- */

#define VAL(z) (z)
#define TY     double

VM_LOOP static double VM_NOINLINE vm_value(const expr *e, double x, double y)
{
    VM_VALUE_LABELS
    double r[EXPR_REGS], acc = 0;
    const tinsn *pc;
    if (!e) return NAN;
    r[0] = x, r[1] = y;
    pc = e->vtape;
#define ACC  acc
#define VD   acc
#define KEEP r[pc->d] = acc
    /* one handler per line reads as a table, so the formatter leaves these alone */
    /* clang-format off */
    VM_START
    VM_LISTS(VALUE_HANDLERS)
    VM_CASE(TP_END, 0) VM_CASE(TP_END, 2) return r[pc->a];
    VM_CASE(TP_END, 1) return acc;
    VM_STOP
    /* clang-format on */
#undef ACC
#undef VD
#undef KEEP
}

/* the kernels run the derivative tape: for the value, its sparse variants are their plain
 * opcodes. r[] starts zeroed: where the compiler does not fold the switch on tp_plain(op)
 * (-O1, the sanitizer build) it would otherwise see reads of registers not yet written
 * (the stores it cannot prove dead cost a few cycles a call). */
#define KOP(op)                     tp_plain(op)
#define VD                          r[pc->d]
#define S(op_, fn_, d_, a_, b_, k_) KSTEP(VALUE_HANDLERS, op_, fn_, d_, a_, b_, k_)
#define KDEF_VALUE(name, nreg, res, prog)                                                          \
    static double kvalue_##name(double x, double y)                                                \
    {                                                                                              \
        double r[nreg] = {x, y};                                                                   \
        prog return r[res];                                                                        \
    }
EXPR_KERNELS(KDEF_VALUE)
#undef S
#undef VD
#undef KOP
#define KOP(op) (op)
#undef VAL
#undef TY

/* ---- value and gradient; value, gradient and Hessian ---- */

/* In the dual VMs acc is one scalar per component (a struct kept whole tends to live in
 * memory, written and read back in pieces of different widths, which defeats store
 * forwarding). The two VMs and their kernels are one text: P is d1 or d2, OUT its end. */
#define VAL(z) (z).v
/* the outputs besides f of each order, as parameters and as arguments */
#define d1_PARAMS double g[2]
#define d2_PARAMS double g[2], double h[3]
#define d1_OUTS   g
#define d2_OUTS   g, h

/* x or y as a dual number (i: which), and NaN everywhere */
static inline dual1 d1_unit(double v, int i)
{
    return d1_make(v, i == 0, i == 1);
}
static inline dual2 d2_unit(double v, int i)
{
    return d2_make(v, i == 0, i == 1, 0, 0, 0);
}
static inline void d1_nan(double *f, double g[2])
{
    *f = g[0] = g[1] = NAN;
}
static inline void d2_nan(double *f, double g[2], double h[3])
{
    *f = g[0] = g[1] = h[0] = h[1] = h[2] = NAN;
}

#define DUAL_VM(name, P, TYPE, LIST)                                                               \
    VM_LOOP static void VM_NOINLINE name(const expr *e, double x, double y, double *f, P##_PARAMS) \
    {                                                                                              \
        VM_LABELS                                                                                  \
        TYPE r[EXPR_REGS];                                                                         \
        const TYPE DX = P##_unit(x, 0), DY = P##_unit(y, 1);                                       \
        double fd[3], a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0;                              \
        (void)a3, (void)a4, (void)a5;                                                              \
        const tinsn *pc;                                                                           \
        if (!e) {                                                                                  \
            P##_nan(f, P##_OUTS);                                                                  \
            return;                                                                                \
        }                                                                                          \
        r[0] = DX, r[1] = DY;                                                                      \
        pc = e->tape;                                                                              \
        VM_START                                                                                   \
        VM_LISTS(LIST)                                                                             \
        VM_CASE(TP_END, 0) VM_CASE(TP_END, 2) P##_out(r[pc->a], e, x, y, f, P##_OUTS);             \
        return;                                                                                    \
        VM_CASE(TP_END, 1) P##_out(ACC, e, x, y, f, P##_OUTS);                                     \
        return;                                                                                    \
        VM_STOP                                                                                    \
    }
/* A kernel: KERNEL_HEAD, the program, KERNEL_TAIL (the program, expanded, holds commas
 * that must not pass through another macro's arguments). */
#define KERNEL_HEAD(name, P, TYPE, nreg)                                                           \
    VM_SCALAR static void name(const expr *e, double x, double y, double *f, P##_PARAMS)           \
    {                                                                                              \
        TYPE r[nreg];                                                                              \
        const TYPE DX = P##_unit(x, 0), DY = P##_unit(y, 1);                                       \
        double fd[3];                                                                              \
        (void)fd, (void)DX, (void)DY;                                                              \
        r[0] = DX, r[1] = DY;
#define KERNEL_TAIL(P, res)                                                                        \
    P##_out(r[res], e, x, y, f, P##_OUTS);                                                         \
    }

#define ACC    P_ACC
#define SET(z) P_SET(z)
#define KEEP   r[pc->d] = ACC

#define TY    dual1
#define P_ACC d1_make(a0, a1, a2)
#define P_SET(z)                                                                                   \
    do {                                                                                           \
        dual1 z_ = (z);                                                                            \
        a0 = z_.v, a1 = z_.x, a2 = z_.y;                                                           \
    } while (0)
DUAL_VM(vm_grad, d1, dual1, GRAD_LIST)
#undef SET
#define SET(z)                      (r[pc->d] = (z))
#define S(op_, fn_, d_, a_, b_, k_) KSTEP(GRAD_LIST, op_, fn_, d_, a_, b_, k_)
#define KDEF_GRAD(name, nreg, res, prog)                                                           \
    KERNEL_HEAD(kgrad_##name, d1, dual1, nreg) prog KERNEL_TAIL(d1, res)
EXPR_KERNELS(KDEF_GRAD)
#undef S
#undef SET
#undef TY
#undef P_ACC
#undef P_SET

#define SET(z) P_SET(z)
#define TY     dual2
#define P_ACC  d2_make(a0, a1, a2, a3, a4, a5)
#define P_SET(z)                                                                                   \
    do {                                                                                           \
        dual2 z_ = (z);                                                                            \
        a0 = z_.v, a1 = z_.x, a2 = z_.y, a3 = z_.xx, a4 = z_.xy, a5 = z_.yy;                       \
    } while (0)
DUAL_VM(vm_hess, d2, dual2, HESS_LIST)
#undef SET
#define SET(z)                      (r[pc->d] = (z))
#define S(op_, fn_, d_, a_, b_, k_) KSTEP(HESS_LIST, op_, fn_, d_, a_, b_, k_)
#define KDEF_HESS(name, nreg, res, prog)                                                           \
    KERNEL_HEAD(khess_##name, d2, dual2, nreg) prog KERNEL_TAIL(d2, res)
EXPR_KERNELS(KDEF_HESS)
#undef S
#undef SET
#undef TY
#undef VAL

/* ---- the table of precompiled tapes ---- */

#define S(op_, fn_, d_, a_, b_, k_)      {op_, fn_, d_, a_, {b_}, k_},
#define KDEF_TAPE(name, nreg, res, prog) static const tinsn ktape_##name[] = {prog};
EXPR_KERNELS(KDEF_TAPE)
#undef S

#define KROW(name, nreg, res, prog)                                                                \
    {#name,         ktape_##name, (int)(sizeof ktape_##name / sizeof ktape_##name[0]),             \
     kvalue_##name, kgrad_##name, khess_##name},
static const expr_kernel kernels[] = {EXPR_KERNELS(KROW)};

const expr_kernel *expr_kernel_find(const tinsn *tape, int ntape)
{
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        const expr_kernel *k = &kernels[i];
        if (k->ntape != ntape) continue;
        int same = 1;
        for (int j = 0; j < ntape && same; j++)
            same = tape[j].op == k->tape[j].op && tape[j].fn == k->tape[j].fn &&
                   tape[j].d == k->tape[j].d && tape[j].a == k->tape[j].a &&
                   tape[j].b == k->tape[j].b &&
                   memcmp(&tape[j].k, &k->tape[j].k, sizeof(double)) == 0;
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
