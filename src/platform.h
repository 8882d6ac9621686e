/* platform.h - the one internal platform interface (locks, threads, clock,
 * notification, name resolution, UDP sockets and a poller).
 *
 * The portable core includes only this header; src/posix/ and src/win32/ each
 * define every function below (libuv's split). The few types that must be
 * visible (so a mutex can be initialised statically) are chosen here; none of
 * them needs a system header on Windows, so the core never sees <windows.h>.
 *
 * Error convention: functions returning int give 0 (OWS_OK) or a negative
 * OWS_E_* code from core/error.h.
 */
#ifndef OWS_PLATFORM_H
#define OWS_PLATFORM_H
#include <stddef.h>
#include <stdint.h>

/* ---- Locks and condition variables ------------------------------------ */

#if defined(_WIN32)
/* An SRWLOCK and a CONDITION_VARIABLE are each one pointer, zero-initialised. */
typedef struct { void *ptr; } ows_mutex;
typedef struct { void *ptr; } ows_cond;
typedef void *ows_thread;                    /* a thread HANDLE */
#  define OWS_MUTEX_INIT { 0 }
#elif defined(__linux__)
/* Linux: a futex word each (posix/lock.c). Every export takes and drops the
 * API lock, and these cost a fraction of a pthread mutex's instructions. */
#  include <pthread.h>
typedef struct { _Atomic int state; } ows_mutex;     /* 0 free, 1 held, 2 held + waiters */
typedef struct { _Atomic unsigned seq; _Atomic int waiters; } ows_cond;
typedef pthread_t ows_thread;
#  define OWS_MUTEX_INIT { 0 }
#else
#  include <pthread.h>
typedef struct { pthread_mutex_t m; } ows_mutex;
typedef struct { pthread_cond_t c; } ows_cond;
typedef pthread_t ows_thread;
#  define OWS_MUTEX_INIT { PTHREAD_MUTEX_INITIALIZER }
#endif

/* A mutex is usable either from OWS_MUTEX_INIT (static) or after
 * ows_mutex_init. Not recursive. */
void ows_mutex_init(ows_mutex *m);
void ows_mutex_destroy(ows_mutex *m);
void ows_mutex_lock(ows_mutex *m);
void ows_mutex_unlock(ows_mutex *m);

/* Condition variables need ows_cond_init (POSIX binds them to the monotonic
 * clock). ows_cond_wait: timeout_ms < 0 waits forever; returns 0 when
 * signalled (or spuriously woken) and OWS_E_TL_TIMEOUT when the time ran out. */
int ows_cond_init(ows_cond *c);
void ows_cond_destroy(ows_cond *c);
void ows_cond_signal(ows_cond *c);
void ows_cond_broadcast(ows_cond *c);
int ows_cond_wait(ows_cond *c, ows_mutex *m, long timeout_ms);

/* ---- Threads and time ------------------------------------------------- */

/* Starts fn(arg) on a new thread. OWS_E_ALLOC (or TL_RESOURCE_ERROR) when
 * the system refuses. ows_thread_join waits for it and releases it: never
 * call it from DllMain or from the thread itself. */
int ows_thread_create(ows_thread *t, void (*fn)(void *), void *arg);
void ows_thread_join(ows_thread t);
/* Id of the calling thread; never 0. */
uint64_t ows_thread_id(void);

/* Monotonic clock in nanoseconds (arbitrary origin). */
uint64_t ows_clock_ns(void);
void ows_sleep_ms(unsigned ms);

/* ---- Notification ----------------------------------------------------- */

/* A generic function pointer for the application's SNMPAPI_CALLBACK: the
 * core stores it without knowing the calling convention; only the platform
 * layer calls it (stdcall on x86 Windows). */
typedef void (*ows_fnptr)(void);

/* True when hwnd names a window. POSIX has no windows: always false, so
 * window sessions exist only on Windows. */
int ows_plat_is_window(void *hwnd);
/* PostMessage; 0 on success, OWS_E_HWND_INVALID when it cannot be posted. */
int ows_plat_post_message(void *hwnd, uint32_t msg, uintptr_t wparam, intptr_t lparam);
/* Calls an SNMPAPI_CALLBACK with the WINAPI convention; returns its result. */
uint32_t ows_plat_call_callback(ows_fnptr cb, uintptr_t session, void *hwnd, uint32_t msg,
                                uintptr_t wparam, intptr_t lparam, void *client_data);
/* Writes one finished debug-trace line (len bytes, '\n' included, NUL after
 * it) to the standard error handle in one unbuffered write, so a line is out
 * before the next call even if the program then crashes or is killed,
 * whatever buffering the application gave its stdio; and on Windows also to
 * OutputDebugStringA. */
void ows_plat_trace_line(const char *line, size_t len);
/* Value of an environment variable, or NULL (no allocation; not thread-safe
 * against concurrent setenv, read once at startup). */
const char *ows_plat_getenv(const char *name);

/* Whether the file is kept from others: 1 yes, 0 others can read or write
 * it, -1 unknown (no such file, or no answer). POSIX: no group or other
 * permission bits; Win32: no access to its contents granted to Everyone,
 * Authenticated Users, Users, Guests or Anonymous by its DACL. The SNMPv3 entries of the TRANSLATED-mode database
 * hold secrets, and a readable file earns a warning in the trace. */
int ows_plat_file_private(const char *path);

/* ---- Addresses and name resolution ------------------------------------ */

enum { OWS_AF_INET = 4, OWS_AF_INET6 = 6 };

/* A UDP transport address in one platform-neutral form. */
struct ows_addr {
    uint16_t family;        /* OWS_AF_INET or OWS_AF_INET6 (0 = none) */
    uint16_t port;          /* host byte order */
    uint32_t scope_id;      /* IPv6 scope, 0 otherwise */
    uint8_t bytes[16];      /* 4 bytes used for IPv4, network order */
};

/* Resolves a numeric IPv4/IPv6 address or a host name (getaddrinfo). family
 * 0 accepts either (IPv4 preferred for names). The port is left 0.
 * OWS_E_ENTITY_UNKNOWN when nothing matches. */
int ows_resolve(const char *name, int family, struct ows_addr *out);
/* Numeric text of an address without port ("10.0.0.1", "fe80::1%2").
 * OWS_E_OUTPUT_TRUNCATED when size is too small (46 + 11 always suffice). */
int ows_addr_to_str(const struct ows_addr *a, char *buf, size_t size);
#define OWS_ADDR_STRLEN 64

/* ---- UDP sockets ------------------------------------------------------ */

/* One type on both platforms: a file descriptor or a SOCKET. */
typedef intptr_t ows_sock;
#define OWS_SOCK_INVALID ((ows_sock)-1)

/* Process-wide socket library start/stop (WSAStartup/WSACleanup on Windows,
 * SIGPIPE-free no-op on POSIX). Counted; the engine calls them at its start
 * and stop, never from DllMain. */
int ows_sock_startup(void);
void ows_sock_cleanup(void);

/* A non-blocking UDP socket of the family (IPv6 sockets are IPv6-only). */
int ows_sock_open(int family, ows_sock *out);
/* Asks for a receive buffer of `bytes` (the system may cap it); best effort. */
void ows_sock_set_rcvbuf(ows_sock s, int bytes);
void ows_sock_close(ows_sock s);
/* Binds to addr (an all-zero address is the wildcard; port 0 = ephemeral).
 * OWS_E_TL_IN_USE when the port is taken. */
int ows_sock_bind(ows_sock s, const struct ows_addr *addr);
int ows_sock_local_addr(ows_sock s, struct ows_addr *out);
/* Sends one datagram. OWS_E_TL_PDU_TOO_BIG, OWS_E_TL_UNDELIVERABLE, ... */
int ows_sock_sendto(ows_sock s, const void *buf, size_t len, const struct ows_addr *to);
/* Receives one datagram into buf. Returns 0 and sets *got (a longer datagram
 * is truncated to cap and reported as OWS_E_TL_PDU_TOO_BIG); OWS_E_NOOP when
 * nothing is pending. ICMP "port unreachable" reports are swallowed. */
int ows_sock_recvfrom(ows_sock s, void *buf, size_t cap, size_t *got, struct ows_addr *from);
/* One datagram of a batch. Receiving: buf and cap in; len, addr (the
 * sender) and err (0, or OWS_E_TL_PDU_TOO_BIG when it was cut to cap) out.
 * Sending: buf, len and addr (the destination) in. */
struct ows_dgram {
    void *buf;
    size_t cap, len;
    struct ows_addr addr;
    int err;
};
/* Most datagrams one batch call moves in one system call: more than 1 where
 * the system has a call for it (recvmmsg/sendmmsg on Linux), 1 where the
 * batch calls below are loops of single calls (Winsock has none that both
 * Windows and Wine offer). */
unsigned ows_sock_batch_max(void);
/* Receives up to n pending datagrams into d[0..n). Returns how many (0 when
 * none is pending: the socket is drained once fewer than n come back) or a
 * negative error. ICMP reports are swallowed as in ows_sock_recvfrom. */
int ows_sock_recv_batch(ows_sock s, struct ows_dgram *d, unsigned n);
/* Sends d[0..n) in order. Returns how many went out from the first: fewer
 * than n means d[result] failed, with *err its OWS_E_TL_* code. */
int ows_sock_send_batch(ows_sock s, const struct ows_dgram *d, unsigned n, int *err);
/* Whether a datagram is waiting: 1 yes, 0 no, -1 when the system cannot
 * say more cheaply than a receive would (POSIX: the receive calls report an
 * empty socket themselves). On Windows it is FIONREAD, which costs Wine one
 * request to its server (it sets Winsock's per-thread event), a receive
 * that finds nothing two. */
int ows_sock_pending(ows_sock s);
/* Maps an OS socket error (errno / WSAGetLastError) to an OWS_E_TL_* code. */
int ows_sock_error_map(int oserr);
/* The calling thread's last socket error (errno / WSAGetLastError). */
int ows_sock_last_error(void);

/* Makes s blocking, with receives that give up after timeout_ms (>= 1):
 * ows_sock_recvfrom then waits for a datagram itself and answers
 * OWS_E_NOOP when the time ran out. For a socket that only one thread
 * reads (core/sync.h): a receive costs one system call instead of two. */
int ows_sock_recv_timeout(ows_sock s, long timeout_ms);

/* ---- Poller ----------------------------------------------------------- */

/* Waits on N sockets plus a wake-up primitive (a pipe on POSIX, an event on
 * Windows, where each socket signals an event of its own: see
 * src/win32/poll.c); ows_poller_wake may be called from any thread. */
typedef struct ows_poller ows_poller;

/* `room`: how many sockets ows_poller_wait can watch before it has to
 * allocate (its array is made now, by the caller's thread). */
int ows_poller_new(ows_poller **out, size_t room);
void ows_poller_free(ows_poller *p);
int ows_poller_wake(ows_poller *p);
/* Waits up to timeout_ms (< 0: forever) until one of socks is readable or a
 * wake arrives. ready[i] becomes 1 for each readable socket (on Windows for
 * one of them per call, which must then be read), 0 otherwise;
 * *woken (may be NULL) becomes 1 if a wake was consumed. Returns the number
 * of readable sockets (0 on timeout or wake only) or a negative error. */
int ows_poller_wait(ows_poller *p, const ows_sock *socks, size_t n, uint8_t *ready,
                    long timeout_ms, int *woken);
/* Tells the poller that sockets were closed or opened since the last wait,
 * even if the next array looks the same (a closed socket's handle can come
 * back as a new one's). Windows registers its sockets again; POSIX has
 * nothing to do. */
void ows_poller_changed(ows_poller *p);

/* ---- What the Management API (mgmtapi) needs from the system ---------- */

/* Memory handed to or taken from a Management API caller. Windows: the
 * system snmpapi.dll's SnmpUtilMemAlloc/SnmpUtilMemFree, looked up at run
 * time, so callers free results with SnmpUtil*Free as documented. POSIX:
 * calloc/free, which the native snmpapi stand-in (src/snmpapi) frees with.
 * ows_plat_snmp_alloc returns zeroed memory, or NULL. */
void *ows_plat_snmp_alloc(size_t n);
void ows_plat_snmp_free(void *p);
/* Sets the calling thread's last error (SetLastError on Windows; a
 * per-thread value that the native build's GetLastError returns). */
void ows_plat_set_last_error(uint32_t code);
/* An event the application may wait on: a manual-reset Win32 event; on
 * POSIX an eventfd whose descriptor is the pointer's value (poll() it for
 * POLLIN; include/mgmtapi.h's OWS_MGMT_TRAP_FD). NULL when it cannot be made. */
void *ows_plat_event_new(void);
void ows_plat_event_set(void *ev);
void ows_plat_event_reset(void *ev);
void ows_plat_event_free(void *ev);

#endif
