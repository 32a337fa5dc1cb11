/* lesson_wrap.c — lesson text for a pane of a given width: display columns measured
 * per character (Hangul counts 2), paragraphs reflowed, formula lines kept, and the
 * *emphasis* / `code` markup kept as text or turned into zero-width toggles. */
#include <stdlib.h>
#include <string.h>

#include "descent/lesson.h"
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

typedef struct {
    sbuf *out;
    int width;    /* columns available */
    int marks;    /* LESSON_WRAP_MARKS */
    int col;      /* columns used on the current output line */
    int hang;     /* indent of continuation lines */
    int em, code; /* open spans (marks mode) */
    sbuf line;    /* the output line being built */
} wrapper;

static void open_spans(wrapper *w)
{
    if (w->em) sbuf_putn(&w->line, "\x01", 1);
    if (w->code) sbuf_putn(&w->line, "\x02", 1);
}

static void end_line(wrapper *w)
{
    /* Close spans that continue so every output line is balanced. */
    if (w->marks && w->code) sbuf_putn(&w->line, "\x02", 1);
    if (w->marks && w->em) sbuf_putn(&w->line, "\x01", 1);
    /* Trailing spaces off (before any closing marks they are harmless; keep it simple). */
    const char *d = sbuf_str(&w->line);
    size_t n = w->line.len;
    while (n && d[n - 1] == ' ')
        n--;
    sbuf_putn(w->out, d, n);
    sbuf_puts(w->out, "\n");
    sbuf_reset(&w->line);
    w->col = 0;
}

static void new_line(wrapper *w)
{
    end_line(w);
    for (int i = 0; i < w->hang; i++)
        sbuf_puts(&w->line, " ");
    w->col = w->hang;
    if (w->marks) open_spans(w);
}

/* Mark toggles found for one logical line: byte offsets that are markup. */
typedef struct {
    unsigned char *is_mark; /* per byte: 0 text, 1 emphasis toggle, 2 code toggle */
} markup;

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

/* Columns of bytes [a, b) of s, markup excluded in marks mode. */
static int span_width(const wrapper *w, const char *s, const unsigned char *m, size_t a, size_t b)
{
    int width = 0;
    size_t i = a;
    while (i < b) {
        if (w->marks && m[i]) {
            i++;
            continue;
        }
        size_t len;
        width += utf8_char_width(s + i, b - i, &len);
        i += len;
    }
    return width;
}

/* Append bytes [a, b) of s to the line, turning markup into toggles in marks mode. */
static void put_span(wrapper *w, const char *s, const unsigned char *m, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (w->marks && m[i] == 1) {
            w->em = !w->em;
            sbuf_putn(&w->line, "\x01", 1);
        } else if (w->marks && m[i] == 2) {
            w->code = !w->code;
            sbuf_putn(&w->line, "\x02", 1);
        } else {
            sbuf_putn(&w->line, s + i, 1);
        }
    }
}

/* A word wider than a whole line: split it between characters. */
static void put_long_word(wrapper *w, const char *s, const unsigned char *m, size_t a, size_t b)
{
    size_t i = a;
    while (i < b) {
        size_t len = 1;
        int cw = 0;
        if (!(w->marks && m[i])) cw = utf8_char_width(s + i, b - i, &len);
        if (cw > 0 && w->col + cw > w->width && w->col > w->hang) new_line(w);
        put_span(w, s, m, i, i + len);
        w->col += cw;
        i += len;
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

typedef struct {
    size_t a, b; /* bytes [a, b) of the logical line */
    size_t gap;  /* spaces before it, as typed */
    int width;   /* its columns */
    int glue;    /* 1: no line break allowed before it */
} word;

/* Put words [i, j) on the current line(s): a unit that fits moves to a new line as a
 * whole; a word wider than a line is split between characters. */
static void put_words(wrapper *w, const char *s, const unsigned char *m, const word *wd, size_t i,
                      size_t j, int first)
{
    for (size_t k = i; k < j; k++) {
        if (!(first && k == i)) {
            if (w->col + (int)wd[k].gap + wd[k].width > w->width) {
                new_line(w);
            } else {
                for (size_t g = 0; g < wd[k].gap; g++)
                    sbuf_puts(&w->line, " ");
                w->col += (int)wd[k].gap;
            }
        }
        if (w->col + wd[k].width > w->width) {
            put_long_word(w, s, m, wd[k].a, wd[k].b);
        } else {
            put_span(w, s, m, wd[k].a, wd[k].b);
            w->col += wd[k].width;
        }
    }
}

/* Wrap one logical line (a reflowed paragraph or a kept line). */
static void wrap_logical(wrapper *w, const char *s, size_t n, int hang)
{
    unsigned char stack[512];
    unsigned char *m = n <= sizeof stack ? stack : malloc(n);
    word wstack[128];
    word *wd =
        n / 2 + 1 <= sizeof wstack / sizeof wstack[0] ? wstack : malloc((n / 2 + 1) * sizeof *wd);
    if (!m || !wd) {
        if (m != stack) free(m);
        if (wd != wstack) free(wd);
        return;
    }
    find_markup(s, n, m);
    size_t i = 0;
    /* Leading spaces are the line's own indent. */
    while (i < n && s[i] == ' ')
        i++;
    if ((int)i >= w->width) i = 0;
    for (size_t k = 0; k < i; k++)
        sbuf_puts(&w->line, " ");
    w->col = (int)i;
    w->hang = hang >= 0 && hang < w->width / 2 ? hang : 0;
    w->em = w->code = 0;

    /* Words: up to the next space outside a `code span`; spaces kept as typed. */
    size_t nw = 0, gap = 0;
    while (i < n) {
        word *x = &wd[nw++];
        x->a = i;
        x->gap = gap;
        int in_code = 0;
        while (i < n && (in_code || s[i] != ' ')) {
            if (m[i] == 2) in_code = !in_code;
            i++;
        }
        x->b = i;
        x->width = span_width(w, s, m, x->a, x->b);
        x->glue = 0;
        for (gap = 0; i < n && s[i] == ' '; i++)
            gap++;
    }
    for (size_t k = 1; k < nw; k++)
        wd[k].glue = is_operator(s + wd[k].a, wd[k].b - wd[k].a) ||
                     is_operator(s + wd[k - 1].a, wd[k - 1].b - wd[k - 1].a);

    /* Units: words joined by glue. One that fits a line is never split. */
    for (size_t k = 0; k < nw;) {
        size_t e = k + 1;
        int uw = wd[k].width;
        while (e < nw && wd[e].glue)
            uw += (int)wd[e].gap + wd[e].width, e++;
        int room = w->width - w->col - (k ? (int)wd[k].gap : 0);
        if (k > 0 && uw > room && uw <= w->width - w->hang) {
            new_line(w);
            put_words(w, s, m, wd, k, e, 1);
        } else {
            put_words(w, s, m, wd, k, e, k == 0);
        }
        k = e;
    }
    end_line(w);
    if (m != stack) free(m);
    if (wd != wstack) free(wd);
}

void lesson_wrap(const char *text, int width, unsigned flags, sbuf *out)
{
    wrapper w = {.out = out, .width = width < 8 ? 8 : width, .marks = (flags & 1) != 0};
    sbuf_init(&w.line);
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
    sbuf_free(&w.line);
}
