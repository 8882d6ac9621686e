/* layout.h - the SDK's snmp.h structure layouts (4-byte packing), per
 * pointer size, asserted at compile time both against our include/snmp.h
 * (test_mgmt_layout.c) and, in Windows builds, against mingw-w64's own
 * snmp.h (layout_sdk.c): both must agree with this one table. */
#ifndef OWS_MGMT_LAYOUT_H
#define OWS_MGMT_LAYOUT_H
#include <stddef.h>

#define P8 (sizeof(void *) == 8)
#define LAYOUT_ASSERTS(tag)                                                                   \
    _Static_assert(sizeof(AsnOctetString) == (P8 ? 16 : 12), tag ": AsnOctetString");        \
    _Static_assert(offsetof(AsnOctetString, length) == (P8 ? 8 : 4), tag ": length");        \
    _Static_assert(offsetof(AsnOctetString, dynamic) == (P8 ? 12 : 8), tag ": dynamic");     \
    _Static_assert(sizeof(AsnObjectIdentifier) == (P8 ? 12 : 8), tag ": AsnObjectIdentifier"); \
    _Static_assert(offsetof(AsnObjectIdentifier, ids) == 4, tag ": ids");                    \
    _Static_assert(sizeof(AsnAny) == (P8 ? 20 : 16), tag ": AsnAny");                        \
    _Static_assert(offsetof(AsnAny, asnValue) == 4, tag ": asnValue");                       \
    _Static_assert(sizeof(AsnCounter64) == 8, tag ": AsnCounter64");                         \
    _Static_assert(sizeof(SnmpVarBind) == (P8 ? 32 : 24), tag ": SnmpVarBind");              \
    _Static_assert(offsetof(SnmpVarBind, value) == (P8 ? 12 : 8), tag ": value");            \
    _Static_assert(sizeof(SnmpVarBindList) == (P8 ? 12 : 8), tag ": SnmpVarBindList");       \
    _Static_assert(offsetof(SnmpVarBindList, len) == (P8 ? 8 : 4), tag ": len");             \
    _Static_assert(sizeof(AsnInteger32) == 4 && sizeof(AsnUnsigned32) == 4, tag ": 32-bit"); \
    _Static_assert(SNMP_MGMTAPI_TIMEOUT == 40 && SNMP_MGMTAPI_INVALID_BUFFER == 48 &&        \
                   MGMCTL_SETAGENTPORT == 1 && SNMP_MEM_ALLOC_ERROR == 1 &&                  \
                   ASN_COUNTER64 == 0x46 && SNMP_PDU_GETNEXT == 0xA1, tag ": constants")

#endif
