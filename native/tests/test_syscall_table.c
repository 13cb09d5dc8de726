/*
 * test_syscall_table.c: checks the syscall table (syscall_table.def/.c) and syscall_outputs().
 *
 * The table part checks a sample of rows and the table's shape (every Debian 12 syscall present,
 * names unique, outputs well formed). The outputs part makes real syscalls in this process and
 * asks syscall_outputs(getpid(), ...) what they wrote: process_vm_readv works on oneself, so the
 * msghdr, iovec and socklen_t reads are the real ones. Run from native/tests; exits non-zero on
 * failure and ends with "N passed, M failed".
 */
#include "syscall_table.h"
#include "ioctl_table.h"
#include "record_threads.h"

#include <linux/futex.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>

static int passed, failed_count;

#define CHECK(cond, ...)                                                                        \
    do {                                                                                       \
        if (cond) {                                                                            \
            passed++;                                                                          \
        } else {                                                                               \
            failed_count++;                                                                    \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                        \
            printf(__VA_ARGS__);                                                               \
            printf("\n");                                                                      \
        }                                                                                      \
    } while (0)

#define P(x) ((uint64_t)(uintptr_t)(x))
#define MAXR 32
#define ERESTARTNOHAND_FOR_TEST 514 /* kernel-internal restart code, as a tracer sees it */

/* Calls syscall_outputs on this process and compares with the expected ranges, in any order. */
static void expect(const char *what, long nr, const uint64_t args[6], int64_t res,
                   const struct mem_range *exp, int nexp)
{
    struct mem_range got[MAXR];
    int n = syscall_outputs(getpid(), nr, args, res, got, MAXR);
    CHECK(n == nexp, "%s: %d ranges, expected %d", what, n, nexp);
    for (int i = 0; i < nexp; i++) {
        int found = 0;
        for (int j = 0; j < n; j++)
            if (got[j].addr == exp[i].addr && got[j].len == exp[i].len)
                found = 1;
        CHECK(found, "%s: missing range %d (+%llu bytes)", what, i, (unsigned long long)exp[i].len);
    }
}

#define EXPECT(what, nr, args, res, ...)                                                        \
    do {                                                                                       \
        const struct mem_range exp_[] = { __VA_ARGS__ };                                       \
        expect(what, nr, args, res, exp_, (int)(sizeof exp_ / sizeof exp_[0]));               \
    } while (0)
#define EXPECT_NONE(what, nr, args, res) expect(what, nr, args, res, NULL, 0)

/* ---- the table ------------------------------------------------------------------------------ */

static void check_row(long nr, const char *name, int replay, int special)
{
    const struct syscall_desc *d = syscall_lookup(nr);
    CHECK(d->name && strcmp(d->name, name) == 0, "row %ld is %s, expected %s", nr,
          d->name ? d->name : "(none)", name);
    CHECK(d->replay == replay, "%s: replay %d, expected %d", name, d->replay, replay);
    CHECK(d->special_outputs == special, "%s: special_outputs %d", name, d->special_outputs);
}

static void check_out(long nr, int i, int kind, int arg, int len_arg, uint32_t size)
{
    const struct sc_out *o = &syscall_lookup(nr)->out[i];
    CHECK(o->kind == kind && o->arg == arg && o->len_arg == len_arg && o->size == size,
          "%s out[%d] = {%d, %d, %d, %u}", syscall_name(nr), i, o->kind, o->arg, o->len_arg,
          o->size);
}

static void test_rows(void)
{
    check_row(SYS_read, "read", SC_EMULATE, 0);
    check_out(SYS_read, 0, OUT_RESULT, 1, 0, 0);
    check_out(SYS_read, 1, 0, 0, 0, 0);
    check_row(SYS_write, "write", SC_EMULATE, 0);
    check_out(SYS_write, 0, 0, 0, 0, 0);
    check_row(SYS_fstat, "fstat", SC_EMULATE, 0);
    check_out(SYS_fstat, 0, OUT_FIXED, 1, 0, 144);
    check_out(SYS_statx, 0, OUT_FIXED, 4, 0, 256);
    check_out(SYS_epoll_wait, 0, OUT_RESULT_TIMES, 1, 0, 12);
    check_out(SYS_poll, 0, OUT_ARG_TIMES, 0, 1, 8);
    check_out(SYS_accept, 0, OUT_LENPTR, 1, 2, 0);
    check_out(SYS_accept, 1, OUT_FIXED, 2, 0, 4);
    check_out(SYS_readv, 0, OUT_IOV_RESULT, 1, 2, 0);
    check_out(SYS_select, 2, OUT_FDSET, 3, 0, 0);
    check_out(SYS_getresuid, 2, OUT_FIXED, 2, 0, 4);

    static const char *real[] = { "mprotect", "munmap", "madvise", "rt_sigaction",
                                  "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
                                  "pkey_mprotect", "exit", "mseal" };
    static const char *special[] = { "mmap", "mremap", "brk", "arch_prctl", "execve", "execveat",
                                     "clone", "clone3", "fork", "vfork", "exit_group", "rseq",
                                     "shmat", "shmdt", "prctl", "set_tid_address" };
    static const char *refused[] = { "bpf", "userfaultfd", "io_uring_setup", "io_uring_enter",
                                     "io_uring_register", "io_setup", "remap_file_pages" };
    int nreal = 0, nspecial = 0;
    for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
        const struct syscall_desc *d = syscall_lookup(nr);
        if (!d->name)
            continue;
        int want = SC_EMULATE;
        for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
            if (strcmp(d->name, refused[i]) == 0)
                want = SC_REFUSED;
        for (size_t i = 0; i < sizeof real / sizeof real[0]; i++)
            if (strcmp(d->name, real[i]) == 0)
                want = SC_REAL, nreal++;
        for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
            if (strcmp(d->name, special[i]) == 0)
                want = SC_SPECIAL, nspecial++;
        if (strcmp(d->name, "pkey_alloc") == 0 || strcmp(d->name, "pkey_free") == 0)
            want = SC_REAL; /* the keys pkey_mprotect uses must exist in replay */
        CHECK(d->replay == want, "%s: replay %d, expected %d", d->name, d->replay, want);
    }
    CHECK(nreal == (int)(sizeof real / sizeof real[0]), "REAL rows found: %d", nreal);
    CHECK(nspecial == (int)(sizeof special / sizeof special[0]), "SPECIAL rows found: %d", nspecial);
    check_row(SYS_ioctl, "ioctl", SC_EMULATE, 1);
    check_row(SYS_fcntl, "fcntl", SC_EMULATE, 1);
    check_row(SYS_recvmsg, "recvmsg", SC_EMULATE, 1);
    check_row(SYS_process_vm_writev, "process_vm_writev", SC_EMULATE, 1);
    check_row(SYS_prctl, "prctl", SC_SPECIAL, 1);
    check_row(SYS_io_uring_setup, "io_uring_setup", SC_REFUSED, 0);
    check_row(SYS_io_setup, "io_setup", SC_REFUSED, 0);
    check_row(451, "cachestat", SC_EMULATE, 0);
    check_out(451, 0, OUT_FIXED, 2, 0, 40);
    check_row(462, "mseal", SC_REAL, 0);
    CHECK(syscall_name(453) == NULL, "map_shadow_stack has a row, but its effects are not described");
    CHECK(syscall_name(464) == NULL, "getxattrat has a row, but its effects are not described");

    CHECK(syscall_name(0) && strcmp(syscall_name(0), "read") == 0, "syscall_name(0)");
    CHECK(syscall_name(335) == NULL, "syscall_name(335) is not NULL");
    CHECK(syscall_name(-1) == NULL, "syscall_name(-1) is not NULL");
    CHECK(syscall_name(100000) == NULL, "syscall_name(100000) is not NULL");
    CHECK(syscall_lookup(SYSCALL_TABLE_SIZE)->name == NULL, "lookup past the table");
}

static void test_table_shape(void)
{
    int rows = 0;
    for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
        const struct syscall_desc *d = syscall_lookup(nr);
        int expected = (nr <= 334) || (nr >= 424 && nr <= 469 && nr != 453 && nr != 464);
        CHECK(!!d->name == expected, "syscall %ld: present %d, expected %d", nr, !!d->name,
              expected);
        if (!d->name)
            continue;
        rows++;
        for (long other = 0; other < nr; other++) {
            const char *n2 = syscall_name(other);
            if (n2 && strcmp(n2, d->name) == 0)
                CHECK(0, "name %s used by %ld and %ld", d->name, other, nr);
        }
        CHECK(d->replay >= SC_EMULATE && d->replay <= SC_REFUSED, "%s: replay", d->name);
        CHECK(d->special_outputs <= 1, "%s: special_outputs", d->name);
        CHECK(d->block >= SC_BLOCK_NO && d->block <= SC_BLOCK_PIPE_EITHER_END, "%s: block %d",
              d->name, d->block);
        int ended = 0;
        for (int i = 0; i < SC_MAX_OUT; i++) {
            const struct sc_out *o = &d->out[i];
            if (o->kind == 0) {
                ended = 1;
                continue;
            }
            CHECK(!ended, "%s: output %d after the end of the list", d->name, i);
            CHECK(o->kind >= OUT_FIXED && o->kind <= OUT_FDSET, "%s: kind %d", d->name, o->kind);
            CHECK(o->arg < 6 && o->len_arg < 6, "%s: argument index", d->name);
            int sized = o->kind == OUT_FIXED || o->kind == OUT_RESULT_TIMES ||
                        o->kind == OUT_ARG_TIMES;
            CHECK(sized == (o->size != 0), "%s: size %u for kind %d", d->name, o->size, o->kind);
        }
    }
    CHECK(rows == 362 + 17, "%d rows, expected 379 (Debian 12's 362 and 17 newer)", rows);
}

/* ---- the block column: which syscalls the recorder lets wait while other threads run ---- */

/* The rows that may block, with how to tell (every other row is SC_BLOCK_NO). */
static const struct { const char *name; int block; } blocking_rows[] = {
    {"futex", SC_BLOCK_FUTEX_OP}, {"futex_waitv", SC_BLOCK_YES}, {"futex_wait", SC_BLOCK_YES},
    {"read", SC_BLOCK_UNLESS_FILE}, {"readv", SC_BLOCK_UNLESS_FILE},
    {"recvfrom", SC_BLOCK_UNLESS_FILE}, {"recvmsg", SC_BLOCK_UNLESS_FILE},
    {"recvmmsg", SC_BLOCK_UNLESS_FILE}, {"write", SC_BLOCK_PIPE_OR_SOCKET},
    {"writev", SC_BLOCK_PIPE_OR_SOCKET}, {"pwritev2", SC_BLOCK_PIPE_OR_SOCKET},
    {"sendto", SC_BLOCK_PIPE_OR_SOCKET}, {"sendmsg", SC_BLOCK_PIPE_OR_SOCKET},
    {"sendmmsg", SC_BLOCK_PIPE_OR_SOCKET}, {"poll", SC_BLOCK_YES}, {"ppoll", SC_BLOCK_YES},
    {"select", SC_BLOCK_YES}, {"pselect6", SC_BLOCK_YES}, {"epoll_wait", SC_BLOCK_YES},
    {"epoll_pwait", SC_BLOCK_YES}, {"epoll_pwait2", SC_BLOCK_YES}, {"nanosleep", SC_BLOCK_YES},
    {"clock_nanosleep", SC_BLOCK_YES}, {"wait4", SC_BLOCK_YES}, {"waitid", SC_BLOCK_YES},
    {"accept", SC_BLOCK_YES}, {"accept4", SC_BLOCK_YES}, {"connect", SC_BLOCK_YES},
    {"pause", SC_BLOCK_YES}, {"rt_sigsuspend", SC_BLOCK_YES}, {"rt_sigtimedwait", SC_BLOCK_YES},
    {"msgrcv", SC_BLOCK_YES}, {"msgsnd", SC_BLOCK_YES}, {"semop", SC_BLOCK_YES},
    {"semtimedop", SC_BLOCK_YES}, {"mq_timedsend", SC_BLOCK_YES},
    {"mq_timedreceive", SC_BLOCK_YES}, {"open_by_handle_at", SC_BLOCK_YES},
    {"restart_syscall", SC_BLOCK_YES}, {"preadv2", SC_BLOCK_UNLESS_FILE},
    {"vmsplice", SC_BLOCK_PIPE_OR_SOCKET}, {"fcntl", SC_BLOCK_LOCK_WAIT},
    {"flock", SC_BLOCK_LOCK_WAIT}, {"open", SC_BLOCK_OPEN_FIFO}, {"creat", SC_BLOCK_OPEN_FIFO},
    {"openat", SC_BLOCK_OPEN_FIFO}, {"openat2", SC_BLOCK_OPEN_FIFO},
    {"splice", SC_BLOCK_PIPE_EITHER_END}, {"tee", SC_BLOCK_PIPE_EITHER_END},
    {"sendfile", SC_BLOCK_PIPE_EITHER_END},
};

/* LOCK_WAIT, OPEN_FIFO and PIPE_EITHER_END rows: the arguments (and what a path names) decide. */
static void test_block_arguments_new(pid_t me, const int p[2], int file)
{
    uint64_t setlkw[6] = {(uint64_t)file, F_SETLKW}, ofd_setlkw[6] = {(uint64_t)file, F_OFD_SETLKW};
    uint64_t setlk[6] = {(uint64_t)file, F_SETLK}, getfl[6] = {(uint64_t)file, F_GETFL};
    CHECK(syscall_may_block(me, SYS_fcntl, setlkw), "F_SETLKW may block");
    CHECK(syscall_may_block(me, SYS_fcntl, ofd_setlkw), "F_OFD_SETLKW may block");
    CHECK(!syscall_may_block(me, SYS_fcntl, setlk), "F_SETLK does not block");
    CHECK(!syscall_may_block(me, SYS_fcntl, getfl), "F_GETFL does not block");
    uint64_t lock_ex[6] = {(uint64_t)file, LOCK_EX}, lock_nb[6] = {(uint64_t)file, LOCK_EX | LOCK_NB};
    CHECK(syscall_may_block(me, SYS_flock, lock_ex), "flock(LOCK_EX) may block");
    CHECK(!syscall_may_block(me, SYS_flock, lock_nb), "flock(LOCK_EX | LOCK_NB) does not block");

    char dir[] = "/tmp/rewind-test-block-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    char fifo[64], reg[64];
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    snprintf(reg, sizeof reg, "%s/file", dir);
    CHECK(mkfifo(fifo, 0600) == 0, "mkfifo");
    int fd = open(reg, O_CREAT | O_WRONLY, 0600);
    close(fd);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    uint64_t open_rd[6] = {P(fifo), O_RDONLY}, open_wr[6] = {P(fifo), O_WRONLY};
    uint64_t open_rdwr[6] = {P(fifo), O_RDWR}, open_nb[6] = {P(fifo), O_RDONLY | O_NONBLOCK};
    uint64_t open_reg[6] = {P(reg), O_RDONLY}, open_new[6] = {P("/tmp/rewind-no-such/x"), O_RDONLY};
    uint64_t openat_rd[6] = {(uint64_t)dfd, P("fifo"), O_RDONLY};
    uint64_t openat_reg[6] = {(uint64_t)dfd, P("file"), O_RDONLY};
    uint64_t creat_fifo[6] = {P(fifo), 0600};
    CHECK(syscall_may_block(me, SYS_open, open_rd), "open of a FIFO for reading may block");
    CHECK(syscall_may_block(me, SYS_open, open_wr), "open of a FIFO for writing may block");
    CHECK(!syscall_may_block(me, SYS_open, open_rdwr), "open of a FIFO O_RDWR does not block");
    CHECK(!syscall_may_block(me, SYS_open, open_nb), "open of a FIFO O_NONBLOCK does not block");
    CHECK(!syscall_may_block(me, SYS_open, open_reg), "open of a file does not block");
    CHECK(!syscall_may_block(me, SYS_open, open_new), "open of a missing path does not block");
    CHECK(syscall_may_block(me, SYS_openat, openat_rd), "openat of a FIFO may block");
    CHECK(!syscall_may_block(me, SYS_openat, openat_reg), "openat of a file does not block");
    CHECK(syscall_may_block(me, SYS_creat, creat_fifo), "creat of a FIFO may block");
    close(dfd);
    unlink(fifo);
    unlink(reg);
    rmdir(dir);

    uint64_t splice_in[6] = {(uint64_t)file, 0, (uint64_t)p[1]};
    uint64_t splice_out[6] = {(uint64_t)p[0], 0, (uint64_t)file};
    uint64_t splice_files[6] = {(uint64_t)file, 0, (uint64_t)file};
    uint64_t sendfile_pipe[6] = {(uint64_t)p[1], (uint64_t)file};
    uint64_t sendfile_file[6] = {(uint64_t)file, (uint64_t)file};
    CHECK(syscall_may_block(me, SYS_splice, splice_in), "splice into a pipe may block");
    CHECK(syscall_may_block(me, SYS_splice, splice_out), "splice out of a pipe may block");
    CHECK(!syscall_may_block(me, SYS_splice, splice_files), "splice between files does not block");
    CHECK(syscall_may_block(me, SYS_sendfile, sendfile_pipe), "sendfile into a pipe may block");
    CHECK(!syscall_may_block(me, SYS_sendfile, sendfile_file), "sendfile to a file does not block");
    uint64_t on_pipe[6] = {(uint64_t)p[0]}, none[6] = {0};
    CHECK(syscall_may_block(me, SYS_preadv2, on_pipe), "preadv2 of a pipe may block");
    CHECK(syscall_may_block(me, SYS_msgsnd, none), "msgsnd may block");
    CHECK(syscall_may_block(me, SYS_mq_timedreceive, none), "mq_timedreceive may block");
}

static void test_block_column(void)
{
    size_t n = sizeof blocking_rows / sizeof blocking_rows[0];
    for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
        const struct syscall_desc *d = syscall_lookup(nr);
        if (!d->name)
            continue;
        int expected = SC_BLOCK_NO;
        for (size_t i = 0; i < n; i++)
            if (strcmp(blocking_rows[i].name, d->name) == 0)
                expected = blocking_rows[i].block;
        CHECK(d->block == expected, "%s: block %d, expected %d", d->name, d->block, expected);
    }
    /* the arguments decide for FUTEX_OP, UNLESS_FILE and PIPE_OR_SOCKET rows */
    int p[2];
    CHECK(pipe(p) == 0, "pipe");
    int file = open("/proc/self/exe", O_RDONLY);
    uint64_t on_pipe[6] = {(uint64_t)p[0]}, on_wpipe[6] = {(uint64_t)p[1]};
    uint64_t on_file[6] = {(uint64_t)file};
    pid_t me = getpid();
    CHECK(syscall_may_block(me, SYS_read, on_pipe), "read of a pipe may block");
    CHECK(!syscall_may_block(me, SYS_read, on_file), "read of a file does not block");
    CHECK(syscall_may_block(me, SYS_write, on_wpipe), "write to a pipe may block");
    CHECK(!syscall_may_block(me, SYS_write, on_file), "write to a file does not block");
    uint64_t fwait[6] = {0, FUTEX_WAIT_PRIVATE}, fwake[6] = {0, FUTEX_WAKE_PRIVATE};
    CHECK(syscall_may_block(me, SYS_futex, fwait), "FUTEX_WAIT may block");
    CHECK(!syscall_may_block(me, SYS_futex, fwake), "FUTEX_WAKE does not block");
    uint64_t none[6] = {0};
    CHECK(syscall_may_block(me, SYS_nanosleep, none), "nanosleep may block");
    CHECK(!syscall_may_block(me, SYS_getpid, none), "getpid does not block");
    CHECK(!syscall_may_block(me, 335, none), "a number without a row does not block");
    CHECK(!syscall_may_block(me, -1, none), "-1 does not block");
    test_block_arguments_new(me, p, file);
    close(p[0]);
    close(p[1]);
    close(file);
}

/* ---- outputs of real syscalls ----------------------------------------------------------- */

static void test_readv(void)
{
    int p[2];
    char a[10], b[100], data[30];
    memset(data, 'x', sizeof data);
    CHECK(pipe(p) == 0 && write(p[1], data, 30) == 30, "pipe");
    struct iovec iov[2] = { { a, sizeof a }, { b, sizeof b } };
    ssize_t r = readv(p[0], iov, 2);
    CHECK(r == 30, "readv returned %zd", r);
    uint64_t args[6] = { (uint64_t)p[0], P(iov), 2 };
    EXPECT("readv", SYS_readv, args, r, { P(a), 10 }, { P(b), 20 });
    EXPECT_NONE("readv EAGAIN", SYS_readv, args, -EAGAIN);
    EXPECT_NONE("readv EOF", SYS_readv, args, 0);

    struct mem_range one[1];
    CHECK(syscall_outputs(getpid(), SYS_readv, args, r, one, 1) == -1, "overflow is not -1");
    close(p[0]);
    close(p[1]);
}

/* process_vm_writev writes the remote iovecs only when the target is the program itself. */
static void test_process_vm_writev(void)
{
    char src[40], x[16], y[64];
    memset(src, 's', sizeof src);
    struct iovec local = { src, sizeof src }, remote[2] = { { x, sizeof x }, { y, sizeof y } };
    ssize_t r = process_vm_writev(getpid(), &local, 1, remote, 2, 0);
    CHECK(r == 40, "process_vm_writev returned %zd", r);
    uint64_t args[6] = { (uint64_t)getpid(), P(&local), 1, P(remote), 2, 0 };
    EXPECT("process_vm_writev to itself", SYS_process_vm_writev, args, r, { P(x), 16 }, { P(y), 24 });
    EXPECT_NONE("process_vm_writev failed", SYS_process_vm_writev, args, -EFAULT);
    args[0] = (uint64_t)getppid();
    EXPECT_NONE("process_vm_writev to another process", SYS_process_vm_writev, args, r);
}

/* Two datagram sockets bound to abstract names, so received messages carry a source address. */
static int bound_socket(int type, const char *tag, struct sockaddr_un *sa, socklen_t *len)
{
    int s = socket(AF_UNIX, type, 0);
    memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    int n = snprintf(sa->sun_path + 1, sizeof sa->sun_path - 1, "rewind-test-%s-%d", tag, getpid());
    *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
    CHECK(s >= 0 && bind(s, (struct sockaddr *)sa, *len) == 0, "bind %s: %s", tag, strerror(errno));
    return s;
}

static void test_recvmsg(void)
{
    struct sockaddr_un sa, sb;
    socklen_t la, lb;
    int a = bound_socket(SOCK_DGRAM, "a", &sa, &la);
    int b = bound_socket(SOCK_DGRAM, "b", &sb, &lb);

    /* b sends 25 bytes and a file descriptor to a */
    char data[25];
    memset(data, 'd', sizeof data);
    struct iovec siov = { data, sizeof data };
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } sctl;
    memset(&sctl, 0, sizeof sctl);
    struct msghdr sm = { .msg_name = &sa, .msg_namelen = la, .msg_iov = &siov, .msg_iovlen = 1,
                         .msg_control = sctl.buf, .msg_controllen = sizeof sctl.buf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&sm);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    int fd0 = 0;
    memcpy(CMSG_DATA(c), &fd0, sizeof fd0);
    CHECK(sendmsg(b, &sm, 0) == 25, "sendmsg: %s", strerror(errno));

    char name[128], ctl[64], x[10], y[100];
    struct iovec riov[2] = { { x, sizeof x }, { y, sizeof y } };
    struct msghdr m = { .msg_name = name, .msg_namelen = sizeof name, .msg_iov = riov,
                        .msg_iovlen = 2, .msg_control = ctl, .msg_controllen = sizeof ctl };
    ssize_t r = recvmsg(a, &m, 0);
    CHECK(r == 25, "recvmsg returned %zd", r);
    CHECK(m.msg_namelen == lb && m.msg_controllen == CMSG_SPACE(sizeof(int)),
          "recvmsg namelen %u controllen %zu", m.msg_namelen, (size_t)m.msg_controllen);
    uint64_t args[6] = { (uint64_t)a, P(&m), 0 };
    EXPECT("recvmsg", SYS_recvmsg, args, r,
           { P(&m.msg_namelen), 4 }, { P(&m.msg_controllen), 12 }, { P(name), lb },
           { P(ctl), CMSG_SPACE(sizeof(int)) }, { P(x), 10 }, { P(y), 15 });
    EXPECT_NONE("recvmsg EAGAIN", SYS_recvmsg, args, -EAGAIN);
    int passed_fd;
    memcpy(&passed_fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof passed_fd);
    close(passed_fd);

    /* recvmmsg: two datagrams into two mmsghdrs */
    CHECK(sendto(b, "12345", 5, 0, (struct sockaddr *)&sa, la) == 5, "sendto");
    CHECK(sendto(b, "1234567", 7, 0, (struct sockaddr *)&sa, la) == 7, "sendto");
    char d0[16], d1[16];
    struct iovec v0 = { d0, sizeof d0 }, v1 = { d1, sizeof d1 };
    struct mmsghdr mm[2];
    memset(mm, 0, sizeof mm);
    mm[0].msg_hdr.msg_iov = &v0;
    mm[0].msg_hdr.msg_iovlen = 1;
    mm[1].msg_hdr.msg_iov = &v1;
    mm[1].msg_hdr.msg_iovlen = 1;
    int n = recvmmsg(a, mm, 2, MSG_DONTWAIT, NULL);
    CHECK(n == 2, "recvmmsg returned %d", n);
    uint64_t margs[6] = { (uint64_t)a, P(mm), 2, MSG_DONTWAIT, 0 };
    EXPECT("recvmmsg", SYS_recvmmsg, margs, n,
           { P(&mm[0].msg_len), 4 }, { P(&mm[0].msg_hdr.msg_namelen), 4 },
           { P(&mm[0].msg_hdr.msg_controllen), 12 }, { P(d0), 5 },
           { P(&mm[1].msg_len), 4 }, { P(&mm[1].msg_hdr.msg_namelen), 4 },
           { P(&mm[1].msg_hdr.msg_controllen), 12 }, { P(d1), 7 });

    /* sendmmsg writes only msg_len */
    EXPECT("sendmmsg", SYS_sendmmsg, margs, 2, { P(&mm[0].msg_len), 4 }, { P(&mm[1].msg_len), 4 });

    /* recvfrom: data (capped at len), source address, its length */
    CHECK(sendto(b, "abc", 3, 0, (struct sockaddr *)&sa, la) == 3, "sendto");
    char from[128], buf[2];
    socklen_t fromlen = sizeof from;
    ssize_t rf = recvfrom(a, buf, sizeof buf, MSG_TRUNC, (struct sockaddr *)from, &fromlen);
    CHECK(rf == 3 && fromlen == lb, "recvfrom returned %zd, fromlen %u", rf, fromlen);
    uint64_t rargs[6] = { (uint64_t)a, P(buf), sizeof buf, MSG_TRUNC, P(from), P(&fromlen) };
    EXPECT("recvfrom", SYS_recvfrom, rargs, rf, { P(buf), 2 }, { P(from), lb }, { P(&fromlen), 4 });
    close(a);
    close(b);
}

static void test_accept_getsockopt(void)
{
    struct sockaddr_un sl, sc;
    socklen_t ll, lc;
    int l = bound_socket(SOCK_STREAM, "l", &sl, &ll);
    int c = bound_socket(SOCK_STREAM, "c", &sc, &lc);
    CHECK(listen(l, 1) == 0 && connect(c, (struct sockaddr *)&sl, ll) == 0, "connect");
    struct sockaddr_un peer;
    socklen_t plen = sizeof peer;
    int s = accept(l, (struct sockaddr *)&peer, &plen);
    CHECK(s >= 0 && plen == lc, "accept returned %d, addrlen %u", s, plen);
    uint64_t args[6] = { (uint64_t)l, P(&peer), P(&plen) };
    EXPECT("accept", SYS_accept, args, s, { P(&peer), lc }, { P(&plen), 4 });
    uint64_t nulls[6] = { (uint64_t)l, 0, 0 };
    EXPECT_NONE("accept NULL", SYS_accept, nulls, s);

    int type;
    socklen_t tlen = sizeof type;
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &tlen) == 0 && tlen == 4, "getsockopt");
    uint64_t gargs[6] = { (uint64_t)s, SOL_SOCKET, SO_TYPE, P(&type), P(&tlen) };
    EXPECT("getsockopt", SYS_getsockopt, gargs, 0, { P(&type), 4 }, { P(&tlen), 4 });
    EXPECT("getsockopt ERANGE", SYS_getsockopt, gargs, -ERANGE, { P(&tlen), 4 });
    close(s);
    close(c);
    close(l);
}

static void test_select_poll(void)
{
    int p[2];
    CHECK(pipe(p) == 0 && write(p[1], "z", 1) == 1, "pipe");
    fd_set rfds;
    FD_ZERO(&rfds);
    FD_SET(p[0], &rfds);
    struct timeval tv = { 5, 0 };
    int r = select(p[0] + 1, &rfds, NULL, NULL, &tv);
    CHECK(r == 1, "select returned %d", r);
    uint64_t args[6] = { (uint64_t)(p[0] + 1), P(&rfds), 0, 0, P(&tv) };
    uint64_t setbytes = (uint64_t)(p[0] + 1 + 63) / 64 * 8;
    EXPECT("select", SYS_select, args, r, { P(&rfds), setbytes }, { P(&tv), 16 });
    EXPECT("select EINTR", SYS_select, args, -ERESTARTNOHAND_FOR_TEST, { P(&tv), 16 });

    struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    r = poll(fds, 2, 1000);
    CHECK(r == 2, "poll returned %d", r);
    uint64_t pargs[6] = { P(fds), 2, 1000 };
    EXPECT("poll", SYS_poll, pargs, r, { P(fds), 16 });
    EXPECT("poll EINTR", SYS_poll, pargs, -EINTR, { P(fds), 16 });
    EXPECT_NONE("poll EINVAL", SYS_poll, pargs, -EINVAL);
    close(p[0]);
    close(p[1]);
}

static void test_ioctl_fcntl(void)
{
    struct termios t;
    struct winsize ws;
    unsigned int ptn;
    uint64_t args[6] = { 0, TCGETS, P(&t) };
    EXPECT("ioctl TCGETS", SYS_ioctl, args, 0, { P(&t), 36 });
    EXPECT_NONE("ioctl TCGETS ENOTTY", SYS_ioctl, args, -ENOTTY);
    args[1] = TIOCGWINSZ, args[2] = P(&ws);
    EXPECT("ioctl TIOCGWINSZ", SYS_ioctl, args, 0, { P(&ws), 8 });
    args[1] = TIOCGPTN, args[2] = P(&ptn); /* _IOR: size from the request number */
    EXPECT("ioctl TIOCGPTN", SYS_ioctl, args, 0, { P(&ptn), 4 });
    args[1] = TIOCSPTLCK; /* _IOW: reads only */
    EXPECT_NONE("ioctl TIOCSPTLCK", SYS_ioctl, args, 0);
    args[1] = FIONBIO;
    EXPECT_NONE("ioctl FIONBIO", SYS_ioctl, args, 0);

    /* a real TCGETS on a pseudo-terminal, when the machine has them */
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m >= 0) {
        int r = ioctl(m, TCGETS, &t);
        uint64_t targs[6] = { (uint64_t)m, TCGETS, P(&t) };
        EXPECT("ioctl TCGETS (pty)", SYS_ioctl, targs, r, { P(&t), 36 });
        close(m);
    }

    char path[] = "/tmp/rewind-test-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    unlink(path);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    CHECK(sizeof fl == 32, "sizeof(struct flock) = %zu", sizeof fl);
    int r = fcntl(fd, F_GETLK, &fl);
    CHECK(r == 0 && fl.l_type == F_UNLCK, "fcntl F_GETLK");
    uint64_t fargs[6] = { (uint64_t)fd, F_GETLK, P(&fl) };
    EXPECT("fcntl F_GETLK", SYS_fcntl, fargs, r, { P(&fl), 32 });
    fargs[1] = F_OFD_GETLK;
    EXPECT("fcntl F_OFD_GETLK", SYS_fcntl, fargs, 0, { P(&fl), 32 });
    fargs[1] = F_GETOWN_EX;
    EXPECT("fcntl F_GETOWN_EX", SYS_fcntl, fargs, 0, { P(&fl), 8 });
    fargs[1] = F_SETFL;
    EXPECT_NONE("fcntl F_SETFL", SYS_fcntl, fargs, 0);
    fargs[1] = F_GETLK;
    EXPECT_NONE("fcntl F_GETLK EBADF", SYS_fcntl, fargs, -EBADF);

    struct stat st;
    r = fstat(fd, &st);
    uint64_t sargs[6] = { (uint64_t)fd, P(&st) };
    EXPECT("fstat", SYS_fstat, sargs, r, { P(&st), 144 });
    EXPECT_NONE("fstat EBADF", SYS_fstat, sargs, -EBADF);
    close(fd);
}

static void test_wait_sleep_misc(void)
{
    int status;
    struct rusage ru;
    pid_t child = fork();
    if (child == 0)
        _exit(3);
    pid_t w = wait4(child, &status, 0, &ru);
    CHECK(w == child && WIFEXITED(status) && WEXITSTATUS(status) == 3, "wait4");
    uint64_t args[6] = { (uint64_t)child, P(&status), 0, P(&ru) };
    EXPECT("wait4", SYS_wait4, args, w, { P(&status), 4 }, { P(&ru), 144 });
    EXPECT_NONE("wait4 WNOHANG", SYS_wait4, args, 0);

    siginfo_t si;
    child = fork();
    if (child == 0)
        _exit(4);
    long r = syscall(SYS_waitid, P_PID, child, &si, WEXITED, &ru);
    CHECK(r == 0 && si.si_signo == SIGCHLD && si.si_status == 4, "waitid");
    uint64_t wargs[6] = { P_PID, (uint64_t)child, P(&si), WEXITED, P(&ru) };
    EXPECT("waitid", SYS_waitid, wargs, r, { P(&si), 128 }, { P(&ru), 144 });
    EXPECT("waitid ECHILD", SYS_waitid, wargs, -ECHILD, { P(&si), 128 });

    struct timespec req = { 0, 1 }, rem;
    uint64_t nargs[6] = { P(&req), P(&rem) };
    EXPECT_NONE("nanosleep", SYS_nanosleep, nargs, 0);
    EXPECT("nanosleep EINTR", SYS_nanosleep, nargs, -EINTR, { P(&rem), 16 });
    EXPECT("nanosleep restart", SYS_nanosleep, nargs, -516, { P(&rem), 16 });

    char name[16];
    r = prctl(PR_GET_NAME, name);
    uint64_t pargs[6] = { PR_GET_NAME, P(name) };
    EXPECT("prctl PR_GET_NAME", SYS_prctl, pargs, r, { P(name), 16 });
    pargs[0] = PR_SET_NAME;
    EXPECT_NONE("prctl PR_SET_NAME", SYS_prctl, pargs, 0);

    int fds[2];
    uint64_t sargs[6] = { AF_UNIX, SOCK_STREAM, 0, P(fds) };
    EXPECT("socketpair", SYS_socketpair, sargs, 0, { P(fds), 8 });

    gid_t groups[64];
    int ng = getgroups(64, groups);
    uint64_t gargs[6] = { 64, P(groups) };
    if (ng > 0)
        EXPECT("getgroups", SYS_getgroups, gargs, ng, { P(groups), (uint64_t)ng * 4 });

    uint64_t none[6] = { 0 };
    EXPECT_NONE("unknown syscall", 400, none, 0);
    EXPECT_NONE("getdents64 end", SYS_getdents64, none, 0);
}

/* The ioctl table: legacy requests need a row to be recorded; encoded ones are known by their
 * numbers; rows give the sizes syscall_outputs uses. */
static void test_ioctl_table(void)
{
    CHECK(ioctl_recordable(TCGETS) && ioctl_lookup(TCGETS)->size == 36, "TCGETS");
    CHECK(ioctl_recordable(TCSETS) && ioctl_lookup(TCSETS)->size == 0, "TCSETS writes nothing");
    CHECK(ioctl_recordable(FIONREAD), "FIONREAD");
    CHECK(!ioctl_recordable(0x54ff), "an unknown terminal request is refused");
    CHECK(!ioctl_recordable(0x89f0), "SIOCDEVPRIVATE is refused");
    CHECK(!ioctl_recordable(0x2285), "SG_IO is refused");
    CHECK(!ioctl_recordable(0x8946), "SIOCETHTOOL is refused");
    CHECK(ioctl_recordable(TIOCGPTN), "an encoded read (TIOCGPTN) is known by its number");
    CHECK(ioctl_recordable(0x6601), "an encoded request of another space (_IO('f', 1))");
    CHECK(ioctl_lookup(0x4C05) && ioctl_lookup(0x4C05)->size == 232, "LOOP_GET_STATUS64");
    for (uint32_t req = 0x5400; req < 0x5480; req++) {
        const struct ioctl_desc *d = ioctl_lookup(req);
        CHECK(!d || (d->name && d->size <= 4096), "row %#x", req);
    }
    uint64_t a[6] = { 3, TIOCGWINSZ, 0x1000, 0, 0, 0 };
    EXPECT("ioctl TIOCGWINSZ from the table", SYS_ioctl, a, 0, { 0x1000, 8 });
    a[1] = 0x54ff;
    EXPECT_NONE("ioctl of an unknown request", SYS_ioctl, a, 0);
}

int main(void)
{
    test_ioctl_table();
    test_rows();
    test_table_shape();
    test_block_column();
    test_readv();
    test_process_vm_writev();
    test_recvmsg();
    test_accept_getsockopt();
    test_select_poll();
    test_ioctl_fcntl();
    test_wait_sleep_misc();
    printf("%d passed, %d failed\n", passed, failed_count);
    return failed_count ? 1 : 0;
}
