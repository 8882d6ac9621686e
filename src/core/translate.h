/* translate.h - the small "WinSNMP database" used in TRANSLATED mode.
 *
 * The database format is not specified by Microsoft's documentation; ours is
 * a text file named by the WSNMP_DATABASE environment variable, read afresh
 * on each lookup (it is small and lookups are rare), one entry per line:
 *
 *     # comment
 *     router1   10.0.0.1:16161   v2c      (entity: name, address[:port], v1|v2c)
 *     ro        public                    (context: name, community)
 *
 * Fields are separated by blanks; a line with three fields is an entity, a
 * line with two a context. Names are matched exactly (case-sensitive). An
 * unknown name, a missing file or an unset variable all mean "not found", and
 * the caller then takes the string literally. Needs no lock.
 */
#ifndef OWS_CORE_TRANSLATE_H
#define OWS_CORE_TRANSLATE_H
#include <stddef.h>
#include <stdint.h>

/* Entity lookup: on success copies the address text (with optional port) to
 * addr and sets *version (enum ows_version). Returns 1 found, 0 not found. */
int ows_translate_entity(const char *name, char *addr, size_t addr_size, uint32_t *version);

/* Context lookup of a friendly name given as octets. On success copies the
 * community to community[0..*out_len). Returns 1 found, 0 not found. */
int ows_translate_context(const uint8_t *name, size_t len, uint8_t *community, size_t cap,
                          size_t *out_len);

/* ---- SNMPv3 entities --------------------------------------------------
 *
 * A line whose third field is "v3" describes an SNMPv3 entity; key=value
 * fields follow, in any order (keys and protocol names case-insensitive):
 *
 *     router3 10.0.0.3:161 v3 user=admin level=authPriv auth=SHA-256
 *             authpass=SECRET priv=AES privpass=SECRET context=ctx
 *             contextengine=0x80001f8880e9630000d61ff449        (one line)
 *
 *   user=           security name, 1..32 characters (required)
 *   level=          noAuthNoPriv | authNoPriv | authPriv (required)
 *   auth=           MD5 | SHA | SHA-224 | SHA-256 | SHA-384 | SHA-512
 *   authpass=       authentication password, 8..256 characters
 *   priv=           DES | AES (AES-128) | AES-192 | AES-256
 *   privpass=       privacy password, 8..256 characters
 *   context=        contextName, 0..32 characters (default empty)
 *   contextengine=  contextEngineID in hex, 5..32 octets (default: the
 *                   agent's own, discovered)
 *
 * The level decides which of auth/authpass/priv/privpass must be present
 * and which must not. Passwords cannot contain blanks or '#'. A bad entry is
 * never used: each problem goes to the trace as a warning with the file's
 * line number, and never with a password in it. A database that others can
 * read earns a warning too (ows_plat_file_private). */
#define OWS_V3_PASS_MIN 8
#define OWS_V3_PASS_MAX 256

struct ows_v3_entry {
    char addr[256];
    char user[33];
    int level;                 /* 0 noAuthNoPriv, 1 authNoPriv, 2 authPriv */
    int auth;                  /* enum ows_usm_auth */
    int priv;                  /* enum ows_usm_priv */
    char auth_pass[OWS_V3_PASS_MAX + 1];
    char priv_pass[OWS_V3_PASS_MAX + 1];
    char context[33];
    uint8_t context_engine[32];
    uint32_t context_engine_len;
    /* @user lines: the user's authoritative engine (engine=; 0 = the local
     * engine); @engine lines: the local engine ID (engineid=). */
    uint8_t engine[32];
    uint32_t engine_len;
};

/* Receives one problem of a database: its line (0 for the file itself) and
 * a message that never contains a secret. */
typedef void (*ows_translate_report)(void *ctx, unsigned line, const char *msg);

/* Looks up an SNMPv3 entity in WSNMP_DATABASE: 1 found and valid (*e filled),
 * 0 no v3 entry of that name (or no database), OWS_E_ENTITY_UNKNOWN when
 * its line has problems (traced; *e then holds no secret). */
int ows_translate_v3(const char *name, struct ows_v3_entry *e);

/* Checks every v3 line of the database at `path`, reporting each problem
 * (and a file others can read) to `report`. Returns the number reported;
 * a file that cannot be opened is one problem. */
int ows_translate_v3_check(const char *path, ows_translate_report report, void *ctx);

/* ---- The local SNMP engine: agent and notification-receiver roles ------
 *
 * Lines whose first field starts with '@' configure the local SNMPv3
 * engine (names starting with '@' are reserved: the entity and context
 * lookups skip such lines):
 *
 *     @engine engineid=0x80000000050123456789abcdef       (at most one)
 *     @user   user=admin level=authPriv auth=SHA-256 authpass=SECRET
 *             priv=AES privpass=SECRET                     (one line)
 *     @user   user=guest level=noAuthNoPriv
 *     @user   user=trapper engine=0x8000000001020304 level=authNoPriv
 *             auth=SHA authpass=SECRET                     (one line)
 *
 *   @engine   the local snmpEngineID (RFC 3411), 5..32 octets in hex. By
 *             default each process makes one at random (v3_local.h): set
 *             it when peers must know it in advance (our v3 traps into a
 *             snmptrapd configured with createUser -e).
 *   @user     a USM user of the local engine: SnmpListen's agents answer
 *             its requests and SnmpRegister's receivers take its informs
 *             (we are authoritative for both, RFC 3414 1.5.1). The keys
 *             are those of v3 entity lines; context/contextengine do not
 *             belong here. With engine=, the user belongs to that remote
 *             engine instead: a trap sender, which is authoritative for
 *             its traps, as snmptrapd's createUser -e.
 *   The level is the one level the user's messages must have: a request
 *   at another level gets a usmStatsUnsupportedSecLevels Report.
 * Problems are reported with line numbers and without passwords as for
 * v3 lines; a bad line is not used. */
enum { OWS_LOCAL_ENGINE = 1, OWS_LOCAL_USER = 2 };

/* Receives each valid @engine (kind OWS_LOCAL_ENGINE: e->engine) or @user
 * line (OWS_LOCAL_USER); e's secrets are wiped after the call. */
typedef void (*ows_translate_local_fn)(void *ctx, int kind, const struct ows_v3_entry *e);

/* Reads every @engine/@user line of the database at `path`, giving the valid
 * ones to fn and every problem of the file (v3 lines included) to report
 * (NULL: counted only). Returns the number of problems. */
int ows_translate_local(const char *path, ows_translate_local_fn fn, void *fn_ctx,
                        ows_translate_report report, void *ctx);

/* A report function that sends each problem to the trace as a warning;
 * ctx is the database's path. */
void ows_translate_to_trace(void *ctx, unsigned line, const char *msg);

/* Wipes a secret so that the compiler cannot drop the stores. */
void ows_wipe(void *p, size_t n);

/* Splits a line into blank-separated fields in place, up to max; returns the
 * count, max + 1 when there are more. A '#' starts a comment. */
int ows_translate_split(char *line, char **f, int max);

#endif
