/* printval.c - see printval.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include "printval.h"

void print_hex(const unsigned char *p, unsigned long len)
{
    unsigned long i;
    for (i = 0; i < len; i++) {
        printf("%02X ", p[i]);
        if (i % 16 == 15 && i + 1 < len)
            printf("\n");
    }
}

/* Printable text is shown in quotes, anything else in hex (as net-snmp does). */
void print_string(const unsigned char *p, unsigned long len)
{
    unsigned long i;
    for (i = 0; i < len; i++) {
        unsigned char c = p[i];
        if ((c < 0x20 || c > 0x7e) && c != '\t' && c != '\n' && c != '\r')
            break;
    }
    if (len == 0) {
        printf("\"\"");
    } else if (i < len) {
        printf("Hex-STRING: ");
        print_hex(p, len);
    } else {
        printf("STRING: \"");
        for (i = 0; i < len; i++) {
            if (p[i] == '"' || p[i] == '\\')
                putchar('\\');
            putchar(p[i]);
        }
        putchar('"');
    }
}

/* Timeticks are hundredths of a second: "(4242) 0:00:42.42". */
void print_ticks(unsigned long t)
{
    unsigned long days = t / 8640000UL, h = t / 360000UL % 24, m = t / 6000UL % 60,
                  s = t / 100UL % 60, cs = t % 100UL;
    printf("Timeticks: (%lu) ", t);
    if (days)
        printf("%lu day%s, ", days, days == 1 ? "" : "s");
    printf("%lu:%02lu:%02lu.%02lu", h, m, s, cs);
}
