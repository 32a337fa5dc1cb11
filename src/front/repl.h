/* repl.h — the bridge between GNU readline and the ncurses screen: readline's callback
 * interface fed with keys the screen reads, its line drawn into the prompt window,
 * history in a file, and Tab completion from the core (cmd_complete). */
#ifndef DESCENT_REPL_H
#define DESCENT_REPL_H

#include <curses.h>

#include "descent/complete.h"
#include "descent/session.h"

#define REPL_QUEUE 64

typedef struct {
    WINDOW *win;                           /* the one-row prompt window readline draws into */
    const sess *s;                         /* for completing the selected run's parameter keys */
    int ascii;                             /* ASCII-only prompt decoration */
    int active;                            /* 1 while the prompt has focus (draws the cursor) */
    void *ud;                              /* handed back to the callbacks */
    void (*on_line)(void *ud, char *line); /* a finished line (NULL: Ctrl-D) */
    void (*on_matches)(void *ud, char **m, int n); /* completion candidates m[1..n] */
    void (*on_note)(void *ud, const char *text);   /* a remark for the output pane */
    int warned_long;                               /* said the line is at its limit */
    int added;                                     /* history entries this session */
    unsigned char q[REPL_QUEUE];                   /* bytes waiting for readline */
    int qhead, qlen;
    char history_path[1024]; /* "" when there is nowhere to keep history */
    cmd_candidates cands;    /* the candidates of the completion in progress */
    int candpos;             /* the next one readline gets */
    int cursor_col;          /* where the terminal cursor goes in `win` after drawing */
} repl;

/* Start readline on `win`. Reads the history file (state_dir()/history; failures are
 * silent: main says once when there is nowhere to keep it). */
void repl_open(repl *r, WINDOW *win, const sess *s, int ascii);
/* Save history (this session's lines appended under a lock, then the file cut to the
 * limit, so two screens keep each other's) and hand the terminal back. */
void repl_close(repl *r);
/* The prompt window changed (resize). */
void repl_set_window(repl *r, WINDOW *win);
/* One key from wgetch: a byte, or a KEY_* code translated into the escape sequence
 * readline expects. Runs readline on it; callbacks may fire. */
void repl_key(repl *r, int key);
/* Ctrl-C: abandon the line (and any search in progress). */
void repl_cancel(repl *r);
/* Draw the prompt and line into the window (wnoutrefresh only). */
void repl_draw(repl *r);
/* Place the terminal cursor on the prompt's editing point (call last before doupdate). */
void repl_place_cursor(repl *r);
/* 1 when readline's vi mode is in command (movement) mode: Esc belongs to readline
 * only in insert mode. */
int repl_vi_command_mode(void);
/* 1 when readline is in vi editing mode. */
int repl_vi_mode(void);
/* 1 while the line is empty (so keys like '?' may mean something else). */
int repl_line_empty(void);

#endif
