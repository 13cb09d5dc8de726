/*
 * record_settings.c: answers the program's prctl and personality calls about the settings the
 * recorder changed for itself (PR_GET/SET_TSC, PR_GET_SECCOMP, PR_GET_NO_NEW_PRIVS, the
 * ADDR_NO_RANDOMIZE bit) from the program's own settings (record_settings.h).
 */
#include "record_settings.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

void settings_init(struct program_settings *s)
{
    *s = (struct program_settings){.tsc = PR_TSC_ENABLE};
    int nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    s->no_new_privs = nnp > 0;
    int seccomp = prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
    s->seccomp = seccomp > 0 ? seccomp : 0;
    int persona = personality(0xffffffff);
    s->no_randomize = persona > 0 ? (unsigned long)persona & ADDR_NO_RANDOMIZE : 0;
}

static bool skip_with(struct program_settings *s, int64_t result)
{
    s->answer = ANSWER_SKIPPED;
    s->result = result;
    return true;
}

bool settings_on_entry(struct program_settings *s, struct tracee *t, long nr, const uint64_t args[6])
{
    s->answer = ANSWER_NONE;
    s->word_addr = 0;
    if (nr == SYS_personality) {
        /* every persona keeps the recorder's ADDR_NO_RANDOMIZE; a query (0xffffffff) changes nothing */
        if ((uint32_t)args[0] != 0xffffffffu) {
            t->regs.rdi = args[0] | ADDR_NO_RANDOMIZE;
            tracee_set_regs(t);
        }
        s->answer = ANSWER_PERSONA;
        return false;
    }
    if (nr != SYS_prctl)
        return false;
    switch ((int)args[0]) {
    case PR_GET_TSC:
        s->word_addr = args[1];
        s->word = s->tsc;
        return skip_with(s, 0);
    case PR_SET_TSC:
        if (args[1] != PR_TSC_ENABLE && args[1] != PR_TSC_SIGSEGV)
            return false; /* the kernel's EINVAL */
        s->tsc = (int)args[1];
        return skip_with(s, 0);
    case PR_GET_SECCOMP:
        return skip_with(s, s->seccomp);
    case PR_GET_NO_NEW_PRIVS:
        if (args[1] || args[2] || args[3] || args[4])
            return false; /* the kernel's EINVAL */
        return skip_with(s, s->no_new_privs);
    default:
        return false;
    }
}

/* What a syscall that ran set, once it succeeded. */
static void note_set(struct program_settings *s, long nr, const uint64_t args[6])
{
    if (nr == SYS_prctl && args[0] == PR_SET_NO_NEW_PRIVS)
        s->no_new_privs = 1;
    else if (nr == SYS_prctl && args[0] == PR_SET_SECCOMP)
        s->seccomp = (int)args[1];
    else if (nr == SYS_seccomp && args[0] == SECCOMP_SET_MODE_STRICT)
        s->seccomp = SECCOMP_MODE_STRICT;
    else if (nr == SYS_seccomp && args[0] == SECCOMP_SET_MODE_FILTER)
        s->seccomp = SECCOMP_MODE_FILTER;
}

int64_t settings_on_exit(struct program_settings *s, struct tracee *t, long nr, const uint64_t args[6],
                         int64_t result)
{
    int64_t seen = result;
    if (s->answer == ANSWER_SKIPPED) {
        seen = s->result;
        if (s->word_addr && tracee_write(t, s->word_addr, &s->word, sizeof s->word) < 0)
            seen = -EFAULT;
    } else if (s->answer == ANSWER_PERSONA) {
        t->regs.rdi = args[0];
        if (result >= 0) {
            seen = (result & ~(int64_t)ADDR_NO_RANDOMIZE) | (int64_t)s->no_randomize;
            if ((uint32_t)args[0] != 0xffffffffu)
                s->no_randomize = args[0] & ADDR_NO_RANDOMIZE;
        }
    } else if (result >= 0) {
        note_set(s, nr, args);
    }
    if (s->answer != ANSWER_NONE) {
        t->regs.rax = (uint64_t)seen;
        tracee_set_regs(t);
    }
    s->answer = ANSWER_NONE;
    return seen;
}

bool settings_rdtsc_faults(const struct program_settings *s)
{
    return s->tsc == PR_TSC_SIGSEGV;
}
