/* expr_suggest.c — "did you mean" for a name the formula language does not know: the
 * spellings people reach for (ln, arcsin), case slips, products written without '*'
 * (xy), and otherwise the nearest known name by edit distance. */
#include <string.h>

#include "expr_internal.h"

/* Names people reach for that the language spells differently. */
static const struct {
    const char *from, *to;
} aliases[] = {
    {"ln", "log"},           {"arcsin", "asin"}, {"arccos", "acos"},
    {"arctan", "atan"},      {"fabs", "abs"},    {"power", "pow"},
    {"logistic", "sigmoid"}, {"sqr", "sqrt"},    {"exponent", "exp"},
};

/* Edit distance between s[0..n) and t, or a big number for long names. */
static int levenshtein(const char *s, size_t n, const char *t)
{
    int row[33], i, j, m = (int)strlen(t);
    if (n > 32 || m > 32) return 99;
    for (j = 0; j <= m; j++)
        row[j] = j;
    for (i = 1; i <= (int)n; i++) {
        int diag = row[0], best;
        row[0] = i;
        for (j = 1; j <= m; j++) {
            int up = row[j];
            best = diag + (s[i - 1] != t[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

static int same_ignoring_case(const char *s, size_t n, const char *t)
{
    size_t i;
    if (strlen(t) != n) return 0;
    for (i = 0; i < n; i++) {
        int a = s[i], b = t[i];
        if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
        if (a != b) return 0;
    }
    return 1;
}

/* Can the name be read as a product of variables, like "xy" for x*y? Writes "x*y". */
static int as_product(const char *s, size_t n, char *out, size_t outsz)
{
    size_t i = 0, o = 0;
    int parts = 0;
    while (i < n) {
        const char *part = s[i] == 'x' ? "x" : s[i] == 'y' ? "y" : NULL;
        if (!part && i + 1 < n && s[i] == 'p' && s[i + 1] == 'i') part = "pi";
        if (!part) return 0;
        if (o + strlen(part) + 2 > outsz) return 0;
        if (parts++) out[o++] = '*';
        memcpy(out + o, part, strlen(part));
        o += strlen(part);
        i += strlen(part);
    }
    out[o] = '\0';
    return parts >= 2;
}

/* The nearest known name to an unknown one, or NULL. `call` says it was written as a
 * call, so functions are preferred. */
const char *expr_suggest(const char *s, size_t n, int call, char *buf, size_t bufsz)
{
    const char *cands[F_COUNT + 8];
    const char *best = NULL;
    int nc = 0, i, d, bestd = 99, limit;
    size_t k;
    for (k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
        if (strlen(aliases[k].from) == n && memcmp(aliases[k].from, s, n) == 0)
            return aliases[k].to;
    for (i = 0; i < F_COUNT; i++)
        cands[nc++] = expr_function_names[i];
    if (!call) {
        for (i = 0; expr_constant_names[i]; i++)
            cands[nc++] = expr_constant_names[i];
        cands[nc++] = "x";
        cands[nc++] = "y";
    }
    for (i = 0; i < nc; i++)
        if (same_ignoring_case(s, n, cands[i])) return cands[i];
    if (!call && as_product(s, n, buf, bufsz)) return buf;
    /* short names are too easily "near" everything: allow one edit up to three letters */
    limit = n <= 3 ? 1 : 2;
    for (i = 0; i < nc; i++) {
        d = levenshtein(s, n, cands[i]);
        if (d < bestd) bestd = d, best = cands[i];
    }
    return bestd <= limit && bestd < (int)n ? best : NULL;
}
