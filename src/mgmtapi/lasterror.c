/* lasterror.c - the one place the Management API sets last errors. */
#include "mgmtapi/mgmt.h"

int ows_mgr_fail(uint32_t code, int ret)
{
    ows_plat_set_last_error(code);
    return ret;
}

void *ows_mgr_fail_ptr(uint32_t code)
{
    ows_plat_set_last_error(code);
    return NULL;
}
