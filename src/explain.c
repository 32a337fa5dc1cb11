/* explain.c — one recorded step written out as COURSE.md writes its rule, every term's
 * value plugged in, ending with the step actually taken, Δθ = θ_{t+1} − θ_t. One
 * writer per algorithm, found through a table by name. */
#include <math.h>
#include <string.h>

#include "descent/i18n.h"
#include "descent/fmt.h"
#include "descent/opt.h"

typedef struct {
    sbuf *out;
    int digits;
    const opt_explain *e;
    const opt_hyper *h;
} wr;

/* "  NAME = [a, b]" */
static void vec(wr *w, const char *name, const double v[2])
{
    sbuf_printf(w->out, "  %s = ", name);
    fmt_vec2(w->out, v, w->digits);
    sbuf_puts(w->out, "\n");
}

/* "  NAME = a" */
static void num(wr *w, const char *name, double v)
{
    sbuf_printf(w->out, "  %s = ", name);
    fmt_num(w->out, v, w->digits);
    sbuf_puts(w->out, "\n");
}

/* "  NAME = [[a, b], [b, c]]" for a symmetric 2×2 stored [a, b, c]. */
static void mat(wr *w, const char *name, const double m[3])
{
    sbuf_printf(w->out, "  %s = [[", name);
    fmt_num(w->out, m[0], w->digits);
    sbuf_puts(w->out, ", ");
    fmt_num(w->out, m[1], w->digits);
    sbuf_puts(w->out, "], [");
    fmt_num(w->out, m[1], w->digits);
    sbuf_puts(w->out, ", ");
    fmt_num(w->out, m[2], w->digits);
    sbuf_puts(w->out, "]]\n");
}

static void scaled(wr *w, const char *name, double k, const double v[2])
{
    double r[2] = {k * v[0], k * v[1]};
    vec(w, name, r);
}

/* Coupled weight decay: the gradient the rule used, g_t + wd·θ_t. */
static void decay_line(wr *w, const char *g)
{
    if (w->h->wd == 0) return;
    sbuf_printf(w->out, _("  weight decay wd = "));
    fmt_num(w->out, w->h->wd, w->digits);
    sbuf_printf(w->out, ": %s + wd·θ_t = ", g);
    fmt_vec2(w->out, w->e->gw, w->digits);
    sbuf_puts(w->out, _("   (used as g_t below)\n"));
}

/* ---- first-order methods ------------------------------------------------------------ */

static void write_gd(wr *w)
{
    decay_line(w, "g_t");
    scaled(w, "−α·g_t", -w->e->lr, w->e->gw);
}

static void write_sgd(wr *w)
{
    const opt_explain *e = w->e;
    if (e->sgd_data) {
        sbuf_printf(w->out, _("  mini-batch: M = %d of N = %d training samples, indices "),
                    e->nbatch, e->ntrain);
        if (e->nbatch >= e->ntrain) sbuf_puts(w->out, _("all (M ≥ N: the full gradient)"));
        for (int i = 0; i < e->nbatch && i < EXPL_MAXBATCH && e->nbatch < e->ntrain; i++)
            sbuf_printf(w->out, "%s%d", i ? ", " : "", e->batch[i]);
        if (e->nbatch > EXPL_MAXBATCH && e->nbatch < e->ntrain) sbuf_puts(w->out, ", …");
        sbuf_puts(w->out, "\n");
        vec(w, _("batch gradient ĝ_t"), e->est);
        vec(w, _("full gradient g_t "), e->g0);
    } else {
        vec(w, _("noise drawn z ~ N(0, I)"), e->z);
        scaled(w, "noise·z", w->h->noise, e->z);
        vec(w, "ĝ_t = g_t + noise·z", e->est);
    }
    decay_line(w, "ĝ_t");
    scaled(w, "−α·ĝ_t", -e->lr, e->gw);
}

static void write_momentum(wr *w)
{
    const opt_explain *e = w->e;
    double b = w->h->beta;
    decay_line(w, "g_t");
    vec(w, "v_{t−1}", e->vprev);
    scaled(w, "β·v_{t−1}", b, e->vprev);
    scaled(w, "(1−β)·g_t", 1 - b, e->gw);
    vec(w, "v_t = β·v_{t−1} + (1−β)·g_t", e->v);
    scaled(w, "−α·v_t", -e->lr, e->v);
}

static void write_heavyball(wr *w)
{
    const opt_explain *e = w->e;
    decay_line(w, "g_t");
    vec(w, _("Δw_{t−1} (the last step)"), e->vprev);
    scaled(w, "β·Δw_{t−1}", w->h->beta, e->vprev);
    scaled(w, "−α·g_t", -e->lr, e->gw);
    vec(w, "Δw_t = β·Δw_{t−1} − α·g_t", e->v);
}

static void write_nag(wr *w)
{
    const opt_explain *e = w->e;
    vec(w, "v_{t−1}", e->vprev);
    scaled(w, "β·v_{t−1}", w->h->beta, e->vprev);
    vec(w, _("look-ahead θ_t − β·v_{t−1}"), e->ahead);
    num(w, _("f(look-ahead)"), e->fa);
    vec(w, _("∇J(look-ahead)"), e->ga);
    decay_line(w, _("∇J(look-ahead)"));
    scaled(w, "α·∇J(θ_t − β·v_{t−1})", e->lr, e->gw);
    vec(w, "v_t = β·v_{t−1} + α·∇J(θ_t − β·v_{t−1})", e->v);
    scaled(w, "−v_t", -1, e->v);
}

/* Per-coordinate effective rate α/√(s + ε) and the step −rate ⊙ g. */
static void adaptive_rate(wr *w, const char *sname)
{
    const opt_explain *e = w->e;
    double rate[2], stepv[2];
    for (int i = 0; i < 2; i++) {
        rate[i] = e->lr / sqrt(e->s[i] + w->h->eps);
        stepv[i] = -rate[i] * e->gw[i];
    }
    sbuf_printf(w->out, _("  effective rate α/√(%s + ε) = "), sname);
    fmt_vec2(w->out, rate, w->digits);
    sbuf_puts(w->out, _("   (nominal α = "));
    fmt_num(w->out, e->lr, w->digits);
    sbuf_puts(w->out, ")\n");
    sbuf_printf(w->out, "  −α/√(%s + ε) ⊙ g_t = ", sname);
    fmt_vec2(w->out, stepv, w->digits);
    sbuf_puts(w->out, "\n");
}

static void write_adagrad(wr *w)
{
    const opt_explain *e = w->e;
    decay_line(w, "g_t");
    double g2[2] = {e->gw[0] * e->gw[0], e->gw[1] * e->gw[1]};
    vec(w, "G_{t−1}", e->sprev);
    vec(w, "g_t²", g2);
    vec(w, "G_t = G_{t−1} + g_t²", e->s);
    adaptive_rate(w, "G_t");
}

static void write_rmsprop(wr *w)
{
    const opt_explain *e = w->e;
    double b = w->h->beta;
    decay_line(w, "g_t");
    double g2[2] = {(1 - b) * e->gw[0] * e->gw[0], (1 - b) * e->gw[1] * e->gw[1]};
    vec(w, "s_{t−1}", e->sprev);
    scaled(w, "β·s_{t−1}", b, e->sprev);
    vec(w, "(1−β)·g_t²", g2);
    vec(w, "s_t = β·s_{t−1} + (1−β)·g_t²", e->s);
    adaptive_rate(w, "s_t");
}

static void write_adam(wr *w)
{
    const opt_explain *e = w->e;
    const opt_hyper *h = w->h;
    double mhat[2], vhat[2], den[2], stepv[2];
    for (int i = 0; i < 2; i++) {
        mhat[i] = e->m[i] / e->c1;
        vhat[i] = e->s[i] / e->c2;
        den[i] = sqrt(vhat[i]) + h->eps;
        stepv[i] = -e->lr * mhat[i] / den[i];
    }
    vec(w, "m_{t−1}", e->mprev);
    vec(w, "v_{t−1}", e->sprev);
    vec(w, "m_t = β₁·m_{t−1} + (1−β₁)·g_t", e->m);
    vec(w, "v_t = β₂·v_{t−1} + (1−β₂)·g_t²", e->s);
    if (h->bias == 0) {
        sbuf_printf(w->out, _("  bias corrections 1−β₁ᵗ = "));
        fmt_num(w->out, e->c1, w->digits);
        sbuf_printf(w->out, ", 1−β₂ᵗ = ");
        fmt_num(w->out, e->c2, w->digits);
        sbuf_printf(w->out, "   (t = %ld)\n", e->t);
        vec(w, "m̂_t = m_t/(1−β₁ᵗ)", mhat);
        vec(w, "v̂_t = v_t/(1−β₂ᵗ)", vhat);
    } else {
        sbuf_puts(w->out, _("  bias correction off: m̂_t = m_t, v̂_t = v_t\n"));
    }
    vec(w, "√v̂_t + ε", den);
    vec(w, "−α·m̂_t/(√v̂_t + ε)", stepv);
}

static void write_adam_coupled(wr *w)
{
    decay_line(w, "g_t");
    write_adam(w);
}

static void write_adamw(wr *w)
{
    const opt_explain *e = w->e;
    sbuf_puts(w->out, _("  decoupled decay first: wd = "));
    fmt_num(w->out, w->h->wd, w->digits);
    sbuf_puts(w->out, "\n");
    scaled(w, "−α·wd·θ_t", -e->lr * w->h->wd, e->x0);
    vec(w, "θ_t·(1 − α·wd)", e->p);
    write_adam(w);
}

/* ---- Newton ------------------------------------------------------------------------- */

static void write_newton(wr *w)
{
    const opt_explain *e = w->e;
    static const char *const policy[] = {"raw", "shift", "abs"};
    mat(w, "H = ∇²f(θ_t)", e->H);
    sbuf_puts(w->out, _("  eigenvalues λ = "));
    fmt_num(w->out, e->lam[0], w->digits);
    sbuf_puts(w->out, ", ");
    fmt_num(w->out, e->lam[1], w->digits);
    if (e->posdef) {
        sbuf_puts(w->out, _("   (H ≻ 0: the plain Newton step)\n"));
    } else {
        int p = (int)w->h->hess;
        sbuf_printf(w->out, _("   (H is not positive definite: hess=%s"), policy[p]);
        if (p == 0) sbuf_puts(w->out, _(", the raw step is taken anyway"));
        if (p == 1) {
            sbuf_puts(w->out, _(", H + μI with μ = "));
            fmt_num(w->out, e->mu, w->digits);
        }
        if (p == 2) sbuf_puts(w->out, _(", every λ replaced by |λ|"));
        sbuf_puts(w->out, ")\n");
        if (p != 0) mat(w, _("H used"), e->Hused);
    }
    vec(w, "H⁻¹g_t", e->dx);
    scaled(w, "−α·H⁻¹g_t", -e->lr, e->dx);
}

/* ---- line searches ------------------------------------------------------------------- */

static const char *verdict(int v)
{
    return v < 0 ? "—" : v ? _("yes") : _("no");
}

static void write_trials(wr *w)
{
    const opt_explain *e = w->e;
    double slope = e->g0[0] * e->d[0] + e->g0[1] * e->d[1];
    if (e->restart)
        sbuf_printf(w->out,
                    P_("  d was %s; restarted along −g_t after %d trial\n",
                       "  d was %s; restarted along −g_t after %d trials\n", e->restart_trial),
                    e->restart_trial ? _("searched without success") : _("not a descent direction"),
                    e->restart_trial);
    sbuf_printf(w->out, _("  line search (%s) along d, φ(α) = f(θ_t + α·d), φ'(0) = gᵀd = "),
                e->armijo_search ? _("Armijo backtracking, c1 = 1e-4")
                                 : _("strong Wolfe, c1 = 1e-4"));
    fmt_num(w->out, slope, w->digits);
    if (!e->armijo_search) {
        sbuf_puts(w->out, ", c2 = ");
        fmt_num(w->out, e->c2w, w->digits);
    }
    sbuf_puts(w->out, ":\n");
    int n = e->ntrials < EXPL_MAXTRIALS ? e->ntrials : EXPL_MAXTRIALS;
    for (int i = 0; i < n; i++) {
        const expl_trial *t = &e->trials[i];
        if (e->restart && i == e->restart_trial) sbuf_puts(w->out, _("    (along −g_t)\n"));
        sbuf_printf(w->out, _("    trial %d: α = "), i + 1);
        fmt_num(w->out, t->a, w->digits);
        sbuf_puts(w->out, "  φ(α) = ");
        fmt_num(w->out, t->f, w->digits);
        sbuf_printf(w->out, "  Armijo %s", verdict(t->armijo));
        if (t->curv >= 0)
            sbuf_printf(w->out, _("  curvature |φ'(α)| ≤ c2·|φ'(0)| %s"), verdict(t->curv));
        sbuf_puts(w->out, "\n");
    }
    if (e->ntrials > n) sbuf_printf(w->out, _("    … %d more trials\n"), e->ntrials - n);
    num(w, _("accepted α"), e->lr);
}

static void write_pair(wr *w)
{
    const opt_explain *e = w->e;
    vec(w, "s = θ_{t+1} − θ_t = α·d", e->ps);
    vec(w, "y = ∇f(θ_{t+1}) − ∇f(θ_t)", e->py);
    num(w, "yᵀs", e->ys);
    if (!e->updated)
        sbuf_puts(w->out,
                  _("  yᵀs ≤ 1e-10·‖s‖‖y‖: no usable curvature, the memory is not updated\n"));
}

static void write_bfgs(wr *w)
{
    const opt_explain *e = w->e;
    mat(w, "H_t (≈ ∇²f⁻¹)", e->Hprev);
    vec(w, "d = −H_t·g_t", e->d0);
    write_trials(w);
    write_pair(w);
    if (e->updated) {
        num(w, "ρ = 1/yᵀs", 1 / e->ys);
        mat(w, "H_{t+1} = (I−ρsyᵀ)H_t(I−ρysᵀ) + ρssᵀ", e->Hnew);
    }
}

static void write_lbfgs(wr *w)
{
    const opt_explain *e = w->e;
    if (e->npairs == 0)
        sbuf_puts(w->out, _("  no pairs stored yet: d = −g_t\n"));
    else {
        sbuf_printf(w->out,
                    P_("  two-loop recursion over %d pair (i = 1 newest):\n",
                       "  two-loop recursion over %d pairs (i = 1 newest):\n", e->npairs),
                    e->npairs);
        for (int i = 0; i < e->npairs; i++) {
            sbuf_printf(w->out, "    i = %d: ρ_i = 1/y_iᵀs_i = ", i + 1);
            fmt_num(w->out, e->lb_rho[i], w->digits);
            sbuf_puts(w->out, "  α_i = ρ_i·s_iᵀq = ");
            fmt_num(w->out, e->lb_alpha[i], w->digits);
            sbuf_puts(w->out, "\n");
        }
        num(w, _("γ = sᵀy/yᵀy (newest pair)"), e->gamma);
    }
    vec(w, "d = −H_t·g_t", e->d0);
    write_trials(w);
    write_pair(w);
    if (e->updated) sbuf_puts(w->out, _("  the pair (s, y) is stored (oldest dropped past m)\n"));
}

static void write_cg(wr *w)
{
    const opt_explain *e = w->e;
    if (e->linear) {
        vec(w, "r_t = b − Aθ_t", e->r0);
        vec(w, "p_t", e->p0);
        vec(w, "A·p_t", e->Ap);
        sbuf_puts(w->out, "  α_t = r_tᵀr_t / p_tᵀAp_t = ");
        fmt_num(w->out, e->rr, w->digits);
        sbuf_puts(w->out, " / ");
        fmt_num(w->out, e->pAp, w->digits);
        sbuf_puts(w->out, " = ");
        fmt_num(w->out, e->lr, w->digits);
        sbuf_puts(w->out, _("   (the exact minimizer along p_t)\n"));
        scaled(w, "α_t·p_t", e->lr, e->p0);
        vec(w, "r_{t+1} = r_t − α_t·A·p_t", e->r1);
        num(w, "β_t = r_{t+1}ᵀr_{t+1} / r_tᵀr_t", e->beta);
        vec(w, "p_{t+1} = r_{t+1} + β_t·p_t", e->p1);
        return;
    }
    vec(w, "d_t", e->d0);
    write_trials(w);
    scaled(w, "α·d", e->lr, e->d);
    sbuf_printf(w->out, "  β = %s = ",
                e->variant ? "g'ᵀg'/gᵀg (Fletcher–Reeves)"
                           : "max(0, g'ᵀ(g'−g)/gᵀg) (Polak–Ribière⁺)");
    fmt_num(w->out, e->beta, w->digits);
    sbuf_puts(w->out, "\n");
    vec(w, "d_{t+1} = −g' + β·d", e->p1);
}

/* ---- the table ------------------------------------------------------------------------ */

static const struct {
    const char *algo;
    const char *rule; /* the course's formula */
    void (*write)(wr *);
} writers[] = {
    {"gd", "θ_{t+1} = θ_t − α·g_t", write_gd},
    {"sgd", "θ_{t+1} = θ_t − α·ĝ_t", write_sgd},
    {"momentum", "v_t = β·v_{t−1} + (1−β)·g_t;  θ_{t+1} = θ_t − α·v_t", write_momentum},
    {"heavyball", "Δw_t = β·Δw_{t−1} − α·g_t;  θ_{t+1} = θ_t + Δw_t", write_heavyball},
    {"nag", "v_t = β·v_{t−1} + α·∇J(θ_t − β·v_{t−1});  θ_{t+1} = θ_t − v_t", write_nag},
    {"adagrad", "G_t = G_{t−1} + g_t²;  θ_{t+1} = θ_t − α/√(G_t + ε) ⊙ g_t", write_adagrad},
    {"rmsprop", "s_t = β·s_{t−1} + (1−β)·g_t²;  θ_{t+1} = θ_t − α/√(s_t + ε) ⊙ g_t", write_rmsprop},
    {"adam", "θ_{t+1} = θ_t − α·m̂_t/(√v̂_t + ε)", write_adam_coupled},
    {"adamw", "θ_{t+1} = θ_t·(1 − α·wd) − α·m̂_t/(√v̂_t + ε)", write_adamw},
    {"newton", "θ_{t+1} = θ_t − α·[∇²f(θ_t)]⁻¹∇f(θ_t)", write_newton},
    {"bfgs", N_("d = −H_t·g_t;  θ_{t+1} = θ_t + α·d (α by line search)"), write_bfgs},
    {"lbfgs", N_("d = −H_t·g_t by the two-loop recursion;  θ_{t+1} = θ_t + α·d"), write_lbfgs},
    {"cg", NULL, write_cg}, /* linear or nonlinear: see cg_rule */
};

void expl_write(const opt_explain *e, const opt_algo *a, const opt_hyper *h, int digits, sbuf *out)
{
    wr w = {out, digits, e, h};
    int k = -1;
    for (int i = 0; i < (int)(sizeof writers / sizeof writers[0]); i++)
        if (strcmp(writers[i].algo, a->name) == 0) k = i;
    const char *rule = k < 0 ? a->rule : writers[k].rule;
    if (!rule)
        rule = e->linear ? N_("linear CG: θ_{t+1} = θ_t + α_t·p_t")
                         : N_("nonlinear CG: θ_{t+1} = θ_t + α·d_t;  d_{t+1} = −g' + β·d_t");
    sbuf_printf(out, _("step t = %ld (iteration %ld → %ld): %s\n"), e->t, e->t - 1, e->t, _(rule));
    vec(&w, "θ_t", e->x0);
    num(&w, "f(θ_t)", e->f0);
    vec(&w, "g_t = ∇f(θ_t)", e->g0);
    if (a->flags & OPTF_LR) num(&w, "α", e->lr);
    if (strcmp(a->name, "newton") == 0) num(&w, _("α (damping)"), e->lr);
    if (k >= 0) writers[k].write(&w);
    vec(&w, "θ_{t+1}", e->x1);
    num(&w, "f(θ_{t+1})", e->f1);
    double dx[2] = {e->x1[0] - e->x0[0], e->x1[1] - e->x0[1]};
    sbuf_puts(out, "Δθ = ");
    fmt_vec2(out, dx, digits);
    sbuf_puts(out, "\n");
}
