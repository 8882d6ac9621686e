/* fuzz_touch.h - reads every byte a decoded message points at, so that
 * AddressSanitizer checks each pointer the decoder produced (the decode
 * and v3 harnesses). */
#ifndef OWS_FUZZ_TOUCH_H
#define OWS_FUZZ_TOUCH_H
#include <stdint.h>
#include "core/smi.h"

static volatile uint32_t sink;

static inline void touch(const ows_msg *m)
{
    for (uint32_t i = 0; i < m->community.len; i++)
        sink += m->community.ptr[i];
    for (uint32_t i = 0; i < m->pdu.enterprise.len; i++)
        sink += m->pdu.enterprise.ids[i];
    for (uint32_t i = 0; i < m->pdu.vbl.count; i++) {
        const ows_varbind *vb = &m->pdu.vbl.items[i];
        for (uint32_t k = 0; k < vb->name.len; k++)
            sink += vb->name.ids[k];
        if (vb->value.syntax == OWS_SYN_OID)
            for (uint32_t k = 0; k < vb->value.v.oid.len; k++)
                sink += vb->value.v.oid.ids[k];
        else if (vb->value.syntax == 0x04 || vb->value.syntax == 0x40 ||
                 vb->value.syntax == 0x44 || vb->value.syntax == 0x45)
            for (uint32_t k = 0; k < vb->value.v.str.len; k++)
                sink += vb->value.v.str.ptr[k];
    }
}

#endif
