/* dataset.c — the regression datasets: seeded synthetic sets, CSV load/save (with
 * file:line errors that leave the old data alone), and a seeded train/validation split. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/dataset.h"
#include "descent/fileout.h"
#include "descent/rng.h"

#define DATA_MAX 1000000

void data_init(dataset *d)
{
    memset(d, 0, sizeof *d);
}

void data_free(dataset *d)
{
    free(d->x);
    free(d->y);
    data_init(d);
}

/* Allocate room for n samples into a fresh dataset. */
static ds_status data_alloc(dataset *d, int n, ds_err *err)
{
    data_init(d);
    (void)err;
    d->x = ds_xmalloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    d->y = ds_xmalloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    d->n = d->ntrain = n;
    return DS_OK;
}

ds_status data_copy(dataset *dst, const dataset *src, ds_err *err)
{
    dataset tmp;
    if (data_alloc(&tmp, src->n, err)) return err->code;
    memcpy(tmp.x, src->x, sizeof(double) * (size_t)src->n);
    memcpy(tmp.y, src->y, sizeof(double) * (size_t)src->n);
    tmp.ntrain = src->ntrain;
    tmp.kind = src->kind;
    memcpy(tmp.origin, src->origin, sizeof tmp.origin);
    data_free(dst);
    *dst = tmp;
    return DS_OK;
}

ds_status data_generate(dataset *d, data_kind kind, int n, double noise, uint64_t seed, ds_err *err)
{
    if (n < 2 || n > DATA_MAX)
        return ds_err_set(err, DS_ERANGE, "n=%d is out of range: use 2 to %d samples", n, DATA_MAX);
    if (!(noise >= 0) || !isfinite(noise))
        return ds_err_set(err, DS_ERANGE, "noise must be a number >= 0");
    dataset tmp;
    if (data_alloc(&tmp, n, err)) return err->code;
    ds_rng r;
    rng_seed(&r, seed);
    for (int i = 0; i < n; i++) {
        double x = -2.0 + 4.0 * rng_uniform(&r);
        double eps = noise * rng_gauss(&r);
        tmp.x[i] = x;
        if (kind == DATA_LINREG) {
            tmp.y[i] = 2.0 * x - 1.0 + eps;
        } else {
            double p = 1.0 / (1.0 + exp(-(3.0 * x + 0.5 + eps)));
            tmp.y[i] = rng_uniform(&r) < p ? 1.0 : 0.0;
        }
    }
    tmp.kind = kind;
    snprintf(tmp.origin, sizeof tmp.origin, "gen %s n=%d noise=%g seed=%llu",
             kind == DATA_LINREG ? "linreg" : "logreg", n, noise, (unsigned long long)seed);
    data_free(d);
    *d = tmp;
    return DS_OK;
}

/* Parse one number field; returns 0 and sets *out on success. */
static int parse_field(const char *s, double *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s) return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
        end++;
    if (*end || errno == ERANGE || !isfinite(v)) return -1;
    *out = v;
    return 0;
}

#define CSV_MAX_LINE  4096
#define CSV_MAX_BYTES (128L << 20) /* 1,000,000 rows at %.17g take about 50 MB */

/* Read one line (without its newline) into buf[0..CSV_MAX_LINE); returns its length,
 * -1 at the end of the file, -2 when it is too long, -3 at a NUL byte (not text). A
 * NUL must be caught here: fgets would hand back "" and /dev/zero would never end. */
static long read_line(FILE *f, char *buf, long *total)
{
    long n = 0;
    int ch;
    while ((ch = getc_unlocked(f)) != EOF) {
        ++*total;
        if (ch == '\n') break;
        if (ch == '\0') return -3;
        if (n == CSV_MAX_LINE - 1) return -2;
        buf[n++] = (char)ch;
    }
    if (ch == EOF && n == 0) return -1;
    buf[n] = '\0';
    return n;
}

ds_status data_load_csv(dataset *d, const char *path, ds_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f) return ds_err_set(err, DS_EIO, "%s: cannot open (%s)", path, strerror(errno));
    double *xs = NULL, *ys = NULL;
    int n = 0, cap = 0, lineno = 0, all_binary = 1;
    char line[CSV_MAX_LINE];
    long total = 0, len;
    ds_status st = DS_OK;
    while ((len = read_line(f, line, &total)) != -1) {
        lineno++;
        if (len == -3) {
            st = ds_err_set(err, DS_EIO, "%s:%d: a NUL byte: not a text file", path, lineno);
            goto out;
        }
        if (len == -2) {
            st = ds_err_set(err, DS_EIO, "%s:%d: line too long (over %d bytes)", path, lineno,
                            CSV_MAX_LINE - 2);
            goto out;
        }
        if (total > CSV_MAX_BYTES) {
            st = ds_err_set(err, DS_EIO,
                            "%s:%d: larger than %ld MB; a dataset holds at most %d "
                            "samples",
                            path, lineno, CSV_MAX_BYTES >> 20, DATA_MAX);
            goto out;
        }
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\r' || !*p) continue;
        char *comma = strchr(p, ',');
        if (!comma) {
            st = ds_err_set(err, DS_EIO, "%s:%d: expected two columns 'x,y', found no comma", path,
                            lineno);
            goto out;
        }
        *comma = '\0';
        if (strchr(comma + 1, ',')) {
            st = ds_err_set(err, DS_EIO, "%s:%d: expected two columns 'x,y', found more", path,
                            lineno);
            goto out;
        }
        double x, y;
        if (parse_field(p, &x) || parse_field(comma + 1, &y)) {
            if (n == 0 && lineno == 1) continue; /* a header line such as "x,y" */
            st = ds_err_set(err, DS_EIO, "%s:%d: '%s,%.*s' is not two finite numbers", path, lineno,
                            p, (int)strcspn(comma + 1, "\r\n"), comma + 1);
            goto out;
        }
        if (n == DATA_MAX) {
            st = ds_err_set(err, DS_EIO, "%s:%d: more than %d samples", path, lineno, DATA_MAX);
            goto out;
        }
        if (n == cap) {
            cap = cap ? (cap > DATA_MAX / 2 ? DATA_MAX : cap * 2) : 64;
            xs = ds_xrealloc(xs, sizeof(double) * (size_t)cap);
            ys = ds_xrealloc(ys, sizeof(double) * (size_t)cap);
        }
        xs[n] = x;
        ys[n] = y;
        if (y != 0 && y != 1) all_binary = 0;
        n++;
    }
    if (ferror(f)) {
        st = ds_err_set(err, DS_EIO, "%s: read error (%s)", path, strerror(errno));
        goto out;
    }
    if (n < 2) {
        st = ds_err_set(err, DS_EIO, "%s:%d: need at least 2 samples, found %d", path, lineno, n);
        goto out;
    }
    data_free(d);
    d->x = xs;
    d->y = ys;
    d->n = d->ntrain = n;
    d->kind = all_binary ? DATA_LOGREG : DATA_LINREG;
    snprintf(d->origin, sizeof d->origin, "load %s", path);
    xs = ys = NULL;
out:
    free(xs);
    free(ys);
    fclose(f);
    return st;
}

ds_status data_save_csv(const dataset *d, const char *path, ds_err *err)
{
    fileout w;
    ds_status st = fileout_open(&w, path, err);
    if (st != DS_OK) return st;
    fprintf(w.f, "x,y\n");
    for (int i = 0; i < d->n; i++)
        fprintf(w.f, "%.17g,%.17g\n", d->x[i], d->y[i]);
    return fileout_commit(&w, err); /* checks every fprintf above (ferror) */
}

ds_status data_split(dataset *d, double fraction, uint64_t seed, ds_err *err)
{
    if (!(fraction > 0 && fraction <= 1))
        return ds_err_set(err, DS_ERANGE,
                          "split fraction %g is out of range: use a number in (0, 1], e.g. 0.8",
                          fraction);
    int ntrain = (int)floor(fraction * d->n + 0.5);
    if (ntrain < 1 || (fraction < 1 && ntrain >= d->n))
        return ds_err_set(err, DS_ERANGE,
                          "split %g of %d samples leaves an empty part: choose a fraction that "
                          "keeps at least one sample on each side",
                          fraction, d->n);
    /* Fisher–Yates with the seeded generator: the same seed, the same split. */
    ds_rng r;
    rng_seed(&r, seed);
    for (int i = d->n - 1; i > 0; i--) {
        int j = rng_below(&r, i + 1);
        double tx = d->x[i], ty = d->y[i];
        d->x[i] = d->x[j];
        d->y[i] = d->y[j];
        d->x[j] = tx;
        d->y[j] = ty;
    }
    d->ntrain = ntrain;
    return DS_OK;
}
