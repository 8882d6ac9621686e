/* translate.c - TRANSLATED-mode lookups in the WSNMP_DATABASE file (format in
 * translate.h). */
#include <stdio.h>
#include <string.h>
#include "core/smi.h"
#include "core/translate.h"
#include "platform.h"

#define MAX_FIELDS 4

int ows_translate_split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p || *p == '#')
            return n;
        if (n == max)
            return max + 1;
        f[n++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            p++;
        if (*p)
            *p++ = '\0';
    }
}

/* Finds the first line whose first field equals name[0..len) and has `want`
 * fields; copies the fields into out (pointers into line). */
static int find_line(const char *name, size_t len, int want, char *line, size_t line_size,
                     char **f)
{
    const char *path = ows_plat_getenv("WSNMP_DATABASE");
    FILE *fp;
    int found = 0, lines = 0;

    if (!path || !*path || !name || !len)
        return 0;
    fp = fopen(path, "r");
    if (!fp)
        return 0;
    /* Bounded: a database is small; stop after 100,000 lines. */
    while (!found && lines++ < 100000 && fgets(line, (int)line_size, fp)) {
        int n = ows_translate_split(line, f, MAX_FIELDS);
        /* '@' lines configure the local SNMPv3 engine (translate.h). */
        if (n == want && f[0][0] != '@' && strlen(f[0]) == len && memcmp(f[0], name, len) == 0)
            found = 1;
    }
    fclose(fp);
    return found;
}

int ows_translate_entity(const char *name, char *addr, size_t addr_size, uint32_t *version)
{
    char line[1024];
    char *f[MAX_FIELDS];
    size_t n;

    if (!name || !find_line(name, strlen(name), 3, line, sizeof(line), f))
        return 0;
    if (!strcmp(f[2], "v1"))
        *version = OWS_SNMPV1;
    else if (!strcmp(f[2], "v2c") || !strcmp(f[2], "v2"))
        *version = OWS_SNMPV2C;
    else
        return 0;
    n = strlen(f[1]);
    if (n + 1 > addr_size)
        return 0;
    memcpy(addr, f[1], n + 1);
    return 1;
}

int ows_translate_context(const uint8_t *name, size_t len, uint8_t *community, size_t cap,
                          size_t *out_len)
{
    char line[1024];
    char *f[MAX_FIELDS];
    size_t n;

    if (!find_line((const char *)name, len, 2, line, sizeof(line), f))
        return 0;
    n = strlen(f[1]);
    if (n > cap)
        return 0;
    memcpy(community, f[1], n);
    *out_len = n;
    return 1;
}
