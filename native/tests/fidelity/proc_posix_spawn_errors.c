/* proc_posix_spawn_errors: posix_spawn runs its child with clone(CLONE_VM | CLONE_VFORK) and the
 * child reports a failed exec by storing the error in the parent's memory before it exits, so
 * posix_spawn of a missing program returns ENOENT (not 0 and a child exiting 127); a good spawn
 * returns 0 and its child's status. vfork keeps its semantics while recorded. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
    pid_t p = 0;
    char *missing[] = {"/nonexistent/program", NULL};
    int rc = posix_spawn(&p, missing[0], NULL, NULL, missing, environ);
    OK(rc == ENOENT, "posix_spawn of a missing program returns ENOENT");
    char *good[] = {"/bin/sh", "-c", "exit 3", NULL};
    rc = posix_spawn(&p, good[0], NULL, NULL, good, environ);
    OK(rc == 0, "posix_spawn of /bin/sh returns 0");
    int st;
    OK(rc == 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 3, "its status is 3");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 5, "/nonexistent/dir/file", O_RDONLY, 0);
    rc = posix_spawn(&p, good[0], &fa, NULL, good, environ);
    OK(rc == ENOENT, "a failing file action is reported too");
    posix_spawn_file_actions_destroy(&fa);
    SHOW("child %d", p);
    return FIDELITY_END();
}
