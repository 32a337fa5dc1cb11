/* tui_color.c — the screen's colours: which of 24-bit (direct colour), 256, 8 or none the
 * terminal offers, the terminal description that brings 24-bit colour to it, and colour
 * pairs made on demand for the raster's palette indices or 24-bit colours. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "descent/alloc.h"
#include "descent/palette.h"
#include "tui_internal.h"

#include <term.h> /* last: its capability macros (lines, columns, ...) would rename fields */

#define NPAIRKEYS  (257 * 257) /* indexed colours: every (fg, bg) of -1..255 */
#define NRGBSLOTS  65536       /* direct colour: twice the most pairs a short can number */
#define DIRECT_MIN 0x1000000   /* COLORS of a direct-colour description (xterm-direct) */

/* ---- what the terminal offers -------------------------------------------------------- */

/* COLORTERM=truecolor or 24bit: the terminal says it takes 24-bit colour sequences (the
 * convention terminals and `plot color=on` follow). */
static int colorterm_says_24bit(void)
{
    const char *ct = getenv("COLORTERM");
    return ct && (strcmp(ct, "truecolor") == 0 || strcmp(ct, "24bit") == 0);
}

/* 1 when the current terminal description packs 8 bits of red, green and blue into its
 * colour numbers: the RGB capability (a flag, the number 8 or the string "8/8/8", as
 * user_caps(5) describes) and 2^24 colours. */
static int packs_rgb(void)
{
    if (tigetnum("colors") < DIRECT_MIN) return 0;
    if (tigetflag("RGB") > 0) return 1;
    if (tigetnum("RGB") == 8) return 1;
    const char *s = tigetstr("RGB");
    return s && s != (char *)-1 && strcmp(s, "8/8/8") == 0;
}

/* 1 when terminal description `name` is installed and has direct colour. Loads it into a
 * TERMINAL of its own and frees it, so the screen's terminal is not touched. */
static int direct_entry(const char *name)
{
    int err = 0;
    TERMINAL *saved = cur_term;
    cur_term = NULL;
    if (setupterm(name, STDOUT_FILENO, &err) != OK) {
        cur_term = saved;
        return 0;
    }
    int ok = packs_rgb();
    del_curterm(cur_term);
    cur_term = saved;
    return ok;
}

const char *tui_direct_term(void)
{
    static char name[128];
    const char *term = getenv("TERM");
    if (!colorterm_says_24bit() || !term || !term[0] || strlen(term) + 8 > sizeof name) return NULL;
    if (direct_entry(term)) return NULL; /* $TERM has it already */
    /* xterm-256color → xterm-direct, tmux-256color → tmux-direct, foot → foot-direct */
    size_t n = strlen(term);
    const char *suffix = "-256color";
    if (n > strlen(suffix) && strcmp(term + n - strlen(suffix), suffix) == 0) n -= strlen(suffix);
    memcpy(name, term, n);
    strcpy(name + n, "-direct");
    if (direct_entry(name)) return name;
    if (strncmp(term, "xterm", 5) == 0 && direct_entry("xterm-direct")) return "xterm-direct";
    return NULL;
}

int tui_colors_detect(void)
{
    if (!has_colors()) return 0;
    if (COLORS >= DIRECT_MIN) return packs_rgb() ? RAST_TRUECOLOR : 8;
    return COLORS >= 256 ? 256 : 8;
}

/* ---- colour pairs ------------------------------------------------------------------ */

void tui_colors_init(tui *t)
{
    memset(&t->pairs, 0, sizeof t->pairs);
    t->pairs.next = 1;
    if (t->colors == 0) return;
    if (t->colors == RAST_TRUECOLOR) {
        t->pairs.rgbkey = ds_xcalloc(NRGBSLOTS, sizeof *t->pairs.rgbkey);
        t->pairs.rgbpair = ds_xcalloc(NRGBSLOTS, sizeof *t->pairs.rgbpair);
    } else
        t->pairs.pair = ds_xcalloc(NPAIRKEYS, sizeof *t->pairs.pair);
    t->pairs.max = COLOR_PAIRS < 32767 ? COLOR_PAIRS : 32767;
}

void tui_colors_free(tui *t)
{
    free(t->pairs.pair);
    free(t->pairs.rgbkey);
    free(t->pairs.rgbpair);
    memset(&t->pairs, 0, sizeof t->pairs);
}

/* A raster colour as a direct-colour number: 24-bit colours as they are, xterm-256
 * indices as the RGB they stand for. Numbers below 8 are the eight ANSI colours in
 * direct-colour descriptions, so ANSI indices pass through and a 24-bit colour that
 * small (near black) moves to the nearest one above. */
static int direct_of(int c)
{
    if (c < 0) return -1;
    int rgb = c & RAST_RGB ? (c & 0xffffff) : c < 8 ? c : (int)pal_from256(c);
    if (c & RAST_RGB && rgb < 8) rgb = 0x010101;
    return rgb;
}

static short direct_pair(tui *t, int fg, int bg)
{
    fg = direct_of(fg);
    bg = direct_of(bg);
    uint64_t key = (uint64_t)(uint32_t)(fg + 1) << 32 | (uint32_t)(bg + 1);
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15u) >> 48) & (NRGBSLOTS - 1);
    while (t->pairs.rgbkey[slot] && t->pairs.rgbkey[slot] != key)
        slot = (slot + 1) & (NRGBSLOTS - 1);
    if (t->pairs.rgbkey[slot]) return t->pairs.rgbpair[slot];
    if (t->pairs.next >= t->pairs.max) return 0; /* out of pairs: plain is better than wrong */
    short p = (short)t->pairs.next++;
    init_extended_pair(p, fg, bg);
    t->pairs.rgbkey[slot] = key;
    t->pairs.rgbpair[slot] = p;
    return p;
}

short tui_pair(tui *t, int fg, int bg)
{
    if (t->colors == 0 || (fg == -1 && bg == -1)) return 0;
    if (t->colors == RAST_TRUECOLOR) return t->pairs.rgbkey ? direct_pair(t, fg, bg) : 0;
    if (!t->pairs.pair || fg < -1 || fg > 255 || bg < -1 || bg > 255) return 0;
    int key = (fg + 1) * 257 + (bg + 1);
    short p = t->pairs.pair[key];
    if (p) return p;
    if (t->pairs.next >= t->pairs.max) {
        /* Out of pairs (an 8-colour terminal has 64): keep the background, which carries
         * the band, with whatever foreground a pair already has; else plain. */
        for (int f = -1; f <= 255; f++)
            if (t->pairs.pair[(f + 1) * 257 + (bg + 1)])
                return t->pairs.pair[(f + 1) * 257 + (bg + 1)];
        return 0;
    }
    p = (short)t->pairs.next++;
    init_pair(p, (short)fg, (short)bg);
    t->pairs.pair[key] = p;
    return p;
}
