/* temp_dirs.c: see temp_dirs.h. The table is written only outside signal handlers; a slot's path
 * is complete before `used` is set, so a handler never reads a half-written path. */
#include "temp_dirs.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TEMP_DIRS_MAX 8

static char paths[TEMP_DIRS_MAX][PATH_MAX];
static volatile sig_atomic_t used[TEMP_DIRS_MAX];

void temp_dir_track(const char *path)
{
    for (int i = 0; i < TEMP_DIRS_MAX; i++)
        if (!used[i] && strlen(path) < PATH_MAX) {
            strcpy(paths[i], path);
            used[i] = 1;
            return;
        }
}

void temp_dir_untrack(const char *path)
{
    for (int i = 0; i < TEMP_DIRS_MAX; i++)
        if (used[i] && !strcmp(paths[i], path))
            used[i] = 0;
}

/* The entries of a getdents64 buffer (the kernel's struct linux_dirent64). */
struct dirent64_head {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

static void empty_and_remove(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        char buf[4096] __attribute__((aligned(8)));
        long n;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
            for (long at = 0; at < n;) {
                struct dirent64_head *e = (struct dirent64_head *)(buf + at);
                if (strcmp(e->name, ".") && strcmp(e->name, ".."))
                    unlinkat(fd, e->name, 0);
                at += e->reclen;
            }
        close(fd);
    }
    rmdir(dir);
}

void temp_dir_remove(const char *path)
{
    empty_and_remove(path);
    temp_dir_untrack(path);
}

void temp_dirs_remove_all(void)
{
    for (int i = 0; i < TEMP_DIRS_MAX; i++)
        if (used[i]) {
            empty_and_remove(paths[i]);
            used[i] = 0;
        }
}
