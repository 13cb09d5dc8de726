package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the processes a run of rewind left behind: the ones noted while it ran (its descendants:
 * the agent, the program, the program's children, save points) and any process whose command line
 * names a given unique path (a program copied under a unique name), by a scan of /proc. Zombies
 * count as gone. Waits a bounded while for processes that are already dying, then kills whatever
 * is left, so that a failing test leaves nothing behind either.
 */
public final class Leftovers {
    private final Set<Long> noted = new HashSet<>();

    /** Notes every process below {@code root} now (call while the run is in progress). */
    public void noteDescendants(ProcessHandle root) {
        root.descendants().forEach(h -> noted.add(h.pid()));
    }

    /** Fails, naming them, if any noted process or any process naming {@code uniquePath} still lives. */
    public void assertNoneLeft(String uniquePath, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Long> alive = alive(uniquePath);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            alive = alive(uniquePath);
        }
        if (!alive.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (long pid : alive) {
                names.append("\n  ").append(pid).append(' ').append(commandLine(pid));
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            fail(what + " left processes behind:" + names);
        }
    }

    private List<Long> alive(String uniquePath) {
        List<Long> out = new ArrayList<>();
        for (long pid : noted) {
            if (running(pid)) {
                out.add(pid);
            }
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> !noted.contains(pid) && commandLine(pid).contains(uniquePath) && running(pid))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return out;
    }

    /** Exists and is not a zombie. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }
}
