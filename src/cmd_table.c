/* cmd_table.c — every command of the language as data, in help order: name, synopsis,
 * argument counts, one-line help, details, handler, completion and subcommands. help,
 * usage errors, completion, validation, the man page and README's reference are all
 * generated from these rows (command.c walks them); the handlers live in the cmd_*.c
 * file of their concern (cmd_table.h says which). To add a command: write its handler
 * there, declare it in cmd_table.h and add its row to the group it belongs with. */
#include <stddef.h>

#include "cmd_table.h"
#include "cmd_internal.h"
#include "descent/i18n.h"

/* Subcommands: the words after `list`, `data` and `lesson`. */
const cmd_sub list_subs[] = {
    {.name = "funcs",
     .synopsis = "",
     .help = N_("the catalog of objectives"),
     .fn = cmd_list_funcs},
    {.name = "cmds", .synopsis = "", .help = N_("every command's name"), .fn = cmd_list_cmds},
    {.name = "algos",
     .synopsis = "",
     .help = N_("the algorithms and their rules"),
     .fn = cmd_list_algos},
    {.name = "scheds",
     .synopsis = "",
     .help = N_("the schedules and their formulas"),
     .fn = cmd_list_scheds},
    {0},
};

const cmd_sub data_subs[] = {
    {.name = "gen",
     .synopsis = "linreg|logreg [n=50] [noise=0.3] [seed=1]",
     .help = N_("generate a dataset"),
     .fn = cmd_data_gen,
     .min_args = 1,
     .max_args = 4},
    {.name = "load",
     .synopsis = "FILE.csv",
     .help = N_("read two columns x,y (an optional header, # comments)"),
     .fn = cmd_data_file,
     .min_args = 1,
     .max_args = 1},
    {.name = "save",
     .synopsis = "FILE.csv",
     .help = N_("write the data as x,y"),
     .fn = cmd_data_file,
     .min_args = 1,
     .max_args = 1},
    {.name = "split",
     .synopsis = "FRACTION [seed=1]",
     .help = N_("shuffle, then keep FRACTION for training and the rest for validation"),
     .fn = cmd_data_split,
     .min_args = 1,
     .max_args = 2},
    {0},
};

/* The words after `lesson` that are not a lesson's number, name or file. */
const cmd_sub lesson_subs[] = {
    {.name = "list",
     .synopsis = "",
     .help = N_("the lessons with your progress (also `lesson` alone)"),
     .fn = cmd_lesson_list},
    {.name = "quit", .synopsis = "", .help = N_("close the open lesson"), .fn = cmd_lesson_quit},
    {.name = "close", .synopsis = "", .help = N_("the same as lesson quit"), .fn = cmd_lesson_quit},
    {.name = "restart",
     .synopsis = "",
     .help = N_("start the open lesson again from step 1"),
     .fn = cmd_lesson_restart},
    {.name = "pane",
     .synopsis = "[collapse|expand|toggle]",
     .help = N_("on the screen, fold the lesson pane to its task line or bring the text back (F7 "
                "toggles; Alt-Up and Alt-Down scroll it)"),
     .fn = cmd_lesson_pane,
     .max_args = 1},
    {.name = "lang",
     .synopsis = "[CODE]",
     .help = N_("open translations from lessons/CODE/ (en: the originals); alone, say which"),
     .fn = cmd_lesson_lang,
     .max_args = 1},
    {0},
};

/* Every command in help order, ending with a {0} row. */
const cmd_spec cmd_table[] = {
    /* ---- help, list, show, echo, quit: command.c */
    {.name = "help",
     .synopsis = "[COMMAND | algo NAME | func NAME]",
     .help = N_("list commands, or explain one"),
     .fn = cmd_help,
     .max_args = 2,
     .complete = CMPL_COMMAND},
    {.name = "list",
     .synopsis = "funcs|cmds|algos|scheds",
     .help = N_("list objectives, commands, algorithms or schedules"),
     .fn = cmd_list,
     .min_args = 1,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .subs = list_subs},
    {.name = "show",
     .synopsis = "",
     .help = N_("print every setting: objective, data, cursor, view, levels, arrow, digits, speed"),
     .fn = cmd_show},
    {.name = "echo",
     .synopsis = "[TEXT]",
     .help = N_("print TEXT (for scripts and lessons)"),
     .fn = cmd_echo,
     .max_args = CMD_ARGS_ANY},
    {.name = "quit",
     .synopsis = "",
     .help = N_("leave descent (Ctrl-D at an empty prompt too)"),
     .fn = cmd_quit},
    /* ---- func, data: cmd_func.c */
    {.name = "func",
     .synopsis = "[NAME [ARGS] | EXPR]",
     .help = N_("set the objective: a catalog name or a formula in x, y"),
     .details = N_("  func rosenbrock, func quad 1 0 10 (A11 A12 A22 [b1 b2]), func x^2 + 3*y^2.\n"
                   "  Alone, shows the current objective. list funcs shows the catalog."),
     .fn = cmd_func,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_FUNC},
    {.name = "data",
     .synopsis = "[gen|load|save|split ...]",
     .help = N_("the regression dataset for linreg and logreg"),
     .details = N_("  Alone, says what the data is and where it came from."),
     .fn = cmd_data,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_WORDS,
     .subs = data_subs},
    /* ---- cursor, eval, grad, hessian, jacobian, map, taylor: cmd_calc.c */
    {.name = "cursor",
     .synopsis = "[X Y]",
     .help = N_("move the cursor (or print where it is)"),
     .fn = cmd_cursor,
     .max_args = 2},
    {.name = "eval",
     .synopsis = "[X Y]",
     .help = N_("the value of f at the point (default: the cursor)"),
     .fn = cmd_eval,
     .max_args = 2},
    {.name = "grad",
     .synopsis = "[X Y] [along DX DY]",
     .help = N_("the gradient ∇f, its norm and steepest direction"),
     .details =
         N_("  With 'along DX DY' also the directional derivative D_v f = ∇fᵀv, v = (DX, DY)/‖·‖."),
     .fn = cmd_grad,
     .max_args = 5},
    {.name = "hessian",
     .synopsis = "[X Y]",
     .help = N_("the Hessian ∇²f: eigenvalues, definiteness and what they mean"),
     .details =
         N_("  Calls the point a minimum, maximum or saddle only where ∇f = 0; elsewhere it\n"
            "  describes the local curvature."),
     .fn = cmd_hessian,
     .max_args = 2},
    {.name = "jacobian",
     .synopsis = "[grad|map] [X Y]",
     .help = N_("Jacobian of f (1×2), of ∇f (the Hessian), or of the map"),
     .details = N_("  jacobian map uses the vector map set with `map E1, E2` and explains det J."),
     .fn = cmd_jacobian,
     .max_args = 3,
     .complete = CMPL_WORDS,
     .words = jacobian_words},
    {.name = "map",
     .synopsis = "[EXPR1, EXPR2]",
     .help = N_("set (or show) a vector map (x, y) ↦ (EXPR1, EXPR2)"),
     .fn = cmd_map,
     .max_args = CMD_ARGS_ANY},
    {.name = "taylor",
     .synopsis = "0|1|2 [X Y] [at QX QY]",
     .help = N_("the Taylor model of order N, compared at a point"),
     .details = N_(
         "  The model is built at X Y (default: the cursor); 'at QX QY' compares it with f there."),
     .fn = cmd_taylor,
     .min_args = 1,
     .max_args = 6},
    /* ---- algo, add, select, del, set, start, reset, step, run, pause, speed: cmd_run.c */
    {.name = "algo",
     .synopsis = "[NAME [KEY=VALUE ...]]",
     .help = N_("set the selected run's algorithm (and reset it)"),
     .details = N_(
         "  Without a run yet, creates run 1. Parameters not given take their defaults; tol and\n"
         "  maxiter carry over. list algos names them all; help algo NAME explains one."),
     .fn = cmd_algo,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_ALGO},
    {.name = "add",
     .synopsis = "NAME [KEY=VALUE ...]",
     .help = N_("add a run to compare side by side"),
     .details =
         N_("  The new run starts where the selected run starts, gets the next number and colour,\n"
            "  and becomes the selected run. Up to 16 runs."),
     .fn = cmd_add,
     .min_args = 1,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_ALGO},
    {.name = "select",
     .synopsis = "N",
     .help = N_("make run N the one algo, set, sched and earlystop change"),
     .fn = cmd_select,
     .min_args = 1,
     .max_args = 1},
    {.name = "del",
     .synopsis = "N",
     .help = N_("delete run N (the runs after it move down one number)"),
     .fn = cmd_del,
     .min_args = 1,
     .max_args = 1},
    {.name = "set",
     .synopsis = "[KEY VALUE | KEY=VALUE ...]",
     .help = N_("change a setting or the selected run's parameters"),
     .details =
         N_("  Session settings (digits, speed, cellratio; direction DX DY, the grad overlay's v)\n"
            "  first, else the selected run's parameters, effective from its next step. tol and\n"
            "  maxiter belong to every algorithm; a stopped run goes on when a larger maxiter or\n"
            "  smaller tol no longer stops it. set alone shows them."),
     .fn = cmd_set,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_PARAM},
    {.name = "start",
     .synopsis = "[[N] X Y]",
     .help = N_("start every run (or run N) at (X, Y), and reset"),
     .details =
         N_("  Without arguments, lists the starts. A new objective moves every start to its "
            "default:\n"
            "  (-1.2, 1) on rosenbrock, else x0 + 0.2·(x1−x0), y0 + 0.8·(y1−y0) of its view box."),
     .fn = cmd_start,
     .max_args = 3},
    {.name = "reset", .synopsis = "", .help = N_("every run back to its start"), .fn = cmd_reset},
    {.name = "step",
     .synopsis = "[N]",
     .help = N_("advance every active run N steps (default 1)"),
     .details = N_(
         "  A run stops by itself when it converges (‖∇f‖ < tol), diverges (a value not finite or\n"
         "  |θ| > 1e12; θ stays at the last finite step), early-stops, reaches maxiter, or cannot\n"
         "  step; it says why and when."),
     .fn = cmd_step,
     .max_args = 1},
    {.name = "run",
     .synopsis = "[N]",
     .help = N_("animate N steps on the screen (default: until every run stops, cap 100000)"),
     .details =
         N_("  Steps at `speed` per second. Without N, after 3 s the rate doubles every second\n"
            "  (up to 100000/s), so a long run shows its start slowly and still finishes.\n"
            "  In batch mode run is step (with that default)."),
     .fn = cmd_run,
     .max_args = 1},
    {.name = "pause",
     .synopsis = "",
     .help = N_(
         "stop the animation; in a script on the screen, wait for Space or Enter (batch: nothing)"),
     .fn = cmd_pause},
    {.name = "speed",
     .synopsis = "[N]",
     .help = N_("animation speed of run on the screen, in steps per second"),
     .details = N_("  The same as set speed N (0.1 to 1e6, default 30); alone, prints it."),
     .fn = cmd_speed,
     .max_args = 1},
    /* ---- runs, trace: cmd_run_show.c */
    {.name = "runs",
     .synopsis = "",
     .help = N_("table of runs: parameters, iteration, f, ‖∇f‖, lr, evaluations, status"),
     .details =
         N_("  evals counts evaluations of f, ∇f and ∇²f since the run's reset; lr is the rate of "
            "the\n"
            "  next step (line-search methods: the last step's α). On data objectives f is the\n"
            "  training loss and a val loss column appears once the data has a split."),
     .fn = cmd_runs},
    {.name = "trace",
     .synopsis = "[FILE]",
     .help = N_("every run's trail as CSV (to FILE, or printed)"),
     .details = N_(
         "  Columns run,algo,iter,x,y,f,grad_x,grad_y,lr (+ train_loss,val_loss on data\n"
         "  objectives), numbers in %.17g. iter 0 is the start; lr is the rate the step that made\n"
         "  the row used (empty on iter 0). Very long runs keep a thinned trail; a # line says "
         "so."),
     .fn = cmd_trace,
     .max_args = 1,
     .complete = CMPL_FILE},
    /* ---- sched, earlystop: cmd_sched.c */
    {.name = "sched",
     .synopsis = "[NAME [KEY=VALUE ...]]",
     .help = N_("the selected run's learning-rate schedule"),
     .details = N_(
         "  list scheds shows them with their formulas. t counts the run's steps from 0, so the\n"
         "  first step uses lr itself. sched alone shows the schedule and its next ten rates.\n"
         "  plateau evaluates the loss once after every step; the first evaluation, after step 1,\n"
         "  sets the best, and `patience=P` cuts the rate after P evaluations in a row without an\n"
         "  improvement: PyTorch's ReduceLROnPlateau with patience=P−1 (threshold_mode='abs',\n"
         "  threshold=min_delta, eps=0)."),
     .fn = cmd_sched,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_SCHED},
    {.name = "earlystop",
     .synopsis = "[off | [on] [patience=P] [min_delta=D] [monitor=val|train|acc] [restore=on|off]]",
     .help = N_("stop the selected run when its loss stops improving"),
     .details = N_(
         "  Watches the validation loss on data objectives with a split (monitor=val), else f;\n"
         "  monitor=acc watches logreg's validation accuracy (the course's val_acc, mode max).\n"
         "  The loss is evaluated once after every step; the first evaluation, after step 1, sets\n"
         "  the best (the course's best_score = None), so restore=on never returns the untrained\n"
         "  start. Stops after `patience` evaluations in a row without an improvement larger than\n"
         "  min_delta; with restore=on the run goes back to its best iterate (the status says "
         "so)."),
     .fn = cmd_earlystop,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_WORDS,
     .words = estop_words},
    /* ---- explain, overlay, rewind, goto: cmd_explain.c */
    {.name = "explain",
     .synopsis = "[N]",
     .help = N_("the selected run's last step (or step N) with every term's value"),
     .details = N_(
         "  Writes the step as the course writes its rule, with the numbers plugged in, and ends\n"
         "  with Δθ = θ_{t+1} − θ_t, the step actually taken. The last step's terms were recorded\n"
         "  by the step itself; an earlier step is recomputed from a snapshot (said so, with the\n"
         "  evaluations that cost). Numbers use set digits."),
     .fn = cmd_explain,
     .max_args = 1},
    {.name = "rewind",
     .synopsis = "[N]",
     .help = N_("every run back N steps (default 1); stepping again repeats them"),
     .details = N_(
         "  Runs go back to exactly the state they had: sgd's batches and noise, the schedule\n"
         "  (plateau's memory too), early stopping, and the parameters set at that time. On the\n"
         "  plot, [ rewinds one step and ] takes one. N counts back from the newest iteration;\n"
         "  a run that stopped earlier stays where it stopped until the others reach it."),
     .fn = cmd_rewind,
     .max_args = 1},
    {.name = "goto",
     .synopsis = "K [N]",
     .help = N_("every run (or run N) to iteration K (back by rewinding, forward by stepping)"),
     .details =
         N_("  A run that stops before K stays where it stopped. save writes goto K N lines to\n"
            "  bring each run back to its iteration."),
     .fn = cmd_goto,
     .min_args = 1,
     .max_args = 2},
    {.name = "overlay",
     .synopsis = "[NAME [on|off]]",
     .help = N_("explain overlays on the plot (alone: list them)"),
     .details = N_(
         "  steps: the selected run's last step as arrows, its terms head to tail and the sum\n"
         "  Δθ, with a caption (line searches: the trial points); it follows the run as it\n"
         "  steps or animates. taylor1, taylor2: contours of the Taylor models at the cursor at\n"
         "  the plot's own levels, drawn over the true contours. eigen: the Hessian's eigenvector\n"
         "  axes at the cursor, length by |λ| (at least a tenth of the longer), arrows where f\n"
         "  curves up, dashed where it curves down. grad: ∇f and −∇f at the cursor and v of set\n"
         "  direction DX DY, with Dᵥ f = ∇fᵀv for v/‖v‖. prox (a gd run): θ − α∇f, the\n"
         "  minimizer of the proximal model, and the circle of radius ‖α∇f‖ around θ. grid (a\n"
         "  map): the image of a square grid under the map, hatched where det J < 0."),
     .fn = cmd_overlay,
     .max_args = 2,
     .complete = CMPL_OVERLAY},
    /* ---- dataview, cloud: cmd_dataview.c */
    {.name = "dataview",
     .synopsis = "[on|off]",
     .help = N_("show a regression's data and the selected run's model beside the plot"),
     .details =
         N_("  For linreg and logreg: the samples (training •, validation ○) in their own x, y\n"
            "  plane, and the model of the selected run's current θ = (w, b) — the line\n"
            "  y = w·x + b, or the sigmoid σ(w·x + b) with its 0.5 threshold x = −b/w — moving as\n"
            "  the run steps; with early stopping the best iterate's model dashed. The screen\n"
            "  splits the plot area (the loss on the left, the data on the right); plot prints\n"
            "  the same and export draws it beside the contour plot. The loss chart (plots)\n"
            "  draws the validation loss dotted beside f."),
     .fn = cmd_dataview,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = cmd_onoff_words},
    {.name = "cloud",
     .synopsis = "[K [seed=S] | off]",
     .help = N_("K seeded copies of the selected sgd run, drawn faintly, and their spread"),
     .details =
         N_("  Runs K copies (1 to 100) of the selected run with seeds S, S+1, ..., S+K−1\n"
            "  (default S: the run's own seed, so the run is one of them), through the same\n"
            "  parameters, schedule, early stopping and mid-run changes, to the run's iteration;\n"
            "  draws their paths faintly behind it and prints the mean and standard deviation\n"
            "  (population, ÷K) of their final θ per coordinate and of their final f. The copies\n"
            "  follow the run as it steps, rewinds or changes. The run needs randomness: sgd\n"
            "  with batch smaller than the training set, or noise > 0 on a formula. cloud alone\n"
            "  prints the spread again; cloud off removes it."),
     .fn = cmd_cloud,
     .max_args = 2,
     .complete = CMPL_WORDS,
     .words = cloud_words},
    /* ---- save: cmd_save.c */
    {.name = "save",
     .synopsis = "FILE",
     .help = N_("write the session as a command script that rebuilds it exactly"),
     .details =
         N_("  Objective and data (the generator, its seed and splits, or the loaded file), every "
            "run\n"
            "  with its parameters, schedule, early stopping, start and step count, the changes\n"
            "  made mid-run at the iterations they were made, the selection, cursor, view, map,\n"
            "  overlays, dataview, the cloud (K and seed) and settings. descent --batch FILE\n"
            "  replays it to the same trails, bit for bit."),
     .fn = cmd_save,
     .min_args = 1,
     .max_args = 1,
     .complete = CMPL_FILE},
    /* ---- sweep, basins, pick: cmd_sweep.c */
    {.name = "sweep",
     .synopsis = "PARAM A..B [PARAM2 C..D] [n=N|NxM] [lin|log] [steps=S] [threads=T] [FILE]",
     .help = N_("run the selected run's algorithm for many values of one or two parameters"),
     .details = N_(
         "  One parameter: a chart of steps to converge (log scale) against it, diverged values\n"
         "  marked; two: a map. Each value runs from the run's start for at most S steps (default\n"
         "  the run's maxiter, or 1000), without a trail. lr, eps and wd are log spaced unless\n"
         "  lin. On quadratics gd shows 1/λmax, 2/λmax and 2/(λmin+λmax), heavy ball its optimal\n"
         "  α, β and the stability region 0 < α·λ < 2(1+β). FILE gets CSV: PARAM,steps,final_f,\n"
         "  status (a map: PARAM1,PARAM2,...). threads=0 (default) uses every core."),
     .fn = cmd_sweep,
     .min_args = 2,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_PARAM},
    {.name = "basins",
     .synopsis = "[n=NxM] [steps=S] [threads=T] [FILE]",
     .help = N_("run the selected algorithm from every point of a grid over the view"),
     .details = N_(
         "  Each start is labelled by the point it converges to (known minima and saddles by\n"
         "  name), capital letters for fast, small for slow; - maxiter, blank diverged. Newton's\n"
         "  basins on himmelblau are fractal. FILE gets CSV: x,y,minimum,steps,status."),
     .fn = cmd_basins,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_FILE},
    {.name = "pick",
     .synopsis = "[X [Y]]",
     .help = N_("add a run with a sweep cell's parameters (or start, for basins)"),
     .details =
         N_("  X (and Y) are parameter values (basins: a start point); the nearest cell is taken.\n"
            "  Alone, the fastest converged cell. The plot goes back to the objective."),
     .fn = cmd_pick,
     .max_args = 2},
    /* ---- race: cmd_race.c */
    {.name = "race",
     .synopsis = "[ALGO ...] [budget=E] [tol=T] [threads=N]",
     .help = N_("a fair race: tune each algorithm's lr (and β) under one budget, then rank them"),
     .details = N_(
         "  Every algorithm tries lr in 1e-4, 3e-4, ..., 1 (and β or β₁ in 0.5, 0.9, 0.99) from\n"
         "  the selected run's start, each try limited to E evaluations (default 10000); the\n"
         "  setting converging (‖∇f‖ < T, default 1e-6) in the fewest evaluations wins, else the\n"
         "  lowest f. The table ranks the tuned runs; they are added to the plot. Without names:\n"
         "  gd momentum heavyball nag adagrad rmsprop adam bfgs lbfgs cg newton."),
     .fn = cmd_race,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_ALGO},
    /* ---- plot, view, zoom, levels, palette, aspect, paths, plots, arrow: cmd_view.c */
    {.name = "plot",
     .synopsis = "[WxH] [FILE] [color=on|off|24bit|256|8] [ascii]",
     .help = N_("print the contour plot with every run's path as text (default 80x24)"),
     .details =
         N_("  The picture the screen shows, as text: filled bands (shading characters, or\n"
            "  colours with color=on), contour lines, known minima (★) and saddles (×), and each\n"
            "  run's path from its start (○) to its current point, with a legend; from the cursor\n"
            "  an arrow along −∇f (arrow off hides it). `ascii` uses only ASCII characters.\n"
            "  With dataview on, the data view takes the right half, as on the screen.\n"
            "  With FILE the text goes there instead."),
     .fn = cmd_plot,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_FILE},
    {.name = "view",
     .synopsis = "[X0 X1 Y0 Y1 | reset]",
     .help = N_("show or set the plotted box (reset: the objective's own)"),
     .fn = cmd_view,
     .max_args = 4,
     .complete = CMPL_WORDS,
     .words = view_words},
    {.name = "zoom",
     .synopsis = "F",
     .help = N_("zoom about the cursor: F > 1 in, F < 1 out"),
     .fn = cmd_zoom,
     .min_args = 1,
     .max_args = 1},
    {.name = "levels",
     .synopsis = "[N] [log|lin|auto] | at V1 V2 ...",
     .help = N_("contour levels: how many, spaced evenly in f or in log f, or given"),
     .details =
         N_("  auto uses log spacing for objectives whose values span many orders of magnitude\n"
            "  (rosenbrock, himmelblau, ...). Log spacing shifts f by its minimum over the view,\n"
            "  so it works for negative values too. `levels at 0.1 1 10` draws exactly those\n"
            "  values (increasing, each once). The same levels make the bands, the lines and the\n"
            "  colour key under the plot."),
     .fn = cmd_levels,
     .max_args = CMD_ARGS_ANY,
     .complete = CMPL_WORDS,
     .words = level_words},
    {.name = "palette",
     .synopsis = "[viridis|cividis|gray|contrast]",
     .help = N_("the band colours of the plot"),
     .details = N_(
         "  viridis and cividis are perceptually uniform and readable with colour-blindness;\n"
         "  gray is a grey ramp; contrast is near-black bands with white lines, for projectors.\n"
         "  Every palette is kept dark enough that each run's colour has a contrast ratio of\n"
         "  at least 3:1 against every band."),
     .fn = cmd_palette,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = palette_words},
    {.name = "aspect",
     .synopsis = "[equal|fill|auto]",
     .help = N_("equal: one unit of x as long as one of y; fill: use the area"),
     .details =
         N_("  equal widens the view so circles look round and −∇f meets the contours at right\n"
            "  angles; it takes a character cell's height over its width from `set cellratio R`\n"
            "  (default 2). auto (the default) is equal for catalog objectives whose own view is\n"
            "  square, fill otherwise."),
     .fn = cmd_aspect,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = aspect_words},
    {.name = "paths",
     .synopsis = "[thick|thin|dots]",
     .help = N_("how run paths are drawn: thick lines, thin lines, or iterates"),
     .fn = cmd_paths,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = paths_words},
    {.name = "arrow",
     .synopsis = "[on|off]",
     .help = N_("show the steepest-descent direction −∇f at the cursor"),
     .details =
         N_("  An arrow of fixed length from the cursor along −∇f, the way gradient descent\n"
            "  steps from there: it shows the direction, not the size (grad prints that). On by\n"
            "  default, on the screen and in plot; left out where ∇f is zero (no direction) or\n"
            "  undefined."),
     .fn = cmd_arrow,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = cmd_onoff_words},
    {.name = "plots",
     .synopsis = "[on|off]",
     .help = N_("show or hide the small charts of f and lr (screen only; key p)"),
     .fn = cmd_plots,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = cmd_onoff_words},
    /* ---- export, record (done by the front ends): cmd_front.c */
    {.name = "export",
     .synopsis = "FILE.svg|FILE.png|FILE.pdf [WxH]",
     .help = N_("write the plot as a figure: field, contours, key, axes, minima, every run's path"),
     .details =
         N_("Vector contours traced at the figure's resolution; the field sampled per pixel\n"
            "in PNG. Default size 800x500 pt (SVG, PDF) or 1600x1000 px (PNG)."),
     .fn = cmd_front,
     .min_args = 1,
     .max_args = 2,
     .complete = CMPL_FILE},
    {.name = "record",
     .synopsis = "FILE.cast|stop",
     .help = N_("record the screen as an asciicast v2 file (asciinema), or stop recording"),
     .details =
         N_("Holds exactly the bytes the screen wrote, with timestamps. For a scripted demo\n"
            "without a person: descent --record FILE.cast SCRIPT."),
     .fn = cmd_front,
     .min_args = 1,
     .max_args = 1,
     .complete = CMPL_FILE},
    /* ---- present, say: cmd_present.c */
    {.name = "present",
     .synopsis = "[on|off]",
     .help = N_("presenter mode: the plot takes the whole screen, with its legend and colour key "
                "(key F2)"),
     .details =
         N_("  The prompt stays on the last row; short output shows over the plot, long output "
            "pages.\n"
            "  Needs a terminal of at least 60x16."),
     .fn = cmd_present,
     .max_args = 1,
     .complete = CMPL_WORDS,
     .words = cmd_onoff_words},
    {.name = "say",
     .synopsis = "[TEXT]",
     .help = N_("a caption over the plot until the next say (say alone clears it)"),
     .details =
         N_("  For demo scripts: descent demo.txt runs the script on the screen, pause waits "
            "for a key.\n"
            "  Without a screen the caption is printed."),
     .fn = cmd_say,
     .max_args = CMD_ARGS_ANY},
    /* ---- lesson, next, back, hint, answer, skip, review: cmd_lesson.c */
    {.name = "lesson",
     .synopsis = "[N | NAME | FILE | list | quit | close | restart | lang [CODE] | pane "
                 "collapse|expand]",
     .help = N_("list the lessons, or open one (resumes where you left off)"),
     .details = N_(
         "  Without arguments, lists the lessons with your progress. `lesson N` (or a name such\n"
         "  as `lesson derivatives`, or a FILE.lesson) opens one where you left off. Inside a\n"
         "  lesson: next, back, hint, answer VALUE. How to write lessons: lessons/README.md."),
     .fn = cmd_lesson,
     .max_args = 2,
     .complete = CMPL_WORDS,
     .subs = lesson_subs},
    {.name = "next", .synopsis = "", .help = N_("go to the lesson's next step"), .fn = cmd_next},
    {.name = "back",
     .synopsis = "",
     .help = N_("go back to the lesson's previous step"),
     .fn = cmd_back},
    {.name = "hint",
     .synopsis = "",
     .help = N_("show the next hint for the step's task"),
     .fn = cmd_hint},
    {.name = "answer",
     .synopsis = "VALUE",
     .help = N_("answer the step's question: a number (2/3 works) or a letter"),
     .fn = cmd_answer,
     .min_args = 1,
     .max_args = CMD_ARGS_ANY},
    {.name = "skip",
     .synopsis = "",
     .help = N_("do the step's task for you (it counts as skipped) and go on"),
     .details = N_(
         "  Runs the step's solution (or shows the answer) so the next steps find the session as\n"
         "  they expect, records the task as skipped, and moves to the next step. A strict lesson\n"
         "  refuses. `review` lists what you skipped."),
     .fn = cmd_skip},
    {.name = "review",
     .synopsis = "[STEP]",
     .help = N_("list the open lesson's skipped or missed tasks; reopen one"),
     .details = N_(
         "  Lists the tasks you skipped, saw the answer of after wrong tries, or passed without\n"
         "  doing; `review STEP` opens that step so you can do its task again."),
     .fn = cmd_review,
     .max_args = 1},
    {0},
};
