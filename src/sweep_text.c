/* sweep_text.c — what a finished sweep says: the CSV for its kind, a summary in words
 * (fastest value, where divergence starts, agreement with the quadratic theory) and a
 * text picture: the 1-D chart, the 2-D map with its key, or the basins with a legend. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/fmt.h"
#include "descent/sweep.h"
#include "descent/utf8.h"

void sweep_view_free(sweep_view *v)
{
    if (!v) return;
    if (v->job) sweep_cancel(v->job);
    sweep_free(v->job);
    free(v);
}

const sweep_cell *sweep_view_cell(const sweep_view *v, int i, int j)
{
    int n1 = v->sp.n[1] > 0 ? v->sp.n[1] : 1;
    if (!v->job || i < 0 || j < 0 || i >= v->sp.n[0] || j >= n1) return NULL;
    return &sweep_cells(v->job)[(long)j * v->sp.n[0] + i];
}

/* A swept value as the parameter takes it (whole numbers for integer parameters). */
static double axis_value(const sweep_view *v, int axis, int i)
{
    double x = sweep_axis_value(&v->sp, axis, i);
    const opt_param *p = v->kind == VIEW_BASINS ? NULL : v->sp.p[axis];
    return p && p->type == OPT_INT ? round(x) : x;
}

/* ---- basins: which point each cell reached ------------------------------------------ */

int sweep_view_labels(const sweep_view *v, int *labels, double pts[][2], int maxpts)
{
    int npts = 0;
    for (int k = 0; k < v->nknown && npts < maxpts; k++, npts++) {
        pts[npts][0] = v->known[k][0];
        pts[npts][1] = v->known[k][1];
    }
    long n = sweep_ncells(&v->sp);
    const sweep_cell *cells = sweep_cells(v->job);
    for (long k = 0; k < n; k++) {
        const sweep_cell *c = &cells[k];
        labels[k] = -1;
        if (c->status != CELL_CONVERGED) continue;
        for (int p = 0; p < npts; p++)
            if (fabs(c->x - pts[p][0]) <= v->tol_point && fabs(c->y - pts[p][1]) <= v->tol_point) {
                labels[k] = p;
                break;
            }
        if (labels[k] < 0 && npts < maxpts) {
            pts[npts][0] = c->x;
            pts[npts][1] = c->y;
            labels[k] = npts++;
        }
    }
    return npts;
}

/* ---- CSV ------------------------------------------------------------------------------ */

long sweep_view_csv(const sweep_view *v, FILE *f)
{
    const sweep_spec *sp = &v->sp;
    long n = sweep_ncells(sp), rows = 0;
    int *labels = NULL;
    double pts[64][2];
    if (v->kind == VIEW_BASINS) {
        labels = ds_xmalloc(sizeof *labels * (size_t)n);
        if (!labels) return -1;
        sweep_view_labels(v, labels, pts, 64);
        fprintf(f, "x,y,minimum,steps,status\n");
    } else if (v->kind == VIEW_MAP) {
        fprintf(f, "%s,%s,steps,final_f,status\n", sp->p[0]->name, sp->p[1]->name);
    } else {
        fprintf(f, "%s,steps,final_f,status\n", sp->p[0]->name);
    }
    for (long k = 0; k < n; k++) {
        const sweep_cell *c = &sweep_cells(v->job)[k];
        if (c->status == CELL_PENDING) continue;
        int i = (int)(k % sp->n[0]), j = (int)(k / sp->n[0]);
        const char *st = sweep_status_word(c->status);
        if (v->kind == VIEW_BASINS) {
            fprintf(f, "%.17g,%.17g,", axis_value(v, 0, i), axis_value(v, 1, j));
            if (labels[k] >= 0) {
                /* a known point as the catalog gives it, else where the run ended */
                fprintf(f, "\"[%.17g, %.17g]\"", pts[labels[k]][0], pts[labels[k]][1]);
            }
            fprintf(f, ",%ld,%s\n", c->steps, st);
        } else if (v->kind == VIEW_MAP) {
            fprintf(f, "%.17g,%.17g,%ld,%.17g,%s\n", axis_value(v, 0, i), axis_value(v, 1, j),
                    c->steps, c->f, st);
        } else {
            fprintf(f, "%.17g,%ld,%.17g,%s\n", axis_value(v, 0, i), c->steps, c->f, st);
        }
        rows++;
    }
    free(labels);
    return ferror(f) ? -1 : rows;
}

/* ---- words ---------------------------------------------------------------------------- */

static void put_num(sbuf *out, double v, int digits)
{
    fmt_num(out, v, digits);
}

void sweep_view_cell_text(const sweep_view *v, int i, int j, sbuf *out, int digits)
{
    const sweep_cell *c = sweep_view_cell(v, i, j);
    if (!c) return;
    if (v->kind == VIEW_BASINS) {
        sbuf_puts(out, _("start ("));
        put_num(out, axis_value(v, 0, i), digits);
        sbuf_puts(out, ", ");
        put_num(out, axis_value(v, 1, j), digits);
        sbuf_puts(out, ")");
    } else {
        for (int a = 0; a < (v->kind == VIEW_MAP ? 2 : 1); a++) {
            sbuf_printf(out, "%s%s=", a ? " " : "", v->sp.p[a]->name);
            put_num(out, axis_value(v, a, a ? j : i), digits);
        }
    }
    if (c->status == CELL_PENDING) {
        sbuf_puts(out, _(": not computed"));
        return;
    }
    sbuf_printf(out, P_(": %s after %ld step, f = ", ": %s after %ld steps, f = ", c->steps),
                _(sweep_status_word(c->status)), c->steps);
    put_num(out, c->f, digits);
    if (v->kind == VIEW_BASINS && c->status == CELL_CONVERGED) {
        double p[2] = {c->x, c->y};
        sbuf_puts(out, _(" at "));
        fmt_vec2(out, p, digits);
    }
}

static long count_status(const sweep_view *v, int status)
{
    long n = sweep_ncells(&v->sp), k = 0;
    for (long i = 0; i < n; i++)
        k += sweep_cells(v->job)[i].status == status;
    return k;
}

static void header(const sweep_view *v, sbuf *out, int digits)
{
    const sweep_spec *sp = &v->sp;
    long n = sweep_ncells(sp), pend = count_status(v, CELL_PENDING);
    if (v->kind == VIEW_BASINS) {
        sbuf_printf(out, _("basins of %s on %s: %d×%d start points over x "), sp->algo->name,
                    v->obj, sp->n[0], sp->n[1]);
        put_num(out, sp->lo[0], digits);
        sbuf_puts(out, "..");
        put_num(out, sp->hi[0], digits);
        sbuf_puts(out, ", y ");
        put_num(out, sp->lo[1], digits);
        sbuf_puts(out, "..");
        put_num(out, sp->hi[1], digits);
    } else {
        sbuf_printf(out, _("%s of %s on %s:"), v->kind == VIEW_MAP ? _("map") : _("sweep"),
                    sp->algo->name, v->obj);
        for (int a = 0; a < (v->kind == VIEW_MAP ? 2 : 1); a++) {
            sbuf_printf(out, _("%s %d values of %s "), a ? " ×" : "", sp->n[a], sp->p[a]->name);
            put_num(out, sp->lo[a], digits);
            sbuf_puts(out, "..");
            put_num(out, sp->hi[a], digits);
            sbuf_printf(out, " (%s)", sp->logsp[a] ? "log" : "lin");
        }
        sbuf_printf(out, " %s ", _("from"));
        fmt_vec2(out, sp->start, digits);
    }
    sbuf_printf(out, _(", at most %ld steps each\n"), (long)sp->h.maxiter);
    sbuf_printf(out, _("cells: %ld converged, %ld diverged, %ld maxiter, %ld stalled"),
                count_status(v, CELL_CONVERGED), count_status(v, CELL_DIVERGED),
                count_status(v, CELL_MAXITER), count_status(v, CELL_STALLED));
    if (pend) sbuf_printf(out, _(", %ld not computed (cancelled)"), pend);
    sbuf_printf(out, _(" of %ld\n"), n);
}

/* ---- the 1-D chart -------------------------------------------------------------------- */

/* A row label right-aligned in `cols` display columns (a Hangul syllable takes two), then
 * `after`: the chart's rows and axis line up whatever the language of the words. */
static void put_label(sbuf *out, const char *label, int cols, const char *after)
{
    for (int k = utf8_width(label, strlen(label)); k < cols; k++)
        sbuf_puts(out, " ");
    sbuf_puts(out, label);
    sbuf_puts(out, after);
}

#define CHART_ROWS 10

static void report_1d(const sweep_view *v, sbuf *out, int width, int digits)
{
    const sweep_spec *sp = &v->sp;
    int n = sp->n[0];
    const sweep_cell *cells = sweep_cells(v->job);
    const char *pn = sp->p[0]->name;
    /* fastest: the middle of the values sharing the fewest steps */
    long best = -1;
    for (int i = 0; i < n; i++)
        if (cells[i].status == CELL_CONVERGED && (best < 0 || cells[i].steps < best))
            best = cells[i].steps;
    if (best >= 0) {
        int first = -1, last = -1;
        for (int i = 0; i < n; i++)
            if (cells[i].status == CELL_CONVERGED && cells[i].steps == best) {
                if (first < 0) first = i;
                last = i;
            }
        int mid = (first + last) / 2;
        while (cells[mid].steps != best || cells[mid].status != CELL_CONVERGED)
            mid++;
        sbuf_printf(out, _("fastest: %s = "), pn);
        put_num(out, axis_value(v, 0, mid), digits);
        sbuf_printf(out, _(", converged in %ld steps"), best);
        if (last > first) {
            sbuf a, b;
            sbuf_init(&a);
            sbuf_init(&b);
            put_num(&a, axis_value(v, 0, first), digits);
            put_num(&b, axis_value(v, 0, last), digits);
            sbuf_printf(out, _(" (as did %s to %s)"), sbuf_str(&a), sbuf_str(&b));
            sbuf_free(&a);
            sbuf_free(&b);
        }
        sbuf_puts(out, "\n");
    } else {
        sbuf_puts(out, _("fastest: no value converged\n"));
    }
    /* where divergence starts: the first value from which every larger one diverged */
    int tail = n;
    while (tail > 0 && cells[tail - 1].status == CELL_DIVERGED)
        tail--;
    if (tail < n && tail > 0) {
        sbuf_printf(out, _("diverges from %s = "), pn);
        put_num(out, axis_value(v, 0, tail), digits);
        sbuf_printf(out, _(" on (%s = "), pn);
        put_num(out, axis_value(v, 0, tail - 1), digits);
        sbuf_printf(out, _(" did not)\n"));
    } else if (tail == 0) {
        sbuf_puts(out, _("every value diverged\n"));
    }
    if (v->th.known &&
        (strcmp(sp->algo->name, "gd") == 0 || strcmp(sp->algo->name, "heavyball") == 0)) {
        sbuf_puts(out, _("theory (λmin = "));
        put_num(out, v->th.lmin, digits);
        sbuf_puts(out, ", λmax = ");
        put_num(out, v->th.lmax, digits);
        if (strcmp(sp->algo->name, "gd") == 0) {
            sbuf_puts(out, "): 1/λmax = ");
            put_num(out, v->th.gd_safe, digits);
            sbuf_puts(out, ", 2/λmax = ");
            put_num(out, v->th.gd_stable, digits);
            sbuf_puts(out, _(" (diverges above), fastest 2/(λmin+λmax) = "));
            put_num(out, v->th.gd_fast, digits);
        } else {
            sbuf_puts(out, _("): optimal α = (2/(√λmax+√λmin))² = "));
            put_num(out, v->th.hb_lr, digits);
            sbuf_puts(out, ", β = ((√κ−1)/(√κ+1))² = ");
            put_num(out, v->th.hb_beta, digits);
        }
        sbuf_puts(out, "\n");
    }
    /* The chart: columns are values, rows steps on a log scale; diverged on top. */
    int cols = width - 12;
    if (cols > n) cols = n;
    if (cols < 2) cols = 2;
    long lo = -1, hi = (long)sp->h.maxiter;
    for (int i = 0; i < n; i++)
        if (cells[i].status == CELL_CONVERGED && (lo < 0 || cells[i].steps < lo))
            lo = cells[i].steps;
    if (lo < 1) lo = 1;
    double l0 = log((double)lo), l1 = log((double)hi);
    if (l1 <= l0) l1 = l0 + 1;
    int rows = CHART_ROWS + 2;
    char grid[CHART_ROWS + 2][512];
    for (int r = 0; r < rows; r++)
        memset(grid[r], ' ', (size_t)cols);
    for (int c = 0; c < cols; c++) {
        int i = cols > 1 ? (int)lround((double)c * (n - 1) / (cols - 1)) : 0;
        const sweep_cell *cell = &cells[i];
        switch (cell->status) {
        case CELL_DIVERGED: grid[0][c] = 'x'; break;
        case CELL_MAXITER: grid[1][c] = '^'; break;
        case CELL_STALLED: grid[1][c] = '!'; break;
        case CELL_CONVERGED: {
            double u = (log((double)(cell->steps > 0 ? cell->steps : 1)) - l0) / (l1 - l0);
            int r = 2 + (int)lround((1 - u) * (CHART_ROWS - 1));
            if (r < 2) r = 2;
            if (r >= rows) r = rows - 1;
            grid[r][c] = '*';
            break;
        }
        default: break;
        }
    }
    sbuf_printf(out, _("\nsteps to converge (log scale) against %s:\n"), pn);
    for (int r = 0; r < rows; r++) {
        if (r == 0)
            put_label(out, _("diverged"), 10, " |");
        else if (r == 1)
            sbuf_puts(out, "   maxiter |");
        else if (r == 2)
            sbuf_printf(out, "%10ld |", hi);
        else if (r == rows - 1)
            sbuf_printf(out, "%10ld |", lo);
        else
            sbuf_puts(out, "           |");
        sbuf_putn(out, grid[r], (size_t)cols);
        sbuf_puts(out, "\n");
    }
    sbuf_puts(out, "           +");
    for (int c = 0; c < cols; c++)
        sbuf_puts(out, "-");
    sbuf_puts(out, "\n");
    /* theory marks under the axis */
    if (v->th.known && strcmp(sp->algo->name, "gd") == 0 &&
        sp->p[0]->offset == offsetof(opt_hyper, lr)) {
        char marks[512];
        memset(marks, ' ', (size_t)cols);
        double th[3] = {v->th.gd_safe, v->th.gd_fast, v->th.gd_stable};
        const char sym[3] = {'1', 'F', '2'};
        for (int t = 0; t < 3; t++) {
            if (th[t] < sp->lo[0] || th[t] > sp->hi[0]) continue;
            double u = sp->logsp[0]
                           ? (log(th[t]) - log(sp->lo[0])) / (log(sp->hi[0]) - log(sp->lo[0]))
                           : (th[t] - sp->lo[0]) / (sp->hi[0] - sp->lo[0]);
            int c = (int)lround(u * (cols - 1));
            if (c >= 0 && c < cols) marks[c] = sym[t];
        }
        put_label(out, _("theory"), 10, "  ");
        sbuf_putn(out, marks, (size_t)cols);
        sbuf_puts(out, "\n");
    }
    sbuf_puts(out, "            ");
    sbuf a;
    sbuf_init(&a);
    put_num(&a, sp->lo[0], digits);
    sbuf b;
    sbuf_init(&b);
    put_num(&b, sp->hi[0], digits);
    sbuf_printf(&b, " %s", pn);
    int pad = cols - (int)strlen(sbuf_str(&a)) - (int)strlen(sbuf_str(&b));
    sbuf_puts(out, sbuf_str(&a));
    for (int k = 0; k < pad; k++)
        sbuf_puts(out, " ");
    sbuf_puts(out, pad < 1 ? " " : "");
    sbuf_puts(out, sbuf_str(&b));
    sbuf_puts(out, "\n");
    sbuf_free(&a);
    sbuf_free(&b);
    sbuf_printf(out, _("key: * converged  ^ maxiter  x diverged  ! stalled%s\n"),
                v->th.known && strcmp(sp->algo->name, "gd") == 0
                    ? _("; theory 1 = 1/λmax, F = 2/(λmin+λmax), 2 = 2/λmax")
                    : "");
}

/* A text picture of the grid, `cols` × `rows` characters, the top row the largest value
 * of the second axis; glyph() gives the character of grid cell (i, j) at (c, r). */
typedef char (*glyph_fn)(const sweep_view *v, int i, int j, int c, int r, void *ctx);

static void picture(const sweep_view *v, sbuf *out, int cols, int rows, glyph_fn glyph, void *ctx)
{
    const sweep_spec *sp = &v->sp;
    for (int r = rows - 1; r >= 0; r--) {
        int j = rows > 1 ? (int)lround((double)r * (sp->n[1] - 1) / (rows - 1)) : 0;
        sbuf lab;
        sbuf_init(&lab);
        put_num(&lab, axis_value(v, 1, j), 4);
        sbuf_printf(out, "%10s |", sbuf_str(&lab));
        sbuf_free(&lab);
        for (int c = 0; c < cols; c++) {
            int i = cols > 1 ? (int)lround((double)c * (sp->n[0] - 1) / (cols - 1)) : 0;
            char g = glyph(v, i, j, c, r, ctx);
            sbuf_putn(out, &g, 1);
        }
        sbuf_puts(out, "|\n");
    }
    sbuf_puts(out, "           +");
    for (int c = 0; c < cols; c++)
        sbuf_puts(out, "-");
    sbuf_puts(out, "+\n");
}

/* ---- the 2-D map ---------------------------------------------------------------------- */

/* Shades for converged cells, fastest first. */
static const char shades[] = "@#+:.";

/* The glyph of a cell in the text map; lo/hi bound converged steps. */
static char map_glyph(const sweep_cell *c, double l0, double l1)
{
    switch (c->status) {
    case CELL_CONVERGED: {
        double u = l1 > l0 ? (log((double)(c->steps > 0 ? c->steps : 1)) - l0) / (l1 - l0) : 0;
        int k = (int)(u * 5);
        return shades[k < 0 ? 0 : k > 4 ? 4 : k];
    }
    case CELL_DIVERGED: return ' ';
    case CELL_MAXITER: return '~';
    case CELL_STALLED: return '!';
    default: return '?';
    }
}

void sweep_view_steps_range(const sweep_view *v, long *lo, long *hi)
{
    long n = sweep_ncells(&v->sp);
    *lo = -1;
    *hi = -1;
    for (long k = 0; k < n; k++) {
        const sweep_cell *c = &sweep_cells(v->job)[k];
        if (c->status != CELL_CONVERGED) continue;
        if (*lo < 0 || c->steps < *lo) *lo = c->steps;
        if (c->steps > *hi) *hi = c->steps;
    }
    if (*lo < 1) *lo = 1;
    if (*hi < *lo) *hi = *lo;
}

static int is_hb_lr_beta(const sweep_view *v)
{
    return v->th.known && strcmp(v->sp.algo->name, "heavyball") == 0 &&
           v->sp.p[0]->offset == offsetof(opt_hyper, lr) &&
           v->sp.p[1]->offset == offsetof(opt_hyper, beta);
}

typedef struct {
    double l0, l1; /* log of the fewest and most steps among converged cells */
    int oi, oj;    /* picture column and row of the theory's optimum, -1 none */
} map_ctx;

static char map_cell(const sweep_view *v, int i, int j, int c, int r, void *ctx)
{
    const map_ctx *m = ctx;
    return c == m->oi && r == m->oj ? 'O' : map_glyph(sweep_view_cell(v, i, j), m->l0, m->l1);
}

static void report_2d(const sweep_view *v, sbuf *out, int width, int height, int digits)
{
    const sweep_spec *sp = &v->sp;
    long lo, hi;
    sweep_view_steps_range(v, &lo, &hi);
    double l0 = log((double)lo), l1 = log((double)hi);
    /* the fastest cell */
    long n = sweep_ncells(sp), bestk = -1;
    for (long k = 0; k < n; k++) {
        const sweep_cell *c = &sweep_cells(v->job)[k];
        if (c->status == CELL_CONVERGED &&
            (bestk < 0 || c->steps < sweep_cells(v->job)[bestk].steps))
            bestk = k;
    }
    if (bestk >= 0) {
        sbuf_puts(out, _("fastest: "));
        sweep_view_cell_text(v, (int)(bestk % sp->n[0]), (int)(bestk / sp->n[0]), out, digits);
        sbuf_puts(out, "\n");
    }
    if (is_hb_lr_beta(v)) {
        long agree = 0, total = 0;
        for (long k = 0; k < n; k++) {
            const sweep_cell *c = &sweep_cells(v->job)[k];
            if (c->status == CELL_PENDING) continue;
            double a = axis_value(v, 0, (int)(k % sp->n[0])),
                   b = axis_value(v, 1, (int)(k / sp->n[0]));
            int stable = sweep_hb_stable(&v->th, a, b);
            int seen = c->status == CELL_CONVERGED || (c->status == CELL_MAXITER && c->f <= c->f0);
            agree += stable == seen;
            total++;
        }
        sbuf nums[4];
        double val[4] = {v->th.lmin, v->th.lmax, v->th.hb_lr, v->th.hb_beta};
        for (int q = 0; q < 4; q++) {
            sbuf_init(&nums[q]);
            put_num(&nums[q], val[q], digits);
        }
        sbuf_printf(out,
                    _("theory: heavy ball converges exactly when 0 < α·λ < 2(1+β) for λ = %s and "
                      "%s, 0 ≤ β < 1; the map agrees on %ld of %ld cells; optimum α = %s, β = %s "
                      "(O)\n"),
                    sbuf_str(&nums[0]), sbuf_str(&nums[1]), agree, total, sbuf_str(&nums[2]),
                    sbuf_str(&nums[3]));
        for (int q = 0; q < 4; q++)
            sbuf_free(&nums[q]);
    }
    /* the row labels take 12 columns, the border 1, and the axis line ends in the name */
    int cols = width - 13 - (int)strlen(sp->p[0]->name), rows = height > 1 ? height - 1 : 20;
    if (cols > sp->n[0]) cols = sp->n[0];
    if (rows > sp->n[1]) rows = sp->n[1];
    if (cols < 1) cols = 1;
    int oi = -1, oj = -1;
    if (is_hb_lr_beta(v)) {
        /* the grid cell nearest the optimum, when it is inside the map */
        double best = INFINITY;
        for (int c = 0; c < cols; c++)
            for (int r = 0; r < rows; r++) {
                int i = cols > 1 ? (int)lround((double)c * (sp->n[0] - 1) / (cols - 1)) : 0;
                int j = rows > 1 ? (int)lround((double)r * (sp->n[1] - 1) / (rows - 1)) : 0;
                double da = (axis_value(v, 0, i) - v->th.hb_lr) / (sp->hi[0] - sp->lo[0]);
                double db = (axis_value(v, 1, j) - v->th.hb_beta) / (sp->hi[1] - sp->lo[1]);
                if (v->th.hb_lr >= sp->lo[0] && v->th.hb_lr <= sp->hi[0] &&
                    v->th.hb_beta >= sp->lo[1] && v->th.hb_beta <= sp->hi[1] &&
                    da * da + db * db < best) {
                    best = da * da + db * db;
                    oi = c;
                    oj = r;
                }
            }
    }
    /* Two lines, so that the key fits in 80 columns whatever the parameters' names. */
    sbuf_printf(out, _("\n%s (down) against %s (across)\n"), sp->p[1]->name, sp->p[0]->name);
    sbuf_printf(out, _("key: %s fastest (%ld steps) .. slowest (%ld), ~ maxiter, blank diverged\n"),
                "@ # + : .", lo, hi);
    map_ctx mc = {l0, l1, oi, oj};
    picture(v, out, cols, rows, map_cell, &mc);
    sbuf_puts(out, "            ");
    sbuf a;
    sbuf_init(&a);
    put_num(&a, sp->lo[0], digits);
    int used = (int)strlen(sbuf_str(&a));
    sbuf_puts(out, sbuf_str(&a));
    sbuf_reset(&a);
    put_num(&a, sp->hi[0], digits);
    for (int k = used + (int)strlen(sbuf_str(&a)); k < cols; k++)
        sbuf_puts(out, " ");
    sbuf_printf(out, "%s %s\n", sbuf_str(&a), sp->p[0]->name);
    sbuf_free(&a);
}

/* ---- basins ----------------------------------------------------------------------------- */

typedef struct {
    const int *labels; /* each cell's reached point, -1 none */
    long mid;          /* more steps than this: a small letter */
} basin_ctx;

static char basin_cell(const sweep_view *v, int i, int j, int c, int r, void *ctx)
{
    (void)c, (void)r;
    const basin_ctx *b = ctx;
    long k = (long)j * v->sp.n[0] + i;
    const sweep_cell *cell = &sweep_cells(v->job)[k];
    if (b->labels[k] >= 0) {
        char g = b->labels[k] < 26 ? (char)('A' + b->labels[k]) : '*';
        return cell->steps > b->mid && g != '*' ? (char)(g - 'A' + 'a') : g;
    }
    return cell->status == CELL_DIVERGED  ? ' '
           : cell->status == CELL_MAXITER ? '-'
           : cell->status == CELL_STALLED ? '!'
                                          : '?';
}

static void report_basins(const sweep_view *v, sbuf *out, int width, int height, int digits)
{
    const sweep_spec *sp = &v->sp;
    long n = sweep_ncells(sp);
    int *labels = ds_xmalloc(sizeof *labels * (size_t)n);
    if (!labels) return;
    double pts[64][2];
    int npts = sweep_view_labels(v, labels, pts, 64);
    long count[64] = {0};
    long lo = -1, hi = -1;
    for (long k = 0; k < n; k++)
        if (labels[k] >= 0) {
            count[labels[k]]++;
            long s = sweep_cells(v->job)[k].steps;
            if (lo < 0 || s < lo) lo = s;
            if (s > hi) hi = s;
        }
    long mid = (lo + hi) / 2;
    sbuf_puts(out, _("reached points:\n"));
    int shown = 0;
    for (int p = 0; p < npts; p++) {
        if (!count[p]) continue;
        char letter = p < 26 ? (char)('A' + p) : '*';
        sbuf_printf(out, "  %c  ", letter);
        fmt_vec2(out, pts[p], digits);
        sbuf_printf(out, _("  %s, %ld cells\n"),
                    p < v->nminima  ? _("known minimum")
                    : p < v->nknown ? _("known saddle")
                                    : _("found (not in the catalog)"),
                    count[p]);
        shown++;
    }
    if (!shown) sbuf_puts(out, _("  none: no start converged\n"));
    if (v->nminima == 0)
        sbuf_puts(
            out,
            _("  (the objective has no known minima: points are labelled where the runs ended)\n"));
    int cols = width - 13, rows = height > 1 ? height - 1 : 24; /* labels 12, border 1 */
    if (cols > sp->n[0]) cols = sp->n[0];
    if (rows > sp->n[1]) rows = sp->n[1];
    if (cols < 1) cols = 1;
    sbuf_printf(out, _("\nletter = the point reached (capital: at most %ld steps, small: more)\n"),
                mid);
    sbuf_puts(out, _("key: letters as above, - maxiter, blank diverged, ! stalled\n"));
    basin_ctx bc = {labels, mid};
    picture(v, out, cols, rows, basin_cell, &bc);
    free(labels);
}

void sweep_view_report(const sweep_view *v, sbuf *out, int width, int height, int digits)
{
    if (width > 500) width = 500;
    header(v, out, digits);
    switch (v->kind) {
    case VIEW_SWEEP: report_1d(v, out, width, digits); break;
    case VIEW_MAP: report_2d(v, out, width, height, digits); break;
    case VIEW_BASINS: report_basins(v, out, width, height, digits); break;
    }
}
