/* net_scm_credentials: with SO_PASSCRED on the receiver, each message carries SCM_CREDENTIALS:
 * the sender's pid, uid and gid (given explicitly, or filled in by the kernel when the sender
 * sends none); a forged pid is EPERM for an unprivileged sender (root may send any existing pid,
 * so only our own is sent here); the control message has the documented layout. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static int receive_creds(int fd, struct ucred *out)
{
    char data[8];
    char ctl[CMSG_SPACE(sizeof(struct ucred))];
    memset(ctl, 0, sizeof ctl);
    struct iovec iov = {data, sizeof data};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
    if (recvmsg(fd, &mh, 0) < 0)
        return -1;
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_CREDENTIALS ||
        c->cmsg_len != CMSG_LEN(sizeof(struct ucred)))
        return -2;
    memcpy(out, CMSG_DATA(c), sizeof *out);
    return 0;
}

int main(void)
{
    int sv[2];
    OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair");
    int on = 1;
    OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0, "SO_PASSCRED");
    struct ucred mine = {getpid(), getuid(), getgid()}, got;
    char ctl[CMSG_SPACE(sizeof mine)];
    memset(ctl, 0, sizeof ctl);
    struct iovec iov = {"cred", 4};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof mine);
    memcpy(CMSG_DATA(c), &mine, sizeof mine);
    OK(sendmsg(sv[0], &mh, 0) == 4, "sendmsg with our credentials");
    memset(&got, 0, sizeof got);
    OK(receive_creds(sv[1], &got) == 0 && got.pid == mine.pid && got.uid == mine.uid && got.gid == mine.gid,
       "received: our pid, uid, gid");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0)
        _exit(send(sv[0], "kid", 3, 0) == 3 ? 0 : 1);
    waitpid(p, NULL, 0);
    memset(&got, 0, sizeof got);
    OK(receive_creds(sv[1], &got) == 0 && got.pid == p && got.uid == getuid(),
       "a child sending none: the kernel fills in its pid");
    SHOW("child %d", p);
    return FIDELITY_END();
}
