/*
 * disasm.h: x86-64 instructions of the replayed process as text, decoded by the Capstone library
 * (AT&T syntax, as gdb and objdump print by default).
 */
#ifndef REWIND_DISASM_H
#define REWIND_DISASM_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/*
 * Decodes up to `count` instructions from `code` (n bytes that live at `address`) and appends to
 * out, per instruction: u64 address, u32 length, the bytes, string text (the wire protocol's
 * INSTRUCTIONS entries). Returns how many were decoded (stops at the first undecodable byte).
 */
uint32_t disasm_encode(const uint8_t *code, size_t n, uint64_t address, uint32_t count,
                       struct buf *out);

#endif
