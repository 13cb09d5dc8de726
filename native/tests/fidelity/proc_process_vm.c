/* proc_process_vm: process_vm_readv and process_vm_writev on our own pid copy between our
 * buffers with scattered iovecs on both sides (the local iovecs of readv are written, the remote
 * ones of writev are written); from a child, process_vm_readv reads the child's memory; a remote
 * address that is not mapped gives a partial count or EFAULT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static char src[32] = "abcdefghijklmnopqrstuvwxyz";

int main(void)
{
    char a[8] = {0}, b[8] = {0};
    struct iovec local[2] = {{a, 5}, {b, 7}};
    struct iovec remote[2] = {{src, 3}, {src + 10, 9}};
    OK(process_vm_readv(getpid(), local, 2, remote, 2, 0) == 12, "readv on ourselves: 12 bytes");
    OK(memcmp(a, "abckl", 5) == 0 && memcmp(b, "mnopqrs", 7) == 0, "scattered into both local buffers");
    char dst[16];
    memset(dst, '.', sizeof dst);
    struct iovec from[1] = {{"WXYZ", 4}};
    struct iovec to[2] = {{dst + 1, 2}, {dst + 10, 2}};
    OK(process_vm_writev(getpid(), from, 1, to, 2, 0) == 4, "writev on ourselves: 4 bytes");
    OK(memcmp(dst, ".WX.......YZ....", 16) == 0, "written at both remote places");
    int pfd[2];
    pipe(pfd);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        strcpy(src, "the child's own text");
        write(pfd[1], "r", 1);
        pause();
        _exit(0);
    }
    char c;
    read(pfd[0], &c, 1);
    char theirs[32] = {0};
    struct iovec l1 = {theirs, 20}, r1 = {src, 20};
    OK(process_vm_readv(p, &l1, 1, &r1, 1, 0) == 20 && strcmp(theirs, "the child's own text") == 0,
       "readv from the child: its copy of the text");
    OK(strcmp(src, "abcdefghijklmnopqrstuvwxyz") == 0, "ours unchanged");
    struct iovec bad = {(void *)16, 8};
    errno = 0;
    OK(process_vm_readv(getpid(), &l1, 1, &bad, 1, 0) == -1 && errno == EFAULT, "unmapped remote: EFAULT");
    kill(p, 9);
    waitpid(p, NULL, 0);
    SHOW("child %d", p);
    return FIDELITY_END();
}
