/* sys_uname_proc: uname fills struct utsname (390 bytes, each field NUL-terminated) and agrees
 * with /proc/sys/kernel/{ostype,osrelease,hostname,version}; machine is x86_64; uname fields
 * past their string are the kernel's (the buffer was filled with 0xee before). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

static int read_line(const char *path, char *buf, size_t n)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t r = read(fd, buf, n - 1);
    close(fd);
    if (r <= 0)
        return -1;
    buf[r] = 0;
    if (buf[r - 1] == '\n')
        buf[r - 1] = 0;
    return 0;
}

int main(void)
{
    struct utsname u;
    memset(&u, 0xee, sizeof u);
    OK(uname(&u) == 0, "uname");
    OK(memchr(u.sysname, 0, sizeof u.sysname) && memchr(u.release, 0, sizeof u.release) &&
           memchr(u.nodename, 0, sizeof u.nodename) && memchr(u.domainname, 0, sizeof u.domainname),
       "every field NUL-terminated");
    OK(strcmp(u.sysname, "Linux") == 0 && strcmp(u.machine, "x86_64") == 0, "Linux, x86_64");
    char line[512];
    OK(read_line("/proc/sys/kernel/ostype", line, sizeof line) == 0 && strcmp(line, u.sysname) == 0,
       "ostype agrees");
    OK(read_line("/proc/sys/kernel/osrelease", line, sizeof line) == 0 && strcmp(line, u.release) == 0,
       "osrelease agrees");
    OK(read_line("/proc/sys/kernel/hostname", line, sizeof line) == 0 && strcmp(line, u.nodename) == 0,
       "hostname agrees");
    OK(read_line("/proc/sys/kernel/version", line, sizeof line) == 0 && strcmp(line, u.version) == 0,
       "version agrees");
    SHOW("%s %s %s", u.nodename, u.release, u.version);
    return FIDELITY_END();
}
