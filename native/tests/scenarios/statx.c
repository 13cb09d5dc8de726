/* statx: file metadata through statx (with birth time), stat, lstat, fstatat and statfs on
 * paths whose times change (/tmp, /proc/self, the program itself). Replay must return the
 * recorded structures byte for byte. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static void sx(const char *path, int flags) {
    struct statx s;
    int r = statx(AT_FDCWD, path, flags, STATX_ALL, &s);
    printf("statx %-12s r=%d mask %x mode %o ino %llu size %llu atime %lld.%09u mtime %lld "
           "btime %lld\n",
           path, r, s.stx_mask, s.stx_mode, (unsigned long long)s.stx_ino,
           (unsigned long long)s.stx_size, (long long)s.stx_atime.tv_sec, s.stx_atime.tv_nsec,
           (long long)s.stx_mtime.tv_sec, (long long)s.stx_btime.tv_sec);
}

int main(int argc, char **argv) {
    sx("/tmp", 0);
    sx("/proc/self", AT_SYMLINK_NOFOLLOW);
    sx("/proc/self", 0);
    sx(argv[0], 0);
    struct stat st;
    int r = stat("/proc/uptime", &st);
    printf("stat /proc/uptime r=%d mtime %lld\n", r, (long long)st.st_mtime);
    r = lstat("/proc/self", &st);
    printf("lstat /proc/self r=%d link %d\n", r, S_ISLNK(st.st_mode));
    r = fstatat(AT_FDCWD, "/does/not/exist", &st, 0);
    printf("fstatat missing r=%d\n", r);
    struct statfs fs;
    r = statfs("/tmp", &fs);
    printf("statfs /tmp r=%d bfree %llu files %llu ffree %llu\n", r, (unsigned long long)fs.f_bfree,
           (unsigned long long)fs.f_files, (unsigned long long)fs.f_ffree);
    return 0;
}
