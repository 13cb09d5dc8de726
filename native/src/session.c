/*
 * session.c: see session.h. Turns wire messages into replay and symbol calls and their results
 * into wire replies. The symbol table is rebuilt lazily from the replayed process's mappings after
 * each stop that may have changed them; frames of the last STACK request are kept so VARIABLES can
 * refer to them by index.
 */
#include "session.h"
#include "disasm.h"
#include "replay.h"
#include "snapshot.h"
#include "symbols.h"
#include "wire.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "maps.h"

#define MAX_FRAMES 256
#define MAX_ADDRS 256
#define MAX_VARS 1024
#define MAX_READ (1u << 20)
#define MAX_SAVEPOINTS 4096

enum { ERR_MALFORMED = 1, ERR_NOT_AVAILABLE = 9 };

struct session {
    int fd;
    struct buf out;
    struct replay *replay;
    struct symtab *symtab;          /* NULL: to be rebuilt */
    uint64_t symtab_generation;     /* replay_maps_generation() it was checked at */
    uint64_t symtab_digest;         /* modules_digest() of the mappings it was built from */
    struct sym_frame frames[MAX_FRAMES];
    int nframes;                    /* frames of the last STACK request */
    struct vframe {
        int phys;                   /* index in frames */
        int depth;                  /* inline level: 0 innermost ... the frame's own function */
    } vframes[MAX_FRAMES];
    int nvframes;                   /* the frames as reported, inlined calls included */
    struct replay_savepoint *savepoints[MAX_SAVEPOINTS]; /* by id - 1; NULL: free slot */
};

struct session *session_new(int fd)
{
    struct session *s = calloc(1, sizeof *s);
    if (!s)
        fatal("out of memory");
    s->fd = fd;
    return s;
}

static void send_error(struct session *s, uint32_t code, const char *message)
{
    wire_error(&s->out, code, message);
    wire_send(s->fd, &s->out);
}

static void send_frame(struct session *s) { wire_end(&s->out), wire_send(s->fd, &s->out); }

static void forget_symbols(struct session *s)
{
    symtab_free(s->symtab);
    s->symtab = NULL;
    s->nframes = 0;
    s->nvframes = 0;
}

static void close_replay(struct session *s)
{
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
    send_frame(s);
}

static void send_stop(struct session *s, const struct replay_stop *st)
{
    wire_begin(&s->out, WIRE_STOPPED);
    buf_u8(&s->out, (uint8_t)st->reason);
    buf_u64(&s->out, st->event);
    buf_u64(&s->out, st->pc);
    buf_u64(&s->out, st->breakpoint);
    buf_u32(&s->out, (uint32_t)st->signo);
    buf_u32(&s->out, (uint32_t)st->wait_status);
    buf_u32(&s->out, (uint32_t)st->error_code);
    buf_str(&s->out, st->message);
    buf_u32(&s->out, st->hits);
    send_frame(s);
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

static void resume_watched(struct session *s, enum replay_mode mode, uint64_t event,
                           struct replay_stop *st)
{
    struct watcher w = {.fd = s->fd, .replay = s->replay};
    bool watching = pipe2(w.wake, O_CLOEXEC) == 0 &&
                    pthread_create(&w.thread, NULL, watch, &w) == 0;
    if (mode == RUN_TO_EVENT)
        replay_run_to_event(s->replay, event, st);
    else
        replay_resume(s->replay, mode, st);
    if (watching) {
        ssize_t n = write(w.wake[1], "x", 1);
        (void)n;
        pthread_join(w.thread, NULL);
    }
    if (w.wake[0] > 0) {
        close(w.wake[0]);
        close(w.wake[1]);
    }
    send_stop(s, st);
    if (w.stray)
        send_error(s, ERR_MALFORMED, "only PAUSE may be sent while the replay runs");
}

/* ---- symbols of the replayed address space ---- */

/* Link-time address of file offset 0: the first PT_LOAD's page-aligned vaddr minus its offset. */
static bool elf_base_vaddr(const char *path, uint64_t *base)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    Elf64_Ehdr eh;
    bool ok = pread(fd, &eh, sizeof eh, 0) == (ssize_t)sizeof eh &&
              !memcmp(eh.e_ident, ELFMAG, SELFMAG) && eh.e_ident[EI_CLASS] == ELFCLASS64;
    for (int i = 0; ok && i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)) !=
            (ssize_t)sizeof ph)
            break;
        if (ph.p_type == PT_LOAD) {
            uint64_t align = ph.p_align ? ph.p_align : 4096;
            *base = (ph.p_vaddr - ph.p_offset) & ~(align - 1);
            close(fd);
            return true;
        }
    }
    close(fd);
    return false;
}

/* A digest of the file mappings symbols are built from (start and path of each file's first
 * mapping): equal digests, the same modules at the same addresses. */
static uint64_t modules_digest(const struct map_entry *maps, int n)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < n; i++) {
        if (maps[i].offset != 0 || maps[i].name[0] != '/')
            continue;
        h = (h ^ maps[i].start) * 1099511628211ull;
        for (const char *c = maps[i].name; *c; c++)
            h = (h ^ (uint8_t)*c) * 1099511628211ull;
    }
    return h;
}

static struct symtab *symbols(struct session *s)
{
    /* Kept across stops: looked at again only when the replay's file mappings may have changed
     * (a restore, an mmap...), and rebuilt only when they did. */
    if (s->symtab && s->symtab_generation == replay_maps_generation(s->replay))
        return s->symtab;
    s->symtab_generation = replay_maps_generation(s->replay);
    struct map_entry *maps = NULL;
    int n = maps_read(replay_pid(s->replay), &maps);
    uint64_t digest = modules_digest(maps, n);
    if (s->symtab && digest == s->symtab_digest) {
        free(maps);
        return s->symtab;
    }
    struct symtab *next = symtab_new_after(s->symtab);
    symtab_free(s->symtab);
    s->symtab = next;
    s->symtab_digest = digest;
    for (int i = 0; i < n; i++) {
        if (maps[i].offset != 0 || maps[i].name[0] != '/')
            continue;
        uint64_t base;
        if (!elf_base_vaddr(maps[i].name, &base))
            continue;
        const char *name = replay_module_name(s->replay, maps[i].name);
        symtab_add_module(s->symtab, maps[i].name, name ? name : maps[i].name,
                          maps[i].start - base);
    }
    free(maps);
    return s->symtab;
}

static int read_mem(void *ctx, uint64_t addr, void *out, size_t n)
{
    return replay_read_mem(ctx, addr, out, n) == 0 ? 0 : -1;
}

static void frame_from_regs(const struct user_regs_struct *r, struct sym_frame *f)
{
    memset(f, 0, sizeof *f);
    const uint64_t v[SYM_NREGS] = {r->rax, r->rdx, r->rcx, r->rbx, r->rsi, r->rdi,
                                   r->rbp, r->rsp, r->r8,  r->r9,  r->r10, r->r11,
                                   r->r12, r->r13, r->r14, r->r15, r->rip};
    memcpy(f->regs, v, sizeof v);
    f->valid = (1u << SYM_NREGS) - 1;
}

static void put_str(struct buf *b, const char *sv) { buf_str(b, sv ? sv : ""); }

static void handle_stack(struct session *s, uint32_t max)
{
    struct user_regs_struct regs;
    if (!replay_get_regs(s->replay, &regs)) {
        send_error(s, ERR_NOT_AVAILABLE, "the program is no longer running");
        return;
    }
    struct symtab *st = symbols(s);
    if (max > MAX_FRAMES || max == 0)
        max = MAX_FRAMES;
    frame_from_regs(&regs, &s->frames[0]);
    s->nframes = 1;
    while ((uint32_t)s->nframes < max) {
        struct sym_frame *f = &s->frames[s->nframes - 1];
        if (symtab_unwind(st, f, &s->frames[s->nframes], read_mem, s->replay) != 0)
            break;
        if (s->frames[s->nframes].regs[16] == 0)
            break;
        s->nframes++;
    }
    if (s->nframes == 1 || s->frames[s->nframes - 1].cfa == 0) {
        struct sym_frame spare;
        symtab_unwind(st, &s->frames[s->nframes - 1], &spare, read_mem, s->replay);
    }
    /* Each frame shows as one frame per inlined call at its pc (innermost first), then its own
     * function: virtual frames, as gdb shows them. */
    wire_begin(&s->out, WIRE_FRAMES);
    size_t count_at = s->out.len;
    buf_u32(&s->out, 0);
    s->nvframes = 0;
    for (int i = 0; i < s->nframes && s->nvframes < MAX_FRAMES; i++) {
        uint64_t pc = s->frames[i].regs[16];
        /* a return address is after its call; a frame interrupted by a signal is exact */
        uint64_t lookup = (s->frames[i].valid & SYM_FRAME_RETADDR) ? pc - 1 : pc;
        struct sym_function fn = {0};
        struct src_loc loc = {0};
        struct sym_inline inl[16];
        bool has_fn = symtab_function_at(st, lookup, &fn) == 0;
        bool has_line = symtab_addr_to_line(st, lookup, &loc) == 0;
        int ninl = has_fn && fn.has_debug_info ? symtab_inlined_at(st, lookup, inl, 16) : 0;
        if (ninl < 0)
            ninl = 0;
        for (int depth = 0; depth <= ninl && s->nvframes < MAX_FRAMES; depth++) {
            const char *name = depth < ninl ? inl[depth].name : (has_fn ? fn.name : NULL);
            struct src_loc at = depth == 0 ? loc : inl[depth - 1].call_site;
            bool at_known = depth == 0 ? has_line : at.line > 0;
            s->vframes[s->nvframes++] = (struct vframe){i, depth};
            buf_u64(&s->out, pc);
            buf_u64(&s->out, s->frames[i].cfa);
            put_str(&s->out, name);
            put_str(&s->out, has_fn ? fn.module : NULL);
            put_str(&s->out, at_known ? at.file : NULL);
            buf_u32(&s->out, at_known ? (uint32_t)at.line : 0);
            buf_u32(&s->out, at_known ? (uint32_t)at.column : 0);
            buf_u8(&s->out, has_fn && fn.has_debug_info);
            buf_u8(&s->out, depth < ninl);
        }
    }
    uint32_t nv = (uint32_t)s->nvframes;
    memcpy(s->out.data + count_at, &nv, 4);
    send_frame(s);
}

static void put_var(struct session *s, const struct sym_var *v, const struct sym_frame *f)
{
    put_str(&s->out, v->name);
    buf_u8(&s->out, (uint8_t)v->kind);
    buf_u32(&s->out, v->type);
    buf_u32(&s->out, v->scope_depth);
    uint8_t loc;
    switch (v->loc) {
    case SYMLOC_MEMORY: loc = 0; break;
    case SYMLOC_REGISTER: loc = f && v->reg >= 0 && v->reg < SYM_NREGS &&
                                        (f->valid >> v->reg & 1) ? 1 : 4; break;
    case SYMLOC_VALUE: loc = 2; break;
    case SYMLOC_OPTIMIZED_OUT: loc = 3; break;
    default: loc = 4;
    }
    buf_u8(&s->out, loc);
    buf_u64(&s->out, v->loc == SYMLOC_MEMORY ? v->addr : 0);
    if (loc == 1) {
        buf_u32(&s->out, 8);
        buf_u64(&s->out, f->regs[v->reg]);
    } else if (loc == 2) {
        buf_u32(&s->out, v->nbytes);
        buf_put(&s->out, v->bytes, v->nbytes);
    } else {
        buf_u32(&s->out, 0);
    }
}

static void handle_variables(struct session *s, uint32_t frame, uint8_t scope)
{
    if (frame >= (uint32_t)s->nvframes) {
        send_error(s, ERR_NOT_AVAILABLE, "no such frame (ask for the stack first)");
        return;
    }
    static struct sym_var vars[MAX_VARS];
    struct symtab *st = symbols(s);
    const struct sym_frame *f = &s->frames[s->vframes[frame].phys];
    int n = scope == 0 ? symtab_frame_vars_at(st, f, s->vframes[frame].depth, read_mem, s->replay,
                                              vars, MAX_VARS)
                       : symtab_cu_globals(st, f->regs[16] - ((f->valid & SYM_FRAME_RETADDR) ? 1 : 0),
                                           vars, MAX_VARS);
    if (n < 0)
        n = 0;
    wire_begin(&s->out, WIRE_VARIABLE_LIST);
    buf_u32(&s->out, (uint32_t)n);
    for (int i = 0; i < n; i++)
        put_var(s, &vars[i], scope == 0 ? f : NULL);
    send_frame(s);
}

static void handle_type(struct session *s, uint32_t id)
{
    const struct sym_type *t = symtab_type(symbols(s), id);
    if (!t) {
        send_error(s, ERR_NOT_AVAILABLE, "no such type");
        return;
    }
    wire_begin(&s->out, WIRE_TYPE_INFO);
    buf_u32(&s->out, id);
    buf_u8(&s->out, (uint8_t)t->kind);
    put_str(&s->out, t->name);
    buf_u64(&s->out, t->size);
    buf_u32(&s->out, t->target);
    buf_u64(&s->out, t->count);
    bool is_enum = t->kind == SYMT_ENUM;
    uint32_t n = (t->kind == SYMT_STRUCT || t->kind == SYMT_UNION || is_enum) ? t->nmembers : 0;
    buf_u32(&s->out, n);
    for (uint32_t i = 0; i < n; i++) {
        if (is_enum) {
            put_str(&s->out, t->enumerators[i].name);
            buf_u64(&s->out, (uint64_t)t->enumerators[i].value);
        } else {
            put_str(&s->out, t->members[i].name);
            buf_u32(&s->out, t->members[i].type);
            buf_u64(&s->out, t->members[i].offset);
            buf_u32(&s->out, t->members[i].bit_offset);
            buf_u32(&s->out, t->members[i].bit_size);
        }
    }
    send_frame(s);
}

static void send_addresses(struct session *s, int actual_line, const uint64_t *addrs, int n)
{
    wire_begin(&s->out, WIRE_ADDRESSES);
    buf_u32(&s->out, (uint32_t)(actual_line > 0 ? actual_line : 0));
    buf_u32(&s->out, (uint32_t)n);
    for (int i = 0; i < n; i++)
        buf_u64(&s->out, addrs[i]);
    send_frame(s);
}

static void send_saved(struct session *s, uint32_t id)
{
    struct replay_savepoint *sp = s->savepoints[id - 1];
    wire_begin(&s->out, WIRE_SAVED);
    buf_u32(&s->out, id);
    buf_u64(&s->out, replay_savepoint_event(sp));
    buf_u64(&s->out, (uint64_t)replay_savepoint_memory(sp));
    send_frame(s);
}

/* ---- files of snapshots ---- */

/* Writes a new file (0600; it must not exist). 0, or -1 with err. */
static int write_new_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
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

/* Reads a whole file into out. 0, or -1 with err. */
static int read_whole_file(const char *path, struct buf *out, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
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
        send_error(s, ERR_MALFORMED, "malformed OPEN message");
    } else {
        close_replay(s);
        struct replay_stop st;
        s->replay = replay_open(dir, send_output, s, &st);
        if (s->replay)
            send_stop(s, &st);
        else
            send_error(s, (uint32_t)(st.error_code ? st.error_code : 4), st.message);
    }
    free(dir);
}

bool session_handle(struct session *s, uint16_t type, struct cursor *c)
{
    if (type < WIRE_OPEN || type > WIRE_RESTORE_SNAPSHOT)
        return false;
    if (type == WIRE_PAUSE)
        return true; /* nothing is running: nothing to pause */
    if (type == WIRE_OPEN) {
        handle_open(s, c);
        return true;
    }
    if (!s->replay) {
        send_error(s, ERR_MALFORMED, "no debugging session is open");
        return true;
    }
    uint64_t addrs[MAX_ADDRS];
    switch (type) {
    case WIRE_RESUME: {
        uint8_t mode = cur_u8(c);
        if (c->bad || c->p != c->end || mode > 1) {
            send_error(s, ERR_MALFORMED, "malformed RESUME message");
            break;
        }
        struct replay_stop st;
        s->nframes = s->nvframes = 0; /* frames belong to the stop they were asked at */
        resume_watched(s, mode ? RUN_STEP_INSN : RUN_CONTINUE, 0, &st);
        break;
    }
    case WIRE_SET_BREAKPOINTS: {
        uint32_t n = cur_u32(c);
        uint64_t *v = n <= 65536 ? xmalloc(sizeof *v * (n + 1)) : NULL;
        for (uint32_t i = 0; v && i < n; i++)
            v[i] = cur_u64(c);
        if (!v || c->bad || c->p != c->end) {
            send_error(s, ERR_MALFORMED, "malformed SET_BREAKPOINTS message");
        } else {
            int armed = replay_set_breakpoints(s->replay, v, (int)n);
            wire_begin(&s->out, WIRE_BREAKPOINTS_SET);
            buf_u32(&s->out, (uint32_t)armed);
            send_frame(s);
        }
        free(v);
        break;
    }
    case WIRE_READ_REGISTERS: {
        struct user_regs_struct regs;
        struct user_fpregs_struct fp;
        if (!replay_get_regs(s->replay, &regs) || !replay_get_fpregs(s->replay, &fp)) {
            send_error(s, ERR_NOT_AVAILABLE, "the program is no longer running");
            break;
        }
        wire_begin(&s->out, WIRE_REGISTERS);
        buf_put(&s->out, &regs, sizeof regs);
        buf_put(&s->out, &fp, sizeof fp);
        send_frame(s);
        break;
    }
    case WIRE_READ_MEMORY: {
        uint64_t addr = cur_u64(c);
        uint32_t len = cur_u32(c);
        if (c->bad || c->p != c->end || len > MAX_READ) {
            send_error(s, ERR_MALFORMED, "malformed READ_MEMORY message");
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
        send_frame(s);
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
                    : symtab_line_to_addrs(symbols(s), file, (int)line, addrs, MAX_ADDRS, &actual);
        if (n == -2)
            send_error(s, ERR_MALFORMED, "malformed LINE_ADDRESSES message");
        else if (n < 0)
            send_error(s, ERR_NOT_AVAILABLE, "no debug information for this file");
        else
            send_addresses(s, actual, addrs, n);
        free(file);
        break;
    }
    case WIRE_FUNCTION_ADDRESSES: {
        char *name = cur_str(c);
        int n = (c->bad || c->p != c->end)
                    ? -2
                    : symtab_function_addrs(symbols(s), name, addrs, MAX_ADDRS);
        if (n == -2)
            send_error(s, ERR_MALFORMED, "malformed FUNCTION_ADDRESSES message");
        else if (n < 0)
            send_error(s, ERR_NOT_AVAILABLE, "no function of that name");
        else
            send_addresses(s, 0, addrs, n);
        free(name);
        break;
    }
    case WIRE_STACK: {
        uint32_t max = cur_u32(c);
        if (c->bad || c->p != c->end)
            send_error(s, ERR_MALFORMED, "malformed STACK message");
        else
            handle_stack(s, max);
        break;
    }
    case WIRE_VARIABLES: {
        uint32_t frame = cur_u32(c);
        uint8_t scope = cur_u8(c);
        if (c->bad || c->p != c->end || scope > 1)
            send_error(s, ERR_MALFORMED, "malformed VARIABLES message");
        else
            handle_variables(s, frame, scope);
        break;
    }
    case WIRE_TYPE: {
        uint32_t id = cur_u32(c);
        if (c->bad || c->p != c->end)
            send_error(s, ERR_MALFORMED, "malformed TYPE message");
        else
            handle_type(s, id);
        break;
    }
    case WIRE_RUN_TO_EVENT: {
        uint64_t event = cur_u64(c);
        if (c->bad || c->p != c->end) {
            send_error(s, ERR_MALFORMED, "malformed RUN_TO_EVENT message");
            break;
        }
        struct replay_stop st;
        s->nframes = s->nvframes = 0;
        resume_watched(s, RUN_TO_EVENT, event, &st);
        break;
    }
    case WIRE_SAVE: {
        char err[256];
        int slot = 0;
        while (slot < MAX_SAVEPOINTS && s->savepoints[slot])
            slot++;
        if (slot == MAX_SAVEPOINTS) {
            send_error(s, ERR_NOT_AVAILABLE, "too many save points");
            break;
        }
        struct replay_savepoint *sp = replay_save(s->replay, err, sizeof err);
        if (!sp) {
            send_error(s, ERR_NOT_AVAILABLE, err);
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
            send_error(s, ERR_MALFORMED, "malformed save point message");
        } else if (!sp) {
            send_error(s, ERR_NOT_AVAILABLE, "no such save point");
        } else if (type == WIRE_SAVEPOINT_INFO) {
            send_saved(s, id);
        } else if (type == WIRE_DROP) {
            replay_savepoint_free(s->replay, sp);
            s->savepoints[id - 1] = NULL;
            wire_begin(&s->out, WIRE_DONE);
            send_frame(s);
        } else {
            char err[256];
            s->nframes = s->nvframes = 0;
            if (replay_restore(s->replay, sp, err, sizeof err) < 0) {
                send_error(s, ERR_NOT_AVAILABLE, err);
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
            send_error(s, ERR_MALFORMED, "malformed SNAPSHOT message");
        } else {
            char err[512] = "";
            struct buf body = {0};
            struct snapshot_request req = {.track = flags & WIRE_SNAPSHOT_TRACK,
                                           .has_base = flags & WIRE_SNAPSHOT_BASE,
                                           .base_event = base};
            bool based = false;
            if (snapshot_encode(s->replay, &req, &body, &based, err, sizeof err) < 0) {
                send_error(s, ERR_NOT_AVAILABLE, err);
            } else if (write_new_file(path, body.data, body.len, err, sizeof err) < 0) {
                send_error(s, WIRE_ERR_IO, err);
            } else {
                wire_begin(&s->out, WIRE_SNAPSHOT_DONE);
                buf_u64(&s->out, snapshot_event(body.data, body.len));
                buf_u64(&s->out, body.len);
                buf_u8(&s->out, based);
                send_frame(s);
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
            send_error(s, ERR_MALFORMED, "malformed RESTORE_SNAPSHOT message");
        } else if (read_whole_file(path, &body, err, sizeof err) < 0) {
            send_error(s, 4, err);
        } else {
            struct replay_stop st;
            s->nframes = s->nvframes = 0;
            if (replay_restore_snapshot(s->replay, body.data, body.len, &st) < 0)
                send_error(s, 4, st.message);
            else
                send_stop(s, &st);
        }
        buf_free(&body);
        free(path);
        break;
    }
    case WIRE_CALL: {
        uint64_t fn = cur_u64(c);
        uint32_t argc = cur_u32(c);
        uint64_t args[6] = {0};
        for (uint32_t i = 0; i < argc && i < 6; i++)
            args[i] = cur_u64(c);
        if (c->bad || c->p != c->end || argc > 6) {
            send_error(s, ERR_MALFORMED, "malformed CALL message");
            break;
        }
        char err[512] = "";
        uint64_t entry = fn, rax = 0;
        uint32_t rtype = 0;
        int known = symtab_function_type(symbols(s), fn, &entry, &rtype);
        if (known < 0)
            entry = fn; /* no symbol: called where asked */
        int ok = replay_call(s->replay, entry, args, (int)argc, &rax, err, sizeof err) == 0;
        wire_begin(&s->out, WIRE_CALL_RESULT);
        buf_u8(&s->out, (uint8_t)ok);
        buf_u64(&s->out, ok ? rax : 0);
        buf_u32(&s->out, known == 0 ? rtype : UINT32_MAX);
        buf_str(&s->out, ok ? "" : err);
        send_frame(s);
        break;
    }
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
            send_error(s, ERR_MALFORMED, n > REPLAY_MAX_WATCHES ? "at most 32 data breakpoints"
                                                                : "malformed SET_WATCHES message");
        else if (replay_set_watches(s->replay, at, len, (int)n, err, sizeof err) < 0)
            send_error(s, ERR_MALFORMED, err);
        else {
            wire_begin(&s->out, WIRE_DONE);
            send_frame(s);
        }
        break;
    }
    case WIRE_DISASSEMBLE: {
        uint64_t addr = cur_u64(c);
        uint32_t count = cur_u32(c);
        if (c->bad || c->p != c->end || count > 4096) {
            send_error(s, ERR_MALFORMED, "malformed DISASSEMBLE message");
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
        send_frame(s);
        free(code);
        break;
    }
    default:
        send_error(s, ERR_MALFORMED, "unexpected message type");
    }
    return true;
}
