/*
 * ArchitectureTest: replay-core knows nothing about DAP. No source or class of replay-core may
 * mention lsp4j, and lsp4j must not even be on replay-core's classpath.
 */
package dev.rewind.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final String DAP = "org.eclipse.lsp4j";

    @Test
    void noSourceMentionsDap() throws IOException {
        Path sources = moduleDir().resolve("src/main/java");
        assertTrue(Files.isDirectory(sources), sources + " exists");
        assertEquals(List.of(), filesContaining(sources, DAP));
    }

    @Test
    void noClassReferencesDap() throws IOException {
        Path classes = moduleDir().resolve("target/classes");
        assertTrue(Files.isDirectory(classes), classes + " exists");
        assertEquals(List.of(), filesContaining(classes, DAP.replace('.', '/')));
    }

    @Test
    void dapIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.lsp4j.debug.Capabilities"));
    }

    private static Path moduleDir() {
        String root = System.getProperty("rewind.root");
        return root != null ? Path.of(root, "replay-core") : Path.of("").toAbsolutePath();
    }

    private static List<Path> filesContaining(Path dir, String needle) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> contains(p, needle)).collect(Collectors.toList());
        }
    }

    private static boolean contains(Path file, String needle) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
