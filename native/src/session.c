/*
 * session.c: see session.h. Turns wire messages (decoded by wire_requests.c) into replay and symbol
 * calls and their results into wire replies. The messages that read debug information (STACK,
 * VARIABLES, TYPE) are in session_queries.c: the symbol table is rebuilt lazily from the replayed
 * process's mappings after each stop that may have changed them; frames of the last STACK request
 * are kept so VARIABLES can refer to them by index.
 */
#include "session.h"
#include "session_internal.h"
#include "disasm.h"
#include "replay.h"
#include "snapshot.h"
#include "symbols.h"
#include "wire.h"
#include "wire_requests.h"
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

/* ---- the requests' handlers: each gets its request decoded and well formed ---- */

/* Whether a request decoded well formed; when not, answers ERROR (malformed) with its message. */
static bool decoded(struct session *s, const char *malformed)
{
    if (malformed)
        session_send_error(s, ERR_MALFORMED, malformed);
    return !malformed;
}

static void handle_open(struct session *s, struct wire_open *req)
{
    close_replay(s);
    struct replay_stop st;
    /* (a multithreaded recording opens: save points, snapshots and replays follow every thread;
     * the DAP adapter decides whether it debugs one) */
    s->view_tid = 0;
    s->replay = replay_open(req->trace_dir, send_output, s, &st);
    if (s->replay)
        send_stop(s, &st);
    else
        session_send_error(s, (uint32_t)(st.error_code ? st.error_code : 4), st.message);
    free(req->trace_dir);
}

static void handle_set_breakpoints(struct session *s, struct wire_set_breakpoints *req)
{
    int armed = replay_set_breakpoints(s->replay, req->addrs, (int)req->count);
    wire_begin(&s->out, WIRE_BREAKPOINTS_SET);
    buf_u32(&s->out, (uint32_t)armed);
    session_send_frame(s);
    free(req->addrs);
}

static void handle_read_registers(struct session *s)
{
    struct user_regs_struct regs;
    struct user_fpregs_struct fp;
    if (!session_thread_regs(s, &regs, &fp)) {
        session_send_error(s, ERR_NOT_AVAILABLE, "the program (or the thread shown) is no longer running");
        return;
    }
    wire_begin(&s->out, WIRE_REGISTERS);
    buf_put(&s->out, &regs, sizeof regs);
    buf_put(&s->out, &fp, sizeof fp);
    session_send_frame(s);
}

static void handle_read_memory(struct session *s, const struct wire_read_memory *req)
{
    wire_begin(&s->out, WIRE_MEMORY);
    size_t at = s->out.len;
    buf_u32(&s->out, req->length);
    buf_reserve(&s->out, req->length);
    if (replay_read_mem(s->replay, req->address, s->out.data + s->out.len, req->length) == 0) {
        s->out.len += req->length;
    } else {
        uint32_t zero = 0;
        memcpy(s->out.data + at, &zero, 4);
    }
    session_send_frame(s);
}

static void handle_close(struct session *s)
{
    close_replay(s);
    wire_begin(&s->out, WIRE_STOPPED);
    s->out.len = 0; /* CLOSE has no reply */
}

static void handle_line_addresses(struct session *s, struct wire_line_addresses *req)
{
    uint64_t addrs[MAX_ADDRS];
    int actual = 0;
    int n = symtab_line_to_addrs(session_symbols(s), req->file, (int)req->line, addrs, MAX_ADDRS,
                                 &actual);
    if (n < 0)
        session_send_error(s, ERR_NOT_AVAILABLE, "no debug information for this file");
    else
        send_addresses(s, actual, addrs, n);
    free(req->file);
}

static void handle_function_addresses(struct session *s, struct wire_function_addresses *req)
{
    uint64_t addrs[MAX_ADDRS];
    int n = symtab_function_addrs(session_symbols(s), req->name, addrs, MAX_ADDRS);
    if (n < 0)
        session_send_error(s, ERR_NOT_AVAILABLE, "no function of that name");
    else
        send_addresses(s, 0, addrs, n);
    free(req->name);
}

static void handle_save(struct session *s)
{
    char err[256];
    int slot = 0;
    while (slot < MAX_SAVEPOINTS && s->savepoints[slot])
        slot++;
    if (slot == MAX_SAVEPOINTS) {
        session_send_error(s, ERR_NOT_AVAILABLE, "too many save points");
        return;
    }
    struct replay_savepoint *sp = replay_save(s->replay, err, sizeof err);
    if (!sp) {
        session_send_error(s, ERR_NOT_AVAILABLE, err);
        return;
    }
    s->savepoints[slot] = sp;
    send_saved(s, (uint32_t)slot + 1);
}

/* RESTORE, DROP and SAVEPOINT_INFO (type says which) on the save point the request names. */
static void handle_savepoint(struct session *s, uint16_t type, const struct wire_savepoint_ref *req)
{
    uint32_t id = req->savepoint;
    struct replay_savepoint *sp = id >= 1 && id <= MAX_SAVEPOINTS ? s->savepoints[id - 1] : NULL;
    if (!sp) {
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
            uint64_t pc;
            const struct hit_count *counts;
            int n;
            if (replay_savepoint_hit(sp, &pc, &counts, &n)) {
                /* mid-event, before the arrival at pc: reported as that arrival (its count) */
                memset(&st, 0, sizeof st);
                replay_report_here(s->replay, &st, RSTOP_BREAKPOINT);
                st.breakpoint = pc;
                st.hits = 1;
                for (int i = 0; i < n; i++)
                    if (counts[i].addr == pc)
                        st.hits = counts[i].hits + 1;
            } else {
                replay_run_to_event(s->replay, replay_savepoint_event(sp), &st);
            }
            send_stop(s, &st);
        }
    }
}

static void handle_snapshot(struct session *s, struct wire_snapshot *req)
{
    char err[512] = "";
    struct buf body = {0};
    struct snapshot_request sr = {.track = req->flags & WIRE_SNAPSHOT_TRACK,
                                  .has_base = req->flags & WIRE_SNAPSHOT_BASE,
                                  .base_event = req->base_event};
    bool based = false;
    if (snapshot_encode(s->replay, &sr, &body, &based, err, sizeof err) < 0) {
        session_send_error(s, ERR_NOT_AVAILABLE, err);
    } else if (write_new_file(req->path, body.data, body.len, err, sizeof err) < 0) {
        session_send_error(s, WIRE_ERR_IO, err);
    } else {
        wire_begin(&s->out, WIRE_SNAPSHOT_DONE);
        buf_u64(&s->out, snapshot_event(body.data, body.len));
        buf_u64(&s->out, body.len);
        buf_u8(&s->out, based);
        session_send_frame(s);
    }
    buf_free(&body);
    free(req->path);
}

static void handle_restore_snapshot(struct session *s, struct wire_restore_snapshot *req)
{
    char err[512] = "";
    struct buf body = {0};
    if (read_whole_file(req->path, &body, err, sizeof err) < 0) {
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
    free(req->path);
}

static void handle_set_watches(struct session *s, struct wire_set_watches *req)
{
    char err[256] = "";
    if (replay_set_watches(s->replay, req->at, req->len, (int)req->count, err, sizeof err) < 0) {
        session_send_error(s, ERR_MALFORMED, err);
        return;
    }
    wire_begin(&s->out, WIRE_DONE);
    session_send_frame(s);
}

static void handle_disassemble(struct session *s, const struct wire_disassemble *req)
{
    /* read what is readable, page by page: code may end at an unmapped page */
    uint64_t addr = req->address;
    size_t want = (size_t)req->count * 15, have = 0;
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
    uint32_t n = disasm_encode(code, have, addr, req->count, &s->out);
    memcpy(s->out.data + at, &n, 4);
    session_send_frame(s);
    free(code);
}

/* ---- dispatch: decode the request, then hand it to its handler ---- */

/* The requests that read the stopped program or its debug information. False: not one. */
static bool dispatch_query(struct session *s, uint16_t type, struct cursor *c)
{
    switch (type) {
    case WIRE_READ_REGISTERS:
        handle_read_registers(s);
        return true;
    case WIRE_READ_MEMORY: {
        struct wire_read_memory req;
        if (decoded(s, wire_decode_read_memory(c, &req)))
            handle_read_memory(s, &req);
        return true;
    }
    case WIRE_READ_CALL_MEMORY: {
        struct wire_read_call_memory req;
        if (decoded(s, wire_decode_read_call_memory(c, &req)))
            session_handle_read_call_memory(s, &req);
        return true;
    }
    case WIRE_SYMBOL_AT: {
        struct wire_symbol_at req;
        if (decoded(s, wire_decode_symbol_at(c, &req)))
            session_handle_symbol_at(s, req.address);
        return true;
    }
    case WIRE_THREADS:
        if (decoded(s, c->p == c->end ? NULL : "malformed THREADS message"))
            session_handle_threads(s);
        return true;
    case WIRE_SELECT_THREAD: {
        struct wire_select_thread req;
        if (decoded(s, wire_decode_select_thread(c, &req)))
            session_handle_select_thread(s, req.tid);
        return true;
    }
    case WIRE_LINE_ADDRESSES: {
        struct wire_line_addresses req;
        if (decoded(s, wire_decode_line_addresses(c, &req)))
            handle_line_addresses(s, &req);
        return true;
    }
    case WIRE_FUNCTION_ADDRESSES: {
        struct wire_function_addresses req;
        if (decoded(s, wire_decode_function_addresses(c, &req)))
            handle_function_addresses(s, &req);
        return true;
    }
    case WIRE_STACK: {
        struct wire_stack req;
        if (decoded(s, wire_decode_stack(c, &req)))
            session_handle_stack(s, req.max_frames);
        return true;
    }
    case WIRE_VARIABLES: {
        struct wire_variables req;
        if (decoded(s, wire_decode_variables(c, &req)))
            session_handle_variables(s, req.frame, req.scope);
        return true;
    }
    case WIRE_TYPE: {
        struct wire_type_request req;
        if (decoded(s, wire_decode_type(c, &req)))
            session_handle_type(s, req.type_id);
        return true;
    }
    case WIRE_CXX_TYPE: {
        struct wire_cxx_type req;
        if (decoded(s, wire_decode_cxx_type(c, &req)))
            session_handle_cxx_type(s, req.type_id, req.object);
        return true;
    }
    case WIRE_RUST_TYPE: {
        struct wire_type_request req;
        if (decoded(s, wire_decode_rust_type(c, &req)))
            session_handle_rust_type(s, req.type_id);
        return true;
    }
    case WIRE_LOOKUP_NAME: {
        struct wire_lookup_name req;
        if (decoded(s, wire_decode_lookup_name(c, &req)))
            session_handle_lookup_name(s, req.name);
        free(req.name);
        return true;
    }
    case WIRE_DISASSEMBLE: {
        struct wire_disassemble req;
        if (decoded(s, wire_decode_disassemble(c, &req)))
            handle_disassemble(s, &req);
        return true;
    }
    default:
        return false;
    }
}

/* The requests that move or change the replay, its breakpoints, save points and snapshots. */
static void dispatch_control(struct session *s, uint16_t type, struct cursor *c)
{
    struct replay_stop st;
    switch (type) {
    case WIRE_FIND_LAST:
        s->nframes = s->nvframes = 0; /* frames belong to the stop they were asked at */
        session_handle_find_last(s, c);
        break;
    case WIRE_SAVE_AT_HIT:
        session_handle_save_at_hit(s, c);
        break;
    case WIRE_RESUME: {
        struct wire_resume req;
        if (decoded(s, wire_decode_resume(c, &req)))
            resume_watched(s, req.mode ? RUN_STEP_INSN : RUN_CONTINUE, 0, &st);
        break;
    }
    case WIRE_RUN_TO_EVENT: {
        struct wire_run_to_event req;
        if (decoded(s, wire_decode_run_to_event(c, &req)))
            resume_watched(s, RUN_TO_EVENT, req.event, &st);
        break;
    }
    case WIRE_SET_BREAKPOINTS: {
        struct wire_set_breakpoints req;
        if (decoded(s, wire_decode_set_breakpoints(c, &req)))
            handle_set_breakpoints(s, &req);
        break;
    }
    case WIRE_SET_WATCHES: {
        struct wire_set_watches req;
        if (decoded(s, wire_decode_set_watches(c, &req)))
            handle_set_watches(s, &req);
        break;
    }
    case WIRE_CLOSE:
        handle_close(s);
        break;
    case WIRE_SAVE:
        handle_save(s);
        break;
    case WIRE_RESTORE:
    case WIRE_DROP:
    case WIRE_SAVEPOINT_INFO: {
        struct wire_savepoint_ref req;
        if (decoded(s, wire_decode_savepoint_ref(c, &req)))
            handle_savepoint(s, type, &req);
        break;
    }
    case WIRE_SNAPSHOT: {
        struct wire_snapshot req;
        if (decoded(s, wire_decode_snapshot(c, &req)))
            handle_snapshot(s, &req);
        break;
    }
    case WIRE_RESTORE_SNAPSHOT: {
        struct wire_restore_snapshot req;
        if (decoded(s, wire_decode_restore_snapshot(c, &req)))
            handle_restore_snapshot(s, &req);
        break;
    }
    case WIRE_CALL: {
        struct wire_call req;
        if (decoded(s, wire_decode_call(c, &req)))
            session_handle_call(s, &req);
        break;
    }
    default:
        session_send_error(s, ERR_MALFORMED, "unexpected message type");
    }
}

/* Whether a message of this type belongs to a debugging session (session_handle answers it). */
static bool session_message(uint16_t type)
{
    if ((type >= WIRE_OPEN && type <= WIRE_RESTORE_SNAPSHOT) ||
        (type >= WIRE_STEP_LINE && type <= WIRE_MOTION_GO_ON))
        return true;
    switch (type) {
    case WIRE_FIND_LAST:
    case WIRE_SAVE_AT_HIT:
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

bool session_handle(struct session *s, uint16_t type, struct cursor *c)
{
    if (!session_message(type))
        return false;
    bool keeps = wire_request_keeps_replay(type);
    if (!keeps)
        session_call_forget(s); /* the replay moves or changes: the call world is stale */
    if (type >= WIRE_STEP_LINE && type <= WIRE_MOTION_GO_ON)
        return session_handle_motion(s, type, c), true;
    if (s->motion && s->replay && !keeps)
        motion_forget(s->motion, s->replay); /* the replay moves or changes: no motion to go on with */
    if (type == WIRE_PAUSE)
        return true; /* nothing is running: nothing to pause */
    if (type == WIRE_OPEN) {
        struct wire_open req;
        if (decoded(s, wire_decode_open(c, &req)))
            handle_open(s, &req);
        return true;
    }
    if (!s->replay) {
        session_send_error(s, ERR_MALFORMED, "no debugging session is open");
        return true;
    }
    if (!dispatch_query(s, type, c))
        dispatch_control(s, type, c);
    return true;
}
