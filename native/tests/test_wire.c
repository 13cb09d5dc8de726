/*
 * test_wire.c: the agent's wire encoder against the protocol/golden files, byte for byte, the
 * frame reader against the same bytes, and the request decoders (wire_requests.h, wire_search.h,
 * the motions in wire.h) against the golden requests: each decodes to the fields
 * protocol/golden/README.md lists, and each cut short, overlong or out of range is refused with its
 * ERROR message (run from native/tests: the golden folder is ../../protocol).
 */
#include "check.h"
#include "wire.h"
#include "wire_requests.h"
#include "wire_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static void golden(const char *name, struct buf *out)
{
    char path[256], hex[65536];
    snprintf(path, sizeof path, "../../protocol/golden/%s.hex", name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    size_t n = fread(hex, 1, sizeof hex - 1, f);
    fclose(f);
    hex[n] = 0;
    out->len = 0;
    for (size_t i = 0; i + 1 < n && hex[i] != '\n'; i += 2) {
        unsigned v;
        sscanf(hex + i, "%2x", &v);
        buf_u8(out, (uint8_t)v);
    }
}

static void same(const char *name, const struct buf *got);

/* FIND_LAST (from Java) decoded from its golden bytes; LAST_ARRIVAL encoded against them. */
static void search_messages(void)
{
    struct buf frame = {0};
    golden("find_last", &frame);
    struct cursor c = {frame.data + 8, frame.data + frame.len, false};
    struct find_last req;
    check(frame.len > 8 && frame.data[4] == WIRE_FIND_LAST, "FIND_LAST type");
    check(wire_read_find_last(&c, &req) == 0, "FIND_LAST decodes");
    check(req.kind == SEARCH_TO_PC && req.event == 42 && req.pc == 0x401136 && req.hits == 3,
          "FIND_LAST target");
    check(req.naddrs == 2 && req.addrs[0].addr == 0x401136 && req.addrs[0].rule == SEARCH_CFA_EQUAL &&
              req.addrs[0].cfa == 0x7fffffffe0d0ull && req.addrs[1].addr == 0x401150 &&
              req.addrs[1].rule == SEARCH_ANY_FRAME && req.addrs[1].cfa == 0,
          "FIND_LAST addresses and rules");
    find_last_free(&req);
    frame.data[frame.len - 9] = 7; /* an unknown rule */
    c = (struct cursor){frame.data + 8, frame.data + frame.len, false};
    check(wire_read_find_last(&c, &req) < 0, "FIND_LAST with an unknown rule is malformed");
    buf_free(&frame);

    golden("find_last_count_only", &frame);
    c = (struct cursor){frame.data + 8, frame.data + frame.len, false};
    check(wire_read_find_last(&c, &req) == 0 && req.naddrs == 1 && req.addrs[0].addr == 0x401150 &&
              req.addrs[0].rule == SEARCH_COUNT_ONLY && req.addrs[0].cfa == 0,
          "FIND_LAST with a count-only address");
    find_last_free(&req);
    buf_free(&frame);

    struct last_arrival a = {true, 0x401150, 42, 0x7fffffffe0d0ull, 2, 5, 4};
    struct replay_stop st = {.reason = RSTOP_BREAKPOINT, .event = 42, .pc = 0x401136,
                             .breakpoint = 0x401136, .hits = 3};
    struct buf b = {0};
    wire_last_arrival(&b, &a, &st);
    same("last_arrival", &b);
    struct hit_count counts[2] = {{0x401136, 6}, {0x401150, 7}};
    struct saved_at_hit saved = {5, 42, 0x401136, 438272, counts, 2};
    wire_saved_at_hit(&b, &saved);
    same("saved_at_hit", &b);
    buf_free(&b);
    golden("save_at_hit", &frame);
    uint16_t type;
    memcpy(&type, frame.data + 4, 2);
    check(frame.len == 8 && type == WIRE_SAVE_AT_HIT, "SAVE_AT_HIT is a bare frame of its type");
    buf_free(&frame);
}

static void same(const char *name, const struct buf *got)
{
    struct buf want = {0};
    golden(name, &want);
    check(want.len == got->len && !memcmp(want.data, got->data, want.len), name);
    buf_free(&want);
}

/* The motion requests: encoded to the golden bytes, and the golden frames decoded to their fields. */
static void check_motions(void)
{
    static const struct {
        const char *name;
        uint16_t type;
        struct wire_motion m;
    } ex[] = {
        {"step_line", WIRE_STEP_LINE, {1, 100}},
        {"step_out", WIRE_STEP_OUT, {0, 200}},
        {"step_insn_over", WIRE_STEP_INSN_OVER, {0, 0}},
        {"motion_go_on", WIRE_MOTION_GO_ON, {0, 300}},
    };
    struct buf b = {0}, g = {0};
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        wire_motion(&b, ex[i].type, &ex[i].m);
        same(ex[i].name, &b);
        golden(ex[i].name, &g);
        uint16_t type;
        memcpy(&type, g.data + 4, 2);
        struct cursor c = {g.data + 8, g.data + g.len, false};
        struct wire_motion got;
        check(type == ex[i].type && wire_parse_motion(type, &c, &got) == 0 &&
                  got.into == ex[i].m.into && got.save_event == ex[i].m.save_event,
              ex[i].name);
    }
    struct cursor bad = {g.data + 8, g.data + g.len - 1, false};
    struct wire_motion got;
    check(wire_parse_motion(WIRE_MOTION_GO_ON, &bad, &got) < 0, "a short motion request is malformed");
    buf_free(&b);
    buf_free(&g);
}

/* ---- the session requests' decoders (wire_requests.h): golden examples, short, long, out of range ---- */

/* Any one decoded request. */
union request {
    struct wire_open open;
    struct wire_resume resume;
    struct wire_set_breakpoints set_breakpoints;
    struct wire_read_memory read_memory;
    struct wire_line_addresses line_addresses;
    struct wire_function_addresses function_addresses;
    struct wire_lookup_name lookup_name;
    struct wire_stack stack;
    struct wire_variables variables;
    struct wire_type_request type;
    struct wire_cxx_type cxx_type;
    struct wire_run_to_event run_to_event;
    struct wire_savepoint_ref savepoint_ref;
    struct wire_snapshot snapshot;
    struct wire_restore_snapshot restore_snapshot;
    struct wire_set_watches set_watches;
    struct wire_disassemble disassemble;
    struct wire_symbol_at symbol_at;
    struct wire_select_thread select_thread;
    struct wire_read_call_memory read_call_memory;
    struct wire_call call;
};

#define DECODER(kind)                                                                           \
    static const char *decode_##kind(struct cursor *c, union request *r)                         \
    {                                                                                             \
        return wire_decode_##kind(c, &r->kind);                                                   \
    }
DECODER(open)
DECODER(resume)
DECODER(set_breakpoints)
DECODER(read_memory)
DECODER(line_addresses)
DECODER(function_addresses)
DECODER(lookup_name)
DECODER(stack)
DECODER(variables)
DECODER(type)
DECODER(cxx_type)
static const char *decode_rust_type(struct cursor *c, union request *r)
{
    return wire_decode_rust_type(c, &r->type);
}
DECODER(run_to_event)
DECODER(savepoint_ref)
DECODER(snapshot)
DECODER(restore_snapshot)
DECODER(set_watches)
DECODER(disassemble)
DECODER(symbol_at)
DECODER(select_thread)
DECODER(read_call_memory)
DECODER(call)

/* Whether the decoded golden example holds the README's values; frees what it holds. */
static bool open_fields(union request *r)
{
    bool ok = !strcmp(r->open.trace_dir, "/tmp/t");
    free(r->open.trace_dir);
    return ok;
}
static bool resume_fields(union request *r) { return r->resume.mode == 1; }
static bool set_breakpoints_fields(union request *r)
{
    bool ok = r->set_breakpoints.count == 2 && r->set_breakpoints.addrs[0] == 0x401136 &&
              r->set_breakpoints.addrs[1] == 0x7ffff7e1a000ull;
    free(r->set_breakpoints.addrs);
    return ok;
}
static bool read_memory_fields(union request *r)
{
    return r->read_memory.address == 0x7fffffffe000ull && r->read_memory.length == 64;
}
static bool line_addresses_fields(union request *r)
{
    bool ok = !strcmp(r->line_addresses.file, "loop.c") && r->line_addresses.line == 12;
    free(r->line_addresses.file);
    return ok;
}
static bool function_addresses_fields(union request *r)
{
    bool ok = !strcmp(r->function_addresses.name, "main");
    free(r->function_addresses.name);
    return ok;
}
static bool stack_fields(union request *r) { return r->stack.max_frames == 64; }
static bool variables_fields(union request *r)
{
    return r->variables.frame == 1 && r->variables.scope == 0;
}
static bool type_fields(union request *r) { return r->type.type_id == 7; }
static bool cxx_type_fields(union request *r)
{
    return r->cxx_type.type_id == 9 && r->cxx_type.object == 0x7fffffffe0f0ull;
}
static bool rust_type_fields(union request *r) { return r->type.type_id == 9; }
static bool lookup_name_fields(union request *r)
{
    bool ok = !strcmp(r->lookup_name.name, "ns::count");
    free(r->lookup_name.name);
    return ok;
}
static bool run_to_event_fields(union request *r) { return r->run_to_event.event == 1000; }
static bool savepoint_ref_fields(union request *r) { return r->savepoint_ref.savepoint == 3; }
static bool snapshot_fields(union request *r)
{
    bool ok = !strcmp(r->snapshot.path, "/tmp/t/snapshots/tmp-1") && r->snapshot.flags == 3 &&
              r->snapshot.base_event == 990;
    free(r->snapshot.path);
    return ok;
}
static bool restore_snapshot_fields(union request *r)
{
    bool ok = !strcmp(r->restore_snapshot.path, "/tmp/t/snapshots/tmp-2");
    free(r->restore_snapshot.path);
    return ok;
}
static bool set_watches_fields(union request *r)
{
    const struct wire_set_watches *w = &r->set_watches;
    return w->count == 2 && w->at[0] == 0x404040 && w->len[0] == 4 &&
           w->at[1] == 0x7fffffffe1a0ull && w->len[1] == 8;
}
static bool disassemble_fields(union request *r)
{
    return r->disassemble.address == 0x401136 && r->disassemble.count == 2;
}
static bool symbol_at_fields(union request *r) { return r->symbol_at.address == 0x401136; }
static bool select_thread_fields(union request *r) { return r->select_thread.tid == 4243; }
static bool read_call_memory_fields(union request *r)
{
    return r->read_call_memory.world == 3 && r->read_call_memory.address == 0x5555555580e0ull &&
           r->read_call_memory.length == 64;
}
static bool call_fields(union request *r)
{
    const struct wire_call *k = &r->call;
    bool ok = k->function == 0x401136 && !strcmp(k->name, "greet") && k->world == 0 && k->argc == 2 &&
              k->args[0] == 0 && k->args[1] == 5 && k->data_args == 1 && k->data_len == 3 &&
              !memcmp(k->data, "hi", 3);
    free(r->call.name);
    return ok;
}

static const struct example {
    const char *golden;       /* protocol/golden/<golden>.hex */
    uint16_t type;
    const char *(*decode)(struct cursor *c, union request *r);
    bool (*fields)(union request *r);
    const char *malformed;    /* the ERROR message of a malformed one */
} examples[] = {
    {"open", WIRE_OPEN, decode_open, open_fields, "malformed OPEN message"},
    {"resume", WIRE_RESUME, decode_resume, resume_fields, "malformed RESUME message"},
    {"set_breakpoints", WIRE_SET_BREAKPOINTS, decode_set_breakpoints, set_breakpoints_fields,
     "malformed SET_BREAKPOINTS message"},
    {"read_memory", WIRE_READ_MEMORY, decode_read_memory, read_memory_fields,
     "malformed READ_MEMORY message"},
    {"line_addresses", WIRE_LINE_ADDRESSES, decode_line_addresses, line_addresses_fields,
     "malformed LINE_ADDRESSES message"},
    {"function_addresses", WIRE_FUNCTION_ADDRESSES, decode_function_addresses,
     function_addresses_fields, "malformed FUNCTION_ADDRESSES message"},
    {"stack", WIRE_STACK, decode_stack, stack_fields, "malformed STACK message"},
    {"variables", WIRE_VARIABLES, decode_variables, variables_fields, "malformed VARIABLES message"},
    {"type", WIRE_TYPE, decode_type, type_fields, "malformed TYPE message"},
    {"cxx_type", WIRE_CXX_TYPE, decode_cxx_type, cxx_type_fields, "malformed CXX_TYPE message"},
    {"rust_type", WIRE_RUST_TYPE, decode_rust_type, rust_type_fields, "malformed RUST_TYPE message"},
    {"lookup_name", WIRE_LOOKUP_NAME, decode_lookup_name, lookup_name_fields, "malformed LOOKUP_NAME message"},
    {"run_to_event", WIRE_RUN_TO_EVENT, decode_run_to_event, run_to_event_fields,
     "malformed RUN_TO_EVENT message"},
    {"restore", WIRE_RESTORE, decode_savepoint_ref, savepoint_ref_fields, "malformed save point message"},
    {"drop", WIRE_DROP, decode_savepoint_ref, savepoint_ref_fields, "malformed save point message"},
    {"savepoint_info", WIRE_SAVEPOINT_INFO, decode_savepoint_ref, savepoint_ref_fields,
     "malformed save point message"},
    {"snapshot", WIRE_SNAPSHOT, decode_snapshot, snapshot_fields, "malformed SNAPSHOT message"},
    {"restore_snapshot", WIRE_RESTORE_SNAPSHOT, decode_restore_snapshot, restore_snapshot_fields,
     "malformed RESTORE_SNAPSHOT message"},
    {"set_watches", WIRE_SET_WATCHES, decode_set_watches, set_watches_fields,
     "malformed SET_WATCHES message"},
    {"disassemble", WIRE_DISASSEMBLE, decode_disassemble, disassemble_fields,
     "malformed DISASSEMBLE message"},
    {"symbol_at", WIRE_SYMBOL_AT, decode_symbol_at, symbol_at_fields, "malformed SYMBOL_AT message"},
    {"select_thread", WIRE_SELECT_THREAD, decode_select_thread, select_thread_fields,
     "malformed SELECT_THREAD message"},
    {"read_call_memory", WIRE_READ_CALL_MEMORY, decode_read_call_memory, read_call_memory_fields,
     "malformed READ_CALL_MEMORY message"},
    {"call", WIRE_CALL, decode_call, call_fields, "malformed CALL message"},
};

/* Decodes the fields of frame (header included) up to byte `to` of the frame. */
static const char *decode_span(const struct example *ex, const struct buf *frame, size_t to,
                               union request *r)
{
    struct cursor c = {frame->data + 8, frame->data + to, false};
    return ex->decode(&c, r);
}

static void message_is(const char *got, const char *want, const char *what)
{
    char label[512];
    snprintf(label, sizeof label, "%.200s: refused with \"%.200s\"", what, want);
    check(got && !strcmp(got, want), label);
}

/* The golden example decodes to its fields; every shorter frame and one a byte longer is refused. */
static void check_example(const struct example *ex)
{
    struct buf frame = {0};
    golden(ex->golden, &frame);
    uint16_t type;
    memcpy(&type, frame.data + 4, 2);
    union request r;
    const char *err = decode_span(ex, &frame, frame.len, &r);
    check(type == ex->type && !err && ex->fields(&r), ex->golden);
    bool short_refused = true;
    for (size_t to = 8; to < frame.len; to++) {
        const char *m = decode_span(ex, &frame, to, &r);
        short_refused = short_refused && m && !strcmp(m, ex->malformed);
    }
    char label[512];
    snprintf(label, sizeof label, "%s cut short at every length is refused", ex->golden);
    check(short_refused, label);
    buf_u8(&frame, 0);
    snprintf(label, sizeof label, "%s with a byte too many", ex->golden);
    message_is(decode_span(ex, &frame, frame.len, &r), ex->malformed, label);
    buf_free(&frame);
}

/* Decodes a frame built in b with the decoder of example `golden`. */
static const char *decode_built(const char *golden, struct buf *b)
{
    wire_end(b);
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        if (!strcmp(examples[i].golden, golden)) {
            union request r;
            return decode_span(&examples[i], b, b->len, &r);
        }
    }
    return "no such example";
}

/* Values out of range are refused even when the frame's length is right. */
static void check_values(void)
{
    struct buf b = {0};
    wire_begin(&b, WIRE_RESUME);
    buf_u8(&b, 2);
    message_is(decode_built("resume", &b), "malformed RESUME message", "RESUME mode 2");
    wire_begin(&b, WIRE_SET_BREAKPOINTS);
    buf_u32(&b, WIRE_MAX_BREAKPOINTS + 1);
    message_is(decode_built("set_breakpoints", &b), "malformed SET_BREAKPOINTS message",
               "SET_BREAKPOINTS of too many addresses");
    wire_begin(&b, WIRE_READ_MEMORY);
    buf_u64(&b, 0x1000);
    buf_u32(&b, WIRE_MAX_READ + 1);
    message_is(decode_built("read_memory", &b), "malformed READ_MEMORY message", "READ_MEMORY too long");
    wire_begin(&b, WIRE_VARIABLES);
    buf_u32(&b, 0);
    buf_u8(&b, 2);
    message_is(decode_built("variables", &b), "malformed VARIABLES message", "VARIABLES scope 2");
    wire_begin(&b, WIRE_SNAPSHOT);
    buf_str(&b, "/tmp/x");
    buf_u8(&b, 4);
    buf_u64(&b, 0);
    message_is(decode_built("snapshot", &b), "malformed SNAPSHOT message", "SNAPSHOT unknown flag");
    wire_begin(&b, WIRE_SET_WATCHES);
    buf_u32(&b, REPLAY_MAX_WATCHES + 1);
    message_is(decode_built("set_watches", &b), "at most 32 data breakpoints", "SET_WATCHES of 33");
    wire_begin(&b, WIRE_DISASSEMBLE);
    buf_u64(&b, 0x401136);
    buf_u32(&b, WIRE_MAX_DISASSEMBLE + 1);
    message_is(decode_built("disassemble", &b), "malformed DISASSEMBLE message", "DISASSEMBLE too many");
    wire_begin(&b, WIRE_READ_CALL_MEMORY);
    buf_u32(&b, 1);
    buf_u64(&b, 0x1000);
    buf_u32(&b, WIRE_MAX_CALL_READ + 1);
    message_is(decode_built("read_call_memory", &b), "malformed READ_CALL_MEMORY message",
               "READ_CALL_MEMORY too long");
    buf_free(&b);
}

/* CALL's ranges: at most 6 arguments, data arguments among them, at most 64 KiB of data. */
static void check_call_values(void)
{
    static const struct { uint32_t argc; uint8_t data_args; uint32_t data_len; const char *what; } bad[] = {
        {7, 0, 0, "CALL of 7 arguments"},
        {2, 4, 0, "CALL with a data argument past its arguments"},
        {0, 0, WIRE_MAX_CALL_DATA + 1, "CALL with too much data"},
    };
    struct buf b = {0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wire_begin(&b, WIRE_CALL);
        buf_u64(&b, 0x401136);
        buf_str(&b, "f");
        buf_u32(&b, 0);
        buf_u32(&b, bad[i].argc);
        for (uint32_t a = 0; a < bad[i].argc; a++)
            buf_u64(&b, a);
        buf_u8(&b, bad[i].data_args);
        buf_u32(&b, bad[i].data_len);
        for (uint32_t k = 0; k < bad[i].data_len; k++)
            buf_u8(&b, 0);
        message_is(decode_built("call", &b), "malformed CALL message", bad[i].what);
    }
    buf_free(&b);
}

static void check_requests(void)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        check_example(&examples[i]);
    check_values();
    check_call_values();
}

int main(void)
{
    struct buf b = {0};
    wire_hello(&b, 9, "rewind-java");
    same("hello", &b);
    wire_hello_ok(&b, 9, "0.1.0");
    same("hello_ok", &b);
    wire_started(&b, 4242);
    same("started", &b);
    wire_finished(&b, 256, 12, 1, "");
    same("finished", &b);
    wire_error(&b, 5, "replay diverged at event 3: expected write, got read");
    same("error", &b);

    /* RECORD and REPLAY come from Java: build them by hand, then read them back as frames. */
    wire_begin(&b, WIRE_RECORD);
    buf_str(&b, "/tmp/t");
    buf_str(&b, "/bin/echo");
    buf_u32(&b, 2);
    buf_str(&b, "echo");
    buf_str(&b, "hi");
    buf_str(&b, "/");
    buf_u32(&b, 1);
    buf_str(&b, "A=1");
    buf_u64(&b, 0); /* snapshot_every */
    wire_end(&b);
    same("record", &b);
    wire_begin(&b, WIRE_REPLAY);
    buf_str(&b, "/tmp/t");
    wire_end(&b);
    same("replay", &b);
    wire_begin(&b, WIRE_BYE);
    wire_end(&b);
    same("bye", &b);
    wire_begin(&b, WIRE_CXX_TYPE);
    buf_u32(&b, 9);
    buf_u64(&b, 0x7fffffffe0f0ull);
    wire_end(&b);
    same("cxx_type", &b);
    /* CXX_TYPE_INFO as session_handle_cxx_type lays it out */
    wire_begin(&b, WIRE_CXX_TYPE_INFO);
    buf_u32(&b, 9);
    buf_u8(&b, 0);
    buf_u32(&b, 1);
    buf_u32(&b, 0);
    buf_u32(&b, 2);
    buf_u32(&b, 3);
    buf_u32(&b, 5);
    buf_u32(&b, 12);
    buf_u64(&b, 0x7fffffffe0e0ull);
    wire_end(&b);
    same("cxx_type_info", &b);
    /* RUST_TYPE and RUST_TYPE_INFO as session_handle_rust_type lays it out: Option<&T>'s variants */
    wire_begin(&b, WIRE_RUST_TYPE);
    buf_u32(&b, 9);
    wire_end(&b);
    same("rust_type", &b);
    wire_begin(&b, WIRE_RUST_TYPE_INFO);
    buf_u32(&b, 9);
    buf_u8(&b, 1);
    buf_u32(&b, 3);
    buf_u64(&b, 0);
    buf_u32(&b, 2);
    buf_str(&b, "None");
    buf_u32(&b, 10);
    buf_u64(&b, 0);
    buf_u8(&b, 1);
    buf_u64(&b, 0);
    buf_str(&b, "Some");
    buf_u32(&b, 11);
    buf_u64(&b, 0);
    buf_u8(&b, 0);
    buf_u64(&b, 0);
    wire_end(&b);
    same("rust_type_info", &b);
    /* LOOKUP_NAME and NAMED as session_handle_lookup_name lays it out: a constant's bytes */
    wire_begin(&b, WIRE_LOOKUP_NAME);
    buf_str(&b, "ns::count");
    wire_end(&b);
    same("lookup_name", &b);
    wire_begin(&b, WIRE_NAMED);
    buf_u8(&b, 3);
    buf_u64(&b, 0);
    buf_u32(&b, 3);
    buf_u32(&b, 1);
    buf_u32(&b, 4);
    buf_put(&b, "\x07\0\0\0", 4);
    wire_end(&b);
    same("named", &b);

    /* the call and symbol messages (session_call.c, session_queries.c build them field by field) */
    wire_begin(&b, WIRE_CALL);
    buf_u64(&b, 0x401136);
    buf_str(&b, "greet");
    buf_u32(&b, 0); /* world */
    buf_u32(&b, 2);
    buf_u64(&b, 0);
    buf_u64(&b, 5);
    buf_u8(&b, 1); /* data_args */
    buf_u32(&b, 3);
    buf_put(&b, "hi", 3);
    wire_end(&b);
    same("call", &b);
    wire_begin(&b, WIRE_CALL_RESULT);
    buf_u8(&b, 0);
    buf_u64(&b, 0);
    buf_u32(&b, 7);
    buf_u32(&b, 0); /* world */
    buf_str(&b, "the call needs a syscall (getpid) that has no recorded result");
    wire_end(&b);
    same("call_result", &b);
    wire_begin(&b, WIRE_READ_CALL_MEMORY);
    buf_u32(&b, 3);
    buf_u64(&b, 0x5555555580e0ull);
    buf_u32(&b, 64);
    wire_end(&b);
    same("read_call_memory", &b);
    wire_begin(&b, WIRE_SYMBOL_AT);
    buf_u64(&b, 0x401136);
    wire_end(&b);
    same("symbol_at", &b);
    wire_begin(&b, WIRE_SYMBOL);
    buf_str(&b, "compare");
    buf_u64(&b, 0x401136);
    wire_end(&b);
    same("symbol", &b);

    /* the thread messages (session_threads.c builds THREAD_LIST field by field) */
    wire_begin(&b, WIRE_THREADS);
    wire_end(&b);
    same("threads", &b);
    wire_begin(&b, WIRE_THREAD_LIST);
    buf_u32(&b, 3);    /* threads in the recording */
    buf_u32(&b, 4243); /* the one that moves */
    buf_u32(&b, 2);
    buf_u32(&b, 4242);
    buf_str(&b, "");
    buf_u32(&b, 4243);
    buf_str(&b, "worker-1");
    wire_end(&b);
    same("thread_list", &b);

    int p[2];
    if (pipe(p) < 0)
        return 1;
    struct buf rec = {0};
    golden("record", &rec);
    if (write(p[1], rec.data, rec.len) != (ssize_t)rec.len)
        return 1;
    close(p[1]);
    uint16_t type = 0;
    struct buf payload = {0};
    check(wire_read(p[0], &type, &payload) == 1 && type == WIRE_RECORD, "read RECORD frame");
    struct cursor c = {payload.data, payload.data + payload.len, false};
    char *dir = cur_str(&c);
    check(!strcmp(dir, "/tmp/t"), "RECORD trace_dir");
    free(dir);
    check(wire_read(p[0], &type, &payload) == 0, "clean end of stream");
    close(p[0]);

    search_messages();
    check_motions();
    check_requests();

    check(crc32c(0, "123456789", 9) == 0xE3069283u, "crc32c check value");
    return check_summary();
}
