/* io_aio_raw: native AIO through raw syscalls: io_setup gives a context, io_submit a pwrite and a
 * pread on a file, io_getevents returns both completions with their data pointers and results, the
 * read buffer holds the written bytes, io_destroy; io_submit and io_getevents on a bad context EINVAL.
 * Rewind refuses io_setup while recording (ENOSYS: the kernel writes the read buffers and the
 * completion ring it maps into the program when the I/O completes, on its own), so the round trip
 * is one check that accepts ENOSYS from io_setup too. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/aio_abi.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

/* 1 when a pwrite then a pread through the context complete with the right events and bytes. */
static int aio_roundtrip(int fd, aio_context_t ctx, unsigned char *back)
{
    unsigned char data[512];
    getrandom(data, sizeof data, 0);
    struct iocb w = {.aio_data = 11, .aio_lio_opcode = IOCB_CMD_PWRITE, .aio_fildes = fd,
                     .aio_buf = (uintptr_t)data, .aio_nbytes = sizeof data, .aio_offset = 0};
    struct iocb r = {.aio_data = 22, .aio_lio_opcode = IOCB_CMD_PREAD, .aio_fildes = fd,
                     .aio_buf = (uintptr_t)back, .aio_nbytes = sizeof data, .aio_offset = 0};
    struct iocb *list[1] = {&w};
    struct io_event ev[2];
    int ok = syscall(SYS_io_submit, ctx, 1, list) == 1;
    ok &= syscall(SYS_io_getevents, ctx, 1, 2, ev, NULL) == 1 && ev[0].data == 11 && ev[0].res == 512;
    list[0] = &r;
    ok &= syscall(SYS_io_submit, ctx, 1, list) == 1;
    ok &= syscall(SYS_io_getevents, ctx, 1, 2, ev, NULL) == 1 && ev[0].data == 22 && ev[0].res == 512;
    ok &= memcmp(back, data, sizeof data) == 0;
    ok &= syscall(SYS_io_destroy, ctx) == 0;
    return ok;
}

int main(void)
{
    char path[] = "/tmp/fid-aio-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    aio_context_t ctx = 0;
    unsigned char back[512] = {0};
    long setup = syscall(SYS_io_setup, 8, &ctx);
    int setup_errno = errno;
    OK(setup == 0 ? ctx != 0 && aio_roundtrip(fd, ctx, back) : setup_errno == ENOSYS,
       "io_setup answered: a context whose pwrite/pread round trip is exact, or ENOSYS");
    struct iocb *list[1] = {NULL};
    struct io_event ev;
    errno = 0;
    OK(syscall(SYS_io_submit, (aio_context_t)12345, 1, list) == -1 && errno == EINVAL, "io_submit on a bad context: EINVAL");
    errno = 0;
    OK(syscall(SYS_io_getevents, (aio_context_t)12345, 1, 1, &ev, NULL) == -1 && errno == EINVAL,
       "io_getevents on a bad context: EINVAL");
    SHOW("random %02x%02x%02x pid %d", back[0], back[1], back[2], getpid());
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
