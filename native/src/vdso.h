/*
 * vdso.h: makes the vDSO's time functions real syscalls, so they get recorded.
 *
 * The kernel's vDSO answers clock_gettime, gettimeofday, time, getcpu and getrandom without a
 * syscall, by reading kernel data ([vvar]); the recorder would never see those answers. At every
 * exec the recorder rewrites each function the vDSO exports into `mov $nr,%eax; syscall; ret`
 * (or `return -ENOSYS` for functions with no syscall), in the process's private copy. The patched
 * vDSO never reads [vvar], so replay restores it as plain memory at the recorded address.
 */
#ifndef REWIND_VDSO_H
#define REWIND_VDSO_H

#include <stdint.h>
#include "tracee.h"

/* Patches the vDSO mapped at [start, end) in the tracee. Returns the number of functions patched,
 * or -1 if the vDSO could not be parsed. */
int vdso_patch(struct tracee *t, uint64_t start, uint64_t end);

#endif
