/* cmd_front.c — commands the core names but a front end carries out: export (cairo
 * figures) and record (asciicast). They sit in the one command table so help,
 * completion, README and the man page know them; the work is behind cmd_ctx.front. */
#include <limits.h>
#include <string.h>

#include "cmd_internal.h"

static ds_status cmd_front(sess *s, const cmd_args *a, cmd_ctx *c)
{
    /* Both write the file they name: a lesson's own lines may not. */
    char path[PATH_MAX];
    if (strcmp(a->argv[1], "stop") != 0 && cmd_file(c, a->argv[1], 1, path, sizeof path) != DS_OK)
        return c->err->code;
    if (c->front) return c->front(c->front_ud, s, a, c);
    return ds_err_set(c->err, DS_ESTATE, "%s is not available here (it needs the descent program)",
                      a->argv[0]);
}

const cmd_spec cmd_front_group[] = {
    {.name = "export",
     .synopsis = "FILE.svg|FILE.png|FILE.pdf [WxH]",
     .help = N_("write the plot as a figure: field, contours, key, axes, minima, every run's path"),
     .details =
         N_("Vector contours traced at the figure's resolution; the field sampled per pixel\n"
            "in PNG. Default size 800x500 pt (SVG, PDF) or 1600x1000 px (PNG)."),
     .fn = cmd_front,
     .min_args = 1,
     .max_args = 2,
     .complete = CMPL_FILE},
    {.name = "record",
     .synopsis = "FILE.cast|stop",
     .help = N_("record the screen as an asciicast v2 file (asciinema), or stop recording"),
     .details =
         N_("Holds exactly the bytes the screen wrote, with timestamps. For a scripted demo\n"
            "without a person: descent --record FILE.cast SCRIPT."),
     .fn = cmd_front,
     .min_args = 1,
     .max_args = 1,
     .complete = CMPL_FILE},
    {0},
};
