package slipstream.server.spec;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.NotFoundException;

/** Compiles slates into specs and serves stored specs. */
@Singleton
public class SpecService {

    private static final Pattern SPEC_ID = Pattern.compile("[0-9a-f]{64}");
    private final OntologyReader reader;
    private final SpecCompiler compiler;
    private final SpecStore store;

    public SpecService(OntologyReader reader, SpecCompiler compiler, SpecStore store) {
        this.reader = reader;
        this.compiler = compiler;
        this.store = store;
    }

    /** Outcome of a compile. */
    public record Compiled(ConstraintSpec spec, boolean created, int rowsRead, double millis) {}

    public Compiled compile(String slateId) {
        long started = System.nanoTime();
        OntologyReader.SlateRead read = reader.read(slateId);
        ConstraintSpec spec = compiler.compile(read);
        boolean created = store.put(spec);
        return new Compiled(spec, created, read.rowsRead(), (System.nanoTime() - started) / 1e6);
    }

    /** The stored spec; NOT_FOUND when none has this id. {@code field} names the request field for errors. */
    public ConstraintSpec get(String field, String specId) {
        requireSpecId(field, specId);
        return store.get(specId).orElseThrow(() -> new NotFoundException("spec", specId,
                "Compile one with SpecService/CompileSpec, or list stored ids with SpecService/ListSpecs."));
    }

    public List<SpecStore.Summary> list(String slateId, int offset, int limit) {
        return store.list(slateId, offset, limit);
    }

    public static void requireSpecId(String field, String specId) {
        if (specId.isEmpty()) {
            throw InvalidArgumentException.of(field, "is required: the 64-hex-character id returned by CompileSpec");
        }
        if (!SPEC_ID.matcher(specId).matches()) {
            throw InvalidArgumentException.of(field, "must be 64 lower-case hex characters (a SHA-256), is '"
                    + (specId.length() > 80 ? specId.substring(0, 80) + "..." : specId) + "'");
        }
    }
}
