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

/* Wipes a secret so that the compiler cannot drop the stores. */
void ows_wipe(void *p, size_t n);

/* Splits a line into blank-separated fields in place, up to max; returns the
 * count, max + 1 when there are more. A '#' starts a comment. */
int ows_translate_split(char *line, char **f, int max);

#endif
