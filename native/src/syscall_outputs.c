/*
 * syscall_outputs.c: which tracee memory a finished syscall wrote.
 *
 * The recorder calls syscall_outputs() at every syscall exit, then copies the returned ranges out
 * of the tracee into the trace; replay writes them back instead of running the syscall. Most rows
 * of syscall_table.def describe their outputs with a fixed shape (a pointer argument and a size
 * that is a constant, an argument, the result, or a socklen_t the call updated): generic_outputs()
 * interprets those. The rows marked special_outputs need code, because what they write depends on
 * an argument's value (ioctl and fcntl requests, prctl options), on structures in the tracee
 * (recvmsg's msghdr and its iovecs) or because the kernel also writes on failure (poll's revents
 * and select's timeout when interrupted, waitid's siginfo): special_outputs() below, one small
 * function per syscall. The handlers add to the row's generic outputs; they never remove any.
 *
 * Principle: a range may be larger than what the kernel actually wrote (the extra bytes are
 * recorded with the values the program already had, so replaying them changes nothing), but it
 * must never miss a byte the kernel wrote. Tracee memory is read with process_vm_readv, falling
 * back to /proc/PID/mem for pages the tracee itself cannot read.
 */
#include "syscall_table.h"
#include "ioctl_table.h"
#include "maps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/quota.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/dqblk_xfs.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/keyctl.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>

/* Kernel-internal restart codes a tracer sees at syscall exit (include/linux/errno.h). */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

/* Values newer than Debian 12's headers (from the current kernel uapi). */
#ifndef PR_GET_AUXV
#define PR_GET_AUXV 0x41555856
#endif
#ifndef ARCH_GET_UNTAG_MASK
#define ARCH_GET_UNTAG_MASK 0x4001
#endif
#ifndef ARCH_GET_MAX_TAG_BITS
#define ARCH_GET_MAX_TAG_BITS 0x4003
#endif
#ifndef ARCH_SHSTK_STATUS
#define ARCH_SHSTK_STATUS 0x5005
#endif
#ifndef AT_HANDLE_MNT_ID_UNIQUE
#define AT_HANDLE_MNT_ID_UNIQUE 0x001
#endif
#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif
#define SYSLOG_ACTION_READ 2 /* <sys/klog.h> does not name them */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define IPC_64_FLAG 0x0100   /* IPC_64, or-ed into *ctl commands by some libcs */
#define UIO_MAXIOV_ 1024     /* the kernel refuses longer iovec arrays */
#define MMSGHDR_SIZE 64      /* struct mmsghdr: msghdr (56) + msg_len (4) + padding */
#define MMSG_LEN_OFF 56
#define PAGE 4096

/* ---- the list being filled ---------------------------------------------------------------- */

struct outs {
    struct mem_range *r;
    int n, max, overflow;
};

static void add(struct outs *o, uint64_t addr, uint64_t len)
{
    if (addr == 0 || len == 0)
        return;
    if (o->n == o->max) {
        o->overflow = 1;
        return;
    }
    o->r[o->n].addr = addr;
    o->r[o->n].len = len;
    o->n++;
}

static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* The kernel's error convention: -4095..-1 is a failure, anything else a value. */
static int failed(int64_t res) { return res < 0 && res >= -4095; }

/* Interrupted by a signal, possibly to be restarted: some syscalls still wrote their outputs. */
static int interrupted(int64_t res)
{
    return res == -EINTR || res == -ERESTARTSYS || res == -ERESTARTNOINTR ||
           res == -ERESTARTNOHAND || res == -ERESTART_RESTARTBLOCK;
}

/* ---- reading the tracee ------------------------------------------------------------------- */

static int read_mem(int pid, uint64_t addr, void *buf, size_t len)
{
    struct iovec local = { buf, len };
    struct iovec remote = { (void *)(uintptr_t)addr, len };
    if (process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)len)
        return 0;
    /* process_vm_readv refuses pages the tracee cannot read itself; /proc/PID/mem does not. */
    char path[40];
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = pread(fd, buf, len, (off_t)addr);
    close(fd);
    return n == (ssize_t)len ? 0 : -1;
}

static int read_u32(int pid, uint64_t addr, uint32_t *v) { return read_mem(pid, addr, v, 4); }
static int read_u64(int pid, uint64_t addr, uint64_t *v) { return read_mem(pid, addr, v, 8); }

/* Length of the NUL-terminated string at addr including the NUL (at most max), or 0. Reads page
 * by page so a string ending just before an unmapped page is still found. */
static uint64_t string_len(int pid, uint64_t addr, uint64_t max)
{
    char buf[PAGE];
    uint64_t done = 0;
    while (done < max) {
        uint64_t chunk = min_u64(PAGE - ((addr + done) % PAGE), max - done);
        if (read_mem(pid, addr + done, buf, chunk) != 0)
            return 0;
        char *nul = memchr(buf, 0, chunk);
        if (nul)
            return done + (uint64_t)(nul - buf) + 1;
        done += chunk;
    }
    return max;
}

/* The iovec array at iov_addr (cnt entries) filled in order with `bytes` bytes. */
static void add_iov(int pid, uint64_t iov_addr, uint64_t cnt, uint64_t bytes, struct outs *o)
{
    struct iovec iov[64];
    cnt = min_u64(cnt, UIO_MAXIOV_);
    for (uint64_t i = 0; i < cnt && bytes > 0; i += 64) {
        size_t k = (size_t)min_u64(64, cnt - i);
        if (read_mem(pid, iov_addr + i * sizeof(struct iovec), iov, k * sizeof(struct iovec)) != 0)
            return;
        for (size_t j = 0; j < k && bytes > 0; j++) {
            uint64_t n = min_u64(iov[j].iov_len, bytes);
            add(o, (uintptr_t)iov[j].iov_base, n);
            bytes -= n;
        }
    }
}

/* ---- the row's generic outputs ------------------------------------------------------------- */

static void generic_outputs(int pid, const struct syscall_desc *d, const uint64_t a[6],
                            int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    for (int i = 0; i < SC_MAX_OUT && d->out[i].kind != 0; i++) {
        const struct sc_out *out = &d->out[i];
        uint64_t p = a[out->arg], la = a[out->len_arg];
        uint32_t len;
        switch (out->kind) {
        case OUT_FIXED:
            add(o, p, out->size);
            break;
        case OUT_RESULT:
            if (res > 0)
                add(o, p, (uint64_t)res);
            break;
        case OUT_RESULT_TIMES:
            if (res > 0)
                add(o, p, (uint64_t)res * out->size);
            break;
        case OUT_ARG:
            add(o, p, la);
            break;
        case OUT_ARG_TIMES:
            add(o, p, la * out->size);
            break;
        case OUT_LENPTR: /* the length the call left in *len_arg (may exceed what it wrote) */
            if (p && la && read_u32(pid, la, &len) == 0)
                add(o, p, len);
            break;
        case OUT_IOV_RESULT:
            if (res > 0)
                add_iov(pid, p, la, (uint64_t)res, o);
            break;
        case OUT_FDSET: /* (nfds + 63) / 64 longs, as the kernel's set_fd_set() writes */
            if ((int)la > 0)
                add(o, p, ((uint64_t)(int)la + 63) / 64 * 8);
            break;
        }
    }
}

/* ---- special outputs, one function per syscall ------------------------------------------- */

/* ioctl: the table (ioctl_table.def) for legacy requests, the _IOC encoding for the others, and
 * the requests whose structure points on to more output (SIOCGIFCONF, FS_IOC_FIEMAP). */
static void out_ioctl(int pid, const uint64_t a[6], int64_t res, struct outs *o)
{
    uint32_t req = (uint32_t)a[1];
    uint64_t p = a[2];
    if (failed(res))
        return;
    if (req == SIOCGIFCONF) { /* struct ifconf: ifc_len updated, ifc_buf filled with ifc_len bytes */
        uint32_t len;
        uint64_t buf;
        add(o, p, 4);
        if (read_u32(pid, p, &len) == 0 && read_u64(pid, p + 8, &buf) == 0)
            add(o, buf, len);
        return;
    }
    if (req == FS_IOC_FIEMAP) { /* struct fiemap (32 bytes: fm_mapped_extents at 20, fm_extent_count at 24), then the extents, 56 bytes each */
        uint32_t mapped = 0, room = 0;
        if (read_u32(pid, p + 24, &room) == 0 && read_u32(pid, p + 20, &mapped) == 0)
            add(o, p, 32 + (uint64_t)min_u64(mapped, room) * 56);
        else
            add(o, p, 32);
        return;
    }
    const struct ioctl_desc *row = ioctl_lookup(req);
    if (row) {
        add(o, p, row->size);
        return;
    }
    if (_IOC_DIR(req) & _IOC_READ)
        add(o, p, _IOC_SIZE(req));
}

static void out_fcntl(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch ((uint32_t)a[1]) {
    case F_GETLK: /* == F_GETLK64 on x86-64 */
    case F_OFD_GETLK:
        add(o, a[2], 32); /* struct flock */
        break;
    case F_GETOWN_EX:        /* struct f_owner_ex */
    case F_GETOWNER_UIDS:    /* two uid_t */
    case F_GET_RW_HINT:      /* u64 */
    case F_GET_FILE_RW_HINT: /* u64 */
        add(o, a[2], 8);
        break;
    }
}

/* What recvmsg wrote through the msghdr at msg, `data` bytes having been received. */
static void msghdr_outputs(int pid, uint64_t msg, uint64_t data, struct outs *o)
{
    struct msghdr m;
    add(o, msg + offsetof(struct msghdr, msg_namelen), sizeof m.msg_namelen);
    /* msg_controllen (size_t) and msg_flags (int) are adjacent: bytes 40..51 */
    add(o, msg + offsetof(struct msghdr, msg_controllen),
        offsetof(struct msghdr, msg_flags) + sizeof m.msg_flags - offsetof(struct msghdr, msg_controllen));
    if (read_mem(pid, msg, &m, sizeof m) != 0)
        return;
    add(o, (uintptr_t)m.msg_name, min_u64(m.msg_namelen, sizeof(struct sockaddr_storage)));
    add(o, (uintptr_t)m.msg_control, m.msg_controllen);
    add_iov(pid, (uintptr_t)m.msg_iov, m.msg_iovlen, data, o);
}

static void out_recvmmsg(int pid, const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res) || res <= 0)
        return;
    uint64_t n = min_u64((uint64_t)res, min_u64(a[2], UIO_MAXIOV_));
    for (uint64_t i = 0; i < n; i++) {
        uint64_t h = a[1] + i * MMSGHDR_SIZE;
        uint32_t len = 0;
        add(o, h + MMSG_LEN_OFF, 4);
        if (read_u32(pid, h + MMSG_LEN_OFF, &len) == 0)
            msghdr_outputs(pid, h, len, o);
    }
    add(o, a[4], 16); /* the timeout, updated when datagrams were received */
}

static void out_sendmmsg(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    for (int64_t i = 0; i < res && i < UIO_MAXIOV_; i++)
        add(o, a[1] + (uint64_t)i * MMSGHDR_SIZE + MMSG_LEN_OFF, 4);
}

static void out_clone3(int pid, const uint64_t a[6], int64_t res, struct outs *o)
{
    struct clone_args ca;
    if (res <= 0 || a[1] < offsetof(struct clone_args, exit_signal) ||
        read_mem(pid, a[0], &ca, offsetof(struct clone_args, exit_signal)) != 0)
        return;
    if (ca.flags & CLONE_PIDFD)
        add(o, ca.pidfd, 4);
    if (ca.flags & CLONE_PARENT_SETTID)
        add(o, ca.parent_tid, 4);
}

static void out_prctl(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch ((int)a[0]) {
    case PR_GET_PDEATHSIG: case PR_GET_UNALIGN: case PR_GET_FPEMU: case PR_GET_FPEXC:
    case PR_GET_ENDIAN: case PR_GET_TSC: case PR_GET_CHILD_SUBREAPER:
        add(o, a[1], 4);
        break;
    case PR_GET_NAME:
        add(o, a[1], 16);
        break;
    case PR_GET_TID_ADDRESS:
        add(o, a[1], 8);
        break;
    case PR_GET_AUXV: /* copies min(size, auxv size), returns the auxv size */
        add(o, a[1], min_u64((uint64_t)res, a[2]));
        break;
    case PR_SET_MM:
        if (a[1] == PR_SET_MM_MAP_SIZE)
            add(o, a[2], 4);
        break;
    case PR_SCHED_CORE:
        if (a[1] == PR_SCHED_CORE_GET)
            add(o, a[4], 8);
        break;
    }
}

static void out_arch_prctl(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch ((int)a[0]) {
    case ARCH_GET_FS: case ARCH_GET_GS: case ARCH_GET_XCOMP_SUPP: case ARCH_GET_XCOMP_PERM:
    case ARCH_GET_XCOMP_GUEST_PERM: case ARCH_GET_UNTAG_MASK: case ARCH_GET_MAX_TAG_BITS:
    case ARCH_SHSTK_STATUS:
        add(o, a[1], 8);
        break;
    }
}

/* The length of the mapping of process pid that starts at addr (0: none). */
static uint64_t mapping_size(int pid, uint64_t addr)
{
    struct map_entry *maps = NULL;
    int n = maps_read(pid, &maps);
    uint64_t len = 0;
    for (int i = 0; i < n; i++)
        if (maps[i].start == addr)
            len = maps[i].end - maps[i].start;
    free(maps);
    return len;
}

static void out_ptrace(int pid, const uint64_t a[6], int64_t res, struct outs *o)
{
    uint64_t data = a[3];
    if (failed(res))
        return;
    switch ((long)a[0]) {
    case PTRACE_PEEKTEXT: case PTRACE_PEEKDATA: case PTRACE_PEEKUSER: /* the raw syscall stores
                                                                          the word at *data */
    case PTRACE_GETEVENTMSG: case PTRACE_GETSIGMASK:
        add(o, data, 8);
        break;
    case PTRACE_GETREGS: add(o, data, sizeof(struct user_regs_struct)); break;
    case PTRACE_GETFPREGS: add(o, data, sizeof(struct user_fpregs_struct)); break;
    case PTRACE_GET_THREAD_AREA: add(o, data, 16); break;
    case PTRACE_GETSIGINFO: add(o, data, 128); break;
    case PTRACE_PEEKSIGINFO: if (res > 0) add(o, data, (uint64_t)res * 128); break;
    case PTRACE_SECCOMP_GET_FILTER: if (res > 0) add(o, data, (uint64_t)res * 8); break;
    case PTRACE_GET_SYSCALL_INFO:
    case PTRACE_GET_RSEQ_CONFIGURATION: add(o, data, min_u64((uint64_t)res, a[2])); break;
    case PTRACE_ARCH_PRCTL: /* ptrace(PTRACE_ARCH_PRCTL, pid, addr, code) */
        if (data == ARCH_GET_FS || data == ARCH_GET_GS)
            add(o, a[2], 8);
        break;
    case PTRACE_GETREGSET: { /* data is an iovec: iov_len updated, iov_base filled with it */
        struct iovec v;
        add(o, data + offsetof(struct iovec, iov_len), 8);
        if (read_mem(pid, data, &v, sizeof v) == 0)
            add(o, (uintptr_t)v.iov_base, v.iov_len);
        break;
    }
    }
}

/* quotactl (cmd arg 0) and quotactl_fd (cmd arg 1): the result structure at addr (arg 3). */
static void out_quotactl(uint32_t cmd, uint64_t addr, int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch (cmd >> SUBCMDSHIFT) {
    case Q_GETFMT: add(o, addr, 4); break;
    case Q_GETINFO: add(o, addr, 24); break;                 /* struct if_dqinfo */
    case Q_GETQUOTA: case Q_GETNEXTQUOTA: add(o, addr, 72); break; /* if_(next)dqblk */
    case Q_XGETQUOTA: case Q_XGETNEXTQUOTA: add(o, addr, 112); break; /* fs_disk_quota */
    case Q_XGETQSTAT: add(o, addr, 80); break;               /* fs_quota_stat */
    case Q_XGETQSTATV: add(o, addr, 160); break;             /* fs_quota_statv */
    }
}

static void out_futex(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (res == -EFAULT || res == -ENOSYS || res == -EINVAL)
        return;
    switch ((int)a[1] & FUTEX_CMD_MASK) {
    case FUTEX_WAKE_OP: /* applies an operation to *uaddr2 */
        if (!failed(res))
            add(o, a[4], 4);
        break;
    case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2: case FUTEX_TRYLOCK_PI: case FUTEX_UNLOCK_PI:
        add(o, a[0], 4); /* owner TID / FUTEX_WAITERS bits, possibly even when it fails */
        break;
    case FUTEX_WAIT_REQUEUE_PI: case FUTEX_CMP_REQUEUE_PI:
        add(o, a[0], 4);
        add(o, a[4], 4);
        break;
    }
}

static void out_keyctl(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch ((int)a[0]) {
    case KEYCTL_DESCRIBE: case KEYCTL_READ: case KEYCTL_GET_SECURITY: case KEYCTL_DH_COMPUTE:
        add(o, a[2], min_u64((uint64_t)res, a[3])); /* buffer, buflen; returns the full size */
        break;
    case KEYCTL_CAPABILITIES:
        add(o, a[1], min_u64((uint64_t)res, a[2]));
        break;
    case KEYCTL_PKEY_QUERY:
        add(o, a[4], 56); /* struct keyctl_pkey_query */
        break;
    case KEYCTL_PKEY_ENCRYPT: case KEYCTL_PKEY_DECRYPT: case KEYCTL_PKEY_SIGN:
        add(o, a[4], (uint64_t)res);
        break;
    }
}

/* semctl's 4th argument is a union semun passed by value: the pointer itself. */
static void out_semctl(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch ((int)a[2] & ~IPC_64_FLAG) {
    case IPC_STAT: case SEM_STAT: case SEM_STAT_ANY: add(o, a[3], 104); break; /* semid64_ds */
    case IPC_INFO: case SEM_INFO: add(o, a[3], 40); break;                    /* seminfo */
    case GETALL: { /* one unsigned short per semaphore: ask the set its size ourselves */
        struct semid_ds ds;
        union { struct semid_ds *buf; } arg = { &ds };
        if (semctl((int)a[0], 0, IPC_STAT, arg) == 0)
            add(o, a[3], (uint64_t)ds.sem_nsems * 2);
        break;
    }
    }
}

static void out_shmctl(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch ((int)a[1] & ~IPC_64_FLAG) {
    case IPC_STAT: case SHM_STAT: case SHM_STAT_ANY: add(o, a[2], 112); break; /* shmid64_ds */
    case IPC_INFO: add(o, a[2], 72); break;                                   /* shminfo64 */
    case SHM_INFO: add(o, a[2], 48); break;                                   /* shm_info */
    }
}

static void out_msgctl(const uint64_t a[6], int64_t res, struct outs *o)
{
    if (failed(res))
        return;
    switch ((int)a[1] & ~IPC_64_FLAG) {
    case IPC_STAT: case MSG_STAT: case MSG_STAT_ANY: add(o, a[2], 120); break; /* msqid64_ds */
    case IPC_INFO: case MSG_INFO: add(o, a[2], 32); break;                    /* msginfo */
    }
}

static void out_capget(int pid, const uint64_t a[6], int64_t res, struct outs *o)
{
    uint32_t version;
    /* unknown version: the kernel wrote its preferred one (and returns 0 when data is NULL, the
     * probe libcap makes) */
    if (res == -EINVAL || (res == 0 && !a[1]))
        add(o, a[0], 4);
    else if (res == 0 && a[1] && read_u32(pid, a[0], &version) == 0)
        add(o, a[1], version == _LINUX_CAPABILITY_VERSION_1 ? 12 : 24);
}

static void out_name_to_handle_at(int pid, const uint64_t a[6], int64_t res, struct outs *o)
{
    uint32_t bytes = 0;
    if (res != 0 && res != -EOVERFLOW) /* EOVERFLOW: handle_bytes says the size needed */
        return;
    add(o, a[3], (a[4] & AT_HANDLE_MNT_ID_UNIQUE) ? 8 : 4);
    if (res == 0)
        read_u32(pid, a[2], &bytes);
    add(o, a[2], 8 + (uint64_t)bytes); /* handle_bytes, handle_type, f_handle[handle_bytes] */
}

static void special_outputs(int pid, long nr, const uint64_t a[6], int64_t res, struct outs *o)
{
    switch (nr) {
    case SYS_ioctl: out_ioctl(pid, a, res, o); break;
    case SYS_fcntl: out_fcntl(a, res, o); break;
    case SYS_recvfrom: /* with MSG_TRUNC the result is the datagram's length, not what fit */
        if (!failed(res) && res > 0)
            add(o, a[1], min_u64((uint64_t)res, a[2]));
        break;
    case SYS_recvmsg:
        if (!failed(res))
            msghdr_outputs(pid, a[1], (uint64_t)res, o);
        break;
    case SYS_recvmmsg: out_recvmmsg(pid, a, res, o); break;
    case SYS_sendmmsg: out_sendmmsg(a, res, o); break;
    case SYS_getsockopt: /* ERANGE (SO_PEERSEC...): *optlen tells the size needed */
        if (res == -ERANGE)
            add(o, a[4], 4);
        break;
    case SYS_poll: /* revents are written back even when a signal interrupted the wait */
    case SYS_ppoll:
        if (interrupted(res))
            add(o, a[0], (uint64_t)(uint32_t)a[1] * 8);
        if (nr == SYS_ppoll && res != -EFAULT)
            add(o, a[2], 16); /* remaining time, also on failure (poll_select_finish) */
        break;
    case SYS_select:
    case SYS_pselect6:
        if (res != -EFAULT)
            add(o, a[4], 16); /* timeval / timespec: remaining time, also on failure */
        break;
    case SYS_nanosleep:
        if (interrupted(res))
            add(o, a[1], 16);
        break;
    case SYS_clock_nanosleep:
        if (interrupted(res) && !(a[1] & TIMER_ABSTIME))
            add(o, a[3], 16);
        break;
    case SYS_wait4:
        if (res > 0) {
            add(o, a[1], 4);
            add(o, a[3], 144);
        }
        break;
    case SYS_waitid: { /* siginfo written whatever the result (si_signo 0: nothing reported) */
        uint32_t signo = 1;
        if (res == -EFAULT)
            break;
        add(o, a[2], 128);
        if (res == 0 && (a[2] == 0 || (read_u32(pid, a[2], &signo) == 0 && signo != 0)))
            add(o, a[4], 144);
        break;
    }
    case SYS_clone: /* CLONE_PARENT_SETTID and CLONE_PIDFD both write to parent_tid */
        if (res > 0 && (a[0] & (CLONE_PARENT_SETTID | CLONE_PIDFD)))
            add(o, a[2], 4);
        break;
    case SYS_clone3: out_clone3(pid, a, res, o); break;
    case SYS_prctl: out_prctl(a, res, o); break;
    case SYS_arch_prctl: out_arch_prctl(a, res, o); break;
    case SYS_ptrace: out_ptrace(pid, a, res, o); break;
    case SYS_shmat: if (!failed(res)) add(o, (uint64_t)res, mapping_size(pid, (uint64_t)res)); break;
    case SYS_quotactl: out_quotactl((uint32_t)a[0], a[3], res, o); break;
    case SYS_quotactl_fd: out_quotactl((uint32_t)a[1], a[3], res, o); break;
    case SYS_futex: out_futex(a, res, o); break;
    case SYS_keyctl: out_keyctl(a, res, o); break;
    case SYS_semctl: out_semctl(a, res, o); break;
    case SYS_shmctl: out_shmctl(a, res, o); break;
    case SYS_msgctl: out_msgctl(a, res, o); break;
    case SYS_msgrcv: /* long mtype, then the message */
        if (!failed(res))
            add(o, a[1], 8 + (uint64_t)res);
        break;
    case SYS_capget: out_capget(pid, a, res, o); break;
    case SYS_process_vm_writev: /* to itself: its own memory at the remote iovecs, filled in order */
        if (res > 0 && (pid_t)a[0] == pid)
            add_iov(pid, a[3], a[4], (uint64_t)res, o);
        break;
    case SYS_capset:
        if (res == -EINVAL)
            add(o, a[0], 4);
        break;
    case SYS_mincore: /* one byte per page */
        if (res == 0)
            add(o, a[2], (a[1] + PAGE - 1) / PAGE);
        break;
    case SYS_syslog:
        if (res > 0 && ((int)a[0] == SYSLOG_ACTION_READ || (int)a[0] == SYSLOG_ACTION_READ_ALL ||
                        (int)a[0] == SYSLOG_ACTION_READ_CLEAR))
            add(o, a[1], (uint64_t)res);
        break;
    case SYS_sysfs: /* option 2: file system name of index arg 1 */
        if (res == 0 && a[0] == 2)
            add(o, a[2], string_len(pid, a[2], 256));
        break;
    case SYS_modify_ldt: /* func 0 (read) and 2 (read default) copy result bytes */
        if (res > 0 && ((int)a[0] == 0 || (int)a[0] == 2))
            add(o, a[1], (uint64_t)res);
        break;
    case SYS_get_mempolicy: /* the nodemask: ALIGN(maxnode - 1, 64) / 8 bytes */
        if (res == 0 && a[2] >= 1)
            add(o, a[1], min_u64((a[2] - 1 + 63) / 64 * 8, PAGE));
        break;
    case SYS_name_to_handle_at: out_name_to_handle_at(pid, a, res, o); break;
    case SYS_perf_event_open: /* E2BIG: the kernel's attr size into attr->size */
        if (res == -E2BIG)
            add(o, a[0] + 4, 4);
        break;
    case SYS_sched_setattr: /* E2BIG: the kernel's sched_attr size into attr->size */
        if (res == -E2BIG)
            add(o, a[1], 4);
        break;
    case SYS_seccomp:
        if (res == 0 && a[0] == SECCOMP_GET_NOTIF_SIZES)
            add(o, a[2], sizeof(struct seccomp_notif_sizes));
        break;
    }
}

int syscall_outputs(int pid, long nr, const uint64_t args[6], int64_t result,
                    struct mem_range *out, int max)
{
    const struct syscall_desc *d = syscall_lookup(nr);
    struct outs o = { out, 0, max, 0 };
    if (!d->name)
        return 0;
    generic_outputs(pid, d, args, result, &o);
    if (d->special_outputs)
        special_outputs(pid, nr, args, result, &o);
    return o.overflow ? -1 : o.n;
}
