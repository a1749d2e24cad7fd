package slipstream.server.support;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Properties for a test server on a free loopback port with its own temporary data dir. */
public final class TestServer {

    private TestServer() {}

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh data dir, deleted when the test JVM exits: a server under test keeps it until its context closes,
     * after the test class, and every run would otherwise leave its stores (tens of MB) behind in /tmp.
     */
    public static Path tempDataDir() {
        try {
            Path dir = Files.createTempDirectory("slipstream-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree, best effort (what cannot be deleted stays; a test's outcome never hangs on it). */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the rest of the tree is still removed
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, as above
        }
    }

    /** Base properties: free port, fresh data dir; callers add what their test needs. */
    public static Map<String, String> properties(int port, Path dataDir) {
        Map<String, String> props = new HashMap<>();
        props.put("grpc.server.port", Integer.toString(port));
        props.put("grpc.server.host", "127.0.0.1");
        props.put("slipstream.data-dir", dataDir.toString());
        return props;
    }

    /** A plaintext Netty channel to the server, as any outside client would use. */
    public static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
}
