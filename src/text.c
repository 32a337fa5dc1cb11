/* text.c — edit distance and nearest-name lookup for "did you mean ...?" messages,
 * escaping the control characters of user text before it is echoed to a terminal, and
 * the one word wrapper every text area uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/text.h"
#include "descent/utf8.h"

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

const char *text_nearest_word(const char *word, const char *const *cands, int n)
{
    return text_nearest(word, cands, n, strlen(word) > 3 ? 2 : 1);
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

/* The length of s[0..n) cut back to the start of the character at n, if n falls inside
 * one (continuation bytes are 10xxxxxx). */
static size_t char_floor(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void text_escape_controls(const char *in, char *out, size_t cap)
{
    if (cap == 0) return;
    const unsigned char *u = (const unsigned char *)in;
    size_t n = strlen(in), o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = control_len(u + i, n - i, 1);
        if (!k) {
            if (o + 1 >= cap) {
                o -= i - char_floor(in, i); /* drop a character the cut left half copied */
                break;
            }
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

void text_copy(char *out, size_t cap, const char *in)
{
    size_t n = strlen(in);
    if (n >= cap) n = char_floor(in, cap - 1);
    memcpy(out, in, n);
    out[n] = '\0';
}

/* ---- wrapping ---------------------------------------------------------------------- */

/* Columns of s[a, b). */
static int span_cols(const char *s, size_t a, size_t b)
{
    int w = 0;
    while (a < b) {
        size_t k;
        w += utf8_char_width(s + a, b - a, &k);
        a += k;
    }
    return w;
}

/* Where continuation rows start for TEXT_HANG_AUTO (see text.h). */
static int auto_hang(const char *s, size_t n, int width)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    int lead = (int)i;
    for (; i + 2 < n; i++) {
        if (s[i] != ' ' || s[i + 1] != ' ') continue;
        size_t j = i;
        while (j < n && s[j] == ' ')
            j++;
        int col = span_cols(s, 0, j);
        if (j < n && col < width / 2) return col;
        break;
    }
    return lead < width / 2 ? lead : 0;
}

typedef struct {
    const char *s;
    size_t n;
    const text_wrap_opts *o;
    text_span *rows;
    int max, nrows;
    size_t a; /* where the open row starts (bytes) */
    size_t b; /* where its text ends so far */
    int col;  /* columns used on it, its indent included */
    int hang; /* indent of continuation rows */
} wrap_state;

static void close_row(wrap_state *w)
{
    if (w->nrows < w->max) {
        w->rows[w->nrows].a = w->a;
        w->rows[w->nrows].b = w->b;
        w->rows[w->nrows].indent = w->nrows ? w->hang : 0;
    }
    w->nrows++;
}

static void open_row(wrap_state *w, size_t at)
{
    close_row(w);
    w->a = w->b = at;
    w->col = w->hang;
}

/* Words [a, b) wider than a row: split between characters (a mark stays with its base). */
static void put_split(wrap_state *w, size_t a, size_t b)
{
    while (a < b) {
        size_t k;
        int cw = utf8_char_width(w->s + a, b - a, &k);
        if (cw > 0 && w->col + cw > w->o->width && w->col > w->hang) open_row(w, a);
        w->col += cw;
        a += k;
        w->b = a;
    }
}

int text_wrap_line(const char *s, size_t n, const text_wrap_opts *o, text_span *rows, int max)
{
    int width = o->width > 0 ? o->width : 1;
    text_wrap_opts opts = *o;
    opts.width = width;
    wrap_state w = {.s = s, .n = n, .o = &opts, .rows = rows, .max = max};
    w.hang = o->hang == TEXT_HANG_AUTO ? auto_hang(s, n, width) : o->hang;
    if (w.hang < 0 || w.hang >= width) w.hang = 0;
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (span_cols(s, 0, i) >= width) w.a = i; /* blanks wider than the row: drop them */
    w.b = i;
    w.col = span_cols(s, w.a, i);
    int first = 1;
    while (i < n) {
        /* A unit: words joined by blanks the caller says must not break. */
        size_t ua = i, ub = i;
        for (;;) {
            while (ub < n && s[ub] != ' ')
                ub++;
            size_t gap = ub;
            while (gap < n && s[gap] == ' ')
                gap++;
            if (gap < n && o->nobreak && o->nobreak(s, n, ub, o->ud)) {
                ub = gap;
                continue;
            }
            break;
        }
        int uw = span_cols(s, ua, ub);
        int gapw = first ? 0 : span_cols(s, w.b, ua);
        if (!first && w.col + gapw + uw > width) {
            open_row(&w, ua);
            gapw = 0;
        }
        w.col += gapw;
        if (w.col + uw <= width) {
            w.col += uw;
            w.b = ub;
        } else
            put_split(&w, ua, ub);
        first = 0;
        i = ub;
        while (i < n && s[i] == ' ')
            i++;
    }
    close_row(&w);
    return w.nrows;
}

void text_wrap(sbuf *out, const char *text, int indent, int width, int hang)
{
    text_wrap_opts o = {.width = width - indent, .hang = hang};
    text_span stack[64], *rows = stack;
    int cap = 64;
    for (const char *p = text;;) {
        size_t n = strcspn(p, "\n");
        int nr = text_wrap_line(p, n, &o, rows, cap);
        if (nr > cap) { /* a long line: room for all its rows, then again */
            text_span *more = ds_xmalloc((size_t)nr * sizeof *more);
            if (more) {
                if (rows != stack) free(rows);
                rows = more;
                cap = nr;
                nr = text_wrap_line(p, n, &o, rows, cap);
            } else
                nr = cap;
        }
        for (int r = 0; r < nr; r++) {
            sbuf_printf(out, "%*s", indent + rows[r].indent, "");
            sbuf_putn(out, p + rows[r].a, rows[r].b - rows[r].a);
            sbuf_puts(out, "\n");
        }
        if (!p[n]) break;
        p += n + 1;
    }
    if (rows != stack) free(rows);
}
