/* explain.h — the explanation record: what one optimizer step computed (every term of
 * its rule, the line-search trials), filled by the step itself so `explain` costs no
 * extra evaluations; and the text that writes a step out as COURSE.md writes it. */
#ifndef DESCENT_EXPLAIN_H
#define DESCENT_EXPLAIN_H

#include "descent/sbuf.h"

#define EXPL_MAXTRIALS 64  /* line-search trials recorded (more are counted) */
#define EXPL_MAXBATCH  16  /* sgd batch indices recorded (the batch size is kept) */
#define EXPL_MAXPAIRS  100 /* L-BFGS pairs (OPT_LBFGS_MAXM) */

/* One line-search trial: α, φ(α) = f(θ + α·d), φ'(α) = ∇f(θ + α·d)ᵀd, and the verdicts
 * (1 holds, 0 fails, -1 not checked: Armijo backtracking never evaluates ∇f). */
typedef struct {
    double a, f, dphi;
    signed char armijo, curv;
} expl_trial;

/* Fields are filled by the algorithm that uses them; the rest keep stale values. */
typedef struct opt_explain {
    long t;                  /* the step's number: 1 for the first step (0: none recorded) */
    double x0[2], f0, g0[2]; /* θ_t, f(θ_t), ∇f(θ_t) */
    double lr;               /* α this step used (scheduled rate, damping, or search α) */
    double x1[2], f1;        /* θ_{t+1} and f there */
    double gw[2];            /* the gradient the first-order rule used (after coupled wd) */
    /* sgd */
    int sgd_data;             /* 1 mini-batch on data, 0 gradient noise on a formula */
    double est[2];            /* the batch or noisy gradient ĝ before weight decay */
    double z[2];              /* formula: the standard normal draws */
    int nbatch, ntrain;       /* data: batch size M of N training samples */
    int batch[EXPL_MAXBATCH]; /* its first indices */
    /* momentum, heavy ball, nag */
    double vprev[2], v[2];
    double ahead[2], fa, ga[2]; /* nag: look-ahead point, f and ∇f there */
    /* adagrad, rmsprop, adam, adamw */
    double sprev[2], s[2]; /* G or s (adam: v) before and after */
    double mprev[2], m[2]; /* adam's first moment */
    double c1, c2;         /* 1 − β₁ᵗ, 1 − β₂ᵗ (1 with bias=off) */
    double p[2];           /* adamw: θ·(1 − α·wd), the decayed point */
    /* newton */
    double H[3], lam[2], Hused[3], mu, dx[2]; /* H, eigenvalues, H after the policy, H⁻¹g */
    int posdef;                               /* 1 when H ≻ 0 (no policy applied) */
    /* bfgs, lbfgs, nonlinear cg: the search */
    double Hprev[3];   /* bfgs: the inverse-Hessian approximation used for d */
    double d0[2];      /* the direction first tried */
    double d[2];       /* the direction searched last (−g after a restart) */
    int restart;       /* 1: d0 failed (or was no descent direction); −g was searched */
    int restart_trial; /* trials before the restart */
    int armijo_search; /* 1 Armijo backtracking, 0 strong Wolfe */
    double c2w;        /* Wolfe's c2 */
    int ntrials;       /* trials evaluated (may exceed EXPL_MAXTRIALS) */
    expl_trial trials[EXPL_MAXTRIALS];
    int npairs; /* lbfgs: pairs the two-loop used, newest first */
    double lb_rho[EXPL_MAXPAIRS], lb_alpha[EXPL_MAXPAIRS], gamma;
    double ps[2], py[2], ys; /* the pair s = θ_{t+1} − θ_t, y = ∇f_{t+1} − ∇f_t, yᵀs */
    int updated;             /* bfgs/lbfgs: 1 the pair updated H (or was stored) */
    double Hnew[3];          /* bfgs: the updated approximation */
    /* cg */
    int linear;                                 /* the exact linear method on a quad */
    double r0[2], p0[2], Ap[2], pAp, rr, r1[2]; /* linear: residual, direction, A·p */
    double beta, p1[2];                         /* β and the next direction */
    int variant; /* nonlinear: 0 Polak–Ribière⁺, 1 Fletcher–Reeves */
} opt_explain;

#endif
