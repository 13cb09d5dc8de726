/*
 * TraceStore: where recordings go when the user names no folder: $XDG_DATA_HOME/rewind/traces
 * (default ~/.local/share/rewind/traces), one folder per recording named
 * <program basename>-<yyyyMMdd-HHmmss>[-n], all 0700, and a `latest` symlink to the newest.
 */
package dev.rewind.core.trace;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

public final class TraceStore {
    public static final String LATEST = "latest";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path root;

    public TraceStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The store for this user, from the environment of this process. */
    public static TraceStore forCurrentUser() {
        return new TraceStore(defaultRoot(System.getenv(), System.getProperty("user.home")));
    }

    /** $XDG_DATA_HOME/rewind/traces when XDG_DATA_HOME is an absolute path, else HOME/.local/share/... */
    static Path defaultRoot(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        Path data;
        if (xdg != null && xdg.startsWith("/")) {
            data = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", userHome);
            data = Path.of(home, ".local", "share");
        }
        return data.resolve("rewind").resolve("traces");
    }

    public Path root() {
        return root;
    }

    /** The `latest` link (it may not exist yet). */
    public Path latest() {
        return root.resolve(LATEST);
    }

    /**
     * A trace named by the user: an existing path as given, else a recording of this store by name
     * ("latest", "date-20250101-120000"), else the path as given (so errors name what was typed).
     */
    public Path resolve(String nameOrPath) {
        Path given = Path.of(nameOrPath);
        if (Files.exists(given, LinkOption.NOFOLLOW_LINKS) || nameOrPath.contains("/")) {
            return given;
        }
        Path stored = root.resolve(nameOrPath);
        return Files.exists(stored) ? stored : given;
    }

    /** Creates (0700, empty) and returns a fresh folder for a recording of {@code program} made at {@code when}. */
    public Path createTraceDir(String program, LocalDateTime when) throws IOException {
        ensureRoot();
        String base = safeName(Path.of(program).getFileName() == null ? "program" : Path.of(program).getFileName().toString())
                + "-" + STAMP.format(when);
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(PRIVATE_DIR);
        for (int n = 1; n < 10_000; n++) {
            Path candidate = root.resolve(n == 1 ? base : base + "-" + n);
            try {
                Files.createDirectory(candidate, attr);
                Files.setPosixFilePermissions(candidate, PRIVATE_DIR); // the umask may have narrowed it
                return candidate;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
        throw new IOException("too many recordings named " + base + " in " + root);
    }

    /**
     * Points `latest` at {@code trace}, replacing the link atomically: relative for a folder of this
     * store, absolute for a recording made elsewhere (-o).
     */
    public void markLatest(Path trace) throws IOException {
        ensureRoot();
        Path target = trace.toAbsolutePath().normalize();
        Path linkTarget = root.equals(target.getParent()) ? target.getFileName() : target;
        Path tmp = root.resolve(".latest-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createSymbolicLink(tmp, linkTarget);
        try {
            Files.move(tmp, latest(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private void ensureRoot() throws IOException {
        if (Files.isDirectory(root)) {
            return;
        }
        Path parent = root.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            Files.setPosixFilePermissions(root, PRIVATE_DIR);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(root)) {
                throw new IOException(root + " exists and is not a folder");
            }
        }
    }

    /** A program name usable in a folder name: anything but [A-Za-z0-9._+-] becomes '_'. */
    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._+-]", "_");
        if (s.isEmpty() || s.startsWith(".")) {
            s = "_" + s;
        }
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
