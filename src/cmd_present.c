/* cmd_present.c — commands for teaching from a script: `present on|off` (the screen
 * shows the plot alone, with its legend and key), `say TEXT` (a caption over the plot
 * until the next say). They only change the session; the screen reacts. `pause`, which
 * in a script on the screen waits for a key, is in cmd_run.c with the animation. */
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"

ds_status cmd_present(sess *s, const cmd_args *a, cmd_ctx *c)
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

ds_status cmd_say(sess *s, const cmd_args *a, cmd_ctx *c)
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
