/* io_splice_pipes: splice between two pipes moves data (the source is drained, SPLICE_F_MOVE is a
 * hint), a partial splice leaves the rest, splice with an offset on a pipe ESPIPE, a zero-length
 * splice is 0; tee of an empty nonblocking pipe EAGAIN. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    int a[2], b[2];
    OK(pipe2(a, O_NONBLOCK) == 0 && pipe2(b, O_NONBLOCK) == 0, "two pipes");
    unsigned char data[1000], got[1000];
    getrandom(data, sizeof data, 0);
    write(a[1], data, sizeof data);
    OK(splice(a[0], NULL, b[1], NULL, 600, SPLICE_F_MOVE) == 600, "splice 600 bytes pipe -> pipe");
    OK(read(b[0], got, sizeof got) == 600 && memcmp(got, data, 600) == 0, "they arrive in order");
    OK(splice(a[0], NULL, b[1], NULL, 5000, SPLICE_F_NONBLOCK) == 400, "the remaining 400");
    OK(read(b[0], got, sizeof got) == 400 && memcmp(got, data + 600, 400) == 0, "and the rest");
    loff_t off = 0;
    errno = 0;
    OK(splice(a[0], &off, b[1], NULL, 10, 0) == -1 && errno == ESPIPE, "an offset on a pipe: ESPIPE");
    OK(splice(a[0], NULL, b[1], NULL, 0, 0) == 0, "zero length: 0");
    errno = 0;
    OK(tee(a[0], b[1], 10, SPLICE_F_NONBLOCK) == -1 && errno == EAGAIN, "tee of an empty pipe: EAGAIN");
    SHOW("random %02x%02x", got[0], got[1]);
    close(a[0]); close(a[1]); close(b[0]); close(b[1]);
    return FIDELITY_END();
}
