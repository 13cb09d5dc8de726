/* scm_rights: passing a file descriptor over a Unix socketpair with sendmsg/recvmsg and
 * SCM_RIGHTS (ancillary data written into the receiver's msghdr), from a child that opens a pipe
 * and writes its pid into it. Replay must fill the control message and the received fd number. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int p[2];
        pipe(p);
        dprintf(p[1], "written by child %d into a pipe it passed over", getpid());
        close(p[1]);
        char tag[] = "fd";
        struct iovec iov = {tag, 2};
        char cbuf[CMSG_SPACE(sizeof(int))];
        memset(cbuf, 0, sizeof cbuf);
        struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                           .msg_controllen = sizeof cbuf};
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &p[0], sizeof(int));
        sendmsg(sv[1], &m, 0);
        _exit(0);
    }
    char tag[8] = {0};
    struct iovec iov = {tag, sizeof tag - 1};
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                       .msg_controllen = sizeof cbuf};
    ssize_t n = recvmsg(sv[0], &m, 0);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    int fd = -1;
    if (c && c->cmsg_type == SCM_RIGHTS)
        memcpy(&fd, CMSG_DATA(c), sizeof fd);
    printf("recvmsg %zd bytes '%s', controllen %zu, received fd %d\n", n, tag,
           (size_t)m.msg_controllen, fd);
    char buf[128] = {0};
    ssize_t r = read(fd, buf, sizeof buf - 1);
    printf("read %zd from passed fd: %s\n", r, buf);
    waitpid(pid, NULL, 0);
    return 0;
}
