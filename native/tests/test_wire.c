/*
 * test_wire.c: the agent's wire encoder against the protocol/golden files, byte for byte, and the
 * frame reader against the same bytes (run from native/tests: the golden folder is ../../protocol).
 */
#include "check.h"
#include "wire.h"
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

    struct last_arrival a = {true, 0x401150, 42, 0x7fffffffe0d0ull, 2, 5, 4};
    struct replay_stop st = {.reason = RSTOP_BREAKPOINT, .event = 42, .pc = 0x401136,
                             .breakpoint = 0x401136, .hits = 3};
    struct buf b = {0};
    wire_last_arrival(&b, &a, &st);
    same("last_arrival", &b);
    buf_free(&b);
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

int main(void)
{
    struct buf b = {0};
    wire_hello(&b, 7, "rewind-java");
    same("hello", &b);
    wire_hello_ok(&b, 7, "0.1.0");
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

    check(crc32c(0, "123456789", 9) == 0xE3069283u, "crc32c check value");
    return check_summary();
}
