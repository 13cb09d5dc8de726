/*
 * ProcessEnvironmentTest: the program gets this process's environment in order, with `_` naming it.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessEnvironmentTest {
    @Test
    void parsesNulSeparatedEntriesInOrder() {
        byte[] raw = "B=2\0A=1\0junk\0=x\0C=\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("B=2", "A=1", "C="), ProcessEnvironment.parse(raw));
    }

    @Test
    void underscoreNamesTheProgram() {
        assertEquals(List.of("A=1", "_=/bin/ls"), ProcessEnvironment.forProgram(List.of("A=1", "_=/usr/bin/java"), "/bin/ls"));
    }

    @Test
    void currentEnvironmentHasPath() {
        assertTrue(ProcessEnvironment.current().stream().anyMatch(e -> e.startsWith("PATH=")));
    }
}
