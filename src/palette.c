/* palette.c — band ramps, run colours and colour arithmetic. The ramps are viridis and
 * cividis (perceptually uniform, colour-blind safe) with their luminance compressed into a
 * dark range: the field is the background, and paths drawn over it in bright colours then
 * keep a WCAG contrast ratio of at least 3:1 against every band (tests/unit/test_palette.c). */
#include <math.h>
#include <string.h>

#include "descent/palette.h"

/* ---- names ------------------------------------------------------------------------- */

static const char *const names[PAL_COUNT] = {"viridis", "cividis", "gray", "contrast"};

const char *pal_name(pal_id p)
{
    return p >= 0 && p < PAL_COUNT ? names[p] : "viridis";
}

int pal_find(const char *name)
{
    for (int i = 0; i < PAL_COUNT; i++)
        if (strcmp(name, names[i]) == 0) return i;
    if (strcmp(name, "grey") == 0) return PAL_GRAY;
    return -1;
}

const char *pal_names(void)
{
    return "viridis, cividis, gray, contrast";
}

/* ---- colour arithmetic ------------------------------------------------------------- */

static double to_linear(int c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static int to_srgb(double v)
{
    if (v <= 0) return 0;
    if (v >= 1) return 255;
    double s = v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055;
    return (int)lround(s * 255);
}

static pal_rgb rgb(int r, int g, int b)
{
    return (pal_rgb)r << 16 | (pal_rgb)g << 8 | (pal_rgb)b;
}

#define R_(c) ((int)((c) >> 16 & 255))
#define G_(c) ((int)((c) >> 8 & 255))
#define B_(c) ((int)((c)&255))

double pal_luminance(pal_rgb c)
{
    return 0.2126 * to_linear(R_(c)) + 0.7152 * to_linear(G_(c)) + 0.0722 * to_linear(B_(c));
}

double pal_contrast(pal_rgb a, pal_rgb b)
{
    double la = pal_luminance(a), lb = pal_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---- ramps ------------------------------------------------------------------------- */

typedef struct {
    int n;
    unsigned char c[10][3];
} anchors;

static const anchors ramps[PAL_COUNT] = {
    /* viridis: dark purple → blue → teal → green → yellow */
    {10,
     {{68, 1, 84},
      {72, 40, 120},
      {62, 73, 137},
      {49, 104, 142},
      {38, 130, 142},
      {31, 158, 137},
      {53, 183, 121},
      {110, 206, 88},
      {181, 222, 43},
      {253, 231, 37}}},
    /* cividis: navy → grey → yellow (readable with any colour vision) */
    {10,
     {{0, 34, 78},
      {18, 53, 112},
      {59, 73, 108},
      {87, 93, 109},
      {112, 113, 115},
      {138, 134, 120},
      {165, 156, 116},
      {195, 179, 105},
      {225, 204, 82},
      {254, 232, 56}}},
    {2, {{0, 0, 0}, {255, 255, 255}}},
    /* contrast (projectors wash out subtle hues): near-black bands that differ little, so
     * the white contour lines and bright paths carry the picture */
    {3, {{0, 0, 0}, {20, 20, 60}, {50, 50, 70}}},
};

/* Luminance range every band is compressed into; runs stay at or above RUN_LMIN, which
 * gives (0.45 + 0.05) / (0.11 + 0.05) = 3.1:1 at worst. */
#define BAND_LMIN 0.004
#define BAND_LMAX 0.11
#define RUN_LMIN  0.45

static pal_rgb ramp_at(const anchors *a, double t)
{
    double u = t * (a->n - 1);
    int i = (int)u;
    if (i >= a->n - 1) i = a->n - 2;
    if (i < 0) i = 0;
    double f = u - i;
    int c[3];
    for (int k = 0; k < 3; k++)
        c[k] = (int)lround(a->c[i][k] * (1 - f) + a->c[i + 1][k] * f);
    return rgb(c[0], c[1], c[2]);
}

pal_rgb pal_band(pal_id p, int band, int nbands)
{
    if (p < 0 || p >= PAL_COUNT) p = PAL_VIRIDIS;
    double t = nbands > 1 ? (double)band / (nbands - 1) : 0.5;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    const anchors *a = &ramps[p];
    pal_rgb c = ramp_at(a, t);
    /* Scale in linear light so the hue stays and the luminance lands on the target, which
     * rises evenly with t. */
    double lo = pal_luminance(ramp_at(a, 0)), hi = pal_luminance(ramp_at(a, 1));
    double l = pal_luminance(c), want;
    if (p == PAL_CONTRAST) return c; /* already dark */
    want = BAND_LMIN + (BAND_LMAX - BAND_LMIN) * (hi > lo ? (l - lo) / (hi - lo) : t);
    double k = l > 0 ? want / l : 0;
    if (l <= 0) return rgb(to_srgb(want), to_srgb(want), to_srgb(want));
    return rgb(to_srgb(to_linear(R_(c)) * k), to_srgb(to_linear(G_(c)) * k),
               to_srgb(to_linear(B_(c)) * k));
}

pal_rgb pal_line(pal_id p)
{
    return p == PAL_CONTRAST ? rgb(255, 255, 255) : rgb(175, 175, 175);
}

pal_rgb pal_undef(pal_id p)
{
    (void)p;
    return rgb(120, 60, 60);
}

pal_rgb pal_mark(pal_id p)
{
    (void)p;
    return rgb(255, 255, 255);
}

/* Bright, far apart in hue, luminance ≥ RUN_LMIN each (checked by the unit test), and
 * exact xterm-256 cube colours so 256-colour terminals show them unchanged. */
static const unsigned char runs[PAL_NRUNCOLORS][3] = {
    {255, 175, 95},  /* orange (215) */
    {95, 215, 255},  /* sky blue (81) */
    {255, 255, 95},  /* yellow (227) */
    {135, 255, 135}, /* green (120) */
    {255, 135, 255}, /* pink (213) */
    {255, 255, 255}, /* white (231) */
};

pal_rgb pal_run(int i)
{
    if (i < 0) i = 0;
    const unsigned char *c = runs[i % PAL_NRUNCOLORS];
    return rgb(c[0], c[1], c[2]);
}

/* ---- fewer colours ----------------------------------------------------------------- */

static const int cube[6] = {0, 95, 135, 175, 215, 255};

pal_rgb pal_from256(int i)
{
    static const unsigned char sys[16][3] = {
        {0, 0, 0},     {205, 0, 0},     {0, 205, 0},     {205, 205, 0},  {0, 0, 238}, {205, 0, 205},
        {0, 205, 205}, {229, 229, 229}, {127, 127, 127}, {255, 0, 0},    {0, 255, 0}, {255, 255, 0},
        {92, 92, 255}, {255, 0, 255},   {0, 255, 255},   {255, 255, 255}};
    if (i < 0) i = 0;
    if (i < 16) return rgb(sys[i][0], sys[i][1], sys[i][2]);
    if (i < 232) {
        i -= 16;
        return rgb(cube[i / 36], cube[i / 6 % 6], cube[i % 6]);
    }
    int g = 8 + 10 * (i - 232);
    return rgb(g, g, g);
}

static long dist2(pal_rgb a, pal_rgb b)
{
    long dr = R_(a) - R_(b), dg = G_(a) - G_(b), db = B_(a) - B_(b);
    return 2 * dr * dr + 4 * dg * dg + 3 * db * db; /* weighted: green matters most */
}

int pal_to256(pal_rgb c)
{
    int best = 16;
    long bd = -1;
    for (int i = 16; i < 256; i++) {
        long d = dist2(c, pal_from256(i));
        if (bd < 0 || d < bd) bd = d, best = i;
    }
    return best;
}

/* The nearest xterm colour no lighter than a band may be, other than `not`. */
static int dark256(pal_rgb c, int not )
{
    static const int lv[6] = {0, 95, 135, 175, 215, 255};
    int best = 16;
    long bd = -1;
    for (int i = 16; i < 256; i++) {
        if (i == not ) continue;
        pal_rgb x = pal_from256(i);
        /* Cheap test first: a cube component above 135 alone is too light. */
        if (i < 232 && (lv[(i - 16) / 36] > 175 || lv[(i - 16) / 6 % 6] > 135)) continue;
        if (pal_luminance(x) > BAND_LMAX + 0.005) continue;
        long d = dist2(c, x);
        if (bd < 0 || d < bd) bd = d, best = i;
    }
    return best;
}

/* Hand-picked dark xterm-256 ramps: the cube's dark corner has few colours, and the
 * nearest-colour search lands on greys, which loses the ramp's hue. Each of these is
 * no lighter than a band may be (the unit test checks the contrast). */
static const int ramp256[PAL_COUNT][12] = {
    {53, 54, 55, 56, 19, 25, 24, 23, 22, 58, -1}, /* viridis: purple, blue, teal, green, olive */
    {17, 18, 236, 237, 238, 239, 240, 58, -1},    /* cividis: navy, grey, olive */
    {232, 233, 234, 235, 236, 237, 238, 239, 240, -1}, /* gray */
    {-1},                                              /* contrast: the nearest colours */
};

void pal_ramp256(pal_id p, int nbands, int *out)
{
    const int *list = ramp256[p >= 0 && p < PAL_COUNT ? p : 0];
    int n = 0;
    while (n < 12 && list[n] >= 0)
        n++;
    for (int k = 0; k < nbands; k++) {
        if (n > 0) {
            double t = nbands > 1 ? (double)k / (nbands - 1) : 0.5;
            out[k] = list[(int)lround(t * (n - 1))];
            continue;
        }
        /* Where two neighbouring bands would get the same index, the second takes its
         * next nearest, so every boundary shows. */
        pal_rgb c = pal_band(p, k, nbands);
        out[k] = dark256(c, -1);
        if (k > 0 && out[k] == out[k - 1]) out[k] = dark256(c, out[k - 1]);
    }
}

int pal_band256(pal_id p, int band, int nbands)
{
    int out[256];
    if (nbands > 256) nbands = 256;
    if (band < 0 || band >= nbands) return 16;
    pal_ramp256(p, nbands, out);
    return out[band];
}

int pal_band8(int band, int nbands)
{
    static const int ramp8[] = {0, 4, 5, 6, 2, 3};
    int n = (int)(sizeof ramp8 / sizeof ramp8[0]);
    double t = nbands > 1 ? (double)band / (nbands - 1) : 0.5;
    int i = (int)lround((t < 0 ? 0 : t > 1 ? 1 : t) * (n - 1));
    return ramp8[i];
}

int pal_run8(int i)
{
    static const int r8[PAL_NRUNCOLORS] = {1, 7, 3, 2, 5, 6};
    return r8[(i < 0 ? 0 : i) % PAL_NRUNCOLORS];
}
