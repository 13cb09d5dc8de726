/* tree_workers: a process tree for `rewind record` to record whole (issue 13): three workers
 * forked at once print lines interleaved with each other's; one execs /bin/echo, one forks a
 * grandchild of its own and waits for it; the root waits for each worker and prints its exit
 * status; a last child outlives the root and prints after the root has exited. The root exits 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void nap(long us)
{
    struct timespec d = {0, us * 1000L};
    nanosleep(&d, NULL);
}

static void say(const char *text)
{
    ssize_t w = write(1, text, strlen(text));
    (void)w;
}

static void worker(int i)
{
    char line[128];
    for (int j = 0; j < 3; j++) {
        snprintf(line, sizeof line, "worker %d line %d (pid %d)\n", i, j, getpid());
        say(line);
        nap(300 + 200 * i);
    }
    if (i == 1) {
        execl("/bin/echo", "echo", "worker 1 exec'd echo", (char *)NULL);
        _exit(99);
    }
    if (i == 2) {
        pid_t g = fork();
        if (g == 0) {
            say("grandchild says hello\n");
            _exit(5);
        }
        int st;
        waitpid(g, &st, 0);
        snprintf(line, sizeof line, "worker 2: grandchild exited with %d\n", WEXITSTATUS(st));
        say(line);
    }
    _exit(10 + i);
}

int main(void)
{
    say("root starts\n");
    pid_t kids[3];
    for (int i = 0; i < 3; i++) {
        kids[i] = fork();
        if (kids[i] == 0)
            worker(i);
    }
    for (int i = 0; i < 3; i++) {
        int st;
        waitpid(kids[i], &st, 0);
        char line[128];
        snprintf(line, sizeof line, "worker %d exited with %d\n", i, WEXITSTATUS(st));
        say(line);
    }
    if (fork() == 0) {
        nap(100000);
        say("the lingering child prints after the root's exit\n");
        _exit(0);
    }
    say("root exits with 3\n");
    return 3;
}
