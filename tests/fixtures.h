/* tests/fixtures.h — small set-ups several unit tests share: one run at a start point,
 * an objective from a formula, a formula's value, gradient and Hessian at a point, a line of
 * commands run on a session, lines that must fail saying what. Header-only, like harness.h. */
#ifndef DESCENT_TEST_FIXTURES_H
#define DESCENT_TEST_FIXTURES_H

#include <math.h>
#include <string.h>

#include "descent/command.h"
#include "descent/expr.h"
#include "descent/run.h"
#include "descent/session.h"
#include "harness.h"

/* A runset holding one run of `algo` on `o`, started at (x, y); NULL when the
 * algorithm is unknown. */
static inline run *one_run(runset *rs, objective *o, const char *algo, double x, double y)
{
    ds_err err;
    runset_init(rs);
    if (runset_add(rs, o, algo, &err) != DS_OK) return NULL;
    run *r = runset_at(rs, 0);
    double p[2] = {x, y};
    run_set_start(r, p, o);
    return r;
}

/* o made fresh (obj_init) as the objective of formula src; a failed check when it is not one. */
static inline void formula(objective *o, const char *src)
{
    ds_err err;
    obj_init(o);
    if (obj_make_formula(o, src, &err) != DS_OK) TH_FAIL("formula: %s", err.msg);
}

typedef struct {
    double f, g[2], h[3];
} derivs;

/* f, ∇f and ∇²f of `src` at (x, y); NaN (and a failed check) when it does not compile. */
static inline derivs hess_of(const char *src, double x, double y)
{
    derivs d = {NAN, {NAN, NAN}, {NAN, NAN, NAN}};
    ds_err err;
    expr *e = expr_compile(src, &err);
    if (!e) {
        TH_FAIL("'%s' did not compile: %s", src, err.msg);
        return d;
    }
    expr_hess(e, x, y, &d.f, d.g, d.h);
    expr_free(e);
    return d;
}

/* ---- a line of commands ----------------------------------------------------------- */

/* The output and the error of the last exec_line. A test that uses them sbuf_inits
 * exec_out in its main and frees it at the end. */
static sbuf exec_out;
static ds_err exec_err;

/* Run a line of commands (';' between them) on s as a script does: not interactive,
 * no animation. Its output replaces exec_out; its error is in exec_err. */
static inline ds_status exec_line(sess *s, const char *line)
{
    sbuf_reset(&exec_out);
    cmd_ctx c = {.out = &exec_out, .err = &exec_err};
    return cmd_exec_line(s, line, &c, 0);
}

/* The same for a line that must succeed: a failed check names the line and the error. */
static inline void exec_ok(sess *s, const char *line)
{
    if (exec_line(s, line) != DS_OK) TH_FAIL("'%s' failed: %s", line, exec_err.msg);
}

/* A line that must fail, and words its error must hold. */
typedef struct {
    const char *line, *says;
} failing_line;

/* Run each of the n lines on s: each must fail with an error holding its `says`. */
static inline void check_failing_lines(sess *s, const failing_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (exec_line(s, lines[i].line) == DS_OK)
            TH_FAIL("'%s' succeeded", lines[i].line);
        else if (!strstr(exec_err.msg, lines[i].says))
            TH_FAIL("'%s' said '%s', not '%s'", lines[i].line, exec_err.msg, lines[i].says);
        else
            th_passed++;
    }
}

#endif
