/* fuzz_csv.c — libFuzzer target for the CSV loader (make fuzz): each input is written to
 * a private temporary file and loaded with data_load_csv, which must refuse or accept it
 * without crashing, leaking or reading past a line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "descent/dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/descent-fuzz-csv-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    dataset d;
    data_init(&d);
    ds_err err;
    if (data_load_csv(&d, path, &err) == DS_OK && d.n < 2) abort(); /* the loader's promise */
    data_free(&d);
    remove(path);
    return 0;
}
