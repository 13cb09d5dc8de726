/* pipe_child: a pipe to a forked child. The child (which runs for real while recording) writes its
 * pid, the time and a random number into the pipe and to stdout itself; the parent reads the pipe
 * and prints what it got. Replay runs no child: the parent's reads and the child's stdout bytes
 * come from the recording. */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        unsigned r;
        getrandom(&r, sizeof r, 0);
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        char msg[128];
        int n = snprintf(msg, sizeof msg, "child pid %d random %u time %lld.%09ld\n", getpid(), r,
                         (long long)ts.tv_sec, ts.tv_nsec);
        write(fds[1], msg, n);
        printf("child says hello on stdout (pid %d)\n", getpid());
        fflush(stdout);
        _exit(7);
    }
    close(fds[1]);
    char buf[256];
    size_t total = 0;
    ssize_t n;
    while ((n = read(fds[0], buf + total, sizeof buf - 1 - total)) > 0)
        total += n;
    buf[total] = 0;
    int status;
    pid_t w = waitpid(pid, &status, 0);
    printf("parent pid %d forked %d, waited %d, exit %d\n", getpid(), pid, w, WEXITSTATUS(status));
    printf("from pipe (%zu bytes): %s", total, buf);
    printf("pid in message matches: %d\n", strstr(buf, "child pid") != NULL);
    return 0;
}
