/* fs_fanotify: fanotify_init (needs CAP_SYS_ADMIN: EPERM accepted) and a mark on a directory for
 * FAN_CLOSE_WRITE: writing a file there queues an event whose metadata (version, mask, pid) is
 * right and whose fd names the file; the fd is closed after. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/fanotify.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-fanotify-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int fan = fanotify_init(FAN_CLASS_NOTIF | FAN_NONBLOCK | FAN_CLOEXEC, O_RDONLY);
    OK(fan >= 0 || errno == EPERM || errno == ENOSYS, "fanotify_init answered");
    char f[64];
    snprintf(f, sizeof f, "%s/file", dir);
    if (fan >= 0) {
        OK(fanotify_mark(fan, FAN_MARK_ADD, FAN_CLOSE_WRITE | FAN_EVENT_ON_CHILD, AT_FDCWD, dir) == 0, "fanotify_mark");
        int fd = open(f, O_CREAT | O_WRONLY, 0600);
        write(fd, "x", 1);
        close(fd);
        char buf[4096] __attribute__((aligned(8)));
        ssize_t n = read(fan, buf, sizeof buf);
        struct fanotify_event_metadata *m = (struct fanotify_event_metadata *)buf;
        OK(n >= (ssize_t)sizeof *m && m->vers == FANOTIFY_METADATA_VERSION && (m->mask & FAN_CLOSE_WRITE) &&
           m->pid == getpid(), "an event: version, FAN_CLOSE_WRITE, our pid");
        char link[64], name[128] = {0};
        snprintf(link, sizeof link, "/proc/self/fd/%d", m->fd);
        OK(m->fd >= 0 && readlink(link, name, sizeof name - 1) > 0 && strcmp(name, f) == 0, "its fd names the file");
        close(m->fd);
        SHOW("event pid %d fd %d", (int)m->pid, (int)m->fd);
        close(fan);
    }
    unlink(f);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
