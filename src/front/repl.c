/* repl.c — GNU readline inside the ncurses screen, through readline's callback
 * interface: the screen reads keys with wgetch and hands them over byte by byte, readline
 * edits (emacs or vi, as ~/.inputrc says), we draw its line, history lives in a file, and
 * Tab shows and inserts what the core's cmd_complete offers. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <term.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/command.h"
#include "descent/complete.h"
#include "descent/statefile.h"
#include "descent/utf8.h"
#include "repl.h"
#include "wtext.h"

/* Readline's callbacks take no user data: this is the one file-static pointer. */
static repl *bridge;

#define HISTORY_MAX 1000

/* ---- readline hooks ---------------------------------------------------------------- */

static void push_bytes(repl *r, const char *b, int n)
{
    for (int i = 0; i < n && r->qlen < REPL_QUEUE; i++) {
        r->q[(r->qhead + r->qlen) % REPL_QUEUE] = (unsigned char)b[i];
        r->qlen++;
    }
}

/* Queue the bytes readline expects for a wgetch key. */
static void push_key(repl *r, int key)
{
    static const struct {
        int key;
        const char *seq;
    } keys[] = {
        {KEY_LEFT, "\033[D"},    {KEY_RIGHT, "\033[C"}, {KEY_UP, "\033[A"},  {KEY_DOWN, "\033[B"},
        {KEY_HOME, "\033[H"},    {KEY_END, "\033[F"},   {KEY_DC, "\033[3~"}, {KEY_IC, "\033[2~"},
        {KEY_BACKSPACE, "\177"}, {KEY_ENTER, "\r"},
    };
    if (key >= 0 && key < 256) {
        char c = (char)key;
        push_bytes(r, &c, 1);
        return;
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (keys[i].key == key) {
            push_bytes(r, keys[i].seq, (int)strlen(keys[i].seq));
            return;
        }
}

static int getc_hook(FILE *f)
{
    (void)f;
    repl *r = bridge;
    if (!r) return EOF;
    /* Readline asked for more than we queued (a multi-key command): wait for a key. */
    while (r->qlen == 0) {
        wtimeout(r->win, -1);
        int key = wgetch(r->win);
        if (key == ERR) continue;
        if (key == KEY_RESIZE || key == KEY_MOUSE) continue;
        push_key(r, key);
    }
    int c = r->q[r->qhead];
    r->qhead = (r->qhead + 1) % REPL_QUEUE;
    r->qlen--;
    return c;
}

static int input_available_hook(void)
{
    return bridge && bridge->qlen > 0;
}

static void redisplay_hook(void)
{
    if (bridge) repl_draw(bridge);
}

static void line_hook(char *line)
{
    repl *r = bridge;
    if (line && *line) {
        add_history(line);
        if (r) r->added++;
    }
    if (r) r->warned_long = 0;
    if (r && r->on_line) r->on_line(r->ud, line);
    free(line);
}

static void matches_hook(char **matches, int n, int maxlen)
{
    (void)maxlen;
    repl *r = bridge;
    if (r && r->on_matches) r->on_matches(r->ud, matches, n);
    if (r) repl_draw(r);
}

/* ---- completion -------------------------------------------------------------------- */

/* readline asks for one candidate at a time; the core (cmd_complete) chose them all. */
static char *cand_gen(const char *text, int state)
{
    repl *r = bridge;
    if (!r) return NULL;
    if (!state) r->candpos = 0;
    size_t n = strlen(text);
    while (r->candpos < r->cands.n) {
        const char *c = r->cands.words[r->candpos++];
        if (strncmp(c, text, n) == 0) return strdup(c);
    }
    return NULL;
}

/* readline splits words at CMD_COMPLETE_BREAKS (set in repl_open), so `text` is the
 * core's word line[start..end). */
static char **complete_hook(const char *text, int start, int end)
{
    (void)start;
    repl *r = bridge;
    rl_attempted_completion_over = 1;
    rl_completion_append_character = ' ';
    if (!r) return NULL;
    cmd_candidates_free(&r->cands);
    cmd_complete(r->s, rl_line_buffer, end, &r->cands);
    if (r->cands.files) {
        rl_attempted_completion_over = 0; /* readline's own file-name completion */
        return NULL;
    }
    if (r->cands.no_space) rl_completion_append_character = '\0';
    if (r->cands.n == 0) return NULL;
    return rl_completion_matches(text, cand_gen);
}

/* ---- history file -------------------------------------------------------------------- */

static void history_path(repl *r)
{
    sbuf dir;
    sbuf_init(&dir);
    char why[256];
    r->history_path[0] = '\0';
    if (state_dir(&dir, why, sizeof why) == 0)
        snprintf(r->history_path, sizeof r->history_path, "%s/history", sbuf_str(&dir));
    sbuf_free(&dir);
}

/* Append this session's lines to the file under a lock, then cut it to HISTORY_MAX:
 * rewriting it whole would drop what another screen saved meanwhile. */
static void save_history(repl *r)
{
    if (!r->history_path[0] || r->added == 0) return;
    int lock = state_lock(r->history_path);
    int fd = open(r->history_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) close(fd); /* append_history needs the file to exist */
    int n = r->added < history_length ? r->added : history_length;
    if (append_history(n, r->history_path) == 0)
        history_truncate_file(r->history_path, HISTORY_MAX);
    state_unlock(lock);
}

/* ---- the bridge -------------------------------------------------------------------- */

void repl_open(repl *r, WINDOW *win, const sess *s, int ascii)
{
    r->win = win;
    r->s = s;
    r->ascii = ascii;
    r->qhead = r->qlen = 0;
    memset(&r->cands, 0, sizeof r->cands);
    r->candpos = 0;
    r->cursor_col = 0;
    bridge = r;
    using_history();
    stifle_history(HISTORY_MAX);
    r->added = 0;
    r->warned_long = 0;
    history_path(r);
    if (r->history_path[0]) read_history(r->history_path); /* a missing file is fine */
    rl_readline_name = "descent";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_prep_term_function = NULL;
    rl_deprep_term_function = NULL;
    rl_getc_function = getc_hook;
    rl_input_available_hook = input_available_hook;
    rl_redisplay_function = redisplay_hook;
    rl_completion_display_matches_hook = matches_hook;
    rl_attempted_completion_function = complete_hook;
    rl_completer_word_break_characters = (char *)CMD_COMPLETE_BREAKS;
    FILE *null = fopen("/dev/null", "w");
    if (null) rl_outstream = null;
    /* readline's terminal set-up (tgetent) must not replace the terminal ncurses uses. */
    TERMINAL *term = cur_term;
    rl_callback_handler_install(ascii ? "descent> " : "descent\xe2\x80\xba ", line_hook);
    if (term) set_curterm(term);
    rl_set_screen_size(1, getmaxx(win) > 1 ? getmaxx(win) : 80);
}

void repl_close(repl *r)
{
    if (bridge != r) return;
    rl_callback_handler_remove();
    save_history(r); /* failures are not fatal */
    cmd_candidates_free(&r->cands);
    if (rl_outstream && rl_outstream != stdout) {
        fclose(rl_outstream);
        rl_outstream = stdout;
    }
    bridge = NULL;
}

void repl_set_window(repl *r, WINDOW *win)
{
    r->win = win;
    rl_set_screen_size(1, getmaxx(win) > 1 ? getmaxx(win) : 80);
}

void repl_key(repl *r, int key)
{
    /* The line stops at the command length limit, with a word why: over it, a line
     * would be refused (or cut) only after Enter. */
    if (key >= 0x20 && key < 0x100 && key != 0x7f && rl_end >= CMD_MAXLINE - 1) {
        if (!r->warned_long && r->on_note) {
            char note[96];
            snprintf(note, sizeof note,
                     _("the line is at its limit of %d bytes; more typing is "
                       "dropped"),
                     CMD_MAXLINE - 1);
            r->on_note(r->ud, note);
        }
        r->warned_long = 1;
        return;
    }
    push_key(r, key);
    while (r->qlen > 0 && bridge == r)
        rl_callback_read_char();
}

void repl_cancel(repl *r)
{
    (void)r;
    rl_callback_sigcleanup();
    rl_free_line_state();
    rl_replace_line("", 0);
    rl_point = rl_end = rl_mark = 0;
    rl_done = 0;
    if (rl_editing_mode == 0) rl_vi_insertion_mode(1, 0);
}

void repl_draw(repl *r)
{
    WINDOW *w = r->win;
    if (!w) return;
    int W = getmaxx(w);
    werase(w);
    wmove(w, 0, 0);
    const char *prompt = rl_display_prompt ? rl_display_prompt : "";
    int pw = wtext_put(w, prompt, strlen(prompt), W > 12 ? W - 12 : W / 2, A_BOLD, 0);
    const char *line = rl_line_buffer ? rl_line_buffer : "";
    int end = rl_end, point = rl_point < 0 ? 0 : rl_point > end ? end : rl_point;
    int avail = W - pw - 1;
    /* Scroll horizontally so the editing point stays visible: walk back from the point
     * over at most the visible columns. Measuring from the line's start instead made
     * each key cost the whole line, and a long paste froze the screen. */
    int startb = point, cols = 0;
    for (int chars = 0; startb > 0 && chars < avail + 64; chars++) {
        int b = startb - 1;
        while (b > 0 && startb - b < 4 && ((unsigned char)line[b] & 0xC0) == 0x80)
            b--;
        size_t len;
        int cw = utf8_char_width(line + b, (size_t)(startb - b), &len);
        if (cols + cw > avail) break;
        cols += cw;
        startb = b;
    }
    if (startb > 0 && !r->ascii) {
        /* A hint that the line continues to the left. */
        mvwaddstr(w, 0, pw > 0 ? pw - 1 : 0, "\xe2\x80\xa6");
    }
    wmove(w, 0, pw);
    wtext_put(w, line + startb, (size_t)(end - startb), avail, A_NORMAL, 0);
    r->cursor_col = pw + cols;
    if (r->cursor_col >= W) r->cursor_col = W - 1;
    wnoutrefresh(w);
}

void repl_place_cursor(repl *r)
{
    if (!r->win) return;
    wmove(r->win, 0, r->cursor_col);
    wnoutrefresh(r->win);
}

int repl_vi_mode(void)
{
    return rl_editing_mode == 0;
}

int repl_vi_command_mode(void)
{
    return rl_editing_mode == 0 && rl_get_keymap() == vi_movement_keymap;
}

int repl_line_empty(void)
{
    return rl_end == 0;
}
