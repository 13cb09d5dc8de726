/*
 * session.c: see session.h. Turns wire messages into replay and symbol calls and their results
 * into wire replies. The messages that read debug information (STACK, VARIABLES, TYPE) are in
 * session_queries.c: the symbol table is rebuilt lazily from the replayed process's mappings after
 * each stop that may have changed them; frames of the last STACK request are kept so VARIABLES can
 * refer to them by index.
 */
#include "session.h"
#include "session_internal.h"
#include "disasm.h"
#include "replay.h"
#include "snapshot.h"
#include "symbols.h"
#include "wire.h"
#include "wire_search.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct session *session_new(int fd)
{
    struct session *s = calloc(1, sizeof *s);
    if (!s)
        fatal("out of memory");
    s->fd = fd;
    return s;
}

void session_send_error(struct session *s, uint32_t code, const char *message)
{
    wire_error(&s->out, code, message);
    wire_send(s->fd, &s->out);
}

void session_send_frame(struct session *s) { wire_end(&s->out), wire_send(s->fd, &s->out); }

static void forget_symbols(struct session *s)
{
    symtab_free(s->symtab);
    s->symtab = NULL;
    s->nframes = 0;
    s->nvframes = 0;
}

static void close_replay(struct session *s)
{
    session_call_forget(s);
    if (s->motion && s->replay)
        motion_forget(s->motion, s->replay);
    for (int i = 0; i < MAX_SAVEPOINTS; i++) {
        if (s->savepoints[i])
            replay_savepoint_free(s->replay, s->savepoints[i]);
        s->savepoints[i] = NULL;
    }
    forget_symbols(s);
    replay_close(s->replay);
    s->replay = NULL;
}

void session_free(struct session *s)
{
    close_replay(s);
    motion_free(s->motion);
    buf_free(&s->out);
    free(s);
}

/* ---- stops and output ---- */

static void send_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    struct session *s = ctx;
    wire_begin(&s->out, WIRE_OUTPUT);
    buf_u8(&s->out, (uint8_t)stream);
    buf_u32(&s->out, (uint32_t)n);
    buf_put(&s->out, bytes, n);
    session_send_frame(s);
}

static void send_stop(struct session *s, const struct replay_stop *st)
{
    wire_begin(&s->out, WIRE_STOPPED);
    wire_put_stop(&s->out, st);
    session_send_frame(s);
}

/* ---- pausing a running replay ---- */

/* While RESUME runs, a watcher thread reads the connection: PAUSE asks the replay to stop; any
 * other message is a protocol error (answered after the STOPPED); a closed connection pauses too. */
struct watcher {
    int fd, wake[2];
    struct replay *replay;
    pthread_t thread;
    uint16_t stray;                 /* type of a message that was not PAUSE, or 0 */
};

static void *watch(void *arg)
{
    struct watcher *w = arg;
    struct buf payload = {0};
    for (;;) {
        struct pollfd p[2] = {{w->fd, POLLIN, 0}, {w->wake[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            break;
        uint16_t type = 0;
        int got = wire_read(w->fd, &type, &payload);
        if (got <= 0) {
            replay_request_pause(w->replay); /* the client is gone: stop running for nobody */
            break;
        }
        if (type == WIRE_PAUSE) {
            replay_request_pause(w->replay);
            continue;
        }
        w->stray = type;
        break;
    }
    buf_free(&payload);
    return NULL;
}

/* Runs run(s, ctx) while a watcher thread answers PAUSE (replay_request_pause); returns the type
 * of a message other than PAUSE that arrived meanwhile (the caller answers it with ERROR after its
 * reply), or 0. */
uint16_t session_watch_pause(struct session *s, void (*run)(struct session *s, void *ctx), void *ctx)
{
    struct watcher w = {.fd = s->fd, .replay = s->replay};
    bool watching = pipe2(w.wake, O_CLOEXEC) == 0 &&
                    pthread_create(&w.thread, NULL, watch, &w) == 0;
    run(s, ctx);
    if (watching) {
        ssize_t n = write(w.wake[1], "x", 1);
        (void)n;
        pthread_join(w.thread, NULL);
    }
    if (w.wake[0] > 0) {
        close(w.wake[0]);
        close(w.wake[1]);
    }
    return w.stray;
}

struct stop_run {
    session_run_fn fn;
    void *arg;
    struct replay_stop *st;
};

static void run_to_stop(struct session *s, void *ctx)
{
    struct stop_run *r = ctx;
    r->fn(s, r->arg, r->st);
}

/* Runs fn while PAUSE is honoured; then sends the stop (and the error for a stray message). */
void session_run_watched(struct session *s, session_run_fn fn, void *arg, struct replay_stop *st)
{
    s->nframes = s->nvframes = 0; /* frames belong to the stop they were asked at */
    struct stop_run r = {fn, arg, st};
    uint16_t stray = session_watch_pause(s, run_to_stop, &r);
    send_stop(s, st);
    if (stray)
        session_send_error(s, ERR_MALFORMED, "only PAUSE may be sent while the replay runs");
}

struct resume_args {
    enum replay_mode mode;
    uint64_t event;
};

static void run_resume(struct session *s, void *arg, struct replay_stop *st)
{
    const struct resume_args *a = arg;
    if (a->mode == RUN_TO_EVENT)
        replay_run_to_event(s->replay, a->event, st);
    else
        replay_resume(s->replay, a->mode, st);
}

static void resume_watched(struct session *s, enum replay_mode mode, uint64_t event,
                           struct replay_stop *st)
{
    struct resume_args a = {mode, event};
    session_run_watched(s, run_resume, &a, st);
}

/* ---- symbols of the replayed address space ---- */

/* Link-time address of file offset 0: the first PT_LOAD's page-aligned vaddr minus its offset. */
static void send_addresses(struct session *s, int actual_line, const uint64_t *addrs, int n)
{
    wire_begin(&s->out, WIRE_ADDRESSES);
    buf_u32(&s->out, (uint32_t)(actual_line > 0 ? actual_line : 0));
    buf_u32(&s->out, (uint32_t)n);
    for (int i = 0; i < n; i++)
        buf_u64(&s->out, addrs[i]);
    session_send_frame(s);
}

static void send_saved(struct session *s, uint32_t id)
{
    struct replay_savepoint *sp = s->savepoints[id - 1];
    wire_begin(&s->out, WIRE_SAVED);
    buf_u32(&s->out, id);
    buf_u64(&s->out, replay_savepoint_event(sp));
    buf_u64(&s->out, (uint64_t)replay_savepoint_memory(sp));
    session_send_frame(s);
}

/* ---- files of snapshots ---- */

/* Writes a new file (0600; it must not exist, not even as a link). 0, or -1 with err. */
static int write_new_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        return -1;
    }
    close(fd);
    return 0;
}

/* The largest snapshot body read (the Java side holds one in an array). */
#define MAX_BODY_FILE (((off_t)1 << 31) - 64)

/* Reads a whole regular file into out, not through a link; anything else (a FIFO, a device) is
 * refused without blocking (opened O_NONBLOCK, then checked), as is a file past MAX_BODY_FILE.
 * 0, or -1 with err. */
static int read_whole_file(const char *path, struct buf *out, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path,
                 errno == ELOOP ? "it is a symbolic link (not followed)" : strerror(errno));
        return -1;
    }
    struct stat sb = {0};
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size > MAX_BODY_FILE) {
        snprintf(err, errlen, "cannot read %s: %s", path,
                 !S_ISREG(sb.st_mode) ? "not a regular file" : "too large for a snapshot");
        close(fd);
        return -1;
    }
    uint8_t chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        buf_put(out, chunk, (size_t)n);
    int saved = errno;
    close(fd);
    if (n < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(saved));
        return -1;
    }
    return 0;
}

/* ---- dispatch ---- */

static void handle_open(struct session *s, struct cursor *c)
{
    char *dir = cur_str(c);
    if (c->bad || c->p != c->end) {
        session_send_error(s, ERR_MALFORMED, "malformed OPEN message");
    } else {
        close_replay(s);
        struct replay_stop st;
        s->replay = replay_open(dir, send_output, s, &st);
        if (s->replay)
            send_stop(s, &st);
        else
            session_send_error(s, (uint32_t)(st.error_code ? st.error_code : 4), st.message);
    }
    free(dir);
}

/* Whether a message of this type belongs to a debugging session (session_handle answers it). */
static bool session_message(uint16_t type)
{
    if (type >= WIRE_OPEN && type <= WIRE_RESTORE_SNAPSHOT)
        return true;
    switch (type) {
    case WIRE_FIND_LAST:
    case WIRE_READ_CALL_MEMORY:
    case WIRE_SYMBOL_AT:
    case WIRE_CXX_TYPE:
        return true;
    default:
        return false;
    }
}

bool session_handle(struct session *s, uint16_t type, struct cursor *c)
{
    if (type >= WIRE_STEP_LINE && type <= WIRE_MOTION_GO_ON) {
        session_call_forget(s); /* a motion moves the replay: the call world is stale */
        return session_handle_motion(s, type, c), true;
    }
    if (!session_message(type))
        return false;
    if (!session_call_keeps_world(type))
        session_call_forget(s);
    if (s->motion && s->replay && !session_keeps_motion(type))
        motion_forget(s->motion, s->replay); /* the replay moves or changes: no motion to go on with */
    if (type == WIRE_PAUSE)
        return true; /* nothing is running: nothing to pause */
    if (type == WIRE_OPEN) {
        handle_open(s, c);
        return true;
    }
    if (!s->replay) {
        session_send_error(s, ERR_MALFORMED, "no debugging session is open");
        return true;
    }
    uint64_t addrs[MAX_ADDRS];
    switch (type) {
    case WIRE_READ_CALL_MEMORY:
        session_handle_read_call_memory(s, c);
        break;
    case WIRE_SYMBOL_AT: {
        uint64_t addr = cur_u64(c);
        if (c->bad || c->p != c->end)
            session_send_error(s, ERR_MALFORMED, "malformed SYMBOL_AT message");
        else
            session_handle_symbol_at(s, addr);
        break;
    }
    case WIRE_FIND_LAST:
        s->nframes = s->nvframes = 0; /* frames belong to the stop they were asked at */
        session_handle_find_last(s, c);
        break;
    case WIRE_RESUME: {
        uint8_t mode = cur_u8(c);
        if (c->bad || c->p != c->end || mode > 1) {
            session_send_error(s, ERR_MALFORMED, "malformed RESUME message");
            break;
        }
        struct replay_stop st;
        resume_watched(s, mode ? RUN_STEP_INSN : RUN_CONTINUE, 0, &st);
        break;
    }
    case WIRE_SET_BREAKPOINTS: {
        uint32_t n = cur_u32(c);
        uint64_t *v = n <= 65536 ? xmalloc(sizeof *v * (n + 1)) : NULL;
        for (uint32_t i = 0; v && i < n; i++)
            v[i] = cur_u64(c);
        if (!v || c->bad || c->p != c->end) {
            session_send_error(s, ERR_MALFORMED, "malformed SET_BREAKPOINTS message");
        } else {
            int armed = replay_set_breakpoints(s->replay, v, (int)n);
            wire_begin(&s->out, WIRE_BREAKPOINTS_SET);
            buf_u32(&s->out, (uint32_t)armed);
            session_send_frame(s);
        }
        free(v);
        break;
    }
    case WIRE_READ_REGISTERS: {
        struct user_regs_struct regs;
        struct user_fpregs_struct fp;
        if (!replay_get_regs(s->replay, &regs) || !replay_get_fpregs(s->replay, &fp)) {
            session_send_error(s, ERR_NOT_AVAILABLE, "the program is no longer running");
            break;
        }
        wire_begin(&s->out, WIRE_REGISTERS);
        buf_put(&s->out, &regs, sizeof regs);
        buf_put(&s->out, &fp, sizeof fp);
        session_send_frame(s);
        break;
    }
    case WIRE_READ_MEMORY: {
        uint64_t addr = cur_u64(c);
        uint32_t len = cur_u32(c);
        if (c->bad || c->p != c->end || len > MAX_READ) {
            session_send_error(s, ERR_MALFORMED, "malformed READ_MEMORY message");
            break;
        }
        wire_begin(&s->out, WIRE_MEMORY);
        size_t at = s->out.len;
        buf_u32(&s->out, len);
        buf_reserve(&s->out, len);
        if (replay_read_mem(s->replay, addr, s->out.data + s->out.len, len) == 0) {
            s->out.len += len;
        } else {
            uint32_t zero = 0;
            memcpy(s->out.data + at, &zero, 4);
        }
        session_send_frame(s);
        break;
    }
    case WIRE_CLOSE:
        close_replay(s);
        wire_begin(&s->out, WIRE_STOPPED);
        s->out.len = 0; /* CLOSE has no reply */
        break;
    case WIRE_LINE_ADDRESSES: {
        char *file = cur_str(c);
        uint32_t line = cur_u32(c);
        int actual = 0;
        int n = (c->bad || c->p != c->end)
                    ? -2
                    : symtab_line_to_addrs(session_symbols(s), file, (int)line, addrs, MAX_ADDRS, &actual);
        if (n == -2)
            session_send_error(s, ERR_MALFORMED, "malformed LINE_ADDRESSES message");
        else if (n < 0)
            session_send_error(s, ERR_NOT_AVAILABLE, "no debug information for this file");
        else
            send_addresses(s, actual, addrs, n);
        free(file);
        break;
    }
    case WIRE_FUNCTION_ADDRESSES: {
        char *name = cur_str(c);
        int n = (c->bad || c->p != c->end)
                    ? -2
                    : symtab_function_addrs(session_symbols(s), name, addrs, MAX_ADDRS);
        if (n == -2)
            session_send_error(s, ERR_MALFORMED, "malformed FUNCTION_ADDRESSES message");
        else if (n < 0)
            session_send_error(s, ERR_NOT_AVAILABLE, "no function of that name");
        else
            send_addresses(s, 0, addrs, n);
        free(name);
        break;
    }
    case WIRE_STACK: {
        uint32_t max = cur_u32(c);
        if (c->bad || c->p != c->end)
            session_send_error(s, ERR_MALFORMED, "malformed STACK message");
        else
            session_handle_stack(s, max);
        break;
    }
    case WIRE_VARIABLES: {
        uint32_t frame = cur_u32(c);
        uint8_t scope = cur_u8(c);
        if (c->bad || c->p != c->end || scope > 1)
            session_send_error(s, ERR_MALFORMED, "malformed VARIABLES message");
        else
            session_handle_variables(s, frame, scope);
        break;
    }
    case WIRE_TYPE: {
        uint32_t id = cur_u32(c);
        if (c->bad || c->p != c->end)
            session_send_error(s, ERR_MALFORMED, "malformed TYPE message");
        else
            session_handle_type(s, id);
        break;
    }
    case WIRE_CXX_TYPE: {
        uint32_t id = cur_u32(c);
        uint64_t object = cur_u64(c);
        if (c->bad || c->p != c->end)
            session_send_error(s, ERR_MALFORMED, "malformed CXX_TYPE message");
        else
            session_handle_cxx_type(s, id, object);
        break;
    }
    case WIRE_RUN_TO_EVENT: {
        uint64_t event = cur_u64(c);
        if (c->bad || c->p != c->end) {
            session_send_error(s, ERR_MALFORMED, "malformed RUN_TO_EVENT message");
            break;
        }
        struct replay_stop st;
        resume_watched(s, RUN_TO_EVENT, event, &st);
        break;
    }
    case WIRE_SAVE: {
        char err[256];
        int slot = 0;
        while (slot < MAX_SAVEPOINTS && s->savepoints[slot])
            slot++;
        if (slot == MAX_SAVEPOINTS) {
            session_send_error(s, ERR_NOT_AVAILABLE, "too many save points");
            break;
        }
        struct replay_savepoint *sp = replay_save(s->replay, err, sizeof err);
        if (!sp) {
            session_send_error(s, ERR_NOT_AVAILABLE, err);
            break;
        }
        s->savepoints[slot] = sp;
        send_saved(s, (uint32_t)slot + 1);
        break;
    }
    case WIRE_RESTORE:
    case WIRE_DROP:
    case WIRE_SAVEPOINT_INFO: {
        uint32_t id = cur_u32(c);
        struct replay_savepoint *sp = id >= 1 && id <= MAX_SAVEPOINTS ? s->savepoints[id - 1] : NULL;
        if (c->bad || c->p != c->end) {
            session_send_error(s, ERR_MALFORMED, "malformed save point message");
        } else if (!sp) {
            session_send_error(s, ERR_NOT_AVAILABLE, "no such save point");
        } else if (type == WIRE_SAVEPOINT_INFO) {
            send_saved(s, id);
        } else if (type == WIRE_DROP) {
            replay_savepoint_free(s->replay, sp);
            s->savepoints[id - 1] = NULL;
            wire_begin(&s->out, WIRE_DONE);
            session_send_frame(s);
        } else {
            char err[256];
            s->nframes = s->nvframes = 0;
            if (replay_restore(s->replay, sp, err, sizeof err) < 0) {
                session_send_error(s, ERR_NOT_AVAILABLE, err);
            } else {
                struct replay_stop st;
                replay_run_to_event(s->replay, replay_savepoint_event(sp), &st);
                send_stop(s, &st);
            }
        }
        break;
    }
    case WIRE_SNAPSHOT: {
        char *path = cur_str(c);
        uint8_t flags = cur_u8(c);
        uint64_t base = cur_u64(c);
        if (c->bad || c->p != c->end || (flags & ~(WIRE_SNAPSHOT_TRACK | WIRE_SNAPSHOT_BASE))) {
            session_send_error(s, ERR_MALFORMED, "malformed SNAPSHOT message");
        } else {
            char err[512] = "";
            struct buf body = {0};
            struct snapshot_request req = {.track = flags & WIRE_SNAPSHOT_TRACK,
                                           .has_base = flags & WIRE_SNAPSHOT_BASE,
                                           .base_event = base};
            bool based = false;
            if (snapshot_encode(s->replay, &req, &body, &based, err, sizeof err) < 0) {
                session_send_error(s, ERR_NOT_AVAILABLE, err);
            } else if (write_new_file(path, body.data, body.len, err, sizeof err) < 0) {
                session_send_error(s, WIRE_ERR_IO, err);
            } else {
                wire_begin(&s->out, WIRE_SNAPSHOT_DONE);
                buf_u64(&s->out, snapshot_event(body.data, body.len));
                buf_u64(&s->out, body.len);
                buf_u8(&s->out, based);
                session_send_frame(s);
            }
            buf_free(&body);
        }
        free(path);
        break;
    }
    case WIRE_RESTORE_SNAPSHOT: {
        char *path = cur_str(c);
        char err[512] = "";
        struct buf body = {0};
        if (c->bad || c->p != c->end) {
            session_send_error(s, ERR_MALFORMED, "malformed RESTORE_SNAPSHOT message");
        } else if (read_whole_file(path, &body, err, sizeof err) < 0) {
            session_send_error(s, 4, err);
        } else {
            struct replay_stop st;
            s->nframes = s->nvframes = 0;
            if (replay_restore_snapshot(s->replay, body.data, body.len, &st) < 0)
                session_send_error(s, 4, st.message);
            else
                send_stop(s, &st);
        }
        buf_free(&body);
        free(path);
        break;
    }
    case WIRE_CALL:
        session_handle_call(s, c);
        break;
    case WIRE_SET_WATCHES: {
        uint32_t n = cur_u32(c);
        uint64_t at[REPLAY_MAX_WATCHES];
        uint32_t len[REPLAY_MAX_WATCHES];
        for (uint32_t i = 0; i < n && i < REPLAY_MAX_WATCHES; i++) {
            at[i] = cur_u64(c);
            len[i] = cur_u32(c);
        }
        char err[256] = "";
        if (c->bad || c->p != c->end || n > REPLAY_MAX_WATCHES)
            session_send_error(s, ERR_MALFORMED, n > REPLAY_MAX_WATCHES ? "at most 32 data breakpoints"
                                                                : "malformed SET_WATCHES message");
        else if (replay_set_watches(s->replay, at, len, (int)n, err, sizeof err) < 0)
            session_send_error(s, ERR_MALFORMED, err);
        else {
            wire_begin(&s->out, WIRE_DONE);
            session_send_frame(s);
        }
        break;
    }
    case WIRE_DISASSEMBLE: {
        uint64_t addr = cur_u64(c);
        uint32_t count = cur_u32(c);
        if (c->bad || c->p != c->end || count > 4096) {
            session_send_error(s, ERR_MALFORMED, "malformed DISASSEMBLE message");
            break;
        }
        /* read what is readable, page by page: code may end at an unmapped page */
        size_t want = (size_t)count * 15, have = 0;
        uint8_t *code = xmalloc(want + 1);
        while (have < want) {
            size_t chunk = 4096 - ((addr + have) & 4095);
            if (chunk > want - have)
                chunk = want - have;
            if (replay_read_mem(s->replay, addr + have, code + have, chunk) != 0)
                break;
            have += chunk;
        }
        wire_begin(&s->out, WIRE_INSTRUCTIONS);
        size_t at = s->out.len;
        buf_u32(&s->out, 0);
        uint32_t n = disasm_encode(code, have, addr, count, &s->out);
        memcpy(s->out.data + at, &n, 4);
        session_send_frame(s);
        free(code);
        break;
    }
    default:
        session_send_error(s, ERR_MALFORMED, "unexpected message type");
    }
    return true;
}
