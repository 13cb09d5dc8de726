/* fs_umask: umask returns the previous mask and masks the mode of new files, directories and FIFOs;
 * only the low 9 bits are kept; /proc/self/status Umask shows it; O_TMPFILE respects it too. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-umask-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    mode_t old = umask(027);
    OK(umask(027) == 027, "umask returns the previous mask");
    int fd = openat(dfd, "f", O_CREAT | O_WRONLY, 0666);
    struct stat st;
    OK(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0640, "a new file gets 0666 & ~027 = 0640");
    close(fd);
    OK(mkdirat(dfd, "d", 0777) == 0 && fstatat(dfd, "d", &st, 0) == 0 && (st.st_mode & 0777) == 0750, "a new dir 0750");
    OK(mkfifoat(dfd, "p", 0666) == 0 && fstatat(dfd, "p", &st, 0) == 0 && (st.st_mode & 0777) == 0640, "a new FIFO 0640");
    OK(umask(0177777) == 027 && umask(027) == 0777, "only the low 9 bits are kept");
    FILE *f = fopen("/proc/self/status", "r");
    char line[128];
    int shown = 0;
    while (fgets(line, sizeof line, f))
        shown |= strcmp(line, "Umask:\t0027\n") == 0;
    fclose(f);
    OK(shown, "/proc/self/status shows Umask 0027");
    fd = openat(dfd, ".", O_TMPFILE | O_WRONLY, 0666);
    OK(fd < 0 ? errno == EOPNOTSUPP : fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0640, "O_TMPFILE respects it");
    SHOW("inode %lu", (unsigned long)st.st_ino);
    close(fd);
    umask(old);
    unlinkat(dfd, "f", 0);
    unlinkat(dfd, "p", 0);
    unlinkat(dfd, "d", AT_REMOVEDIR);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
