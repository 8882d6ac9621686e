/* mthread.h - a thread and a nap for the Management API tests, on Win32 or
 * POSIX (the tests use nothing of the library's own platform layer). Define
 * THREAD_FN(name) bodies with MTHREAD_FN and start them with mthread_start. */
#ifndef OWS_MTHREAD_H
#define OWS_MTHREAD_H
#ifdef _WIN32
typedef HANDLE mthread_t;
#  define MTHREAD_FN(name) static DWORD WINAPI name(LPVOID arg)
#  define MTHREAD_RETURN return 0
typedef DWORD (WINAPI *mthread_fn)(LPVOID);
static inline int mthread_start(mthread_t *t, mthread_fn fn, void *arg)
{
    *t = CreateThread(NULL, 0, fn, arg, 0, NULL);
    return *t != NULL;
}
static inline void mthread_join(mthread_t t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}
static inline void mnap_ms(unsigned ms) { Sleep(ms); }
#else
#  include <pthread.h>
#  include <time.h>
typedef pthread_t mthread_t;
#  define MTHREAD_FN(name) static void *name(void *arg)
#  define MTHREAD_RETURN return NULL
typedef void *(*mthread_fn)(void *);
static inline int mthread_start(mthread_t *t, mthread_fn fn, void *arg)
{
    return !pthread_create(t, NULL, fn, arg);
}
static inline void mthread_join(mthread_t t) { pthread_join(t, NULL); }
static inline void mnap_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}
#endif
#endif
