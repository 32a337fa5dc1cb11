/* lesson_wrap.c — lesson text for a pane of a given width: display columns measured
 * per character (Hangul counts 2), paragraphs reflowed, formula lines kept, and the
 * *emphasis* / `code` markup kept as text or turned into zero-width toggles. */
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/lesson.h"
#include "descent/text.h"
#include "descent/utf8.h"

/* ---------------------------------------------------------------- logical lines */

/* A line that starts a new output line instead of joining the paragraph: indented
 * (formula), a bullet, or a lettered choice. Returns the hanging indent for its
 * continuation lines (-1: joins the paragraph). */
static int line_start_indent(const char *s, size_t n)
{
    size_t sp = 0;
    while (sp < n && s[sp] == ' ')
        sp++;
    if (sp > 0) {
        const char *t = s + sp;
        size_t left = n - sp;
        if (left >= 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ') return (int)sp + 2;
        if (left >= 4 && !strncmp(t, "• ", 4)) return (int)sp + 2;
        return (int)sp;
    }
    if (n >= 2 && s[0] == '-' && s[1] == ' ') return 2;
    if (n >= 4 && !strncmp(s, "• ", 4)) return 2;
    if (n >= 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ') return 3;
    if (n >= 3 && s[0] >= '0' && s[0] <= '9' && (s[1] == '.' || s[1] == ')') && s[2] == ' ')
        return 3;
    return -1;
}

/* ---------------------------------------------------------------- wrapping */

/* The wrapping itself is the core's one wrapper (text_wrap_line); this file decides
 * what a logical line is, where a line must not break (code spans, lone operators) and
 * turns *emphasis* / `code` into zero-width toggles balanced on every row. */

typedef struct {
    sbuf *out;
    int width; /* columns available */
    int marks; /* LESSON_WRAP_MARKS */
} wrapper;

/* Pair *emphasis* and `code` in a logical line. A backtick opens code when another
 * follows; inside code nothing else is markup. A '*' opens emphasis when a non-space
 * follows it and a closing '*' (after a non-space) comes later before the line ends. */
static void find_markup(const char *s, size_t n, unsigned char *m)
{
    memset(m, 0, n);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '`') {
            const char *close = memchr(s + i + 1, '`', n - i - 1);
            if (!close) continue;
            size_t j = (size_t)(close - s);
            m[i] = m[j] = 2;
            i = j;
        } else if (s[i] == '*' && i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '*' &&
                   (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' || s[i - 1] == '"')) {
            for (size_t j = i + 2; j < n; j++) {
                if (s[j] == '`') break;
                if (s[j] == '*' && s[j - 1] != ' ') {
                    m[i] = m[j] = 1;
                    i = j;
                    break;
                }
            }
        }
    }
}

/* A word that is only an operator or a dash ("=", "≈", "⇒", "+", "—"): lines should
 * neither end nor start with it, so it sticks to its neighbours ("J = ½x²"). */
static int is_operator(const char *s, size_t n)
{
    static const char *const ops[] = {"=", "≈", "≠", "<", ">", "≤", "≥", "→", "⇒",
                                      "⇔", "←", "↦", "+", "−", "-", "×", "·", "/",
                                      "*", "±", "∝", "—", "–", "|", NULL};
    for (int i = 0; ops[i]; i++)
        if (strlen(ops[i]) == n && memcmp(ops[i], s, n) == 0) return 1;
    return 0;
}

/* What the break rule needs: the line's markup (code spans hold blanks that never break). */
typedef struct {
    const unsigned char *m;
} glue_ctx;

/* text_wrap_opts.nobreak: no break inside a code span, nor next to a lone operator. */
static int lesson_nobreak(const char *s, size_t n, size_t at, void *ud)
{
    const glue_ctx *g = ud;
    int in_code = 0;
    for (size_t i = 0; i < at; i++)
        if (g->m[i] == 2) in_code = !in_code;
    if (in_code) return 1;
    size_t a = at;
    while (a > 0 && s[a - 1] != ' ')
        a--;
    size_t b = at;
    while (b < n && s[b] == ' ')
        b++;
    size_t e = b;
    while (e < n && s[e] != ' ')
        e++;
    return is_operator(s + a, at - a) || is_operator(s + b, e - b);
}

/* Wrap one logical line (a reflowed paragraph or a kept line). */
static void wrap_logical(wrapper *w, const char *src, size_t n, int hang)
{
    unsigned char mstack[512];
    char sstack[512];
    text_span rstack[32];
    unsigned char *m = n <= sizeof mstack ? mstack : ds_xmalloc(n);
    char *s = n <= sizeof sstack ? sstack : ds_xmalloc(n);
    if (!m || !s) goto done;
    find_markup(src, n, m);
    /* In marks mode markup becomes the zero-width toggles the pane reads. */
    for (size_t i = 0; i < n; i++)
        s[i] = w->marks && m[i] ? (m[i] == 1 ? LESSON_MARK_EM : LESSON_MARK_CODE) : src[i];
    glue_ctx g = {m};
    text_wrap_opts o = {.width = w->width,
                        .hang = hang >= 0 && hang < w->width / 2 ? hang : 0,
                        .nobreak = lesson_nobreak,
                        .ud = &g};
    int nr = text_wrap_line(s, n, &o, rstack, 32);
    text_span *rows = nr <= 32 ? rstack : ds_xmalloc((size_t)nr * sizeof *rows);
    if (!rows) goto done;
    if (rows != rstack) text_wrap_line(s, n, &o, rows, nr);
    int em = 0, code = 0; /* spans open at the start of the row */
    for (int r = 0; r < nr; r++) {
        for (int i = 0; i < rows[r].indent; i++)
            sbuf_puts(w->out, " ");
        if (w->marks && em) sbuf_putn(w->out, "\x01", 1);
        if (w->marks && code) sbuf_putn(w->out, "\x02", 1);
        size_t a = rows[r].a, b = rows[r].b;
        for (size_t i = a; i < b; i++) {
            if (w->marks && m[i] == 1) em = !em;
            if (w->marks && m[i] == 2) code = !code;
        }
        while (b > a && s[b - 1] == ' ')
            b--;
        sbuf_putn(w->out, s + a, b - a);
        /* Close spans that continue so every output line is balanced. */
        if (w->marks && code) sbuf_putn(w->out, "\x02", 1);
        if (w->marks && em) sbuf_putn(w->out, "\x01", 1);
        sbuf_puts(w->out, "\n");
    }
    if (rows != rstack) free(rows);
done:
    if (m != mstack) free(m);
    if (s != sstack) free(s);
}

void lesson_wrap(const char *text, int width, unsigned flags, sbuf *out)
{
    wrapper w = {.out = out, .width = width < 8 ? 8 : width, .marks = (flags & 1) != 0};
    sbuf para;
    sbuf_init(&para);
    int para_hang = -1, para_bullet = 0, have = 0;
    const char *s = text ? text : "";
    for (;;) {
        size_t n = strcspn(s, "\n");
        /* Tabs become spaces. */
        char tmp[4096];
        size_t tn = 0;
        for (size_t i = 0; i < n && tn + 4 < sizeof tmp; i++) {
            if (s[i] == '\t') {
                memcpy(tmp + tn, "    ", 4);
                tn += 4;
            } else if (s[i] != '\r') {
                tmp[tn++] = s[i];
            }
        }
        while (tn && tmp[tn - 1] == ' ')
            tn--;
        int blank = tn == 0;
        int hang = blank ? -1 : line_start_indent(tmp, tn);
        /* A list item continues on lines indented to its text. */
        size_t sp = 0;
        while (sp < tn && tmp[sp] == ' ')
            sp++;
        if (have && para_bullet && !blank && (int)sp == para_hang && hang == (int)sp) hang = -1;
        if (have && (blank || hang >= 0)) {
            wrap_logical(&w, sbuf_str(&para), para.len, para_hang);
            sbuf_reset(&para);
            have = 0;
        }
        if (blank) {
            if (s[n] == '\0') break;
            sbuf_puts(out, "\n");
        } else if (!have) {
            sbuf_putn(&para, tmp, tn);
            para_hang = hang;
            para_bullet = hang > (int)sp; /* a marker, not just an indent */
            have = 1;
        } else {
            sbuf_puts(&para, " ");
            size_t k = 0;
            while (k < tn && tmp[k] == ' ')
                k++;
            sbuf_putn(&para, tmp + k, tn - k);
        }
        if (s[n] == '\0') break;
        s += n + 1;
    }
    if (have) wrap_logical(&w, sbuf_str(&para), para.len, para_hang);
    sbuf_free(&para);
}
