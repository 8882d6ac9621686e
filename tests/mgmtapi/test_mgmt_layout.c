/* test_mgmt_layout.c - our snmp.h/mgmtapi.h have the SDK's structure layouts
 * (layout.h's static asserts; Windows builds also check mingw-w64's headers
 * against the same table in layout_sdk.c) and the prototypes link. */
#include "mconf.h"
#include "layout.h"

LAYOUT_ASSERTS("include/snmp.h");

#ifdef _WIN32
int layout_sdk_checked(void);
#endif
int header_cxx_sizeof_varbind(void);

static void layouts(void **state)
{
    (void)state;
    assert_int_equal(sizeof(SnmpVarBind), P8 ? 32 : 24);
    assert_int_equal(header_cxx_sizeof_varbind(), (int)sizeof(SnmpVarBind));
#ifdef _WIN32
    /* The same size seen through mingw-w64's header. */
    assert_int_equal(layout_sdk_checked(), (int)sizeof(SnmpVarBind));
#endif
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layouts),
    };
    return CONF_RUN("mgmt_layout", tests);
}
