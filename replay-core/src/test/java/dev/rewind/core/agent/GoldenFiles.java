/*
 * GoldenFiles: finds and reads protocol/golden/*.hex, the shared bytes both codecs must produce.
 */
package dev.rewind.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

final class GoldenFiles {
    private GoldenFiles() {
    }

    static Path folder() {
        String root = System.getProperty("rewind.root");
        Path base = root != null ? Path.of(root) : Path.of("..");
        return base.resolve("protocol/golden");
    }

    static byte[] read(String name) throws IOException {
        return HexFormat.of().parseHex(Files.readString(folder().resolve(name)).strip());
    }
}
