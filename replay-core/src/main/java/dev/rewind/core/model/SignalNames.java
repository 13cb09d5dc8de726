/*
 * SignalNames: the conventional names of x86-64 Linux signals ("SIGSEGV"), for messages and dumps.
 */
package dev.rewind.core.model;

import java.util.List;

public final class SignalNames {
    private static final List<String> NAMES = List.of(
            "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
            "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private SignalNames() {
    }

    /** "SIGSEGV" for 11, "SIGRTMIN+2" for 36, "signal 99" for numbers Linux does not define. */
    public static String name(int signo) {
        if (signo >= 1 && signo < NAMES.size()) {
            return NAMES.get(signo);
        }
        if (signo == SIGRTMIN) {
            return "SIGRTMIN";
        }
        if (signo > SIGRTMIN && signo <= SIGRTMAX) {
            return "SIGRTMIN+" + (signo - SIGRTMIN);
        }
        return "signal " + signo;
    }
}
