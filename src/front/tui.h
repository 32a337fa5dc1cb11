/* tui.h — the ncurses screen with the readline prompt (the interactive front end). */
#ifndef DESCENT_TUI_H
#define DESCENT_TUI_H

#include "descent/session.h"

typedef struct {
    int mono;                  /* --mono or NO_COLOR: no colours, shading ramp only */
    int ascii;                 /* --ascii or a non-UTF-8 locale: ASCII glyphs only */
    const char *first_command; /* run at the prompt once the screen is up (--lesson) */
    const char *script;        /* a file of commands run on the screen one by one (demo) */
    const char *state_note;    /* said once at start: why history/progress are not saved */
    const char *init_output;   /* what the init file's commands printed, or NULL */
    const char *init_errors;   /* its FILE:LINE errors, or NULL */
} tui_options;

/* Run the screen until the user quits. The session may already hold state from a
 * script. Returns the process exit status. */
int tui_run(sess *s, const tui_options *opt);

#endif
