/*
 * record_start.c: starting the program to record: a child with the recorder's environment (no
 * ASLR, rdtsc trapped, the children's output filter, the signal dispositions the agent inherited),
 * traced from its first instruction and run to its exec.
 */
#include "record_start.h"
#include "children.h"
#include "children_output.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * The signals the agent inherited ignored, noted before main (the recorder catches and ignores
 * signals of its own later): the program starts with them ignored, as it would have without the
 * recorder (SIGHUP under nohup, SIGINT in a background job...); the others at SIG_DFL. The mask
 * is empty, as a shell gives it: the agent's own comes from the JVM that started it, which blocks
 * SIGQUIT.
 */
static bool inherited_ignored[NSIG];

__attribute__((constructor)) static void note_inherited_signals(void)
{
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction sa;
        inherited_ignored[sig] = sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN;
    }
}

/* In the child about to exec the program: the inherited dispositions, an empty mask. */
static void give_inherited_signals(void)
{
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, inherited_ignored[sig] ? SIG_IGN : SIG_DFL); /* glibc's own refuse: fine */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

pid_t record_start_program(const struct record_request *req, struct record_result *res)
{
    int errpipe[2];
    if (pipe2(errpipe, O_CLOEXEC) < 0) {
        res->error_code = 8;
        snprintf(res->message, sizeof res->message, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        res->error_code = 8;
        snprintf(res->message, sizeof res->message, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        close(errpipe[0]);
        give_inherited_signals();
        int err = 0;
        if (req->cwd && req->cwd[0] && chdir(req->cwd) < 0)
            err = errno;
        if (!err) {
            personality(ADDR_NO_RANDOMIZE);
            prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
            /* without the filter children still run; only their output is not captured */
            (void)children_install_filter();
            ptrace(PTRACE_TRACEME, 0, 0, 0);
            raise(SIGSTOP);
            execve(req->program, req->argv, req->envp);
            err = errno;
        }
        ssize_t w = write(errpipe[1], &err, sizeof err);
        (void)w;
        _exit(127);
    }
    close(errpipe[1]);
    int status;
    /* The flush timer runs already: its SIGALRM interrupts these waits (EINTR), which must never
     * be taken for a stop, or the program runs on without the trace options and is lost. */
    if (waitpid_uninterrupted(pid, &status, __WALL) < 0 || !WIFSTOPPED(status) ||
        ptrace(PTRACE_SETOPTIONS, pid, 0, CHILDREN_TRACE_OPTIONS) < 0)
        fatal("cannot start tracing the program (process %d): %s", pid, strerror(errno));
    children_set_program(pid);
    if (children_output_start(pid) < 0)
        warn("children's output to the terminal is not recorded: %s", strerror(errno));
    /* Run to the exec (or to the child's report that exec failed). */
    for (;;) {
        ptrace(PTRACE_SYSCALL, pid, 0, 0);
        if (waitpid_uninterrupted(pid, &status, __WALL) < 0)
            break;
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            int err = 0;
            if (read(errpipe[0], &err, sizeof err) != sizeof err)
                err = ENOEXEC;
            close(errpipe[0]);
            res->error_code = 3;
            snprintf(res->message, sizeof res->message, "cannot run '%s': %s", req->program,
                     strerror(err));
            return -1;
        }
        if (WIFSTOPPED(status) && (status >> 16) == PTRACE_EVENT_EXEC)
            break;
    }
    close(errpipe[0]);
    return pid;
}
