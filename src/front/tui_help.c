/* tui_help.c — the help overlay (F1, or ? with the plot focused): the keys, then every
 * command with its synopsis and one line of help, generated from the command table. */
#include <stdio.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/command.h"
#include "tui_internal.h"

static const char *const key_help[] = {
    N_("Keys"),
    N_("  F1               this help (Esc, q or F1 closes it)"),
    N_("  Esc              switch between the prompt and the plot"),
    N_("  PgUp / PgDn      scroll the output"),
    N_("  Ctrl-C           stop an animation, or clear the line"),
    N_("  Tab              complete commands, algorithms, objectives, parameters"),
    N_("  Ctrl-R           search the history"),
    N_("  F5 / F6          in a lesson: back / next step"),
    N_("  Alt-Up / Alt-Dn  in a lesson: scroll the lesson pane a page up / down"),
    N_("  F7               in a lesson: collapse the pane to its task line / expand it"),
    N_("With the plot focused"),
    N_("  arrows / hjkl    move the cursor          + / -   zoom in / out at the cursor"),
    N_("  space            step every run once      0       reset the view"),
    N_("  Enter            run / pause              s       start every run at the cursor"),
    N_("  g / H            gradient / Hessian at the cursor"),
    N_("  [ / ]            every run one step back / forward (rewind / step)"),
    N_("  p                small charts of f and lr on/off     q  quit"),
    N_("Mouse: click moves the cursor; double click starts the runs there."),
    "",
    N_("Commands (type help NAME at the prompt for more)"),
};
#define NKEYHELP ((int)(sizeof key_help / sizeof key_help[0]))

static int help_lines(void)
{
    return NKEYHELP + cmd_count();
}

static void help_line(int i, char *buf, size_t n)
{
    if (i < NKEYHELP) {
        snprintf(buf, n, "%s",
                 key_help[i][0] ? _(key_help[i]) : ""); /* "" is the catalogue's header */
        return;
    }
    const cmd_spec *c = cmd_at(i - NKEYHELP);
    char usage[128];
    snprintf(usage, sizeof usage, "%s%s%s", c->name, c->synopsis[0] ? " " : "", c->synopsis);
    snprintf(buf, n, "  %-30s %s", usage, _(c->help));
}

void tui_help_draw(tui *t)
{
    int h = t->rows - 4, w = t->cols - 6 < 110 ? t->cols - 6 : 110;
    if (h < 5 || w < 20) return;
    if (!t->helpw) t->helpw = newwin(h, w, 2, (t->cols - w) / 2);
    if (!t->helpw) return;
    WINDOW *hw = t->helpw;
    werase(hw);
    box(hw, 0, 0);
    tui_text(hw, 0, 2, w - 4,
             t->ascii ? _(" help - arrows PgUp PgDn scroll - Esc closes ")
                      : _(" help · ↑↓ PgUp PgDn scroll · Esc closes "),
             A_BOLD, 0);
    int rows = h - 2, total = help_lines();
    if (t->help_scroll > total - rows) t->help_scroll = total - rows;
    if (t->help_scroll < 0) t->help_scroll = 0;
    char buf[512];
    for (int r = 0; r < rows && t->help_scroll + r < total; r++) {
        int i = t->help_scroll + r;
        help_line(i, buf, sizeof buf);
        attr_t a = (i < NKEYHELP && buf[0] && buf[0] != ' ') ? A_BOLD : A_NORMAL;
        tui_text(hw, 1 + r, 2, w - 4, buf, a, 0);
    }
    wnoutrefresh(hw);
}

int tui_help_key(tui *t, int key)
{
    int page = t->rows - 6 > 1 ? t->rows - 6 : 1;
    switch (key) {
    case 27:
    case 'q':
    case '?':
    case KEY_F(1):
        t->help_open = 0;
        if (t->helpw) delwin(t->helpw);
        t->helpw = NULL;
        t->dirty = TUI_DIRTY_ALL;
        return 1;
    case KEY_UP:
    case 'k': t->help_scroll--; break;
    case KEY_DOWN:
    case 'j': t->help_scroll++; break;
    case KEY_PPAGE: t->help_scroll -= page; break;
    case KEY_NPAGE:
    case ' ': t->help_scroll += page; break;
    case KEY_HOME: t->help_scroll = 0; break;
    case KEY_END: t->help_scroll = help_lines(); break;
    default: return 0;
    }
    t->dirty = TUI_DIRTY_ALL;
    return 0;
}
