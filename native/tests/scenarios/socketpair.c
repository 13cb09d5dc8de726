/* socketpair: a Unix stream socketpair to a forked child and a datagram socketpair within the
 * process, with send/recv, sendto/recvfrom, read/write and shutdown. Replay emulates every
 * socket call; the child's messages (its pid, the time) come from the recording. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        char req[64] = {0};
        recv(sv[1], req, sizeof req - 1, 0);
        char msg[128];
        int n = snprintf(msg, sizeof msg, "child %d got '%s' at %ld", getpid(), req, (long)clock());
        send(sv[1], msg, n, 0);
        shutdown(sv[1], SHUT_WR);
        _exit(0);
    }
    close(sv[1]);
    send(sv[0], "ping", 4, 0);
    char buf[256];
    size_t total = 0;
    ssize_t n;
    while ((n = recv(sv[0], buf + total, sizeof buf - 1 - total, 0)) > 0)
        total += n;
    buf[total] = 0;
    printf("parent %d received %zu bytes: %s\n", getpid(), total, buf);
    waitpid(pid, NULL, 0);
    int dg[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    sendto(dg[0], &ts, sizeof ts, 0, NULL, 0);
    write(dg[0], "second", 6);
    struct timespec got;
    n = recvfrom(dg[1], &got, sizeof got, 0, NULL, NULL);
    printf("datagram %zd bytes: %lld.%09ld\n", n, (long long)got.tv_sec, got.tv_nsec);
    n = read(dg[1], buf, sizeof buf);
    printf("datagram %zd bytes: %.*s\n", n, (int)n, buf);
    return 0;
}
