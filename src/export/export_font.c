/* export_font.c — which font draws a caption. fontconfig resolves a family to a file;
 * when DejaVu Sans (or Noto Sans CJK KR for Korean) is not installed, the closest face
 * fontconfig offers stands in and the figure says so once: a missing font never stops
 * an export. */
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "descent/utf8.h"
#include "export_internal.h"

/* What fontconfig gave for each wanted family. Process-wide on purpose: the answer
 * does not change while descent runs, and the note is said once per process. */
typedef struct {
    const char *want;
    char got[128];
    int resolved, noted;
} font_choice;

static font_choice choices[] = {
    {"DejaVu Sans", "", 0, 0},
    {"Noto Sans CJK KR", "", 0, 0},
};

static void resolve(font_choice *c)
{
    c->resolved = 1;
    snprintf(c->got, sizeof c->got, "%s", "sans-serif");
    if (!FcInit()) return;
    FcPattern *p = FcNameParse((const FcChar8 *)c->want);
    if (!p) return;
    FcConfigSubstitute(NULL, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult r;
    FcPattern *m = FcFontMatch(NULL, p, &r);
    FcChar8 *fam = NULL;
    if (m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch && fam)
        snprintf(c->got, sizeof c->got, "%s", (const char *)fam);
    if (m) FcPatternDestroy(m);
    FcPatternDestroy(p);
}

/* 1 when `text` holds a character DejaVu Sans lacks and a CJK face has (Hangul, kana,
 * CJK ideographs, full-width forms). */
static int wants_cjk(const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += (size_t)utf8_decode(text + i, n - i, &c);
        if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x9FFF) ||
            (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
            (c >= 0xFF00 && c <= 0xFFEF))
            return 1;
    }
    return 0;
}

const char *export_font_for(const char *text, sbuf *note)
{
    font_choice *c = &choices[wants_cjk(text) ? 1 : 0];
    if (!c->resolved) resolve(c);
    if (strcasecmp(c->got, c->want) != 0 && !c->noted) {
        c->noted = 1;
        if (note)
            sbuf_printf(note, "note: the font %s is not installed; %s stands in (Debian: %s)\n",
                        c->want, c->got, c == &choices[0] ? "fonts-dejavu-core" : "fonts-noto-cjk");
    }
    return c->got;
}
