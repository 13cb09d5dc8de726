/* disasm.c: see disasm.h. */
#include "disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>

uint32_t disasm_encode(const uint8_t *code, size_t n, uint64_t address, uint32_t count,
                       struct buf *out)
{
    csh handle;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK)
        return 0;
    cs_option(handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
    cs_insn *insn = NULL;
    size_t got = cs_disasm(handle, code, n, address, count, &insn);
    for (size_t i = 0; i < got; i++) {
        buf_u64(out, insn[i].address);
        buf_u32(out, insn[i].size);
        buf_put(out, insn[i].bytes, insn[i].size);
        char text[256];
        if (insn[i].op_str[0])
            snprintf(text, sizeof text, "%s %s", insn[i].mnemonic, insn[i].op_str);
        else
            snprintf(text, sizeof text, "%s", insn[i].mnemonic);
        buf_str(out, text);
    }
    if (insn)
        cs_free(insn, got);
    cs_close(&handle);
    return (uint32_t)got;
}
