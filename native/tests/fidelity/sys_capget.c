/* sys_capget: capget with an unknown version and a NULL data pointer returns 0 and writes the
 * kernel's preferred version (_LINUX_CAPABILITY_VERSION_3) into the header (with data: EINVAL);
 * capget v3 fills two data words (effective, permitted, inheritable) with effective a subset of
 * permitted, agreeing with /proc/self/status CapEff; capset to the same sets works; pid of a
 * process that does not exist is ESRCH. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    struct __user_cap_header_struct h = {0x12345678, 0};
    OK(syscall(SYS_capget, &h, NULL) == 0 && h.version == _LINUX_CAPABILITY_VERSION_3,
       "an unknown version, no data: 0, and the header says version 3");
    struct __user_cap_data_struct d[2];
    h.version = 0x12345678;
    errno = 0;
    OK(syscall(SYS_capget, &h, d) == -1 && errno == EINVAL, "an unknown version with data: EINVAL");
    memset(d, 0xee, sizeof d);
    h = (struct __user_cap_header_struct){_LINUX_CAPABILITY_VERSION_3, 0};
    OK(syscall(SYS_capget, &h, d) == 0, "capget v3");
    OK((d[0].effective & ~d[0].permitted) == 0 && (d[1].effective & ~d[1].permitted) == 0,
       "effective within permitted");
    unsigned long long eff = ((unsigned long long)d[1].effective << 32) | d[0].effective;
    char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *line = strstr(buf, "CapEff:");
    OK(line && strtoull(line + 7, NULL, 16) == eff, "agrees with /proc/self/status CapEff");
    SHOW("CapEff %llx", eff);
    OK(syscall(SYS_capset, &h, d) == 0, "capset to the same sets");
    h = (struct __user_cap_header_struct){_LINUX_CAPABILITY_VERSION_3, 0x3ffffff0};
    errno = 0;
    OK(syscall(SYS_capget, &h, d) == -1 && errno == ESRCH, "no such process: ESRCH");
    return FIDELITY_END();
}
