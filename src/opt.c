/* opt.c — the table of algorithms that drives stepping, validation, help and
 * completion, and the first-order methods (gd, sgd, momentum, heavy ball, NAG, AdaGrad,
 * RMSProp, Adam, AdamW) exactly as COURSE.md writes them. Second-order and line-search
 * methods are in opt_quasi.c, the help and parameter text in opt_text.c. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/alloc.h"
#include "opt_internal.h"

/* ---- helpers every step uses ----------------------------------------------------- */

OPT_SCALAR void opt_move(opt_state *st, objective *o, double x, double y, double lr)
{
    st->fprev = st->f;
    st->x[0] = x;
    st->x[1] = y;
    st->lr = lr;
    obj_grad(o, x, y, &st->f, st->g);
}

/* Copy a pair into the explanation record (to == NULL: not recording). */
static void note_pair(double *to, const double from[2])
{
    if (!to) return;
    to[0] = from[0];
    to[1] = from[1];
}

/* The gradient a first-order rule uses: g plus coupled weight decay wd·θ at point p. */
static void decayed(const double g[2], const double p[2], double wd, double out[2])
{
    out[0] = g[0] + wd * p[0];
    out[1] = g[1] + wd * p[1];
}

/* ---- first-order methods ----------------------------------------------------------- */

/* Record the gradient a first-order rule used (explain). */
static void note_g(opt_state *st, const double g[2])
{
    if (!st->ex) return;
    st->ex->gw[0] = g[0];
    st->ex->gw[1] = g[1];
}

OPT_SCALAR static opt_result step_gd(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    double g[2];
    decayed(st->g, st->x, h->wd, g);
    note_g(st, g);
    opt_move(st, o, st->x[0] - lr * g[0], st->x[1] - lr * g[1], lr);
    return OPT_OK;
}

/* st->idx becomes 0, 1, ..., n−1 (allocated to n). Returns -1 when out of memory. */
static int sgd_identity(opt_state *st, int n)
{
    if (st->nidx != n) {
        int *p = ds_xrealloc(st->idx, sizeof(int) * (size_t)(n > 0 ? n : 1));
        if (!p) return -1;
        st->idx = p;
        st->nidx = n;
    }
    for (int i = 0; i < n; i++)
        st->idx[i] = i;
    return 0;
}

/* sgd on data: the index permutation mini-batches are drawn from. */
static ds_status init_sgd(opt_state *st, const opt_hyper *h, objective *o, ds_err *err)
{
    (void)h;
    if (obj_is_data(o) && sgd_identity(st, o->data->ntrain) != 0)
        return ds_err_set(err, DS_ENOMEM, "out of memory for %d batch indices", o->data->ntrain);
    return DS_OK;
}

/* The mini-batch (data) or noisy (formula) gradient estimate at st->x. */
static void sgd_estimate(opt_state *st, const opt_hyper *h, objective *o, double g[2])
{
    if (!obj_is_data(o)) {
        double n0 = rng_gauss(&st->rng), n1 = rng_gauss(&st->rng);
        g[0] = st->g[0] + h->noise * n0;
        g[1] = st->g[1] + h->noise * n1;
        if (st->ex) {
            st->ex->sgd_data = 0;
            st->ex->z[0] = n0;
            st->ex->z[1] = n1;
        }
        return;
    }
    int n = o->data->ntrain;
    int m = h->batch >= n ? n : (int)h->batch;
    if (st->ex) {
        st->ex->sgd_data = 1;
        st->ex->nbatch = m;
        st->ex->ntrain = n;
    }
    /* Every sample in order (exactly the full gradient, bit for bit), or after the data
     * changed under a running run; out of memory, the full gradient keeps it going. */
    if ((m >= n || st->nidx != n) && sgd_identity(st, n) != 0) {
        g[0] = st->g[0];
        g[1] = st->g[1];
        return;
    }
    /* A partial Fisher–Yates shuffle: the first m entries are a uniform sample without
     * replacement. */
    for (int i = 0; i < m && m < n; i++) {
        int j = i + rng_below(&st->rng, n - i);
        int tmp = st->idx[i];
        st->idx[i] = st->idx[j];
        st->idx[j] = tmp;
    }
    double fb;
    obj_batch_grad(o, st->idx, m, st->x[0], st->x[1], &fb, g);
    if (st->ex)
        for (int i = 0; i < m && i < EXPL_MAXBATCH; i++)
            st->ex->batch[i] = st->idx[i];
}

OPT_SCALAR static opt_result step_sgd(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    double est[2], g[2];
    sgd_estimate(st, h, o, est);
    decayed(est, st->x, h->wd, g);
    note_g(st, g);
    if (st->ex) {
        st->ex->est[0] = est[0];
        st->ex->est[1] = est[1];
    }
    opt_move(st, o, st->x[0] - lr * g[0], st->x[1] - lr * g[1], lr);
    return OPT_OK;
}

/* The two velocity methods differ in two factors: v ← βv + c·g (g the decayed gradient),
 * then θ ← θ + s·v. Momentum keeps an average of gradients (c = 1 − β, s = −lr); the
 * heavy ball a sum of steps (c = −lr, s = 1). Bit for bit the same as writing each out:
 * adding −lr·a is subtracting lr·a, and 1·v is v. */
OPT_SCALAR static opt_result velocity_step(opt_state *st, const opt_hyper *h, objective *o,
                                           double lr, double c, double s)
{
    double g[2], b = h->beta;
    decayed(st->g, st->x, h->wd, g);
    note_g(st, g);
    note_pair(st->ex ? st->ex->vprev : NULL, st->v);
    for (int i = 0; i < 2; i++)
        st->v[i] = b * st->v[i] + c * g[i];
    note_pair(st->ex ? st->ex->v : NULL, st->v);
    opt_move(st, o, st->x[0] + s * st->v[0], st->x[1] + s * st->v[1], lr);
    return OPT_OK;
}

static opt_result step_momentum(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    return velocity_step(st, h, o, lr, 1 - h->beta, -lr);
}

static opt_result step_heavyball(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    return velocity_step(st, h, o, lr, -lr, 1);
}

OPT_SCALAR static opt_result step_nag(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    double b = h->beta, ahead[2], fa, ga[2], g[2];
    ahead[0] = st->x[0] - b * st->v[0];
    ahead[1] = st->x[1] - b * st->v[1];
    obj_grad(o, ahead[0], ahead[1], &fa, ga);
    decayed(ga, ahead, h->wd, g);
    note_g(st, g);
    if (st->ex) {
        note_pair(st->ex->vprev, st->v);
        note_pair(st->ex->ahead, ahead);
        note_pair(st->ex->ga, ga);
        st->ex->fa = fa;
    }
    for (int i = 0; i < 2; i++)
        st->v[i] = b * st->v[i] + lr * g[i];
    note_pair(st->ex ? st->ex->v : NULL, st->v);
    opt_move(st, o, st->x[0] - st->v[0], st->x[1] - st->v[1], lr);
    return OPT_OK;
}

OPT_SCALAR static opt_result step_adagrad(opt_state *st, const opt_hyper *h, objective *o,
                                          double lr)
{
    double g[2], nx[2];
    decayed(st->g, st->x, h->wd, g);
    note_g(st, g);
    note_pair(st->ex ? st->ex->sprev : NULL, st->s);
    for (int i = 0; i < 2; i++) {
        st->s[i] += g[i] * g[i];
        nx[i] = st->x[i] - lr / sqrt(st->s[i] + h->eps) * g[i];
    }
    note_pair(st->ex ? st->ex->s : NULL, st->s);
    opt_move(st, o, nx[0], nx[1], lr);
    return OPT_OK;
}

OPT_SCALAR static opt_result step_rmsprop(opt_state *st, const opt_hyper *h, objective *o,
                                          double lr)
{
    double g[2], nx[2], b = h->beta;
    decayed(st->g, st->x, h->wd, g);
    note_g(st, g);
    note_pair(st->ex ? st->ex->sprev : NULL, st->s);
    for (int i = 0; i < 2; i++) {
        st->s[i] = b * st->s[i] + (1 - b) * g[i] * g[i];
        nx[i] = st->x[i] - lr / sqrt(st->s[i] + h->eps) * g[i];
    }
    note_pair(st->ex ? st->ex->s : NULL, st->s);
    opt_move(st, o, nx[0], nx[1], lr);
    return OPT_OK;
}

/* Adam's update from gradient g at point p (adamw passes the decayed point). */
OPT_SCALAR static void adam_update(opt_state *st, const opt_hyper *h, const double g[2],
                                   const double p[2], double lr, double out[2])
{
    double b1 = h->beta1, b2 = h->beta2, t = (double)(st->t + 1);
    double c1 = h->bias == 0 ? 1 - pow(b1, t) : 1;
    double c2 = h->bias == 0 ? 1 - pow(b2, t) : 1;
    opt_explain *ex = st->ex;
    if (ex) {
        note_g(st, g);
        note_pair(ex->mprev, st->m);
        note_pair(ex->sprev, st->s);
        note_pair(ex->p, p);
        ex->c1 = c1;
        ex->c2 = c2;
    }
    for (int i = 0; i < 2; i++) {
        st->m[i] = b1 * st->m[i] + (1 - b1) * g[i];
        st->s[i] = b2 * st->s[i] + (1 - b2) * g[i] * g[i];
        double mhat = st->m[i] / c1, vhat = st->s[i] / c2;
        out[i] = p[i] - lr * mhat / (sqrt(vhat) + h->eps);
    }
    if (ex) {
        note_pair(ex->m, st->m);
        note_pair(ex->s, st->s);
    }
}

OPT_SCALAR static opt_result step_adam(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    double g[2], nx[2];
    decayed(st->g, st->x, h->wd, g);
    adam_update(st, h, g, st->x, lr, nx);
    opt_move(st, o, nx[0], nx[1], lr);
    return OPT_OK;
}

OPT_SCALAR static opt_result step_adamw(opt_state *st, const opt_hyper *h, objective *o, double lr)
{
    /* Decoupled decay first, on θ itself (PyTorch's θ·(1 − α·wd)); the gradient is the
     * one at θ before the decay. */
    double p[2], nx[2];
    p[0] = st->x[0] * (1 - lr * h->wd);
    p[1] = st->x[1] * (1 - lr * h->wd);
    adam_update(st, h, st->g, p, lr, nx);
    opt_move(st, o, nx[0], nx[1], lr);
    return OPT_OK;
}

/* ---- the table ------------------------------------------------------------------- */

static const char *const w_onoff[] = {"on", "off", NULL};
static const char *const w_hess[] = {"raw", "shift", "abs", NULL};
static const char *const w_ls[] = {"wolfe", "armijo", NULL};
static const char *const w_variant[] = {"pr", "fr", NULL};

#define OFF(f) offsetof(opt_hyper, f)
#define REAL(n, f, d, lo, hi, lopen, hopen, help)                                                  \
    {                                                                                              \
        n, OFF(f), OPT_REAL, d, lo, hi, lopen, hopen, 0, NULL, help                                \
    }
#define P_LR(d)         REAL("lr", lr, d, 0, INFINITY, 1, 0, N_("learning rate α (sched can drive it)"))
#define P_BETA(d, help) REAL("beta", beta, d, 0, 1, 0, 1, help)
#define P_EPS(d, help)  REAL("eps", eps, d, 0, INFINITY, 1, 0, help)
#define P_WD                                                                                       \
    {                                                                                              \
        "wd", OFF(wd), OPT_REAL, 0, 0, INFINITY, 0, 0, 1, NULL,                                    \
            N_("weight decay (PyTorch's): g ← g + wd·θ, i.e. a penalty wd/2·‖θ‖² added to f")      \
    }
#define P_B1 REAL("beta1", beta1, 0.9, 0, 1, 0, 1, N_("decay of the first moment m (mean of g)"))
#define P_B2                                                                                       \
    REAL("beta2", beta2, 0.999, 0, 1, 0, 1, N_("decay of the second moment v (mean of g²)"))
#define P_BIAS                                                                                     \
    {                                                                                              \
        "bias", OFF(bias), OPT_CHOICE, 0, 0, 1, 0, 0, 1, w_onoff,                                  \
            N_("bias correction m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ); off uses m and v as they are")       \
    }
#define P_LS                                                                                       \
    {                                                                                              \
        "ls", OFF(ls), OPT_CHOICE, 0, 0, 1, 0, 0, 0, w_ls,                                         \
            N_("line search: strong Wolfe (c1=1e-4, c2=0.9) or Armijo backtracking (c1=1e-4)")     \
    }
#define P_END                                                                                      \
    {                                                                                              \
        NULL, 0, OPT_REAL, 0, 0, 0, 0, 0, 0, NULL, NULL                                            \
    }

static const opt_param common_params[] = {
    {"tol", OFF(tol), OPT_REAL, 1e-8, 0, INFINITY, 0, 0, 1, NULL,
     N_("stop (converged) when ‖∇f‖ < tol (with coupled wd: ‖∇f + wd·θ‖)")},
    {"maxiter", OFF(maxiter), OPT_INT, 100000, 1, 1e12, 0, 0, 1, NULL,
     N_("stop after this many steps")},
    P_END,
};

const opt_algo opt_algos[] = {
    {"gd",
     "θ ← θ − α·g",
     N_("Gradient descent: a step of length α·‖g‖ straight downhill. Converges for α < 2/λmax "
        "on a quadratic (λmax the largest Hessian eigenvalue) and diverges above it."),
     OPTF_LR | OPTF_WD,
     {P_LR(1e-3), P_WD, P_END},
     NULL,
     step_gd},
    {"sgd",
     N_("θ ← θ − α·ĝ, ĝ a mini-batch (data) or noisy (formula) gradient"),
     N_("Stochastic gradient descent. On data objectives ĝ is the gradient over a seeded random "
        "mini-batch of `batch` samples drawn without replacement each step (batch ≥ N is exactly "
        "gd); on formulas ĝ = g + noise·N(0, I), Gaussian noise from the seeded generator."),
     OPTF_LR | OPTF_WD,
     {P_LR(1e-3),
      {"batch", OFF(batch), OPT_INT, 1, 1, 1e9, 0, 0, 0, NULL,
       N_("mini-batch size M on data objectives (M = 1 is SGD proper)")},
      {"seed", OFF(seed), OPT_INT, 1, 0, 1e15, 0, 0, 0, NULL,
       N_("random seed for the batches or the noise")},
      {"noise", OFF(noise), OPT_REAL, 1, 0, INFINITY, 0, 0, 0, NULL,
       N_("standard deviation of the gradient noise on formula objectives")},
      P_WD,
      P_END},
     init_sgd,
     step_sgd},
    {"momentum",
     "v ← βv + (1−β)g; θ ← θ − α·v",
     N_("Momentum in the notes' EMA form (v₀ = 0): the step follows a moving average of the "
        "gradients, which damps zig-zag across a valley and builds speed along it."),
     OPTF_LR | OPTF_WD,
     {P_LR(1e-3), P_BETA(0.9, N_("averaging coefficient β (0.5 to 0.9 usual)")), P_WD, P_END},
     NULL,
     step_momentum},
    {"heavyball",
     "Δ ← βΔ − α·g; θ ← θ + Δ",
     N_("Classic heavy-ball momentum (the blog's form; PyTorch SGD with momentum and dampening 0 "
        "when α is constant): the last step, shrunk by β, plus a gradient step."),
     OPTF_LR | OPTF_WD,
     {P_LR(1e-3), P_BETA(0.9, N_("fraction β of the last step kept")), P_WD, P_END},
     NULL,
     step_heavyball},
    {"nag",
     "v ← βv + α·∇J(θ − βv); θ ← θ − v",
     N_("Nesterov accelerated gradient, look-ahead form: the gradient is taken where momentum is "
        "about to carry θ, so the step corrects itself before overshooting."),
     OPTF_LR | OPTF_WD,
     {P_LR(1e-3), P_BETA(0.9, N_("momentum coefficient β")), P_WD, P_END},
     NULL,
     step_nag},
    {"adagrad",
     "G ← G + g²; θ ← θ − α/√(G + ε) ⊙ g",
     N_("AdaGrad: each coordinate's rate is divided by the root of its summed squared gradients "
        "(ε inside the root, as in the notes). Rarely-moving coordinates keep large steps; the "
        "sum only grows, so every rate decays towards zero."),
     OPTF_LR | OPTF_WD,
     {P_LR(0.1), P_EPS(1e-8, N_("ε inside the root")), P_WD, P_END},
     NULL,
     step_adagrad},
    {"rmsprop",
     "s ← βs + (1−β)g²; θ ← θ − α/√(s + ε) ⊙ g",
     N_("RMSProp: like AdaGrad with an exponential moving average of g² (ε inside the root, as "
        "in the notes), so the rates stop shrinking for good."),
     OPTF_LR | OPTF_WD,
     {P_LR(0.01), P_BETA(0.9, N_("averaging coefficient β of g²")),
      P_EPS(1e-8, N_("ε inside the root")), P_WD, P_END},
     NULL,
     step_rmsprop},
    {"adam",
     N_("m̂, v̂ = bias-corrected means of g, g²; θ ← θ − α·m̂/(√v̂ + ε)"),
     N_("Adam: momentum on g and RMSProp on g² together; the bias correction m/(1−β₁ᵗ), "
        "v/(1−β₂ᵗ) undoes the zero start (t counts steps from 1). ε outside the root, as in the "
        "notes and PyTorch."),
     OPTF_LR | OPTF_WD,
     {P_LR(0.01), P_B1, P_B2, P_EPS(1e-8, N_("ε outside the root")), P_WD, P_BIAS, P_END},
     NULL,
     step_adam},
    {"adamw",
     N_("θ ← θ·(1 − α·wd), then the Adam step"),
     N_("AdamW: Adam with decoupled weight decay — θ shrinks by α·wd·θ before the Adam step "
        "(α the scheduled rate), instead of wd·θ being added to the gradient."),
     OPTF_LR,
     {P_LR(0.01),
      P_B1,
      P_B2,
      P_EPS(1e-8, N_("ε outside the root")),
      {"wd", OFF(wd), OPT_REAL, 0.01, 0, INFINITY, 0, 0, 0, NULL,
       N_("decoupled weight decay: θ ← θ − α·wd·θ before each Adam step")},
      P_BIAS,
      P_END},
     NULL,
     step_adamw},
    {"newton",
     "θ ← θ − α·H⁻¹g",
     N_("Newton's method: jump to the minimum of the local quadratic model (α = 1), quadratic "
        "convergence near a minimum. If H is not positive definite the step may head for a "
        "saddle or maximum; the status says so. hess=raw takes that step anyway (the default, "
        "so you can see it happen), shift adds μI with μ = −λmin + 1e-3·max(1, largest |λ|) "
        "(largest |λ| is the biggest eigenvalue in absolute value, not λmax, the most positive "
        "one), abs uses |λ| for every eigenvalue."),
     0,
     {REAL("lr", lr, 1, 0, INFINITY, 1, 0, N_("damping α (1 is the full Newton step)")),
      {"hess", OFF(hess), OPT_CHOICE, 0, 0, 2, 0, 0, 0, w_hess,
       N_("what to do when H is not positive definite: raw, shift or abs")},
      P_END},
     NULL,
     opt_step_newton},
    {"bfgs",
     N_("d = −H·g, α by line search; H ← (I−ρsyᵀ)H(I−ρysᵀ) + ρssᵀ"),
     N_("BFGS quasi-Newton, inverse form: H approximates H⁻¹ from the steps s and gradient "
        "changes y (ρ = 1/yᵀs). H₀ = I, kept as it is (the course's update from the identity, "
        "as SciPy's BFGS; no yᵀs/yᵀy rescaling, which only L-BFGS does); an update is skipped "
        "when yᵀs <= 1e-10·‖s‖‖y‖. The lr column is the step length α the line search took."),
     OPTF_SEARCH,
     {P_LS, P_END},
     NULL,
     opt_step_bfgs},
    {"lbfgs",
     N_("d = −(two-loop recursion over the last m pairs)·g, α by line search"),
     N_("Limited-memory BFGS: H⁻¹g from the last m pairs (s, y) by the two-loop recursion, "
        "starting from γI with γ = sᵀy/yᵀy of the newest pair. The lr column is the step "
        "length α."),
     OPTF_SEARCH,
     {{"m", OFF(m), OPT_INT, 5, 1, OPT_LBFGS_MAXM, 0, 0, 0, NULL, N_("pairs (s, y) remembered")},
      P_LS,
      P_END},
     NULL,
     opt_step_lbfgs},
    {"cg",
     N_("quad: linear CG (exact in 2 steps); else d ← −g + βd with a line search"),
     N_("Conjugate gradient. On a quad objective the course's linear CG: r₀ = b − Aθ₀, p₀ = r₀, "
        "α = rᵀr/pᵀAp, θ ← θ + αp, r ← r − αAp, β = r'ᵀr'/rᵀr, p ← r + βp — exact after 2 steps. "
        "Elsewhere nonlinear CG with β from Polak–Ribière⁺ max(0, g'ᵀ(g'−g)/gᵀg) or "
        "Fletcher–Reeves g'ᵀg'/gᵀg, a strong-Wolfe line search (c2 = 0.1), and a restart with "
        "−g when d is not a descent direction. The lr column is α."),
     OPTF_SEARCH,
     {{"variant", OFF(variant), OPT_CHOICE, 0, 0, 1, 0, 0, 0, w_variant,
       N_("β formula for nonlinear CG: pr (Polak–Ribière⁺) or fr (Fletcher–Reeves)")},
      P_END},
     opt_init_cg,
     opt_step_cg},
};

const int opt_algo_count = (int)(sizeof opt_algos / sizeof opt_algos[0]);

const opt_algo *opt_find(const char *name)
{
    for (int i = 0; i < opt_algo_count; i++)
        if (strcmp(opt_algos[i].name, name) == 0) return &opt_algos[i];
    return NULL;
}

static int own_count(const opt_algo *a)
{
    int n = 0;
    while (a->params[n].name)
        n++;
    return n;
}

const opt_param *opt_param_at(const opt_algo *a, int i)
{
    int n = own_count(a);
    if (i < 0) return NULL;
    if (i < n) return &a->params[i];
    i -= n;
    if (i < (int)(sizeof common_params / sizeof common_params[0]) - 1) return &common_params[i];
    return NULL;
}

const opt_param *opt_param_find(const opt_algo *a, const char *name)
{
    const opt_param *p;
    for (int i = 0; (p = opt_param_at(a, i)); i++)
        if (strcmp(p->name, name) == 0) return p;
    return NULL;
}

/* The field at p->offset, through memcpy: no cast from char * to double * (cppcheck's
 * invalidPointerCast), and compilers emit the same single load and store. */
double opt_get(const void *base, const opt_param *p)
{
    double v;
    memcpy(&v, (const char *)base + p->offset, sizeof v);
    return v;
}

void opt_put(void *base, const opt_param *p, double v)
{
    memcpy((char *)base + p->offset, &v, sizeof v);
}

void opt_defaults(const opt_algo *a, opt_hyper *h)
{
    memset(h, 0, sizeof *h);
    const opt_param *p;
    for (int i = 0; (p = opt_param_at(a, i)); i++)
        opt_put(h, p, p->def);
}

/* ---- state ----------------------------------------------------------------------- */

ds_status opt_state_init(opt_state *st, const opt_algo *a, const opt_hyper *h, objective *o,
                         const double x0[2], ds_err *err)
{
    int *keep = st->idx; /* the sgd index buffer and the record survive resets */
    int nkeep = st->nidx;
    opt_explain *ex = st->ex;
    memset(st, 0, sizeof *st);
    st->idx = keep;
    st->nidx = nkeep;
    st->ex = ex;
    rng_seed(&st->rng, (uint64_t)h->seed);
    st->x[0] = x0[0];
    st->x[1] = x0[1];
    st->H[0] = st->H[2] = 1;
    st->lr = NAN;
    st->fprev = NAN;
    obj_grad(o, x0[0], x0[1], &st->f, st->g);
    return a->init ? a->init(st, h, o, err) : DS_OK;
}

const char *opt_bad_value(const opt_state *st)
{
    if (!isfinite(st->x[0]) || !isfinite(st->x[1])) return N_("θ is not finite");
    if (!isfinite(st->f)) return N_("f is not finite");
    if (!isfinite(st->g[0]) || !isfinite(st->g[1])) return N_("∇f is not finite");
    if (fabs(st->x[0]) > OPT_DIVERGE_BOUND || fabs(st->x[1]) > OPT_DIVERGE_BOUND)
        return "|θ| > 1e12";
    return NULL;
}

void opt_state_free(opt_state *st)
{
    free(st->idx);
    st->idx = NULL;
    st->nidx = 0;
}

void opt_param_changed(opt_state *st, const opt_hyper *h, const opt_param *p)
{
    if (p->offset == offsetof(opt_hyper, seed)) rng_seed(&st->rng, (uint64_t)h->seed);
}

static int coupled_wd(const opt_algo *a, const opt_hyper *h)
{
    return a->flags & OPTF_WD && h->wd != 0;
}

const char *opt_gnorm_name(const opt_algo *a, const opt_hyper *h)
{
    return coupled_wd(a, h) ? "‖∇f + wd·θ‖" : "‖∇f‖";
}

double opt_gnorm(const opt_algo *a, const opt_hyper *h, const opt_state *st)
{
    if (coupled_wd(a, h)) {
        double g[2];
        decayed(st->g, st->x, h->wd, g);
        return sqrt(g[0] * g[0] + g[1] * g[1]);
    }
    /* sqrt of the sum, not hypot: a fifth of a gd step's time went to hypot; the test
     * ‖∇f‖ < tol only meets the difference (an ulp, or inf for ‖∇f‖ > 1e154) far from tol */
    return sqrt(st->g[0] * st->g[0] + st->g[1] * st->g[1]);
}

void opt_tol_prepare(opt_tol_test *t, const opt_algo *a, const opt_hyper *h)
{
    double tol = h->tol, t2 = tol * tol;
    t->tol = tol;
    t->wd = coupled_wd(a, h);
    t->wdv = h->wd;
    if (isnormal(t2) && t2 < 1e300) {
        t->lo = t2 * (1 - 0x1p-50);
        t->hi = t2 * (1 + 0x1p-50);
    } else if (tol <= 0) { /* sqrt(s) < tol never holds */
        t->lo = -INFINITY;
        t->hi = -INFINITY;
    } else { /* subnormal, huge or not a number: always the root */
        t->lo = -INFINITY;
        t->hi = INFINITY;
    }
}
