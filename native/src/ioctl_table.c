/*
 * ioctl_table.c: the ioctl table, expanded from ioctl_table.def, and the rule that says which
 * requests can be recorded. Every row's number is checked at compile time against the macro of
 * the same name from the system headers, so a typo cannot shift a size onto another request.
 */
#include "ioctl_table.h"

#include <stddef.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <linux/kd.h>
#include <linux/loop.h>
#include <linux/sockios.h>
#include <linux/vt.h>
#include <scsi/sg.h>

#define IOCTL(nr, name_, size_) _Static_assert((nr) == (name_), "ioctl_table.def: " #name_);
#include "ioctl_table.def"
#undef IOCTL

#define IOCTL(nr, name_, size_) { .request = (nr), .name = #name_, .size = (size_) },
static const struct ioctl_desc table[] = {
#include "ioctl_table.def"
};
#undef IOCTL

const struct ioctl_desc *ioctl_lookup(uint32_t request)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].request == request)
            return &table[i];
    return NULL;
}

/* The type bytes (bits 8..15) of number spaces made before _IOC encoding: their numbers carry
 * no direction or size, so only the table can tell what they write. */
static bool legacy_type(uint32_t type)
{
    switch (type) {
    case 0x00: /* FIBMAP, FIGETBSZ */
    case 0x03: /* HDIO_* */
    case 0x12: /* block devices */
    case 0x22: /* SCSI generic */
    case 0x4B: /* KD* consoles */
    case 0x4C: /* loop devices */
    case 0x53: /* CDROM* */
    case 0x54: /* terminals */
    case 0x56: /* VT_* */
    case 0x89: /* sockets, and the protocols' and devices' private ranges */
    case 0x8B: /* wireless extensions */
        return true;
    default:
        return false;
    }
}

bool ioctl_recordable(uint32_t request)
{
    if (ioctl_lookup(request))
        return true;
    bool unencoded = _IOC_DIR(request) == _IOC_NONE && _IOC_SIZE(request) == 0;
    return !(unencoded && legacy_type(_IOC_TYPE(request)));
}
