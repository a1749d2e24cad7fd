package slipstream.server.support;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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

    public static Path tempDataDir() {
        try {
            return Files.createTempDirectory("slipstream-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
