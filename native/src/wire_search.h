/*
 * wire_search.h: the codec of the backward-search motion's messages (protocol/wire-protocol.md,
 * FIND_LAST and LAST_ARRIVAL): FIND_LAST asks the agent to run from where the session stands to
 * a target position with a set of addresses armed, each with a rule on the CFA of the frame it is
 * arrived in, and to answer once with the last arrival that passed its rule. Kept apart from the
 * request switch so tests/test_wire.c checks it against the golden bytes.
 */
#ifndef REWIND_WIRE_SEARCH_H
#define REWIND_WIRE_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "replay.h"
#include "util.h"

#define WIRE_FIND_LAST 50
#define WIRE_LAST_ARRIVAL 51
#define WIRE_SAVE_AT_HIT 52
#define WIRE_SAVED_AT_HIT 53
/* The most addresses one FIND_LAST may arm. */
#define SEARCH_MAX_ADDRS 1000 /* the replay arms at most 1024 breakpoints */

enum search_target_kind {
    SEARCH_TO_BOUNDARY = 0,     /* the boundary of target.event (before that event is replayed) */
    SEARCH_TO_PC = 1,           /* the hits-th arrival at pc after the boundary of event */
    SEARCH_TO_END = 2,          /* where the replay stops by itself after the boundary of event */
};

enum search_cfa_rule {
    SEARCH_ANY_FRAME = 0,       /* every arrival counts */
    SEARCH_CFA_EQUAL = 1,       /* only in the frame whose CFA is `cfa` */
    SEARCH_CFA_AT_OR_ABOVE = 2, /* in that frame or its callers (CFA >= cfa: the stack grows down) */
    SEARCH_COUNT_ONLY = 3,      /* armed and counted (for SAVE_AT_HIT's counts), never judged */
};

struct search_addr {
    uint64_t addr;
    uint8_t rule;               /* enum search_cfa_rule */
    uint64_t cfa;
};

/* A FIND_LAST request. Invariant after a successful read: kind and every rule are known values,
 * naddrs <= SEARCH_MAX_ADDRS, a pc target has hits >= 1. */
struct find_last {
    uint8_t kind;               /* enum search_target_kind */
    uint64_t event, pc;
    uint32_t hits;
    uint32_t naddrs;
    struct search_addr *addrs;  /* malloc'ed: free with find_last_free */
};

/* What the motion found: the last qualifying arrival (when found), and the counts. */
struct last_arrival {
    bool found;
    uint64_t pc, event, cfa;
    uint32_t hits;              /* the arrival's count at pc since the boundary of event */
    uint64_t arrivals;          /* arrivals at the armed addresses on the way (target excluded) */
    uint64_t qualifying;        /* those that passed their rule */
};

/* Reads the fields of a FIND_LAST frame: 0, or -1 when malformed (nothing to free then). */
int wire_read_find_last(struct cursor *c, struct find_last *out);
void find_last_free(struct find_last *f);

/* Encodes LAST_ARRIVAL: the finding, then the stop where the motion ended (STOPPED's fields). */
void wire_last_arrival(struct buf *b, const struct last_arrival *a, const struct replay_stop *stop);

/* A SAVED_AT_HIT reply's fields: the save point (0: none could be made; the replay stands
 * before the arrival anyway), the event and pc of the arrival the replay stands before, the
 * save point's memory, and the counted breakpoints' hits before that arrival. */
struct saved_at_hit {
    uint32_t savepoint;
    uint64_t event, pc, memory;
    const struct hit_count *counts;
    uint32_t ncounts;
};

/* Encodes SAVED_AT_HIT. */
void wire_saved_at_hit(struct buf *b, const struct saved_at_hit *s);

/* STOPPED's fields (after its type), shared by STOPPED and LAST_ARRIVAL. */
void wire_put_stop(struct buf *b, const struct replay_stop *st);

#endif
