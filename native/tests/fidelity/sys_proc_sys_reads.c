/* sys_proc_sys_reads: sysctls read through /proc/sys: kernel/pid_max is a number above our pid,
 * kernel/random/boot_id is a UUID that stays the same, kernel/random/uuid is a fresh UUID on each
 * read, vm/overcommit_memory is 0..2, kernel/ngroups_max 65536; writing a read-only sysctl fails. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static int slurp(const char *path, char *buf, size_t n)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t r = read(fd, buf, n - 1);
    close(fd);
    if (r <= 0)
        return -1;
    buf[r] = 0;
    return (int)r;
}

static int is_uuid(const char *s)
{
    for (int i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]))
            return 0;
    }
    return s[36] == '\n';
}

int main(void)
{
    char a[128], b[128];
    OK(slurp("/proc/sys/kernel/pid_max", a, sizeof a) > 0 && atol(a) > getpid(), "pid_max above our pid");
    OK(slurp("/proc/sys/kernel/random/boot_id", a, sizeof a) == 37 && is_uuid(a), "boot_id is a UUID");
    OK(slurp("/proc/sys/kernel/random/boot_id", b, sizeof b) == 37 && strcmp(a, b) == 0, "boot_id stays");
    SHOW("boot_id %.36s", a);
    OK(slurp("/proc/sys/kernel/random/uuid", a, sizeof a) == 37 && is_uuid(a), "random/uuid is a UUID");
    OK(slurp("/proc/sys/kernel/random/uuid", b, sizeof b) == 37 && strcmp(a, b) != 0, "a new one per read");
    SHOW("uuid %.36s", a);
    OK(slurp("/proc/sys/vm/overcommit_memory", a, sizeof a) > 0 && atoi(a) >= 0 && atoi(a) <= 2,
       "overcommit_memory 0..2");
    OK(slurp("/proc/sys/kernel/ngroups_max", a, sizeof a) > 0 && atoi(a) == 65536, "ngroups_max 65536");
    int fd = open("/proc/sys/kernel/ostype", O_WRONLY);
    OK(fd == -1 && (errno == EACCES || errno == EPERM), "ostype is read-only");
    return FIDELITY_END();
}
