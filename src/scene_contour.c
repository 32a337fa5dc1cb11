/* scene_contour.c — contour polylines by marching squares on a sample grid: every level in
 * one pass over the cells, saddle cells decided by the mean of their corners (the same
 * value the field's colour uses), segments joined through shared edge crossings into
 * polylines, open ones from their ends and closed ones marked closed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "scene_internal.h"

struct seg {
    int level;
    int e[2]; /* the two edges it joins */
};

/* Edge ids: horizontal edge (i, j)–(i+1, j) is j·gx + i; vertical edge (i, j)–(i, j+1)
 * is nh + j·(gx+1) + i. */
typedef struct {
    const double *g;
    int gx, gy, nh;
} grid;

static double at(const grid *G, int i, int j)
{
    return G->g[(size_t)j * (G->gx + 1) + i];
}

/* Where level lv crosses edge e, in grid coordinates. */
static void edge_point(const grid *G, int e, double lv, double *gi, double *gj)
{
    int i, j, i2, j2;
    if (e < G->nh) {
        j = e / G->gx, i = e % G->gx, i2 = i + 1, j2 = j;
    } else {
        e -= G->nh;
        j = e / (G->gx + 1), i = e % (G->gx + 1), i2 = i, j2 = j + 1;
    }
    double a = at(G, i, j), b = at(G, i2, j2), d = b - a;
    double t = d == 0 ? 0.5 : (lv - a) / d;
    if (!(t >= 0)) t = 0;
    if (t > 1) t = 1;
    *gi = i + t * (i2 - i);
    *gj = j + t * (j2 - j);
}

static int nband(const double *lev, int n, double v)
{
    int lo = 0, hi = n; /* levels <= v */
    while (lo < hi) {
        int m = (lo + hi) / 2;
        if (lev[m] <= v)
            lo = m + 1;
        else
            hi = m;
    }
    return lo;
}

static ds_status push_seg(seg **s, int *n, size_t *cap, int level, int e0, int e1, ds_err *err)
{
    if (scene_grow((void **)s, cap, (size_t)*n + 1, sizeof **s, err)) return err->code;
    (*s)[(*n)++] = (seg){level, {e0, e1}};
    return DS_OK;
}

/* The segments of one cell for level k (corners above when their band exceeds k). */
static ds_status cell_segs(const grid *G, int i, int j, int k, const double *lev, const int *bt,
                           seg **s, int *n, size_t *cap, ds_err *err)
{
    int tl = bt[0] > k, tr = bt[1] > k, br = bt[2] > k, bl = bt[3] > k;
    int c = tl << 3 | tr << 2 | br << 1 | bl;
    if (c == 0 || c == 15) return DS_OK;
    int top = j * G->gx + i, bottom = (j + 1) * G->gx + i;
    int left = G->nh + j * (G->gx + 1) + i, right = left + 1;
    if (c == 5 || c == 10) {
        double mean = (at(G, i, j) + at(G, i + 1, j) + at(G, i, j + 1) + at(G, i + 1, j + 1)) / 4;
        int centre = mean >= lev[k];
        /* The centre joins the corners on its side; the lines cut off the other two. */
        if ((c == 5) == centre) {
            if (push_seg(s, n, cap, k, top, left, err)) return err->code; /* tl cut off */
            return push_seg(s, n, cap, k, bottom, right, err);            /* br cut off */
        }
        if (push_seg(s, n, cap, k, top, right, err)) return err->code;
        return push_seg(s, n, cap, k, bottom, left, err);
    }
    int e[4], m = 0;
    if (tl != tr) e[m++] = top;
    if (tr != br) e[m++] = right;
    if (bl != br) e[m++] = bottom;
    if (tl != bl) e[m++] = left;
    return m == 2 ? push_seg(s, n, cap, k, e[0], e[1], err) : DS_OK;
}

/* Append a point (grid coordinates → world) to the output. */
static ds_status put_point(trace_out *o, const grid *G, const double view[4], int e, double lv,
                           ds_err *err)
{
    if (scene_grow((void **)o->pts, o->cap_pts, (size_t)(*o->npts + 1) * 2, sizeof(double), err))
        return err->code;
    double gi, gj;
    edge_point(G, e, lv, &gi, &gj);
    double *p = *o->pts + 2 * (size_t)*o->npts;
    p[0] = view[0] + gi / G->gx * (view[1] - view[0]);
    p[1] = view[3] - gj / G->gy * (view[3] - view[2]);
    (*o->npts)++;
    return DS_OK;
}

/* Walk from segment s0 leaving edge `from`, appending points, until the chain ends or
 * comes back to s0. */
static ds_status walk(trace_out *o, const grid *G, const double view[4], const seg *sg,
                      const int (*link)[2], unsigned char *used, int s0, int from, double lv,
                      ds_err *err)
{
    if (scene_grow((void **)o->lines, o->cap_lines, (size_t)*o->nlines + 1, sizeof(scene_line),
                   err))
        return err->code;
    scene_line *L = &(*o->lines)[*o->nlines];
    L->level = sg[s0].level;
    L->start = *o->npts;
    L->closed = 0;
    if (put_point(o, G, view, from, lv, err)) return err->code;
    int s = s0, e = from;
    for (;;) {
        used[s] = 1;
        int next_e = sg[s].e[0] == e ? sg[s].e[1] : sg[s].e[0];
        int t = link[next_e][0] == s ? link[next_e][1] : link[next_e][0];
        if (t == s0) {
            L->closed = 1; /* back at the start edge: the curve is closed */
            break;
        }
        if (put_point(o, G, view, next_e, lv, err)) return err->code;
        if (t < 0 || used[t]) break;
        s = t;
        e = next_e;
    }
    L = &(*o->lines)[*o->nlines];
    L->n = *o->npts - L->start;
    (*o->nlines)++;
    return DS_OK;
}

void scene_mem_free(scene_mem *m)
{
    if (!m) return;
    DS_FREE_ALL(m->band, m->link, m->sg, m->used, m->order, m);
}

ds_status scene_trace(const double *g, int gx, int gy, const double view[4], const double *lev,
                      int nlev, trace_out *o, scene_mem *M, ds_err *err)
{
    grid G = {g, gx, gy, (gy + 1) * gx};
    if (nlev > SCENE_MAXLEVELS) nlev = SCENE_MAXLEVELS;
    size_t nedge = (size_t)G.nh + (size_t)gy * (gx + 1);
    int count[SCENE_MAXLEVELS + 2] = {0};
    size_t had = M->cap_link;
    /* Scratch kept between calls: a plot redrawn at the same size allocates nothing. The
     * edge links are all -1 between calls (each level clears what it set). */
    if (scene_grow((void **)&M->band, &M->cap_band, (size_t)(gx + 1) * (gy + 1), sizeof(int),
                   err) ||
        scene_grow((void **)&M->link, &M->cap_link, nedge, sizeof *M->link, err))
        return err->code;
    if (M->cap_link > had) memset(M->link, 0xff, sizeof *M->link * M->cap_link);
    int *band = M->band, (*link)[2] = M->link, nseg = 0;
    seg *sg = M->sg;
    size_t cap = M->cap_sg;
    ds_status st = DS_OK;
    for (int j = 0; j <= gy; j++)
        for (int i = 0; i <= gx; i++) {
            double v = at(&G, i, j);
            band[(size_t)j * (gx + 1) + i] = isfinite(v) ? nband(lev, nlev, v) : -1;
        }
    /* Every level crossing every cell, in one pass. */
    for (int j = 0; j < gy && !st; j++)
        for (int i = 0; i < gx; i++) {
            const int *r0 = band + (size_t)j * (gx + 1) + i, *r1 = r0 + gx + 1;
            if (r0[0] == r0[1] && r0[0] == r1[0] && r0[0] == r1[1]) continue; /* most cells */
            int bt[4] = {r0[0], r0[1], r1[1], r1[0]};
            if (bt[0] < 0 || bt[1] < 0 || bt[2] < 0 || bt[3] < 0) continue; /* undefined */
            int mn = bt[0], mx = bt[0];
            for (int q = 1; q < 4; q++)
                mn = bt[q] < mn ? bt[q] : mn, mx = bt[q] > mx ? bt[q] : mx;
            for (int k = mn; k < mx && !st; k++)
                st = cell_segs(&G, i, j, k, lev, bt, &sg, &nseg, &cap, err);
        }
    M->sg = sg;
    M->cap_sg = cap;
    if (st) return st;
    /* Group by level (counting sort), then join each level's segments. */
    if (scene_grow((void **)&M->order, &M->cap_order, (size_t)nseg + 1, sizeof(int), err) ||
        scene_grow((void **)&M->used, &M->cap_used, (size_t)nseg + 1, 1, err))
        return err->code;
    int *order = M->order;
    unsigned char *used = M->used;
    memset(used, 0, (size_t)nseg + 1);
    for (int s = 0; s < nseg; s++)
        count[sg[s].level + 1]++;
    for (int k = 0; k < nlev; k++)
        count[k + 1] += count[k];
    for (int s = 0; s < nseg; s++)
        order[count[sg[s].level]++] = s;
    for (int k = 0, first = 0; k < nlev; k++) {
        int last = count[k];
        for (int q = first; q < last; q++)
            for (int m = 0; m < 2; m++) {
                int *l = link[sg[order[q]].e[m]];
                l[l[0] < 0 ? 0 : 1] = order[q];
            }
        /* Open chains from their free ends first, then what is left is closed loops. */
        for (int q = first; q < last && !st; q++) {
            int s = order[q];
            if (used[s]) continue;
            for (int m = 0; m < 2 && !used[s] && !st; m++)
                if (link[sg[s].e[m]][1] < 0)
                    st = walk(o, &G, view, sg, link, used, s, sg[s].e[m], lev[k], err);
        }
        for (int q = first; q < last && !st; q++)
            if (!used[order[q]])
                st = walk(o, &G, view, sg, link, used, order[q], sg[order[q]].e[0], lev[k], err);
        for (int q = first; q < last; q++)
            for (int m = 0; m < 2; m++)
                link[sg[order[q]].e[m]][0] = link[sg[order[q]].e[m]][1] = -1;
        first = last;
    }
    return st;
}
