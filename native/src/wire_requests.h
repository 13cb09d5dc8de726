/*
 * wire_requests.h: the decoders of the debugging session's requests (protocol/wire-protocol.md,
 * OPEN through CXX_TYPE), one per request, each into a plain struct. session.c's switch calls the
 * decoder, then the handler; tests/test_wire.c checks every decoder against the golden frames.
 * The motion requests' decoder is in wire.h, FIND_LAST's in wire_search.h.
 *
 * Every decoder reads the fields after the frame header from c and returns NULL when the frame is
 * well formed (every field present, nothing left over, every value in range), or else the message
 * of the ERROR (code 1, malformed) to answer with; on an error nothing is left to free.
 */
#ifndef REWIND_WIRE_REQUESTS_H
#define REWIND_WIRE_REQUESTS_H

#include <stdbool.h>
#include <stdint.h>

#include "replay.h"
#include "util.h"

#define WIRE_MAX_BREAKPOINTS 65536  /* addresses in one SET_BREAKPOINTS */
#define WIRE_MAX_READ (1u << 20)    /* bytes in one READ_MEMORY */
#define WIRE_MAX_DISASSEMBLE 4096   /* instructions in one DISASSEMBLE */
#define WIRE_MAX_CALL_ARGS 6        /* integer arguments of one CALL */
#define WIRE_MAX_CALL_DATA (64u << 10) /* bytes of data one CALL passes */
#define WIRE_MAX_CALL_READ (1u << 20)  /* bytes in one READ_CALL_MEMORY */

struct wire_open { char *trace_dir; };            /* malloc'ed: the caller frees it */
struct wire_resume { uint8_t mode; };             /* 0 continue, 1 one instruction */
struct wire_set_breakpoints {
    uint32_t count;                               /* <= WIRE_MAX_BREAKPOINTS */
    uint64_t *addrs;                              /* malloc'ed: the caller frees it */
};
struct wire_read_memory { uint64_t address; uint32_t length; }; /* length <= WIRE_MAX_READ */
struct wire_line_addresses { char *file; uint32_t line; };      /* file: the caller frees it */
struct wire_function_addresses { char *name; };                 /* the caller frees name */
struct wire_lookup_name { char *name; };                        /* the caller frees name */
struct wire_stack { uint32_t max_frames; };
struct wire_variables { uint32_t frame; uint8_t scope; };       /* scope 0 or 1 */
struct wire_type_request { uint32_t type_id; }; /* TYPE (enum wire_type names the types) */
struct wire_cxx_type { uint32_t type_id; uint64_t object; };
struct wire_run_to_event { uint64_t event; };
struct wire_savepoint_ref { uint32_t savepoint; };  /* RESTORE, DROP, SAVEPOINT_INFO */
struct wire_snapshot {
    char *path;                                   /* malloc'ed: the caller frees it */
    uint8_t flags;                                /* only WIRE_SNAPSHOT_TRACK | WIRE_SNAPSHOT_BASE */
    uint64_t base_event;
};
struct wire_restore_snapshot { char *path; };     /* the caller frees path */
struct wire_set_watches {
    uint32_t count;                               /* <= REPLAY_MAX_WATCHES */
    uint64_t at[REPLAY_MAX_WATCHES];
    uint32_t len[REPLAY_MAX_WATCHES];
};
struct wire_disassemble { uint64_t address; uint32_t count; };  /* count <= WIRE_MAX_DISASSEMBLE */
struct wire_symbol_at { uint64_t address; };
struct wire_select_thread { uint32_t tid; };
struct wire_read_call_memory { uint32_t world; uint64_t address; uint32_t length; };
struct wire_call {
    uint64_t function;
    char *name;                                   /* malloc'ed: the caller frees it */
    uint32_t world;
    uint32_t argc;                                /* <= WIRE_MAX_CALL_ARGS */
    uint64_t args[WIRE_MAX_CALL_ARGS];            /* args[argc..] are 0 */
    uint8_t data_args;                            /* bits below argc only */
    uint32_t data_len;                            /* <= WIRE_MAX_CALL_DATA */
    const uint8_t *data;                          /* points into the frame decoded */
};

const char *wire_decode_open(struct cursor *c, struct wire_open *out);
const char *wire_decode_resume(struct cursor *c, struct wire_resume *out);
const char *wire_decode_set_breakpoints(struct cursor *c, struct wire_set_breakpoints *out);
const char *wire_decode_read_memory(struct cursor *c, struct wire_read_memory *out);
const char *wire_decode_line_addresses(struct cursor *c, struct wire_line_addresses *out);
const char *wire_decode_function_addresses(struct cursor *c, struct wire_function_addresses *out);
const char *wire_decode_lookup_name(struct cursor *c, struct wire_lookup_name *out);
const char *wire_decode_stack(struct cursor *c, struct wire_stack *out);
const char *wire_decode_variables(struct cursor *c, struct wire_variables *out);
const char *wire_decode_type(struct cursor *c, struct wire_type_request *out);
const char *wire_decode_cxx_type(struct cursor *c, struct wire_cxx_type *out);
const char *wire_decode_rust_type(struct cursor *c, struct wire_type_request *out);
const char *wire_decode_run_to_event(struct cursor *c, struct wire_run_to_event *out);
const char *wire_decode_savepoint_ref(struct cursor *c, struct wire_savepoint_ref *out);
const char *wire_decode_snapshot(struct cursor *c, struct wire_snapshot *out);
const char *wire_decode_restore_snapshot(struct cursor *c, struct wire_restore_snapshot *out);
const char *wire_decode_set_watches(struct cursor *c, struct wire_set_watches *out);
const char *wire_decode_disassemble(struct cursor *c, struct wire_disassemble *out);
const char *wire_decode_symbol_at(struct cursor *c, struct wire_symbol_at *out);
const char *wire_decode_select_thread(struct cursor *c, struct wire_select_thread *out);
const char *wire_decode_read_call_memory(struct cursor *c, struct wire_read_call_memory *out);
const char *wire_decode_call(struct cursor *c, struct wire_call *out);

/* Whether a request of this type neither moves nor changes the replay (queries, calls in their
 * own world, save points made or freed where it stands): a live motion can go on after it and the
 * call world stays open. SAVE_AT_HIT is not one (the replay steps back before its arrival). */
bool wire_request_keeps_replay(uint16_t type);

#endif
