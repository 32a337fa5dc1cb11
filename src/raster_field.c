/* raster_field.c — the scene's field in cells: two samples per cell, upper and lower half
 * blocks in their bands' colours (shading glyphs without colour); contour polylines
 * followed cell by cell, each cell showing the box glyph that joins the sides its lines
 * cross, so lines are continuous by construction; and a few lines labelled with f. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/utf8.h"
#include "raster_internal.h"

#define G_UPPER_HALF 0x2580 /* ▀ */
#define G_UNDEF      0x2573 /* ╳ */

enum { S_L = 1, S_R = 2, S_U = 4, S_D = 8 };

/* ---- colours and glyphs ------------------------------------------------------------ */

/* Shading for monochrome output, lowest band first. ASCII avoids the characters that mean
 * something else on the plot (- | / \ . * x o + and digits). */
static const char shade_ascii[] = " ,:;%#@";
static const uint32_t shade_utf8[] = {' ', 0xB7, 0x2236, 0x2591, 0x2592, 0x2593};
#define NSHADE_ASCII ((int)sizeof shade_ascii - 1)
#define NSHADE_UTF8  ((int)(sizeof shade_utf8 / sizeof shade_utf8[0]))

uint32_t rast_shade(int k, int nb, int ascii)
{
    if (k < 0) return ascii ? '?' : G_UNDEF;
    int n = ascii ? NSHADE_ASCII : NSHADE_UTF8;
    int i = nb > 1 ? (int)((long)k * (n - 1) / (nb - 1)) : 0;
    i = i < 0 ? 0 : i > n - 1 ? n - 1 : i;
    return ascii ? (uint32_t)shade_ascii[i] : shade_utf8[i];
}

int32_t rast_band_color(rast *r, const rast_opts *o, int k)
{
    if (o->colors <= 0) return RAST_COLOR_DEFAULT;
    if (o->colors < 256) return k < 0 ? 1 : pal_band8(k, r->sc.nlev + 1);
    if (o->colors < RAST_TRUECOLOR && k >= 0) {
        if (r->ramp_n != r->sc.nlev + 1 || r->ramp_pal != r->sc.palette) {
            pal_ramp256(r->sc.palette, r->sc.nlev + 1, r->ramp256);
            r->ramp_n = r->sc.nlev + 1;
            r->ramp_pal = r->sc.palette;
        }
        return r->ramp256[k];
    }
    return rast_color(r, o->colors, k < 0 ? r->sc.undef : r->sc.band[k]);
}

int32_t rast_line_color(rast *r, const rast_opts *o)
{
    if (o->colors <= 0) return RAST_COLOR_DEFAULT;
    if (o->colors < 256) return 7; /* white among the eight */
    return rast_color(r, o->colors, r->sc.line);
}

uint32_t rast_side_glyph(int sides, int ascii)
{
    static const uint32_t utf8[16] = {
        ' ',    0x2574, 0x2576, 0x2500, 0x2575, 0x256F, 0x2570, 0x2534,
        0x2577, 0x256E, 0x256D, 0x252C, 0x2502, 0x2524, 0x251C, 0x253C,
    };
    static const char asc[16] = {' ', '-',  '-', '-', '|', '/', '\\', '+',
                                 '|', '\\', '/', '+', '|', '+', '+',  '+'};
    sides &= 15;
    return ascii ? (uint32_t)asc[sides] : utf8[sides];
}

/* ---- bands ------------------------------------------------------------------------- */

/* The mean of f over grid columns i0..i1 and rows j0..j1 (trapezoid weights), or NAN
 * when most of it is undefined. */
static double region_mean(const scene *sc, int i0, int i1, int j0, int j1)
{
    double sum = 0, wsum = 0, bad = 0;
    for (int j = j0; j <= j1; j++) {
        double wj = (j == j0 || j == j1) && j1 > j0 ? 0.5 : 1;
        const double *row = sc->f + (size_t)j * (sc->gx + 1);
        for (int i = i0; i <= i1; i++) {
            double w = wj * ((i == i0 || i == i1) && i1 > i0 ? 0.5 : 1), v = row[i];
            if (isfinite(v))
                sum += w * v, wsum += w;
            else
                bad += w;
        }
    }
    return wsum > bad ? sum / wsum : NAN;
}

void rast_draw_field(rast *r, const rast_opts *o)
{
    const scene *sc = &r->sc;
    int nb = sc->nlev + 1, half = RAST_SY / 2;
    int32_t col[SCENE_MAXLEVELS + 2];
    for (int k = -1; k < nb; k++)
        col[k + 1] = rast_band_color(r, o, k);
    /* A blank band cell's foreground is never seen; giving it the contour lines' colour
     * lets the terminal draw a line cell beside it without changing colours twice (the
     * first screen at 120×40 was about a fifth colour changes). */
    int32_t blank_fg = rast_line_color(r, o);
    for (int j = 0; j < r->ph; j++)
        for (int i = 0; i < r->pw; i++) {
            int i0 = i * RAST_SX, i1 = i0 + RAST_SX, j0 = j * RAST_SY;
            int row = r->py + j, c = r->px + i;
            if (!o->colors) {
                int k = scene_band_of(sc, region_mean(sc, i0, i1, j0, j0 + RAST_SY));
                rast_set_cell(r, c, row, rast_shade(k, nb, o->ascii), RAST_COLOR_DEFAULT,
                              RAST_COLOR_DEFAULT, 0, k < 0 ? RK_UNDEF : RK_BAND);
                continue;
            }
            int ku = scene_band_of(sc, region_mean(sc, i0, i1, j0, j0 + half));
            int kl = scene_band_of(sc, region_mean(sc, i0, i1, j0 + half, j0 + RAST_SY));
            if (ku < 0 && kl < 0)
                rast_set_cell(r, c, row, o->ascii ? '?' : G_UNDEF, col[0], RAST_COLOR_DEFAULT, 0,
                              RK_UNDEF);
            /* One band per cell in ASCII, and with eight colours, where terminals have
             * 64 colour pairs at most (the Linux console): upper and lower halves in
             * every combination of bands would use them up. */
            else if (ku == kl || o->ascii || o->colors < 256)
                rast_set_cell(r, c, row, ' ', blank_fg, col[(ku >= 0 ? ku : kl) + 1], 0, RK_BAND);
            else
                rast_set_cell(r, c, row, G_UPPER_HALF, col[ku + 1], col[kl + 1], 0, RK_BAND);
        }
}

/* ---- contour lines ----------------------------------------------------------------- */

typedef struct {
    int c, j; /* cell column and row in the plot area */
} cellpos;

/* Add a cell to the walk along a line, dropping repeats and undoing back-and-forth
 * (X, Y, X becomes X): a line that only dips into a neighbour draws nothing there. */
static void walk_push(cellpos *seq, int *n, cellpos p)
{
    if (*n > 0 && seq[*n - 1].c == p.c && seq[*n - 1].j == p.j) return;
    if (*n > 1 && seq[*n - 2].c == p.c && seq[*n - 2].j == p.j) {
        (*n)--;
        return;
    }
    if (*n > 0) {
        cellpos q = seq[*n - 1];
        if (q.c != p.c && q.j != p.j) /* through a corner: go round by the side first */
            walk_push(seq, n, (cellpos){p.c, q.j});
    }
    seq[(*n)++] = p;
}

static int same(cellpos a, cellpos b)
{
    return a.c == b.c && a.j == b.j;
}

static void join(rast *r, cellpos a, cellpos b, int level)
{
    int dc = b.c - a.c, dj = b.j - a.j;
    if (dc * dc + dj * dj != 1) return;
    int sa = dc > 0 ? S_R : dc < 0 ? S_L : dj > 0 ? S_D : S_U;
    int sb = dc > 0 ? S_L : dc < 0 ? S_R : dj > 0 ? S_U : S_D;
    uint8_t *m = r->lsides + (size_t)level * r->pw * r->ph;
    m[(size_t)a.j * r->pw + a.c] |= (uint8_t)sa;
    m[(size_t)b.j * r->pw + b.c] |= (uint8_t)sb;
}

/* The side of the plot frame a point lies on (0 when inside). */
static int frame_side(const rast *r, double u, double w)
{
    double eu = 1e-6 * r->pw, ew = 1e-6 * r->ph;
    return u <= eu ? S_L : u >= r->pw - eu ? S_R : w <= ew ? S_U : w >= r->ph - ew ? S_D : 0;
}

static void to_cells(const rast *r, double x, double y, double *u, double *w)
{
    *u = (x - r->view[0]) / (r->view[1] - r->view[0]) * r->pw;
    *w = (r->view[3] - y) / (r->view[3] - r->view[2]) * r->ph;
}

/* One polyline: the cells its segments lie in (each segment lies inside one sample cell,
 * so inside one character cell), joined side to side. */
static void trace_line(rast *r, const scene_line *L, cellpos *seq)
{
    const double *p = r->sc.pts + 2 * (size_t)L->start;
    int n = 0;
    for (int k = 0; k + 1 < L->n + L->closed; k++) {
        int k2 = (k + 1) % L->n;
        double u0, w0, u1, w1;
        to_cells(r, p[2 * k], p[2 * k + 1], &u0, &w0);
        to_cells(r, p[2 * k2], p[2 * k2 + 1], &u1, &w1);
        int c = (int)floor((u0 + u1) / 2), j = (int)floor((w0 + w1) / 2);
        c = c < 0 ? 0 : c >= r->pw ? r->pw - 1 : c;
        j = j < 0 ? 0 : j >= r->ph ? r->ph - 1 : j;
        walk_push(seq, &n, (cellpos){c, j});
    }
    if (L->closed) {
        /* Undo back-and-forth across the seam too. */
        for (int changed = 1; changed && n >= 3;) {
            changed = 0;
            if (same(seq[0], seq[n - 1]))
                n--, changed = 1;
            else if (same(seq[n - 2], seq[0]))
                n -= 2, changed = 1;
            else if (same(seq[n - 1], seq[1])) {
                memmove(seq, seq + 1, sizeof *seq * (size_t)(n - 1));
                n -= 2, changed = 1;
            }
        }
        if (n < 4) return; /* smaller than a cell or two: nothing to draw */
        for (int k = 0; k < n; k++)
            join(r, seq[k], seq[(k + 1) % n], L->level);
        return;
    }
    for (int k = 0; k + 1 < n; k++)
        join(r, seq[k], seq[k + 1], L->level);
    if (n == 0) return;
    /* Ends on the frame run out to it. */
    double u, w;
    to_cells(r, p[0], p[1], &u, &w);
    int f0 = frame_side(r, u, w);
    to_cells(r, p[2 * (L->n - 1)], p[2 * (L->n - 1) + 1], &u, &w);
    int f1 = frame_side(r, u, w);
    if (n == 1 && !(f0 && f1)) return;
    uint8_t *m = r->lsides + (size_t)L->level * r->pw * r->ph;
    m[(size_t)seq[0].j * r->pw + seq[0].c] |= (uint8_t)f0;
    m[(size_t)seq[n - 1].j * r->pw + seq[n - 1].c] |= (uint8_t)f1;
}

/* ---- labels ------------------------------------------------------------------------ */

/* Write a level's value over the longest straight horizontal stretch of its line that
 * has room, as matplotlib's clabel does; at most one label per level, and none crowding
 * another. */
static void draw_labels(rast *r, const rast_opts *o, int32_t fg)
{
    int placed[SCENE_MAXLEVELS][2], nplaced = 0;
    /* Every other level (from the middle one), so the labels spread over the picture. */
    for (int pass = 0; pass < 2; pass++)
        for (int k = pass; k < r->sc.nlev && nplaced < 8; k += 2) {
            if (!r->drawn[k]) continue;
            char text[24];
            scene_level_label(&r->sc, k, text, sizeof text);
            int tw = utf8_width(text, strlen(text)), need = tw + 4;
            int best = 0, bc = 0, bj = 0;
            for (int j = 1; j + 1 < r->ph; j++)
                for (int i = 1, len = 0; i < r->pw; i++) {
                    size_t q = (size_t)j * r->pw + i;
                    if (r->sides[q] == (S_L | S_R) && r->cellev[q] == k)
                        len++;
                    else
                        len = 0;
                    if (len > best && len >= need) best = len, bc = i - len + 1, bj = j;
                }
            if (!best) continue;
            int start = bc + (best - tw) / 2, clash = 0;
            for (int m = 0; m < nplaced; m++)
                if (abs(placed[m][1] - bj) < 3 && abs(placed[m][0] - start) < tw + 6) clash = 1;
            if (clash) continue;
            placed[nplaced][0] = start, placed[nplaced][1] = bj, nplaced++;
            const rast_cell *under = &r->cells[(size_t)(r->py + bj) * r->w + r->px + start];
            int used = rast_put_text(r, r->py + bj, r->px + start, tw, text, fg, under->bg,
                                     o->colors ? RAST_BOLD : 0);
            for (int m = 0; m < used; m++)
                r->cells[(size_t)(r->py + bj) * r->w + r->px + start + m].kind = RK_LABEL;
        }
}

/* ---- which levels get lines ------------------------------------------------------- */

/* Where levels crowd (steep f, log levels near a minimum) every line drawn would fill the
 * cells with ┼. Whole levels are left out instead, the most crowded first, until every
 * line drawn keeps a cell free from its neighbours nearly everywhere: lines stay whole
 * (no dangling pieces) and the bands still show every level. */
#define CROWDED 0.2 /* the share of a line's cells touching another line that is too much */

static void choose_levels(rast *r, int *keep)
{
    int nlev = r->sc.nlev, pw = r->pw, ph = r->ph;
    size_t npl = (size_t)pw * ph;
    uint8_t *cnt = ds_xcalloc(npl, 1);
    int *ncell = ds_xcalloc((size_t)nlev + 1, sizeof(int)), total = 0;
    for (int k = 0; k < nlev; k++) {
        keep[k] = 1;
        const uint8_t *m = r->lsides + (size_t)k * npl;
        for (size_t q = 0; q < npl; q++)
            if (m[q]) ncell[k]++, cnt[q] += cnt[q] < 255;
        total += ncell[k];
    }
    int *cells = ds_xmalloc(sizeof(int) * (size_t)(total ? total : 1)),
        *start = ds_xmalloc(sizeof(int) * (size_t)(nlev + 1));
    if (!cnt || !ncell || !cells || !start) goto out;
    for (int k = 0, at = 0; k < nlev; k++) {
        start[k] = at;
        const uint8_t *m = r->lsides + (size_t)k * npl;
        for (size_t q = 0; q < npl; q++)
            if (m[q]) cells[at++] = (int)q;
    }
    start[nlev] = total;
    for (;;) {
        int worst = -1;
        double wscore = CROWDED;
        for (int k = 0; k < nlev; k++) {
            if (!keep[k] || ncell[k] == 0) continue;
            const uint8_t *m = r->lsides + (size_t)k * npl;
            int bad = 0;
            for (int c = start[k]; c < start[k + 1]; c++) {
                int q = cells[c], i = q % pw, j = q / pw, b = cnt[q] > 1;
                /* another line in a side neighbour that is not this line's own cell */
                if (!b && i > 0) b = cnt[q - 1] > (m[q - 1] != 0);
                if (!b && i + 1 < pw) b = cnt[q + 1] > (m[q + 1] != 0);
                if (!b && j > 0) b = cnt[q - pw] > (m[q - pw] != 0);
                if (!b && j + 1 < ph) b = cnt[q + pw] > (m[q + pw] != 0);
                bad += b;
            }
            double score = (double)bad / ncell[k];
            /* ties: leave out odd levels first, so what stays is evenly spaced */
            if (score > wscore || (score == wscore && worst >= 0 && (k & 1) && !(worst & 1)))
                wscore = score, worst = k;
        }
        if (worst < 0) break;
        keep[worst] = 0;
        for (int c = start[worst]; c < start[worst + 1]; c++)
            cnt[cells[c]]--;
    }
out:
    free(cnt);
    free(ncell);
    free(cells);
    free(start);
}

void rast_draw_contours(rast *r, const rast_opts *o)
{
    size_t n = (size_t)r->pw * r->ph;
    const scene *sc = &r->sc;
    memset(r->sides, 0, n);
    memset(r->cellev, -1, n);
    if (sc->nlev == 0) return;
    memset(r->lsides, 0, n * (size_t)sc->nlev);
    int maxn = 0;
    for (int i = 0; i < sc->nlines; i++)
        maxn = sc->lines[i].n > maxn ? sc->lines[i].n : maxn;
    cellpos *seq = ds_xmalloc(sizeof *seq * (size_t)(2 * maxn + 4));
    if (!seq) return;
    for (int i = 0; i < sc->nlines; i++)
        trace_line(r, &sc->lines[i], seq);
    free(seq);
    int keep[SCENE_MAXLEVELS];
    choose_levels(r, keep);
    for (int k = 0; k < sc->nlev; k++) {
        r->drawn[k] = (uint8_t)keep[k];
        if (!keep[k]) continue;
        const uint8_t *m = r->lsides + (size_t)k * n;
        for (size_t q = 0; q < n; q++) {
            if (!m[q]) continue;
            r->sides[q] |= m[q];
            r->cellev[q] = r->cellev[q] == -1 ? (int8_t)k : -2;
        }
    }
    int32_t fg = rast_line_color(r, o);
    for (int j = 0; j < r->ph; j++)
        for (int i = 0; i < r->pw; i++) {
            int sd = r->sides[(size_t)j * r->pw + i];
            if (!sd) continue;
            rast_cell *c = &r->cells[(size_t)(r->py + j) * r->w + r->px + i];
            /* Over a half block the line takes the cell: its background is the lower band. */
            rast_set_cell(r, r->px + i, r->py + j, rast_side_glyph(sd, o->ascii), fg, c->bg, 0,
                          RK_CONTOUR);
        }
    draw_labels(r, o, o->colors >= 256 ? rast_color(r, o->colors, pal_mark(sc->palette)) : fg);
}
