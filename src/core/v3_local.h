/* v3_local.h - the local SNMPv3 engine of the agent and notification-
 * receiver roles (issue 13): its snmpEngineID, snmpEngineBoots and
 * snmpEngineTime, its USM users and its statistics counters.
 *
 * Decisions:
 * - snmpEngineID (RFC 3411 SnmpEngineID, 13 octets by default): 0x80000000
 *   (the "defined by this architecture" bit with enterprise 0, as no IANA
 *   number is ours), format 5 (octets), then 8 random octets drawn once per
 *   process. The database's `@engine engineid=HEX` line replaces it
 *   (translate.h), for peers that must know it in advance.
 * - snmpEngineBoots: nothing is stored on disk. At its first use a process
 *   takes the number of seconds since 2024-01-01 00:00 UTC (1 at least),
 *   so each start of a program counts higher than the one before, as RFC
 *   3414 2.2.2 requires, provided the clock does not go back and two runs
 *   with the same configured engine ID start at least a second apart.
 *   snmpEngineTime counts seconds from then (monotonic clock); the pair
 *   stays the same across SnmpCleanup/SnmpStartup within a process.
 * - Users: the database's @user lines, read again by each SnmpListen ON and
 *   by the SnmpRegister that opens the trap socket (ows_v3_local_load):
 *   local users (we are authoritative: requests, informs) get their keys
 *   localised to the local engine ID; users with engine= (trap senders)
 *   to that engine, whose clock is tracked as RFC 3414 3.2 step 7b says.
 *
 * Thread-safe with its own mutex, which never waits for the API lock: the
 * engine thread uses it while it decodes without the API lock.
 */
#ifndef OWS_CORE_V3_LOCAL_H
#define OWS_CORE_V3_LOCAL_H
#include <stddef.h>
#include <stdint.h>
#include "core/usm_user.h"
#include "core/v3_codec.h"

/* Counters of RFC 3412 (snmpMPDStats) and RFC 3414 (usmStats), plus the
 * ASN.1 parse errors of SNMPv2-MIB. */
enum ows_v3_stat {
    OWS_V3S_UNKNOWN_MODELS,       /* snmpUnknownSecurityModels */
    OWS_V3S_INVALID_MSGS,         /* snmpInvalidMsgs */
    OWS_V3S_UNKNOWN_PDU_HANDLERS, /* snmpUnknownPDUHandlers */
    OWS_V3S_PARSE_ERRS,           /* snmpInASNParseErrs (of SNMPv3 messages) */
    OWS_V3S_UNSUPPORTED_LEVELS,   /* usmStatsUnsupportedSecLevels */
    OWS_V3S_NOT_IN_TIME,          /* usmStatsNotInTimeWindows */
    OWS_V3S_UNKNOWN_USERS,        /* usmStatsUnknownUserNames */
    OWS_V3S_UNKNOWN_ENGINES,      /* usmStatsUnknownEngineIDs */
    OWS_V3S_WRONG_DIGESTS,        /* usmStatsWrongDigests */
    OWS_V3S_DECRYPTION_ERRORS,    /* usmStatsDecryptionErrors */
    OWS_V3S_COUNT_
};

/* One user as a message is checked against it: a copy, wiped after use. */
struct ows_v3_user_keys {
    int level;                    /* OWS_USM_* */
    int remote;                   /* a trap sender's user (engine= given) */
    ows_v3_keys keys;             /* localised at its authoritative engine */
};

/* Reads the @engine and @user lines of the database at path (NULL:
 * WSNMP_DATABASE; unset or missing: no users), replacing the users known
 * so far; problems go to the trace with their line numbers. Returns the
 * number of users. */
int ows_v3_local_load(const char *path);
/* Forgets every user, wiping their keys (engine stop, tests). */
void ows_v3_local_clear(void);

/* The local snmpEngineID (32 bytes of room), boots and time. */
void ows_v3_local_id(uint8_t *id, uint32_t *len);
void ows_v3_local_clock(int32_t *boots, int32_t *time);

/* 0 and *out filled when (engine, user) is known; OWS_E_USM_PARAMS with
 * *unknown_engine set when no user at all belongs to that engine (the
 * local one always counts as known), else with it clear. */
int ows_v3_local_find(const uint8_t *engine, size_t engine_len, const uint8_t *user,
                      size_t user_len, struct ows_v3_user_keys *out, int *unknown_engine);

/* RFC 3414 3.2 step 7b for a non-authoritative receiver (a trap): 0 when
 * (boots, time) of the remote engine's user is in its window, updating
 * what we know of that engine's clock; OWS_E_USM_PARAMS when not. */
int ows_v3_local_remote_time(const uint8_t *engine, size_t engine_len, const uint8_t *user,
                             size_t user_len, int32_t boots, int32_t time);

/* A user of ours as the authoritative sender of notifications (RFC 3414
 * 1.5.1: the sender of a Trap is authoritative): a database v3 entity's
 * user with its keys localised to the local engine ID, as a receiver
 * configured with `createUser -e <our engine ID>` holds them. */
struct ows_v3_sender {
    int level;                    /* OWS_USM_* */
    uint8_t user[OWS_V3_NAME_MAX];
    uint32_t user_len;
    ows_v3_keys keys;
    uint8_t context[OWS_V3_NAME_MAX];       /* the line's context= */
    uint32_t context_len;
    uint8_t context_engine[OWS_USM_ENGINE_ID_MAX];   /* contextengine=, 0: ours */
    uint32_t context_engine_len;
};

/* The sender record of database v3 entity `entity`: made from its line at
 * first use (a megabyte of hashing per password), then kept until the next
 * ows_v3_local_load or clear. 0, or OWS_E_ENTITY_UNKNOWN (no valid line). */
int ows_v3_local_sender(const char *entity, struct ows_v3_sender *out);

/* A fresh msgID for a message we originate (random start, counting up). */
int32_t ows_v3_local_msg_id(void);

/* A fresh privacy salt: a 64-bit counter started at random. */
void ows_v3_local_salt(uint8_t salt[OWS_USM_SALT_LEN]);

/* Counters: one more of `which`, returning the new value; the value. */
uint32_t ows_v3_stat_bump(int which);
uint32_t ows_v3_stat(int which);

#endif
