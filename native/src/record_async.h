/* record_async.h: the recorder's handling of asynchronous signals and of its own preemption
 * signal at a stop of the current thread (record_async.c). */
#ifndef REWIND_RECORD_ASYNC_H
#define REWIND_RECORD_ASYNC_H

#include <stdbool.h>

struct recorder;

/* A signal stop of the current thread: records the signal with its place and returns the signal
 * to deliver when resuming (0 to suppress it: an rdtsc trap, or a signal the kernel would have
 * discarded). */
int record_on_signal(struct recorder *r, int sig, bool after_delivery);

/* What record_on_preempt made of a stop: not the scheduler's signal; a recorded switch point; or
 * declined (no exact point here: the thread runs on and is tried again later). */
enum { PREEMPT_NOT, PREEMPT_SWITCH, PREEMPT_DECLINED };
int record_on_preempt(struct recorder *r, int sig, bool after_delivery);

#endif
