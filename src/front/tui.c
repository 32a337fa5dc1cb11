/* tui.c — the interactive screen: terminal set-up and restore on every way out, the
 * layout (plot, side panel, lesson, output, prompt), the event loop (keys, mouse, resize,
 * animation ticks, signals as flags) and running typed or key-bound commands through
 * cmd_exec. One frame is composed per event and written with a single doupdate. */
#include <langinfo.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/cloud.h"
#include "descent/command.h"
#include "descent/fmt.h"
#include "descent/lesson.h"
#include "descent/text.h"
#include "descent/utf8.h"
#include "front_cmd.h"
#include "record.h"
#include "tui_internal.h"

/* ---- signals and restoring the terminal ------------------------------------------- */

/* Signal handlers only set these; the loop acts on them. */
static volatile sig_atomic_t sig_interrupt; /* SIGINT: stop the animation or clear the line */
static volatile sig_atomic_t sig_leave;     /* SIGTERM/SIGHUP: the signal number */

/* For a crash: the terminal mode to put back and the bytes that leave the alternate
 * screen, show the cursor and stop mouse reports, prepared while it is safe to. */
static struct termios saved_tio;
static int have_tio;
static char reset_seq[256];
static size_t reset_len;

static void on_signal(int sig)
{
    if (sig == SIGINT)
        sig_interrupt = 1;
    else
        sig_leave = sig;
}

static void on_fatal(int sig)
{
    if (have_tio) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
    if (reset_len) {
        ssize_t n = write(STDOUT_FILENO, reset_seq, reset_len);
        (void)n;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void restore_at_exit(void)
{
    if (stdscr && !isendwin()) endwin();
}

static void add_reset(const char *cap)
{
    char *s = tigetstr(cap);
    if (!s || s == (char *)-1) return;
    size_t n = strlen(s);
    if (reset_len + n < sizeof reset_seq) {
        memcpy(reset_seq + reset_len, s, n);
        reset_len += n;
    }
}

/* Every signal whose default would leave the terminal raw and on the alternate screen:
 * these end the program the orderly way (the loop sees sig_leave, exit 128 + N)... */
static const int leave_signals[] = {SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM};
/* ...these are faults (or ask for a core dump): restore, then die of the same signal. */
static const int fatal_signals[] = {SIGSEGV, SIGBUS,  SIGFPE, SIGABRT, SIGQUIT,
                                    SIGILL,  SIGTRAP, SIGSYS, SIGXCPU, SIGXFSZ};
#define NSIG_OF(a) (sizeof a / sizeof a[0])

static void install_signals(int on)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on ? on_signal : SIG_DFL;
    sigaction(SIGINT, &sa, NULL);
    for (size_t i = 0; i < NSIG_OF(leave_signals); i++)
        sigaction(leave_signals[i], &sa, NULL);
    /* The screen writes to a terminal; a write error is reported, not fatal. */
    sa.sa_handler = on ? SIG_IGN : SIG_DFL;
    sigaction(SIGPIPE, &sa, NULL);
    sa.sa_handler = on ? on_fatal : SIG_DFL;
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < NSIG_OF(fatal_signals); i++)
        sigaction(fatal_signals[i], &sa, NULL);
}

/* cmd_ctx.interrupted: a long `step N` polls this between chunks. Ctrl-C is used up
 * by the stop; SIGTERM and friends stay set so that the loop then leaves. */
static int interrupted(void)
{
    if (sig_leave) return 1;
    if (!sig_interrupt) return 0;
    sig_interrupt = 0;
    return 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- layout ------------------------------------------------------------------------ */

static void drop_windows(tui *t)
{
    WINDOW **ws[] = {&t->plotw, &t->panelw, &t->lessonw, &t->outw, &t->promptw, &t->helpw};
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
        if (*ws[i]) {
            delwin(*ws[i]);
            *ws[i] = NULL;
        }
}

#define SWEEP_WIDE_COLS 100

static int sweep_wants_width(const tui *t)
{
    return t->cols < SWEEP_WIDE_COLS && tui_sweep_shown(t);
}

/* The output pane's rows on a screen `rows` tall with a lesson pane of lesson_h rows. */
static int out_rows(int rows, int lesson_h)
{
    /* A short screen with the lesson text open keeps the output to two lines. */
    int out = lesson_h > 4 && rows < 26 ? 3 : lesson_h ? rows / 6 : rows / 4;
    if (out < 3) out = 3;
    if (out > 12) out = 12;
    return out;
}

/* The side panel's rows (and the plot's) on a screen `rows` tall, outside presenter mode,
 * with the lesson pane as it is (collapsed < 0) or collapsed (1) or expanded (0). */
static int panel_rows(const tui *t, int rows, int collapsed)
{
    int lesson_h = collapsed < 0 ? tui_lesson_height(t, rows, t->cols)
                                 : tui_lesson_height_as(t, rows, t->cols, collapsed);
    return rows - 1 - out_rows(rows, lesson_h) - lesson_h;
}

static void layout(tui *t)
{
    drop_windows(t);
    getmaxyx(stdscr, t->rows, t->cols);
    int rows = t->rows, cols = t->cols;
    t->too_small = cols < TUI_MIN_COLS || rows < TUI_MIN_ROWS;
    t->promptw = newwin(1, cols > 0 ? cols : 1, rows > 0 ? rows - 1 : 0, 0);
    keypad(t->promptw, TRUE);
    if (t->rl.win) repl_set_window(&t->rl, t->promptw);
    werase(stdscr);
    wnoutrefresh(stdscr);
    t->dirty = TUI_DIRTY_ALL;
    if (t->too_small) return;
    t->present = t->s->present;
    if (t->present) {
        /* Presenter mode: the plot alone above the prompt; long output still pages. */
        t->plotw = newwin(rows - 1, cols, 0, 0);
        t->lesson_rows = tui_lesson_height(t, rows, cols);
        if (t->out.pager) {
            int want = tui_out_rows(t, t->out.pager_line, cols - 1) + 2;
            int ph = want < rows - 1 ? want : rows - 1;
            t->outw = newwin(ph, cols, rows - 1 - ph, 0);
        }
        return;
    }
    int panel = cols * 34 / 100;
    if (panel < 26) panel = 26;
    if (panel > 48) panel = 48;
    /* A map's key, axes and cursor line need about 80 columns: below SWEEP_WIDE_COLS a
     * shown map takes the panel's columns too (compose lays out again when it goes). */
    t->sweep_wide = sweep_wants_width(t);
    if (t->sweep_wide) panel = 0;
    int lesson_h = tui_lesson_height(t, rows, cols);
    int out = out_rows(rows, lesson_h);
    int top = rows - 1 - out - lesson_h;
    t->lesson_rows = lesson_h;
    t->plotw = newwin(top, cols - panel, 0, 0);
    t->panelw = panel ? newwin(top, panel, 0, cols - panel) : NULL;
    if (lesson_h) t->lessonw = newwin(lesson_h, cols, top, 0);
    t->outw = newwin(out, cols, top + lesson_h, 0);
    if (t->out.pager) {
        /* A long output grows the pane over the rest, up to the whole screen. */
        int want = tui_out_rows(t, t->out.pager_line, cols - 1) + 2;
        int ph = want < rows - 1 ? want : rows - 1;
        if (ph > out) {
            delwin(t->outw);
            t->outw = newwin(ph, cols, rows - 1 - ph, 0);
        }
    }
    if (t->help_open) t->helpw = NULL; /* remade at the new size when drawn */
}

/* ---- one frame --------------------------------------------------------------------- */

static void show_cursor(tui *t, int on)
{
    if (t->cursor_vis == on) return;
    curs_set(on);
    t->cursor_vis = on;
}

static void compose(tui *t)
{
    if (!t->too_small && !t->present && sweep_wants_width(t) != t->sweep_wide) layout(t);
    if (t->too_small) {
        werase(stdscr);
        char msg[128];
        const char *times = t->ascii ? "x" : "\xc3\x97";
        snprintf(msg, sizeof msg, _("terminal too small: %d%s%d (need %d%s%d)"), t->cols, times,
                 t->rows, TUI_MIN_COLS, times, TUI_MIN_ROWS);
        /* Wrapped at blanks and centred, so a narrow terminal still shows all of it. */
        text_wrap_opts o = {.width = t->cols > 0 ? t->cols : 1, .hang = 0};
        text_span sp[8];
        int nr = text_wrap_line(msg, strlen(msg), &o, sp, 8);
        int y = t->rows > nr + 1 ? (t->rows - 1 - nr) / 2 : 0;
        for (int r = 0; r < nr && r < 8 && y + r < t->rows - 1; r++) {
            int mw = utf8_width(msg + sp[r].a, sp[r].b - sp[r].a);
            int x = t->cols > mw ? (t->cols - mw) / 2 : 0;
            tui_text_n(stdscr, y + r, x, t->cols, msg + sp[r].a, sp[r].b - sp[r].a, A_BOLD, 0);
        }
        /* What the last command said (an error, say) stays readable below it. */
        int li = t->out.n;
        while (li > 0 && t->out.lines[li - 1].kind != OUT_ECHO)
            li--;
        for (int yy = y + nr + 1; li < t->out.n && yy < t->rows - 1; li++)
            yy += tui_wrap(t, stdscr, yy, 0, t->cols, t->rows - 1 - yy, t->out.lines[li].text,
                           A_NORMAL, 0);
        wnoutrefresh(stdscr);
        repl_draw(&t->rl);
        repl_place_cursor(&t->rl);
        show_cursor(t, 1);
        doupdate();
        t->dirty = 0;
        return;
    }
    /* Only what changed is drawn again: a key typed at the prompt costs the prompt alone,
     * however long the trails are. The help overlay covers the rest, so it redraws all. */
    int d = t->help_open ? TUI_DIRTY_ALL : t->dirty;
    if (t->out.pager && (d & (TUI_DIRTY_PLOT | TUI_DIRTY_PANEL | TUI_DIRTY_LESSON)))
        d |= TUI_DIRTY_OUT; /* the grown pane lies over them: draw it after */
    if (t->plotw && (d & TUI_DIRTY_PLOT)) tui_plot_draw(t);
    if (t->panelw && (d & TUI_DIRTY_PANEL)) tui_panel_draw(t);
    if (t->lessonw && (d & TUI_DIRTY_LESSON)) tui_lesson_draw(t);
    if (t->outw && (d & TUI_DIRTY_OUT)) tui_out_draw(t);
    if (t->help_open) tui_help_draw(t);
    repl_draw(&t->rl);
    if (t->focus == TUI_FOCUS_PROMPT && !t->help_open) {
        repl_place_cursor(&t->rl);
        show_cursor(t, 1);
    } else
        show_cursor(t, 0);
    doupdate();
    t->dirty = 0;
}

/* ---- commands ---------------------------------------------------------------------- */

enum { RUN_ECHO, RUN_QUIET, RUN_SILENT };

static void show_error(tui *t, const char *piece, const ds_err *err)
{
    sbuf b;
    sbuf_init(&b);
    sbuf_printf(&b, _("error: %s\n"), err->msg[0] ? err->msg : _(ds_status_text(err->code)));
    ds_err at = *err;
    if (!at.source[0]) /* a long command is cut: the caret is for formulas */
        snprintf(at.source, sizeof at.source, "%.*s", (int)sizeof at.source - 1, piece);
    fmt_caret(&b, &at, 2);
    b.data[--b.len] = '\0'; /* the pane adds the last newline */
    tui_out_push(t, OUT_ERROR, sbuf_str(&b));
    sbuf_free(&b);
}

static void start_animation(tui *t, long steps, int fast_forward)
{
    t->playing = 1;
    t->fast_forward = fast_forward;
    t->started = now_seconds();
    t->remaining = steps > 0 ? steps : LONG_MAX;
    t->acc = 0;
    t->last_tick = t->next_tick = now_seconds();
}

/* `plots on|off`: a property of the screen, handled here. */
static ds_status plots_command(tui *t, const cmd_args *a, cmd_ctx *c)
{
    if (cmd_check_args(cmd_find("plots"), a, c)) return c->err->code;
    int on = a->argc == 1 ? !t->show_plots : cmd_onoff(a->argv[1], "plots", c->err);
    if (on < 0) return c->err->code;
    t->show_plots = on;
    sbuf_printf(c->out, "plots %s\n", t->show_plots ? "on" : "off");
    /* Say when they cannot show, and what would make room. */
    int ph = t->panelw ? getmaxy(t->panelw) : 0;
    if (t->show_plots && t->s->present)
        sbuf_puts(c->out, _("the small charts are in the side panel, which presenter mode hides "
                            "(present off shows it)\n"));
    else if (t->show_plots && ph < TUI_PLOTS_MIN_ROWS) {
        int need = t->rows;
        while (need < 10000 && panel_rows(t, need, -1) < TUI_PLOTS_MIN_ROWS)
            need++;
        int folded = tui_lesson_height(t, t->rows, t->cols) > 0 &&
                     !lesson_pane_collapsed(lesson_of(t->s)) &&
                     panel_rows(t, t->rows, 1) >= TUI_PLOTS_MIN_ROWS;
        if (folded)
            sbuf_printf(c->out,
                        _("the small charts need a side panel %d rows tall; this terminal gives it "
                          "%d: `lesson pane collapse` (F7) folds the lesson text and makes room "
                          "(`lesson pane expand` brings it back), or make the terminal at least "
                          "%d rows tall\n"),
                        TUI_PLOTS_MIN_ROWS, ph, need);
        else
            sbuf_printf(c->out,
                        _("the small charts need a side panel %d rows tall; this terminal gives it "
                          "%d: make the terminal at least %d rows tall\n"),
                        TUI_PLOTS_MIN_ROWS, ph, need);
        tui_charts ch = tui_panel_charts(t, ph);
        if (ch.f != ch.lr && lesson_active(lesson_of(t->s)))
            sbuf_printf(c->out, _("meanwhile this lesson step shows the %s chart alone\n"),
                        ch.lr ? "lr" : "f");
        else if (ch.f != ch.lr)
            sbuf_puts(c->out, _("meanwhile the side panel shows the f chart alone, with "
                                "`overlay bound`'s curve\n"));
    }
    return DS_OK;
}

static int starts_with_word(const char *line, const char *word)
{
    while (*line == ' ' || *line == '\t')
        line++;
    size_t n = strlen(word);
    return strncmp(line, word, n) == 0 && (line[n] == '\0' || line[n] == ' ' || line[n] == '\t');
}

/* Run one command (no ';'). Returns its status. */
static ds_status exec_one(tui *t, const char *piece, int mode)
{
    sbuf out;
    sbuf_init(&out);
    ds_err err;
    ds_err_clear(&err);
    front_env env = {.screen = 1, .fd = STDOUT_FILENO, .cols = COLS, .rows = LINES};
    cmd_ctx c = {.out = &out,
                 .err = &err,
                 .interactive = 1,
                 .term_cols = t->cols,
                 .term_rows = t->rows,
                 .interrupted = interrupted,
                 .front = front_cmd,
                 .front_ud = &env};
    ds_status st;
    if (starts_with_word(piece, "plots")) {
        cmd_args a = {0};
        char buf[256];
        size_t n = strlen(piece) < sizeof buf - 1 ? strlen(piece) : sizeof buf - 1;
        memcpy(buf, piece, n);
        buf[n] = '\0';
        for (char *tok = strtok(buf, " \t"); tok && a.argc < CMD_MAXARGS; tok = strtok(NULL, " \t"))
            a.argv[a.argc++] = tok;
        st = plots_command(t, &a, &c);
    } else
        st = cmd_exec(t->s, piece, &c);
    /* An open lesson checks every command the learner runs (its feedback follows). */
    if (mode != RUN_SILENT) lesson_after_command(t->s, piece, st, &out);
    if (out.len && mode != RUN_SILENT) tui_out_push(t, OUT_TEXT, sbuf_str(&out));
    if (st != DS_OK) show_error(t, piece, &err);
    if (c.flags & CMDF_QUIT) t->quit = 1;
    if (c.flags & CMDF_PAUSE) t->playing = 0;
    if ((c.flags & CMDF_WAIT_KEY) && t->script_pos > 0) t->script_wait = 1;
    if (c.flags & CMDF_ANIMATE)
        start_animation(t, c.animate_steps, (c.flags & CMDF_FAST_FORWARD) != 0);
    sbuf_free(&out);
    t->dirty = TUI_DIRTY_ALL;
    return st;
}

/* Commands whose result the screen shows elsewhere are never paged: a lesson's own (its
 * text is in the lesson pane), and sweeps and basins (their chart or map is drawn over
 * the plot, whose keys must reach it rather than close a pager). */
static int lesson_command(const char *line)
{
    static const char *const words[] = {"lesson", "next",   "back",  "hint",   "answer",
                                        "skip",   "review", "sweep", "basins", NULL};
    for (int i = 0; words[i]; i++)
        if (starts_with_word(line, words[i])) return 1;
    return 0;
}

static void run_line(tui *t, const char *line, int mode)
{
    int from = t->out.n;
    if (mode == RUN_ECHO) {
        sbuf e;
        sbuf_init(&e);
        sbuf_printf(&e, "%s %s", t->ascii ? ">" : "\xe2\x80\xba", line);
        tui_out_push(t, OUT_ECHO, sbuf_str(&e));
        sbuf_free(&e);
    }
    char piece[8192];
    for (const char *p = line; cmd_next_piece(&p, piece, sizeof piece);)
        if (exec_one(t, piece, mode) != DS_OK) break;
    /* A lesson may have opened or closed: it changes the layout. */
    if (tui_lesson_height(t, t->rows, t->cols) != t->lesson_rows) layout(t);
    if (t->present != t->s->present) layout(t);
    /* What a typed command printed is read from its first line: more than the pane holds
     * (in presenter mode, more than TUI_TOAST_ROWS over the plot) is paged. */
    t->toast = -1;
    if (mode == RUN_ECHO && !t->out.pager && !t->too_small && !lesson_command(line)) {
        int fits = t->present ? tui_out_rows(t, from + 1, t->cols - 1) <= TUI_TOAST_ROWS
                              : tui_out_fits(t, from);
        if (!fits) {
            tui_out_page(t, from);
            layout(t);
        } else if (t->present && from + 1 < t->out.n)
            t->toast = from + 1; /* what it printed, without the echo */
    }
}

/* ---- a demo script --------------------------------------------------------------- */

/* Read a script's lines (a missing file was reported before the screen opened). */
static void script_load(tui *t, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[8192];
    int cap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (t->script_n == cap) {
            cap = cap ? 2 * cap : 64;
            char **p = ds_xrealloc(t->script, (size_t)cap * sizeof *p);
            if (!p) break;
            t->script = p;
        }
        t->script[t->script_n] = strdup(line);
        if (t->script[t->script_n]) t->script_n++;
    }
    fclose(f);
}

static void script_free(tui *t)
{
    for (int i = 0; i < t->script_n; i++)
        free(t->script[i]);
    free(t->script);
    t->script = NULL;
    t->script_n = t->script_pos = 0;
}

/* Run the script's next line when the screen is ready for it: no animation playing,
 * no pager open, not waiting at a `pause`. A failing line stops the script. */
static void script_step(tui *t)
{
    while (t->script_pos < t->script_n && !t->playing && !t->script_wait && !t->out.pager &&
           !t->quit) {
        const char *line = t->script[t->script_pos++];
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#') continue;
        int errors = t->out.n;
        run_line(t, line, RUN_ECHO);
        int failed = 0;
        for (int i = errors; i < t->out.n; i++)
            failed |= t->out.lines[i].kind == OUT_ERROR;
        if (failed) {
            char msg[96];
            snprintf(msg, sizeof msg, _("the script stopped at line %d"), t->script_pos);
            tui_out_push(t, OUT_NOTE, msg);
            t->script_pos = t->script_n;
        }
        t->dirty = TUI_DIRTY_ALL;
        return; /* one line a frame, so each is seen */
    }
}

void tui_exec(tui *t, const char *line, int echo)
{
    run_line(t, line, echo ? RUN_ECHO : RUN_QUIET);
}

void tui_exec_silent(tui *t, const char *line)
{
    run_line(t, line, RUN_SILENT);
}

static void on_line(void *ud, char *line)
{
    tui *t = ud;
    if (!line) { /* Ctrl-D on an empty line */
        tui_out_push(t, OUT_ECHO, t->ascii ? "> quit" : "\xe2\x80\xba quit");
        t->quit = 1;
        return;
    }
    run_line(t, line, RUN_ECHO);
}

static void on_matches(void *ud, char **m, int n)
{
    tui *t = ud;
    sbuf b;
    sbuf_init(&b);
    for (int i = 1; i <= n; i++)
        sbuf_printf(&b, "%s%s", i > 1 ? "  " : "", m[i]);
    tui_out_push(t, OUT_NOTE, sbuf_str(&b));
    sbuf_free(&b);
}

static void on_note(void *ud, const char *text)
{
    tui_out_push(ud, OUT_NOTE, text);
}

/* ---- the animation ----------------------------------------------------------------- */

static double tick_period(const tui *t)
{
    double hz = t->s->speed > 0 ? t->s->speed : 1;
    if (hz > TUI_TICK_HZ) hz = TUI_TICK_HZ;
    return 1.0 / hz;
}

static void tick(tui *t)
{
    double now = now_seconds();
    if (!t->playing || now < t->next_tick) return;
    double speed = t->s->speed > 0 ? t->s->speed : 1;
    /* An open-ended run shows its first three seconds at `speed`, then doubles the rate
     * every second (up to TUI_MAX_FF_SPEED) so that 20,000 gd steps still finish. */
    if (t->fast_forward && now - t->started > 3) {
        speed *= pow(2, now - t->started - 3);
        if (speed > TUI_MAX_FF_SPEED) speed = TUI_MAX_FF_SPEED;
        if (speed < t->s->speed) speed = t->s->speed;
    }
    t->acc += speed * (now - t->last_tick);
    if (t->acc > speed * 0.25 + 1) t->acc = speed * 0.25 + 1; /* after a stall, don't race */
    t->last_tick = now;
    t->next_tick = now + tick_period(t);
    long k = (long)t->acc;
    if (k > t->remaining) k = t->remaining;
    if (k <= 0) return;
    t->acc -= (double)k;
    int moved = runset_step(&t->s->runs, &t->s->obj, k);
    cloud_sync(t->s); /* the cloud's copies step with their run */
    t->remaining -= k;
    t->dirty |= TUI_DIRTY_PLOT | TUI_DIRTY_PANEL;
    if (moved == 0 || t->remaining <= 0) {
        t->playing = 0;
        sbuf b;
        sbuf_init(&b);
        if (moved == 0) {
            for (int i = 0; i < runset_count(&t->s->runs); i++) {
                const run *r = runset_get(&t->s->runs, i);
                const char *why = run_status_text(r);
                if (why && *why) sbuf_printf(&b, "%s: %s\n", run_algo_name(r), why);
            }
            if (b.len) tui_out_push(t, OUT_NOTE, sbuf_str(&b));
        }
        /* The runs moved after the command returned: let a lesson re-check its task. */
        sbuf_reset(&b);
        lesson_after_command(t->s, NULL, DS_OK, &b);
        if (b.len) tui_out_push(t, OUT_TEXT, sbuf_str(&b));
        sbuf_free(&b);
    }
}

/* Milliseconds wgetch may wait: until the next tick while playing. */
static int wait_ms(const tui *t)
{
    if (tui_sweep_running(t)) return 100; /* the progress bar moves */
    if (!t->playing) return 250;
    double ms = (t->next_tick - now_seconds()) * 1000;
    if (ms < 0) return 0;
    return (int)ms + 1;
}

/* ---- keys -------------------------------------------------------------------------- */

static void move_cursor(tui *t, int dx, int dy)
{
    const rast *r = &t->plot;
    if (r->pw <= 0 || r->ph <= 0) return;
    const double *v = t->s->view;
    double cw = (v[1] - v[0]) / r->pw, ch = (v[3] - v[2]) / r->ph;
    double x = t->s->cursor[0] + dx * cw, y = t->s->cursor[1] + dy * ch;
    if (x < v[0] + cw / 2) x = v[0] + cw / 2;
    if (x > v[1] - cw / 2) x = v[1] - cw / 2;
    if (y < v[2] + ch / 2) y = v[2] + ch / 2;
    if (y > v[3] - ch / 2) y = v[3] - ch / 2;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "cursor %.17g %.17g", x, y);
    run_line(t, cmd, RUN_SILENT);
}

static void point_command(tui *t, const char *name, const double p[2])
{
    sbuf b;
    sbuf_init(&b);
    sbuf_printf(&b, "%s ", name);
    fmt_num(&b, p[0], t->s->digits);
    sbuf_puts(&b, " ");
    fmt_num(&b, p[1], t->s->digits);
    run_line(t, sbuf_str(&b), RUN_ECHO);
    sbuf_free(&b);
}

static void plot_key(tui *t, int key)
{
    if (tui_sweep_key(t, key)) return;
    switch (key) {
    case KEY_LEFT:
    case 'h': move_cursor(t, -1, 0); break;
    case KEY_RIGHT:
    case 'l': move_cursor(t, 1, 0); break;
    case KEY_UP:
    case 'k': move_cursor(t, 0, 1); break;
    case KEY_DOWN:
    case 'j': move_cursor(t, 0, -1); break;
    case ' ': run_line(t, "step", RUN_ECHO); break;
    case '[': run_line(t, "rewind", RUN_ECHO); break; /* scrub back one step */
    case ']': run_line(t, "step", RUN_ECHO); break;
    case '\r':
    case '\n':
    case KEY_ENTER: run_line(t, t->playing ? "pause" : "run", RUN_ECHO); break;
    case 's': point_command(t, "start", t->s->cursor); break;
    case '+':
    case '=': run_line(t, "zoom 2", RUN_ECHO); break;
    case '-':
    case '_': run_line(t, "zoom 0.5", RUN_ECHO); break;
    case '0': run_line(t, "view reset", RUN_ECHO); break;
    case 'g': run_line(t, "grad", RUN_ECHO); break;
    case 'H': run_line(t, "hessian", RUN_ECHO); break;
    case 'p': run_line(t, "plots", RUN_ECHO); break;
    case 'q': run_line(t, "quit", RUN_ECHO); break;
    case '?': t->help_open = 1; break;
    case ':':
    case '\t': t->focus = TUI_FOCUS_PROMPT; break;
    default:
        /* Typing anything else means the prompt is wanted. */
        if (key >= 0x20 && key < 0x7f) {
            t->focus = TUI_FOCUS_PROMPT;
            repl_key(&t->rl, key);
        }
        break;
    }
    t->dirty = TUI_DIRTY_ALL;
}

static void mouse_event(tui *t)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || t->too_small) return;
    int wy = ev.y, wx = ev.x;
    if (t->plotw && wmouse_trafo(t->plotw, &wy, &wx, FALSE)) {
        double p[2];
        if (ev.bstate & (BUTTON4_PRESSED)) {
            run_line(t, "zoom 1.25", RUN_QUIET);
            return;
        }
        if (ev.bstate & (BUTTON5_PRESSED)) {
            run_line(t, "zoom 0.8", RUN_QUIET);
            return;
        }
        if (!tui_plot_world(t, wy, wx, p)) return;
        char cmd[128];
        snprintf(cmd, sizeof cmd, "cursor %.17g %.17g", p[0], p[1]);
        run_line(t, cmd, RUN_SILENT);
        if (ev.bstate & BUTTON1_DOUBLE_CLICKED) point_command(t, "start", p);
        return;
    }
    wy = ev.y, wx = ev.x;
    if (t->lessonw && wmouse_trafo(t->lessonw, &wy, &wx, FALSE)) {
        if (ev.bstate & BUTTON4_PRESSED) tui_lesson_wheel(t, -2);
        if (ev.bstate & BUTTON5_PRESSED) tui_lesson_wheel(t, 2);
        return;
    }
    wy = ev.y, wx = ev.x;
    if (t->outw && wmouse_trafo(t->outw, &wy, &wx, FALSE)) {
        if (ev.bstate & BUTTON4_PRESSED) tui_out_scroll(t, 3);
        if (ev.bstate & BUTTON5_PRESSED) tui_out_scroll(t, -3);
    }
}

/* Esc alone switches focus; Esc followed at once by a key is Alt+key for readline. */
static void escape_key(tui *t)
{
    wtimeout(t->promptw, 0);
    int next = wgetch(t->promptw);
    /* Terminals that send Alt as an Esc prefix: Alt-Up / Alt-Down scroll the lesson. */
    if ((next == KEY_UP || next == KEY_DOWN) && tui_lesson_page(t, next == KEY_UP ? -1 : 1)) return;
    if (next != ERR) {
        if (t->focus == TUI_FOCUS_PROMPT) {
            repl_key(&t->rl, 27);
            repl_key(&t->rl, next);
        } else {
            t->focus = TUI_FOCUS_PROMPT;
            ungetch(next);
        }
        return;
    }
    if (t->focus == TUI_FOCUS_PLOT)
        t->focus = TUI_FOCUS_PROMPT;
    else if (repl_vi_mode() && !repl_vi_command_mode())
        repl_key(&t->rl, 27); /* vi: Esc first leaves insert mode */
    else
        t->focus = TUI_FOCUS_PLOT;
}

static void key(tui *t, int ch)
{
    int before = t->dirty;
    t->dirty = TUI_DIRTY_ALL;
    if (ch == KEY_RESIZE) {
        layout(t);
        return;
    }
    if (ch == KEY_MOUSE) {
        mouse_event(t);
        return;
    }
    if (ch == KEY_F(1)) {
        t->help_open = !t->help_open;
        if (!t->help_open && t->helpw) {
            delwin(t->helpw);
            t->helpw = NULL;
        }
        return;
    }
    if (t->help_open && !t->too_small) {
        tui_help_key(t, ch);
        return;
    }
    if (t->script_wait && !t->out.pager &&
        (ch == ' ' || ch == '\r' || ch == '\n' || ch == KEY_ENTER) &&
        (t->focus == TUI_FOCUS_PLOT || repl_line_empty())) {
        t->script_wait = 0; /* the script goes on */
        return;
    }
    if (ch == KEY_F(2)) {
        run_line(t, t->s->present ? "present off" : "present on", RUN_ECHO);
        return;
    }
    if (t->out.pager) {
        if (tui_out_pager_key(t, ch)) return;
        tui_out_unpage(t);
        layout(t);
        /* The keys that close the pager do only that; any other goes on as typed. */
        if (ch == 'q' || ch == 27 || ch == ' ' || ch == '\r' || ch == '\n' || ch == KEY_ENTER)
            return;
    }
    if (tui_lesson_key(t, ch)) return;
    if (ch == KEY_PPAGE || ch == KEY_NPAGE) {
        int page = t->out.page > 2 ? t->out.page - 1 : 1;
        tui_out_scroll(t, ch == KEY_PPAGE ? page : -page);
        return;
    }
    if (ch == KEY_F(5) || ch == KEY_F(6)) { /* a lesson's back / next, from any focus */
        tui_exec(t, ch == KEY_F(6) ? "next" : "back", 1);
        return;
    }
    if (ch == 12) { /* Ctrl-L: repaint everything */
        clearok(curscr, TRUE);
        return;
    }
    if (ch == 27 && tui_sweep_cancel(t)) return;
    if (ch == 27) {
        escape_key(t);
        return;
    }
    if (t->focus == TUI_FOCUS_PLOT && !t->too_small)
        plot_key(t, ch);
    else {
        /* Editing the line changes the prompt alone; a finished line (on_line) or the
         * completion list (on_matches) mark more. */
        t->dirty = before | TUI_DIRTY_PROMPT;
        repl_key(&t->rl, ch);
    }
}

/* ---- set-up and the loop ----------------------------------------------------------- */

static int start_terminal(tui *t, const tui_options *opt)
{
    have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
    const char *no_color = getenv("NO_COLOR");
    int want_color = !opt->mono && !(no_color && no_color[0]);
    /* 24-bit colour where COLORTERM offers it: $TERM's -direct description when $TERM's
     * own has no direct colour (the keys are the same; only the colour numbers differ). */
    if (!newterm(want_color ? tui_direct_term() : NULL, stdout, stdin)) {
        const char *term = getenv("TERM");
        fprintf(stderr, "descent: cannot start the screen on terminal '%s'; try --batch\n",
                term ? term : "(unset)");
        return -1;
    }
    static int registered;
    if (!registered) {
        atexit(restore_at_exit);
        registered = 1;
    }
    reset_len = 0;
    add_reset("sgr0");
    add_reset("rmcup");
    add_reset("cnorm");
    const char *mouse_off = "\033[?1006l\033[?1002l\033[?1000l";
    if (reset_len + strlen(mouse_off) < sizeof reset_seq) {
        memcpy(reset_seq + reset_len, mouse_off, strlen(mouse_off));
        reset_len += strlen(mouse_off);
    }
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    set_escdelay(25);
    t->colors = 0;
    if (want_color && has_colors()) {
        start_color();
        use_default_colors();
        t->colors = tui_colors_detect();
    }
    mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(200);
    t->cursor_vis = -1;
    return 0;
}

int tui_run(sess *s, const tui_options *opt)
{
    tui t;
    memset(&t, 0, sizeof t);
    t.s = s;
    const char *codeset = nl_langinfo(CODESET);
    t.ascii = opt->ascii || !codeset || strcmp(codeset, "UTF-8") != 0;
    if (start_terminal(&t, opt) != 0) return 1;
    tui_lesson_keys_init(&t);
    sig_interrupt = 0;
    sig_leave = 0;
    install_signals(1);
    tui_colors_init(&t);
    rast_init(&t.plot);
    rast_init(&t.data);
    rast_init(&t.chart);
    layout(&t);
    t.rl.ud = &t;
    t.rl.on_line = on_line;
    t.rl.on_matches = on_matches;
    t.rl.on_note = on_note;
    repl_open(&t.rl, t.promptw, s, t.ascii);
    tui_out_push(&t, OUT_NOTE,
                 _("descent: type commands (help lists them, Tab completes). F1 help; Esc: "
                   "keys for the plot; quit or Ctrl-D leaves."));
    if (opt->state_note) tui_out_push(&t, OUT_NOTE, opt->state_note);
    /* The init file ran before the screen; its words belong in the output pane. */
    if (opt->init_output) tui_out_push(&t, OUT_TEXT, opt->init_output);
    if (opt->init_errors) tui_out_push(&t, OUT_ERROR, opt->init_errors);
    if (opt->first_command) tui_exec(&t, opt->first_command, 1);
    t.toast = -1;
    if (opt->script) script_load(&t, opt->script);
    t.dirty = TUI_DIRTY_ALL;
    while (!t.quit && !sig_leave) {
        if (sig_interrupt) {
            sig_interrupt = 0;
            if (tui_sweep_running(&t))
                tui_sweep_cancel(&t);
            else if (t.playing) {
                t.playing = 0;
                tui_out_push(&t, OUT_NOTE, "paused");
            } else
                repl_cancel(&t.rl);
            t.dirty = TUI_DIRTY_ALL;
        }
        tick(&t);
        tui_sweep_poll(&t);
        script_step(&t);
        /* The lesson pane's height follows the lesson: opened, closed, collapsed, or a
         * task line that grew a row when it was done. */
        if (!t.too_small && tui_lesson_height(&t, t.rows, t.cols) != t.lesson_rows) layout(&t);
        if (t.dirty) compose(&t);
        wtimeout(t.promptw, wait_ms(&t));
        int ch = wgetch(t.promptw);
        if (ch != ERR) key(&t, ch);
    }
    int status = sig_leave ? 128 + (int)sig_leave : 0;
    if (record_active()) { /* the recording ends with the last screen, not the exit */
        sbuf o;
        ds_err e;
        sbuf_init(&o);
        record_stop(&o, &e);
        sbuf_free(&o);
    }
    repl_close(&t.rl);
    drop_windows(&t);
    endwin();
    install_signals(0);
    rast_free(&t.plot);
    rast_free(&t.data);
    rast_free(&t.chart);
    tui_out_free(&t.out);
    script_free(&t);
    tui_colors_free(&t);
    return status;
}
