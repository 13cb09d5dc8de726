package dev.rewind.dap;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CppValuesProbeTest {
    @TempDir
    Path tmp;

    @Test
    void probe() throws Exception {
        for (String opt : new String[] {"-O0", "-O2"}) {
            Path program = Debuggee.compile("stl.cpp", tmp, opt);
            try (DapTestClient client = InProcessDap.start()) {
                client.launchProgram(program, false);
                client.setBreakpoints(Debuggee.source("stl.cpp").toString(), Debuggee.line("stl.cpp", "/* STL_STOP"));
                client.configurationDone();
                client.awaitStopped();
                Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
                System.out.println("==== " + opt);
                for (Variable v : locals.values()) {
                    dump(client, v, "", 0);
                }
            }
        }
    }

    private static void dump(DapTestClient client, Variable v, String indent, int depth) throws Exception {
        System.out.println(indent + v.getName() + " = " + v.getValue() + "  : " + v.getType()
                + (v.getIndexedVariables() != null ? " indexed=" + v.getIndexedVariables() : "")
                + (v.getNamedVariables() != null ? " named=" + v.getNamedVariables() : ""));
        if (depth < 1 && v.getVariablesReference() > 0) {
            Variable[] kids = client.variables(v.getVariablesReference());
            for (int i = 0; i < kids.length && i < 6; i++) {
                dump(client, kids[i], indent + "    ", kids[i].getName().equals("[raw]") ? 9 : depth + 1);
            }
        }
    }
}
