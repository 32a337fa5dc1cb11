/* fuzz_lesson.c — libFuzzer target for lesson files (make fuzz): each input is parsed
 * as a lesson; what parses has its texts wrapped both ways and its conditions checked,
 * as opening it on the screen would. Lessons are untrusted input. */
#include <stdint.h>
#include <stdlib.h>

#include "descent/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ds_err err;
    lesson *l = lesson_parse((const char *)data, size, "fuzz.lesson", &err);
    if (!l) return 0;
    sbuf out;
    sbuf_init(&out);
    for (int i = 0; i < l->nsteps; i++) {
        const lesson_step *st = &l->steps[i];
        lesson_wrap(st->text ? st->text : "", 1 + i % 60, LESSON_WRAP_PLAIN, &out);
        lesson_wrap(st->text ? st->text : "", 1 + i % 23, LESSON_WRAP_MARKS, &out);
        int holds;
        if (st->expect) lesson_cond(NULL, st->expect, &holds, &err);
        sbuf_reset(&out);
    }
    sbuf_free(&out);
    lesson_free(l);
    return 0;
}
