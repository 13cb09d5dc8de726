/*
 * DisassembleHandler: machine instructions around a memory reference, decoded by the agent
 * (Capstone, AT&T syntax). A negative instructionOffset asks for instructions before the address:
 * x86 lengths vary, so decoding starts far enough back and is kept only if it lands exactly on the
 * address. Exactly instructionCount entries are returned; where memory ends or nothing decodes,
 * entries are marked invalid.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SessionRequest;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Instruction;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.DisassembledInstructionPresentationHint;

public final class DisassembleHandler implements RequestHandler<DisassembleArguments, DisassembleResponse> {
    /** The longest x86-64 instruction. */
    private static final int MAX_LENGTH = 15;

    @Override
    public String command() {
        return "disassemble";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsDisassembleRequest(true);
    }

    @Override
    public DisassembleResponse handle(DisassembleArguments args, DebugContext ctx) throws DapException {
        if (args == null || args.getMemoryReference() == null) {
            throw new DapException(DapError.BAD_ARGUMENTS, "disassemble needs a memoryReference");
        }
        int count = args.getInstructionCount();
        if (count <= 0 || count > SessionRequest.MAX_DISASSEMBLE) {
            throw new DapException(DapError.BAD_ARGUMENTS, "instructionCount must be 1.."
                    + SessionRequest.MAX_DISASSEMBLE + ", got " + count);
        }
        long base = ReadMemoryHandler.parse(args.getMemoryReference()) + (args.getOffset() == null ? 0 : args.getOffset());
        int before = args.getInstructionOffset() == null ? 0 : args.getInstructionOffset();
        ReplaySession session = ctx.session();
        List<DisassembledInstruction> out = new ArrayList<>();
        try {
            if (before >= 0) {
                List<Instruction> list = decode(session, base, before + count);
                list.stream().skip(before).forEach(i -> out.add(entry(i)));
                long next = list.isEmpty() ? base : list.get(list.size() - 1).next().value();
                pad(out, count, next);
            } else {
                backwards(session, base, -before, count, out);
            }
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot disassemble at " + RemoteAddress.of(base) + ": "
                    + e.getMessage(), e);
        }
        DisassembleResponse response = new DisassembleResponse();
        response.setInstructions(out.subList(0, count).toArray(new DisassembledInstruction[0]));
        return response;
    }

    /** {@code back} instructions before base (found by decoding from further back), then the rest. */
    private static void backwards(ReplaySession session, long base, int back, int count,
                                  List<DisassembledInstruction> out) throws AgentException {
        long span = Math.min((long) back * MAX_LENGTH, base);
        List<Instruction> list = decode(session, base - span, (int) Math.min(SessionRequest.MAX_DISASSEMBLE, span + count));
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).address().value() == base) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            // The decoding never landed on base: placeholders before it, then decode from base itself.
            int lead = Math.min(back, count);
            out.addAll(placeholders(base, lead));
            if (count > lead) {
                List<Instruction> from = decode(session, base, count - lead);
                from.forEach(i -> out.add(entry(i)));
                pad(out, count, from.isEmpty() ? base : from.get(from.size() - 1).next().value());
            }
            return;
        }
        int first = at - back;
        if (first < 0) {
            out.addAll(placeholders(list.get(0).address().value(), Math.min(-first, count)));
        }
        for (int i = Math.max(0, first); i < list.size() && out.size() < count; i++) {
            out.add(entry(list.get(i)));
        }
        pad(out, count, list.get(list.size() - 1).next().value());
    }

    private static List<DisassembledInstruction> placeholders(long base, int n) {
        List<DisassembledInstruction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(invalid(base - n + i));
        }
        return out;
    }

    private static List<Instruction> decode(ReplaySession session, long address, int count) throws AgentException {
        int n = Math.max(1, Math.min(SessionRequest.MAX_DISASSEMBLE, count));
        return session.disassemble(RemoteAddress.of(address), n);
    }

    private static DisassembledInstruction entry(Instruction i) {
        DisassembledInstruction d = new DisassembledInstruction();
        d.setAddress(i.address().toString());
        d.setInstructionBytes(HexFormat.ofDelimiter(" ").formatHex(i.bytes()));
        d.setInstruction(i.text());
        return d;
    }

    private static DisassembledInstruction invalid(long address) {
        DisassembledInstruction d = new DisassembledInstruction();
        d.setAddress(RemoteAddress.of(address).toString());
        d.setInstruction("??");
        d.setPresentationHint(DisassembledInstructionPresentationHint.INVALID);
        return d;
    }

    /** Fills up to {@code count} entries with invalid ones from {@code next} on. */
    private static void pad(List<DisassembledInstruction> out, int count, long next) {
        for (long a = next; out.size() < count; a++) {
            out.add(invalid(a));
        }
    }
}
