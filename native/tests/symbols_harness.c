/* symbols_harness.c: see symbols_harness.h. */
#include "symbols_harness.h"


#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

int passed, failed;
/* ---- the harness ---- */


int read_mem(void *ctx, uint64_t addr, void *out, size_t n)
{
    struct proc *p = ctx;
    return pread(p->memfd, out, n, (off_t)addr) == (ssize_t)n ? 0 : -1;
}

/* The load bias of a file mapped at `start` (its offset-0 mapping): 0 for a non-PIE executable
 * (ET_EXEC: linked at its run-time addresses), else the mapping's start. */
uint64_t bias_of(const char *path, uint64_t start)
{
    Elf64_Ehdr eh;
    int fd = open(path, O_RDONLY);
    bool exec = fd >= 0 && pread(fd, &eh, sizeof eh, 0) == sizeof eh && eh.e_type == ET_EXEC;
    if (fd >= 0)
        close(fd);
    return exec ? 0 : start;
}

/* Adds every file mapped with offset 0 as a module. */
void sync_modules(struct proc *p)
{
    char path[64], line[4096];
    snprintf(path, sizeof path, "/proc/%d/maps", p->pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        uint64_t start, end, off;
        char perms[8];
        int pos = 0;
        if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %*s %*s %n", &start, &end, perms,
                   &off, &pos) < 4 || pos == 0)
            continue;
        char *name = line + pos;
        name[strcspn(name, "\n")] = 0;
        if (off == 0 && name[0] == '/')
            symtab_add_module(p->st, name, name, bias_of(name, start));
    }
    fclose(f);
}

int proc_start(struct proc *p, const char *prog)
{
    memset(p, 0, sizeof *p);
    p->pid = fork();
    if (p->pid < 0)
        return -1;
    if (p->pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        personality(ADDR_NO_RANDOMIZE);
        execl(prog, prog, (char *)NULL);
        _exit(127);
    }
    int status;
    if (waitpid(p->pid, &status, 0) != p->pid || !WIFSTOPPED(status))
        return -1;
    ptrace(PTRACE_SETOPTIONS, p->pid, NULL, (void *)(long)PTRACE_O_EXITKILL);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", p->pid);
    p->memfd = open(path, O_RDONLY);
    p->st = symtab_new();
    sync_modules(p);
    return p->memfd < 0 ? -1 : 0;
}

void proc_end(struct proc *p)
{
    if (!p->exited) {
        kill(p->pid, SIGKILL);
        waitpid(p->pid, NULL, 0);
    }
    if (p->memfd >= 0)
        close(p->memfd);
    symtab_free(p->st);
}

/* Runs to the first of the breakpoints hit; rip is left at it. Index or -1. */
int run_to(struct proc *p, const uint64_t *addrs, int n)
{
    long saved[16];
    if (n > 16)
        n = 16;
    for (int i = 0; i < n; i++) {  /* one at a time: two may share a word */
        errno = 0;
        saved[i] = ptrace(PTRACE_PEEKTEXT, p->pid, (void *)addrs[i], NULL);
        if (errno)
            return -1;
        ptrace(PTRACE_POKETEXT, p->pid, (void *)addrs[i], (void *)((saved[i] & ~0xffL) | 0xcc));
    }
    int hit = -1, sig = 0;
    for (;;) {
        int status;
        ptrace(PTRACE_CONT, p->pid, NULL, (void *)(long)sig);
        sig = 0;
        if (waitpid(p->pid, &status, 0) != p->pid || WIFEXITED(status) || WIFSIGNALED(status)) {
            p->exited = true;
            return -1;
        }
        if (WSTOPSIG(status) != SIGTRAP) {
            sig = WSTOPSIG(status);  /* delivered on the next continue */
            continue;
        }
        struct user_regs_struct r;
        ptrace(PTRACE_GETREGS, p->pid, NULL, &r);
        for (int i = 0; i < n; i++)
            if (r.rip - 1 == addrs[i])
                hit = i;
        if (hit < 0)
            continue;
        r.rip--;
        ptrace(PTRACE_SETREGS, p->pid, NULL, &r);
        break;
    }
    for (int i = n - 1; i >= 0; i--)
        ptrace(PTRACE_POKETEXT, p->pid, (void *)addrs[i], (void *)saved[i]);
    sync_modules(p);
    return hit;
}

void get_frame(struct proc *p, struct sym_frame *f)
{
    struct user_regs_struct r;
    ptrace(PTRACE_GETREGS, p->pid, NULL, &r);
    memset(f, 0, sizeof *f);
    uint64_t v[SYM_NREGS] = {r.rax, r.rdx, r.rcx, r.rbx, r.rsi, r.rdi, r.rbp, r.rsp, r.r8,
                             r.r9,  r.r10, r.r11, r.r12, r.r13, r.r14, r.r15, r.rip};
    memcpy(f->regs, v, sizeof v);
    f->valid = (1u << SYM_NREGS) - 1;
}

/* The line holding "BREAK name" (or any marker text) in a source file. */
int marker_line(const char *file, const char *marker)
{
    FILE *f = fopen(file, "r");
    char line[1024];
    int n = 0, found = 0;
    while (f && fgets(line, sizeof line, f)) {
        n++;
        if (strstr(line, marker)) {
            found = n;
            break;
        }
    }
    if (f)
        fclose(f);
    if (!found)
        fprintf(stderr, "no marker '%s' in %s\n", marker, file);
    return found;
}

/* Stops at a marker line; 0 or -1. */
int stop_at(struct proc *p, const char *src, const char *base, const char *marker)
{
    int line = marker_line(src, marker), actual = 0;
    uint64_t addrs[16];
    int n = symtab_line_to_addrs(p->st, base, line, addrs, 16, &actual);
    CHECK(n >= 1, "%s: no address for line %d (%d)", marker, line, n);
    if (n < 1)
        return -1;
    int hit = run_to(p, addrs, n);
    CHECK(hit >= 0, "%s: breakpoint not hit", marker);
    return hit >= 0 ? 0 : -1;
}

/* ---- reading variables ---- */

const struct sym_var *find_var(const struct sym_var *v, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (v[i].name && strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

int count_var(const struct sym_var *v, int n, const char *name)
{
    int c = 0;
    for (int i = 0; i < n; i++)
        c += v[i].name && strcmp(v[i].name, name) == 0;
    return c;
}

/* The value bytes of a variable (at most n); 0, or -1 when unavailable. */
int var_bytes(struct proc *p, const struct sym_frame *f, const struct sym_var *v,
                     void *out, size_t n)
{
    memset(out, 0, n);
    switch (v->loc) {
    case SYMLOC_MEMORY:
        return read_mem(p, v->addr, out, n);
    case SYMLOC_REGISTER:
        if (v->reg >= SYM_NREGS || !(f->valid & (1u << v->reg)) || n > 8)
            return -1;
        memcpy(out, &f->regs[v->reg], n);
        return 0;
    case SYMLOC_VALUE:
        if (n > 16)
            return -1;
        memcpy(out, v->bytes, n < v->nbytes ? n : v->nbytes);
        return 0;
    default:
        return -1;
    }
}

const struct sym_type *strip(struct symtab *st, uint32_t id)
{
    const struct sym_type *t = symtab_type(st, id);
    while (t && (t->kind == SYMT_TYPEDEF || t->kind == SYMT_CONST || t->kind == SYMT_VOLATILE))
        t = symtab_type(st, t->target);
    return t;
}

/* An integer variable's value, sign-extended per its type. */
int var_int(struct proc *p, const struct sym_frame *f, const struct sym_var *v,
                   int64_t *out)
{
    const struct sym_type *t = strip(p->st, v->type);
    if (!t || t->size == 0 || t->size > 8)
        return -1;
    uint64_t raw = 0;
    if (var_bytes(p, f, v, &raw, t->size) != 0)
        return -1;
    if ((t->kind == SYMT_INT || t->kind == SYMT_CHAR || t->kind == SYMT_ENUM) && t->size < 8 &&
        (raw >> (t->size * 8 - 1)) & 1)
        raw |= ~0ull << (t->size * 8);
    *out = (int64_t)raw;
    return 0;
}

bool read_string(struct proc *p, uint64_t addr, char *buf, size_t n)
{
    if (read_mem(p, addr, buf, n) != 0)
        return false;
    buf[n - 1] = 0;
    return true;
}

/* Checks an int variable: its value when available; at -O0 it must be available. */
void check_int(struct proc *p, const struct sym_frame *f, const struct sym_var *v, int n,
                      const char *name, int64_t want, bool must)
{
    const struct sym_var *x = find_var(v, n, name);
    CHECK(x != NULL, "variable %s missing", name);
    if (!x)
        return;
    int64_t got;
    if (var_int(p, f, x, &got) == 0)
        CHECK(got == want, "%s = %" PRId64 ", want %" PRId64, name, got, want);
    else
        CHECK(!must, "%s unavailable (loc %d)", name, x->loc);
}

const struct sym_member *member(struct symtab *st, const struct sym_type *t,
                                       const char *name)
{
    for (uint32_t i = 0; t && i < t->nmembers; i++)
        if (t->members[i].name && strcmp(t->members[i].name, name) == 0)
            return &t->members[i];
    (void)st;
    return NULL;
}

int64_t bitfield(const uint8_t *base, const struct sym_member *m, bool is_signed)
{
    uint64_t raw = 0;
    memcpy(&raw, base + m->offset, (m->bit_offset + m->bit_size + 7) / 8);
    raw >>= m->bit_offset;
    raw &= (1ull << m->bit_size) - 1;
    if (is_signed && (raw >> (m->bit_size - 1)) & 1)
        raw |= ~0ull << m->bit_size;
    return (int64_t)raw;
}

bool ends_with(const char *s, const char *suffix)
{
    size_t a = s ? strlen(s) : 0, b = strlen(suffix);
    return s && a >= b && strcmp(s + a - b, suffix) == 0;
}


void unwind_all(struct proc *p, struct unwound *u)
{
    get_frame(p, &u->frames[0]);
    u->n = 1;
    u->last = -1;
    for (;;) {
        struct sym_frame *f = &u->frames[u->n - 1];
        struct sym_function fn;
        uint64_t pc = f->regs[16] - ((f->valid & SYM_FRAME_RETADDR) ? 1 : 0);
        u->names[u->n - 1] = symtab_function_at(p->st, pc, &fn) == 0 ? fn.name : NULL;
        u->modules[u->n - 1] = symtab_function_at(p->st, pc, &fn) == 0 ? fn.module : NULL;
        if (u->n == 32)
            break;
        u->last = symtab_unwind(p->st, f, &u->frames[u->n], read_mem, p);
        if (u->last != 0)
            break;
        u->n++;
    }
}

/* With SYMTEST_VERBOSE set, prints an unwind (for looking at what the debugger would show). */
void print_unwind(struct proc *p, const struct unwound *u)
{
    if (!getenv("SYMTEST_VERBOSE"))
        return;
    for (int i = 0; i < u->n; i++) {
        const struct sym_frame *f = &u->frames[i];
        uint64_t pc = f->regs[16] - ((f->valid & SYM_FRAME_RETADDR) ? 1 : 0);
        struct src_loc loc = {0};
        symtab_addr_to_line(p->st, pc, &loc);
        fprintf(stderr, "  #%d %#" PRIx64 " cfa %#" PRIx64 " %s (%s) %s:%d\n", i, f->regs[16],
                f->cfa, u->names[i] ? u->names[i] : "??", u->modules[i] ? u->modules[i] : "?",
                loc.file ? loc.file : "", loc.line);
    }
    fprintf(stderr, "  unwind ended with %d\n", u->last);
}

int frame_named(const struct unwound *u, const char *name)
{
    for (int i = 0; i < u->n; i++)
        if (u->names[i] && strcmp(u->names[i], name) == 0)
            return i;
    return -1;
}
