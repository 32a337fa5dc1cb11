/* utf8.c — UTF-8 in one place: a strict decoder, an encoder, and display widths in
 * terminal columns (the locale's wcwidth where it can decode, the one built-in table of
 * combining and East Asian wide ranges where it cannot, e.g. in the C locale). */
#include <string.h>
#include <wchar.h>

#include "descent/utf8.h"

/* ---- decode and encode ------------------------------------------------------------- */

int utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    int len;
    uint32_t c;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    } else if ((u[0] & 0xE0) == 0xC0) {
        len = 2;
        c = u[0] & 0x1F;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3;
        c = u[0] & 0x0F;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4;
        c = u[0] & 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if ((size_t)len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return i;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    *cp = c;
    return len;
}

/* utf8_decode for valid characters only: their length, or 0 for what it turns into
 * U+FFFD (a literal U+FFFD is valid). */
static size_t decode_valid(const char *s, size_t n, uint32_t *cp)
{
    int k = utf8_decode(s, n, cp);
    if (*cp == 0xFFFD && !(k == 3 && memcmp(s, "\xEF\xBF\xBD", 3) == 0)) return 0;
    return (size_t)k;
}

size_t utf8_len(const char *s, size_t n)
{
    uint32_t cp;
    return decode_valid(s, n, &cp);
}

void utf8_put(sbuf *out, uint32_t c)
{
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    sbuf_putn(out, b, n);
}

/* ---- widths ------------------------------------------------------------------------ */

int utf8_cp_width(uint32_t c)
{
    static const uint32_t zero[][2] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
                                       {0x1160, 0x11FF}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
                                       {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
                                       {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}};
    static const uint32_t wide[][2] = {{0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
                                       {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
                                       {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
                                       {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
                                       {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (c >= zero[i][0] && c <= zero[i][1]) return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (c >= wide[i][0] && c <= wide[i][1]) return 2;
    return 1;
}

int utf8_char_width(const char *s, size_t n, size_t *len)
{
    uint32_t cp;
    size_t k = decode_valid(s, n, &cp);
    if (k == 0) { /* not a character: a column a byte, as terminals show it */
        *len = n > 0;
        return n > 0;
    }
    *len = k;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
    /* The locale decides where it reads the same character (the screen's width). */
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wc;
    if (mbrtowc(&wc, s, k, &st) == k && (uint32_t)wc == cp) {
        int w = wcwidth(wc);
        if (w >= 0) return w;
    }
    return utf8_cp_width(cp);
}

int utf8_width(const char *s, size_t nbytes)
{
    int w = 0;
    size_t i = 0;
    while (i < nbytes && s[i]) {
        size_t len;
        w += utf8_char_width(s + i, nbytes - i, &len);
        i += len;
    }
    return w;
}

int utf8_width_chars(const char *s, int nchars)
{
    int w = 0;
    size_t left = strlen(s);
    for (int k = 0; left > 0 && (nchars < 0 || k < nchars); k++) {
        size_t len;
        w += utf8_char_width(s, left, &len);
        s += len;
        left -= len;
    }
    return w;
}
