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

#endif
