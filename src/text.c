/* text.c — edit distance and nearest-name lookup for "did you mean ...?" messages, and
 * escaping the control characters of user text before it is echoed to a terminal. */
#include <stdio.h>
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

/* Bytes of the control starting at s (0 when none): C0 but tab/newline, DEL, C1. */
static size_t control_len(const unsigned char *s, size_t n, int allow_newline)
{
    if (s[0] == '\t' || (s[0] == '\n' && allow_newline)) return 0;
    if (s[0] < 0x20 || s[0] == 0x7f) return 1;
    if (n >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) return 2; /* U+0080..U+009F */
    return 0;
}

int text_find_control(const char *s, size_t n, int allow_newline, size_t *at)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        if (control_len(u + i, n - i, allow_newline)) {
            if (at) *at = i;
            return 1;
        }
    return 0;
}

void text_escape_controls(const char *in, char *out, size_t cap)
{
    if (cap == 0) return;
    const unsigned char *u = (const unsigned char *)in;
    size_t n = strlen(in), o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = control_len(u + i, n - i, 1);
        if (!k) {
            if (o + 1 >= cap) break;
            out[o++] = in[i++];
            continue;
        }
        if (o + 4 * k >= cap) break;
        for (size_t j = 0; j < k; j++, o += 4)
            snprintf(out + o, cap - o, "\\x%02X", u[i + j]);
        i += k;
    }
    out[o] = '\0';
}
