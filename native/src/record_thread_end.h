/*
 * record_thread_end.h: what the kernel writes in the program's memory when a thread ends, beyond
 * the syscall table: the futex words of the robust mutexes it still holds (its robust list,
 * set_robust_list(2): each word whose owner tid is the thread's gets FUTEX_OWNER_DIED), so the
 * next locker gets EOWNERDEAD. The recorder lists those words at the thread's exit entry, lets the
 * thread end, then writes the exit's SYSCALL event with their values as its memory writes; the
 * replay applies them once the thread has ended (docs/trace-format.md, kind 2: exit).
 *
 * (The tid word cleared at the end, CLONE_CHILD_CLEARTID or set_tid_address, is cleared by the
 * replay's own kernel: clone and set_tid_address run for real in replay at the same addresses.)
 */
#ifndef REWIND_RECORD_THREAD_END_H
#define REWIND_RECORD_THREAD_END_H

#include <stddef.h>

#include "syscall_table.h"
#include "tracee.h"

/* The kernel walks at most this many entries of a robust list (ROBUST_LIST_LIMIT). */
#define ROBUST_LIST_MAX 2048

/*
 * The futex words the kernel may write when thread tid (stopped, t: the process's memory) ends:
 * one 4-byte range per robust-list entry and for the pending one, at most ROBUST_LIST_MAX + 1.
 * *out is allocated (free it); returns the count (0: no robust list, or unreadable).
 */
size_t robust_list_words(pid_t tid, struct tracee *t, struct mem_range **out);

#endif
