/* test_objective.c — every catalog objective's value, gradient and Hessian against
 * closed forms derived by hand (independent of the formula's automatic derivatives),
 * plus the quadratic and the regression losses on tiny datasets worked on paper. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descent/objective.h"
#include "harness.h"

#define PI 3.14159265358979323846

typedef void (*closed_form)(double x, double y, double *f, double g[2], double h[3]);

static void bowl(double x, double y, double *f, double g[2], double h[3])
{
    *f = x * x + y * y;
    g[0] = 2 * x, g[1] = 2 * y;
    h[0] = 2, h[1] = 0, h[2] = 2;
}

static void ellipse(double x, double y, double *f, double g[2], double h[3])
{
    *f = x * x + 10 * y * y;
    g[0] = 2 * x, g[1] = 20 * y;
    h[0] = 2, h[1] = 0, h[2] = 20;
}

static void rotated(double x, double y, double *f, double g[2], double h[3])
{
    *f = 5.25 * x * x - 9.5 * x * y + 5.25 * y * y;
    g[0] = 10.5 * x - 9.5 * y, g[1] = -9.5 * x + 10.5 * y;
    h[0] = 10.5, h[1] = -9.5, h[2] = 10.5;
}

static void saddle(double x, double y, double *f, double g[2], double h[3])
{
    *f = x * x - y * y;
    g[0] = 2 * x, g[1] = -2 * y;
    h[0] = 2, h[1] = 0, h[2] = -2;
}

static void monkey(double x, double y, double *f, double g[2], double h[3])
{
    *f = x * x * x - 3 * x * y * y;
    g[0] = 3 * x * x - 3 * y * y, g[1] = -6 * x * y;
    h[0] = 6 * x, h[1] = -6 * y, h[2] = -6 * x;
}

static void rosenbrock(double x, double y, double *f, double g[2], double h[3])
{
    double r = y - x * x;
    *f = (1 - x) * (1 - x) + 100 * r * r;
    g[0] = -2 * (1 - x) - 400 * x * r, g[1] = 200 * r;
    h[0] = 2 - 400 * r + 800 * x * x, h[1] = -400 * x, h[2] = 200;
}

static void himmelblau(double x, double y, double *f, double g[2], double h[3])
{
    double a = x * x + y - 11, b = x + y * y - 7;
    *f = a * a + b * b;
    g[0] = 4 * x * a + 2 * b, g[1] = 2 * a + 4 * y * b;
    h[0] = 4 * a + 8 * x * x + 2, h[1] = 4 * x + 4 * y, h[2] = 2 + 4 * b + 8 * y * y;
}

static void beale(double x, double y, double *f, double g[2], double h[3])
{
    double c[3] = {1.5, 2.25, 2.625};
    *f = g[0] = g[1] = h[0] = h[1] = h[2] = 0;
    for (int k = 1; k <= 3; k++) {
        double yk = pow(y, k), t = c[k - 1] - x + x * yk;
        double tx = yk - 1, ty = k * x * pow(y, k - 1);
        double txy = k * pow(y, k - 1), tyy = k * (k - 1) * x * pow(y, k - 2 < 0 ? 0 : k - 2);
        if (k == 1) tyy = 0;
        *f += t * t;
        g[0] += 2 * t * tx, g[1] += 2 * t * ty;
        h[0] += 2 * tx * tx;
        h[1] += 2 * (tx * ty + t * txy);
        h[2] += 2 * (ty * ty + t * tyy);
    }
}

static void booth(double x, double y, double *f, double g[2], double h[3])
{
    double u = x + 2 * y - 7, v = 2 * x + y - 5;
    *f = u * u + v * v;
    g[0] = 2 * u + 4 * v, g[1] = 4 * u + 2 * v;
    h[0] = 10, h[1] = 8, h[2] = 10;
}

static void matyas(double x, double y, double *f, double g[2], double h[3])
{
    *f = 0.26 * (x * x + y * y) - 0.48 * x * y;
    g[0] = 0.52 * x - 0.48 * y, g[1] = 0.52 * y - 0.48 * x;
    h[0] = 0.52, h[1] = -0.48, h[2] = 0.52;
}

static void camel3(double x, double y, double *f, double g[2], double h[3])
{
    *f = 2 * x * x - 1.05 * pow(x, 4) + pow(x, 6) / 6 + x * y + y * y;
    g[0] = 4 * x - 4.2 * pow(x, 3) + pow(x, 5) + y, g[1] = x + 2 * y;
    h[0] = 4 - 12.6 * x * x + 5 * pow(x, 4), h[1] = 1, h[2] = 2;
}

static void camel6(double x, double y, double *f, double g[2], double h[3])
{
    *f = 4 * x * x - 2.1 * pow(x, 4) + pow(x, 6) / 3 + x * y - 4 * y * y + 4 * pow(y, 4);
    g[0] = 8 * x - 8.4 * pow(x, 3) + 2 * pow(x, 5) + y, g[1] = x - 8 * y + 16 * pow(y, 3);
    h[0] = 8 - 25.2 * x * x + 10 * pow(x, 4), h[1] = 1, h[2] = -8 + 48 * y * y;
}

/* Goldstein–Price as A·B with A = 1 + s²P, B = 30 + t²Q (s = x+y+1, t = 2x−3y). */
static void goldstein(double x, double y, double *f, double g[2], double h[3])
{
    double s = x + y + 1, t = 2 * x - 3 * y;
    double P = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
    double Q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
    double Pg[2] = {-14 + 6 * x + 6 * y, -14 + 6 * x + 6 * y};
    double Qg[2] = {-32 + 24 * x - 36 * y, 48 - 36 * x + 54 * y};
    double Ph[3] = {6, 6, 6}, Qh[3] = {24, -36, 54};
    double sg[2] = {1, 1}, tg[2] = {2, -3};
    double A = 1 + s * s * P, B = 30 + t * t * Q;
    double Ag[2], Bg[2], Ah[3], Bh[3];
    for (int i = 0; i < 2; i++) {
        Ag[i] = 2 * s * sg[i] * P + s * s * Pg[i];
        Bg[i] = 2 * t * tg[i] * Q + t * t * Qg[i];
    }
    int idx[3][2] = {{0, 0}, {0, 1}, {1, 1}};
    for (int k = 0; k < 3; k++) {
        int i = idx[k][0], j = idx[k][1];
        Ah[k] = 2 * P * sg[i] * sg[j] + 2 * s * (sg[i] * Pg[j] + Pg[i] * sg[j]) + s * s * Ph[k];
        Bh[k] = 2 * Q * tg[i] * tg[j] + 2 * t * (tg[i] * Qg[j] + Qg[i] * tg[j]) + t * t * Qh[k];
        h[k] = Ah[k] * B + Ag[i] * Bg[j] + Bg[i] * Ag[j] + A * Bh[k];
    }
    *f = A * B;
    g[0] = Ag[0] * B + A * Bg[0], g[1] = Ag[1] * B + A * Bg[1];
}

static void rastrigin(double x, double y, double *f, double g[2], double h[3])
{
    *f = 20 + x * x - 10 * cos(2 * PI * x) + y * y - 10 * cos(2 * PI * y);
    g[0] = 2 * x + 20 * PI * sin(2 * PI * x), g[1] = 2 * y + 20 * PI * sin(2 * PI * y);
    h[0] = 2 + 40 * PI * PI * cos(2 * PI * x), h[1] = 0;
    h[2] = 2 + 40 * PI * PI * cos(2 * PI * y);
}

static void ackley(double x, double y, double *f, double g[2], double h[3])
{
    double r = sqrt(0.5 * (x * x + y * y)), ex = exp(-0.2 * r);
    double E = exp(0.5 * (cos(2 * PI * x) + cos(2 * PI * y)));
    *f = -20 * ex - E + exp(1) + 20;
    double phi = 2 * ex / r, dphi = 2 * ex * (-0.2 / r - 1 / (r * r)); /* dφ/dr */
    double sx = sin(2 * PI * x), sy = sin(2 * PI * y);
    g[0] = x * phi + PI * sx * E, g[1] = y * phi + PI * sy * E;
    h[0] = phi + x * dphi * 0.5 * x / r + 2 * PI * PI * cos(2 * PI * x) * E - PI * PI * sx * sx * E;
    h[1] = x * dphi * 0.5 * y / r - PI * PI * sx * sy * E;
    h[2] = phi + y * dphi * 0.5 * y / r + 2 * PI * PI * cos(2 * PI * y) * E - PI * PI * sy * sy * E;
}

static void styblinski(double x, double y, double *f, double g[2], double h[3])
{
    *f = (pow(x, 4) - 16 * x * x + 5 * x + pow(y, 4) - 16 * y * y + 5 * y) / 2;
    g[0] = (4 * pow(x, 3) - 32 * x + 5) / 2, g[1] = (4 * pow(y, 3) - 32 * y + 5) / 2;
    h[0] = (12 * x * x - 32) / 2, h[1] = 0, h[2] = (12 * y * y - 32) / 2;
}

static const struct {
    const char *name;
    closed_form fn;
} forms[] = {
    {"bowl", bowl},
    {"ellipse", ellipse},
    {"rotated", rotated},
    {"saddle", saddle},
    {"monkey", monkey},
    {"rosenbrock", rosenbrock},
    {"himmelblau", himmelblau},
    {"beale", beale},
    {"booth", booth},
    {"matyas", matyas},
    {"camel3", camel3},
    {"camel6", camel6},
    {"goldstein", goldstein},
    {"rastrigin", rastrigin},
    {"ackley", ackley},
    {"styblinski", styblinski},
};

static const double points[][2] = {{0.3, -0.7}, {1.1, 0.4}, {-1.5, 2.0}, {2.2, -1.3}, {-0.4, -0.2}};

TEST(every_formula_objective_matches_its_closed_form)
{
    int nforms = (int)(sizeof forms / sizeof forms[0]);
    for (int k = 0; k < nforms; k++) {
        objective o;
        obj_init(&o);
        ds_err err;
        CHECK(obj_make_catalog(&o, forms[k].name, NULL, 0, NULL, &err) == DS_OK);
        for (size_t p = 0; p < sizeof points / sizeof points[0]; p++) {
            double x = points[p][0], y = points[p][1];
            double f, g[2], h[3], ef, eg[2], eh[3];
            forms[k].fn(x, y, &ef, eg, eh);
            obj_hess(&o, x, y, &f, g, h);
            CHECK_NEAR(f, ef, 1e-11);
            CHECK_NEAR(g[0], eg[0], 1e-10);
            CHECK_NEAR(g[1], eg[1], 1e-10);
            CHECK_NEAR(h[0], eh[0], 1e-9);
            CHECK_NEAR(h[1], eh[1], 1e-9);
            CHECK_NEAR(h[2], eh[2], 1e-9);
            CHECK_NEAR(obj_value(&o, x, y), ef, 1e-11);
            obj_grad(&o, x, y, &f, g);
            CHECK_NEAR(g[0], eg[0], 1e-10);
            CHECK_NEAR(g[1], eg[1], 1e-10);
        }
        obj_free(&o);
    }
}

TEST(catalog_minima_are_stationary)
{
    for (int k = 0; k < obj_catalog_count; k++) {
        const obj_entry *e = &obj_catalog[k];
        if (e->kind != OBJ_FORMULA || e->nmin == 0) continue;
        if (!strcmp(e->name, "ackley")) continue; /* not differentiable at its minimum */
        objective o;
        obj_init(&o);
        ds_err err;
        CHECK(obj_make_catalog(&o, e->name, NULL, 0, NULL, &err) == DS_OK);
        for (int i = 0; i < e->nmin; i++) {
            double f, g[2];
            obj_grad(&o, e->minima[i][0], e->minima[i][1], &f, g);
            /* Catalog points are rounded to 6 decimals. */
            if (hypot(g[0], g[1]) > 1e-3)
                TH_FAIL("%s minimum %d: |g| = %g", e->name, i, hypot(g[0], g[1]));
            else
                th_passed++;
        }
        obj_free(&o);
    }
}

TEST(known_values)
{
    objective o;
    obj_init(&o);
    ds_err err;
    obj_make_catalog(&o, "goldstein", NULL, 0, NULL, &err);
    CHECK_NEAR(obj_value(&o, 0, -1), 3, 1e-12);
    obj_make_catalog(&o, "beale", NULL, 0, NULL, &err);
    CHECK_NEAR(obj_value(&o, 3, 0.5), 0, 1e-12);
    obj_make_catalog(&o, "styblinski", NULL, 0, NULL, &err);
    CHECK_NEAR(obj_value(&o, -2.903534, -2.903534), -78.332331, 1e-6);
    obj_free(&o);
}

TEST(quad_is_half_theta_A_theta_minus_b_theta)
{
    objective o;
    obj_init(&o);
    ds_err err;
    double args[5] = {2, 1, 3, 1, -1};
    CHECK(obj_make_catalog(&o, "quad", args, 5, NULL, &err) == DS_OK);
    double f, g[2], h[3], x = 0.5, y = -2;
    obj_hess(&o, x, y, &f, g, h);
    /* ½(2·0.25 + 2·1·0.5·(−2) + 3·4) − (0.5 − (−1)(−2)) = ½(0.5 − 2 + 12) − (0.5 + 2)·… */
    double ef = 0.5 * (2 * x * x + 2 * x * y + 3 * y * y) - (1 * x + -1 * y);
    CHECK_NEAR(f, ef, 1e-14);
    CHECK_NEAR(g[0], 2 * x + y - 1, 1e-14);
    CHECK_NEAR(g[1], x + 3 * y + 1, 1e-14);
    CHECK_NEAR(h[0], 2, 0);
    CHECK_NEAR(h[1], 1, 0);
    CHECK_NEAR(h[2], 3, 0);
    /* The minimum solves Aθ = b: [[2,1],[1,3]]θ = [1,−1] ⇒ θ = (0.8, −0.6). */
    CHECK(o.nmin == 1);
    CHECK_NEAR(o.minima[0][0], 0.8, 1e-12);
    CHECK_NEAR(o.minima[0][1], -0.6, 1e-12);
    double bad[2] = {1, 2};
    CHECK(obj_make_catalog(&o, "quad", bad, 2, NULL, &err) == DS_EARG);
    CHECK_HAS(err.msg, "quad takes 3 or 5 numbers");
    CHECK_NEAR(o.A[0], 2, 0); /* unchanged by the failure */
    double indef[3] = {1, 0, -1};
    CHECK(obj_make_catalog(&o, "quad", indef, 3, NULL, &err) == DS_OK);
    CHECK(o.nmin == 0 && o.nsaddle == 1);
    obj_free(&o);
}

static void tiny_data(dataset *d, const double *xs, const double *ys, int n)
{
    data_init(d);
    d->x = malloc(sizeof(double) * n);
    d->y = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++)
        d->x[i] = xs[i], d->y[i] = ys[i];
    d->n = d->ntrain = n;
}

TEST(linreg_loss_by_hand)
{
    /* y = 2x + 1 exactly at x = 0, 1, 2. At (w, b) = (0, 0): residuals −1, −3, −5. */
    double xs[3] = {0, 1, 2}, ys[3] = {1, 3, 5};
    dataset d;
    tiny_data(&d, xs, ys, 3);
    objective o;
    obj_init(&o);
    ds_err err;
    CHECK(obj_make_catalog(&o, "linreg", NULL, 0, &d, &err) == DS_OK);
    double f, g[2], h[3];
    obj_hess(&o, 0, 0, &f, g, h);
    CHECK_NEAR(f, 35.0 / 6, 1e-14);
    CHECK_NEAR(g[0], -13.0 / 3, 1e-14);
    CHECK_NEAR(g[1], -3, 1e-14);
    CHECK_NEAR(h[0], 5.0 / 3, 1e-14);
    CHECK_NEAR(h[1], 1, 1e-14);
    CHECK_NEAR(h[2], 1, 1e-14);
    CHECK_NEAR(o.minima[0][0], 2, 1e-10);
    CHECK_NEAR(o.minima[0][1], 1, 1e-10);
    /* A batch of every sample equals the full gradient; one sample is its own residual. */
    int all[3] = {0, 1, 2}, one[1] = {2};
    double bg[2], bf;
    obj_batch_grad(&o, all, 3, 0, 0, &bf, bg);
    CHECK_NEAR(bg[0], g[0], 1e-14);
    CHECK_NEAR(bg[1], g[1], 1e-14);
    obj_batch_grad(&o, one, 1, 0, 0, &bf, bg);
    CHECK_NEAR(bf, 12.5, 1e-14);
    CHECK_NEAR(bg[0], -10, 1e-14);
    CHECK_NEAR(bg[1], -5, 1e-14);
    CHECK(isnan(obj_val_loss(&o, 0, 0)));
    /* With the last sample held out: validation loss ½·25/1. */
    d.ntrain = 2;
    CHECK_NEAR(obj_val_loss(&o, 0, 0), 12.5, 1e-14);
    obj_free(&o);
    data_free(&d);
}

TEST(logreg_loss_is_a_sum)
{
    double xs[2] = {0, 1}, ys[2] = {0, 1};
    dataset d;
    tiny_data(&d, xs, ys, 2);
    objective o;
    obj_init(&o);
    ds_err err;
    CHECK(obj_make_catalog(&o, "logreg", NULL, 0, &d, &err) == DS_OK);
    double f, g[2], h[3];
    obj_hess(&o, 0, 0, &f, g, h);
    CHECK_NEAR(f, 2 * log(2), 1e-14);
    CHECK_NEAR(g[0], -0.5, 1e-14);
    CHECK_NEAR(g[1], 0, 1e-14);
    CHECK_NEAR(h[0], 0.25, 1e-14);
    CHECK_NEAR(h[1], 0.25, 1e-14);
    CHECK_NEAR(h[2], 0.5, 1e-14);
    /* Far from zero the loss stays finite (softplus, not log(1 − σ)). */
    CHECK(isfinite(obj_value(&o, -800, 0)));
    /* No split, no accuracy; with (1, 1) held out, z = w·1 + b decides it. */
    CHECK(isnan(obj_val_accuracy(&o, 1, 0)));
    d.ntrain = 1;
    CHECK_NEAR(obj_val_accuracy(&o, 1, 0), 1, 0);  /* z = 1 ≥ 0 predicts 1: right */
    CHECK_NEAR(obj_val_accuracy(&o, -1, 0), 0, 0); /* z = −1 predicts 0: wrong */
    d.ntrain = 2;
    /* A batch of one sample is scaled by N/m = 2 to estimate the sum. */
    int one[1] = {1};
    double bf, bg[2];
    obj_batch_grad(&o, one, 1, 0, 0, &bf, bg);
    CHECK_NEAR(bf, 2 * log(2), 1e-14);
    CHECK_NEAR(bg[0], -1, 1e-14);
    obj_free(&o);
    d.y[1] = 0.5;
    CHECK(obj_make_catalog(&o, "logreg", NULL, 0, &d, &err) == DS_EARG);
    CHECK_HAS(err.msg, "labels y of 0 or 1");
    data_free(&d);
}

TEST(formula_objectives_and_errors)
{
    objective o;
    obj_init(&o);
    ds_err err;
    CHECK(obj_make_formula(&o, "x^2 + 3*y", &err) == DS_OK);
    CHECK_STR(o.name, "formula");
    CHECK_NEAR(obj_value(&o, 2, 1), 7, 0);
    CHECK(obj_make_formula(&o, "x^2 + ", &err) != DS_OK);
    CHECK_NEAR(obj_value(&o, 2, 1), 7, 0); /* unchanged */
    CHECK(obj_make_catalog(&o, "nope", NULL, 0, NULL, &err) == DS_EUNKNOWN);
    CHECK(obj_make_catalog(&o, "linreg", NULL, 0, NULL, &err) == DS_ESTATE);
    obj_free(&o);
}

int main(void)
{
    RUN(every_formula_objective_matches_its_closed_form);
    RUN(catalog_minima_are_stationary);
    RUN(known_values);
    RUN(quad_is_half_theta_A_theta_minus_b_theta);
    RUN(linreg_loss_by_hand);
    RUN(logreg_loss_is_a_sum);
    RUN(formula_objectives_and_errors);
    TEST_END();
}
