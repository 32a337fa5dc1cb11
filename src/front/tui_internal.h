/* tui_internal.h — the screen's state, shared by its files: tui.c (layout, event loop,
 * commands, animation), tui_plot.c (plot window), tui_color.c (colour pairs),
 * tui_panel.c (side panel, small charts), tui_lesson.c (lesson pane), tui_out.c (output
 * pane and pager), tui_sweep.c (sweeps and maps in the background), tui_text.c (text cut
 * and wrapped to a width) and tui_help.c (help overlay). */
#ifndef DESCENT_TUI_INTERNAL_H
#define DESCENT_TUI_INTERNAL_H

#include <curses.h>

#include "descent/command.h"
#include "descent/raster.h"
#include "repl.h"
#include "tui.h"

#define TUI_MIN_COLS              CMD_PRESENT_MIN_COLS /* below this the screen asks for more room */
#define TUI_MIN_ROWS              CMD_PRESENT_MIN_ROWS
#define TUI_MAX_FF_SPEED          1e5  /* steps per second an open-ended `run` speeds up to */
#define TUI_TICK_HZ               30   /* animation frames per second at most */
#define TUI_OUT_MAX               2000 /* lines the output pane keeps */
#define TUI_OUT_ROWS              256  /* rows one output line may wrap to */
#define TUI_PLOTS_MIN_ROWS        24   /* side panel rows the small charts need */
#define TUI_LESSON_PLOTS_MIN_ROWS 18   /* ... when a schedule lesson shows them itself */
#define TUI_LESSON_CHART_MIN_ROWS 13   /* ... the one chart a lesson step talks about */
#define TUI_TOAST_ROWS            3    /* presenter mode: output rows shown over the plot */

enum { TUI_FOCUS_PROMPT, TUI_FOCUS_PLOT };

/* What the next frame draws again (tui.dirty): a key typed at the prompt redraws only the
 * prompt, an animation tick the plot and the panel, new output the output pane. */
enum {
    TUI_DIRTY_PROMPT = 1 << 0,
    TUI_DIRTY_OUT = 1 << 1,
    TUI_DIRTY_PANEL = 1 << 2,
    TUI_DIRTY_PLOT = 1 << 3,
    TUI_DIRTY_LESSON = 1 << 4,
    TUI_DIRTY_ALL = (1 << 5) - 1,
};

/* What an output line is, for its style. */
typedef enum { OUT_TEXT, OUT_ECHO, OUT_ERROR, OUT_NOTE } tui_line_kind;

typedef struct {
    char *text; /* UTF-8, no newline */
    tui_line_kind kind;
} tui_line;

typedef struct {
    tui_line *lines; /* oldest first */
    int n, cap;
    int scroll;     /* screen rows scrolled back from the newest line */
    int page;       /* rows the pane showed last (PgUp/PgDn step) */
    int pager;      /* 1 while a long output is shown a page at a time on the whole screen */
    int pager_line; /* its first line */
    int pager_row;  /* the wrapped row (from that line's first) at the top of the page */
    int pager_end;  /* the last page is showing: the next key closes the pager */
} tui_out;

typedef struct {
    short *pair;      /* indexed colours: (fg+1)*257 + (bg+1) → pair number; 0 = not made yet */
    uint64_t *rgbkey; /* direct colour: open-addressed keys (fg+1)<<32 | (bg+1); 0 = empty */
    short *rgbpair;   /* ... and the pair made for each */
    int next;         /* next free pair number */
    int max;          /* COLOR_PAIRS (capped to what a short holds) */
} tui_pairs;

typedef struct tui {
    sess *s;          /* the model; changed only through cmd_exec */
    int colors;       /* 0 (monochrome), 8, 256 or RAST_TRUECOLOR (direct colour) */
    int ascii;        /* ASCII glyphs only */
    int rows, cols;   /* terminal size */
    int too_small;    /* 1 while below TUI_MIN_COLS × TUI_MIN_ROWS */
    WINDOW *plotw;    /* top left: title row + plot raster */
    WINDOW *panelw;   /* top right: objective, runs, cursor, small charts */
    WINDOW *lessonw;  /* above the output: lesson text; NULL without a lesson */
    WINDOW *outw;     /* output pane: header row + scrollable lines */
    WINDOW *promptw;  /* bottom row: readline */
    WINDOW *helpw;    /* the help overlay while open, else NULL */
    repl rl;          /* the readline bridge */
    rast plot;        /* the plot raster (cached base layer inside) */
    rast chart;       /* scratch raster for the small charts */
    rast data;        /* the data view beside the plot (`dataview on`) */
    tui_pairs pairs;  /* colour pairs made so far */
    tui_out out;      /* output pane lines */
    int focus;        /* TUI_FOCUS_PROMPT or TUI_FOCUS_PLOT */
    int show_plots;   /* small charts of f and lr in the panel */
    int help_open;    /* the help overlay is showing */
    int help_scroll;  /* its first line */
    int quit;         /* leave the loop */
    int playing;      /* an animation is running */
    long remaining;   /* steps left in it */
    double acc;       /* fractional steps owed (speed × elapsed time) */
    int fast_forward; /* `run` without N: the rate grows as the animation goes on */
    double started;   /* monotonic seconds when the animation started */
    double last_tick; /* monotonic seconds of the last animation tick */
    double next_tick; /* when the next tick is due */
    int dirty;        /* TUI_DIRTY_* parts the next frame draws again */
    int cursor_vis;   /* the terminal cursor's current visibility */
    int lesson_rows;  /* rows the lesson pane got at the last layout */
    int present;      /* the layout is presenter mode's (s->present when it was made) */
    int sweep_wide;   /* the layout gives a shown map the side panel's columns too */
    int toast;        /* presenter mode: first output line shown over the plot; -1 none */
    char **script;    /* a demo script's lines, run one by one as if typed */
    int script_n, script_pos;
    int script_wait; /* `pause` in the script: waiting for Space or Enter */

    /* the lesson pane (tui_lesson.c) */
    int lesson_scroll;      /* the lesson text's first row shown */
    int lesson_page;        /* rows of lesson text the pane showed last */
    int lesson_lines;       /* rows the lesson text wrapped to last */
    unsigned lesson_opened; /* lesson_pane_serial's step openings when last drawn */
    unsigned lesson_serial; /* and its changes of the text */
    int key_lesson_up[2];   /* key codes of Alt-Up (CSI 1;3 A, and terminfo's kUP3) */
    int key_lesson_down[2]; /* and of Alt-Down; 0: none */
} tui;

/* tui.c */
/* Run one line of commands (split on ';') as if typed; echo it when `echo`. */
void tui_exec(tui *t, const char *line, int echo);
/* The same without a word in the output pane or a lesson check (a key's own command). */
void tui_exec_silent(tui *t, const char *line);

/* tui_color.c */
void tui_colors_init(tui *t);
void tui_colors_free(tui *t);
/* The colours the terminal offers (0, 8, 256 or RAST_TRUECOLOR), once start_color ran. */
int tui_colors_detect(void);
/* The terminal description to open instead of $TERM so 24-bit colour reaches the screen
 * (COLORTERM says truecolor but $TERM's description has no direct colour, and a -direct
 * variant is installed), or NULL for $TERM itself. */
const char *tui_direct_term(void);
/* The colour pair for raster colours fg/bg (palette indices, or RAST_RGB | rgb with
 * direct colour); 0 in monochrome. */
short tui_pair(tui *t, int fg, int bg);

/* tui_plot.c */
/* Copy raster cells into a window at (y0, x0). */
void tui_draw_cells(tui *t, WINDOW *w, int y0, int x0, const rast *r);
/* Draw the plot window: title row and the raster. */
void tui_plot_draw(tui *t);
/* Map a window-relative cell of the plot window to a world point; 0 outside the plot. */
int tui_plot_world(tui *t, int wy, int wx, double p[2]);

/* tui_panel.c */
void tui_panel_draw(tui *t);
/* Which small charts the side panel draws at a height of h rows, and how tall each is:
 * both with `plots on` or in a schedule lesson when there is room, else the one a lesson
 * step talks about (lr for a schedule, f with the validation loss on data held back) or
 * the f chart alone for `overlay bound`'s curve. */
typedef struct {
    int f, lr; /* drawn or not */
    int rows;  /* rows of each chart, besides its title */
} tui_charts;
tui_charts tui_panel_charts(const tui *t, int h);

/* tui_lesson.c */
/* Teach curses the Alt-Up / Alt-Down sequences when the terminfo does not name them. */
void tui_lesson_keys_init(tui *t);
/* Rows the lesson pane wants on a rows × cols screen: 0 without an open lesson. */
int tui_lesson_height(const tui *t, int rows, int cols);
/* The same with the pane collapsed (1) or expanded (0), whatever it is now. */
int tui_lesson_height_as(const tui *t, int rows, int cols, int collapsed);
void tui_lesson_draw(tui *t);
/* The pane's keys (Alt-Up / Alt-Down scroll a page, F7 collapses or expands): 1 when
 * the key was one of them. */
int tui_lesson_key(tui *t, int key);
/* Scroll the pane a page up (dir -1) or down (1): 1 when a lesson pane is showing. */
int tui_lesson_page(tui *t, int dir);
/* The mouse wheel over the pane: scroll by `rows`. */
void tui_lesson_wheel(tui *t, int rows);

/* tui_text.c */
/* Draw UTF-8 text at (y, x) in at most maxw columns; returns the columns used. */
int tui_text(WINDOW *w, int y, int x, int maxw, const char *s, attr_t attr, short pair);
/* The same for the n bytes at s. */
int tui_text_n(WINDOW *w, int y, int x, int maxw, const char *s, size_t n, attr_t attr, short pair);
/* Draw `text` wrapped at blanks to `width` columns from row y, at most maxrows rows (the
 * last ends in … when text is left over); returns the rows used. */
int tui_wrap(tui *t, WINDOW *w, int y, int x, int width, int maxrows, const char *text, attr_t attr,
             short pair);

/* tui_out.c */
void tui_out_push(tui *t, tui_line_kind kind, const char *text);
void tui_out_free(tui_out *o);
void tui_out_draw(tui *t);
void tui_out_scroll(tui *t, int rows);
/* Rows lines [from, n) wrap to at `width` columns. */
int tui_out_rows(const tui *t, int from, int width);
/* 1 when lines [from, n) fit the output pane as it is. */
int tui_out_fits(tui *t, int from);
/* Page lines [from, n) on the whole screen (the layout changes: call layout after). */
void tui_out_page(tui *t, int from);
/* A key while paging: 1 when the pager used it; 0 when it should close the pager (and
 * the key then does what it does normally). */
int tui_out_pager_key(tui *t, int key);
void tui_out_unpage(tui *t);

/* tui_sweep.c: a sweep, map or basins computing in the background and drawn over the
 * plot. */
int tui_sweep_running(const tui *t);
/* A sweep, map or basins is shown over the plot (computing or finished). */
int tui_sweep_shown(const tui *t);
/* Report a finished (or cancelled) job once; marks the plot dirty while one runs. */
void tui_sweep_poll(tui *t);
/* Esc / Ctrl-C: cancel a running job; 1 when there was one. */
int tui_sweep_cancel(tui *t);
/* Plot keys over a finished map: Enter or p picks the cell under the cursor, b hides
 * the map. */
int tui_sweep_key(tui *t, int key);
/* Draw the map instead of the plot; 0 when none is shown. */
int tui_sweep_draw(tui *t);
/* tui_help.c */
void tui_help_draw(tui *t);
/* A key while the help overlay is open; returns 1 when it closed. */
int tui_help_key(tui *t, int key);

#endif
