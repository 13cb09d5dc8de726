/*
 * EvalFixture: evaluates expressions against a FakeProgram and shows the results as the debugger
 * would (display and type), or the error message an expression fails with.
 */
package dev.rewind.core.eval;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;

class EvalFixture {
    final FakeProgram program = new FakeProgram();
    final TypeTable table = new TypeTable(program);
    final ValueFormatter formatter = new ValueFormatter(table);

    Value value(String expression) throws Exception {
        Evaluator e = new Evaluator(table, program);
        try {
            return e.present(expression, e.evaluate(expression), formatter);
        } catch (EvalException x) {
            throw new AssertionError("'" + expression + "' failed: " + x.getMessage(), x);
        }
    }

    String show(String expression) throws Exception {
        return value(expression).display();
    }

    String type(String expression) throws Exception {
        return value(expression).typeName();
    }

    String error(String expression) throws Exception {
        Evaluator e = new Evaluator(table, program);
        try {
            Value v = e.present(expression, e.evaluate(expression), formatter);
            return fail("'" + expression + "' should fail, gave " + v.display());
        } catch (EvalException x) {
            return x.getMessage();
        }
    }
}
