/* export.c — the export command's back end: the format table (extension, default size,
 * units, writer), the size argument, and one path to the file: cairo renders into
 * memory, then fileout writes the bytes, so a bad path leaves nothing behind and
 * reports like every other command that writes a file. */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "descent/fileout.h"
#include "export_internal.h"

/* cairo's stream callback: append to an sbuf. */
static cairo_status_t to_sbuf(void *closure, const unsigned char *data, unsigned int n)
{
    sbuf_putn(closure, (const char *)data, n);
    return CAIRO_STATUS_SUCCESS;
}

/* Draw on `surface` and finish it; cairo errors become ds_err. */
static ds_status render(cairo_surface_t *surface, const sess *s, const export_page *pg, sbuf *note,
                        ds_err *err)
{
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        return ds_err_set(err, DS_ENOMEM, "cannot make the figure: %s",
                          cairo_status_to_string(cairo_surface_status(surface)));
    cairo_t *cr = cairo_create(surface);
    ds_status st = export_draw(cr, s, pg, note, err);
    if (st == DS_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = ds_err_set(err, DS_ENOMEM, "cannot draw the figure: %s",
                        cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    return st;
}

static ds_status write_svg(const sess *s, const export_page *pg, sbuf *bytes, sbuf *note,
                           ds_err *err)
{
    cairo_surface_t *sf =
        cairo_svg_surface_create_for_stream(to_sbuf, bytes, pg->width, pg->height);
    ds_status st = render(sf, s, pg, note, err);
    cairo_surface_destroy(sf); /* finishes the document into `bytes` */
    return st;
}

static ds_status write_pdf(const sess *s, const export_page *pg, sbuf *bytes, sbuf *note,
                           ds_err *err)
{
    cairo_surface_t *sf =
        cairo_pdf_surface_create_for_stream(to_sbuf, bytes, pg->width, pg->height);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "descent");
    ds_status st = render(sf, s, pg, note, err);
    cairo_surface_destroy(sf);
    return st;
}

static ds_status write_png(const sess *s, const export_page *pg, sbuf *bytes, sbuf *note,
                           ds_err *err)
{
    cairo_surface_t *sf =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pg->width, (int)pg->height);
    ds_status st = render(sf, s, pg, note, err);
    if (st == DS_OK &&
        cairo_surface_write_to_png_stream(sf, to_sbuf, bytes) != CAIRO_STATUS_SUCCESS)
        st = ds_err_set(err, DS_ENOMEM, "cannot encode the PNG");
    cairo_surface_destroy(sf);
    return st;
}

typedef ds_status (*export_fn)(const sess *s, const export_page *pg, sbuf *bytes, sbuf *note,
                               ds_err *err);

/* The formats. Sizes: points for vector formats, pixels for PNG. */
static const struct {
    const char *ext;
    const char *unit; /* "pt" or "px" */
    int w, h;         /* default size */
    int pixels;       /* 1: a raster; the field is sampled per pixel */
    export_fn fn;
} formats[] = {
    {"svg", "pt", 800, 500, 0, write_svg},
    {"png", "px", 1600, 1000, 1, write_png},
    {"pdf", "pt", 800, 500, 0, write_pdf},
};
#define NFORMATS ((int)(sizeof formats / sizeof formats[0]))

/* ".svg, .png or .pdf": the table's extensions, so a new row is named in messages. */
static void format_list(sbuf *out)
{
    for (int i = 0; i < NFORMATS; i++)
        sbuf_printf(out, "%s.%s", i == 0 ? "" : i == NFORMATS - 1 ? " or " : ", ", formats[i].ext);
}

/* "WxH" into w, h; 0 when it is not two positive whole numbers within the limits. */
static ds_status parse_size(const char *size, const char *path, int pixels, int *w, int *h,
                            ds_err *err)
{
    char *end;
    long a = strtol(size, &end, 10), b = 0;
    int ok = end != size && (*end == 'x' || *end == 'X');
    if (ok) {
        const char *p = end + 1;
        b = strtol(p, &end, 10);
        ok = end != p && *end == '\0' && isdigit((unsigned char)size[0]) &&
             isdigit((unsigned char)*p);
    }
    if (!ok)
        return ds_err_set(err, DS_EARG,
                          "export %s: size '%s' should be WIDTHxHEIGHT in %s, e.g. %s", path, size,
                          pixels ? "pixels" : "points", pixels ? "1600x1000" : "800x500");
    if (a < 1 || b < 1 || a > EXPORT_MAX_SIDE || b > EXPORT_MAX_SIDE)
        return ds_err_set(err, DS_ERANGE,
                          "export %s: size %ldx%ld is out of range: each side from 1 to %d %s",
                          path, a, b, EXPORT_MAX_SIDE, pixels ? "pixels" : "points");
    if (pixels && (double)a * b > EXPORT_MAX_PIXELS)
        return ds_err_set(err, DS_ERANGE,
                          "export %s: %ldx%ld is %.0f million pixels; at most %d million (the "
                          "field is sampled at every pixel)",
                          path, a, b, (double)a * b / 1e6, EXPORT_MAX_PIXELS / 1000000);
    *w = (int)a;
    *h = (int)b;
    return DS_OK;
}

ds_status export_figure(const sess *s, const char *path, const char *size, sbuf *out, ds_err *err)
{
    if (fileout_check(path, err) != DS_OK) return err->code; /* a directory, say */
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    int fi = -1;
    for (int i = 0; dot && (!slash || dot > slash) && i < NFORMATS; i++)
        if (strcasecmp(dot + 1, formats[i].ext) == 0) fi = i;
    if (fi < 0) {
        sbuf names;
        sbuf_init(&names);
        format_list(&names);
        ds_err_set(err, DS_EARG, "export %s: unknown format; name a file ending in %s", path,
                   sbuf_str(&names));
        sbuf_free(&names);
        return err->code;
    }
    int w = formats[fi].w, h = formats[fi].h;
    if (size && parse_size(size, path, formats[fi].pixels, &w, &h, err) != DS_OK) return err->code;
    /* Text and lines keep their proportions: an 800x500 pt figure is the reference. */
    double unit = fmin(w / 800.0, h / 500.0);
    if (unit < 0.25) unit = 0.25;
    export_page pg = {.width = w, .height = h, .unit = unit, .per_pixel = formats[fi].pixels};
    sbuf bytes, note;
    sbuf_init(&bytes);
    sbuf_init(&note);
    ds_status st = formats[fi].fn(s, &pg, &bytes, &note, err);
    if (st == DS_OK) st = fileout_write(path, sbuf_str(&bytes), bytes.len, err);
    if (st == DS_OK) {
        sbuf_puts(out, sbuf_str(&note));
        sbuf_printf(out, "wrote a %dx%d %s %s to %s (%zu bytes)\n", w, h, formats[fi].unit,
                    formats[fi].ext, path, bytes.len);
    }
    sbuf_free(&bytes);
    sbuf_free(&note);
    return st;
}
