package slipstream.server.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;
import slipstream.server.error.PreconditionViolation;

/** Reads typed properties from ontology nodes, collecting every problem instead of stopping at the first. */
final class PropertyCheck {

    private static final TypeSystem TYPES = TypeSystem.getDefault();
    private final List<PreconditionViolation> violations = new ArrayList<>();

    List<PreconditionViolation> violations() {
        return violations;
    }

    void fail(String subject, String description) {
        violations.add(new PreconditionViolation("ONTOLOGY", subject, description));
    }

    String text(Map<String, Value> props, String node, String property) {
        Value v = props.get(property);
        if (v == null || v.isNull()) {
            fail(node + "." + property, "missing (expected a string)");
            return "";
        }
        if (!v.hasType(TYPES.STRING())) {
            fail(node + "." + property, "ill-typed: expected a string, found " + v.type().name());
            return "";
        }
        return v.asString();
    }

    String optionalText(Map<String, Value> props, String node, String property) {
        Value v = props.get(property);
        return v == null || v.isNull() ? "" : text(props, node, property);
    }

    int integer(Map<String, Value> props, String node, String property) {
        Value v = props.get(property);
        if (v == null || v.isNull()) {
            fail(node + "." + property, "missing (expected an integer)");
            return 0;
        }
        if (!v.hasType(TYPES.INTEGER())) {
            fail(node + "." + property, "ill-typed: expected an integer, found " + v.type().name());
            return 0;
        }
        long value = v.asLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            fail(node + "." + property, "out of range: " + value);
            return 0;
        }
        return (int) value;
    }

    double number(Map<String, Value> props, String node, String property) {
        Value v = props.get(property);
        if (v == null || v.isNull()) {
            fail(node + "." + property, "missing (expected a number)");
            return 0;
        }
        if (!v.hasType(TYPES.FLOAT()) && !v.hasType(TYPES.INTEGER())) {
            fail(node + "." + property, "ill-typed: expected a number, found " + v.type().name());
            return 0;
        }
        return v.asDouble();
    }

    List<Double> numbers(Map<String, Value> props, String node, String property) {
        Value v = props.get(property);
        if (v == null || v.isNull() || !v.hasType(TYPES.LIST())) {
            fail(node + "." + property, v == null || v.isNull() ? "missing (expected a list of numbers)"
                    : "ill-typed: expected a list of numbers, found " + v.type().name());
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (Value item : v.values()) {
            if (!item.hasType(TYPES.FLOAT()) && !item.hasType(TYPES.INTEGER())) {
                fail(node + "." + property, "ill-typed: list holds " + item.type().name());
                return List.of();
            }
            out.add(item.asDouble());
        }
        return out;
    }
}
