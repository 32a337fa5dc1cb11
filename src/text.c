/* text.c — edit distance and nearest-name lookup for "did you mean ...?" messages. */
#include <string.h>

#include "descent/text.h"

#define TEXT_MAXLEN 64

int text_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > TEXT_MAXLEN || lb > TEXT_MAXLEN) return 99;
    int row[TEXT_MAXLEN + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = diag + cost;
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *text_nearest(const char *word, const char *const *cands, int n, int max_dist)
{
    const char *best = NULL;
    int best_d = max_dist + 1;
    for (int i = 0; n < 0 ? cands[i] != NULL : i < n; i++) {
        int d = text_edit_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best;
}
