/* sys_prctl_seccomp_mode: PR_GET_SECCOMP returns the program's seccomp mode: what it inherited
 * (0, or 2 in a container with a seccomp profile) before it installed a filter, and 2 after its
 * own SECCOMP_MODE_FILTER (allow everything). The recorder's own filter must not show. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(void)
{
    int before = prctl(PR_GET_SECCOMP);
    char what[64];
    snprintf(what, sizeof what, "PR_GET_SECCOMP before our filter: %d (inherited)", before);
    OK(before == 0 || before == 2, what);
    struct sock_filter allow[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    struct sock_fprog prog = {1, allow};
    OK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "no_new_privs");
    OK(prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0, "install an allow-all filter");
    OK(prctl(PR_GET_SECCOMP) == 2, "PR_GET_SECCOMP: 2 after it");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
