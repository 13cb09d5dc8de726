/*
 * HitsTest: `rewind/hits` lists every arrival at a line in the whole recording with an
 * expression's value, the same as a forward run with a breakpoint there sees; a condition filters,
 * a limit truncates (all are still counted); the replay comes back to where the user stood; and
 * `rewind/seek` travels to any listed hit. Malformed queries are refused.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HitsTest {
    private static final String FILE = "travel.c";

    @TempDir
    Path tmp;

    @Test
    void everyHitOfALineWithItsValueAndTravelToEach() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        int line = Debuggee.line(FILE, "SQUARE_FIRST");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(FILE).toString(), line);
            client.configurationDone();
            // ground truth: a forward run with a breakpoint on the line
            List<State> forwards = TravelClient.hitsToEnd(client, client.awaitStopped());
            assertEquals(4, forwards.size(), "square() runs four times: " + forwards);
            // from the third hit (travelled to backwards), ask for all of them
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            State here = TravelClient.state(client);
            assertEquals(forwards.get(2), here);

            Map<String, Object> body = hits(client, line, Map.of("expression", "v * 10"));
            List<Map<String, Object>> hits = list(body);
            assertEquals(4, hits.size());
            assertEquals(4L, ((Number) body.get("totalHits")).longValue());
            assertEquals(false, body.get("truncated"));
            for (int i = 0; i < 4; i++) {
                assertEquals(String.valueOf(i * 10), hits.get(i).get("value"), "hit " + i + ": " + hits.get(i));
                assertEquals(forwards.get(i).event(), ((Number) hits.get(i).get("event")).longValue());
                assertEquals(line, ((Number) hits.get(i).get("line")).intValue());
            }
            assertEquals(here, TravelClient.state(client), "the scan comes back to where the user stood");

            // travel to each hit, in a jumbled order
            for (int i : new int[] {3, 0, 2, 1}) {
                Map<String, Object> hit = hits.get(i);
                Map<String, Object> seek = new HashMap<>();
                seek.put("event", hit.get("event"));
                seek.put("pc", hit.get("pc"));
                seek.put("hitCount", hit.get("hitCount"));
                DapTestClient.call(client.rewind().seek(seek));
                client.assertStopped(client.awaitStopped(), "step");
                assertEquals(forwards.get(i), TravelClient.state(client), "seek to hit " + i);
            }
        }
    }

    @Test
    void conditionsFilterAndLimitsTruncate() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        int line = Debuggee.line(FILE, "SQUARE_FIRST");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, true);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            long start = TravelClient.event(client);
            List<Map<String, Object>> odd = list(hits(client, line, Map.of("condition", "v % 2 == 1", "expression", "v")));
            assertEquals(List.of("1", "3"), odd.stream().map(h -> h.get("value")).toList());
            Map<String, Object> two = hits(client, line, Map.of("limit", 2));
            assertEquals(2, list(two).size());
            assertEquals(4L, ((Number) two.get("totalHits")).longValue());
            assertEquals(true, two.get("truncated"));
            Map<String, Object> broken = list(hits(client, line, Map.of("expression", "no_such_name"))).get(0);
            assertTrue(String.valueOf(broken.get("error")).contains("no_such_name"), broken.toString());
            assertEquals(start, TravelClient.event(client), "the scans came back to the start");
            // malformed queries
            for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("line", line),
                    Map.of("source", Map.of("path", Debuggee.source(FILE).toString())),
                    Map.of("source", Map.of("path", Debuggee.source(FILE).toString()), "line", -3),
                    Map.of("source", Map.of("path", Debuggee.source(FILE).toString()), "line", line, "limit", 0),
                    Map.of("source", Map.of("path", "/no/such/file.c"), "line", 3))) {
                String message = DapTestClient.error(client.rewind().hits(bad)).getMessage();
                assertTrue(message.contains("rewind/hits") || message.contains("cannot find"), message);
            }
            client.assertStopped(TravelClient.continueToStop(client), "end");
        }
    }

    private static Map<String, Object> hits(DapTestClient client, int line, Map<String, Object> extra) throws Exception {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("source", Map.of("path", Debuggee.source(FILE).toString()));
        args.put("line", line);
        return DapTestClient.call(client.rewind().hits(args));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("hits");
    }
}
