/* front_cmd.c — the program's own commands behind cmd_ctx.front: a table from name to
 * handler. record needs the screen; export works everywhere (batch, init, screen). */
#include <string.h>

#include "../export/export.h"
#include "front_cmd.h"
#include "record.h"

static ds_status front_record(const front_env *env, sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)s;
    /* cmd_exec checked the count against the row (record FILE.cast|stop). */
    if (strcmp(a->argv[1], "stop") == 0) return record_stop(c->out, c->err);
    if (!env || !env->screen)
        return ds_err_set(c->err, DS_ESTATE,
                          "record works on the screen; to record a script without one use "
                          "descent --record %s SCRIPT",
                          a->argv[1]);
    ds_status st = record_start(a->argv[1], env->fd, env->cols, env->rows, "descent", c->err);
    if (st == DS_OK)
        sbuf_printf(c->out, "recording the screen to %s (record stop ends it)\n", a->argv[1]);
    return st;
}

static ds_status front_export(const front_env *env, sess *s, const cmd_args *a, cmd_ctx *c)
{
    (void)env;
    /* cmd_exec checked the count against the row (export FILE [WxH]). */
    return export_figure(s, a->argv[1], a->argc == 3 ? a->argv[2] : NULL, c->out, c->err);
}

typedef ds_status (*front_fn)(const front_env *env, sess *s, const cmd_args *a, cmd_ctx *c);

static const struct {
    const char *name;
    front_fn fn;
} front_table[] = {
    {"export", front_export},
    {"record", front_record},
};

ds_status front_cmd(void *ud, sess *s, const cmd_args *a, cmd_ctx *c)
{
    for (size_t i = 0; i < sizeof front_table / sizeof front_table[0]; i++)
        if (strcmp(front_table[i].name, a->argv[0]) == 0) return front_table[i].fn(ud, s, a, c);
    return ds_err_set(c->err, DS_EUNKNOWN, "%s is not available in this build", a->argv[0]);
}
