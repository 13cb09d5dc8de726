/* fs_file_handles: name_to_handle_at fills a struct file_handle (handle_bytes, handle_type, the
 * handle) and the mount id; a too small handle_bytes is EOVERFLOW with the needed size written back;
 * open_by_handle_at opens the same inode (or EPERM without CAP_DAC_READ_SEARCH); file systems
 * without handles answer EOPNOTSUPP (accepted). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-handle-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "handle", 6) == 6, "a file");
    struct file_handle *small = malloc(sizeof *small);
    small->handle_bytes = 0;
    int mount_id = -1;
    errno = 0;
    int r = name_to_handle_at(AT_FDCWD, path, small, &mount_id, 0);
    OK((r == -1 && errno == EOVERFLOW && small->handle_bytes > 0) || (r == -1 && errno == EOPNOTSUPP),
       "handle_bytes 0: EOVERFLOW with the size written back");
    if (r == -1 && errno == EOVERFLOW) {
        struct file_handle *h = malloc(sizeof *h + small->handle_bytes);
        h->handle_bytes = small->handle_bytes;
        OK(name_to_handle_at(AT_FDCWD, path, h, &mount_id, 0) == 0 && mount_id > 0, "name_to_handle_at: a handle and a mount id");
        struct file_handle *again = malloc(sizeof *h + h->handle_bytes);
        again->handle_bytes = h->handle_bytes;
        int id2;
        OK(name_to_handle_at(fd, "", again, &id2, AT_EMPTY_PATH) == 0 && id2 == mount_id &&
           again->handle_type == h->handle_type && memcmp(again->f_handle, h->f_handle, h->handle_bytes) == 0,
           "AT_EMPTY_PATH on the fd gives the same handle");
        int mfd = open("/tmp", O_RDONLY | O_DIRECTORY);
        int o = open_by_handle_at(mfd, h, O_RDONLY);
        struct stat a, b;
        fstat(fd, &a);
        OK(o >= 0 ? fstat(o, &b) == 0 && a.st_ino == b.st_ino : errno == EPERM, "open_by_handle_at: the same inode, or EPERM");
        SHOW("mount id %d inode %lu handle type %d", mount_id, (unsigned long)a.st_ino, h->handle_type);
        if (o >= 0)
            close(o);
        close(mfd);
        free(again);
        free(h);
    }
    free(small);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
