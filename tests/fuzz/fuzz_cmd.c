/* fuzz_cmd.c — libFuzzer target for the command language (make fuzz): each input is
 * split into lines and run through one session. File-writing commands are skipped so
 * the fuzzer cannot fill the disk. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "descent/command.h"
#include "descent/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    sess *s = sess_new();
    sbuf out;
    ds_err err;
    sbuf_init(&out);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strstr(line, "save") || strstr(line, "trace") || strstr(line, "plot") ||
            strstr(line, "lesson"))
            continue;
        cmd_ctx c = {.out = &out, .err = &err, .flags = 0, .animate_steps = 0, .interactive = 0};
        cmd_exec(s, line, &c);
        sbuf_reset(&out);
    }
    sbuf_free(&out);
    sess_free(s);
    free(text);
    return 0;
}
