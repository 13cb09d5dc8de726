/* child_exit_spin: the program spins, without syscalls, while its child exits; SIGCHLD is at
 * SIG_DFL, so natively the kernel discards it. The recorder must not record it in user code
 * (nor deliver it there); if the child happens to exit while the program is in a syscall, a
 * SIGCHLD at that boundary may still be recorded. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        usleep(10000);
        _exit(3);
    }
    volatile unsigned long n = 0;
    while (n < 300000000ul) /* long enough for the child to exit meanwhile (seconds at -O0) */
        n++;
    int status = 0;
    waitpid(child, &status, 0);
    printf("spun %lu, child exited with %d\n", (unsigned long)n, WEXITSTATUS(status));
    return 0;
}
