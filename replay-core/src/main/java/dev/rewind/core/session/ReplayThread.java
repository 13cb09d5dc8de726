/*
 * ReplayThread: one thread of the replayed process at the current moment: its tid as the program
 * saw it in the recording (stable for the thread's life, the same in every replay) and its name.
 */
package dev.rewind.core.session;

import java.util.Objects;

/**
 * @param tid  the recorded tid (what gettid returned to the program)
 * @param name its name as PR_SET_NAME / pthread_setname_np set it (or inherited from its creator);
 *             empty for the program's own name
 */
public record ReplayThread(int tid, String name) {
    public ReplayThread {
        Objects.requireNonNull(name, "name");
        if (tid <= 0) {
            throw new IllegalArgumentException("a thread id is > 0, got " + tid);
        }
    }
}
