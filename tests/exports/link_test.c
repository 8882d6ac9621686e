/* link_test.c - a Windows program built only against include/winsnmp.h and
 * one import library (libwsnmp32.dll.a or wsnmp32.lib), run under Wine.
 *
 * It proves that the import library resolves what code compiled against the
 * public header references (on x86 the decorated stdcall names), that the
 * Windows loader binds those imports to the right exports of OUR wsnmp32.dll
 * (not Wine's builtin one), that every export of the table is reachable by
 * name and by ordinal at the same address, and that a few calls work.
 *
 * SPDX-License-Identifier: MIT
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "winsnmp.h"
#include "exports_table.h" /* generated from exports.txt by CMake */

/* Not in winsnmp.h: declared the way a caller of the undocumented pair would. */
SNMPAPI_STATUS WINAPI SnmpConveyAgentAddress(DWORD);
SNMPAPI_STATUS WINAPI SnmpSetAgentAddress(DWORD);

/* The structure layouts are part of the ABI (Windows SDK header sizes). */
_Static_assert(sizeof(smiUINT32) == 4 && sizeof(smiINT32) == 4, "32-bit SMI integers");
_Static_assert(sizeof(HSNMP_SESSION) == sizeof(void *), "handles are HANDLE-sized");
_Static_assert(sizeof(smiOCTETS) == 2 * sizeof(void *), "smiOCTETS {len; ptr}");
_Static_assert(sizeof(smiOID) == 2 * sizeof(void *), "smiOID {len; ptr}");
_Static_assert(sizeof(smiCNTR64) == 8, "smiCNTR64 {hipart; lopart}");
_Static_assert(sizeof(smiVALUE) == (sizeof(void *) == 8 ? 24 : 12), "smiVALUE");
_Static_assert(sizeof(smiVENDORINFO) == 196, "smiVENDORINFO");

/* The import address table slots the linker filled from the import library.
 * Their names are what the compiler references for a WINAPI function. */
#ifdef _WIN64
#define IMP(name, bytes) "__imp_" #name
#else
#define IMP(name, bytes) "__imp__" #name "@" #bytes
#endif
extern FARPROC imp_close __asm__(IMP(SnmpClose, 4));
extern FARPROC imp_startup __asm__(IMP(SnmpStartup, 20));
extern FARPROC imp_last_error __asm__(IMP(SnmpGetLastError, 4));
extern FARPROC imp_convey __asm__(IMP(SnmpConveyAgentAddress, 4));
extern FARPROC imp_set_agent __asm__(IMP(SnmpSetAgentAddress, 4));

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); } } while (0)

static const char *export_name(const struct ows_export *e, char *buf, size_t size)
{
#ifdef _WIN64
    (void)buf; (void)size;
    return e->name;
#else
    if (!e->decorated) return e->name;
    snprintf(buf, size, "_%s@%u", e->name, e->bytes);
    return buf;
#endif
}

int main(void)
{
    char path[MAX_PATH], self[MAX_PATH], buf[128], *slash;
    smiUINT32 major = 0, minor = 0, level = 0, tmode = 99, rmode = 99;
    smiVENDORINFO vi;
    HMODULE dll = GetModuleHandleA("wsnmp32.dll");
    size_t i;

    /* Our DLL, from the program's own folder. */
    CHECK(dll != NULL, "wsnmp32.dll not loaded");
    if (!dll) return 1;
    GetModuleFileNameA(dll, path, sizeof path);
    GetModuleFileNameA(NULL, self, sizeof self);
    if ((slash = strrchr(self, '\\')) != NULL) slash[1] = 0;
    CHECK(_strnicmp(path, self, strlen(self)) == 0, "loaded %s, not the one beside %s", path, self);

    /* Every export: by name, and by ordinal at the same address. */
    for (i = 0; i < sizeof ows_exports / sizeof ows_exports[0]; i++) {
        const struct ows_export *e = &ows_exports[i];
        const char *name = export_name(e, buf, sizeof buf);
        FARPROC by_name = GetProcAddress(dll, name);
        FARPROC by_ord = GetProcAddress(dll, MAKEINTRESOURCEA(e->ordinal));
        CHECK(by_name != NULL, "%s not exported", name);
        CHECK(by_name == by_ord, "%s is not ordinal %u", name, e->ordinal);
    }

    /* The import library bound the decorated references to the right exports. */
    CHECK(imp_close == GetProcAddress(dll, "SnmpClose"), "SnmpClose import");
    CHECK(imp_startup == GetProcAddress(dll, "SnmpStartup"), "SnmpStartup import");
    CHECK(imp_last_error == GetProcAddress(dll, MAKEINTRESOURCEA(999)), "SnmpGetLastError import");
#ifdef _WIN64
    CHECK(imp_convey == GetProcAddress(dll, "SnmpConveyAgentAddress"), "agent import");
    CHECK(imp_set_agent == GetProcAddress(dll, "SnmpSetAgentAddress"), "agent import");
#else
    CHECK(imp_convey == GetProcAddress(dll, "_SnmpConveyAgentAddress@4"), "agent import");
    CHECK(imp_set_agent == GetProcAddress(dll, "_SnmpSetAgentAddress@4"), "agent import");
#endif
    CHECK(imp_convey == GetProcAddress(dll, MAKEINTRESOURCEA(108)), "agent import ordinal");
    CHECK(imp_set_agent == GetProcAddress(dll, MAKEINTRESOURCEA(109)), "agent import ordinal");

    /* A few calls through the imports (a wrong stdcall byte count would
     * unbalance the stack here). */
    CHECK(SnmpStartup(&major, &minor, &level, &tmode, &rmode) == SNMPAPI_SUCCESS,
          "SnmpStartup failed, error %lu", (unsigned long)SnmpGetLastError(NULL));
    CHECK(major == 2 && minor == 0, "version %lu.%lu", (unsigned long)major, (unsigned long)minor);
    CHECK(level == SNMPAPI_V2_SUPPORT, "level %lu", (unsigned long)level);
    CHECK(tmode <= SNMPAPI_UNTRANSLATED_V2 && rmode <= SNMPAPI_ON, "modes %lu/%lu",
          (unsigned long)tmode, (unsigned long)rmode);
    memset(&vi, 0, sizeof vi);
    CHECK(SnmpGetVendorInfo(&vi) == SNMPAPI_SUCCESS, "SnmpGetVendorInfo failed");
    CHECK(vi.vendorName[0] != 0 && memchr(vi.vendorName, 0, sizeof vi.vendorName) != NULL,
          "vendor name empty or unterminated");
    /* The undocumented pair only has to be callable through the import. */
    (void)SnmpConveyAgentAddress(0);
    (void)SnmpSetAgentAddress(0);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS, "SnmpCleanup failed");

    printf("%s: %s (%lu.%lu), vendor \"%.64s\": %s\n", self, path, (unsigned long)major,
           (unsigned long)minor, vi.vendorName, failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
