/* signal_point.c: see signal_point.h. */
#include "signal_point.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ORIG_RAX_INDEX 15
#define EFLAGS_INDEX 18
#define EFLAGS_TF 0x100u
#define EFLAGS_RF 0x10000u
#define PAGE 4096u

/* FNV-1a over bytes, continuing from h. */
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

void signal_point_take(struct tracee *t, const struct user_regs_struct *regs,
                       struct signal_point *out)
{
    _Static_assert(sizeof *regs == SIGP_REGS * sizeof(uint64_t), "27 registers");
    memcpy(out->regs, regs, sizeof out->regs);
    /* The window, page by page: an unreadable page counts as a marker, not as its bytes. */
    uint64_t h = 0xcbf29ce484222325ull;
    memset(out->stack, 0, sizeof out->stack);
    out->stack_readable = true;
    uint64_t at = regs->rsp - SIGNAL_POINT_BELOW_SP;
    uint64_t end = regs->rsp + SIGNAL_POINT_ABOVE_SP;
    if (regs->rbp > regs->rsp && regs->rbp - regs->rsp <= SIGNAL_POINT_FRAME_MAX - 16 &&
        regs->rbp + 16 > end)
        end = regs->rbp + 16;
    out->stack_len = (uint32_t)(end - at);
    while (at < end) {
        uint64_t stop = (at | (PAGE - 1)) + 1;
        if (stop > end)
            stop = end;
        uint8_t bytes[SIGP_STACK_MAX];
        size_t n = (size_t)(stop - at);
        static const uint8_t unreadable[2] = {0xde, 0xad};
        if (tracee_read(t, at, bytes, n) == 0) {
            h = fnv(h, bytes, n);
            memcpy(out->stack + (at - (regs->rsp - SIGNAL_POINT_BELOW_SP)), bytes, n);
        } else {
            h = fnv(h, unreadable, sizeof unreadable);
            out->stack_readable = false;
        }
        at = stop;
    }
    out->stack_hash = h;
    out->user_cpu_ns = 0;
}

uint64_t signal_point_user_cpu_ns(pid_t tid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/task/%d/stat", tid, tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    /* utime is field 14; the fields after the name (which may hold spaces) start at field 3 */
    const char *at = strrchr(buf, ')');
    for (int field = 2; at && field < 14; field++)
        at = strchr(at + 1, ' ');
    if (!at)
        return 0;
    unsigned long long ticks = strtoull(at + 1, NULL, 10);
    long hz = sysconf(_SC_CLK_TCK);
    return hz > 0 ? ticks * (1000000000ull / (uint64_t)hz) : 0;
}

bool signal_point_equal(const struct signal_point *a, const struct signal_point *b)
{
    if (a->stack_hash != b->stack_hash)
        return false;
    for (int i = 0; i < SIGP_REGS; i++) {
        uint64_t x = a->regs[i], y = b->regs[i];
        if (i == EFLAGS_INDEX) {
            x &= ~(uint64_t)(EFLAGS_TF | EFLAGS_RF);
            y &= ~(uint64_t)(EFLAGS_TF | EFLAGS_RF);
        }
        if (i != ORIG_RAX_INDEX && x != y)
            return false;
    }
    return true;
}

void signal_point_describe_difference(const struct signal_point *here,
                                      const struct signal_point *recorded, char *out, size_t n)
{
    static const char *const names[SIGP_REGS] = {
        "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx",
        "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds",
        "es", "fs", "gs"};
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < SIGP_REGS && used < n; i++) {
        uint64_t x = here->regs[i], y = recorded->regs[i];
        if (i == EFLAGS_INDEX) {
            x &= ~(uint64_t)(EFLAGS_TF | EFLAGS_RF);
            y &= ~(uint64_t)(EFLAGS_TF | EFLAGS_RF);
        }
        if (i != ORIG_RAX_INDEX && x != y)
            used += (size_t)snprintf(out + used, n - used, "%s%s %#llx, recorded %#llx",
                                     used ? "; " : "", names[i], (unsigned long long)x,
                                     (unsigned long long)y);
    }
    if (used < n && here->stack_hash != recorded->stack_hash)
        snprintf(out + used, n - used, "%sthe stack window (%u bytes from rsp-%d)", used ? "; " : "",
                 (unsigned)here->stack_len, SIGNAL_POINT_BELOW_SP);
}
