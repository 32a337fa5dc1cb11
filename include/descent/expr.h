/* expr.h — formulas in x and y: parse once to bytecode, evaluate fast.
 * Three evaluators share one program: value only (contour grids), value + exact gradient
 * (first-order forward mode), and value + exact gradient + exact Hessian (second-order
 * forward-mode automatic differentiation). All are re-entrant and allocation-free. */
#ifndef DESCENT_EXPR_H
#define DESCENT_EXPR_H

#include <stddef.h>

#include "descent/err.h"

typedef struct expr expr;

/* Compile `src`. Returns NULL and fills `err` (with the column) on failure. */
expr *expr_compile(const char *src, ds_err *err);
void expr_free(expr *e);

/* The source text as given. */
const char *expr_source(const expr *e);

/* Value only. Domain problems give NaN or ±Inf; callers check isfinite. */
double expr_value(const expr *e, double x, double y);

/* Value and gradient g = [f_x, f_y]. */
void expr_grad(const expr *e, double x, double y, double *f, double g[2]);

/* Value, gradient and Hessian h = [f_xx, f_xy, f_yy] in one pass. */
void expr_hess(const expr *e, double x, double y, double *f, double g[2], double h[3]);

/* The same at n points (x[k], y[k]): f[k], g[k], h[k] are exactly what the functions above
 * give at each point, to the bit, computed a block of points per instruction (several
 * times faster than a loop of single calls on formulas the VM runs). For contour grids
 * and anything else evaluating one formula at many points. They allocate one block of
 * scratch per call. */
void expr_value_n(const expr *e, const double *x, const double *y, double *f, size_t n);
void expr_grad_n(const expr *e, const double *x, const double *y, double *f, double (*g)[2],
                 size_t n);
void expr_hess_n(const expr *e, const double *x, const double *y, double *f, double (*g)[2],
                 double (*h)[3], size_t n);

/* Whether a derivative rule at (x, y) met a kink and answered by convention: abs at 0
 * (abs′(0) = 0), a tie of min or max (the left argument's slope), or an infinite
 * slope multiplied by a zero tangent (sqrt(x² + y²) at 0). Returns 0 (none), 1 (the
 * gradient may not exist) or 2 (the gradient is right but the Hessian may not exist),
 * and the function's name in *what (may be NULL). Slow: for calculus commands, not
 * optimizer steps. */
int expr_kink(const expr *e, double x, double y, const char **what);

/* Introspection for tests and benchmarks: the number of bytecode instructions (after
 * constant folding), and the evaluation stack slots the program needs. */
int expr_code_length(const expr *e);
int expr_stack_depth(const expr *e);

/* The catalog's formulas are precompiled: a formula whose program is one of theirs runs
 * as straight-line code built from the VM's own handlers (the same results to the bit,
 * several times faster). The catalog name it matched, or NULL when the VM runs it. */
const char *expr_kernel_name(const expr *e);
/* For tests and benchmarks: 0 makes `e` run on the VM even where a kernel matches, 1
 * restores the kernel. */
void expr_use_kernel(expr *e, int on);

/* Names the language knows (functions and constants), NULL-terminated; for help and
 * completion. */
extern const char *const expr_function_names[];
extern const char *const expr_constant_names[];

#endif
