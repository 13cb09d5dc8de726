/*
 * DemoRunner: `rewind demo`: records a small program whose output changes on every run
 * (native/build/scenarios/demo, or `date +%s%N`), replays the recording twice and shows that both
 * replays print exactly what the recording printed; then travels in time in the recording
 * (DemoTravel: breakpoint hits forwards, reverse-continue, step back).
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentClient;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import dev.rewind.core.agent.RecordRequest;
import dev.rewind.core.agent.RunResult;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

final class DemoRunner {
    private final CliContext ctx;

    DemoRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run() throws CliFailure {
        List<String> argv = demoProgram();
        Path program = Path.of(argv.get(0));
        AgentLaunch launch = RecordRunner.launch().withStdin(Redirect.from(new java.io.File("/dev/null")));
        Path work;
        try {
            work = Files.createTempDirectory("rewind-demo-");
        } catch (IOException e) {
            throw new CliFailure("cannot create a folder for the demo: " + IoMessages.describe(e), ExitStatus.REWIND_FAILED, e);
        }
        Path trace = work.resolve("trace");
        String command = String.join(" ", argv);
        say("Rewind demo: record `" + command + "` once, then replay the recording twice.");
        say("");
        say("A plain run prints something new every time:");
        block(plainRun(argv, work));
        try {
            String recorded = inAgent(launch, work, "record", agent -> agent.record(
                    new RecordRequest(trace, program, argv, ctx.cwd(), ctx.environ())));
            say("Recorded into " + trace + ", printing:");
            block(recorded);
            say("Replayed twice: the program runs again, fed every input from the recording.");
            String first = inAgent(launch, work, "replay1", agent -> agent.replay(trace));
            say("Replay 1 printed:");
            block(first);
            String second = inAgent(launch, work, "replay2", agent -> agent.replay(trace));
            say("Replay 2 printed:");
            block(second);
            if (recorded.equals(first) && recorded.equals(second)) {
                say("Both replays printed exactly what the recording printed.");
                say("");
                travel(launch, trace);
                say("Look inside the recording: " + rewindCommand() + " dump " + trace);
                return ExitStatus.OK;
            }
            ctx.err().println("rewind: the replays did not print what the recording printed");
            return ExitStatus.REWIND_FAILED;
        } catch (AgentException e) {
            throw AgentFailures.toCliFailure(e);
        }
    }

    /** The time-travel part, when the demo scenario (with its source) is what was recorded. */
    private void travel(AgentLaunch launch, Path trace) throws AgentException {
        Optional<Path> source = AgentLocator.repositoryRoot().map(root -> root.resolve("native/tests/scenarios/demo.c"))
                .filter(Files::isRegularFile);
        if (source.isEmpty() || demoProgram().get(0).startsWith("/bin/")) {
            return;
        }
        try {
            new DemoTravel(this::say).show(launch, trace, source.get());
        } catch (IOException e) {
            say("(no time travel: " + IoMessages.describe(e) + ")");
        }
    }

    /** The demo scenario when it is built, else date(1) with nanoseconds. */
    private List<String> demoProgram() {
        Optional<Path> demo = AgentLocator.repositoryRoot()
                .map(root -> root.resolve("native/build/scenarios/demo"))
                .filter(Files::isExecutable);
        return demo.map(p -> List.of(p.toString())).orElse(List.of("/bin/date", "+%s%N"));
    }

    private interface AgentRun {
        RunResult run(AgentClient agent) throws AgentException;
    }

    /** Runs one agent request with the program's output going to files; returns stdout (+ stderr). */
    private String inAgent(AgentLaunch launch, Path work, String name, AgentRun run) throws AgentException, CliFailure {
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        RunResult result;
        try (AgentClient agent = AgentClient.start(launch.withOutputTo(out, err))) {
            result = run.run(agent);
        }
        if (!result.complete() || !result.message().isEmpty()) {
            throw new CliFailure(name + " did not complete: " + result.message() + describeErr(err), ExitStatus.REWIND_FAILED);
        }
        return read(out);
    }

    private String plainRun(List<String> argv, Path work) throws CliFailure {
        Path out = work.resolve("plain.out");
        try {
            Process p = new ProcessBuilder(argv).redirectInput(Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            throw new CliFailure("cannot run " + argv.get(0) + ": " + e.getMessage(), ExitStatus.REWIND_FAILED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", ExitStatus.INTERRUPTED, e);
        }
        return read(out);
    }

    private static String describeErr(Path err) {
        try {
            String text = new String(Files.readAllBytes(err), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : " (" + text.lines().reduce((a, b) -> b).orElse("") + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(Path file) throws CliFailure {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + IoMessages.describe(e), ExitStatus.REWIND_FAILED, e);
        }
    }

    /** The program's output, indented, so it stands apart from the narration. */
    private void block(String output) {
        if (output.isEmpty()) {
            say("    (no output)");
        }
        output.lines().forEach(line -> say("    " + line));
        say("");
    }

    private static String rewindCommand() {
        return AgentLocator.repositoryRoot().map(root -> root.resolve("rewind")).filter(Files::isExecutable)
                .map(Path::toString).orElse("rewind");
    }

    private void say(String line) {
        ctx.out().println(line);
        ctx.out().flush();
    }
}
