/*
 * test_wire.c: the agent's wire encoder against the protocol/golden files, byte for byte, and the
 * frame reader against the same bytes (run from native/tests: the golden folder is ../../protocol).
 */
#include "check.h"
#include "wire.h"

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

    check_motions();

    check(crc32c(0, "123456789", 9) == 0xE3069283u, "crc32c check value");
    return check_summary();
}
