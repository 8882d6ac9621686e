/* startup.c - SnmpStartup, SnmpStartupEx, SnmpCleanup, SnmpCleanupEx.
 *
 * Rules (WinSNMP docs, and our decisions where they are silent):
 * - SnmpStartup may be called any number of times; it is not counted, and
 *   one SnmpCleanup undoes all of them.
 * - SnmpStartupEx/SnmpCleanupEx are counted, for independent modules.
 * - [open, decided] A plain SnmpCleanup while StartupEx references remain
 *   only drops the plain startup: the library stays up (with its sessions)
 *   until the last SnmpCleanupEx, so one module cannot pull the library from
 *   under another. SnmpCleanupEx with no Ex reference left drops the plain
 *   startup instead, so it never fails after a plain SnmpStartup.
 * - The final cleanup releases every session through ows_session_release,
 *   frees every descriptor and the handle table, resets both modes to their
 *   defaults, and stops the network engine (with the API lock released, as
 *   net.h requires).
 * Startups and cleanups are serialised by their own mutex so the engine is
 * started and stopped exactly once per cycle. */
#include "api/api.h"
#include "core/descriptor.h"
#include "core/session.h"
#include "core/usm_cache.h"
#include "core/net.h"
#include "platform.h"

static ows_mutex startup_mutex = OWS_MUTEX_INIT;

static void fill_outputs(smiLPUINT32 major, smiLPUINT32 minor, smiLPUINT32 level,
                         smiLPUINT32 translate, smiLPUINT32 retransmit)
{
    if (major) *major = 2;
    if (minor) *minor = 0;
    if (level) *level = SNMPAPI_V2_SUPPORT;
    if (translate) *translate = ows_state.translate_mode;
    if (retransmit) *retransmit = ows_state.retransmit_mode;
}

static SNMPAPI_STATUS do_startup(int ex, smiLPUINT32 major, smiLPUINT32 minor,
                                 smiLPUINT32 level, smiLPUINT32 translate,
                                 smiLPUINT32 retransmit)
{
    int was_up, err = OWS_OK;

    ows_mutex_lock(&startup_mutex);
    ows_lock();
    was_up = ows_initialized();
    ows_unlock();
    if (!was_up) {
        ows_trace_init();
        err = ows_net_start();
    }
    ows_lock();
    if (!err) {
        if (ex)
            ows_state.ex_refs++;
        else
            ows_state.plain_started = 1;
        fill_outputs(major, minor, level, translate, retransmit);
        OWS_TRACE("%s: plain %u, ex %u", ex ? "SnmpStartupEx" : "SnmpStartup",
                  ows_state.plain_started, ows_state.ex_refs);
    }
    ows_mutex_unlock(&startup_mutex);
    return ows_api_return(NULL, err, SNMPAPI_SUCCESS);
}

static SNMPAPI_STATUS do_cleanup(int ex)
{
    ows_mutex_lock(&startup_mutex);
    ows_lock();
    if (!ows_initialized()) {
        ows_mutex_unlock(&startup_mutex);
        /* SnmpCleanupEx's page lists only ALLOC_ERROR and OTHER_ERROR, the
         * latter for "SnmpStartupEx did not complete successfully". */
        return ows_api_fail(NULL, ex ? OWS_E_OTHER : OWS_E_NOT_INITIALIZED);
    }
    if (ex && ows_state.ex_refs > 0)
        ows_state.ex_refs--;
    else
        ows_state.plain_started = 0;
    if (!ows_initialized()) {
        size_t n = ows_session_release_all();
        OWS_TRACE("final cleanup: %lu sessions released", (unsigned long)n);
        ows_desc_reset();
        ows_handle_table_reset();
        ows_usm_cache_clear();
        ows_state.translate_mode = SNMPAPI_UNTRANSLATED_V1;
        ows_state.retransmit_mode = SNMPAPI_ON;
        ows_unlock();
        ows_net_stop();
        ows_lock();
    }
    ows_mutex_unlock(&startup_mutex);
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}

/* SnmpStartup: starts the library (not counted) and reports its version and modes. */
SNMPAPI_STATUS WINAPI SnmpStartup(smiLPUINT32 major, smiLPUINT32 minor, smiLPUINT32 level,
                                  smiLPUINT32 translate, smiLPUINT32 retransmit)
{
    return do_startup(0, major, minor, level, translate, retransmit);
}

/* SnmpStartupEx: counted startup for independent modules of one process. */
SNMPAPI_STATUS WINAPI SnmpStartupEx(smiLPUINT32 major, smiLPUINT32 minor, smiLPUINT32 level,
                                    smiLPUINT32 translate, smiLPUINT32 retransmit)
{
    return do_startup(1, major, minor, level, translate, retransmit);
}

/* SnmpCleanup: undoes every plain SnmpStartup; the last cleanup frees everything. */
SNMPAPI_STATUS WINAPI SnmpCleanup(void)
{
    return do_cleanup(0);
}

/* SnmpCleanupEx: drops one SnmpStartupEx reference. */
SNMPAPI_STATUS WINAPI SnmpCleanupEx(void)
{
    return do_cleanup(1);
}
