/* sysinfo: system-wide statistics (uptime, load, free memory, process count) through sysinfo(2),
 * plus sysconf values that glibc reads from /proc and /sys (number of CPUs, physical pages).
 * All change from run to run; replay must return the recorded numbers. */
#include <stdio.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    struct sysinfo si;
    if (sysinfo(&si) != 0)
        return 1;
    printf("uptime %ld\n", si.uptime);
    printf("loads %lu %lu %lu\n", si.loads[0], si.loads[1], si.loads[2]);
    printf("totalram %lu freeram %lu sharedram %lu bufferram %lu unit %u\n", si.totalram,
           si.freeram, si.sharedram, si.bufferram, si.mem_unit);
    printf("procs %u\n", si.procs);
    printf("nprocs %d conf %d\n", get_nprocs(), get_nprocs_conf());
    printf("sysconf avphys pages %ld phys pages %ld\n", sysconf(_SC_AVPHYS_PAGES),
           sysconf(_SC_PHYS_PAGES));
    struct timespec ts;
    clock_gettime(CLOCK_BOOTTIME, &ts);
    printf("boottime %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
    return 0;
}
