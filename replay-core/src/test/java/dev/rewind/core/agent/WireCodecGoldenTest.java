/*
 * WireCodecGoldenTest: WireCodec encodes each example of protocol/golden/README.md to exactly the
 * bytes of its .hex file, and decodes those bytes back to the example. The C codec has the same
 * test, so the two sides cannot drift apart.
 */
package dev.rewind.core.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.core.model.WaitStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WireCodecGoldenTest {
    static final Map<String, WireMessage> EXAMPLES = Map.of(
            "hello.hex", new WireMessage.Hello(1, "rewind-java"),
            "hello_ok.hex", new WireMessage.HelloOk(1, "0.1.0"),
            "record.hex", new WireMessage.Record("/tmp/t", "/bin/echo", List.of("echo", "hi"), "/", List.of("A=1")),
            "replay.hex", new WireMessage.Replay("/tmp/t"),
            "started.hex", new WireMessage.Started(4242),
            "finished.hex", new WireMessage.Finished(new WaitStatus(256), 12, true, ""),
            "error.hex", new WireMessage.Error(5, "replay diverged at event 3: expected write, got read"),
            "bye.hex", new WireMessage.Bye());

    @TestFactory
    Stream<DynamicTest> everyGoldenFileRoundTrips() {
        return EXAMPLES.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e ->
                DynamicTest.dynamicTest(e.getKey(), () -> {
                    byte[] golden = GoldenFiles.read(e.getKey());
                    assertArrayEquals(golden, WireCodec.encode(e.getValue()), "encode " + e.getKey());
                    assertEquals(e.getValue(), WireCodec.decode(golden), "decode " + e.getKey());
                    assertEquals(e.getValue(), WireCodec.read(new ByteArrayInputStream(golden)), "read " + e.getKey());
                }));
    }

    @Test
    void everyGoldenFileHasAnExampleAndEveryTypeIsCovered() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(GoldenFiles.folder())) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hex"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(EXAMPLES.keySet()), files);
        Set<Integer> types = EXAMPLES.values().stream().map(WireMessage::type).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), types);
        assertEquals(WireCodec.PROTOCOL_VERSION, ((WireMessage.Hello) EXAMPLES.get("hello.hex")).protocolVersion());
    }
}
