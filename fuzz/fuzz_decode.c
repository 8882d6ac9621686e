/* fuzz_decode.c - libFuzzer harness: any bytes into the message decoder.
 * A decoded message must be internally consistent (every pointer inside the
 * one arena is readable, which ASan checks as we walk it), and the v1 <-> v2
 * trap conversions must accept whatever the decoder produced; its quick
 * and general passes must agree. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/msg_codec.h"
#include "core/trap_convert.h"
#include "core/alloc.h"
#include "fuzz_touch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ows_msg m, g;
    int err = ows_msg_decode(data, size, &m), gerr;
    /* The decoder's general pass alone must agree with the quick pass it
     * normally tries first: same error, or the same message. */
    ows_msg_decode_general_only = 1;
    gerr = ows_msg_decode(data, size, &g);
    ows_msg_decode_general_only = 0;
    if (gerr != err || (!err && !ows_msg_equal(&m, &g)))
        abort();
    ows_msg_free(&g);
    if (err)
        return 0;
    touch(&m);
    if (m.pdu.type == OWS_PDU_V1TRAP) {
        ows_pdu v2;
        if (!ows_trap_v1_to_v2(&m.pdu, &v2)) {
            ows_pdu v1;
            static const uint8_t addr[4] = { 127, 0, 0, 1 };
            if (!ows_trap_v2_to_v1(&v2, addr, &v1))
                ows_free(v1.vbl.arena);
            ows_free(v2.vbl.arena);
        }
    } else if (m.pdu.type == OWS_PDU_TRAP) {
        ows_pdu v1;
        static const uint8_t addr[4] = { 0, 0, 0, 0 };
        if (!ows_trap_v2_to_v1(&m.pdu, addr, &v1))
            ows_free(v1.vbl.arena);
    }
    ows_msg_free(&m);
    return 0;
}
