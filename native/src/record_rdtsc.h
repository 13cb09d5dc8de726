/*
 * record_rdtsc.h: rdtsc and rdtscp while recording. The recorded process runs with
 * PR_SET_TSC(PR_TSC_SIGSEGV), so each time-stamp-counter read faults; the recorder performs it,
 * gives the program the value (rdtscp's aux as the program's own CPU has it) and records it.
 */
#ifndef REWIND_RECORD_RDTSC_H
#define REWIND_RECORD_RDTSC_H

#include <signal.h>
#include <stdbool.h>

#include "trace_writer.h"
#include "tracee.h"

/* At a SIGSEGV stop with siginfo si: when it is an rdtsc/rdtscp fault, emulates the instruction in
 * the tracee, writes an RDTSC event and returns true (the signal is not delivered); else false. */
bool record_rdtsc(struct tracee *t, struct trace_writer *tw, const siginfo_t *si);

#endif
