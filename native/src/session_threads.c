/*
 * session_threads.c: the threads of a debugging session (THREADS, SELECT_THREAD;
 * protocol/wire-protocol.md): which threads live at this moment, with their recorded tids and
 * names, and whose registers the stack and register reads show. Memory is shared by the threads;
 * registers (and so stacks, frames and register-held variables) are each thread's own, read with
 * ptrace from that thread's live task, which waits in a ptrace stop while another one moves.
 */
#include "session_internal.h"
#include "replay_threads.h"
#include "wire.h"

#include <sys/ptrace.h>

void session_handle_threads(struct session *s)
{
    int n = replay_pid(s->replay) ? replay_thread_total(s->replay) : 0;
    wire_begin(&s->out, WIRE_THREAD_LIST);
    buf_u32(&s->out, (uint32_t)replay_thread_count(s->replay));
    buf_u32(&s->out, n ? replay_current_thread(s->replay) : 0);
    buf_u32(&s->out, (uint32_t)n);
    for (int i = 0; i < n; i++) {
        const struct replay_thread *t = replay_thread_at(s->replay, i);
        buf_u32(&s->out, t->recorded);
        buf_str(&s->out, t->name);
    }
    session_send_frame(s);
}

void session_handle_select_thread(struct session *s, uint32_t tid)
{
    if (tid && !replay_thread_live(s->replay, tid)) {
        session_send_error(s, ERR_NOT_AVAILABLE, "no such thread at this moment");
        return;
    }
    s->view_tid = tid;
    wire_begin(&s->out, WIRE_DONE);
    session_send_frame(s);
}

bool session_thread_regs(struct session *s, struct user_regs_struct *regs, struct user_fpregs_struct *fp)
{
    if (!replay_pid(s->replay))
        return false;
    pid_t live = s->view_tid ? replay_thread_live(s->replay, s->view_tid) : 0;
    if (!s->view_tid || live == replay_pid(s->replay))
        return replay_get_regs(s->replay, regs) && (!fp || replay_get_fpregs(s->replay, fp));
    if (!live)
        return false;
    return ptrace(PTRACE_GETREGS, live, 0, regs) == 0 && (!fp || ptrace(PTRACE_GETFPREGS, live, 0, fp) == 0);
}
