/* prog_abort.c - a WinSNMP program that crashes with the debug trace on
 * (issue 9): it gives stderr a full buffer, as some programs do, makes a few
 * calls (one of them failing) and aborts (on Windows: terminates itself). Run with WSNMP_DEBUG=1 by
 * trace-abort.sh, which expects the trace lines of those calls on stderr.
 * Public header only, so the same source runs natively and under Wine. */
#include <stdio.h>
#include <stdlib.h>
#ifdef _WIN32
#  include <windows.h>
#endif
#include "winsnmp.h"

int main(void)
{
    static char buf[8192];
    smiOCTETS com = { 6, (smiLPBYTE)"public" };
    HSNMP_SESSION s;

    /* A buffered stderr must not hold the library's trace back. */
    setvbuf(stderr, buf, _IOFBF, sizeof buf);
    if (SnmpStartup(NULL, NULL, NULL, NULL, NULL) != SNMPAPI_SUCCESS)
        return 2;
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    SnmpStrToEntity(s, "127.0.0.1");
    SnmpStrToContext(s, &com);
    SnmpFreeEntity((HSNMP_ENTITY)(uintptr_t)0x1234);   /* fails: ENTITY_INVALID */
    fprintf(stderr, "prog_abort: aborting now\n");      /* buffered: lost */
#ifdef _WIN32
    /* End the way a crash or a kill ends a Windows process, with no C
     * runtime clean-up: Wine's abort() flushes stdio first. */
    TerminateProcess(GetCurrentProcess(), 3);
#endif
    abort();
}
