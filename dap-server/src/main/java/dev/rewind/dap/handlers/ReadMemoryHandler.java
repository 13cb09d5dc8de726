/*
 * ReadMemoryHandler: bytes of the replayed process's memory at a memory reference (an address as
 * variables and evaluate give them) plus an offset; bytes past the readable part are reported as
 * unreadable.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.Base64;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;

public final class ReadMemoryHandler implements RequestHandler<ReadMemoryArguments, ReadMemoryResponse> {
    /** The most bytes one request returns. */
    static final int MAX_COUNT = 4 << 20;

    @Override
    public String command() {
        return "readMemory";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsReadMemoryRequest(true);
    }

    @Override
    public ReadMemoryResponse handle(ReadMemoryArguments args, DebugContext ctx) throws DapException {
        if (args == null || args.getMemoryReference() == null) {
            throw new DapException(DapError.BAD_ARGUMENTS, "readMemory needs a memoryReference");
        }
        long base = parse(args.getMemoryReference());
        long offset = args.getOffset() == null ? 0 : args.getOffset();
        int count = args.getCount();
        if (count < 0 || count > MAX_COUNT) {
            throw new DapException(DapError.BAD_ARGUMENTS, "readMemory count must be 0.." + MAX_COUNT + ", got " + count);
        }
        RemoteAddress start = RemoteAddress.of(base + offset);
        byte[] data;
        try {
            data = ctx.session().readMemory(start, count);
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot read memory at " + start + ": " + e.getMessage(), e);
        }
        ReadMemoryResponse response = new ReadMemoryResponse();
        response.setAddress(start.toString());
        response.setData(Base64.getEncoder().encodeToString(data));
        if (data.length < count) {
            response.setUnreadableBytes(count - data.length);
        }
        return response;
    }

    /** "0x7ffe..." or a decimal number. */
    static long parse(String reference) throws DapException {
        String s = reference.strip();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new DapException(DapError.BAD_ARGUMENTS, "'" + reference + "' is not a memory reference (an address)", e);
        }
    }
}
