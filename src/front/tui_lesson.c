/* tui_lesson.c — the lesson pane: a frame row with the lesson, the step, the score bar and
 * the pane's keys; the step's text and the latest feedback, opened at the step's first
 * line and scrolled with Alt-Up / Alt-Down (a page at a time) or the mouse wheel; the task
 * line pinned at the bottom; collapsed to the frame and the task line with F7 or
 * `lesson pane collapse`. Scroll marks sit in the right margin, never over text. */
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/lesson.h"
#include "descent/sbuf.h"
#include "descent/utf8.h"
#include "tui_internal.h"
#include "wtext.h"

#define LESSON_TASK_MAX_ROWS 3 /* rows the pinned task line may take; more ends in … */

/* Keys no readline binding or plot key uses: Alt-Up / Alt-Down scroll, F7 collapses. Our
 * own codes for the CSI 1;3 A/B sequences when the terminfo does not name them. */
#define TUI_KEY_LESSON_UP   (KEY_MAX + 101)
#define TUI_KEY_LESSON_DOWN (KEY_MAX + 102)

static int key_for(const char *seq, int ours)
{
    int code = key_defined(seq);
    if (code > 0) return code;
    define_key(seq, ours);
    return ours;
}

/* The code curses gives the terminfo key `cap` (kUP3, kDN3); 0 when there is none. */
static int key_of_cap(const char *cap)
{
    char *seq = tigetstr(cap);
    if (!seq || seq == (char *)-1) return 0;
    int code = key_defined(seq);
    return code > 0 ? code : 0;
}

void tui_lesson_keys_init(tui *t)
{
    /* xterm, tmux, VTE, kitty, iTerm2 send CSI 1;3 A/B for Alt-Up / Alt-Down; a terminal
     * whose terminfo names other sequences gets those too. */
    t->key_lesson_up[0] = key_for("\033[1;3A", TUI_KEY_LESSON_UP);
    t->key_lesson_down[0] = key_for("\033[1;3B", TUI_KEY_LESSON_DOWN);
    t->key_lesson_up[1] = key_of_cap("kUP3");
    t->key_lesson_down[1] = key_of_cap("kDN3");
}

static int pane_open(const tui *t)
{
    return lesson_active(lesson_of(t->s));
}

/* Rows the task line wraps to at `cols` columns (0 without a task), at most `max`. */
static int task_rows(const tui *t, int cols, int max)
{
    const char *task = lesson_pane_task(lesson_of(t->s));
    if (!*task || cols < 4) return 0;
    sbuf b;
    sbuf_init(&b);
    lesson_wrap(task, cols - 2, LESSON_WRAP_MARKS, &b);
    int n = 0;
    for (const char *p = sbuf_str(&b); *p; p++)
        n += *p == '\n';
    sbuf_free(&b);
    return n < max ? n : max;
}

int tui_lesson_height(const tui *t, int rows, int cols)
{
    return tui_lesson_height_as(t, rows, cols, lesson_pane_collapsed(lesson_of(t->s)));
}

int tui_lesson_height_as(const tui *t, int rows, int cols, int collapsed)
{
    if (!pane_open(t)) return 0;
    if (collapsed) {
        int n = task_rows(t, cols, LESSON_TASK_MAX_ROWS);
        return 1 + (n > 0 ? n : 1);
    }
    /* At 80×24 seven rows: four or five of text besides the frame and the task, and the
     * plot keeps enough rows for the side panel to show a run. */
    if (rows >= 36) return 11;
    if (rows >= 26) return 9;
    return (rows - 3) / 3 > 4 ? (rows - 3) / 3 : 4;
}

/* Scroll the text by `rows` (negative: back towards the step's first line). */
static void scroll_by(tui *t, int rows)
{
    int max = t->lesson_lines - t->lesson_page;
    t->lesson_scroll += rows;
    if (t->lesson_scroll > max) t->lesson_scroll = max;
    if (t->lesson_scroll < 0) t->lesson_scroll = 0;
    t->dirty |= TUI_DIRTY_LESSON;
}

int tui_lesson_page(tui *t, int dir)
{
    if (!pane_open(t) || !t->lessonw) return 0;
    int page = t->lesson_page > 2 ? t->lesson_page - 1 : 1; /* keep one line in view */
    scroll_by(t, dir * page);
    return 1;
}

int tui_lesson_key(tui *t, int key)
{
    if (!pane_open(t) || !t->lessonw || key <= 0) return 0;
    if (key == t->key_lesson_up[0] || key == t->key_lesson_up[1]) return tui_lesson_page(t, -1);
    if (key == t->key_lesson_down[0] || key == t->key_lesson_down[1]) return tui_lesson_page(t, 1);
    if (key == KEY_F(7)) {
        tui_exec_silent(t, lesson_pane_collapsed(lesson_of(t->s)) ? "lesson pane expand"
                                                                  : "lesson pane collapse");
        return 1;
    }
    return 0;
}

void tui_lesson_wheel(tui *t, int rows)
{
    if (pane_open(t) && t->lessonw) scroll_by(t, rows);
}

/* One wrapped line with the lesson's zero-width marks: LESSON_MARK_EM toggles bold,
 * LESSON_MARK_CODE toggles the code colour; `base` is added to every piece. */
static void lesson_line(tui *t, WINDOW *w, int y, int width, const char *line, size_t len,
                        attr_t base)
{
    int x = 1, em = 0, code = 0;
    size_t i = 0;
    while (i < len && x < width) {
        size_t j = i;
        while (j < len && line[j] != LESSON_MARK_EM && line[j] != LESSON_MARK_CODE)
            j++;
        attr_t attr = base | (em ? A_BOLD : A_NORMAL) | (code && t->colors < 8 ? A_UNDERLINE : 0);
        short pair = code && t->colors >= 8 ? tui_pair(t, COLOR_CYAN, -1) : 0;
        x += tui_text_n(w, y, x, width - x, line + i, j - i, attr, pair);
        if (j < len) {
            if (line[j] == LESSON_MARK_EM)
                em = !em;
            else
                code = !code;
            j++;
        }
        i = j;
    }
}

/* Split wrapped text (lines ending in '\n') into an array of line starts; returns the
 * count. starts[i + 1] - starts[i] - 1 is line i's length. */
static int split_lines(const char *text, const char ***starts)
{
    int n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    const char **s = malloc(sizeof *s * (size_t)(n + 1));
    if (!s) return 0;
    int k = 0;
    s[k++] = text;
    for (const char *p = text; *p && k <= n; p++)
        if (*p == '\n') s[k++] = p + 1;
    *starts = s;
    return n;
}

/* The frame row: lesson and step on the left; the score bar, where the text is and the
 * pane's keys on the right. Shorter forms are tried until both fit `width`. */
static void draw_frame(tui *t, WINDOW *w, int width, int first, int shown, int total)
{
    const lesson_run *l = lesson_of(t->s);
    const char *dot = t->ascii ? " - " : " \xc2\xb7 ";
    for (int i = 0; i < width; i++)
        mvwaddstr(w, 0, i, t->ascii ? "-" : "\xe2\x94\x80");
    int nsteps = 0, step = lesson_pane_step(l, &nsteps);
    const char *done = lesson_pane_done(l) ? (t->ascii ? _(" (done)") : " \xe2\x9c\x93") : "";
    sbuf score, where, left, right;
    sbuf_init(&score);
    sbuf_init(&where);
    sbuf_init(&left);
    sbuf_init(&right);
    lesson_pane_score(l, &score);
    if (t->ascii) { /* the bar's cells are not ASCII: keep the count alone */
        const char *digits = strpbrk(sbuf_str(&score), "0123456789");
        char keep[128];
        snprintf(keep, sizeof keep, "%s", digits ? digits : "");
        sbuf_reset(&score);
        sbuf_puts(&score, keep);
    }
    int scrolls = total > shown;
    if (scrolls)
        sbuf_printf(&where, "%d%s%d/%d %s", first + 1, t->ascii ? "-" : "\xe2\x80\x93",
                    first + shown < total ? first + shown : total, total,
                    t->ascii ? "Alt-Up/Dn" : "Alt-\xe2\x86\x91\xe2\x86\x93");
    int collapsed = lesson_pane_collapsed(l);
    const char *f7 = collapsed ? _("F7 expand") : _("F7 collapse");
    char lesson_no[64] = "", step_no[64];
    if (lesson_pane_number(l))
        snprintf(lesson_no, sizeof lesson_no, _("lesson %d"), lesson_pane_number(l));
    snprintf(step_no, sizeof step_no, _("step %d/%d"), step, nsteps);
    int fitted = 0, lw = 0, rw = 0;
    /* Shorter forms in turn: the lesson's title goes first, then the key names' words,
     * then "lesson N"; then the step's title is cut (to a dozen columns at least), and
     * last "F7 collapse" shrinks to "F7". */
    for (int level = 0; level < 7 && !fitted; level++) {
        sbuf_reset(&left);
        sbuf_puts(&left, " ");
        if (*lesson_no && level < 4) sbuf_printf(&left, "%s%s", lesson_no, dot);
        if (level == 0 && *lesson_no) sbuf_printf(&left, "%s%s", lesson_pane_title(l), dot);
        sbuf_printf(&left, "%s: %s%s ", step_no, lesson_pane_step_title(l), done);
        sbuf_reset(&right);
        sbuf_puts(&right, " ");
        if (score.len) sbuf_printf(&right, "%s%s", sbuf_str(&score), dot);
        if (where.len)
            sbuf_printf(&right, "%s%s%s", sbuf_str(&where), level < 2 ? _(" scroll") : "", dot);
        if (level < 2)
            sbuf_printf(&right, "%s%s%s%s%s ", f7, dot, _("F5 back"), dot, _("F6 next"));
        else if (level < 3)
            sbuf_printf(&right, "%s%sF5/F6 ", f7, dot);
        else if (level < 6)
            sbuf_printf(&right, "%s ", f7);
        else
            sbuf_puts(&right, "F7 ");
        lw = utf8_width(sbuf_str(&left), left.len);
        rw = utf8_width(sbuf_str(&right), right.len);
        fitted = lw + rw + 5 <= width || (level >= 5 && width - rw - 5 >= 16);
    }
    int rx = width - 2 - rw > 2 ? width - 2 - rw : 2;
    /* The left part gives way: it is cut, with …, before it reaches the right part. */
    int room = rx - 3;
    if (lw > room && room > 2) {
        size_t keep = wtext_fit(sbuf_str(&left), left.len, room - 2);
        left.len = keep;
        left.data[keep] = '\0';
        sbuf_puts(&left, t->ascii ? "~ " : "\xe2\x80\xa6 ");
    }
    tui_text(w, 0, 2, room, sbuf_str(&left), A_BOLD, 0);
    tui_text(w, 0, rx, width - rx - 1, sbuf_str(&right), A_NORMAL, 0);
    sbuf_free(&score);
    sbuf_free(&where);
    sbuf_free(&left);
    sbuf_free(&right);
}

void tui_lesson_draw(tui *t)
{
    WINDOW *w = t->lessonw;
    if (!w) return;
    werase(w);
    const lesson_run *l = lesson_of(t->s);
    int width = getmaxx(w), h = getmaxy(w);
    if (!lesson_active(l) || width < 8) {
        wnoutrefresh(w);
        return;
    }
    /* The text: the step (body and choices), then the latest feedback. */
    sbuf text, task;
    sbuf_init(&text);
    sbuf_init(&task);
    lesson_wrap(lesson_pane_body(l), width - 2, LESSON_WRAP_MARKS, &text);
    int body_lines = 0;
    for (const char *p = sbuf_str(&text); *p; p++)
        body_lines += *p == '\n';
    const char *fb = lesson_pane_feedback(l);
    if (*fb) {
        sbuf_puts(&text, "\n");
        lesson_wrap(fb, width - 2, LESSON_WRAP_MARKS, &text);
    }
    lesson_wrap(lesson_pane_task(l), width - 2, LESSON_WRAP_MARKS, &task);
    const char **lines = NULL, **tlines = NULL;
    int nlines = split_lines(sbuf_str(&text), &lines);
    int ntask = split_lines(sbuf_str(&task), &tlines);
    int collapsed = lesson_pane_collapsed(l);
    int trows = ntask < LESSON_TASK_MAX_ROWS ? ntask : LESSON_TASK_MAX_ROWS;
    if (!collapsed && trows > (h - 1) / 2) trows = (h - 1) / 2;
    if (trows > h - 1) trows = h - 1;
    int vis = collapsed ? 0 : h - 1 - trows;
    if (vis < 0) vis = 0;

    /* A new step opens at its first line; new feedback is scrolled into view (its first
     * line at the top when it is longer than the pane). */
    unsigned opened, serial = lesson_pane_serial(l, &opened);
    if (opened != t->lesson_opened)
        t->lesson_scroll = 0;
    else if (serial != t->lesson_serial && *fb) {
        int fb_first = body_lines + 1;
        t->lesson_scroll = nlines - vis < fb_first ? nlines - vis : fb_first;
    }
    t->lesson_opened = opened;
    t->lesson_serial = serial;
    t->lesson_lines = nlines;
    t->lesson_page = vis;
    if (t->lesson_scroll > nlines - vis) t->lesson_scroll = nlines - vis;
    if (t->lesson_scroll < 0) t->lesson_scroll = 0;

    draw_frame(t, w, width, t->lesson_scroll, vis, collapsed ? 0 : nlines);
    for (int r = 0; r < vis && t->lesson_scroll + r < nlines; r++) {
        int k = t->lesson_scroll + r;
        lesson_line(t, w, 1 + r, width - 1, lines[k], (size_t)(lines[k + 1] - lines[k] - 1),
                    A_NORMAL);
    }
    /* Scroll marks in the right margin, which the text never reaches. */
    if (vis > 0 && t->lesson_scroll > 0)
        tui_text(w, 1, width - 1, 1, t->ascii ? "^" : "\xe2\x86\x91", A_BOLD, 0);
    if (vis > 0 && t->lesson_scroll + vis < nlines)
        tui_text(w, vis, width - 1, 1, t->ascii ? "v" : "\xe2\x86\x93", A_BOLD, 0);
    /* The task line, pinned under the text. */
    int ty = h - trows;
    for (int r = 0; r < trows; r++)
        lesson_line(t, w, ty + r, width - 1, tlines[r], (size_t)(tlines[r + 1] - tlines[r] - 1),
                    A_BOLD);
    if (ntask > trows && trows > 0)
        tui_text(w, h - 1, width - 1, 1, t->ascii ? "~" : "\xe2\x80\xa6", A_BOLD, 0);
    if (collapsed && trows == 0 && h > 1)
        tui_text(w, 1, 1, width - 2, _("(no task in this step: F7 shows its text, next goes on)"),
                 A_DIM, 0);
    free(lines);
    free(tlines);
    sbuf_free(&text);
    sbuf_free(&task);
    wnoutrefresh(w);
}
