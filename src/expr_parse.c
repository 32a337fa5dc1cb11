/* expr_parse.c — reading a formula in x and y: the names it knows, the tokenizer, a
 * recursive-descent parser that builds a small tree (folding constants as it goes), and
 * error messages that say what was wrong and what to write instead. */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "descent/utf8.h"
#include "expr_internal.h"

#define EXPR_MAX_LEN  4096 /* bytes of source */
#define EXPR_MAX_NEST 256  /* parentheses, calls and ^ exponents inside one another */
#define QUOTE_MAX     12   /* bytes of a token quoted in a message before "…" */

/* ------------------------------------------------------------------------------------ */
/* The language's names                                                                   */
/* ------------------------------------------------------------------------------------ */

static const struct {
    const char *name;
    int arity;
    binop bop;
} fn_table[] = {
#define FN_ROW(id, name, arity, bop) {name, arity, bop},
    FN_LIST(FN_ROW)
#undef FN_ROW
};

const char *const expr_function_names[] = {
#define FN_NAME(id, name, arity, bop) name,
    FN_LIST(FN_NAME)
#undef FN_NAME
        NULL};

const char *const expr_constant_names[] = {"pi", "e", NULL};
static const double constant_values[] = {M_PI, M_E};

/* Unicode look-alikes a learner may paste, and what to type instead. */
static const struct {
    const char *ch, *write;
} lookalikes[] = {
    {"×", "*"}, {"·", "*"},  {"∙", "*"},  {"÷", "/"},  {"−", "-"},
    {"–", "-"}, {"π", "pi"}, {"²", "^2"}, {"³", "^3"}, {"√", "sqrt(...)"},
};

/* ------------------------------------------------------------------------------------ */
/* The parser                                                                             */
/* ------------------------------------------------------------------------------------ */

typedef enum {
    T_END,
    T_NUM,
    T_NAME,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_CARET,
    T_LPAREN,
    T_RPAREN,
    T_COMMA
} toktype;

typedef struct {
    toktype type;
    size_t pos, len; /* bytes in the source */
    double num;      /* T_NUM */
} token;

typedef struct {
    const char *src; /* the formula */
    char *scratch;   /* writable copy, so a number can be NUL-terminated for strtod */
    size_t len;      /* strlen(src) */
    token tok;       /* the lookahead */
    size_t prev_end; /* byte after the previous token: where the last operand ended */
    node *nodes;     /* the tree, children before parents */
    int nnodes, cap;
    int depth; /* current nesting of parentheses, calls and exponents */
    ds_err *err;
} parser;

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}
static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The 1-based column of byte `pos`, counting characters rather than bytes. */
static int column_of(const parser *p, size_t pos)
{
    size_t i = 0;
    int col = 1;
    while (i < pos && i < p->len) {
        size_t n = utf8_len(p->src + i, p->len - i);
        i += n ? n : 1; /* garbage still advances one column per byte */
        col++;
    }
    return col;
}

/* Record an error; always returns -1 so parse functions can `return expr_fail(...)`. */
static int expr_fail(parser *p, ds_status code, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int expr_fail(parser *p, ds_status code, size_t pos, const char *fmt, ...)
{
    char msg[sizeof p->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap); /* fmt is marked by `make pot` (expr_fail:4) */
    va_end(ap);
    if (p->err) ds_err_at(p->err, code, p->src, column_of(p, pos), "%s", msg);
    return -1;
}

/* Copy source bytes [pos, pos+len) into out, cut at QUOTE_MAX bytes with "…". Tokens
 * are ASCII, so the cut never splits a character. */
static void quote(const parser *p, size_t pos, size_t len, char *out, size_t outsz)
{
    if (len > QUOTE_MAX)
        snprintf(out, outsz, "%.*s…", QUOTE_MAX, p->src + pos);
    else
        snprintf(out, outsz, "%.*s", (int)len, p->src + pos);
}

static int unexpected(parser *p)
{
    char q[64];
    if (p->tok.type == T_END)
        return expr_fail(p, DS_ESYNTAX, p->tok.pos, "unexpected end of formula at column %d",
                         column_of(p, p->tok.pos));
    quote(p, p->tok.pos, p->tok.len, q, sizeof q);
    return expr_fail(p, DS_ESYNTAX, p->tok.pos, "unexpected '%s' at column %d", q,
                     column_of(p, p->tok.pos));
}

static int bad_character(parser *p, size_t i)
{
    const unsigned char *s = (const unsigned char *)p->src + i;
    size_t n = utf8_len((const char *)s, p->len - i), k;
    char q[16], hint[48] = "";
    int col = column_of(p, i);
    if (n > 1) {
        snprintf(q, sizeof q, "%.*s", (int)n, (const char *)s);
        for (k = 0; k < sizeof lookalikes / sizeof lookalikes[0]; k++)
            if (strcmp(q, lookalikes[k].ch) == 0)
                snprintf(hint, sizeof hint, " (write %s instead)", lookalikes[k].write);
    } else if (s[0] > 0x20 && s[0] < 0x7F) {
        snprintf(q, sizeof q, "%c", s[0]);
    } else {
        /* control bytes and broken UTF-8 would garble a terminal: show them escaped */
        snprintf(q, sizeof q, "\\x%02X", s[0]);
    }
    return expr_fail(p, DS_ESYNTAX, i, "unexpected character '%s' at column %d%s", q, col, hint);
}

/* Advance to the next token. Returns 0 (with the error filled) on a bad character or an
 * overflowing number. */
static int lex(parser *p)
{
    const char *s = p->src;
    size_t i = p->tok.pos + p->tok.len, j;
    p->prev_end = i;
    while (i < p->len && is_space((unsigned char)s[i]))
        i++;
    p->tok.pos = i;
    p->tok.len = 0;
    if (i >= p->len) {
        p->tok.type = T_END;
        return 1;
    }
    if (is_digit(s[i]) || (s[i] == '.' && is_digit(s[i + 1]))) {
        char save;
        j = i;
        while (is_digit(s[j]))
            j++;
        if (s[j] == '.') {
            j++;
            while (is_digit(s[j]))
                j++;
        }
        if (s[j] == 'e' || s[j] == 'E') {
            size_t k = j + 1;
            if (s[k] == '+' || s[k] == '-') k++;
            if (is_digit(s[k])) {
                j = k;
                while (is_digit(s[j]))
                    j++;
            }
        }
        /* strtod reads only our token (not "0x1p3" or "inf") once it is cut off here */
        save = p->scratch[j];
        p->scratch[j] = '\0';
        p->tok.num = strtod(p->scratch + i, NULL);
        p->scratch[j] = save;
        p->tok.type = T_NUM;
        p->tok.len = j - i;
        if (isinf(p->tok.num)) {
            expr_fail(p, DS_ESYNTAX, i, "number too large at column %d", column_of(p, i));
            return 0;
        }
        return 1;
    }
    if (is_alpha(s[i])) {
        j = i;
        while (is_alpha(s[j]) || is_digit(s[j]))
            j++;
        p->tok.type = T_NAME;
        p->tok.len = j - i;
        return 1;
    }
    p->tok.len = 1;
    switch (s[i]) {
    case '+': p->tok.type = T_PLUS; return 1;
    case '-': p->tok.type = T_MINUS; return 1;
    case '*': p->tok.type = T_STAR; return 1;
    case '/': p->tok.type = T_SLASH; return 1;
    case '^': p->tok.type = T_CARET; return 1;
    case '(': p->tok.type = T_LPAREN; return 1;
    case ')': p->tok.type = T_RPAREN; return 1;
    case ',': p->tok.type = T_COMMA; return 1;
    default:
        p->tok.len = 0;
        bad_character(p, i);
        return 0;
    }
}

/* Enter one level of nesting; the limit keeps recursion (and the tree) bounded. */
static int enter(parser *p)
{
    if (++p->depth > EXPR_MAX_NEST) {
        expr_fail(p, DS_ESYNTAX, p->tok.pos, "formula nested too deeply at column %d",
                  column_of(p, p->tok.pos));
        return 0;
    }
    return 1;
}

/* ---- building nodes (with constant folding) ---- */

static int new_node(parser *p, nodekind kind, int op, int a, int b, double k)
{
    node *n;
    if (p->nnodes >= p->cap)
        return expr_fail(p, DS_ESYNTAX, p->tok.pos, "formula too complex at column %d",
                         column_of(p, p->tok.pos));
    n = &p->nodes[p->nnodes];
    n->kind = (unsigned char)kind;
    n->op = (unsigned char)op;
    n->a = a, n->b = b, n->k = k;
    n->need = 0; /* expr_compile.c numbers the tree */
    return p->nnodes++;
}

static int make_neg(parser *p, int a)
{
    if (p->nodes[a].kind == N_NUM) {
        p->nodes[a].k = -p->nodes[a].k;
        return a;
    }
    return new_node(p, N_NEG, 0, a, a, 0);
}

static int make_fn1(parser *p, int fn, int a)
{
    if (p->nodes[a].kind == N_NUM) {
        p->nodes[a].k = expr_fn1_value(fn, p->nodes[a].k);
        return a;
    }
    return new_node(p, N_FN1, fn, a, a, 0);
}

static int make_bin(parser *p, binop op, int a, int b)
{
    if (p->nodes[a].kind == N_NUM && p->nodes[b].kind == N_NUM) {
        p->nodes[a].k = expr_bin_value(op, p->nodes[a].k, p->nodes[b].k);
        return a;
    }
    return new_node(p, N_BIN, op, a, b, 0);
}

/* ---- names ---- */

typedef enum { NAME_NONE, NAME_X, NAME_Y, NAME_CONST, NAME_FN } namekind;

static namekind lookup(const char *s, size_t n, int *index)
{
    int i;
    if (n == 1 && s[0] == 'x') return NAME_X;
    if (n == 1 && s[0] == 'y') return NAME_Y;
    for (i = 0; expr_constant_names[i]; i++)
        if (strlen(expr_constant_names[i]) == n && memcmp(expr_constant_names[i], s, n) == 0) {
            *index = i;
            return NAME_CONST;
        }
    for (i = 0; i < F_COUNT; i++)
        if (strlen(fn_table[i].name) == n && memcmp(fn_table[i].name, s, n) == 0) {
            *index = i;
            return NAME_FN;
        }
    return NAME_NONE;
}

static int unknown_name(parser *p, int call)
{
    char q[40], buf[48];
    const char *s = p->src + p->tok.pos, *near;
    size_t n = p->tok.len;
    int col = column_of(p, p->tok.pos);
    if (n > 32)
        snprintf(q, sizeof q, "%.*s…", 24, s);
    else
        snprintf(q, sizeof q, "%.*s", (int)n, s);
    near = expr_suggest(s, n, call, buf, sizeof buf);
    if (near)
        return expr_fail(p, DS_EUNKNOWN, p->tok.pos,
                         "unknown name '%s' at column %d — did you mean '%s'?", q, col, near);
    return expr_fail(p, DS_EUNKNOWN, p->tok.pos,
                     "unknown name '%s' at column %d — formulas use x, y, pi, e and functions like "
                     "sin, exp, log",
                     q, col);
}

/* ---- the hint for implicit multiplication ---- */

/* Byte after the parenthesis closing the one at `open` (or the end of the source). */
static size_t matching_paren(const parser *p, size_t open)
{
    size_t i;
    int level = 0;
    for (i = open; i < p->len; i++) {
        if (p->src[i] == '(')
            level++;
        else if (p->src[i] == ')' && --level == 0)
            return i + 1;
    }
    return p->len;
}

/* Source text of an operand for a hint: verbatim when short, otherwise abbreviated. */
static void operand_text(const parser *p, size_t start, size_t end, char *out, size_t outsz)
{
    size_t i = start;
    if (end - start <= 24) {
        snprintf(out, outsz, "%.*s", (int)(end - start), p->src + start);
        return;
    }
    while (i < end && (is_alpha(p->src[i]) || is_digit(p->src[i])))
        i++;
    if (i == start)
        snprintf(out, outsz, "(…)");
    else if (i < end)
        snprintf(out, outsz, "%.*s(…)", (int)(i - start > 16 ? 16 : i - start), p->src + start);
    else
        quote(p, start, end - start, out, outsz);
}

static int missing_operator(parser *p, size_t left_start)
{
    char q[64], l[64], r[64];
    size_t rend = p->tok.pos + p->tok.len, i;
    if (p->tok.type == T_LPAREN) rend = matching_paren(p, p->tok.pos);
    if (p->tok.type == T_NAME) {
        for (i = rend; i < p->len && is_space((unsigned char)p->src[i]); i++)
            ;
        if (i < p->len && p->src[i] == '(') rend = matching_paren(p, i);
    }
    quote(p, p->tok.pos, p->tok.len, q, sizeof q);
    operand_text(p, left_start, p->prev_end, l, sizeof l);
    operand_text(p, p->tok.pos, rend, r, sizeof r);
    return expr_fail(p, DS_ESYNTAX, p->tok.pos,
                     "missing operator before '%s' at column %d (write %s*%s)", q,
                     column_of(p, p->tok.pos), l, r);
}

/* ---- grammar ----
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('+' | '-')* power
 *   power   := primary ('^' unary)?          right-associative, tighter than unary minus
 *   primary := number | x | y | pi | e | name '(' args ')' | '(' expr ')'            */

static int parse_expr(parser *p);
static int parse_unary(parser *p);

/* The ')' that closes a group or a call's arguments, leaving its nesting level: 0, or
 * -1 with the error (a formula that ends first says which column lacks it). */
static int close_paren(parser *p)
{
    if (p->tok.type == T_END)
        return expr_fail(p, DS_ESYNTAX, p->tok.pos, "missing ')' at column %d",
                         column_of(p, p->tok.pos));
    if (p->tok.type != T_RPAREN) return unexpected(p);
    if (!lex(p)) return -1;
    p->depth--;
    return 0;
}

static int parse_call(parser *p, int fn)
{
    size_t name_pos = p->tok.pos;
    int args[2] = {-1, -1}, nargs = 0, a, want = fn_table[fn].arity;
    if (!lex(p)) return -1; /* past the name */
    if (p->tok.type != T_LPAREN) {
        char q[64];
        if (p->tok.type != T_NUM && p->tok.type != T_NAME)
            return expr_fail(p, DS_ESYNTAX, p->tok.pos, "missing '(' after '%s' at column %d",
                             fn_table[fn].name, column_of(p, p->tok.pos));
        quote(p, p->tok.pos, p->tok.len, q, sizeof q);
        return expr_fail(p, DS_ESYNTAX, p->tok.pos,
                         "missing '(' after '%s' at column %d (write %s(%s))", fn_table[fn].name,
                         column_of(p, p->tok.pos), fn_table[fn].name, q);
    }
    if (!enter(p) || !lex(p)) return -1;
    if (p->tok.type != T_RPAREN) {
        for (;;) {
            if ((a = parse_expr(p)) < 0) return -1;
            if (nargs < 2) args[nargs] = a;
            nargs++;
            if (p->tok.type != T_COMMA) break;
            if (!lex(p)) return -1;
        }
    }
    if (close_paren(p) < 0) return -1;
    if (nargs != want)
        return expr_fail(p, DS_ESYNTAX, name_pos, "'%s' needs %d argument%s, got %d at column %d",
                         fn_table[fn].name, want, want == 1 ? "" : "s", nargs,
                         column_of(p, name_pos));
    if (want == 1) return make_fn1(p, fn, args[0]);
    return make_bin(p, fn_table[fn].bop, args[0], args[1]);
}

static int parse_primary(parser *p)
{
    int a, index = 0;
    namekind kind;
    switch (p->tok.type) {
    case T_NUM: a = new_node(p, N_NUM, 0, 0, 0, p->tok.num); return a < 0 || !lex(p) ? -1 : a;
    case T_NAME:
        kind = lookup(p->src + p->tok.pos, p->tok.len, &index);
        if (kind == NAME_FN) return parse_call(p, index);
        if (kind == NAME_NONE) {
            size_t i = p->tok.pos + p->tok.len;
            while (i < p->len && is_space((unsigned char)p->src[i]))
                i++;
            return unknown_name(p, i < p->len && p->src[i] == '(');
        }
        a = kind == NAME_X   ? new_node(p, N_X, 0, 0, 0, 0)
            : kind == NAME_Y ? new_node(p, N_Y, 0, 0, 0, 0)
                             : new_node(p, N_NUM, 0, 0, 0, constant_values[index]);
        if (a < 0) return -1;
        {
            size_t name_pos = p->tok.pos, name_len = p->tok.len;
            if (!lex(p)) return -1;
            if (p->tok.type == T_LPAREN)
                return expr_fail(p, DS_ESYNTAX, name_pos, "'%.*s' is not a function at column %d",
                                 (int)name_len, p->src + name_pos, column_of(p, name_pos));
        }
        return a;
    case T_LPAREN:
        if (!enter(p) || !lex(p)) return -1;
        if ((a = parse_expr(p)) < 0) return -1;
        return close_paren(p) < 0 ? -1 : a;
    default: return unexpected(p);
    }
}

static int parse_power(parser *p)
{
    size_t start = p->tok.pos;
    int a = parse_primary(p), b;
    if (a < 0) return -1;
    /* an operand directly after an operand: the learner meant to multiply */
    if (p->tok.type == T_NUM || p->tok.type == T_NAME || p->tok.type == T_LPAREN)
        return missing_operator(p, start);
    if (p->tok.type != T_CARET) return a;
    if (!enter(p) || !lex(p)) return -1;
    if ((b = parse_unary(p)) < 0) return -1;
    p->depth--;
    return make_bin(p, B_POW, a, b);
}

static int parse_unary(parser *p)
{
    int neg = 0, a;
    /* a loop, not recursion: "- - - x" costs no stack */
    while (p->tok.type == T_MINUS || p->tok.type == T_PLUS) {
        neg ^= p->tok.type == T_MINUS;
        if (!lex(p)) return -1;
    }
    if ((a = parse_power(p)) < 0) return -1;
    return neg ? make_neg(p, a) : a;
}

/* One left-associative level of binary operators: operands parsed by `operand`, joined
 * by token t1 (operation op1) or t2 (op2). */
static int parse_left_assoc(parser *p, int (*operand)(parser *), int t1, binop op1, int t2,
                            binop op2)
{
    int a = operand(p), b;
    while (a >= 0 && ((int)p->tok.type == t1 || (int)p->tok.type == t2)) {
        binop op = (int)p->tok.type == t1 ? op1 : op2;
        if (!lex(p) || (b = operand(p)) < 0) return -1;
        a = make_bin(p, op, a, b);
    }
    return a;
}

static int parse_term(parser *p)
{
    return parse_left_assoc(p, parse_unary, T_STAR, B_MUL, T_SLASH, B_DIV);
}

static int parse_expr(parser *p)
{
    return parse_left_assoc(p, parse_term, T_PLUS, B_ADD, T_MINUS, B_SUB);
}

/* The whole formula: one expression and nothing after it. */
static int parse_formula(parser *p)
{
    int root;
    p->tok.pos = p->tok.len = 0;
    if (!lex(p)) return -1;
    if (p->tok.type == T_END) {
        if (p->err) ds_err_at(p->err, DS_ESYNTAX, p->src, 1, "empty formula");
        return -1;
    }
    if ((root = parse_expr(p)) < 0) return -1;
    if (p->tok.type != T_END) return unexpected(p);
    return root;
}

int expr_parse(const char *src, ds_err *err, expr_tree *t)
{
    parser p;
    size_t len = 0;
    int root;
    locale_t c_locale, old_locale = (locale_t)0;
    while (len <= EXPR_MAX_LEN && src[len])
        len++;
    if (len > EXPR_MAX_LEN) {
        if (err)
            ds_err_at(err, DS_ESYNTAX, src, 0, "formula too long (more than %d bytes); shorten it",
                      EXPR_MAX_LEN);
        return -1;
    }
    memset(&p, 0, sizeof p);
    p.src = src;
    p.len = len;
    p.err = err;
    p.cap = (int)len + 1; /* every token makes at most one node */
    p.nodes = ds_xmalloc(sizeof *p.nodes * (size_t)p.cap);
    p.scratch = ds_xmalloc(len + 1);
    if (!p.nodes || !p.scratch) {
        free(p.nodes);
        free(p.scratch);
        if (err) ds_err_set(err, DS_ENOMEM, "out of memory compiling a formula");
        return -1;
    }
    memcpy(p.scratch, src, len + 1);
    /* numbers use '.' whatever the program's locale says (the screen calls setlocale);
     * uselocale is per thread, so this does not disturb anyone else. Only LC_NUMERIC
     * changes: the other categories stay the program's, so errors are still said in
     * the interface language (gettext reads LC_MESSAGES of this thread's locale). */
    locale_t base = duplocale(LC_GLOBAL_LOCALE);
    c_locale = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
    if (base && !c_locale) freelocale(base);
    if (c_locale) old_locale = uselocale(c_locale);
    root = parse_formula(&p);
    if (c_locale) {
        uselocale(old_locale);
        freelocale(c_locale);
    }
    free(p.scratch);
    if (root < 0) {
        free(p.nodes);
        return -1;
    }
    t->nodes = p.nodes;
    t->nnodes = p.nnodes;
    t->root = root;
    t->len = len;
    return 0;
}
