/* fork_wait: several children exiting with different codes, one killed by a signal; the parent
 * collects them with wait, waitpid and wait4 (rusage) and waitid. Children run for real while
 * recording; replay emulates every wait from the recording. */
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    pid_t kids[4];
    fflush(stdout);
    for (int i = 0; i < 4; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            if (i == 3)
                raise(SIGTERM);
            struct timespec d = {0, 1000000L * (i + 1)};
            nanosleep(&d, NULL);
            _exit(10 + i);
        }
    }
    printf("parent %d started children %d %d %d %d\n", getpid(), kids[0], kids[1], kids[2], kids[3]);
    int st;
    pid_t w = waitpid(kids[0], &st, 0);
    printf("waitpid(%d) -> %d exited=%d code=%d\n", kids[0], w, WIFEXITED(st), WEXITSTATUS(st));
    struct rusage ru;
    w = wait4(kids[1], &st, 0, &ru);
    printf("wait4(%d) -> %d code=%d maxrss>0=%d utime=%ld.%06ld\n", kids[1], w, WEXITSTATUS(st),
           ru.ru_maxrss > 0, (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec);
    siginfo_t si;
    waitid(P_PID, kids[3], &si, WEXITED);
    printf("waitid(%d) -> pid %d code %d status %d\n", kids[3], si.si_pid, si.si_code, si.si_status);
    w = wait(&st);
    printf("wait -> %d code=%d\n", w, WEXITSTATUS(st));
    w = waitpid(-1, &st, WNOHANG);
    printf("waitpid(-1, WNOHANG) with no children left -> %d\n", w);
    return 0;
}
