/* raster_key.c — the colour key under the plot: each band's colour (or shading) with the
 * f value of the level between neighbouring bands, thinned to every 2nd, 4th, ... label
 * when the row is too narrow, and an entry for where f is undefined. */
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/utf8.h"
#include "raster_internal.h"

/* The entry for where f is undefined, and the columns it takes: two apart, the swatch, a
 * blank, the word (measured in columns: in Korean a syllable takes 2). */
static const char *undef_word(int *cols)
{
    const char *w = _("undefined");
    *cols = 3 + utf8_width(w, strlen(w));
    return w;
}

/* The width the key takes with swatches `sw` wide and every `stride`-th label. */
static int key_width(const scene *sc, int sw, int stride, int *lw)
{
    int w = 2 + (sc->nlev + 1) * sw, uw;
    for (int k = 0; k < sc->nlev; k++)
        if (k % stride == 0) w += lw[k] + 2;
    undef_word(&uw);
    if (sc->has_undef) w += uw;
    return w;
}

void rast_draw_key(rast *r, const rast_layout *L, const rast_opts *o)
{
    const scene *sc = &r->sc;
    int row = L->keyrow, avail = r->w - r->px, nb = sc->nlev + 1;
    char text[SCENE_MAXLEVELS][24];
    int lw[SCENE_MAXLEVELS];
    for (int k = 0; k < sc->nlev; k++) {
        scene_level_label(sc, k, text[k], sizeof text[k]);
        lw[k] = utf8_width(text[k], strlen(text[k]));
    }
    int sw = 2, stride = 1;
    while (key_width(sc, sw, stride, lw) > avail && stride < 64)
        if (sw == 2 && stride >= 2)
            sw = 1;
        else
            stride *= 2;
    int col = r->px;
    col += rast_put_text(r, row, col, 2, "f ", RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT, 0);
    for (int k = 0; k < nb && col < r->w; k++) {
        int32_t bg = rast_band_color(r, o, k);
        uint32_t g = o->colors ? ' ' : rast_shade(k, nb, o->ascii);
        if (!o->colors && g == ' ') g = o->ascii ? '_' : 0x2581; /* ▁: the blank band */
        for (int m = 0; m < sw; m++)
            rast_set_cell(r, col++, row, g, RAST_COLOR_DEFAULT, bg, 0, RK_KEY);
        if (k < sc->nlev && k % stride == 0) {
            char t[32];
            snprintf(t, sizeof t, " %.24s ", text[k]);
            col += rast_put_text(r, row, col, r->w - col, t, RAST_COLOR_DEFAULT, RAST_COLOR_DEFAULT,
                                 0);
        }
    }
    int uw;
    const char *undef = undef_word(&uw);
    if (sc->has_undef && col + uw <= r->w) {
        col += 2;
        rast_set_cell(r, col++, row, rast_shade(-1, nb, o->ascii), rast_band_color(r, o, -1),
                      RAST_COLOR_DEFAULT, 0, RK_KEY);
        rast_put_text(r, row, col + 1, r->w - col - 1, undef, RAST_COLOR_DEFAULT,
                      RAST_COLOR_DEFAULT, 0);
    }
}
