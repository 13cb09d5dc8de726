/* net_scm_rights_self: SCM_RIGHTS passes descriptors within one process: a pipe's write end and
 * a file sent in one message arrive as new descriptor numbers (lowest free), refer to the same
 * open files (writing through the received pipe end reaches the pipe; the file offset is
 * shared), MSG_CMSG_CLOEXEC sets FD_CLOEXEC on them; a too small control buffer sets MSG_CTRUNC
 * and closes what did not fit. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static int send_fds(int sock, const int *fds, int n)
{
    char ctl[CMSG_SPACE(4 * sizeof(int))];
    memset(ctl, 0, sizeof ctl);
    struct iovec iov = {"F", 1};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
                        .msg_controllen = CMSG_SPACE(n * sizeof(int))};
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    return (int)sendmsg(sock, &mh, 0);
}

int main(void)
{
    int sv[2], pfd[2];
    OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && pipe(pfd) == 0, "socketpair and pipe");
    char path[] = "/tmp/rewind-fid-XXXXXX";
    int file = mkstemp(path);
    OK(file >= 0 && write(file, "0123456789", 10) == 10 &&
       lseek(file, 2, SEEK_SET) == 2, "a file at offset 2");
    int two[2] = {pfd[1], file};
    OK(send_fds(sv[0], two, 2) == 1, "send two descriptors");
    char data, ctl[CMSG_SPACE(2 * sizeof(int))];
    struct iovec iov = {&data, 1};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
    OK(recvmsg(sv[1], &mh, MSG_CMSG_CLOEXEC) == 1 && !(mh.msg_flags & MSG_CTRUNC), "recvmsg");
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    int got[2] = {-1, -1};
    OK(c && c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(2 * sizeof(int)), "SCM_RIGHTS with two");
    if (c)
        memcpy(got, CMSG_DATA(c), sizeof got);
    OK(got[0] > file && got[1] == got[0] + 1, "new descriptors, lowest free numbers");
    OK((fcntl(got[0], F_GETFD) & FD_CLOEXEC) && (fcntl(got[1], F_GETFD) & FD_CLOEXEC), "MSG_CMSG_CLOEXEC");
    char b[4] = {0};
    OK(write(got[0], "via", 3) == 3 && read(pfd[0], b, 3) == 3 && memcmp(b, "via", 3) == 0, "the same pipe");
    OK(lseek(got[1], 0, SEEK_CUR) == 2 && read(got[1], b, 2) == 2 && lseek(file, 0, SEEK_CUR) == 4,
       "the same open file: a shared offset");
    struct stat s1, s2;
    OK(fstat(file, &s1) == 0 && fstat(got[1], &s2) == 0 && s1.st_ino == s2.st_ino, "the same inode");
    SHOW("received %d %d inode %lu", got[0], got[1], (unsigned long)s1.st_ino);
    int three[3] = {pfd[0], pfd[1], file};
    OK(send_fds(sv[0], three, 3) == 1, "send three");
    char small[CMSG_SPACE(sizeof(int))];
    mh = (struct msghdr){.msg_iov = &iov, .msg_iovlen = 1, .msg_control = small,
        .msg_controllen = sizeof small};
    OK(recvmsg(sv[1], &mh, 0) == 1 && (mh.msg_flags & MSG_CTRUNC), "room for one: MSG_CTRUNC");
    unlink(path);
    return FIDELITY_END();
}
