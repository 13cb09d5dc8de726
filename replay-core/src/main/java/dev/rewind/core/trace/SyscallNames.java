/*
 * SyscallNames: syscall numbers to names, read from the syscall table bundled at build time
 * (native/src/syscall_table.def, copied to dev/rewind/core/syscall_table.def), so the agent and
 * `rewind dump` never disagree about what a number means.
 */
package dev.rewind.core.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class SyscallNames {
    static final String RESOURCE = "/dev/rewind/core/syscall_table.def";
    private static final Pattern ROW = Pattern.compile("^SC\\((\\d+), (\\w+),");

    private final Map<Integer, String> names;

    private SyscallNames(Map<Integer, String> names) {
        this.names = Map.copyOf(names);
    }

    /** The table bundled with this rewind; empty (every name unknown) if it was not bundled. */
    public static SyscallNames bundled() {
        try (InputStream in = SyscallNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new SyscallNames(Map.of());
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled syscall table", e);
        }
    }

    /** Parses rows "SC(number, name, ..." of a syscall_table.def. */
    public static SyscallNames parse(Reader table) throws IOException {
        Map<Integer, String> names = new HashMap<>();
        BufferedReader lines = new BufferedReader(table);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                names.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return new SyscallNames(names);
    }

    public Optional<String> name(int number) {
        return Optional.ofNullable(names.get(number));
    }

    public int size() {
        return names.size();
    }
}
