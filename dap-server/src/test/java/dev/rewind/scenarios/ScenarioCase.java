package dev.rewind.scenarios;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One way to record a scenario program: its name under native/build/scenarios, its arguments, its
 * stdin, what the test does to the outside world between recording and replay, and the exit status
 * the program has when run for real. {@link #FILE} in the arguments stands for a file the test
 * creates before recording.
 */
public record ScenarioCase(String label, String program, List<String> args, byte[] stdin,
                           Between between, int expectedExit) {

    /** Placeholder in {@link #args} for the path of a file the test creates before recording. */
    public static final String FILE = "{file}";

    /** What the test does to the input file after recording and before replaying. */
    public enum Between { NOTHING, MODIFY_FILE, DELETE_FILE }

    public static ScenarioCase of(String program) {
        return new ScenarioCase(program, program, List.of(), new byte[0], Between.NOTHING, 0);
    }

    public ScenarioCase label(String newLabel) {
        return new ScenarioCase(newLabel, program, args, stdin, between, expectedExit);
    }

    public ScenarioCase args(String... newArgs) {
        return new ScenarioCase(label, program, List.of(newArgs), stdin, between, expectedExit);
    }

    public ScenarioCase stdin(String text) {
        return new ScenarioCase(label, program, args, text.getBytes(StandardCharsets.UTF_8), between, expectedExit);
    }

    public ScenarioCase between(Between action) {
        return new ScenarioCase(label, program, args, stdin, action, expectedExit);
    }

    public ScenarioCase exit(int status) {
        return new ScenarioCase(label, program, args, stdin, between, status);
    }

    public boolean usesFile() {
        return args.contains(FILE);
    }

    /** The arguments with {@link #FILE} replaced by {@code file}. */
    public String[] argsWith(String file) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.equals(FILE) ? file : a);
        }
        return out.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return label;
    }

    /** Every scenario and the ways each is recorded (thread_create is tested apart: MultithreadedRecordingTest). */
    public static List<ScenarioCase> all() {
        return List.of(
                of("clocks"),
                of("rdtsc"),
                of("getrandom"),
                of("urandom"),
                of("file_changed").label("file_changed (modified)").args(FILE).between(Between.MODIFY_FILE),
                of("file_changed").label("file_changed (deleted)").args(FILE).between(Between.DELETE_FILE),
                of("mmap_file").label("mmap_file (modified)").args(FILE).between(Between.MODIFY_FILE),
                of("mmap_file").label("mmap_file (deleted)").args(FILE).between(Between.DELETE_FILE),
                of("pipe_child"),
                of("fork_wait"),
                of("execve"),
                of("thread_exec"),
                of("system"),
                of("popen_spawn"),
                of("sigalrm_timer"),
                of("sa_restart"),
                of("signal_waits"),
                of("sigchld_siginfo"),
                of("sigsegv_handler"),
                of("raise_kill"),
                of("signalfd"),
                of("stdin_input").stdin("first line\nsecond line\nthird, with ünïcode\n" + "x".repeat(3000) + "\nlast\n"),
                of("large_writes"),
                of("poll_select_epoll"),
                of("socketpair"),
                of("tcp_loopback"),
                of("scm_rights"),
                of("getdents_proc"),
                of("ioctl"),
                of("heavy_malloc"),
                of("memfd"),
                of("shared_file_resize"),
                of("uname"),
                of("getrusage"),
                of("sysinfo"),
                of("statx"),
                of("readlink_exe"),
                of("sched_affinity"),
                of("environment"),
                of("argv_env_echo").args("one", "two words", "", "ünïcode", "--flag=x"),
                of("pids"),
                of("nanosleep"),
                of("timerfd_eventfd"),
                of("pread_readv"),
                of("prlimit"),
                of("syscall_numbers"),
                of("mmap_sparse"),
                of("demo"),
                of("crash_segv").exit(139));
    }
}
