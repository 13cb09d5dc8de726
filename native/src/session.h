/*
 * session.h: a debugging session over the wire protocol (protocol/wire-protocol.md, "Debugging
 * sessions"): one replay driven by replay-core (open, resume, breakpoints, registers, memory) and
 * the debug information of its current address space (lines, functions, frames, variables, types).
 */
#ifndef REWIND_SESSION_H
#define REWIND_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct session;

struct session *session_new(int fd);
/* Handles a session message (types 9–19). Returns false when `type` is not a session message. */
bool session_handle(struct session *s, uint16_t type, struct cursor *c);
void session_free(struct session *s);

#endif
