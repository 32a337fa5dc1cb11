/* tui_sweep.c — sweeps, maps and basins on the screen: they compute in the background
 * while the screen stays live, drawn over the plot area with a progress bar and a time
 * estimate; Esc or Ctrl-C cancels (keeping the cells done), Enter or p picks a cell. */
#include <math.h>
#include <string.h>

#include "descent/fmt.h"
#include "descent/sweep.h"
#include "descent/utf8.h"
#include "tui_internal.h"

static sweep_view *shown(const tui *t)
{
    sweep_view *v = t->s->sweep;
    return v && v->shown ? v : NULL;
}

int tui_sweep_running(const tui *t)
{
    const sweep_view *v = t->s->sweep;
    return v && !v->reported;
}

/* The grid cell under the cursor: the cursor's place in the view, as a fraction. */
static void cursor_cell(const tui *t, const sweep_view *v, int *i, int *j)
{
    const double *w = t->s->view, *c = t->s->cursor;
    double fx = (c[0] - w[0]) / (w[1] - w[0]), fy = (c[1] - w[2]) / (w[3] - w[2]);
    int n1 = v->sp.n[1] > 0 ? v->sp.n[1] : 1;
    *i = (int)lround(fx * (v->sp.n[0] - 1));
    *j = (int)lround(fy * (n1 - 1));
    if (*i < 0) *i = 0;
    if (*i >= v->sp.n[0]) *i = v->sp.n[0] - 1;
    if (*j < 0) *j = 0;
    if (*j >= n1) *j = n1 - 1;
}

void tui_sweep_poll(tui *t)
{
    sweep_view *v = t->s->sweep;
    if (!v || v->reported) return;
    t->dirty |= TUI_DIRTY_PLOT;
    if (!sweep_finished(v->job)) return;
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    ds_err_clear(&err);
    if (cmd_sweep_finish(t->s, &out, &err) != DS_OK) tui_out_push(t, OUT_ERROR, err.msg);
    /* The picture is on the plot; the output pane gets the words above it. */
    const char *s = sbuf_str(&out), *cut = strstr(s, "\n\n");
    sbuf head;
    sbuf_init(&head);
    sbuf_putn(&head, s, cut ? (size_t)(cut - s) : strlen(s));
    tui_out_push(t, OUT_TEXT, sbuf_str(&head));
    sbuf_free(&head);
    sbuf_free(&out);
    t->dirty = TUI_DIRTY_ALL;
}

int tui_sweep_cancel(tui *t)
{
    sweep_view *v = t->s->sweep;
    if (!v) return 0;
    if (!v->reported) {
        sweep_cancel(v->job);
        sweep_wait(v->job);
        tui_out_push(t, OUT_NOTE, "sweep cancelled: the cells computed so far are kept");
        tui_sweep_poll(t);
        return 1;
    }
    return 0; /* a finished map: Esc moves the focus as ever (b leaves the map) */
}

int tui_sweep_key(tui *t, int key)
{
    sweep_view *v = shown(t);
    if (!v || !v->reported) return 0;
    if (key == 'b') { /* back to the objective's plot */
        v->shown = 0;
        t->dirty = TUI_DIRTY_ALL;
        return 1;
    }
    if (key != 'p' && key != '\r' && key != '\n' && key != KEY_ENTER) return 0;
    int i, j;
    cursor_cell(t, v, &i, &j);
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    ds_err_clear(&err);
    if (cmd_sweep_pick(t->s, i, j, &out, &err) != DS_OK)
        tui_out_push(t, OUT_ERROR, err.msg);
    else
        tui_out_push(t, OUT_TEXT, sbuf_str(&out));
    sbuf_free(&out);
    t->dirty = TUI_DIRTY_ALL;
    return 1;
}

/* "[#######.....] 734/1800 cells, 1.2 s left" */
static void progress(const sweep_view *v, sbuf *b, int width)
{
    long done = sweep_progress(v->job), total = sweep_ncells(&v->sp);
    int bar = width / 3 > 40 ? 40 : width / 3;
    int fill = total ? (int)((double)bar * (double)done / (double)total) : 0;
    sbuf_puts(b, "[");
    for (int k = 0; k < bar; k++)
        sbuf_puts(b, k < fill ? "#" : ".");
    sbuf_printf(b, "] %ld/%ld cells", done, total);
    double el = sweep_elapsed(v->job);
    if (done > 0 && done < total)
        sbuf_printf(b, ", %.1f s left", el * (double)(total - done) / (double)done);
    sbuf_puts(b, v->reported ? "" : " (Esc cancels)");
}

int tui_sweep_draw(tui *t)
{
    sweep_view *v = shown(t);
    if (!v) return 0;
    WINDOW *w = t->plotw;
    int h = getmaxy(w), width = getmaxx(w);
    werase(w);
    sbuf b;
    sbuf_init(&b);
    if (!v->reported)
        progress(v, &b, width);
    else if (t->focus != TUI_FOCUS_PLOT) /* the keys below reach the map once it has focus */
        sbuf_puts(&b, "Esc, then arrows: choose a cell; Enter or p: add a run with it; b: back "
                      "to the plot");
    else
        sbuf_puts(&b, "arrows: choose a cell; Enter or p: add a run with it; b: back to the "
                      "plot; Esc: the prompt");
    tui_text(w, 0, 0, width - 1, sbuf_str(&b), A_REVERSE, 0);
    sbuf_reset(&b);
    /* The picture with its key, as batch prints it after its words, fitted to the window:
     * the grid gets the rows left after the bar, the key, the axis and the cursor line. */
    sweep_view_report(v, &b, width, h - 6, t->s->digits);
    const char *s = strstr(sbuf_str(&b), "\n\n");
    s = s ? s + 2 : sbuf_str(&b);
    int row = 1;
    while (*s && row < h - 1) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        tui_text_n(w, row++, 0, width - 1, s, n, A_NORMAL, 0);
        s = nl ? nl + 1 : s + n;
    }
    /* The cell under the cursor. */
    int i, j;
    cursor_cell(t, v, &i, &j);
    sbuf_reset(&b);
    sbuf_puts(&b, "cursor: ");
    sweep_view_cell_text(v, i, j, &b, t->s->digits);
    tui_text(w, h - 1, 0, width - 1, sbuf_str(&b), A_BOLD, 0);
    sbuf_free(&b);
    wnoutrefresh(w);
    return 1;
}
