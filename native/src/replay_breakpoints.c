/*
 * replay_breakpoints.c: the replay session's breakpoints: int3 bytes written into the replayed
 * process at the addresses asked for (once each; those not mapped yet are armed when they are),
 * taken out again when the set changes, and hidden from memory reads.
 *
 * Invariant: a breakpoint is `inserted` exactly when its int3 byte is in the process's memory and
 * `saved` holds the byte it replaced.
 */
#include "replay_internal.h"

#include <errno.h>
#include <stdint.h>

struct breakpoint *replay_breakpoint_at(struct replay *r, uint64_t addr)
{
    for (int i = 0; i < r->nbps; i++)
        if (r->bps[i].inserted && r->bps[i].addr == addr)
            return &r->bps[i];
    return NULL;
}

void replay_forget_breakpoints(struct replay *r, uint64_t start, uint64_t len)
{
    r->maps_generation++; /* called for every new mapping and unmapping */
    for (int i = 0; i < r->nbps; i++)
        if (r->bps[i].addr >= start && r->bps[i].addr - start < len)
            r->bps[i].inserted = false; /* its byte went with the old mapping */
}

void replay_arm_breakpoints(struct replay *r)
{
    if (!r->alive)
        return;
    static const uint8_t int3 = 0xcc;
    for (int i = 0; i < r->nbps; i++) {
        struct breakpoint *bp = &r->bps[i];
        if (bp->inserted || tracee_read(&r->t, bp->addr, &bp->saved, 1) < 0)
            continue;
        bp->inserted = tracee_write(&r->t, bp->addr, &int3, 1) == 0;
    }
}

static void disarm(struct replay *r, struct breakpoint *bp)
{
    if (bp->inserted && r->alive)
        tracee_write(&r->t, bp->addr, &bp->saved, 1);
    bp->inserted = false;
}

/* The breakpoint entry at addr (inserted or not), or NULL. */
static struct breakpoint *entry_at(struct replay *r, uint64_t addr)
{
    for (int i = 0; i < r->nbps; i++)
        if (r->bps[i].addr == addr)
            return &r->bps[i];
    return NULL;
}

/* Adds the signal point's entry (or marks the user's at its address). */
static void add_signal_point(struct replay *r)
{
    if (!r->signal_point)
        return;
    struct breakpoint *bp = entry_at(r, r->signal_point);
    if (!bp && r->nbps < REPLAY_MAX_BREAKPOINTS + 2)
        bp = &r->bps[r->nbps++], *bp = (struct breakpoint){.addr = r->signal_point};
    if (bp)
        bp->signal_point = true;
}

int replay_set_breakpoints(struct replay *r, const uint64_t *addrs, int n)
{
    if (n > REPLAY_MAX_BREAKPOINTS)
        n = REPLAY_MAX_BREAKPOINTS;
    for (int i = 0; i < r->nbps; i++)
        disarm(r, &r->bps[i]);
    r->nbps = 0;
    for (int i = 0; i < n; i++)
        if (!entry_at(r, addrs[i])) {
            /* at a boundary every arrival is still to come; mid-event only a save point's
             * counts (r->base, while the replay stands still there) say how many came */
            struct breakpoint bp = {.addr = addrs[i], .user = true, .counted = !r->mid_event};
            for (int j = 0; r->base.valid && j < r->base.n; j++)
                if (r->base.at[j].addr == bp.addr) {
                    bp.hits = r->base.at[j].hits;
                    bp.counted = true;
                }
            r->bps[r->nbps++] = bp;
        }
    add_signal_point(r);
    replay_arm_breakpoints(r);
    int armed = 0;
    for (int i = 0; i < r->nbps; i++)
        armed += r->bps[i].inserted && r->bps[i].user;
    return armed;
}

void replay_set_signal_point(struct replay *r, uint64_t addr)
{
    if (addr == r->signal_point)
        return;
    struct breakpoint *old = r->signal_point ? entry_at(r, r->signal_point) : NULL;
    if (old && (old->user || old->temporary)) {
        old->signal_point = false;
    } else if (old) {
        disarm(r, old);
        if (r->unarmed_bp == old->addr)
            r->unarmed_bp = 0;
        *old = r->bps[--r->nbps];
    }
    r->signal_point = addr;
    add_signal_point(r);
    replay_arm_breakpoints(r);
}

int replay_read_mem(struct replay *r, uint64_t addr, void *out, size_t n)
{
    if (!r->alive)
        return -ESRCH;
    int rc = tracee_read(&r->t, addr, out, n);
    if (rc < 0)
        return rc;
    for (int i = 0; i < r->nbps; i++)
        if (r->bps[i].inserted && r->bps[i].addr >= addr && r->bps[i].addr < addr + n)
            ((uint8_t *)out)[r->bps[i].addr - addr] = r->bps[i].saved;
    return 0;
}

void replay_breakpoint_bytes(struct replay *r, bool in)
{
    static const uint8_t int3 = 0xcc;
    for (int i = 0; i < r->nbps; i++)
        if (r->bps[i].inserted && (!in || r->bps[i].addr != r->unarmed_bp))
            tracee_write(&r->t, r->bps[i].addr, in ? &int3 : &r->bps[i].saved, 1);
}

struct breakpoint *replay_user_breakpoint_at(struct replay *r, uint64_t addr)
{
    struct breakpoint *bp = replay_breakpoint_at(r, addr);
    return bp && bp->user ? bp : NULL;
}

int replay_add_temporary(struct replay *r, uint64_t addr)
{
    struct breakpoint *there = entry_at(r, addr);
    if (there) {
        /* a user's entry stops there already; the signal point's own is made to stop too */
        if (!there->user && !there->temporary) {
            there->temporary = true;
            return 1;
        }
        return 0;
    }
    if (r->nbps >= REPLAY_MAX_BREAKPOINTS + 2)
        return 0;
    r->bps[r->nbps++] = (struct breakpoint){.addr = addr, .temporary = true};
    replay_arm_breakpoints(r);
    return 1;
}

void replay_drop_temporaries(struct replay *r)
{
    int kept = 0;
    for (int i = 0; i < r->nbps; i++) {
        if (r->bps[i].temporary && r->bps[i].signal_point) {
            r->bps[i].temporary = false; /* the signal point's entry stays */
            r->bps[kept++] = r->bps[i];
        } else if (r->bps[i].temporary) {
            if (r->bps[i].addr == r->unarmed_bp)
                r->unarmed_bp = 0; /* its byte is out already */
            else
                disarm(r, &r->bps[i]);
        } else {
            r->bps[kept++] = r->bps[i];
        }
    }
    r->nbps = kept;
}
