/*
 * WireMessage: the messages replay-core and rewind-agent exchange, one record per message type of
 * protocol/wire-protocol.md (the one description both sides follow). WireCodec turns them into
 * frames and back. This file holds the recording and replaying messages (1-8); SessionRequest and
 * SessionReply hold those of debugging sessions (9-21, 32-41).
 */
package dev.rewind.core.agent;

import dev.rewind.core.model.WaitStatus;
import java.util.List;
import java.util.Objects;

public sealed interface WireMessage permits WireMessage.Hello, WireMessage.HelloOk, WireMessage.Record,
        WireMessage.Replay, WireMessage.Started, WireMessage.Finished, WireMessage.Error, WireMessage.Bye,
        SessionRequest.Open, SessionRequest.Resume, SessionRequest.SetBreakpoints, SessionRequest.ReadRegisters,
        SessionRequest.ReadMemory, SessionRequest.Close, SessionRequest.LineAddresses,
        SessionRequest.FunctionAddresses, SessionRequest.Stack, SessionRequest.Variables, SessionRequest.Type,
        SessionRequest.Pause, SessionRequest.Disassemble, SessionReply.Instructions,
        SessionRequest.RunToEvent, SessionRequest.Save, SessionRequest.Restore, SessionRequest.Drop,
        SessionRequest.SavepointInfo, SessionReply.Saved, SessionReply.Done, SessionRequest.Call, SessionRequest.SetWatches, SessionRequest.Snapshot,
        SessionRequest.RestoreSnapshot, SessionReply.SnapshotDone,
        SessionReply.CallResult, SessionRequest.ReadCallMemory, SessionRequest.SymbolAt, SessionReply.Symbol,
        SessionRequest.Threads, SessionReply.ThreadList, SessionRequest.SelectThread,
        SessionReply.Stopped, SessionReply.Output, SessionReply.BreakpointsSet, SessionReply.RegistersReply,
        SessionReply.Memory, SessionReply.Addresses, SessionReply.Frames, SessionReply.VariableList,
        SessionReply.TypeInfoReply, SessionRequest.CxxType, SessionReply.CxxTypeInfo,
        SessionRequest.RustType, SessionReply.RustTypeInfo, SessionRequest.LookupName, SessionReply.Named,
        SearchMessages.FindLast,
        SearchMessages.LastArrival, SearchMessages.SaveAtHit, SearchMessages.SavedAtHit, MotionRequest {

    /** The message type number on the wire. */
    int type();

    /** Java → agent, first frame: our protocol version and who we are. */
    record Hello(int protocolVersion, String client) implements WireMessage {
        public Hello {
            requireU32Version(protocolVersion);
            Objects.requireNonNull(client, "client");
        }

        @Override
        public int type() {
            return 1;
        }
    }

    /** Agent → Java: the handshake succeeded; the agent's protocol version and release. */
    record HelloOk(int protocolVersion, String agentVersion) implements WireMessage {
        public HelloOk {
            requireU32Version(protocolVersion);
            Objects.requireNonNull(agentVersion, "agentVersion");
        }

        @Override
        public int type() {
            return 2;
        }
    }

    /**
     * Java → agent: record {@code program} run with argv (argv[0] included), cwd and env into traceDir;
     * with snapshotEvery > 0, a snapshot of the program about every that many events.
     */
    record Record(String traceDir, String program, List<String> argv, String cwd, List<String> env,
                  long snapshotEvery) implements WireMessage {
        public Record {
            Objects.requireNonNull(traceDir, "traceDir");
            Objects.requireNonNull(program, "program");
            argv = List.copyOf(argv);
            Objects.requireNonNull(cwd, "cwd");
            env = List.copyOf(env);
            for (String entry : env) {
                if (entry.indexOf('=') <= 0) {
                    throw new IllegalArgumentException("environment entry is not NAME=value: " + entry);
                }
            }
            if (snapshotEvery < 0) {
                throw new IllegalArgumentException("snapshotEvery must be >= 0, got " + snapshotEvery);
            }
        }

        @Override
        public int type() {
            return 3;
        }
    }

    /** Java → agent: replay the recording in traceDir. */
    record Replay(String traceDir) implements WireMessage {
        public Replay {
            Objects.requireNonNull(traceDir, "traceDir");
        }

        @Override
        public int type() {
            return 4;
        }
    }

    /** Agent → Java: the recorded or replayed process runs, with this pid. */
    record Started(int pid) implements WireMessage {
        public Started {
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be > 0, got " + Integer.toUnsignedString(pid));
            }
        }

        @Override
        public int type() {
            return 5;
        }
    }

    /**
     * Agent → Java: a RECORD or REPLAY ended.
     *
     * @param eventCount events recorded or replayed
     * @param complete   the recording has (or replay reached) its end: EXIT or STOP
     * @param message    empty, or why it stopped / where it ended
     */
    record Finished(WaitStatus waitStatus, long eventCount, boolean complete, String message) implements WireMessage {
        public Finished {
            Objects.requireNonNull(waitStatus, "waitStatus");
            if (eventCount < 0) {
                throw new IllegalArgumentException("event count out of range: " + Long.toUnsignedString(eventCount));
            }
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int type() {
            return 6;
        }
    }

    /** Agent → Java: the request failed; code as in the protocol's error table. */
    record Error(int code, String message) implements WireMessage {
        public Error {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int type() {
            return 7;
        }
    }

    /** Java → agent: we are done; the agent exits. */
    record Bye() implements WireMessage {
        @Override
        public int type() {
            return 8;
        }
    }

    private static void requireU32Version(int version) {
        if (version <= 0) {
            throw new IllegalArgumentException("protocol version must be > 0, got " + Integer.toUnsignedString(version));
        }
    }
}
