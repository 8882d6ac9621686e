/* error.h - internal error codes and their one mapping to SNMPAPI_* codes.
 *
 * Core functions return 0 (OWS_OK) or a negative OWS_E_* value. The export
 * layer turns that into an SNMPAPI_* code through ows_err_to_api() and nowhere
 * else, so a codec that grows a new failure mode only adds a line here.
 */
#ifndef OWS_CORE_ERROR_H
#define OWS_CORE_ERROR_H

/* X(name, SNMPAPI code, description). The numbers are winsnmp.h's; the core
 * cannot include that header because it pulls in <windows.h> on Windows. */
#define OWS_ERROR_MAP(X)                                                        \
    X(ALLOC,              2, "memory allocation failed")                        \
    X(CONTEXT_INVALID,    3, "invalid context handle or community")             \
    X(CONTEXT_UNKNOWN,    4, "unknown context")                                 \
    X(ENTITY_INVALID,     5, "invalid entity handle")                           \
    X(ENTITY_UNKNOWN,     6, "unknown entity or unparsable address")            \
    X(INDEX_INVALID,      7, "variable-binding index out of range")             \
    X(NOOP,               8, "nothing to do")                                   \
    X(OID_INVALID,        9, "invalid object identifier")                       \
    X(OPERATION_INVALID, 10, "operation not valid here")                        \
    X(OUTPUT_TRUNCATED,  11, "output buffer too small")                         \
    X(PDU_INVALID,       12, "invalid PDU handle or contents")                  \
    X(SESSION_INVALID,   13, "invalid session handle")                          \
    X(SYNTAX_INVALID,    14, "invalid value syntax")                            \
    X(VBL_INVALID,       15, "invalid variable-binding list handle")            \
    X(MODE_INVALID,      16, "invalid mode")                                    \
    X(SIZE_INVALID,      17, "invalid size")                                    \
    X(NOT_INITIALIZED,   18, "SnmpStartup has not been called")                 \
    X(MESSAGE_INVALID,   19, "invalid SNMP message")                            \
    X(HWND_INVALID,      20, "not a window handle")                             \
    X(OTHER,             99, "unspecified error")                               \
    X(TL_NOT_INITIALIZED, 100, "transport not initialized")                     \
    X(TL_NOT_SUPPORTED,  101, "transport not supported")                        \
    X(TL_NOT_AVAILABLE,  102, "transport not available")                        \
    X(TL_RESOURCE_ERROR, 103, "socket could not be created")                    \
    X(TL_UNDELIVERABLE,  104, "destination unreachable")                        \
    X(TL_SRC_INVALID,    105, "invalid source entity")                          \
    X(TL_INVALID_PARAM,  106, "invalid transport parameter")                    \
    X(TL_IN_USE,         107, "address already in use")                         \
    X(TL_TIMEOUT,        108, "request timed out")                              \
    X(TL_PDU_TOO_BIG,    109, "message larger than the transport allows")       \
    X(TL_OTHER,          199, "transport error")                                \
    /* Decoder detail: all reported to the application as MESSAGE_INVALID. */  \
    X(BER_TRUNCATED,      19, "BER: value runs past the end of its container")  \
    X(BER_INDEFINITE,     19, "BER: indefinite length")                         \
    X(BER_LENGTH,         19, "BER: length over 4 octets or wrong for the type") \
    X(BER_TAG,            19, "BER: unexpected tag")                            \
    X(BER_INTEGER,        19, "BER: integer non-minimal or out of range")       \
    X(BER_OID,            19, "BER: malformed object identifier")               \
    X(BER_VERSION,        19, "SNMP: unsupported version or v2 type in v1")     \
    X(BER_TRAILING,       19, "BER: trailing bytes after the value")            \
    X(BER_LIMIT,          19, "BER: too many varbinds or too deep")             \
    /* Encoder: the bounded output buffer is too small. */                     \
    X(BUFFER_SMALL,      109, "encoded message does not fit the buffer")       \
    /* Cryptography (crypto.h) and SNMPv3 security (core/usm.h). */            \
    X(CRYPTO_UNSUPPORTED, 99, "algorithm not provided by this platform's crypto library") \
    X(CRYPTO,             99, "crypto library call failed or bad key/IV/length") \
    X(USM_PARAMS,         19, "SNMPv3: malformed or unsupported security parameters") \
    X(USM_WRONG_DIGEST,   19, "SNMPv3: authentication failed (wrong digest)")  \
    X(USM_DECRYPT,        19, "SNMPv3: decryption failed")

enum ows_error {
    OWS_OK = 0,
    OWS_ERROR_BASE_ = -1000,
#define OWS_ERROR_ENUM_(name, api, text) OWS_E_##name,
    OWS_ERROR_MAP(OWS_ERROR_ENUM_)
#undef OWS_ERROR_ENUM_
    OWS_ERROR_END_
};

/* SNMPAPI_* code for an internal error (0 for OWS_OK, OTHER for unknown). */
unsigned ows_err_to_api(int err);
/* Human-readable text for the debug trace. */
const char *ows_strerror(int err);

#endif
