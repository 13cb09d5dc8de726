/* prlimit: process attributes read and changed: getrlimit/prlimit64/setrlimit, umask, chdir and
 * getcwd, getpriority, prctl names. Replay must return the recorded values and must change
 * nothing outside the replayed process. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("NOFILE soft %llu hard %llu\n", (unsigned long long)rl.rlim_cur,
           (unsigned long long)rl.rlim_max);
    struct rlimit st;
    prlimit(0, RLIMIT_STACK, NULL, &st);
    printf("STACK soft %llu\n", (unsigned long long)st.rlim_cur);
    rl.rlim_cur = rl.rlim_cur > 64 ? 64 : rl.rlim_cur;
    printf("setrlimit %d\n", setrlimit(RLIMIT_NOFILE, &rl));
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("NOFILE soft now %llu\n", (unsigned long long)rl.rlim_cur);
    mode_t old = umask(077);
    printf("old umask %03o\n", old);
    printf("chdir(/tmp) %d\n", chdir("/tmp"));
    char cwd[256];
    printf("cwd %s\n", getcwd(cwd, sizeof cwd));
    prctl(PR_SET_NAME, "rewind-scn", 0, 0, 0);
    char name[17] = {0};
    prctl(PR_GET_NAME, name, 0, 0, 0);
    printf("name %s pid %d\n", name, getpid());
    return 0;
}
