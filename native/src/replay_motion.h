/*
 * replay_motion.h: the motion engine: a source-line step (next, step in), a step out (of a real
 * or an inlined frame) or an instruction step over calls, each run to completion by the agent
 * from one request, with the stop rule decided here instruction by instruction (DWARF line table
 * with is_stmt, inlined-subroutine ranges, frames told apart by their CFA). See DESIGN.md,
 * "Motions", and protocol/wire-protocol.md (STEP_LINE, STEP_OUT, STEP_INSN_OVER, MOTION_GO_ON).
 *
 * A motion ends with one stop. Two of them leave it "live", so that MOTION_GO_ON continues it
 * where it was: a user breakpoint met on the way (the client's conditions may decline it) and an
 * event boundary the client asked to stop at (to make a save point there).
 */
#ifndef REWIND_REPLAY_MOTION_H
#define REWIND_REPLAY_MOTION_H

#include <stdbool.h>
#include <stdint.h>

#include "replay.h"
#include "symbols.h"

enum motion_kind { MOTION_NEXT, MOTION_STEP_IN, MOTION_STEP_OUT, MOTION_NEXT_INSN };

/* The symbol table of the replayed address space now (rebuilt when its mappings changed). */
typedef struct symtab *(*motion_symbols_fn)(void *ctx);

/* Most instructions one motion single-steps before it gives up (calls run freely, uncounted). */
#define MOTION_STEP_BUDGET 1000000u

struct motion;

struct motion *motion_new(motion_symbols_fn syms, void *ctx);
void motion_free(struct motion *m);

/*
 * Runs a motion of `kind` from the current stop. `save_event` (0: none) is an event index: the
 * motion stops at that event's boundary when it gets there (RSTOP_EVENT, live). The stop is in
 * *stop: RSTOP_STEP when the motion's rule stopped it, RSTOP_BREAKPOINT at a user breakpoint
 * (live), anything else as RESUME would report it (the motion is over).
 */
void motion_start(struct motion *m, struct replay *r, enum motion_kind kind, uint64_t save_event,
                  struct replay_stop *stop);

/* Continues the live motion (see above). -1 when there is none (nothing ran), else 0. */
int motion_go_on(struct motion *m, struct replay *r, uint64_t save_event, struct replay_stop *stop);

/* Inlined calls the current stop is shown outside of (a step stopped at their call site, as gdb
 * shows it): STACK hides that many inline frames of the innermost frame. 0 once the replay moved. */
int motion_hidden_inline(const struct motion *m);

/* Whether a motion is live. */
bool motion_live(const struct motion *m);

/* Ends a live motion (another request moves or changes the replay): its temporary breakpoints go. */
void motion_forget(struct motion *m, struct replay *r);

#endif
