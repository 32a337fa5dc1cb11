/* front_cmd.h — the commands the program itself carries out for the command language
 * (export, record): one table, reached through cmd_ctx.front. */
#ifndef DESCENT_FRONT_CMD_H
#define DESCENT_FRONT_CMD_H

#include "descent/command.h"

/* Where a command runs: the screen (with its terminal descriptor and size) or not. */
typedef struct {
    int screen;     /* 1 on the screen */
    int fd;         /* the terminal's descriptor (screen only) */
    int cols, rows; /* its size (screen only) */
} front_env;

/* cmd_front_fn for cmd_ctx.front; `ud` is a front_env. */
ds_status front_cmd(void *ud, sess *s, const cmd_args *a, cmd_ctx *c);

#endif
