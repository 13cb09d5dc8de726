/* fs_proc_self: reading /proc/self files: status names the process and its pid, stat's first field
 * is the pid and its third the state R, maps lists the program's text and [stack], /proc/self/exe
 * is this program, cmdline holds argv[0]; all through plain open/read. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static ssize_t slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    ssize_t total = 0, n;
    while (fd >= 0 && (n = read(fd, buf + total, size - 1 - total)) > 0)
        total += n;
    buf[total] = 0;
    close(fd);
    return total;
}

int main(int argc, char **argv)
{
    (void)argc;
    static char buf[65536];
    char want[64];
    OK(slurp("/proc/self/status", buf, sizeof buf) > 0, "read /proc/self/status");
    snprintf(want, sizeof want, "\nPid:\t%d\n", getpid());
    OK(strstr(buf, "Name:\tfs_proc_self") == buf && strstr(buf, want), "status: Name and Pid");
    OK(slurp("/proc/self/stat", buf, sizeof buf) > 0, "read /proc/self/stat");
    int pid = 0;
    char state = 0;
    OK(sscanf(buf, "%d (fs_proc_self) %c", &pid, &state) == 2 && pid == getpid() && state == 'R', "stat: pid, comm, state R");
    OK(slurp("/proc/self/maps", buf, sizeof buf) > 0, "read /proc/self/maps");
    OK(strstr(buf, "fs_proc_self\n") && strstr(buf, "[stack]") && strstr(buf, "r-xp"), "maps: the program, [stack], text");
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    char *real = realpath(argv[0], NULL);
    OK(n > 0 && real && strcmp(exe, real) == 0, "/proc/self/exe is this program");
    free(real);
    n = slurp("/proc/self/cmdline", buf, sizeof buf);
    OK(n > 0 && strcmp(buf, argv[0]) == 0, "cmdline holds argv[0]");
    SHOW("pid %d", pid);
    return FIDELITY_END();
}
