/* test_palette.c — the colours with known answers: WCAG luminance and contrast, the
 * xterm-256 mapping, palette names, ramps ordered by luminance, and the promise the plot
 * makes: every run colour against every band colour of every palette, in 24-bit and in
 * xterm-256, has a contrast ratio of at least 3:1. */
#include <stdio.h>

#include "descent/palette.h"
#include "harness.h"

TEST(luminance_and_contrast)
{
    CHECK_NEAR(pal_luminance(0x000000), 0, 1e-12);
    CHECK_NEAR(pal_luminance(0xFFFFFF), 1, 1e-12);
    CHECK_NEAR(pal_luminance(0xFF0000), 0.2126, 1e-12);
    CHECK_NEAR(pal_contrast(0x000000, 0xFFFFFF), 21, 1e-9);
    CHECK_NEAR(pal_contrast(0xFFFFFF, 0x000000), 21, 1e-9);
    CHECK_NEAR(pal_contrast(0x777777, 0x777777), 1, 1e-12);
    /* #767676 on white is the classic 4.54:1. */
    CHECK_NEAR(pal_contrast(0x767676, 0xFFFFFF), 4.54, 0.01);
}

TEST(xterm256)
{
    CHECK(pal_from256(16) == 0x000000 && pal_from256(231) == 0xFFFFFF);
    CHECK(pal_from256(196) == 0xFF0000);
    CHECK(pal_from256(232) == 0x080808 && pal_from256(255) == 0xEEEEEE);
    CHECK(pal_to256(0xFF0000) == 196);
    CHECK(pal_to256(0xFFFFFF) == 231);
    CHECK(pal_to256(0x808080) == 244);
    for (int i = 16; i < 256; i++)
        CHECK(pal_from256(pal_to256(pal_from256(i))) == pal_from256(i));
}

TEST(names)
{
    CHECK(pal_find("viridis") == PAL_VIRIDIS && pal_find("cividis") == PAL_CIVIDIS);
    CHECK(pal_find("gray") == PAL_GRAY && pal_find("grey") == PAL_GRAY);
    CHECK(pal_find("contrast") == PAL_CONTRAST && pal_find("jet") == -1);
    CHECK_STR(pal_name(PAL_CIVIDIS), "cividis");
}

TEST(ramps_rise)
{
    /* Bands get lighter with f, in every palette and for any number of bands. */
    for (int p = 0; p < PAL_COUNT; p++)
        for (int nb = 2; nb <= 65; nb += 7) {
            double prev = -1;
            for (int k = 0; k < nb; k++) {
                double l = pal_luminance(pal_band((pal_id)p, k, nb));
                CHECK(l >= prev - 1e-9);
                prev = l;
            }
        }
    /* Neighbouring viridis bands of 13 differ (hue or lightness) in xterm-256 too. */
    int distinct = 0;
    for (int k = 1; k < 13; k++)
        distinct += pal_band256(PAL_VIRIDIS, k, 13) != pal_band256(PAL_VIRIDIS, k - 1, 13);
    printf("viridis: %d of 12 neighbouring bands of 13 differ in xterm-256\n", distinct);
    CHECK(distinct >= 9);
}

TEST(runs_contrast_every_band)
{
    /* The plot's promise, computed: each run colour against each band colour of each
     * palette at 2..65 bands, as 24-bit colours and as their xterm-256 stand-ins. */
    double worst = 99, worst256 = 99;
    for (int p = 0; p < PAL_COUNT; p++)
        for (int nb = 2; nb <= 65; nb++)
            for (int k = 0; k < nb; k++) {
                pal_rgb band = pal_band((pal_id)p, k, nb);
                pal_rgb b256 = pal_from256(pal_band256((pal_id)p, k, nb));
                for (int i = 0; i < PAL_NRUNCOLORS; i++) {
                    double c = pal_contrast(pal_run(i), band);
                    double c256 = pal_contrast(pal_from256(pal_to256(pal_run(i))), b256);
                    worst = c < worst ? c : worst;
                    worst256 = c256 < worst256 ? c256 : worst256;
                    if (c < 3 || c256 < 3)
                        TH_FAIL("run %d on %s band %d/%d: %.2f (256: %.2f)", i, pal_name((pal_id)p),
                                k, nb, c, c256);
                }
            }
    CHECK(worst >= 3 && worst256 >= 3);
    /* Runs differ from each other. */
    for (int i = 0; i < PAL_NRUNCOLORS; i++)
        for (int j = i + 1; j < PAL_NRUNCOLORS; j++)
            CHECK(pal_run(i) != pal_run(j) && pal_to256(pal_run(i)) != pal_to256(pal_run(j)));
}

int main(void)
{
    RUN(luminance_and_contrast);
    RUN(xterm256);
    RUN(names);
    RUN(ramps_rise);
    RUN(runs_contrast_every_band);
    TEST_END();
}
