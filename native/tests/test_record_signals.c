/* test_record_signals: the recorder's signal classes (record_signals.h): which asynchronous
 * signals the kernel would have discarded natively, and the masks read from this very process. */
#include "check.h"
#include "record_signals.h"

#include <signal.h>
#include <unistd.h>

static uint64_t bit(int sig) { return 1ull << (sig - 1); }

int main(void)
{
    struct signal_masks m = {0};
    check(signal_discarded_natively(&m, SIGCHLD), "SIGCHLD at SIG_DFL: discarded");
    check(signal_discarded_natively(&m, SIGWINCH) && signal_discarded_natively(&m, SIGURG),
          "SIGWINCH, SIGURG at SIG_DFL: discarded");
    check(!signal_discarded_natively(&m, SIGALRM), "SIGALRM at SIG_DFL terminates: kept");
    check(!signal_discarded_natively(&m, SIGCONT), "SIGCONT at SIG_DFL continues: kept");
    m.caught = bit(SIGCHLD);
    check(!signal_discarded_natively(&m, SIGCHLD), "SIGCHLD with a handler: kept");
    m = (struct signal_masks){.ignored = bit(SIGUSR1)};
    check(signal_discarded_natively(&m, SIGUSR1), "SIGUSR1 at SIG_IGN: discarded");
    m.blocked = bit(SIGUSR1) | bit(SIGCHLD);
    check(!signal_discarded_natively(&m, SIGUSR1) && !signal_discarded_natively(&m, SIGCHLD),
          "blocked: kept (it stays pending)");
    check(!signal_discarded_natively(&m, 0) && !signal_discarded_natively(&m, 65), "out of range: kept");

    /* this process: SIGUSR2 ignored, SIGUSR1 blocked and pending */
    signal(SIGUSR2, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    struct signal_masks self;
    check(signal_masks_read(getpid(), &self), "reads /proc/self's masks");
    check(signal_in(self.ignored, SIGUSR2), "SigIgn has SIGUSR2");
    check(signal_in(self.blocked, SIGUSR1) && signal_in(self.pending, SIGUSR1),
          "SigBlk and SigPnd have SIGUSR1");
    check(!signal_masks_read(-1, &self) && self.pending == 0, "an unreadable process: false, zeros");
    return check_summary();
}
