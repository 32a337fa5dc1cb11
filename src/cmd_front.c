/* cmd_front.c — commands the core names but a front end carries out: export (cairo
 * figures) and record (asciicast). They sit in the one command table so help,
 * completion, README and the man page know them; the work is behind cmd_ctx.front. */
#include <limits.h>
#include <string.h>

#include "cmd_table.h"
#include "cmd_internal.h"

ds_status cmd_front(sess *s, const cmd_args *a, cmd_ctx *c)
{
    /* Both write the file they name: a lesson's own lines may not. */
    char path[PATH_MAX];
    if (strcmp(a->argv[1], "stop") != 0 && cmd_file(c, a->argv[1], 1, path, sizeof path) != DS_OK)
        return c->err->code;
    if (c->front) return c->front(c->front_ud, s, a, c);
    return ds_err_set(c->err, DS_ESTATE, "%s is not available here (it needs the descent program)",
                      a->argv[0]);
}
