/*
 * wire.h: the agent's side of the Java ↔ agent wire protocol. The protocol is described in one
 * place, protocol/wire-protocol.md; tests/test_wire.c checks this encoder against the golden bytes
 * in protocol/golden/, as replay-core's WireCodecTest does for the Java side.
 */
#ifndef REWIND_WIRE_H
#define REWIND_WIRE_H

#include <stdint.h>
#include "util.h"

#define WIRE_PROTOCOL_VERSION 9
#define WIRE_MAX_FRAME (16u << 20)

enum wire_type {
    WIRE_HELLO = 1,
    WIRE_HELLO_OK = 2,
    WIRE_RECORD = 3,
    WIRE_REPLAY = 4,
    WIRE_STARTED = 5,
    WIRE_FINISHED = 6,
    WIRE_ERROR = 7,
    WIRE_BYE = 8,
    WIRE_OPEN = 9,
    WIRE_RESUME = 10,
    WIRE_SET_BREAKPOINTS = 11,
    WIRE_READ_REGISTERS = 12,
    WIRE_READ_MEMORY = 13,
    WIRE_CLOSE = 14,
    WIRE_LINE_ADDRESSES = 15,
    WIRE_FUNCTION_ADDRESSES = 16,
    WIRE_STACK = 17,
    WIRE_VARIABLES = 18,
    WIRE_TYPE = 19,
    WIRE_PAUSE = 20,
    WIRE_DISASSEMBLE = 21,
    WIRE_RUN_TO_EVENT = 22,
    WIRE_SAVE = 23,
    WIRE_RESTORE = 24,
    WIRE_DROP = 25,
    WIRE_SAVEPOINT_INFO = 26,
    WIRE_CALL = 27,
    WIRE_SET_WATCHES = 28,
    WIRE_SNAPSHOT = 29,
    WIRE_RESTORE_SNAPSHOT = 30,
    WIRE_STOPPED = 32,
    WIRE_OUTPUT = 33,
    WIRE_BREAKPOINTS_SET = 34,
    WIRE_REGISTERS = 35,
    WIRE_MEMORY = 36,
    WIRE_ADDRESSES = 37,
    WIRE_FRAMES = 38,
    WIRE_VARIABLE_LIST = 39,
    WIRE_TYPE_INFO = 40,
    WIRE_INSTRUCTIONS = 41,
    WIRE_SAVED = 42,
    WIRE_DONE = 43,
    WIRE_CALL_RESULT = 44,
    WIRE_SNAPSHOT_DONE = 45,
    WIRE_READ_CALL_MEMORY = 54,
    WIRE_SYMBOL_AT = 55,
    WIRE_SYMBOL = 56,
    WIRE_THREADS = 57,
    WIRE_THREAD_LIST = 58,
    WIRE_SELECT_THREAD = 59,
    WIRE_CXX_TYPE = 60,
    WIRE_CXX_TYPE_INFO = 61,
    WIRE_RUST_TYPE = 64,
    WIRE_RUST_TYPE_INFO = 65,
    WIRE_LOOKUP_NAME = 74,
    WIRE_NAMED = 75,
    WIRE_STEP_LINE = 46,
    WIRE_STEP_OUT = 47,
    WIRE_STEP_INSN_OVER = 48,
    WIRE_MOTION_GO_ON = 49,
};

/* SNAPSHOT flags */
#define WIRE_SNAPSHOT_TRACK 1u /* track written pages from now on (dirty.h) */
#define WIRE_SNAPSHOT_BASE 2u  /* base_event names a snapshot of this session the store holds */

enum wire_error {
    WIRE_ERR_MALFORMED = 1,
    WIRE_ERR_VERSION = 2,
    WIRE_ERR_START = 3,
    WIRE_ERR_TRACE = 4,
    WIRE_ERR_DIVERGED = 5,
    WIRE_ERR_UNSUPPORTED = 6,
    WIRE_ERR_IO = 7,
    WIRE_ERR_INTERNAL = 8,
};

/* Starts a frame of `type` in b (emptied first); append fields with buf_*, then end it. */
void wire_begin(struct buf *b, uint16_t type);
void wire_end(struct buf *b);

/* Encoders for the agent's messages (whole frames into b). */
void wire_hello(struct buf *b, uint32_t version, const char *client);
void wire_hello_ok(struct buf *b, uint32_t version, const char *agent_version);
void wire_started(struct buf *b, uint32_t pid);
void wire_finished(struct buf *b, int32_t wait_status, uint64_t events, uint8_t complete,
                   const char *message);
void wire_error(struct buf *b, uint32_t code, const char *message);

/* A motion request (STEP_LINE, STEP_OUT, STEP_INSN_OVER, MOTION_GO_ON), decoded. */
struct wire_motion {
    uint8_t into;           /* STEP_LINE: 1 step in, 0 step over */
    uint64_t save_event;    /* stop at this event's boundary on the way (0: none) */
};
/* Decodes the fields of a motion request of `type`: 0, or -1 when malformed. */
int wire_parse_motion(uint16_t type, struct cursor *c, struct wire_motion *out);
/* Encodes one (for the tests: requests come from Java). */
void wire_motion(struct buf *b, uint16_t type, const struct wire_motion *m);

/* Reads one frame: its type and the fields after the 8-byte frame header into payload.
 * Returns 1, 0 at a clean end of stream, -1 on a broken or oversized frame. */
int wire_read(int fd, uint16_t *type, struct buf *payload);

/* Sends a whole frame. Returns 0 or -errno. */
int wire_send(int fd, const struct buf *frame);

#endif
