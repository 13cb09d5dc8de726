/*
 * RustValuesTest: Rust values in the Locals scope as rust-gdb and CodeLLDB show them, checked against
 * native/tests/debuggee/values.rs built by rustc at opt-level 0 and 2.
 */
package dev.rewind.dap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RustValuesTest {
    private static final String PROGRAM = "values.rs";

    @TempDir
    Path tmp;

    @Test
    void explore() throws Exception {
        try (DapTestClient client = stoppedAt("0", "/* RUST_STOP")) {
            for (StackFrame f : client.stackTrace()) {
                System.out.println("FRAME " + f.getName());
            }
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            for (Variable v : locals.values()) {
                System.out.println("LOCAL " + v.getName() + " = " + v.getValue() + " : " + v.getType());
                if (v.getVariablesReference() > 0) {
                    for (Variable c : client.variables(v.getVariablesReference())) {
                        System.out.println("   " + c.getName() + " = " + c.getValue() + " : " + c.getType());
                    }
                }
            }
        }
    }

    private DapTestClient stoppedAt(String optLevel, String marker) throws Exception {
        Path program = compile(tmp, optLevel);
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(PROGRAM).toString(), Debuggee.line(PROGRAM, marker));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    /** Builds values.rs with rustc -g at {@code optLevel} into {@code dir}. */
    static Path compile(Path dir, String optLevel) throws Exception {
        Path out = dir.resolve("values-O" + optLevel);
        Process rustc = new ProcessBuilder("rustc", "-g", "-C", "opt-level=" + optLevel, "-A", "warnings",
                "-o", out.toString(), Debuggee.source(PROGRAM).toString()).redirectErrorStream(true).start();
        String log = new String(rustc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!rustc.waitFor(300, TimeUnit.SECONDS)) {
            rustc.destroyForcibly();
            throw new AssertionError("rustc did not finish in time");
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, rustc.exitValue(), () -> "rustc failed:\n" + log);
        return out;
    }
}
