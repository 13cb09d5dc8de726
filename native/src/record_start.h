/* record_start.h: starting the program to record (record_start.c). */
#ifndef REWIND_RECORD_START_H
#define REWIND_RECORD_START_H

#include "record.h"
#include <sys/types.h>

/* Starts req's program traced (the recorder's options set) and runs it to its exec. The pid, or
 * -1 with res->error_code and res->message set (a program that cannot run, a failed fork). */
pid_t record_start_program(const struct record_request *req, struct record_result *res);

#endif
