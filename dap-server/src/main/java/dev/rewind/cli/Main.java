/*
 * Main: the `rewind` command. Parses the arguments, runs one command, and turns every failure into
 * one line on stderr and an exit status (no stack trace unless REWIND_DEBUG=1).
 */
package dev.rewind.cli;

import java.util.Optional;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, CliContext.ofThisProcess());
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs the command line {@code args}; returns rewind's exit status. */
    static int run(String[] args, CliContext ctx) {
        try {
            Command command = ArgumentParser.parse(args);
            return dispatch(command, ctx);
        } catch (UsageException e) {
            ctx.err().println("rewind: " + e.getMessage());
            ctx.err().print(Usage.text(Optional.ofNullable(e.command())));
            return ExitStatus.USAGE;
        } catch (CliFailure e) {
            if (e.exitStatus() != ExitStatus.INTERRUPTED) {
                ctx.err().println("rewind: " + e.getMessage());
            }
            if (ctx.debug() && e.getCause() != null) {
                e.getCause().printStackTrace(ctx.err());
            }
            return e.exitStatus();
        } catch (RuntimeException | Error e) {
            ctx.err().println("rewind: internal error: " + e + (ctx.debug() ? "" : " (set REWIND_DEBUG=1 for details)"));
            if (ctx.debug()) {
                e.printStackTrace(ctx.err());
            }
            return ExitStatus.REWIND_FAILED;
        } finally {
            ctx.out().flush();
        }
    }

    private static int dispatch(Command command, CliContext ctx) throws CliFailure {
        if (command instanceof Command.Record c) {
            return new RecordRunner(ctx).run(c);
        } else if (command instanceof Command.Replay c) {
            return new ReplayRunner(ctx).run(c);
        } else if (command instanceof Command.Ps c) {
            return new PsRunner(ctx).run(c);
        } else if (command instanceof Command.Dump c) {
            return new DumpRunner(ctx).run(c);
        } else if (command instanceof Command.Index c) {
            return new IndexRunner(ctx).run(c);
        } else if (command instanceof Command.Info c) {
            return new InfoRunner(ctx).run(c);
        } else if (command instanceof Command.Dap c) {
            return new DapRunner(ctx).run(c);
        } else if (command instanceof Command.Demo) {
            return new DemoRunner(ctx).run();
        } else if (command instanceof Command.Help h) {
            ctx.out().print(Usage.text(h.command()));
            return ExitStatus.OK;
        } else if (command instanceof Command.Version) {
            ctx.out().println("rewind " + version());
            return ExitStatus.OK;
        }
        throw new AssertionError("unhandled command " + command);
    }

    /** The version in the jar's manifest, "dev" when run from classes. */
    static String version() {
        return Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
