/*
 * wire_requests.c: see wire_requests.h. One decoder per session request: each reads its fields in
 * the order protocol/wire-protocol.md gives them and refuses a short, overlong or out-of-range frame
 * with the ERROR message the agent has always answered it with.
 */
#include "wire_requests.h"
#include "wire.h"

#include <stdbool.h>
#include <stdlib.h>

/* Whether every field was present and none is left over. */
static bool whole(const struct cursor *c)
{
    return !c->bad && c->p == c->end;
}

/* Frees a decoded string on a malformed frame: the caller has nothing to free then. */
static const char *refuse(char **str, const char *message)
{
    free(*str);
    *str = NULL;
    return message;
}

const char *wire_decode_open(struct cursor *c, struct wire_open *out)
{
    out->trace_dir = cur_str(c);
    return whole(c) ? NULL : refuse(&out->trace_dir, "malformed OPEN message");
}

const char *wire_decode_resume(struct cursor *c, struct wire_resume *out)
{
    out->mode = cur_u8(c);
    return whole(c) && out->mode <= 1 ? NULL : "malformed RESUME message";
}

const char *wire_decode_set_breakpoints(struct cursor *c, struct wire_set_breakpoints *out)
{
    out->count = cur_u32(c);
    out->addrs = NULL;
    if (out->count > WIRE_MAX_BREAKPOINTS)
        return "malformed SET_BREAKPOINTS message";
    out->addrs = xmalloc(sizeof *out->addrs * (out->count + 1));
    for (uint32_t i = 0; i < out->count; i++)
        out->addrs[i] = cur_u64(c);
    if (whole(c))
        return NULL;
    free(out->addrs);
    out->addrs = NULL;
    return "malformed SET_BREAKPOINTS message";
}

const char *wire_decode_read_memory(struct cursor *c, struct wire_read_memory *out)
{
    out->address = cur_u64(c);
    out->length = cur_u32(c);
    return whole(c) && out->length <= WIRE_MAX_READ ? NULL : "malformed READ_MEMORY message";
}

const char *wire_decode_line_addresses(struct cursor *c, struct wire_line_addresses *out)
{
    out->file = cur_str(c);
    out->line = cur_u32(c);
    return whole(c) ? NULL : refuse(&out->file, "malformed LINE_ADDRESSES message");
}

const char *wire_decode_function_addresses(struct cursor *c, struct wire_function_addresses *out)
{
    out->name = cur_str(c);
    return whole(c) ? NULL : refuse(&out->name, "malformed FUNCTION_ADDRESSES message");
}

const char *wire_decode_lookup_name(struct cursor *c, struct wire_lookup_name *out)
{
    out->name = cur_str(c);
    return whole(c) ? NULL : refuse(&out->name, "malformed LOOKUP_NAME message");
}

const char *wire_decode_stack(struct cursor *c, struct wire_stack *out)
{
    out->max_frames = cur_u32(c);
    return whole(c) ? NULL : "malformed STACK message";
}

const char *wire_decode_variables(struct cursor *c, struct wire_variables *out)
{
    out->frame = cur_u32(c);
    out->scope = cur_u8(c);
    return whole(c) && out->scope <= 1 ? NULL : "malformed VARIABLES message";
}

const char *wire_decode_type(struct cursor *c, struct wire_type_request *out)
{
    out->type_id = cur_u32(c);
    return whole(c) ? NULL : "malformed TYPE message";
}

const char *wire_decode_cxx_type(struct cursor *c, struct wire_cxx_type *out)
{
    out->type_id = cur_u32(c);
    out->object = cur_u64(c);
    return whole(c) ? NULL : "malformed CXX_TYPE message";
}

const char *wire_decode_rust_type(struct cursor *c, struct wire_type_request *out)
{
    out->type_id = cur_u32(c);
    return whole(c) ? NULL : "malformed RUST_TYPE message";
}

const char *wire_decode_run_to_event(struct cursor *c, struct wire_run_to_event *out)
{
    out->event = cur_u64(c);
    return whole(c) ? NULL : "malformed RUN_TO_EVENT message";
}

const char *wire_decode_savepoint_ref(struct cursor *c, struct wire_savepoint_ref *out)
{
    out->savepoint = cur_u32(c);
    return whole(c) ? NULL : "malformed save point message";
}

const char *wire_decode_snapshot(struct cursor *c, struct wire_snapshot *out)
{
    out->path = cur_str(c);
    out->flags = cur_u8(c);
    out->base_event = cur_u64(c);
    bool known = (out->flags & ~(WIRE_SNAPSHOT_TRACK | WIRE_SNAPSHOT_BASE)) == 0;
    return whole(c) && known ? NULL : refuse(&out->path, "malformed SNAPSHOT message");
}

const char *wire_decode_restore_snapshot(struct cursor *c, struct wire_restore_snapshot *out)
{
    out->path = cur_str(c);
    return whole(c) ? NULL : refuse(&out->path, "malformed RESTORE_SNAPSHOT message");
}

const char *wire_decode_set_watches(struct cursor *c, struct wire_set_watches *out)
{
    out->count = cur_u32(c);
    if (out->count > REPLAY_MAX_WATCHES)
        return "at most 32 data breakpoints";
    for (uint32_t i = 0; i < out->count; i++) {
        out->at[i] = cur_u64(c);
        out->len[i] = cur_u32(c);
    }
    return whole(c) ? NULL : "malformed SET_WATCHES message";
}

const char *wire_decode_disassemble(struct cursor *c, struct wire_disassemble *out)
{
    out->address = cur_u64(c);
    out->count = cur_u32(c);
    return whole(c) && out->count <= WIRE_MAX_DISASSEMBLE ? NULL : "malformed DISASSEMBLE message";
}

const char *wire_decode_symbol_at(struct cursor *c, struct wire_symbol_at *out)
{
    out->address = cur_u64(c);
    return whole(c) ? NULL : "malformed SYMBOL_AT message";
}

const char *wire_decode_select_thread(struct cursor *c, struct wire_select_thread *out)
{
    out->tid = cur_u32(c);
    return whole(c) ? NULL : "malformed SELECT_THREAD message";
}

const char *wire_decode_read_call_memory(struct cursor *c, struct wire_read_call_memory *out)
{
    out->world = cur_u32(c);
    out->address = cur_u64(c);
    out->length = cur_u32(c);
    return whole(c) && out->length <= WIRE_MAX_CALL_READ ? NULL : "malformed READ_CALL_MEMORY message";
}

const char *wire_decode_call(struct cursor *c, struct wire_call *out)
{
    *out = (struct wire_call){0};
    out->function = cur_u64(c);
    out->name = cur_str(c);
    out->world = cur_u32(c);
    out->argc = cur_u32(c);
    for (uint32_t i = 0; i < out->argc && i < WIRE_MAX_CALL_ARGS && !c->bad; i++)
        out->args[i] = cur_u64(c);
    out->data_args = cur_u8(c);
    out->data_len = cur_u32(c);
    out->data = out->data_len <= WIRE_MAX_CALL_DATA ? cur_bytes(c, out->data_len) : NULL;
    bool in_range = out->argc <= WIRE_MAX_CALL_ARGS && out->data_len <= WIRE_MAX_CALL_DATA &&
                    (out->data_args >> out->argc) == 0;
    return whole(c) && in_range ? NULL : refuse(&out->name, "malformed CALL message");
}

bool wire_request_keeps_replay(uint16_t type)
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
    case WIRE_THREADS:
    case WIRE_SELECT_THREAD:
    case WIRE_CXX_TYPE:
    case WIRE_RUST_TYPE:
    case WIRE_LOOKUP_NAME:
        return true;
    default:
        return false;
    }
}
