/*
 * replay_breakpoints.c: the replay session's breakpoints: int3 bytes written into the replayed
 * process at the addresses asked for (once each; those not mapped yet are armed when they are),
 * taken out again when the set changes, and hidden from memory reads.
 *
 * An entry per address, with its owners (the client, the motion engine, the signal point: one int3
 * serves them all); an owner is added and taken away alone, and the entry goes with its last one.
 * Whether a hit is reported follows from the owners (BP_REPORTED; replay.c, hit_reported).
 *
 * Invariant: a breakpoint is `inserted` exactly when its int3 byte is in the process's memory and
 * `saved` holds the byte it replaced (except the one at unarmed_bp, whose byte is out until the
 * next resume).
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

/* Gives the entry at addr the owner, adding the entry (armed by replay_arm_breakpoints) when there
 * is none: the entry, or NULL when the table is full. */
static struct breakpoint *own(struct replay *r, uint64_t addr, unsigned owner)
{
    struct breakpoint *bp = entry_at(r, addr);
    if (!bp && r->nbps < REPLAY_MAX_BREAKPOINTS + 2)
        bp = &r->bps[r->nbps++], *bp = (struct breakpoint){.addr = addr};
    if (bp)
        bp->owners |= owner;
    return bp;
}

/* Takes owner away from entry i; an entry left without owners goes (its byte out, the last entry
 * in its place): true then. */
static bool disown(struct replay *r, int i, unsigned owner)
{
    struct breakpoint *bp = &r->bps[i];
    bp->owners &= ~owner;
    if (bp->owners)
        return false;
    disarm(r, bp);
    if (r->unarmed_bp == bp->addr)
        r->unarmed_bp = 0;
    *bp = r->bps[--r->nbps];
    return true;
}

int replay_set_breakpoints(struct replay *r, const uint64_t *addrs, int n)
{
    if (n > REPLAY_MAX_BREAKPOINTS)
        n = REPLAY_MAX_BREAKPOINTS;
    for (int i = 0; i < r->nbps; i++)
        disarm(r, &r->bps[i]);
    r->nbps = 0;
    for (int i = 0; i < n; i++) {
        bool fresh = !entry_at(r, addrs[i]);
        struct breakpoint *bp = own(r, addrs[i], BP_USER);
        if (!bp || !fresh)
            continue;
        /* at a boundary every arrival is still to come; mid-event only a save point's
         * counts (r->base, while the replay stands still there) say how many came */
        bp->counted = !r->mid_event;
        for (int j = 0; r->base.valid && j < r->base.n; j++)
            if (r->base.at[j].addr == bp->addr) {
                bp->hits = r->base.at[j].hits;
                bp->counted = true;
            }
    }
    if (r->signal_point)
        own(r, r->signal_point, BP_SIGNAL_POINT);
    replay_arm_breakpoints(r);
    int armed = 0;
    for (int i = 0; i < r->nbps; i++)
        armed += r->bps[i].inserted && (r->bps[i].owners & BP_USER);
    return armed;
}

void replay_set_signal_point(struct replay *r, uint64_t addr)
{
    if (addr == r->signal_point)
        return;
    for (int i = 0; r->signal_point && i < r->nbps; i++)
        if (r->bps[i].addr == r->signal_point) {
            disown(r, i, BP_SIGNAL_POINT);
            break;
        }
    r->signal_point = addr;
    if (addr)
        own(r, addr, BP_SIGNAL_POINT);
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
    return bp && (bp->owners & BP_USER) ? bp : NULL;
}

int replay_add_temporary(struct replay *r, uint64_t addr)
{
    struct breakpoint *there = entry_at(r, addr);
    if (there && (there->owners & BP_REPORTED))
        return 0; /* a user's (or another temporary) entry stops there already */
    if (!own(r, addr, BP_TEMPORARY))
        return 0;
    replay_arm_breakpoints(r);
    return 1;
}

void replay_drop_temporaries(struct replay *r)
{
    for (int i = 0; i < r->nbps;)
        if (!(r->bps[i].owners & BP_TEMPORARY) || !disown(r, i, BP_TEMPORARY))
            i++;
}
