/*
 * symbols_harness.h: the small ptrace harness the symbol tests use: start a test program of
 * tests/dwarf with ASLR off, keep its modules in a symtab, stop at marker comments, read variables
 * and unwind. Shared pass/fail counters and CHECK for the tests built on it (test_symbols.c).
 */
#ifndef REWIND_SYMBOLS_HARNESS_H
#define REWIND_SYMBOLS_HARNESS_H

#include "symbols.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

extern int passed, failed;

#define CHECK(cond, ...)                                                                       \
    do {                                                                                       \
        if (cond) {                                                                            \
            passed++;                                                                          \
        } else {                                                                               \
            failed++;                                                                          \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                               \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
        }                                                                                      \
    } while (0)

struct proc {
    pid_t pid;
    int memfd;
    struct symtab *st;
    bool exited;
};

struct unwound {
    struct sym_frame frames[32];
    const char *names[32];
    const char *modules[32];
    int n, last;  /* last: symtab_unwind's final answer */
};

int read_mem(void *ctx, uint64_t addr, void *out, size_t n);
uint64_t bias_of(const char *path, uint64_t start);
void sync_modules(struct proc *p);
int proc_start(struct proc *p, const char *prog);
void proc_end(struct proc *p);
int run_to(struct proc *p, const uint64_t *addrs, int n);
void get_frame(struct proc *p, struct sym_frame *f);
int marker_line(const char *file, const char *marker);
int stop_at(struct proc *p, const char *src, const char *base, const char *marker);
const struct sym_var *find_var(const struct sym_var *v, int n, const char *name);
int count_var(const struct sym_var *v, int n, const char *name);
int var_bytes(struct proc *p, const struct sym_frame *f, const struct sym_var *v,
                     void *out, size_t n);
const struct sym_type *strip(struct symtab *st, uint32_t id);
int var_int(struct proc *p, const struct sym_frame *f, const struct sym_var *v,
                   int64_t *out);
bool read_string(struct proc *p, uint64_t addr, char *buf, size_t n);
void check_int(struct proc *p, const struct sym_frame *f, const struct sym_var *v, int n,
                      const char *name, int64_t want, bool must);
const struct sym_member *member(struct symtab *st, const struct sym_type *t,
                                       const char *name);
int64_t bitfield(const uint8_t *base, const struct sym_member *m, bool is_signed);
bool ends_with(const char *s, const char *suffix);
void unwind_all(struct proc *p, struct unwound *u);
void print_unwind(struct proc *p, const struct unwound *u);
int frame_named(const struct unwound *u, const char *name);

#endif
