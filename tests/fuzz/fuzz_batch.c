/* fuzz_batch.c — libFuzzer target for the whole batch path (make fuzz): each input is a
 * script run by the batch front end (line reading, NUL bytes, ';' splitting, every
 * command, lessons, front-end commands) on a fresh session. Commands run sandboxed in a
 * private directory, so the fuzzer can neither write files nor read outside it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/front/batch.h"
#include "descent/lesson.h"
#include "descent/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/descent-fuzz-batch-XXXXXX");
        if (!mkdtemp(dir)) abort(); /* the sandbox resolves every file name inside it */
        /* Results are not the point: keep the fuzzer's terminal quiet. */
        if (!freopen("/dev/null", "w", stdout)) abort();
    }
    FILE *in = fmemopen((void *)data, size, "r");
    if (!in) return 0;
    sess *s = sess_new();
    batch_options bo = {.keep_going = 1, .quiet_errors = 1, .label = "fuzz", .sandbox = dir};
    batch_run_file(s, in, &bo);
    fclose(in);
    sess_free(s);
    return 0;
}
