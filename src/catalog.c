/* catalog.c — the named objectives: formula, default view, known minima and saddles,
 * and the one thing each teaches. Pure data; objective.c turns a row into a live
 * objective. Minima/saddles are rounded to 6 decimals where not exact. */
#include <stddef.h>

#include "descent/i18n.h"
#include "descent/objective.h"

const obj_entry obj_catalog[] = {
    {
        .name = "bowl",
        .kind = OBJ_FORMULA,
        .formula = "x^2 + y^2",
        .args = "",
        .note =
            N_("the friendliest convex bowl: every method works, the gradient points straight out"),
        .view = {-2, 2, -2, 2},
        .nmin = 1,
        .minima = {{0, 0}},
    },
    {
        .name = "ellipse",
        .kind = OBJ_FORMULA,
        .formula = "x^2 + 10*y^2",
        .args = "",
        .note =
            N_("an axis-aligned valley (condition number 10): gradient descent zig-zags across it"),
        .view = {-3, 3, -2, 2},
        .nmin = 1,
        .minima = {{0, 0}},
    },
    {
        .name = "rotated",
        .kind = OBJ_FORMULA,
        .formula = "5.25*x^2 - 9.5*x*y + 5.25*y^2",
        .args = "",
        .note =
            N_("a quadratic valley turned 45° (eigenvalues 1 and 20): per-coordinate rates can't "
               "align"),
        .view = {-3, 3, -3, 3},
        .nmin = 1,
        .minima = {{0, 0}},
    },
    {
        .name = "quad",
        .kind = OBJ_QUAD,
        .formula = "½θᵀAθ − bᵀθ",
        .args = "A11 A12 A22 [b1 b2]",
        .note =
            N_("the course's quadratic with a chosen symmetric A: eigenvalues decide everything"),
        .view = {-3, 3, -3, 3},
    },
    {
        .name = "saddle",
        .kind = OBJ_FORMULA,
        .formula = "x^2 - y^2",
        .args = "",
        .note = N_("a saddle: the Hessian is indefinite, curving up along x and down along y"),
        .view = {-2, 2, -2, 2},
        .nsaddle = 1,
        .saddles = {{0, 0}},
    },
    {
        .name = "monkey",
        .kind = OBJ_FORMULA,
        .formula = "x^3 - 3*x*y^2",
        .args = "",
        .note =
            N_("the monkey saddle: the Hessian is zero at the origin, so the test says nothing"),
        .view = {-2, 2, -2, 2},
        .nsaddle = 1,
        .saddles = {{0, 0}},
    },
    {
        .name = "rosenbrock",
        .kind = OBJ_FORMULA,
        .formula = "(1 - x)^2 + 100*(y - x^2)^2",
        .args = "",
        .note = N_(
            "a curved banana valley: easy to find, slow to follow; the classic test for methods"),
        .view = {-2, 2, -1, 3},
        .log_levels = 1,
        .nmin = 1,
        .minima = {{1, 1}},
    },
    {
        .name = "himmelblau",
        .kind = OBJ_FORMULA,
        .formula = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        .args = "",
        .note = N_("four equal minima: where you start decides where you end"),
        .view = {-5, 5, -5, 5},
        .log_levels = 1,
        .nmin = 4,
        .minima = {{3, 2}, {-2.805118, 3.131312}, {-3.77931, -3.283186}, {3.584428, -1.848126}},
        .nsaddle = 4,
        .saddles = {{0.086678, 2.884255},
                    {-3.073026, -0.081353},
                    {3.385154, 0.073852},
                    {-0.127961, -1.953715}},
    },
    {
        .name = "beale",
        .kind = OBJ_FORMULA,
        .formula = "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        .args = "",
        .note = N_("sharp ridges and flat plateaus near one minimum: step sizes that fit one part "
                   "fail another"),
        .view = {-4.5, 4.5, -4.5, 4.5},
        .log_levels = 1,
        .nmin = 1,
        .minima = {{3, 0.5}},
    },
    {
        .name = "booth",
        .kind = OBJ_FORMULA,
        .formula = "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
        .args = "",
        .note = N_("a plain quadratic in disguise: Newton solves it in one step"),
        .view = {-10, 10, -10, 10},
        .nmin = 1,
        .minima = {{1, 3}},
    },
    {
        .name = "matyas",
        .kind = OBJ_FORMULA,
        .formula = "0.26*(x^2 + y^2) - 0.48*x*y",
        .args = "",
        .note =
            N_("a flat, tilted quadratic: small gradients everywhere make gradient descent crawl"),
        .view = {-10, 10, -10, 10},
        .nmin = 1,
        .minima = {{0, 0}},
    },
    {
        .name = "camel3",
        .kind = OBJ_FORMULA,
        .formula = "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
        .args = "",
        .note = N_("three-hump camel: one global and two local minima; local methods stay where "
                   "they fall"),
        .view = {-2.5, 2.5, -2.5, 2.5},
        .log_levels = 1,
        .nmin = 3,
        .minima = {{0, 0}, {1.747552, -0.873776}, {-1.747552, 0.873776}},
    },
    {
        .name = "camel6",
        .kind = OBJ_FORMULA,
        .formula = "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
        .args = "",
        .note = N_("six-hump camel: two global minima among six humps"),
        .view = {-2, 2, -1.2, 1.2},
        .log_levels = 1,
        .nmin = 2,
        .minima = {{0.089842, -0.712656}, {-0.089842, 0.712656}},
    },
    {
        .name = "goldstein",
        .kind = OBJ_FORMULA,
        .formula = "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - "
                   "3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
        .args = "",
        .note =
            N_("Goldstein–Price: values span six orders of magnitude; look at it on a log scale"),
        .view = {-2, 2, -3, 1},
        .log_levels = 1,
        .nmin = 1,
        .minima = {{0, -1}},
    },
    {
        .name = "rastrigin",
        .kind = OBJ_FORMULA,
        .formula = "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
        .args = "",
        .note = N_("a bowl covered in ripples: a local minimum in every cell"),
        .view = {-5.12, 5.12, -5.12, 5.12},
        .nmin = 1,
        .minima = {{0, 0}},
    },
    {
        .name = "ackley",
        .kind = OBJ_FORMULA,
        .formula =
            "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
        .args = "",
        .note = N_("a nearly flat plain with a deep hole; the gradient is undefined at the minimum "
                   "itself"),
        .view = {-5, 5, -5, 5},
        .nmin = 1,
        .minima = {{0, 0}},
    },
    {
        .name = "styblinski",
        .kind = OBJ_FORMULA,
        .formula = "(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)/2",
        .args = "",
        .note = N_("Styblinski–Tang: four basins of different depth, the deepest in one corner"),
        .view = {-5, 5, -5, 5},
        .nmin = 1,
        .minima = {{-2.903534, -2.903534}},
    },
    {
        .name = "linreg",
        .kind = OBJ_LINREG,
        .formula = "J(w,b) = 1/(2N) Σₙ (yₙ − (w·xₙ + b))²",
        .args = "",
        .note = N_("linear regression's mean squared error over the dataset (x = w, y = b): a "
                   "convex bowl"),
        .view = {-2, 6, -5, 3},
    },
    {
        .name = "logreg",
        .kind = OBJ_LOGREG,
        .formula = "J(w,b) = −Σₙ [yₙ log σ(w·xₙ+b) + (1−yₙ) log(1−σ(w·xₙ+b))]",
        .args = "",
        .note =
            N_("logistic regression's cross-entropy (a sum, not a mean) over the dataset (x = w, "
               "y = b)"),
        .view = {-2, 8, -5, 5},
    },
};

const int obj_catalog_count = (int)(sizeof obj_catalog / sizeof obj_catalog[0]);
