/* session.c — creating, changing and freeing the shared model. Changing the objective
 * is the one transition with consequences (view, cursor, runs), so it lives here. */
#include <stdlib.h>
#include <string.h>

#include "descent/alloc.h"
#include "descent/cloud.h"
#include "descent/session.h"
#include "descent/sweep.h"

sess *sess_new(void)
{
    sess *s = ds_xcalloc(1, sizeof *s);
    if (!s) return NULL;
    ds_err err;
    obj_init(&s->obj);
    data_init(&s->data);
    runset_init(&s->runs);
    s->digits = 6;
    s->nlevels = 12;
    s->levels = LEVELS_AUTO;
    s->cellratio = 2.0;
    s->speed = 30;
    s->arrow = 1;
    s->direction[0] = 1; /* along x until `set direction` says otherwise */
    /* A dataset exists from the start so `func linreg` works at once. */
    if (data_generate(&s->data, DATA_LINREG, 50, 0.3, 1, &err) != DS_OK) goto fail;
    objective o;
    obj_init(&o);
    if (obj_make_catalog(&o, "rosenbrock", NULL, 0, NULL, &err) != DS_OK) goto fail;
    sess_set_objective(s, &o);
    /* One run from the start, so `step` shows something at once. */
    if (runset_add(&s->runs, &s->obj, "gd", &err) != DS_OK) goto fail;
    return s;
fail:
    sess_free(s);
    return NULL;
}

void sess_free(sess *s)
{
    if (!s) return;
    if (s->ext.release) s->ext.release(s->ext.data);
    sweep_view_free(s->sweep);
    cloud_free(s->cloud);
    runset_free(&s->runs);
    obj_free(&s->obj);
    data_free(&s->data);
    expr_free(s->map[0]);
    expr_free(s->map[1]);
    free(s);
}

void sess_set_objective(sess *s, objective *o)
{
    obj_free(&s->obj);
    s->obj = *o;
    obj_init(o); /* ownership moved */
    memcpy(s->view, s->obj.view, sizeof s->view);
    s->cursor[0] = 0.5 * (s->view[0] + s->view[1]);
    s->cursor[1] = 0.5 * (s->view[2] + s->view[3]);
    runset_on_objective(&s->runs, &s->obj);
    if (s->sweep) s->sweep->shown = 0; /* the map belongs to the old objective */
    /* The cloud copied a run on the old objective; the data view needs data. */
    cloud_free(s->cloud);
    s->cloud = NULL;
    if (!obj_is_data(&s->obj)) s->dataview = 0;
}
