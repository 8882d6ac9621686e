/* server_trap_thread.c - mgmtapi.dll's undocumented x86 export
 * serverTrapThread, reached the way old programs reach it: through
 * mingw-w64's own x86 import library (libmgmtapi.a, which names it
 * _serverTrapThread@4), with this project's mgmtapi.dll beside the program.
 * No header declares it, so the prototype is written here as that import
 * library's decoration implies: stdcall, one 4-byte argument.
 *
 * 1. A million direct calls: were the callee not stdcall with 4 bytes of
 *    arguments, the stack pointer would move by 4 bytes per call and the
 *    program would overrun its 1 MiB stack long before the end.
 * 2. As a thread start routine: the thread ends on its own (bounded wait)
 *    with exit code 0.
 * Prints one line per check; exit status 0 when both pass. */
#include <windows.h>
#include <stdio.h>

DWORD WINAPI serverTrapThread(LPVOID param);

int main(void)
{
    volatile DWORD sum = 0;
    DWORD i, code = 1, w;
    HANDLE t;
    int fails = 0;

    for (i = 0; i < 1000000; i++)
        sum += serverTrapThread((LPVOID)(ULONG_PTR)i);
    if (sum == 0) {
        printf("ok: 1,000,000 stdcall calls, stack balanced, each returned 0\n");
    } else {
        printf("FAIL: serverTrapThread returned non-zero (sum %lu)\n", (unsigned long)sum);
        fails++;
    }
    t = CreateThread(NULL, 0, serverTrapThread, NULL, 0, NULL);
    if (!t) {
        printf("FAIL: CreateThread: error %lu\n", GetLastError());
        return 1;
    }
    w = WaitForSingleObject(t, 10000);
    if (w == WAIT_OBJECT_0 && GetExitCodeThread(t, &code) && code == 0) {
        printf("ok: as a thread start routine it ends at once with exit code 0\n");
    } else {
        printf("FAIL: thread wait %lu, exit code %lu\n", w, code);
        fails++;
    }
    CloseHandle(t);
    return fails != 0;
}
