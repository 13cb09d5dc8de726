/* record_rdtsc.c: see record_rdtsc.h. */
#include "record_rdtsc.h"
#include "trace_events.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <x86intrin.h>

/* The NUMA node of a CPU (its /sys/devices/system/cpu/cpuN/nodeK link), cached; 0 without one. */
static unsigned node_of_cpu(unsigned cpu)
{
    static int cached[1024];
    if (cpu >= 1024)
        return 0;
    if (cached[cpu])
        return (unsigned)cached[cpu] - 1;
    unsigned node = 0;
    for (unsigned k = 0; k < 64; k++) {
        char path[96];
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/node%u", cpu, k);
        if (access(path, F_OK) == 0) {
            node = k;
            break;
        }
    }
    cached[cpu] = (int)node + 1;
    return node;
}

/* IA32_TSC_AUX as the tracee's rdtscp reads it: Linux keeps (node << 12) | cpu there, for the CPU
 * the tracee last ran on (field 39 of /proc/PID/stat); `ours` (the recorder's) if unreadable. */
static unsigned tracee_tsc_aux(pid_t pid, unsigned ours)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ours;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    char *p = n > 0 ? (buf[n] = 0, strrchr(buf, ')')) : NULL; /* the name may hold spaces */
    if (!p)
        return ours;
    for (int field = 2; *p && field < 39; p++)
        if (*p == ' ')
            field++;
    char *end;
    long cpu = strtol(p, &end, 10);
    if (end == p || cpu < 0 || cpu >= 4096)
        return ours;
    return (node_of_cpu((unsigned)cpu) << 12) | (unsigned)cpu;
}

/* A SIGSEGV from rdtsc/rdtscp (trapped with PR_SET_TSC): emulate it and record the value (rdtscp's
 * aux as the tracee's CPU has it, not the recorder's). */
bool record_rdtsc(struct tracee *t, struct trace_writer *tw, const siginfo_t *si)
{
    if (si->si_code != SI_KERNEL)
        return false;
    tracee_get_regs(t);
    uint8_t insn[3] = {0};
    if (tracee_read(t, t->regs.rip, insn, 3) < 0)
        return false;
    bool rdtscp;
    if (insn[0] == 0x0f && insn[1] == 0x31)
        rdtscp = false;
    else if (insn[0] == 0x0f && insn[1] == 0x01 && insn[2] == 0xf9)
        rdtscp = true;
    else
        return false;
    unsigned aux = 0;
    uint64_t tsc = rdtscp ? __rdtscp(&aux) : __rdtsc();
    if (rdtscp)
        aux = tracee_tsc_aux(t->pid, aux);
    t->regs.rax = (uint32_t)tsc;
    t->regs.rdx = tsc >> 32;
    if (rdtscp)
        t->regs.rcx = aux;
    t->regs.rip += rdtscp ? 3 : 2;
    tracee_set_regs(t);
    trace_put_rdtsc(tw, rdtscp, tsc, aux);
    return true;
}

