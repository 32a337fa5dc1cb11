/* export_internal.h — shared by the exporter's files: export.c (the format table, size
 * and file handling), export_draw.c (the scene drawn with cairo) and export_font.c
 * (fontconfig: which face draws which text, with a fallback that always works). */
#ifndef DESCENT_EXPORT_INTERNAL_H
#define DESCENT_EXPORT_INTERNAL_H

#include <cairo.h>

#include "descent/scene.h"
#include "export.h"

/* What the drawing needs to know about its surface. */
typedef struct {
    double width, height; /* the figure in the surface's units (pt or px) */
    double unit;          /* px per pt: 1 for vector, the scale of text and lines */
    int per_pixel;        /* 1: sample the field once per device pixel (PNG) */
} export_page;

/* Draw the whole figure of `s` onto `cr`; font fallbacks are said in `note`. */
ds_status export_draw(cairo_t *cr, const sess *s, const export_page *pg, sbuf *note, ds_err *err);

/* The face to draw `text` with: DejaVu Sans, or a Noto CJK face when the text holds
 * CJK characters, or whatever fontconfig offers instead. Notes a missing face in
 * `note` once per process (empty otherwise). */
const char *export_font_for(const char *text, sbuf *note);

#endif
