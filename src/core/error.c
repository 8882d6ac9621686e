/* error.c - internal error codes to SNMPAPI codes and text, generated from
 * the one X-macro list in error.h. */
#include "core/error.h"

#define OWS_ERR_COUNT_ (OWS_ERROR_END_ - OWS_ERROR_BASE_ - 1)

static const unsigned api_codes[] = {
#define X_(name, api, text) api,
    OWS_ERROR_MAP(X_)
#undef X_
};

static const char *const texts[] = {
#define X_(name, api, text) text,
    OWS_ERROR_MAP(X_)
#undef X_
};

static int index_of(int err)
{
    int i = err - OWS_ERROR_BASE_ - 1;
    return (i >= 0 && i < OWS_ERR_COUNT_) ? i : -1;
}

unsigned ows_err_to_api(int err)
{
    int i;
    if (err == OWS_OK)
        return 0;
    i = index_of(err);
    return i < 0 ? 99u /* SNMPAPI_OTHER_ERROR */ : api_codes[i];
}

const char *ows_strerror(int err)
{
    int i;
    if (err == OWS_OK)
        return "success";
    i = index_of(err);
    return i < 0 ? "unknown error" : texts[i];
}
