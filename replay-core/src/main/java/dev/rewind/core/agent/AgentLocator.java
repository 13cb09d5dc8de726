/*
 * AgentLocator: finds the rewind-agent binary: the system property rewind.agent, else
 * <rewind.root>/native/build/rewind-agent, else the repository this code was built in
 * (next to dap-server/target/rewind.jar or replay-core/target/classes: ../../native/build).
 */
package dev.rewind.core.agent;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class AgentLocator {
    static final Path RELATIVE = Path.of("native", "build", "rewind-agent");

    private AgentLocator() {
    }

    /** The agent to run, or AGENT_NOT_FOUND naming where it looked. */
    public static Path locate() throws AgentException {
        String explicit = System.getProperty("rewind.agent");
        if (explicit != null && !explicit.isEmpty()) {
            Path p = Path.of(explicit);
            if (!Files.isExecutable(p)) {
                throw notFound(List.of(p));
            }
            return p;
        }
        List<Path> candidates = candidates();
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw notFound(candidates);
    }

    /** Where rewind's repository is: rewind.root, else derived from where this code was loaded. */
    public static Optional<Path> repositoryRoot() {
        String root = System.getProperty("rewind.root");
        if (root != null && !root.isEmpty()) {
            return Optional.of(Path.of(root).toAbsolutePath().normalize());
        }
        return fromCodeSource();
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String root = System.getProperty("rewind.root");
        if (root != null && !root.isEmpty()) {
            out.add(Path.of(root).resolve(RELATIVE).toAbsolutePath().normalize());
        }
        fromCodeSource().map(r -> r.resolve(RELATIVE)).filter(p -> !out.contains(p)).ifPresent(out::add);
        return out;
    }

    /** target/rewind.jar or target/classes → the folder two levels above target/. */
    private static Optional<Path> fromCodeSource() {
        try {
            CodeSource source = AgentLocator.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path loaded = Path.of(source.getLocation().toURI()).toAbsolutePath();
            Path target = loaded.getParent(); // .../<module>/target
            if (target == null || target.getParent() == null || target.getParent().getParent() == null) {
                return Optional.empty();
            }
            return Optional.of(target.getParent().getParent().normalize());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static AgentException notFound(List<Path> looked) {
        return new AgentException(AgentErrorCode.AGENT_NOT_FOUND, "cannot find rewind-agent (looked at "
                + (looked.isEmpty() ? "nothing: set -Drewind.agent" : String.join(", ", looked.stream().map(Path::toString).toList()))
                + "); build it with `make -C native`");
    }
}
