/*
 * session_motion.c: the motion requests of a debugging session (STEP_LINE, STEP_OUT,
 * STEP_INSN_OVER, MOTION_GO_ON; protocol/wire-protocol.md): decoded by wire.c, run by the motion
 * engine (replay_motion.c) with PAUSE honoured, answered with OUTPUT messages and one STOPPED.
 */
#include "session_internal.h"
#include "wire.h"

struct motion_args {
    uint16_t type;
    struct wire_motion req;
};

static struct symtab *symbols_now(void *ctx) { return session_symbols(ctx); }

static void run_motion(struct session *s, void *arg, struct replay_stop *st)
{
    const struct motion_args *a = arg;
    enum motion_kind kind = a->type == WIRE_STEP_OUT        ? MOTION_STEP_OUT
                            : a->type == WIRE_STEP_INSN_OVER ? MOTION_NEXT_INSN
                            : a->req.into                    ? MOTION_STEP_IN
                                                             : MOTION_NEXT;
    if (a->type == WIRE_MOTION_GO_ON)
        motion_go_on(s->motion, s->replay, a->req.save_event, st);
    else
        motion_start(s->motion, s->replay, kind, a->req.save_event, st);
}

void session_handle_motion(struct session *s, uint16_t type, struct cursor *c)
{
    struct motion_args a = {.type = type};
    if (wire_parse_motion(type, c, &a.req) < 0) {
        session_send_error(s, ERR_MALFORMED, "malformed motion request");
        return;
    }
    if (!s->replay) {
        session_send_error(s, ERR_MALFORMED, "no debugging session is open");
        return;
    }
    if (!s->motion)
        s->motion = motion_new(symbols_now, s);
    if (type == WIRE_MOTION_GO_ON && !motion_live(s->motion)) {
        session_send_error(s, ERR_MALFORMED, "no motion to go on with: the last one ended, or the "
                                             "replay moved since");
        return;
    }
    struct replay_stop st;
    session_run_watched(s, run_motion, &a, &st);
}

bool session_keeps_motion(uint16_t type)
{
    switch (type) {
    case WIRE_PAUSE:
    case WIRE_READ_REGISTERS:
    case WIRE_READ_MEMORY:
    case WIRE_LINE_ADDRESSES:
    case WIRE_FUNCTION_ADDRESSES:
    case WIRE_STACK:
    case WIRE_VARIABLES:
    case WIRE_TYPE:
    case WIRE_DISASSEMBLE:
    case WIRE_SAVE:
    case WIRE_DROP:
    case WIRE_SAVEPOINT_INFO:
    case WIRE_CALL:
    case WIRE_READ_CALL_MEMORY:
    case WIRE_SYMBOL_AT:
    case WIRE_CXX_TYPE:
    case WIRE_RUST_TYPE:
        return true;
    default:
        return false;
    }
}
