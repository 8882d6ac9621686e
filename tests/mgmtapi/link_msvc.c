/* link_msvc.c - the MSVC-style import library (mgmtapi.lib) as an
 * MSVC-style linker consumes it: this object is linked by lld-link (link.exe
 * semantics, short-import members) with no C runtime, then run under Wine.
 * The exit code carries one bit per failed check, so it needs no CRT.
 *
 * SPDX-License-Identifier: MIT
 */
#include <windows.h>
#include "mgmtapi.h"

#ifdef _WIN64
#define IMP(name, bytes) "__imp_" #name
#else
#define IMP(name, bytes) "__imp__" #name "@" #bytes
#endif
extern FARPROC imp_open __asm__(IMP(SnmpMgrOpen, 16));
extern FARPROC imp_close __asm__(IMP(SnmpMgrClose, 4));
extern FARPROC imp_getex __asm__(IMP(SnmpMgrGetTrapEx, 32));

void WINAPI entry(void)
{
    UINT rc = 0;
    HMODULE dll = GetModuleHandleA("mgmtapi.dll");
    if (!dll) ExitProcess(0x80);
    if (imp_open != GetProcAddress(dll, "SnmpMgrOpen")) rc |= 0x01;
    if (imp_close != GetProcAddress(dll, "SnmpMgrClose")) rc |= 0x02;
    if (imp_getex != GetProcAddress(dll, "SnmpMgrGetTrapEx")) rc |= 0x04;
    /* Calls through the library, needing no snmpapi.dll memory. */
    SetLastError(0);
    if (SnmpMgrClose((LPSNMP_MGR_SESSION)(UINT_PTR)1) ||
        GetLastError() != SNMP_MGMTAPI_INVALID_SESSION) rc |= 0x08;
    if (SnmpMgrOidToStr(NULL, NULL) || GetLastError() != SNMP_MGMTAPI_INVALID_BUFFER) rc |= 0x10;
    ExitProcess(rc);
}
