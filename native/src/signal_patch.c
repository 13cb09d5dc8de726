/*
 * signal_patch.c: the replay's fast way to the point in user code where an asynchronous signal
 * arrived (SIGNAL place 2, signal_point.h). A breakpoint there costs a ptrace stop per arrival,
 * and a loop may arrive millions of times before the recorded one. Instead the instruction at the
 * point (the recorder moved the signal to one that can be displaced: insn_check.h) is replaced by
 * a jump to a stub on a page mapped for the run, which compares every general register and the
 * status flags with the recorded ones in the program itself; only when they are all equal does it
 * trap (int3) for the agent to compare the rest (stack hash, segment bases). Otherwise it runs the
 * displaced instruction and jumps back. The patch and the page exist only while the tracee runs
 * inside replay_run_to_signal_point: every stop the caller sees has the program's own memory.
 *
 * Stub invariant: it writes no byte of the program's memory, not even below the red zone (dead by
 * the ABI, but a later point's stack window may cover it: a point deeper in the stack than an
 * earlier one, whose scratch would then differ from the recording's bytes). Its first instruction
 * keeps the program's rsp in the stub's page (STUB_SAVED_RSP), the second switches to the stub's
 * own stack there; between the fourth and its last instruction the program's rax and rflags sit at
 * [rsp] and [rsp+8]. The page is therefore writable.
 */
#include "replay_internal.h"
#include "insn_check.h"
#include "signal_point.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#define STUB_ENTER_LEN 16         /* mov, lea, pushfq, push %rax: the program's state is saved after */
#define STUB_SWITCHED 14          /* where the stub's own stack is in use */
#define FLAGS_COMPARED 0xcd5u     /* CF PF AF ZF SF DF OF */
#define STUB_CODE_MAX 1024        /* the code; the recorded stack window follows it */
#define STUB_SAVED_RSP 5376       /* the program's rsp while in the stub (after the window) */
#define STUB_SIZE 8192            /* the mapping: code, window, saved rsp and the stub's stack */
_Static_assert(STUB_CODE_MAX + SIGP_STACK_MAX <= STUB_SAVED_RSP, "the window before the rsp");
_Static_assert(STUB_SAVED_RSP + 8 + 256 <= STUB_SIZE, "room for the stub's own stack");

struct stub {
    uint64_t page;                /* the mapped page, 0 when none */
    uint64_t point;               /* the displaced instruction's address */
    int len;                      /* its length */
    int rip_disp_at;              /* where its rip-relative disp32 sits in it, or -1 */
    bool unreachable;             /* ... and its target is too far from the stub */
    uint8_t saved[16];            /* its bytes */
    uint64_t trap_at, miss_at, displaced_at;
};

struct emitter {
    uint8_t code[STUB_SIZE];
    size_t n;
    uint64_t base;
    size_t miss_fixups[64];       /* where each jne's rel32 goes */
    int nfixups;
};

static void put(struct emitter *e, const void *bytes, size_t n)
{
    memcpy(e->code + e->n, bytes, n);
    e->n += n;
}

static void put_imm64(struct emitter *e, uint64_t v) { put(e, &v, 8); }

/* An instruction of three bytes (rex, opcode, modrm with a rip-relative operand) and the disp32
 * that addresses the byte at offset off of the stub's page. */
static void put_rip_relative(struct emitter *e, uint8_t rex, uint8_t opcode, uint8_t modrm, size_t off)
{
    uint8_t head[3] = {rex, opcode, modrm};
    put(e, head, 3);
    int32_t rel = (int32_t)((int64_t)off - (int64_t)(e->n + 4));
    put(e, &rel, 4);
}

/* jne miss (patched once miss is known) */
static void jne_miss(struct emitter *e)
{
    static const uint8_t jne[2] = {0x0f, 0x85};
    put(e, jne, 2);
    e->miss_fixups[e->nfixups++] = e->n;
    static const uint8_t zero[4];
    put(e, zero, 4);
}

/* movabs $want, %rax; cmp %rax, <modrm register> ; jne miss */
static void compare_reg(struct emitter *e, uint64_t want, uint8_t rex, uint8_t modrm)
{
    static const uint8_t movabs[2] = {0x48, 0xb8};
    put(e, movabs, 2);
    put_imm64(e, want);
    uint8_t cmp[3] = {rex, 0x39, modrm};
    put(e, cmp, 3);
    jne_miss(e);
}

/* Compares the program's stack window (signal_point.h) with the recorded bytes, kept at
 * base + STUB_CODE_MAX: repe cmpsq with rsi, rdi and rcx saved on the stub's stack (and put back). */
static void compare_stack(struct emitter *e, const struct trace_event *ev)
{
    static const uint8_t save[] = {0x56, 0x57, 0x51, 0xfc};       /* push rsi, rdi, rcx; cld */
    put(e, save, sizeof save);
    put_rip_relative(e, 0x48, 0x8b, 0x35, STUB_SAVED_RSP);         /* mov saved(%rip),%rsi */
    static const uint8_t below[] = {0x48, 0x8d, 0x76,              /* lea -128(%rsi),%rsi */
                                    (uint8_t)-SIGNAL_POINT_BELOW_SP};
    _Static_assert(SIGNAL_POINT_BELOW_SP == 128, "a disp8");
    put(e, below, sizeof below);
    put_rip_relative(e, 0x48, 0x8d, 0x3d, STUB_CODE_MAX);          /* lea window(%rip),%rdi */
    uint8_t mov_ecx = 0xb9;                                        /* mov $n,%ecx */
    uint32_t quads = ev->sig.stack_len / 8; /* (a last partial u64: the agent's hash check) */
    put(e, &mov_ecx, 1);
    put(e, &quads, 4);
    static const uint8_t cmp_restore[] = {0xf3, 0x48, 0xa7,        /* repe cmpsq */
                                          0x59, 0x5f, 0x5e};       /* pop rcx, rdi, rsi */
    put(e, cmp_restore, sizeof cmp_restore);
    jne_miss(e);
    memcpy(e->code + STUB_CODE_MAX, ev->sig.stack, ev->sig.stack_len);
}

static void build_stub(struct emitter *e, const struct trace_event *ev, struct stub *st)
{
    const uint64_t *regs = ev->sig.regs;
    put_rip_relative(e, 0x48, 0x89, 0x25, STUB_SAVED_RSP);         /* mov %rsp,saved(%rip) */
    put_rip_relative(e, 0x48, 0x8d, 0x25, STUB_SIZE);              /* lea top(%rip),%rsp */
    static const uint8_t enter[] = {0x9c, 0x50};                  /* pushfq; push %rax */
    put(e, enter, sizeof enter);
    _Static_assert(STUB_ENTER_LEN == 16 && STUB_SWITCHED == 14, "the entry's layout");
    static const uint8_t movabs[2] = {0x48, 0xb8};
    put(e, movabs, 2);
    put_imm64(e, regs[10]);                                        /* rax */
    static const uint8_t cmp_top[] = {0x48, 0x39, 0x04, 0x24};     /* cmp %rax,(%rsp) */
    put(e, cmp_top, sizeof cmp_top);
    jne_miss(e);
    /* user_regs_struct index and register number (0..15) of the others */
    static const struct { int index, num; } others[] = {
        {5, 3}, {11, 1}, {12, 2}, {13, 6}, {14, 7}, {4, 5}, {9, 8}, {8, 9},
        {7, 10}, {6, 11}, {3, 12}, {2, 13}, {1, 14}, {0, 15}};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        int num = others[i].num;
        compare_reg(e, regs[others[i].index], num >= 8 ? 0x49 : 0x48, (uint8_t)(0xc0 | (num & 7)));
    }
    static const uint8_t movabs_rsp[2] = {0x48, 0xb8};             /* rsp: */
    put(e, movabs_rsp, 2);
    put_imm64(e, regs[19]);
    put_rip_relative(e, 0x48, 0x39, 0x05, STUB_SAVED_RSP);         /* cmp %rax,saved(%rip) */
    jne_miss(e);
    static const uint8_t flags[] = {0x48, 0x8b, 0x44, 0x24, 0x08, /* mov 8(%rsp),%rax */
                                    0x25};                         /* and $imm32,%eax */
    put(e, flags, sizeof flags);
    uint32_t mask = FLAGS_COMPARED, want = (uint32_t)regs[18] & FLAGS_COMPARED;
    put(e, &mask, 4);
    static const uint8_t cmp_eax = 0x3d;                           /* cmp $imm32,%eax */
    put(e, &cmp_eax, 1);
    put(e, &want, 4);
    jne_miss(e);
    if (ev->sig.stack_readable && ev->sig.stack_len) /* (so readable now: the same mappings) */
        compare_stack(e, ev);
    st->trap_at = e->base + e->n;
    static const uint8_t int3 = 0xcc;
    put(e, &int3, 1);
    st->miss_at = e->base + e->n;
    for (int i = 0; i < e->nfixups; i++) {
        int32_t rel = (int32_t)(e->n - (e->miss_fixups[i] + 4));
        memcpy(e->code + e->miss_fixups[i], &rel, 4);
    }
    static const uint8_t leave[] = {0x58, 0x9d};                   /* pop %rax; popfq */
    put(e, leave, sizeof leave);
    put_rip_relative(e, 0x48, 0x8b, 0x25, STUB_SAVED_RSP);         /* mov saved(%rip),%rsp */
    st->displaced_at = e->base + e->n;
    put(e, st->saved, (size_t)st->len);
    if (st->rip_disp_at >= 0) { /* the same target from the new address */
        int32_t disp;
        uint8_t *at = e->code + e->n - st->len + st->rip_disp_at;
        memcpy(&disp, at, 4);
        int64_t moved = (int64_t)disp + (int64_t)(st->point - st->displaced_at);
        st->unreachable = moved != (int32_t)moved;
        disp = (int32_t)moved;
        memcpy(at, &disp, 4);
    }
    uint8_t jmp = 0xe9;
    put(e, &jmp, 1);
    int32_t back = (int32_t)((int64_t)(st->point + (uint64_t)st->len) - (int64_t)(e->base + e->n + 4));
    put(e, &back, 4);
}

static int64_t inject(struct replay *r, long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                      uint64_t a4)
{
    tracee_get_regs(&r->t);
    struct syscall_site site;
    if (tracee_syscall_site_open(&r->t, r->t.regs.rip, &site) < 0)
        return -EFAULT;
    uint64_t args[6] = {a0, a1, a2, a3, a4, 0};
    int64_t got = tracee_inject_syscall(&r->t, site.addr, nr, args, 0, NULL);
    tracee_syscall_site_close(&r->t, &site);
    r->stop_lost = true;
    return got;
}

static bool near(uint64_t a, uint64_t b)
{
    int64_t d = (int64_t)(a - b);
    return d > -(1ll << 31) + 8192 && d < (1ll << 31) - 8192;
}

/* Maps the stub page within a jump of the point and writes stub and patch. 0, or -1. */
static int install(struct replay *r, const struct trace_event *ev, struct stub *st)
{
    static const int64_t offsets[] = {-(1ll << 30), 1ll << 30, -(1ll << 28), 1ll << 28};
    uint64_t at = st->point & ~4095ull;
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0] && !st->page; i++) {
        uint64_t want = at + (uint64_t)offsets[i];
        if ((int64_t)offsets[i] < 0 && at < (uint64_t)-offsets[i] + 0x10000)
            continue;
        int64_t got = inject(r, SYS_mmap, want, STUB_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, (uint64_t)-1);
        if (got == (int64_t)want)
            st->page = want;
        else if (got > 0)
            inject(r, SYS_munmap, (uint64_t)got, STUB_SIZE, 0, 0, 0);
    }
    if (!st->page || !near(st->page, st->point))
        return -1;
    static struct emitter e;
    memset(&e, 0, sizeof e);
    e.base = st->page;
    build_stub(&e, ev, st);
    if (st->unreachable)
        return -1;
    uint8_t patch[16];
    memset(patch, 0x90, sizeof patch);
    patch[0] = 0xe9;
    int32_t rel = (int32_t)((int64_t)st->page - (int64_t)(st->point + 5));
    memcpy(patch + 1, &rel, 4);
    if (tracee_write(&r->t, st->page, e.code, sizeof e.code) < 0 ||
        tracee_write(&r->t, st->point, patch, (size_t)st->len) < 0)
        return -1;
    return 0;
}

static void uninstall(struct replay *r, struct stub *st)
{
    if (!r->alive)
        return;
    tracee_write(&r->t, st->point, st->saved, (size_t)st->len);
    if (st->page)
        inject(r, SYS_munmap, st->page, STUB_SIZE, 0, 0, 0);
    st->page = 0;
}

static bool in_stub(const struct stub *st, uint64_t pc) { return pc >= st->page && pc < st->page + STUB_SIZE; }

/* The program's rsp while the tracee stands in the stub past its first instruction. */
static uint64_t program_rsp(struct replay *r, const struct stub *st)
{
    uint64_t rsp = 0;
    tracee_read(&r->t, st->page + STUB_SAVED_RSP, &rsp, 8);
    return rsp;
}

/* The program's registers while the tracee stands in the stub after its pushes. */
static void program_regs(struct replay *r, const struct stub *st, struct user_regs_struct *out)
{
    *out = r->t.regs;
    tracee_read(&r->t, r->t.regs.rsp, &out->rax, 8);
    tracee_read(&r->t, r->t.regs.rsp + 8, &out->eflags, 8);
    out->rsp = program_rsp(r, st);
    out->rip = st->point;
}

/* Another stop came while the tracee was in the stub: single steps take it out (past the int3);
 * a fault of the displaced instruction is put back at the point, where it recurs. Before its
 * state is saved the tracee is put back at the point at once: a single-stepped pushfq would save
 * the trap flag, and the popfq restore it for good. */
static void leave_stub(struct replay *r, struct stub *st)
{
    tracee_get_regs(&r->t);
    uint64_t pc = r->t.regs.rip;
    if (pc >= st->page && pc < st->page + STUB_ENTER_LEN) {
        if (pc >= st->page + STUB_SWITCHED)
            r->t.regs.rsp = program_rsp(r, st);
        r->t.regs.rip = st->point;
        tracee_set_regs(&r->t);
        return;
    }
    for (int i = 0; i < 4 * SIGP_STACK_MAX && r->alive; i++) { /* repe cmpsb: a step per byte */
        tracee_get_regs(&r->t);
        if (!in_stub(st, r->t.regs.rip))
            return;
        if (r->t.regs.rip == st->trap_at || r->t.regs.rip == st->trap_at + 1) {
            r->t.regs.rip = st->miss_at;
            tracee_set_regs(&r->t);
        }
        if (r->t.regs.rip == st->displaced_at) {
            r->t.regs.rip = st->point; /* the program's state exactly: the miss path restored it */
            tracee_set_regs(&r->t);
            return;
        }
        ptrace(PTRACE_SINGLESTEP, r->t.pid, 0, 0);
        replay_wait_stop(r);
    }
}

bool replay_can_patch_signal_point(struct replay *r, const struct trace_event *ev)
{
    uint64_t point = ev->sig.regs[SIGNAL_POINT_RIP];
    if (r->nwatches || r->deliver_sig || r->delivering || r->unarmed_bp)
        return false;
    tracee_get_regs(&r->t);
    for (int i = 0; i < r->nbps; i++)
        if ((r->bps[i].owners & BP_USER) && r->bps[i].addr >= point && r->bps[i].addr < point + 16)
            return false;
    return !replay_breakpoint_at(r, r->t.regs.rip) || r->t.regs.rip == point;
}

int replay_run_to_signal_point(struct replay *r, const struct trace_event *ev, struct stop_info *s)
{
    struct stub st = {.point = ev->sig.regs[SIGNAL_POINT_RIP]};
    replay_set_signal_point(r, 0); /* its int3 would sit in the bytes the patch replaces */
    uint8_t code[16];
    if (tracee_read(&r->t, st.point, code, sizeof code) < 0 ||
        !(st.len = insn_displaceable(code, sizeof code, st.point, &st.rip_disp_at)))
        return -1;
    memcpy(st.saved, code, (size_t)st.len);
    if (install(r, ev, &st) < 0) {
        uninstall(r, &st);
        return -1;
    }
    for (;;) {
        if (ptrace(PTRACE_SYSEMU, r->t.pid, 0, 0) < 0)
            break;
        *s = replay_wait_stop(r);
        if (!r->alive)
            return 0;
        tracee_get_regs(&r->t);
        bool trap = s->kind == STOP_SIGNAL && s->sig == SIGTRAP && r->t.regs.rip == st.trap_at + 1;
        if (!trap)
            break;
        struct user_regs_struct prog;
        program_regs(r, &st, &prog);
        struct signal_point here, recorded;
        memcpy(recorded.regs, ev->sig.regs, sizeof recorded.regs);
        recorded.stack_hash = ev->sig.stack_hash;
        signal_point_take(&r->t, &prog, &here);
        if (signal_point_equal(&here, &recorded)) {
            r->t.regs = prog;
            tracee_set_regs(&r->t);
            uninstall(r, &st);
            return 1;
        }
        r->t.regs.rip = st.miss_at; /* same registers, another stack: not this arrival */
        tracee_set_regs(&r->t);
    }
    leave_stub(r, &st);
    uninstall(r, &st);
    return 0;
}
