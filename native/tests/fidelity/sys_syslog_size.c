/* sys_syslog_size: syslog(SYSLOG_ACTION_SIZE_BUFFER) returns the kernel log buffer's size (a
 * power of two of at least 4 KiB), or EPERM where dmesg is restricted; SIZE_UNREAD is between 0
 * and that size (or EPERM); an unknown action is EINVAL. */
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
    OK((unread >= 0 && (size < 0 || unread <= size)) || (unread == -1 && errno == EPERM),
       "SIZE_UNREAD within it, or EPERM");
    errno = 0;
    OK(klogctl(99, NULL, 0) == -1 && (errno == EINVAL || errno == EPERM), "action 99: EINVAL");
    return FIDELITY_END();
}
