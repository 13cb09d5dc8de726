/* ioctl: terminal and fd ioctls: TCGETS on stdin (isatty: a tty or not), TIOCGWINSZ on stdout,
 * FIONREAD on a pipe holding a random number of bytes, FIONBIO; plus fcntl F_GETFL/F_SETFL.
 * Replay must return the recorded answers and the memory they wrote. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
    struct termios t;
    int r = ioctl(0, TCGETS, &t);
    printf("TCGETS on stdin: %d (%s), isatty(0)=%d\n", r, r == 0 ? "tty" : strerror(errno),
           isatty(0));
    struct winsize ws;
    r = ioctl(1, TIOCGWINSZ, &ws);
    printf("TIOCGWINSZ on stdout: %d%s\n", r, r == 0 ? " (a terminal)" : "");
    int p[2];
    pipe(p);
    unsigned char n;
    getrandom(&n, 1, 0);
    char buf[256];
    memset(buf, 'z', sizeof buf);
    write(p[1], buf, n % 200 + 1);
    int avail = -1;
    r = ioctl(p[0], FIONREAD, &avail);
    printf("FIONREAD on pipe: %d, %d bytes available\n", r, avail);
    int on = 1;
    r = ioctl(p[0], FIONBIO, &on);
    int fl = fcntl(p[0], F_GETFL);
    printf("FIONBIO %d, O_NONBLOCK now %d\n", r, (fl & O_NONBLOCK) != 0);
    ssize_t got = read(p[0], buf, sizeof buf);
    got = read(p[0], buf, sizeof buf);
    printf("second read on empty nonblocking pipe: %zd (%s)\n", got, strerror(errno));
    fcntl(p[0], F_SETFL, fl & ~O_NONBLOCK);
    printf("F_GETFD cloexec %d, pipe size %d\n", fcntl(p[0], F_GETFD), fcntl(p[0], F_GETPIPE_SZ));
    return 0;
}
