/* sys_keyctl: keyctl(KEYCTL_GET_KEYRING_ID) of the process keyring (creating it) returns a
 * serial or an error (EACCES, EPERM, ENOSYS in restricted containers); when keys work, add_key
 * of a "user" key into it and KEYCTL_READ (length, then the bytes) give the payload back and
 * KEYCTL_DESCRIBE names it. Errors are accepted, the answers must be the same recorded. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/keyctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    long ring = syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 1);
    if (ring < 0) {
        OK(errno == EACCES || errno == EPERM || errno == ENOSYS ||
           errno == EDQUOT, "keyrings unavailable here");
        return FIDELITY_END();
    }
    OK(ring > 0, "the process keyring has a serial");
    SHOW("keyring %ld", ring);
    long key = syscall(SYS_add_key, "user", "rewind:fidelity", "payload-bytes", 13, KEY_SPEC_PROCESS_KEYRING);
    if (key < 0) {
        OK(errno == EDQUOT || errno == EACCES || errno == EPERM, "add_key refused here");
        return FIDELITY_END();
    }
    OK(key > 0, "add_key user key");
    OK(syscall(SYS_keyctl, KEYCTL_READ, key, NULL, 0) == 13, "KEYCTL_READ with no buffer: its length");
    char buf[32];
    memset(buf, 0, sizeof buf);
    OK(syscall(SYS_keyctl, KEYCTL_READ, key, buf, sizeof buf) == 13 && memcmp(buf, "payload-bytes", 13) == 0,
       "KEYCTL_READ: the payload");
    char desc[256];
    memset(desc, 0, sizeof desc);
    long n = syscall(SYS_keyctl, KEYCTL_DESCRIBE, key, desc, sizeof desc);
    OK(n > 0 && strncmp(desc, "user;", 5) == 0 && strstr(desc, ";rewind:fidelity"), "KEYCTL_DESCRIBE");
    OK(syscall(SYS_keyctl, KEYCTL_REVOKE, key) == 0, "revoke");
    errno = 0;
    OK(syscall(SYS_keyctl, KEYCTL_READ, key, buf, sizeof buf) == -1 && errno == EKEYREVOKED, "revoked");
    return FIDELITY_END();
}
