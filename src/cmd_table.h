/* cmd_table.h — what cmd_table.c names: the handler of every command and subcommand
 * and the word lists its rows complete from, each defined in the file named above it,
 * next to the code that parses those words. */
#ifndef DESCENT_CMD_TABLE_H
#define DESCENT_CMD_TABLE_H

#include "descent/command.h"

/* A command's handler (the type cmd_fn points to), to declare them several at a time. */
typedef ds_status cmd_handler(sess *s, const cmd_args *a, cmd_ctx *c);

/* cmd_calc.c: cursor, eval, grad, hessian, jacobian, map, taylor */
cmd_handler cmd_cursor, cmd_eval, cmd_grad, cmd_hessian, cmd_jacobian, cmd_map, cmd_taylor;
extern const vocab_word jacobian_words[];

/* cmd_dataview.c: dataview, cloud */
extern const vocab_word cloud_words[];
cmd_handler cmd_cloud, cmd_dataview;

/* cmd_explain.c: explain, overlay, rewind, goto */
cmd_handler cmd_explain, cmd_goto, cmd_overlay, cmd_rewind;

/* cmd_front.c: export, record (the front ends do them) */
cmd_handler cmd_front;

/* cmd_func.c: func, data */
cmd_handler cmd_data, cmd_func, cmd_data_file, cmd_data_gen, cmd_data_split;

/* cmd_lesson.c: lesson and its subcommands, next, back, hint, answer, skip, review */
cmd_handler cmd_answer, cmd_back, cmd_hint, cmd_lesson, cmd_next, cmd_review, cmd_skip,
    cmd_lesson_lang, cmd_lesson_list, cmd_lesson_pane, cmd_lesson_quit, cmd_lesson_restart;

/* cmd_present.c: present, say */
cmd_handler cmd_present, cmd_say;

/* cmd_race.c: race */
cmd_handler cmd_race;

/* cmd_run.c: algo, add, select, del, set, start, reset, step, run, pause, speed */
cmd_handler cmd_add, cmd_algo, cmd_del, cmd_pause, cmd_reset, cmd_run, cmd_select, cmd_set,
    cmd_speed, cmd_start, cmd_step;

/* cmd_run_show.c: runs, trace */
cmd_handler cmd_runs, cmd_trace;

/* cmd_save.c: save */
cmd_handler cmd_save;

/* cmd_sched.c: sched, earlystop */
cmd_handler cmd_earlystop, cmd_sched;
extern const vocab_word estop_words[];

/* cmd_sweep.c: sweep, basins, pick */
cmd_handler cmd_basins, cmd_pick, cmd_sweep;

/* cmd_view.c: plot, view, zoom, levels, palette, aspect, paths, plots, arrow */
extern const vocab_word aspect_words[];
cmd_handler cmd_arrow, cmd_aspect, cmd_levels, cmd_palette, cmd_paths, cmd_plot, cmd_plots,
    cmd_view, cmd_zoom;
extern const vocab_word level_words[];
extern const vocab_word palette_words[];
extern const vocab_word paths_words[];
extern const vocab_word view_words[];

/* command.c: help, list, show, echo, quit */
cmd_handler cmd_echo, cmd_help, cmd_list, cmd_quit, cmd_show, cmd_list_algos, cmd_list_cmds,
    cmd_list_funcs, cmd_list_scheds;

/* command_args.c: on|off words */
extern const vocab_word cmd_onoff_words[];

/* Subcommand tables (cmd_table.c), which their commands' handlers dispatch through. */
extern const cmd_sub list_subs[];   /* list funcs|cmds|algos|scheds */
extern const cmd_sub data_subs[];   /* data gen|load|split */
extern const cmd_sub lesson_subs[]; /* lesson quit|restart|lang|pane|list */

#endif
