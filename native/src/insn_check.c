/* insn_check.c: see insn_check.h. */
#include "insn_check.h"

#include <capstone/capstone.h>

/* One decoded instruction with details, or NULL (free with cs_free(insn, 1), then cs_close). */
static cs_insn *decode(csh *cs, const uint8_t *code, size_t n, uint64_t addr)
{
    if (cs_open(CS_ARCH_X86, CS_MODE_64, cs) != CS_ERR_OK)
        return NULL;
    cs_option(*cs, CS_OPT_DETAIL, CS_OPT_ON);
    cs_insn *insn = NULL;
    if (cs_disasm(*cs, code, n, addr, 1, &insn) != 1) {
        cs_close(cs);
        return NULL;
    }
    return insn;
}

static bool traps(unsigned id)
{
    switch (id) {
    case X86_INS_SYSCALL:
    case X86_INS_SYSENTER:
    case X86_INS_INT:
    case X86_INS_INT3:
    case X86_INS_INTO:
    case X86_INS_INT1:
    case X86_INS_RDTSC:
    case X86_INS_RDTSCP:
        return true;
    default:
        return false;
    }
}

/* Instructions that see the trap flag a single step sets (pushf would store it, popf change it). */
static bool sees_trap_flag(unsigned id)
{
    switch (id) {
    case X86_INS_PUSHF:
    case X86_INS_PUSHFD:
    case X86_INS_PUSHFQ:
    case X86_INS_POPF:
    case X86_INS_POPFD:
    case X86_INS_POPFQ:
        return true;
    default:
        return false;
    }
}

bool insn_steppable(const uint8_t *code, size_t n, uint64_t addr)
{
    csh cs;
    cs_insn *insn = decode(&cs, code, n, addr);
    if (!insn)
        return false;
    bool ok = !traps(insn->id) && !sees_trap_flag(insn->id);
    cs_free(insn, 1);
    cs_close(&cs);
    return ok;
}

int insn_displaceable(const uint8_t *code, size_t n, uint64_t addr, int *rip_disp_at)
{
    *rip_disp_at = -1;
    csh cs;
    cs_insn *insn = decode(&cs, code, n, addr);
    if (!insn)
        return 0;
    bool ok = insn->size >= INSN_PATCH_LEN && !traps(insn->id);
    static const int transfers[] = {CS_GRP_JUMP, CS_GRP_CALL, CS_GRP_RET, CS_GRP_INT, CS_GRP_IRET,
                                    CS_GRP_BRANCH_RELATIVE, CS_GRP_PRIVILEGE};
    for (size_t i = 0; ok && i < sizeof transfers / sizeof transfers[0]; i++)
        ok = !cs_insn_group(cs, insn, transfers[i]);
    const cs_x86 *x = &insn->detail->x86;
    for (int i = 0; ok && i < x->op_count; i++)
        if (x->operands[i].type == X86_OP_MEM && x->operands[i].mem.base == X86_REG_RIP) {
            ok = x->encoding.disp_size == 4 && x->encoding.disp_offset > 0 && *rip_disp_at < 0;
            *rip_disp_at = x->encoding.disp_offset;
        }
    int len = ok ? insn->size : 0;
    cs_free(insn, 1);
    cs_close(&cs);
    return len;
}
