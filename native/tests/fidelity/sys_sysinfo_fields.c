/* sys_sysinfo_fields: sysinfo fills struct sysinfo (112 bytes): mem_unit >= 1, totalram >=
 * freeram > 0, procs > 0, uptime within a few seconds of /proc/uptime, loads nonnegative. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/sysinfo.h>
#include <unistd.h>

int main(void)
{
    struct sysinfo si;
    memset(&si, 0xee, sizeof si);
    OK(sysinfo(&si) == 0, "sysinfo");
    OK(si.mem_unit >= 1 && si.totalram >= si.freeram && si.freeram > 0, "totalram >= freeram > 0");
    OK(si.procs > 0 && si.totalswap >= si.freeswap, "procs > 0, swap consistent");
    char buf[64];
    int fd = open("/proc/uptime", O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    long up = atol(buf);
    OK(si.uptime - up >= -2 && si.uptime - up <= 2, "uptime agrees with /proc/uptime");
    OK(get_nprocs() >= 1 && get_nprocs_conf() >= get_nprocs(), "nprocs");
    SHOW("uptime %ld freeram %lu procs %u", si.uptime, si.freeram, si.procs);
    return FIDELITY_END();
}
