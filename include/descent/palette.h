/* palette.h — the colours of the picture as data: band ramps (viridis, cividis, gray,
 * contrast) with their luminance held low so bright run colours stand out on every band,
 * the run colours, WCAG relative luminance and contrast ratio, and the mapping of 24-bit
 * colours to xterm-256 and ANSI-8 indices for terminals with fewer colours. */
#ifndef DESCENT_PALETTE_H
#define DESCENT_PALETTE_H

#include <stdint.h>

typedef uint32_t pal_rgb; /* 0xRRGGBB */

typedef enum { PAL_VIRIDIS, PAL_CIVIDIS, PAL_GRAY, PAL_CONTRAST, PAL_COUNT } pal_id;

#define PAL_NRUNCOLORS 6 /* run colours before they repeat (glyphs tell runs apart then) */

/* The palette's name ("viridis"), and the palette for a name (-1 when unknown). */
const char *pal_name(pal_id p);
int pal_find(const char *name);
/* "viridis, cividis, gray, contrast": for help and error messages. */
const char *pal_names(void);

/* The colour of band `band` of `nbands` (0 = lowest f): a perceptually ordered ramp whose
 * relative luminance stays within [0.004, 0.11], so every run colour reaches a contrast
 * ratio of at least 3:1 against it. */
pal_rgb pal_band(pal_id p, int band, int nbands);
#define PAL_BAND_LMAX 0.11 /* the lightest band's relative luminance */
/* Contour lines, undefined cells, and the neutral marks (minima, saddles, cursor, arrow). */
pal_rgb pal_line(pal_id p);
pal_rgb pal_undef(pal_id p);
pal_rgb pal_mark(pal_id p);
/* Run i's colour (bright: relative luminance ≥ 0.45), the same for every palette. */
pal_rgb pal_run(int i);

/* WCAG 2 relative luminance (0 black .. 1 white) and contrast ratio (1 .. 21). */
double pal_luminance(pal_rgb c);
double pal_contrast(pal_rgb a, pal_rgb b);

/* The nearest xterm-256 colour (cube 16..231 or grey 232..255, by squared RGB distance),
 * and the RGB an xterm-256 index stands for. */
int pal_to256(pal_rgb c);
pal_rgb pal_from256(int index);
/* Band colours for xterm-256: the nearest indices no lighter than bands may be, with
 * neighbouring bands kept apart; out[0..nbands). pal_band256 is one of them. */
void pal_ramp256(pal_id p, int nbands, int *out);
int pal_band256(pal_id p, int band, int nbands);
/* With eight ANSI colours: band `band` of `nbands` (black, blue, magenta, cyan, green,
 * yellow upwards) and run i (bold white, yellow, cyan, ... drawn over them). */
int pal_band8(int band, int nbands);
int pal_run8(int i);

#endif
