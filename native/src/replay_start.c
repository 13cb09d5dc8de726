/*
 * replay_start.c: where a replay's process comes from. The husk (husk/husk.c) is started under
 * ptrace and emptied, and the recording's first EXEC image is built in it; an execve later in the
 * recording replaces the image the same way, through an injection page that outlives the old one.
 */
#include "maps.h"
#include "replay_internal.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096u
#define REWIND_PAGE_ADDR 0x10000000000ull /* where injection pages go (the husk lives there too) */

/* Prepares a page holding a `syscall` instruction that survives the old image's unmapping, and
 * resets caught signals to their defaults, as execve does. Returns the instruction's address. */
static uint64_t prepare_exec(struct replay *r, const struct image *img)
{
    uint64_t page = REWIND_PAGE_ADDR;
    for (uint32_t i = 0; i < img->region_count; i++)
        if (img->regions[i].start < page + PAGE && page < img->regions[i].end)
            page += 1ull << 32; /* rare: step past the recorded mapping */
    int64_t got = replay_inject(r, SYS_mmap, page, PAGE, PROT_READ | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, (uint64_t)-1, 0);
    if ((uint64_t)got != page)
        return 0;
    static const uint8_t code[4] = {0x0f, 0x05, 0x0f, 0x05};
    uint8_t dfl[32] = {0}; /* struct kernel_sigaction with SIG_DFL */
    tracee_write(&r->t, page, code, sizeof code);
    tracee_write(&r->t, page + 64, dfl, sizeof dfl);
    uint64_t caught = proc_status_mask(r->t.pid, "SigCgt");
    for (int sig = 1; sig <= 64; sig++)
        if (caught & (1ull << (sig - 1)))
            replay_inject(r, SYS_rt_sigaction, (uint64_t)sig, page + 64, 0, 8, 0, 0);
    return page;
}

int replay_apply_exec(struct replay *r, const struct trace_event *ev, uint64_t inj)
{
    struct image img;
    char err[512];
    if (image_parse(ev->body, &img) < 0) {
        image_free(&img);
        return replay_trace_error(r, "trace events are corrupted: bad exec image");
    }
    for (uint32_t i = 0; i < img.region_count; i++) {
        if (!img.regions[i].has_blob)
            continue;
        replay_note_name(r, img.regions[i].blob, img.regions[i].name, strlen(img.regions[i].name));
        /* A missing or damaged file copy is the trace's fault, not a divergence: say so first. */
        int fd = trace_blob_open(&r->tr, img.regions[i].blob);
        if (fd < 0) {
            image_free(&img);
            return replay_trace_error(r, r->tr.error);
        }
        close(fd);
    }
    if (!inj)
        inj = prepare_exec(r, &img);
    int rc = inj ? image_rebuild(&r->t, &img, r->trace_dir, inj, NULL, NULL, err, sizeof err) : -1;
    if (!inj)
        snprintf(err, sizeof err, "%s", "no room for the exec injection page");
    image_free(&img);
    r->brk = 0;
    if (rc < 0)
        return replay_diverged(r, ev, err);
    r->maps_generation++;
    for (int i = 0; i < r->nbps; i++)
        r->bps[i].inserted = false; /* the old image is gone, and its breakpoint bytes with it */
    replay_arm_breakpoints(r);
    return 0;
}

/* ---- starting: the husk ---- */

int replay_start_husk(struct replay *r, const struct image *img)
{
    char self[PATH_MAX], husk[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0)
        fatal("cannot find the agent's own path");
    self[n] = 0;
    char *slash = strrchr(self, '/');
    *slash = 0;
    snprintf(husk, sizeof husk, "%s/rewind-husk", self);
    char depth[32];
    snprintf(depth, sizeof depth, "%lu", (unsigned long)(image_stack_size(img) + 65536));

    pid_t pid = fork();
    if (pid < 0)
        fatal("fork: %s", strerror(errno));
    if (pid == 0) {
        for (int sig = 1; sig < 65; sig++)
            if (sig != SIGKILL && sig != SIGSTOP)
                signal(sig, (img->sig_ignored >> (sig - 1)) & 1 ? SIG_IGN : SIG_DFL);
        sigset_t mask;
        sigemptyset(&mask);
        /* (not SIGTRAP: blocked, the stop after the exec would not come; the whole mask is set
         * once the husk stands stopped) */
        for (int sig = 1; sig < 65; sig++)
            if (((img->sig_blocked >> (sig - 1)) & 1) && sig != SIGTRAP)
                sigaddset(&mask, sig);
        sigprocmask(SIG_SETMASK, &mask, NULL);
        struct rlimit nocore = {0, 0};
        setrlimit(RLIMIT_CORE, &nocore);
        personality(ADDR_NO_RANDOMIZE);
        prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        char *argv[] = {husk, depth, NULL};
        char *envp[] = {NULL};
        execve(husk, argv, envp);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, __WALL); /* SIGTRAP after exec */
    if (!WIFSTOPPED(status)) {
        r->err->reason = RSTOP_ERROR;
        r->err->error_code = 8;
        snprintf(r->err->message, sizeof r->err->message, "cannot start the replay husk %.900s", husk);
        return -1;
    }
    ptrace(PTRACE_SETOPTIONS, pid, 0,
           PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL);
    ptrace(PTRACE_CONT, pid, 0, 0);
    waitpid(pid, &status, __WALL); /* the husk's own SIGSTOP */
    if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP) {
        r->err->reason = RSTOP_ERROR;
        r->err->error_code = 8;
        snprintf(r->err->message, sizeof r->err->message,
                 "the replay husk did not start (wait status %#x)", status);
        return -1;
    }
    r->t.pid = pid;
    r->alive = true;
    if (tracee_attach_mem(&r->t) < 0)
        fatal("cannot open the replay's memory: %s", strerror(errno));
    uint64_t blocked = img->sig_blocked & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    if (ptrace(PTRACE_SETSIGMASK, pid, sizeof blocked, &blocked) < 0) {
        r->err->reason = RSTOP_ERROR;
        r->err->error_code = 8;
        snprintf(r->err->message, sizeof r->err->message, "cannot set the replay's signal mask: %s",
                 strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- the loop ---- */

