/* time_legacy_calls: gettimeofday, time and times through the raw syscalls (the vDSO would hide
 * them): gettimeofday's tv_usec below 1e6 and its seconds within a second of time(); time(&t)
 * both returns and stores; times returns clock ticks since boot and fills struct tms; the
 * timezone argument may be given. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    struct timeval tv;
    struct timezone tz;
    memset(&tv, 0xee, sizeof tv);
    OK(syscall(SYS_gettimeofday, &tv, &tz) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000,
       "gettimeofday: microseconds below 1e6");
    time_t stored = 0;
    long t = syscall(SYS_time, &stored);
    OK(t > 1600000000 && t == stored, "time returns and stores the same value");
    OK(t - tv.tv_sec >= 0 && t - tv.tv_sec <= 1, "within a second of gettimeofday");
    SHOW("time %ld usec %ld", t, (long)tv.tv_usec);
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < 20000000ul; i++)
        x += i;
    struct tms buf;
    memset(&buf, 0xee, sizeof buf);
    long ticks = syscall(SYS_times, &buf);
    OK(ticks > 0, "times: ticks since boot");
    OK(buf.tms_utime >= 0 && buf.tms_stime >= 0 && buf.tms_cutime == 0 && buf.tms_cstime == 0,
       "struct tms: our times, no children");
    SHOW("ticks %ld utime %ld", ticks, (long)buf.tms_utime);
    OK(syscall(SYS_times, NULL) > 0, "times(NULL) still returns ticks");
    return FIDELITY_END();
}
