package slipstream.server.telemetry;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.NotFoundException;
import slipstream.server.error.PermissionDeniedException;

/**
 * The folder that file paths given over gRPC must stay inside: {@code slipstream.telemetry.data-root}, by
 * default the server's data dir. A path with a ".." segment, or one that leaves the root once symbolic links
 * are resolved, is refused with PERMISSION_DENIED; clients never read arbitrary server files through Ingest.
 */
@Singleton
public class DataRoot {

    private final Path root;

    public DataRoot(SlipstreamConfig config, @Value("${slipstream.telemetry.data-root:}") String dataRoot) {
        this(dataRoot == null || dataRoot.isBlank() ? config.dataPath() : Path.of(dataRoot).toAbsolutePath().normalize());
    }

    DataRoot(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data root " + root, e);
        }
    }

    public Path path() {
        return root;
    }

    /** Resolves a client-given path (relative to the root, or absolute inside it) to a real regular file. */
    public Path resolve(String field, String requested) {
        if (requested == null || requested.isBlank()) {
            throw InvalidArgumentException.of(field, "is required: a file path relative to the data root");
        }
        Path given;
        try {
            given = Path.of(requested);
        } catch (InvalidPathException e) {
            throw InvalidArgumentException.of(field, "is not a valid path: " + e.getReason());
        }
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw outside(requested, "it contains '..'");
            }
        }
        Path candidate = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        if (!candidate.startsWith(root)) {
            throw outside(requested, "it is not under the data root");
        }
        if (!Files.exists(candidate)) {
            throw new NotFoundException("telemetry file", requested,
                    "Put the file under the server's data root and pass its path relative to that folder.");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new NotFoundException("telemetry file", requested, "The file could not be opened: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw outside(requested, "a symbolic link leads out of the data root");
        }
        if (!Files.isRegularFile(real)) {
            throw InvalidArgumentException.of(field, "'" + requested + "' is not a regular file");
        }
        return real;
    }

    /** The path of a file under the root, relative to it, with '/' separators (for responses). */
    public String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static PermissionDeniedException outside(String requested, String why) {
        return new PermissionDeniedException("PATH_OUTSIDE_DATA_ROOT", "path '" + requested
                + "' is refused because " + why + "; give a path inside the server's data root (relative to it)");
    }
}
