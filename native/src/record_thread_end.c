/* record_thread_end.c: see record_thread_end.h. The walk follows the kernel's exit_robust_list:
 * entries from head.list.next until the list comes back to the head, the pending entry apart;
 * an entry's word is at (entry & ~1) + futex_offset (bit 0 marks a PI futex). */
#include "record_thread_end.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

struct robust_head { /* struct robust_list_head of <linux/futex.h>, x86-64 */
    uint64_t next;
    int64_t futex_offset;
    uint64_t pending;
};

static void add_word(struct mem_range *v, size_t *n, uint64_t entry, int64_t offset)
{
    v[(*n)++] = (struct mem_range){.addr = (entry & ~1ull) + (uint64_t)offset, .len = 4};
}

size_t robust_list_words(pid_t tid, struct tracee *t, struct mem_range **out)
{
    *out = NULL;
    uint64_t head_addr = 0;
    size_t head_len = 0;
    if (syscall(SYS_get_robust_list, tid, &head_addr, &head_len) < 0 || !head_addr ||
        head_len != sizeof(struct robust_head))
        return 0;
    struct robust_head head;
    if (tracee_read(t, head_addr, &head, sizeof head) < 0)
        return 0;
    struct mem_range *v = calloc(ROBUST_LIST_MAX + 1, sizeof *v);
    if (!v)
        fatal("out of memory");
    size_t n = 0;
    uint64_t entry = head.next;
    for (int i = 0; entry != head_addr && i < ROBUST_LIST_MAX; i++) {
        uint64_t next;
        if (tracee_read(t, entry & ~1ull, &next, sizeof next) < 0)
            break; /* (the kernel stops there too) */
        if (entry != head.pending)
            add_word(v, &n, entry, head.futex_offset);
        entry = next;
    }
    if (head.pending)
        add_word(v, &n, head.pending, head.futex_offset);
    if (!n)
        free(v);
    else
        *out = v;
    return n;
}
