/* file_private_check.c - ows_plat_file_private (platform.h), which decides
 * whether the SNMPv3 database earns a "others can read it" warning.
 * usage: file_private_check SCRATCH PRIVATE SHARED
 * PRIVATE and SHARED are files the build made with modes 0600 and 0644:
 * natively the mode is read; under Wine the DACL Wine derives from the mode
 * (no Everyone entry / an Everyone read entry). On Windows the DACL of
 * SCRATCH is also set through the API: an Everyone read entry, and a deny
 * of Everyone before it. (Setting an owner-only DACL cannot be tested under
 * Wine: Wine 8.0 then widens the file's mode and reports Everyone again.)
 * Exit 0 when every check holds. */
#include <stdio.h>
#include <string.h>
#include "platform.h"
#ifdef _WIN32
#include <windows.h>
#include <aclapi.h>
#else
#include <sys/stat.h>
#include <unistd.h>
#endif

static int failures;

static void expect(const char *what, int got, int want)
{
    printf("%s %s: %d (want %d)\n", got == want ? "ok  " : "FAIL", what, got, want);
    failures += got != want;
}

#ifdef _WIN32
/* Gives the file a protected DACL: its owner everything, then optionally a
 * deny and an allow of read for Everyone, in that order. */
static int set_dacl(const char *path, int deny_world, int allow_world)
{
    EXPLICIT_ACCESS_A ea[3];
    BYTE world[SECURITY_MAX_SID_SIZE];
    DWORD size = sizeof world, n = 0, err;
    PACL acl = NULL;
    HANDLE tok;
    BYTE ubuf[256];
    DWORD ulen;
    if (!CreateWellKnownSid(WinWorldSid, NULL, world, &size) ||
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &tok))
        return -1;
    if (!GetTokenInformation(tok, TokenUser, ubuf, sizeof ubuf, &ulen)) {
        CloseHandle(tok);
        return -1;
    }
    CloseHandle(tok);
    memset(ea, 0, sizeof ea);
    ea[n].grfAccessPermissions = GENERIC_ALL;
    ea[n].grfAccessMode = SET_ACCESS;
    ea[n].Trustee.TrusteeForm = TRUSTEE_IS_SID;
    ea[n++].Trustee.ptstrName = (LPSTR)((TOKEN_USER *)ubuf)->User.Sid;
    if (deny_world) {
        ea[n].grfAccessPermissions = GENERIC_READ;
        ea[n].grfAccessMode = DENY_ACCESS;
        ea[n].Trustee.TrusteeForm = TRUSTEE_IS_SID;
        ea[n++].Trustee.ptstrName = (LPSTR)world;
    }
    if (allow_world) {
        ea[n].grfAccessPermissions = GENERIC_READ;
        ea[n].grfAccessMode = GRANT_ACCESS;
        ea[n].Trustee.TrusteeForm = TRUSTEE_IS_SID;
        ea[n++].Trustee.ptstrName = (LPSTR)world;
    }
    if (SetEntriesInAclA(n, ea, NULL, &acl) != ERROR_SUCCESS)
        return -1;
    err = SetNamedSecurityInfoA((LPSTR)path, SE_FILE_OBJECT,
                                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                NULL, NULL, acl, NULL);
    LocalFree(acl);
    return err == ERROR_SUCCESS ? 0 : -1;
}
#endif

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "file_private_check.tmp";
    FILE *f;
    if (argc > 3) {
        expect("the build's 0600 file", ows_plat_file_private(argv[2]), 1);
        expect("the build's 0644 file", ows_plat_file_private(argv[3]), 0);
    }
    remove(path);
    expect("a file that does not exist", ows_plat_file_private(path), -1);
    expect("no path", ows_plat_file_private(NULL), -1);
    if (!(f = fopen(path, "w"))) {
        printf("FAIL cannot create %s\n", path);
        return 1;
    }
    fputs("secret\n", f);
    fclose(f);
#ifdef _WIN32
    expect("Everyone may read", set_dacl(path, 0, 1) ? -2 : ows_plat_file_private(path), 0);
    expect("Everyone denied, then allowed", set_dacl(path, 1, 1) ? -2 : ows_plat_file_private(path),
           1);
#else
    chmod(path, 0600);
    expect("mode 0600", ows_plat_file_private(path), 1);
    chmod(path, 0644);
    expect("mode 0644", ows_plat_file_private(path), 0);
    chmod(path, 0620);
    expect("mode 0620 (group may write)", ows_plat_file_private(path), 0);
#endif
    remove(path);
    printf("%s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
