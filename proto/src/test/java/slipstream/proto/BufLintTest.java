package slipstream.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contracts pass {@code buf lint} with the STANDARD rules (buf.yaml at the repository root). */
class BufLintTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void contractsAreLintClean() throws IOException, InterruptedException {
        Path buf = ROOT.resolve("node_modules/.bin/buf");
        assertTrue(Files.isExecutable(buf),
                "buf is not installed: run `npm ci` at the repository root (./slipstream test does it for you)");
        Process lint = new ProcessBuilder(buf.toString(), "lint").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "buf lint timed out");
        assertEquals(0, lint.exitValue(), "buf lint found problems:\n" + output);
    }

    @Test
    void lintCanFail(@TempDir Path scratch) throws IOException, InterruptedException {
        Files.writeString(scratch.resolve("buf.yaml"), "version: v2\nlint:\n  use: [STANDARD]\n");
        Files.createDirectories(scratch.resolve("bad/v1"));
        Files.writeString(scratch.resolve("bad/v1/bad.proto"),
                "syntax = \"proto3\";\npackage bad.v1;\nenum Color { RED = 0; }\n");
        Process lint = new ProcessBuilder(ROOT.resolve("node_modules/.bin/buf").toString(), "lint")
                .directory(scratch.toFile()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS));
        assertTrue(lint.exitValue() != 0 && output.contains("UNSPECIFIED"), output);
    }
}
