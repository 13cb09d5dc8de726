/*
 * record_settings.h: the process settings the recorder changes for its own needs, as the program
 * set them. To record, the program runs with rdtsc trapped (PR_SET_TSC), a seccomp filter and
 * no_new_privs (children's output), and ADDR_NO_RANDOMIZE (the layout replay recreates); the
 * program must still read back what it set itself, not what the recorder set. The prctl options
 * and personality calls that read or set these are answered here from the program's own
 * settings: the recording holds the program's view, and replay (which emulates prctl and
 * personality) gives it back.
 *
 * Invariant: between settings_on_entry and settings_on_exit of one syscall, `answer` describes
 * that syscall; outside it is ANSWER_NONE.
 */
#ifndef REWIND_RECORD_SETTINGS_H
#define REWIND_RECORD_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "tracee.h"

struct program_settings {
    int tsc;                     /* PR_TSC_ENABLE or PR_TSC_SIGSEGV */
    int seccomp;                 /* 0, SECCOMP_MODE_STRICT or SECCOMP_MODE_FILTER */
    int no_new_privs;            /* 0 or 1 */
    unsigned long no_randomize;  /* ADDR_NO_RANDOMIZE or 0: the program's bit of its persona */

    /* the syscall in progress */
    enum { ANSWER_NONE, ANSWER_SKIPPED, ANSWER_PERSONA } answer;
    int64_t result;              /* ANSWER_SKIPPED: what the program gets */
    uint64_t word_addr;          /* ANSWER_SKIPPED: where an int result goes (0: nowhere) */
    int word;
};

/* The settings a program started by this agent has before it changes any: the agent's own. */
void settings_init(struct program_settings *s);

/* At a syscall's entry (t->regs read): true when the recorder answers it and the kernel must
 * skip it; may change the arguments the kernel sees (t->regs written), settings_on_exit puts
 * them back. */
bool settings_on_entry(struct program_settings *s, struct tracee *t, long nr, const uint64_t args[6]);

/* At the syscall's exit (t->regs read): the result the program sees (t->regs written when it
 * differs from the kernel's), and what the program set when the syscall did set something. */
int64_t settings_on_exit(struct program_settings *s, struct tracee *t, long nr, const uint64_t args[6],
                         int64_t result);

/* Whether the program itself asked rdtsc to raise SIGSEGV (then it gets the signal). */
bool settings_rdtsc_faults(const struct program_settings *s);

#endif
