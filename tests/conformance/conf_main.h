/*
 * conf_main.h - main() of every conformance program, for both suites
 * (WinSNMP: conf.h, Management API: tests/mgmtapi/mconf.h). Needs
 * <cmocka.h> and <string.h> first.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OWS_CONF_MAIN_H
#define OWS_CONF_MAIN_H
#include <stdio.h>
#include <string.h>

/* main() of every conformance program. "--list" prints the test names (one
 * per line); any other argument runs only the tests matching that cmocka
 * filter pattern, so run-against.sh can isolate each test in its own process
 * (a DLL that aborts on an unimplemented export then costs one test, not the
 * whole file). */
static inline int conf_main(int argc, char **argv, const char *group,
                            const struct CMUnitTest *tests, size_t n)
{
    size_t i;
    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        for (i = 0; i < n; i++)
            printf("%s\n", tests[i].name);
        return 0;
    }
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return _cmocka_run_group_tests(group, tests, n, NULL, NULL);
}
#define CONF_RUN(group, tests) \
    conf_main(argc, argv, (group), (tests), sizeof(tests) / sizeof((tests)[0]))

#endif
