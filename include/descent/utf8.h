/* utf8.h — UTF-8 in one place: decode and encode one character, and measure text in
 * terminal columns (so Hangul takes 2, combining marks and control bytes 0). */
#ifndef DESCENT_UTF8_H
#define DESCENT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "descent/sbuf.h"

/* Decode one UTF-8 character at s (at most n bytes); stores the code point and returns
 * the bytes consumed (>= 1 when n >= 1; 0 and *cp = 0 when n == 0). Strict: a bad lead
 * byte, a sequence cut short, a bad continuation byte, an overlong form, a surrogate or
 * a value above U+10FFFF store U+FFFD. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Bytes of the valid UTF-8 character at s (at most n bytes): 1 to 4, or 0 when s does
 * not start one (everything utf8_decode turns into U+FFFD, U+FFFD itself excepted). */
size_t utf8_len(const char *s, size_t n);
/* Append code point c to `out` as UTF-8. */
void utf8_put(sbuf *out, uint32_t c);

/* Columns code point c takes by the built-in table, whatever the locale: 0 for control
 * characters and combining marks, 2 for East Asian wide ones, 1 for the rest. */
int utf8_cp_width(uint32_t c);
/* Columns of the one character at s (n >= 1 bytes available); its byte length in *len.
 * The locale's wcwidth when the locale decodes it, else utf8_cp_width; a byte that
 * does not start a valid character (utf8_len 0) is one column and one byte. */
int utf8_char_width(const char *s, size_t n, size_t *len);
/* Display columns of the first `nbytes` bytes of s (stopping early at a NUL). */
int utf8_width(const char *s, size_t nbytes);
/* Display columns of the first `nchars` characters of NUL-terminated s (all of it when
 * nchars < 0), characters counted as utf8_char_width steps through them. */
int utf8_width_chars(const char *s, int nchars);

#endif
