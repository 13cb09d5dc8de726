/*
 * insn_check.h: what the signal-point machinery needs to know about one x86-64 instruction
 * (decoded by Capstone): whether the recorder may single-step it (never a syscall, whose stop a
 * single step would skip, nor a trap of ours), and whether the replay may displace it into a stub
 * (signal_patch.c): 5 bytes or more, no control transfer, no rip-relative operand.
 */
#ifndef REWIND_INSN_CHECK_H
#define REWIND_INSN_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The shortest instruction the replay can replace by a `jmp rel32`. */
#define INSN_PATCH_LEN 5

/* Whether the instruction at code (n bytes, living at addr) decodes and may be single-stepped by
 * the recorder: not syscall, sysenter, int*, rdtsc or rdtscp, nor pushf or popf (which would see
 * the single step's trap flag). */
bool insn_steppable(const uint8_t *code, size_t n, uint64_t addr);

/* The length of the instruction at code if it can run displaced at another address (at least
 * INSN_PATCH_LEN bytes, not a jump, call, return or interrupt, not a syscall, rdtsc or rdtscp; a
 * rip-relative operand only as a 32-bit displacement, whose offset in the instruction goes to
 * *rip_disp_at, else -1); else 0. */
int insn_displaceable(const uint8_t *code, size_t n, uint64_t addr, int *rip_disp_at);

#endif
