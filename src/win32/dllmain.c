/* dllmain.c - the DLL entry point, doing as little as Wine's DLLs do: no
 * thread notifications, and nothing at all at process exit (lpReserved !=
 * NULL), when other threads are already gone and the heap may be torn. The
 * engine is stopped (and its thread joined) by SnmpCleanup, never here,
 * because waiting on a thread under the loader lock deadlocks. */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    switch (reason) {
    case DLL_PROCESS_ATTACH:
        DisableThreadLibraryCalls(inst);
        break;
    case DLL_PROCESS_DETACH:
        /* FreeLibrary without SnmpCleanup leaks the library's memory, which
         * is what the native DLL does as well; process exit needs nothing. */
        (void)reserved;
        break;
    default:
        break;
    }
    return TRUE;
}
