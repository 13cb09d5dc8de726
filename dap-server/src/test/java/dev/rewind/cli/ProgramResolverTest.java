/*
 * ProgramResolverTest: PROGRAM is found like a shell finds it, with the shell's errors and statuses.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramResolverTest {
    @TempDir
    Path tmp;

    private Path file(String name, String mode) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    @Test
    void searchesPathForPlainNames() throws Exception {
        file("a/tool", "rw-r--r--");
        Path good = file("b/tool", "rwxr-xr-x");
        String path = tmp.resolve("a") + ":" + tmp.resolve("b");
        assertEquals(good, ProgramResolver.resolve("tool", path, Path.of("/")));
        assertEquals(Path.of("/bin/sh"), ProgramResolver.resolve("sh", "/nonexistent:/bin", Path.of("/")));
    }

    @Test
    void emptyPathEntryMeansTheCurrentFolder() throws Exception {
        Path tool = file("tool", "rwx------");
        assertEquals(tool, ProgramResolver.resolve("tool", "/nonexistent:", tmp));
    }

    @Test
    void pathsWithSlashAreRelativeToTheCurrentFolder() throws Exception {
        Path tool = file("bin/tool", "rwx------");
        assertEquals(tool, ProgramResolver.resolve("./bin/tool", "", tmp));
        assertEquals(tool, ProgramResolver.resolve(tool.toString(), "", Path.of("/")));
    }

    @Test
    void failuresMatchTheShell() throws Exception {
        file("plain", "rw-r--r--");
        Files.createDirectories(tmp.resolve("dir"));
        assertFailure("cannot run 'nope': No such file or directory", 127, "nope", tmp.toString());
        assertFailure("cannot run './nope': No such file or directory", 127, "./nope", "");
        assertFailure("cannot run './plain': Permission denied", 126, "./plain", "");
        assertFailure("cannot run 'plain': Permission denied", 126, "plain", tmp.toString());
        assertFailure("cannot run './dir': Is a directory", 126, "./dir", "");
        assertFailure("cannot run 'dir': No such file or directory", 127, "dir", tmp.toString());
        assertFailure("cannot run '': No such file or directory", 127, "", tmp.toString());
    }

    private void assertFailure(String message, int status, String program, String path) {
        CliFailure f = assertThrows(CliFailure.class, () -> ProgramResolver.resolve(program, path, tmp));
        assertEquals(message, f.getMessage());
        assertEquals(status, f.exitStatus());
    }
}
