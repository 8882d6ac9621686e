/* spares.c - a bounded stack of equal-size blocks kept for reuse (spares.h). */
#include <stddef.h>
#include "core/alloc.h"
#include "core/spares.h"

void *ows_spares_take(struct ows_spares *sp)
{
    void **p = sp->head;
    if (!p)
        return NULL;
    sp->head = *p;
    sp->n--;
    return p;
}

void ows_spares_give(struct ows_spares *sp, void *p)
{
    if (!p)
        return;
    if (sp->n >= OWS_SPARES_MAX) {
        ows_free(p);
        return;
    }
    *(void **)p = sp->head;
    sp->head = p;
    sp->n++;
}

void ows_spares_drain(struct ows_spares *sp)
{
    void *p;
    while ((p = ows_spares_take(sp)) != NULL)
        ows_free(p);
}
