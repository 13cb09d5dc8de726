/* readlink_exe: readlink of /proc/self/exe, /proc/self/cwd and /proc/self/fd/1 (which names the
 * pipe or terminal stdout is, with an inode that differs each run), and getcwd. Replay returns the
 * recorded strings, whatever replays them. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void rl(const char *path) {
    char buf[4096];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0) {
        printf("%s: error\n", path);
        return;
    }
    buf[n] = 0;
    printf("%s -> %s (%zd bytes)\n", path, buf, n);
}

int main(void) {
    rl("/proc/self/exe");
    rl("/proc/self/cwd");
    rl("/proc/self/fd/1");
    rl("/proc/self/fd/2");
    char cwd[4096];
    printf("getcwd %s\n", getcwd(cwd, sizeof cwd));
    char buf[64];
    ssize_t n = readlinkat(AT_FDCWD, "/proc/self", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("readlinkat /proc/self -> %s (our pid is %d)\n", buf, getpid());
    return 0;
}
