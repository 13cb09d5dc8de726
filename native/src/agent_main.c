/*
 * agent_main.c: rewind-agent's entry point.
 *
 *   rewind-agent --connect SOCKET            serve replay-core over the wire protocol
 *   rewind-agent record DIR -- PROGRAM ARGS  record directly (benchmarks, debugging)
 *   rewind-agent replay DIR                  replay directly
 *
 * The agent is the only Rewind process that ptraces. It writes its own diagnostics to stderr only;
 * its stdout carries nothing but the replayed program's output.
 */
#include "temp_dirs.h"
#include "record.h"
#include "replay.h"
#include "session.h"
#include "util.h"
#include "wire.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int status_to_exit_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 125;
}

/* ---- signals: rewind told to end, rewind gone ---- */

/*
 * TERM, HUP or QUIT to the agent outside a recording (record.c handles them during one): a replay
 * ends at once, its tracees with it, as the default action would. A copy that Java relayed
 * (AgentClient.terminate) while no replay runs is for a recording about to start (it is passed to
 * the program as soon as that starts) or one just ended (then it is harmless).
 */
static volatile sig_atomic_t replaying;

static void on_terminate_signal(int sig, siginfo_t *si, void *uc)
{
    if (replaying || si->si_code != SI_USER || si->si_pid != getppid()) {
        temp_dirs_remove_all();
        _exit(128 + sig);
    }
    record_terminate_early(sig);
}

static void watch_terminate_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_terminate_signal;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
}

/*
 * The agent must not outlive rewind's Java process: a recording would go on unrecorded, a replay
 * would go on printing. The kernel sends SIGUSR1 when the parent ends (PR_SET_PDEATHSIG), but
 * also when the Java *thread* that started the agent ends; then the agent has been handed to
 * another thread of the same process and getppid() is unchanged. When the parent is really gone,
 * a recording stops cleanly (record_parent_gone); anything else ends the agent at once, and the
 * kernel kills its tracees with it (PTRACE_O_EXITKILL): the replayed process and save points.
 */
static pid_t parent_at_start;

static void on_parent_signal(int sig)
{
    if (getppid() == parent_at_start)
        return;
    if (!record_parent_gone()) {
        temp_dirs_remove_all();
        _exit(125);
    }
}

static void watch_parent(void)
{
    parent_at_start = getppid();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_parent_signal;
    sigaction(SIGUSR1, &sa, NULL);
    if (prctl(PR_SET_PDEATHSIG, SIGUSR1) < 0 || getppid() != parent_at_start)
        on_parent_signal(SIGUSR1); /* (gone before the watch was set) */
}

/* ---- serving replay-core ---- */

struct connection {
    int fd;
    struct buf out;
};

static void send_started(void *ctx, pid_t pid)
{
    struct connection *s = ctx;
    wire_started(&s->out, (uint32_t)pid);
    wire_send(s->fd, &s->out);
}

static void send_error(struct connection *s, uint32_t code, const char *message)
{
    wire_error(&s->out, code, message);
    wire_send(s->fd, &s->out);
}

static char **cur_strings(struct cursor *c)
{
    uint32_t n = cur_u32(c);
    if (n > 1u << 20) {
        c->bad = true;
        n = 0;
    }
    char **v = xmalloc(sizeof(char *) * (n + 1));
    for (uint32_t i = 0; i < n; i++)
        v[i] = cur_str(c);
    v[n] = NULL;
    return v;
}

static void free_strings(char **v)
{
    for (char **p = v; p && *p; p++)
        free(*p);
    free(v);
}

/*
 * Chaos mode (rewind record --chaos) reaches the agent in its environment, REWIND_CHAOS_SEED=N
 * (the RECORD message has no field for it; the recorded program's environment is envp, not
 * this one). False, with why, when it is set but not a decimal u64.
 */
static bool chaos_from_env(struct record_request *req, char *why, size_t len)
{
    const char *seed = getenv("REWIND_CHAOS_SEED");
    if (!seed)
        return true;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(seed, &end, 10);
    if (!*seed || *end || errno || *seed == '-') {
        snprintf(why, len, "REWIND_CHAOS_SEED is not a number 0..2^64-1: '%.40s'", seed);
        return false;
    }
    req->chaos = true;
    req->chaos_seed = v;
    return true;
}

static void serve_record(struct connection *s, struct cursor *c)
{
    char *dir = cur_str(c), *program = cur_str(c);
    char **argv = cur_strings(c);
    char *cwd = cur_str(c);
    char **envp = cur_strings(c);
    uint64_t snapshot_every = cur_u64(c);
    if (c->bad || c->p != c->end || !argv[0]) {
        send_error(s, WIRE_ERR_MALFORMED, "malformed RECORD message");
    } else {
        struct record_request req = {.trace_dir = dir, .program = program, .argv = argv, .envp = envp,
                                     .cwd = cwd, .on_started = send_started, .ctx = s,
                                     .snapshot_every = snapshot_every};
        struct record_result res = {0};
        if (!chaos_from_env(&req, res.message, sizeof res.message))
            res.error_code = WIRE_ERR_MALFORMED;
        else
            record_run(&req, &res);
        if (res.error_code && res.error_code != WIRE_ERR_IO) {
            send_error(s, (uint32_t)res.error_code, res.message);
        } else if (res.error_code == WIRE_ERR_IO) {
            send_error(s, WIRE_ERR_IO, res.message);
        } else {
            wire_finished(&s->out, res.wait_status, res.events, res.complete, res.message);
            wire_send(s->fd, &s->out);
        }
    }
    free(dir);
    free(program);
    free(cwd);
    free_strings(argv);
    free_strings(envp);
}

static void serve_replay(struct connection *s, struct cursor *c)
{
    char *dir = cur_str(c);
    if (c->bad || c->p != c->end) {
        send_error(s, WIRE_ERR_MALFORMED, "malformed REPLAY message");
    } else {
        struct replay_request req = {dir, send_started, s};
        struct replay_result res;
        replaying = 1;
        replay_run(&req, &res);
        replaying = 0;
        if (res.error_code) {
            send_error(s, (uint32_t)res.error_code, res.message);
        } else {
            wire_finished(&s->out, res.wait_status, res.events, res.complete, res.message);
            wire_send(s->fd, &s->out);
        }
    }
    free(dir);
}

/* Answers requests until the connection ends (0), BYE (0) or a broken frame (1). */
static int serve_requests(struct connection *s, struct session *debug, struct buf *in)
{
    uint16_t type;
    for (;;) {
        int r = wire_read(s->fd, &type, in);
        if (r == 0)
            return 0;
        if (r < 0) {
            send_error(s, WIRE_ERR_MALFORMED, "broken frame");
            return 1;
        }
        struct cursor c = {in->data, in->data + in->len, false};
        if (session_handle(debug, type, &c))
            continue;
        switch (type) {
        case WIRE_RECORD:
            serve_record(s, &c);
            break;
        case WIRE_REPLAY:
            serve_replay(s, &c);
            break;
        case WIRE_BYE:
            return 0;
        default:
            send_error(s, WIRE_ERR_MALFORMED, "unexpected message type");
        }
    }
}

/*
 * The socket's name and its private folder (made by replay-core for this agent alone, named
 * rewind-*) are a rendezvous only: once the agent has connected, or failed to, nothing needs
 * them, so it removes both. Then neither a killed JVM nor a killed agent leaves them behind.
 * Only an empty folder of that name is removed.
 */
static void remove_rendezvous(const char *socket_path)
{
    unlink(socket_path);
    char folder[sizeof ((struct sockaddr_un *)0)->sun_path];
    snprintf(folder, sizeof folder, "%s", socket_path);
    char *slash = strrchr(folder, '/');
    if (!slash)
        return;
    *slash = 0;
    const char *name = strrchr(folder, '/');
    name = name ? name + 1 : folder;
    if (!strncmp(name, "rewind-", 7))
        rmdir(folder);
}

static int serve(const char *socket_path)
{
    watch_parent();
    watch_terminate_signals();
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path)
        fatal("socket path too long: %s", socket_path);
    strcpy(addr.sun_path, socket_path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int connected = fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0;
    int connect_errno = errno;
    remove_rendezvous(socket_path);
    if (!connected)
        fatal("cannot connect to %s: %s", socket_path, strerror(connect_errno));
    signal(SIGPIPE, SIG_IGN);

    struct connection s = {.fd = fd};
    struct session *debug = session_new(fd);
    struct buf in = {0};
    uint16_t type;
    if (wire_read(fd, &type, &in) != 1 || type != WIRE_HELLO)
        fatal("the first message was not HELLO");
    struct cursor c = {in.data, in.data + in.len, false};
    uint32_t version = cur_u32(&c);
    free(cur_str(&c));
    if (version != WIRE_PROTOCOL_VERSION) {
        char msg[128];
        snprintf(msg, sizeof msg, "protocol version %u is not supported (this agent speaks %u)",
                 version, WIRE_PROTOCOL_VERSION);
        send_error(&s, WIRE_ERR_VERSION, msg);
        return 2;
    }
    wire_hello_ok(&s.out, WIRE_PROTOCOL_VERSION, REWIND_VERSION);
    wire_send(fd, &s.out);

    int rc = serve_requests(&s, debug, &in);
    /* Ends the replay the session holds: its process, save points and temporary folders. */
    session_free(debug);
    buf_free(&in);
    return rc;
}

/* ---- direct mode ---- */

static char *find_program(const char *name)
{
    if (strchr(name, '/'))
        return xstrdup(name);
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    char *copy = xstrdup(path), *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%s/%s", *dir ? dir : ".", name);
        if (access(full, X_OK) == 0) {
            free(copy);
            return xstrdup(full);
        }
    }
    free(copy);
    return xstrdup(name);
}

static int direct_record(const char *dir, char **argv)
{
    char *program = find_program(argv[0]);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = 0;
    struct record_request req = {.trace_dir = dir, .program = program, .argv = argv, .envp = environ,
                                 .cwd = cwd};
    struct record_result res = {0};
    if (!chaos_from_env(&req, res.message, sizeof res.message))
        res.error_code = WIRE_ERR_MALFORMED;
    else
        record_run(&req, &res);
    free(program);
    if (res.error_code) {
        fprintf(stderr, "rewind-agent: %s\n", res.message);
        return res.error_code == 3 ? 127 : 125;
    }
    if (res.message[0])
        fprintf(stderr, "rewind-agent: %s\n", res.message);
    return res.signalled ? 128 + res.signalled : status_to_exit_code(res.wait_status);
}

static int direct_replay(const char *dir)
{
    struct replay_request req = {dir, NULL, NULL};
    struct replay_result res;
    replay_run(&req, &res);
    if (res.error_code) {
        fprintf(stderr, "rewind-agent: %s\n", res.message);
        return 125;
    }
    if (res.message[0])
        fprintf(stderr, "rewind-agent: %s\n", res.message);
    return res.complete ? status_to_exit_code(res.wait_status) : 125;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: rewind-agent --connect SOCKET\n"
               "       rewind-agent record DIR -- PROGRAM [ARGS...]\n"
               "       rewind-agent replay DIR\n"
               "       rewind-agent --version\n");
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--connect"))
        return serve(argv[2]);
    if (argc >= 5 && !strcmp(argv[1], "record") && !strcmp(argv[3], "--"))
        return direct_record(argv[2], argv + 4);
    if (argc == 3 && !strcmp(argv[1], "replay"))
        return direct_replay(argv[2]);
    if (argc == 2 && !strcmp(argv[1], "--version")) {
        printf("rewind-agent %s (wire protocol %d)\n", REWIND_VERSION, WIRE_PROTOCOL_VERSION);
        return 0;
    }
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    usage(stderr);
    return 2;
}
