/*
 * replay_watch.c: data breakpoints (write watchpoints) of a replay session, built on page
 * protection because this VM's hardware debug registers never fire (DESIGN.md, "Going backwards").
 *
 * While the replay runs, every page holding watched bytes that the program may write is
 * write-protected in the replayed process (an injected mprotect that keeps the program's other
 * permissions). A store to such a page faults (SIGSEGV, SEGV_ACCERR, address in the page): the
 * replay (replay.c) lifts the protection of that page, executes the one faulting instruction,
 * protects the page again, and compares the watched bytes with their values before: changed, the
 * replay stops (RSTOP_WATCH) after the instruction; unchanged, it goes on as if nothing happened,
 * and the fault never reaches the program. Bytes the agent itself writes for a replayed syscall
 * (read() into a watched buffer) are compared after each syscall event.
 *
 * Invariants:
 *  - pages are protected only while the replay runs: replay.c arms before it moves the tracee and
 *    disarms before every stop it reports, so save points, forks for calls and memory reads never
 *    see our protection; a page's `prot` is the program's own protection of it, read from
 *    /proc/PID/maps when it was armed;
 *  - around a syscall that runs for real (mmap, mprotect, munmap, brk...) the pages are disarmed
 *    and armed again afterwards, so the program's own protection changes are kept, and pages
 *    mapped later are watched once they exist;
 *  - the kernel never writes a protected page on the program's behalf: signals are delivered with
 *    the pages disarmed (replay.c), and no other syscall runs for real in replay;
 *  - our faults leave the program's signal state as it was: a SIGSEGV the kernel raises while the
 *    program blocks or ignores SIGSEGV (inside its own SIGSEGV handler, say) resets the handler to
 *    the default and unblocks it; when that can happen (seen when arming), the action is read
 *    first and put back, with the mask, after each of our faults (replay_watch_after_fault).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#include "maps.h"
#include "replay_internal.h"
#include "util.h"

#define PAGE 4096ull

/* Injects syscall nr at any stop: through the `syscall` instruction before rip when there is one
 * (a syscall stop), else through one written over rip for the time of the call. */
static int64_t inject_anywhere(struct replay *r, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                               uint64_t a3)
{
    uint64_t args[6] = {a0, a1, a2, a3, 0, 0};
    r->stop_lost = true;
    tracee_get_regs(&r->t);
    struct syscall_site site;
    if (tracee_syscall_site_open(&r->t, r->t.regs.rip, &site) < 0)
        return -EFAULT;
    int64_t got = tracee_inject_syscall(&r->t, site.addr, nr, args, 0, NULL);
    tracee_syscall_site_close(&r->t, &site);
    return got;
}

int replay_set_watches(struct replay *r, const uint64_t *addrs, const uint32_t *lens, int n,
                       char *err, size_t errlen)
{
    if (n < 0 || n > REPLAY_MAX_WATCHES) {
        snprintf(err, errlen, "at most %d data breakpoints", REPLAY_MAX_WATCHES);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (lens[i] == 0 || lens[i] > REPLAY_WATCH_MAX_LEN || addrs[i] + lens[i] < addrs[i]) {
            snprintf(err, errlen, "a data breakpoint watches 1 to %d bytes, not %u at %#llx",
                     REPLAY_WATCH_MAX_LEN, lens[i], (unsigned long long)addrs[i]);
            return -1;
        }
    }
    replay_watch_disarm(r);
    r->nwatches = 0;
    r->nwpages = 0;
    for (int i = 0; i < n; i++) {
        struct watch *w = &r->watches[r->nwatches++];
        w->addr = addrs[i];
        w->len = lens[i];
        w->known = false;
        for (uint64_t p = addrs[i] & ~(PAGE - 1); p < addrs[i] + lens[i]; p += PAGE) {
            bool seen = false;
            for (int k = 0; k < r->nwpages && !seen; k++)
                seen = r->wpages[k].page == p;
            if (!seen)
                r->wpages[r->nwpages++] = (struct watch_page){.page = p};
        }
    }
    return 0;
}

/* Takes the watched bytes as they are now as the values to compare with. */
static void take_values(struct replay *r)
{
    for (int i = 0; i < r->nwatches; i++) {
        struct watch *w = &r->watches[i];
        w->known = tracee_read(&r->t, w->addr, w->old, w->len) == 0;
    }
}

/* Scratch memory in the tracee (tracee_scratch), its registers read first. Its bytes are the
 * program's (below its stack pointer, where an uninitialized local may later read them), so each
 * user below reads them first and puts them back (SCRATCH_USE bytes at most). */
#define SCRATCH_USE 64
static uint64_t scratch(struct replay *r, uint8_t saved[SCRATCH_USE])
{
    tracee_get_regs(&r->t);
    uint64_t at = tracee_scratch(&r->t);
    return tracee_read(&r->t, at, saved, SCRATCH_USE) == 0 ? at : 0;
}

/* Notes whether a SIGSEGV now would change the program's signal state, and if so its SIGSEGV
 * action (read before any page is protected: the kernel writes it into the tracee). */
static void note_segv_state(struct replay *r)
{
    uint64_t bit = 1ull << (SIGSEGV - 1);
    bool blocked = proc_status_mask(r->t.pid, "SigBlk") & bit;
    bool ignored = proc_status_mask(r->t.pid, "SigIgn") & bit;
    r->segv_blocked = blocked;
    r->segv_restore = blocked || ignored;
    if (!r->segv_restore)
        return;
    _Static_assert(sizeof r->segv_action <= SCRATCH_USE, "the action fits the scratch bytes kept");
    uint8_t saved[SCRATCH_USE];
    uint64_t at = scratch(r, saved);
    if (!at || inject_anywhere(r, SYS_rt_sigaction, SIGSEGV, 0, at, 8) != 0 ||
        tracee_read(&r->t, at, r->segv_action, sizeof r->segv_action) < 0)
        r->segv_restore = false;
    if (at)
        tracee_write(&r->t, at, saved, SCRATCH_USE);
}

void replay_watch_after_fault(struct replay *r)
{
    if (!r->segv_restore)
        return;
    uint8_t saved[SCRATCH_USE];
    uint64_t at = scratch(r, saved);
    if (!at)
        return;
    if (tracee_write(&r->t, at, r->segv_action, sizeof r->segv_action) == 0)
        inject_anywhere(r, SYS_rt_sigaction, SIGSEGV, at, 0, 8);
    uint64_t set = 1ull << (SIGSEGV - 1);
    if (r->segv_blocked && tracee_write(&r->t, at, &set, sizeof set) == 0)
        inject_anywhere(r, SYS_rt_sigprocmask, SIG_BLOCK, at, 0, 8);
    tracee_write(&r->t, at, saved, SCRATCH_USE);
}

void replay_watch_arm(struct replay *r)
{
    if (r->nwatches == 0 || !r->alive || r->watch_armed)
        return;
    note_segv_state(r);
    struct map_entry *maps = NULL;
    int n = maps_read(r->t.pid, &maps);
    for (int k = 0; k < r->nwpages; k++) {
        struct watch_page *p = &r->wpages[k];
        p->armed = false;
        for (int m = 0; m < n; m++) {
            if (p->page < maps[m].start || p->page >= maps[m].end)
                continue;
            p->prot = maps[m].prot;
            if ((p->prot & PROT_WRITE) &&
                inject_anywhere(r, SYS_mprotect, p->page, PAGE, p->prot & ~PROT_WRITE, 0) == 0)
                p->armed = true;
            break;
        }
    }
    free(maps);
    take_values(r);
    r->watch_armed = true;
}

void replay_watch_disarm(struct replay *r)
{
    if (!r->watch_armed)
        return;
    r->watch_armed = false;
    for (int k = 0; k < r->nwpages; k++) {
        struct watch_page *p = &r->wpages[k];
        if (p->armed && r->alive)
            inject_anywhere(r, SYS_mprotect, p->page, PAGE, p->prot, 0);
        p->armed = false;
    }
}

int replay_watch_page_at(struct replay *r, uint64_t addr)
{
    if (!r->watch_armed)
        return -1;
    for (int k = 0; k < r->nwpages; k++)
        if (r->wpages[k].armed && (addr & ~(PAGE - 1)) == r->wpages[k].page)
            return k;
    return -1;
}

void replay_watch_protect(struct replay *r, int page, bool on)
{
    struct watch_page *p = &r->wpages[page];
    inject_anywhere(r, SYS_mprotect, p->page, PAGE, on ? p->prot & ~PROT_WRITE : p->prot, 0);
}

int replay_watch_changed(struct replay *r)
{
    int changed = -1;
    uint8_t now[REPLAY_WATCH_MAX_LEN];
    for (int i = 0; i < r->nwatches; i++) {
        struct watch *w = &r->watches[i];
        if (tracee_read(&r->t, w->addr, now, w->len) < 0) {
            w->known = false; /* unmapped now: nothing to compare with */
            continue;
        }
        if (w->known && memcmp(now, w->old, w->len) && changed < 0)
            changed = i;
        memcpy(w->old, now, w->len);
        w->known = true;
    }
    return changed;
}

/* See replay_internal.h. */
int replay_watch_fault(struct replay *r, struct stop_info *s)
{
    static const uint8_t int3 = 0xcc;
    siginfo_t si;
    if (ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si) < 0 || si.si_code != SEGV_ACCERR)
        return REPLAY_WATCH_NOT_OURS;
    int page = replay_watch_page_at(r, (uint64_t)(uintptr_t)si.si_addr);
    if (page < 0)
        return REPLAY_WATCH_NOT_OURS;
    int lifted[8], nlifted = 0;
    for (;;) {
        replay_watch_protect(r, page, false);
        lifted[nlifted++] = page;
        tracee_get_regs(&r->t);
        struct breakpoint *bp = replay_breakpoint_at(r, r->t.regs.rip);
        if (bp)
            tracee_write(&r->t, bp->addr, &bp->saved, 1);
        if (ptrace(PTRACE_SINGLESTEP, r->t.pid, 0, 0) < 0)
            fatal("cannot step the replay: %s", strerror(errno));
        *s = replay_wait_stop(r);
        if (!r->alive)
            return REPLAY_WATCH_NOT_OURS;
        if (bp)
            tracee_write(&r->t, bp->addr, &int3, 1);
        page = -1;
        if (s->kind == STOP_SIGNAL && s->sig == SIGSEGV && nlifted < 8 &&
            ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si) == 0 && si.si_code == SEGV_ACCERR)
            page = replay_watch_page_at(r, (uint64_t)(uintptr_t)si.si_addr);
        for (int i = 0; i < nlifted && page >= 0; i++)
            if (lifted[i] == page)
                page = -1;
        if (page < 0)
            break; /* the instruction is done, or something else stopped it */
    }
    bool stepped = replay_is_step_trap(r, s);
    for (int i = 0; i < nlifted; i++)
        replay_watch_protect(r, lifted[i], true);
    replay_watch_after_fault(r);
    if (!stepped)
        return REPLAY_WATCH_NOT_OURS;
    int w = replay_watch_changed(r);
    return w >= 0 ? w : REPLAY_WATCH_QUIET;
}
