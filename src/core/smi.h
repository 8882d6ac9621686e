/* smi.h - the internal SMI data model: OIDs, values, varbind lists, PDUs and
 * whole messages. Shared by the VBL/PDU objects behind handles and by the BER
 * codec, so a decoded message becomes a PDU without copying.
 *
 * Layouts deliberately match winsnmp.h's smiOID/smiOCTETS (a 32-bit length,
 * then a pointer) on every target.
 */
#ifndef OWS_CORE_SMI_H
#define OWS_CORE_SMI_H
#include <stddef.h>
#include <stdint.h>

#define OWS_MAX_OID_LEN 128     /* MAXOBJIDSIZE */
#define OWS_MAX_OID_STR 1408    /* MAXOBJIDSTRSIZE */

/* Value syntaxes: winsnmp.h's SNMP_SYNTAX_* values. On the wire BITS is an
 * OCTET STRING and UINT32 is a Gauge32 (0x42): the decoder never yields them. */
enum ows_syntax {
    OWS_SYN_INT = 0x02, OWS_SYN_BITS = 0x03, OWS_SYN_OCTETS = 0x04,
    OWS_SYN_NULL = 0x05, OWS_SYN_OID = 0x06, OWS_SYN_IPADDR = 0x40,
    OWS_SYN_CNTR32 = 0x41, OWS_SYN_GAUGE32 = 0x42, OWS_SYN_TIMETICKS = 0x43,
    OWS_SYN_OPAQUE = 0x44, OWS_SYN_NSAPADDR = 0x45, OWS_SYN_CNTR64 = 0x46,
    OWS_SYN_UINT32 = 0x47, OWS_SYN_NOSUCHOBJECT = 0x80,
    OWS_SYN_NOSUCHINSTANCE = 0x81, OWS_SYN_ENDOFMIBVIEW = 0x82
};

/* PDU types: winsnmp.h's SNMP_PDU_* values, which are also the BER tags. */
enum ows_pdu_type {
    OWS_PDU_GET = 0xA0, OWS_PDU_GETNEXT = 0xA1, OWS_PDU_RESPONSE = 0xA2,
    OWS_PDU_SET = 0xA3, OWS_PDU_V1TRAP = 0xA4, OWS_PDU_GETBULK = 0xA5,
    OWS_PDU_INFORM = 0xA6, OWS_PDU_TRAP = 0xA7,
    /* Report-PDU (RFC 3416): SNMPv3 only; winsnmp.h has no name for it. */
    OWS_PDU_REPORT = 0xA8
};

/* SNMPv3 (msgVersion 3): a scopedPDU decoded into an ows_msg carries the
 * contextName in `community` (core/v3_codec.h). */
enum ows_version { OWS_SNMPV1 = 0, OWS_SNMPV2C = 1, OWS_SNMPV3 = 3 };

typedef struct ows_oid {
    uint32_t len;        /* sub-identifiers */
    uint32_t *ids;
} ows_oid;

typedef struct ows_octets {
    uint32_t len;
    uint8_t *ptr;
} ows_octets;

typedef struct ows_value {
    uint32_t syntax;     /* enum ows_syntax */
    union {
        int32_t i;       /* INT */
        uint32_t u;      /* CNTR32, GAUGE32, TIMETICKS, UINT32 */
        uint64_t u64;    /* CNTR64 */
        ows_octets str;  /* OCTETS, BITS, IPADDR, OPAQUE, NSAPADDR */
        ows_oid oid;     /* OID */
    } v;                 /* NULL and the three exceptions carry nothing */
} ows_value;

typedef struct ows_varbind {
    ows_oid name;
    ows_value value;
    /* The one allocation holding this varbind's name sub-ids and value bytes,
     * or NULL when they live in the list's arena (decoded messages). */
    void *own;
} ows_varbind;

/* A variable-binding list. `items` is either its own allocation or, for a
 * decoded message, lies inside `arena`: the decoder makes ONE allocation per
 * message holding the items, every name, every value, the community and the
 * enterprise OID. Edits after that copy what they touch out of the arena. */
typedef struct ows_vbl {
    ows_varbind *items;
    uint32_t count;
    uint32_t cap;        /* 0 while `items` lies inside the arena */
    void *arena;
} ows_vbl;

typedef struct ows_pdu {
    int32_t type;            /* enum ows_pdu_type */
    int32_t request_id;
    int32_t error_status;    /* non-repeaters for GETBULK */
    int32_t error_index;     /* max-repetitions for GETBULK */
    ows_vbl vbl;
    /* SNMPv1 Trap-PDU only (type == OWS_PDU_V1TRAP). */
    ows_oid enterprise;
    uint8_t agent_addr[4];
    int32_t generic_trap;
    int32_t specific_trap;
    uint32_t time_stamp;
} ows_pdu;

typedef struct ows_msg {
    int32_t version;         /* enum ows_version */
    ows_octets community;
    ows_pdu pdu;
} ows_msg;

#endif
