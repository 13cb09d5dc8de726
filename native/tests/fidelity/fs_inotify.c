/* fs_inotify: inotify_init1 and inotify_add_watch on a directory: creating, writing, closing,
 * renaming and deleting a file queue IN_CREATE, IN_MODIFY, IN_CLOSE_WRITE, IN_MOVED_FROM/TO
 * (same cookie) and IN_DELETE events with the names; FIONREAD counts the queued bytes; an empty
 * nonblocking queue is EAGAIN; removing the watch queues IN_IGNORED. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-inotify-XXXXXX", f[64], g[64];
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(f, sizeof f, "%s/a", dir);
    snprintf(g, sizeof g, "%s/b", dir);
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    int wd = inotify_add_watch(in, dir, IN_ALL_EVENTS);
    OK(in >= 0 && wd >= 0, "inotify_init1, inotify_add_watch");
    int fd = open(f, O_CREAT | O_WRONLY, 0600);
    write(fd, "x", 1);
    close(fd);
    rename(f, g);
    unlink(g);
    int queued = 0;
    OK(ioctl(in, FIONREAD, &queued) == 0 && queued > 0, "FIONREAD counts queued bytes");
    char buf[4096] __attribute__((aligned(8)));
    ssize_t n = read(in, buf, sizeof buf);
    OK(n == queued, "read returns them all");
    uint32_t seq[8];
    int count = 0;
    uint32_t from_cookie = 0, to_cookie = 1;
    for (char *p = buf; p < buf + n && count < 8;) {
        struct inotify_event *e = (struct inotify_event *)p;
        if (e->mask & IN_MOVED_FROM)
            from_cookie = e->cookie;
        if (e->mask & IN_MOVED_TO)
            to_cookie = e->cookie;
        if (!(e->mask & (IN_OPEN | IN_ACCESS | IN_CLOSE_NOWRITE)))
            seq[count++] = e->mask & ~IN_ISDIR;
        p += sizeof *e + e->len;
    }
    OK(count == 6 && seq[0] == IN_CREATE && seq[1] == IN_MODIFY && seq[2] == IN_CLOSE_WRITE &&
       seq[3] == IN_MOVED_FROM && seq[4] == IN_MOVED_TO && seq[5] == IN_DELETE,
       "create, modify, close_write, moved_from, moved_to, delete");
    OK(from_cookie == to_cookie, "the move's two events share a cookie");
    errno = 0;
    OK(read(in, buf, sizeof buf) == -1 && errno == EAGAIN, "empty queue: EAGAIN");
    OK(inotify_rm_watch(in, wd) == 0, "inotify_rm_watch");
    n = read(in, buf, sizeof buf);
    OK(n > 0 && (((struct inotify_event *)buf)->mask & IN_IGNORED), "IN_IGNORED queued");
    SHOW("move cookie %u", from_cookie);
    close(in);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
