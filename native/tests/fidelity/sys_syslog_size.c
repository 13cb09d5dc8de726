/* sys_syslog_size: syslog(SYSLOG_ACTION_SIZE_BUFFER) returns the kernel log buffer's size (a
 * power of two of at least 4 KiB), or EPERM where dmesg is restricted; SIZE_UNREAD is not
 * negative (or EPERM) — not bounded by the buffer size: Linux 6.18 here answered more than the
 * buffer's size once the log had wrapped; an unknown action is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/klog.h>

int main(void)
{
    int size = klogctl(10, NULL, 0);
    OK((size >= 4096 && (size & (size - 1)) == 0) || (size == -1 && errno == EPERM),
       "SIZE_BUFFER: a power of two >= 4 KiB, or EPERM");
    if (size > 0)
        SHOW("log buffer %d bytes", size);
    int unread = klogctl(9, NULL, 0);
    OK(unread >= 0 || (unread == -1 && errno == EPERM), "SIZE_UNREAD not negative, or EPERM");
    errno = 0;
    OK(klogctl(99, NULL, 0) == -1 && (errno == EINVAL || errno == EPERM), "action 99: EINVAL");
    return FIDELITY_END();
}
