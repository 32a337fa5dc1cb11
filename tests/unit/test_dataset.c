/* test_dataset.c — seeded generation is reproducible, CSV round-trips exactly, a
 * malformed CSV names file:line and keeps the old data, the split is seeded. */
#include <stdlib.h>
#include <unistd.h>

#include "descent/dataset.h"
#include "descent/rng.h"
#include "harness.h"

static char tmpdir[] = "/tmp/descent-test-XXXXXX";

static const char *write_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

TEST(generation_is_seeded)
{
    dataset a, b;
    ds_err err;
    data_init(&a);
    data_init(&b);
    CHECK(data_generate(&a, DATA_LINREG, 50, 0.3, 1, &err) == DS_OK);
    CHECK(data_generate(&b, DATA_LINREG, 50, 0.3, 1, &err) == DS_OK);
    CHECK(a.n == 50 && a.ntrain == 50);
    CHECK(memcmp(a.x, b.x, 50 * sizeof(double)) == 0 && memcmp(a.y, b.y, 50 * sizeof(double)) == 0);
    CHECK(data_generate(&b, DATA_LINREG, 50, 0.3, 2, &err) == DS_OK);
    CHECK(memcmp(a.x, b.x, 50 * sizeof(double)) != 0);
    /* Without noise the line is exact. */
    CHECK(data_generate(&b, DATA_LINREG, 10, 0, 7, &err) == DS_OK);
    for (int i = 0; i < 10; i++)
        CHECK_NEAR(b.y[i], 2 * b.x[i] - 1, 1e-15);
    CHECK(data_generate(&b, DATA_LOGREG, 40, 0.5, 3, &err) == DS_OK);
    int ones = 0;
    for (int i = 0; i < 40; i++) {
        CHECK(b.y[i] == 0 || b.y[i] == 1);
        ones += b.y[i] == 1;
    }
    CHECK(ones > 5 && ones < 35);
    CHECK(data_generate(&b, DATA_LINREG, 1, 0.3, 1, &err) == DS_ERANGE);
    CHECK(b.n == 40); /* unchanged */
    data_free(&a);
    data_free(&b);
}

TEST(csv_round_trip_and_errors)
{
    dataset a, b;
    ds_err err;
    data_init(&a);
    data_init(&b);
    data_generate(&a, DATA_LINREG, 20, 0.3, 5, &err);
    char path[256];
    snprintf(path, sizeof path, "%s/a.csv", tmpdir);
    CHECK(data_save_csv(&a, path, &err) == DS_OK);
    CHECK(data_load_csv(&b, path, &err) == DS_OK);
    CHECK(b.n == 20);
    CHECK(memcmp(a.x, b.x, 20 * sizeof(double)) == 0 && memcmp(a.y, b.y, 20 * sizeof(double)) == 0);
    const char *bad = write_file("bad.csv", "x,y\n1,2\n# note\n3,abc\n");
    CHECK(data_load_csv(&b, bad, &err) == DS_EIO);
    CHECK_HAS(err.msg, "bad.csv:4:");
    CHECK_HAS(err.msg, "not two finite numbers");
    CHECK(b.n == 20); /* the previous data stays */
    bad = write_file("three.csv", "1,2\n3,4,5\n");
    CHECK(data_load_csv(&b, bad, &err) == DS_EIO);
    CHECK_HAS(err.msg, "three.csv:2: expected two columns");
    bad = write_file("one.csv", "1,2\n");
    CHECK(data_load_csv(&b, bad, &err) == DS_EIO);
    CHECK_HAS(err.msg, "need at least 2 samples");
    CHECK(data_load_csv(&b, "/nonexistent/x.csv", &err) == DS_EIO);
    CHECK_HAS(err.msg, "cannot open");
    const char *bin = write_file("bin.csv", "0,0\n1,1\n2,1\n");
    CHECK(data_load_csv(&b, bin, &err) == DS_OK);
    CHECK(b.kind == DATA_LOGREG && b.n == 3);
    data_free(&a);
    data_free(&b);
}

TEST(split_is_seeded_and_checked)
{
    dataset a;
    ds_err err;
    data_init(&a);
    data_generate(&a, DATA_LINREG, 50, 0.3, 1, &err);
    double sum = 0;
    for (int i = 0; i < 50; i++)
        sum += a.x[i];
    CHECK(data_split(&a, 0.8, 1, &err) == DS_OK);
    CHECK(a.ntrain == 40);
    double after = 0;
    for (int i = 0; i < 50; i++)
        after += a.x[i];
    CHECK_NEAR(after, sum, 1e-12); /* a permutation */
    CHECK(data_split(&a, 0, 1, &err) == DS_ERANGE);
    CHECK(data_split(&a, 1.5, 1, &err) == DS_ERANGE);
    CHECK(a.ntrain == 40);
    data_free(&a);
}

TEST(rng_is_reproducible)
{
    ds_rng r, s;
    rng_seed(&r, 42);
    rng_seed(&s, 42);
    for (int i = 0; i < 100; i++)
        CHECK(rng_next(&r) == rng_next(&s));
    double mean = 0, var = 0;
    for (int i = 0; i < 20000; i++) {
        double g = rng_gauss(&r);
        mean += g;
        var += g * g;
    }
    mean /= 20000;
    var = var / 20000 - mean * mean;
    CHECK(fabs(mean) < 0.05);
    CHECK(fabs(var - 1) < 0.05);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) return 1;
    RUN(generation_is_seeded);
    RUN(csv_round_trip_and_errors);
    RUN(split_is_seeded_and_checked);
    RUN(rng_is_reproducible);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    if (system(cmd) != 0) return 1;
    TEST_END();
}
