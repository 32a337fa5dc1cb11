/* cmd_present.c — commands for teaching from a script: `present on|off` (the screen
 * shows the plot alone, with its legend and key), `say TEXT` (a caption over the plot
 * until the next say). They only change the session; the screen reacts. `pause`, which
 * in a script on the screen waits for a key, is in cmd_run.c with the animation. */
#include <string.h>

#include "cmd_internal.h"

static ds_status cmd_present(sess *s, const cmd_args *a, cmd_ctx *c)
{
    int on = a->argc == 1 ? !s->present : cmd_onoff(a->argv[1], "present", c->err);
    if (on < 0) return c->err->code;
    /* The front end says how big its terminal is (0 without one). */
    if (on && c->term_cols > 0 &&
        (c->term_cols < CMD_PRESENT_MIN_COLS || c->term_rows < CMD_PRESENT_MIN_ROWS))
        return ds_err_set(c->err, DS_ERANGE,
                          "present needs a terminal of at least %dx%d; this one is %dx%d "
                          "(make the window larger, or the font smaller)",
                          CMD_PRESENT_MIN_COLS, CMD_PRESENT_MIN_ROWS, c->term_cols, c->term_rows);
    s->present = on;
    sbuf_printf(c->out, "present %s%s\n", on ? "on" : "off",
                on && c->interactive ? " (F2 or present off goes back)" : "");
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

static ds_status cmd_say(sess *s, const cmd_args *a, cmd_ctx *c)
{
    size_t n = strlen(a->rest);
    if (n >= sizeof s->caption)
        return ds_err_set(c->err, DS_ERANGE, "a caption holds at most %zu bytes; this one has %zu",
                          sizeof s->caption - 1, n);
    memcpy(s->caption, a->rest, n + 1);
    /* Without a screen the caption is printed, so a demo script reads the same in batch. */
    if (!c->interactive && n) sbuf_printf(c->out, "%s\n", s->caption);
    c->flags |= CMDF_REDRAW;
    return DS_OK;
}

const cmd_spec cmd_present_group[] = {
    {.name = "present",
     .synopsis = "[on|off]",
     .help =
         "presenter mode: the plot takes the whole screen, with its legend and colour key (key F2)",
     .details =
         N_("  The prompt stays on the last row; short output shows over the plot, long output "
            "pages.\n"
            "  Needs a terminal of at least 60x16."),
     .fn = cmd_present,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = cmd_onoff_words},
    {.name = "say",
     .synopsis = "[TEXT]",
     .help = N_("a caption over the plot until the next say (say alone clears it)"),
     .details =
         N_("  For demo scripts: descent demo.txt runs the script on the screen, pause waits "
            "for a key.\n"
            "  Without a screen the caption is printed."),
     .fn = cmd_say,
     .max_args = CMD_ARGS_ANY},
    {0},
};
