/* thread.c - Win32 threads (_beginthreadex) and thread ids.
 *
 * Each thread holds its own reference to the module that contains this code
 * and leaves through FreeLibraryAndExitThread (Wine's winmm habit), so an
 * application that calls FreeLibrary without SnmpCleanup does not unmap the
 * code under a running thread. */
#include <windows.h>
#include <process.h>
#include "core/alloc.h"
#include "core/error.h"
#include "platform.h"

struct start {
    void (*fn)(void *);
    void *arg;
    HMODULE self;
};

static unsigned __stdcall trampoline(void *p)
{
    struct start st = *(struct start *)p;
    ows_free(p);
    st.fn(st.arg);
    if (st.self)
        FreeLibraryAndExitThread(st.self, 0);
    return 0;
}

int ows_thread_create(ows_thread *t, void (*fn)(void *), void *arg)
{
    struct start *st = ows_malloc(sizeof(*st));
    uintptr_t h;
    if (!st)
        return OWS_E_ALLOC;
    st->fn = fn;
    st->arg = arg;
    st->self = NULL;
    /* Taken here, before the thread exists, so it cannot race an unload. */
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCWSTR)(void *)trampoline,
                       &st->self);
    h = _beginthreadex(NULL, 0, trampoline, st, 0, NULL);
    if (!h) {
        if (st->self)
            FreeLibrary(st->self);
        ows_free(st);
        return OWS_E_TL_RESOURCE_ERROR;
    }
    *t = (ows_thread)h;
    return OWS_OK;
}

void ows_thread_join(ows_thread t)
{
    WaitForSingleObject((HANDLE)t, INFINITE);
    CloseHandle((HANDLE)t);
}

uint64_t ows_thread_id(void)
{
    /* Thread ids are never 0 on Windows. */
    return (uint64_t)GetCurrentThreadId();
}
