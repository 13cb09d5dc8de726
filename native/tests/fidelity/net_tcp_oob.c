/* net_tcp_oob: TCP urgent data: send(MSG_OOB) of "abc!" marks '!' urgent; the receiver reads
 * "abc" up to the mark (SIOCATMARK 0 before, 1 at the mark), recv(MSG_OOB) gets '!' alone, a
 * second MSG_OOB read is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void pair(int *c, int *s)
{
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    bind(l, (struct sockaddr *)&a, len);
    listen(l, 1);
    getsockname(l, (struct sockaddr *)&a, &len);
    *c = socket(AF_INET, SOCK_STREAM, 0);
    connect(*c, (struct sockaddr *)&a, sizeof a);
    *s = accept(l, NULL, NULL);
    close(l);
}

static void wait_bytes(int fd, int n)
{
    int q = 0;
    for (int i = 0; i < 2000 && (ioctl(fd, FIONREAD, &q) < 0 || q < n); i++)
        usleep(1000);
}

int main(void)
{
    int c, s;
    pair(&c, &s);
    OK(c >= 0 && s >= 0, "a connected pair");
    OK(send(c, "abc!", 4, MSG_OOB) == 4, "send 4 bytes, the last urgent");
    wait_bytes(s, 3);
    int mark = -1;
    OK(ioctl(s, SIOCATMARK, &mark) == 0 && mark == 0, "SIOCATMARK 0 before the mark");
    char buf[8] = {0};
    OK(recv(s, buf, sizeof buf, 0) == 3 && memcmp(buf, "abc", 3) == 0, "normal data stops at the mark");
    OK(ioctl(s, SIOCATMARK, &mark) == 0 && mark == 1, "SIOCATMARK 1 at the mark");
    char u = 0;
    OK(recv(s, &u, 1, MSG_OOB) == 1 && u == '!', "MSG_OOB: the urgent byte");
    errno = 0;
    OK(recv(s, &u, 1, MSG_OOB | MSG_DONTWAIT) == -1 && errno == EINVAL, "read again: EINVAL");
    SHOW("fds %d %d", c, s);
    return FIDELITY_END();
}
