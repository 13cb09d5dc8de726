/* children_output.c: see children_output.h. */
#include "children_output.h"
#include "proc_info.h"
#include "record_threads.h"
#include "children.h"
#include "trace_events.h"
#include "output_check.h"
#include "record_tree.h"
#include "tracee.h"
#include "util.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* One child's write, copied before it ran. */
struct queued_output {
    uint8_t stream;
    uint32_t pid;
    struct buf bytes;
    uint64_t seq;           /* its number in the recorded tree's output order (record_tree.h) */
};

/* Invariant: listener >= 0 exactly while the answering thread runs; the queue is guarded by lock. */
static int listener = -1;
static int stop_pipe[2] = {-1, -1};
static pid_t program_pid;
static pthread_t answerer;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct queued_output *queue;
static size_t queued, queue_cap;

/* The filter's listener fd in the stopped program ("anon_inode:seccomp notify"), or -1. */
static int find_listener_fd(pid_t pid)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/proc/%d/fd", pid);
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int found = -1;
    struct dirent *e;
    while (found < 0 && (e = readdir(d))) {
        char link[PATH_MAX], target[128];
        snprintf(link, sizeof link, "%s/%s", dir, e->d_name);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = 0;
        if (strcmp(target, "anon_inode:seccomp notify") == 0)
            found = atoi(e->d_name);
    }
    closedir(d);
    return found;
}

/* Is tid a thread of the recorded program (whose writes are recorded as syscalls)? */
static bool is_program_thread(pid_t tid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task/%d", program_pid, tid);
    return tid == program_pid || access(path, F_OK) == 0 || tree_is_recorded(proc_thread_group_of(tid));
}

static void enqueue(uint8_t stream, pid_t pid, struct buf *bytes)
{
    pthread_mutex_lock(&lock);
    if (queued == queue_cap) {
        size_t cap = queue_cap ? queue_cap * 2 : 16;
        struct queued_output *q = realloc(queue, cap * sizeof *q);
        if (!q) {
            pthread_mutex_unlock(&lock);
            warn("out of memory: a child's output is not recorded");
            buf_free(bytes);
            return;
        }
        queue = q;
        queue_cap = cap;
    }
    queue[queued++] = (struct queued_output){stream, (uint32_t)pid, *bytes, tree_take_seq()};
    pthread_mutex_unlock(&lock);
}

/* Copies what the child's write (stopped before it runs) will print, if it goes to our terminal. */
static void copy_child_write(const struct seccomp_notif *req)
{
    pid_t pid = (pid_t)req->pid;
    int fd = (int)req->data.args[0];
    int stream = same_open_file(pid, fd, 1) ? 1 : same_open_file(pid, fd, 2) ? 2 : 0;
    struct tracee c = {.pid = pid, .mem_fd = -1};
    if (!stream || tracee_attach_mem(&c) < 0)
        return;
    uint64_t args[6];
    for (int i = 0; i < 6; i++)
        args[i] = req->data.args[i];
    long nr = req->data.nr;
    /* it will write all it was given (count, or every iovec) */
    int64_t wants = nr == SYS_write || nr == SYS_pwrite64 ? (int64_t)args[2] : INT64_MAX;
    struct buf bytes = {0};
    bool copied = output_bytes(&c, nr, args, wants, &bytes) && bytes.len > 0;
    tracee_detach_mem(&c);
    /* the memory read belongs to this notification only if the writer is still the same */
    if (copied && ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id) == 0)
        enqueue((uint8_t)stream, pid, &bytes);
    else
        buf_free(&bytes);
}

static void *answer_notifications(void *unused)
{
    struct pollfd fds[2] = {{.fd = listener, .events = POLLIN}, {.fd = stop_pipe[0], .events = POLLIN}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            warn("children's output: poll: %s", strerror(errno));
            return NULL;
        }
        if (fds[1].revents)
            return NULL;
        if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
            return NULL; /* no process has the filter any more */
        struct seccomp_notif req;
        memset(&req, 0, sizeof req);
        if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
            continue; /* ENOENT: the writer was killed meanwhile; EINTR */
        if (!is_program_thread((pid_t)req.pid))
            copy_child_write(&req);
        struct seccomp_notif_resp resp = {.id = req.id, .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE};
        (void)ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp); /* ENOENT: writer gone */
    }
}

int children_output_start(pid_t program)
{
    int theirs = find_listener_fd(program);
    if (theirs < 0)
        return -1;
    int pidfd = (int)syscall(SYS_pidfd_open, program, 0);
    if (pidfd < 0)
        return -1;
    listener = (int)syscall(SYS_pidfd_getfd, pidfd, theirs, 0);
    close(pidfd);
    if (listener < 0)
        return -1;
    program_pid = program;
    if (pipe2(stop_pipe, O_CLOEXEC) < 0) {
        close(listener);
        listener = -1;
        return -1;
    }
    /* signals meant for the recorder (its flush timer, TERM) must reach its main thread */
    sigset_t all, before;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &before);
    int err = pthread_create(&answerer, NULL, answer_notifications, NULL);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    if (err) {
        close(listener);
        close(stop_pipe[0]);
        close(stop_pipe[1]);
        listener = -1;
        return -1;
    }
    return 0;
}

void children_output_drain(struct trace_writer *tw)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < queued; i++) {
        struct queued_output *q = &queue[i];
        trace_put_output(tw, q->stream, q->pid, q->bytes.data, (uint32_t)q->bytes.len);
        tree_output_event_seq(tw->next_event - 1, q->seq);
        buf_free(&q->bytes);
    }
    queued = 0;
    pthread_mutex_unlock(&lock);
}

void children_output_forget_after_fork(void)
{
    if (listener >= 0) {
        close(listener);
        close(stop_pipe[0]);
        close(stop_pipe[1]);
    }
    listener = -1;
    stop_pipe[0] = stop_pipe[1] = -1;
    pthread_mutex_init(&lock, NULL); /* (the answerer may have held it at the fork) */
    queue = NULL;                    /* (the root recorder's copy: not ours to free) */
    queued = queue_cap = 0;
}

void children_output_stop(struct trace_writer *tw)
{
    if (listener >= 0) {
        ssize_t w = write(stop_pipe[1], "x", 1);
        (void)w;
        pthread_join(answerer, NULL);
        close(listener);
        close(stop_pipe[0]);
        close(stop_pipe[1]);
        listener = -1;
    }
    children_output_drain(tw);
    free(queue);
    queue = NULL;
    queue_cap = 0;
}
