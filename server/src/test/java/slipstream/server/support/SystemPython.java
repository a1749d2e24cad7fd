package slipstream.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's system Python, where .ci/run installs the packages the tests use (python3-xarray, python3-netcdf4,
 * python3-grpcio, python3-protobuf); a pyenv or venv python3 on PATH may lack them.
 */
public final class SystemPython {
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private SystemPython() {}

    /** Runs python3 with the arguments; fails the test unless it exits 0 within two minutes. Returns its output. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "python failed (.ci/run installs the Debian packages it needs):\n" + out);
        return out.trim();
    }
}
