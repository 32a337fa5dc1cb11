/* cmd_reference.c — the command reference as roff for the man page (descent.1), from
 * the same command table as README's Markdown reference, so neither can drift: make
 * docs writes both and make check fails when either is stale. */
#include <string.h>

#include "descent/command.h"
#include "descent/utf8.h"

/* Append `s` as roff text: backslashes escaped, a leading '.' or '\'' defused, every
 * non-ASCII character as \[uXXXX] so the page renders the same in any locale. Runs of
 * spaces and newlines fold to one space (details are indented lines in the table). */
static void roff_text(sbuf *out, const char *s, int *bol)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n' || ch == ' ') {
            while (i < n && (s[i] == '\n' || s[i] == ' '))
                i++;
            if (!*bol) sbuf_puts(out, " ");
            continue;
        }
        if (*bol && (ch == '.' || ch == '\'')) sbuf_puts(out, "\\&");
        *bol = 0;
        if (ch < 0x80) {
            if (ch == '\\')
                sbuf_puts(out, "\\e");
            else if (ch == '-')
                sbuf_puts(out, "\\-");
            else
                sbuf_putn(out, s + i, 1);
            i++;
            continue;
        }
        uint32_t cp;
        int len = utf8_decode(s + i, n - i, &cp);
        if (len <= 0) { /* not UTF-8: the table never holds this; keep the page valid */
            sbuf_puts(out, "?");
            i++;
            continue;
        }
        sbuf_printf(out, "\\[u%04X]", (unsigned)cp);
        i += (size_t)len;
    }
}

void cmd_reference_man(sbuf *out)
{
    for (int i = 0; i < cmd_count(); i++) {
        const cmd_spec *c = cmd_at(i);
        int bol = 0;
        /* .TP's tag is the one next line: the name in bold, the synopsis in italics. */
        sbuf_puts(out, ".TP\n\\fB");
        roff_text(out, c->name, &bol);
        sbuf_puts(out, "\\fR");
        if (c->synopsis[0]) {
            sbuf_puts(out, " \\fI");
            roff_text(out, c->synopsis, &bol);
            sbuf_puts(out, "\\fR");
        }
        sbuf_puts(out, "\n");
        bol = 1;
        roff_text(out, c->help, &bol);
        sbuf more;
        sbuf_init(&more);
        cmd_details_text(c, 0, &more); /* details, then the subcommands */
        if (more.len) {
            sbuf_puts(out, ".\n");
            bol = 1;
            roff_text(out, sbuf_str(&more), &bol);
        }
        sbuf_free(&more);
        sbuf_puts(out, "\n");
    }
}
