package slipstream.server.calibration.artifacts;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes NetCDF-3 classic files (the "CDF-1" format of the NetCDF User Guide, big-endian, no record dimension)
 * with double and int variables. NetCDF-3 has no groups, so an ArviZ InferenceData is stored one file per
 * group (posterior.nc, sample_stats.nc, observed_data.nc); xarray reads each with {@code open_dataset}.
 * Written to a temporary file and renamed, so readers never see half a file.
 */
public final class NetCdf3Writer {

    private static final int NC_DIMENSION = 0x0A;
    private static final int NC_VARIABLE = 0x0B;
    private static final int NC_ATTRIBUTE = 0x0C;
    private static final int NC_CHAR = 2;
    private static final int NC_INT = 4;
    private static final int NC_DOUBLE = 6;

    private final Map<String, Integer> dimensions = new LinkedHashMap<>();
    private final Map<String, String> globalAttributes = new LinkedHashMap<>();
    private final List<Variable> variables = new ArrayList<>();

    private record Variable(String name, List<String> dims, double[] doubles, int[] ints, Map<String, String> attributes) {
        int type() {
            return doubles != null ? NC_DOUBLE : NC_INT;
        }

        int length() {
            return doubles != null ? doubles.length : ints.length;
        }
    }

    public NetCdf3Writer dimension(String name, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("dimension " + name + " must have a positive length");
        }
        dimensions.put(name, length);
        return this;
    }

    public NetCdf3Writer globalAttribute(String name, String value) {
        globalAttributes.put(name, value);
        return this;
    }

    /** A double variable in row-major (C) order over the named dimensions. */
    public NetCdf3Writer variable(String name, double[] data, Map<String, String> attributes, String... dims) {
        return add(new Variable(name, List.of(dims), data, null, attributes), data.length);
    }

    /** An int variable in row-major (C) order over the named dimensions. */
    public NetCdf3Writer variable(String name, int[] data, Map<String, String> attributes, String... dims) {
        return add(new Variable(name, List.of(dims), null, data, attributes), data.length);
    }

    private NetCdf3Writer add(Variable v, int length) {
        long expected = 1;
        for (String d : v.dims()) {
            Integer len = dimensions.get(d);
            if (len == null) {
                throw new IllegalArgumentException("variable " + v.name() + " uses undeclared dimension " + d);
            }
            expected *= len;
        }
        if (expected != length) {
            throw new IllegalArgumentException("variable " + v.name() + " has " + length + " values, dims need " + expected);
        }
        variables.add(v);
        return this;
    }

    public void write(Path file) throws IOException {
        byte[] header = header(0);
        byte[] finalHeader = header(header.length);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16))) {
            out.write(finalHeader);
            for (Variable v : variables) {
                if (v.doubles() != null) {
                    for (double d : v.doubles()) {
                        out.writeDouble(d);
                    }
                } else {
                    for (int i : v.ints()) {
                        out.writeInt(i);
                    }
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The header with data offsets computed from {@code headerLength} (the header's size is offset-independent). */
    private byte[] header(int headerLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(bytes);
        h.write(new byte[] {'C', 'D', 'F', 1});
        h.writeInt(0); // numrecs: no record dimension
        List<String> dimNames = new ArrayList<>(dimensions.keySet());
        h.writeInt(NC_DIMENSION);
        h.writeInt(dimNames.size());
        for (String d : dimNames) {
            name(h, d);
            h.writeInt(dimensions.get(d));
        }
        attributes(h, globalAttributes);
        h.writeInt(NC_VARIABLE);
        h.writeInt(variables.size());
        long offset = headerLength;
        for (Variable v : variables) {
            name(h, v.name());
            h.writeInt(v.dims().size());
            for (String d : v.dims()) {
                h.writeInt(dimNames.indexOf(d));
            }
            attributes(h, v.attributes());
            h.writeInt(v.type());
            long size = (long) v.length() * (v.type() == NC_DOUBLE ? 8 : 4);
            if (offset + size > Integer.MAX_VALUE) {
                throw new IOException("NetCDF-3 classic files are limited to 2 GiB; " + v.name() + " does not fit");
            }
            h.writeInt((int) size);
            h.writeInt((int) offset);
            offset += size;
        }
        return bytes.toByteArray();
    }

    private static void attributes(DataOutputStream h, Map<String, String> attributes) throws IOException {
        if (attributes.isEmpty()) {
            h.writeInt(0);
            h.writeInt(0);
            return;
        }
        h.writeInt(NC_ATTRIBUTE);
        h.writeInt(attributes.size());
        // Sorted by name: callers pass Map.of, whose iteration order changes from one JVM run to the next, and
        // the same calibration must give the same file bytes.
        for (var a : new java.util.TreeMap<>(attributes).entrySet()) {
            name(h, a.getKey());
            h.writeInt(NC_CHAR);
            byte[] value = a.getValue().getBytes(StandardCharsets.UTF_8);
            h.writeInt(value.length);
            h.write(value);
            pad(h, value.length);
        }
    }

    private static void name(DataOutputStream h, String name) throws IOException {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        h.writeInt(b.length);
        h.write(b);
        pad(h, b.length);
    }

    private static void pad(DataOutputStream h, int length) throws IOException {
        for (int i = length; i % 4 != 0; i++) {
            h.write(0);
        }
    }
}
