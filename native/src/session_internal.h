/*
 * session_internal.h: a debugging session's state, shared by session.c (the messages that drive
 * the replay) and session_queries.c (the messages that read the debug information of the current
 * address space: stack, variables, types).
 */
#ifndef REWIND_SESSION_INTERNAL_H
#define REWIND_SESSION_INTERNAL_H

#include <stdint.h>

#include "maps.h"
#include "replay.h"
#include "replay_motion.h"
#include "session.h"
#include "symbols.h"
#include "util.h"
#include "wire_requests.h"

#define MAX_FRAMES 256
#define MAX_ADDRS 256
#define MAX_VARS 1024
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
    struct call_world call;         /* where the last evaluation's calls ran (session_call.c) */
    struct motion *motion;          /* the motion engine's state (session_motion.c); NULL until used */
    uint32_t view_tid;              /* the recorded tid whose registers READ_REGISTERS and STACK
                                     * read (SELECT_THREAD); 0: the thread that moves now */
};

/* Runs fn (which moves the replay and fills st) while PAUSE is honoured, then sends STOPPED. */
typedef void (*session_run_fn)(struct session *s, void *arg, struct replay_stop *st);
void session_run_watched(struct session *s, session_run_fn fn, void *arg, struct replay_stop *st);

/* STEP_LINE, STEP_OUT, STEP_INSN_OVER and MOTION_GO_ON (session_motion.c). */
void session_handle_motion(struct session *s, uint16_t type, struct cursor *c);

void session_send_error(struct session *s, uint32_t code, const char *message);
void session_send_frame(struct session *s);

/* A digest of the file mappings (which modules are where): an unchanged one keeps the table. */
uint64_t session_modules_digest(const struct map_entry *maps, int n);
/* The symbol table of the current address space, rebuilt when the mappings changed; or NULL. */
struct symtab *session_symbols(struct session *s);
/* STACK, VARIABLES and TYPE (session_queries.c). */
void session_handle_stack(struct session *s, uint32_t max);
void session_handle_variables(struct session *s, uint32_t frame, uint8_t scope);
void session_handle_type(struct session *s, uint32_t id);
/* SYMBOL_AT: the function containing addr (from its entry on), as SYMBOL. */
void session_handle_symbol_at(struct session *s, uint64_t addr);
/* CALL and READ_CALL_MEMORY (session_call.c), well formed; session_handle_call frees req->name. */
void session_handle_call(struct session *s, struct wire_call *req);
void session_handle_read_call_memory(struct session *s, const struct wire_read_call_memory *req);
void session_call_forget(struct session *s);
/* CXX_TYPE: the C++ facts of type id (references, bases, template arguments) and, when object is
 * not 0, the dynamic class of the polymorphic object there. */
void session_handle_cxx_type(struct session *s, uint32_t id, uint64_t object);
/* RUST_TYPE: the variant part of Rust enum type id (session_rust.c). */
void session_handle_rust_type(struct session *s, uint32_t id);
/* THREADS and SELECT_THREAD (session_threads.c). */
void session_handle_threads(struct session *s);
void session_handle_select_thread(struct session *s, uint32_t tid);
/* The registers of the thread SELECT_THREAD chose (fp may be NULL): false when the program or
 * that thread is gone. */
bool session_thread_regs(struct session *s, struct user_regs_struct *regs, struct user_fpregs_struct *fp);
/* LOOKUP_NAME: the program's variable or function `name` (session_lookup.c), as NAMED. */
void session_handle_lookup_name(struct session *s, const char *name);
/* The CFA of the innermost frame at the current stop (0 when it cannot be unwound). */
uint64_t session_current_cfa(struct session *s);

/* Runs `run` (which drives the replay) while a second thread reads the connection: PAUSE asks
 * the replay to stop (replay_request_pause); a closed connection pauses too. Returns the type of
 * a message other than PAUSE that arrived meanwhile (the caller answers it with ERROR after its
 * reply), or 0. */
uint16_t session_watch_pause(struct session *s, void (*run)(struct session *s, void *ctx), void *ctx);
/* FIND_LAST (session_search.c): the payload after the frame header in c. */
void session_handle_find_last(struct session *s, struct cursor *c);
void session_handle_save_at_hit(struct session *s, struct cursor *c);

#endif
