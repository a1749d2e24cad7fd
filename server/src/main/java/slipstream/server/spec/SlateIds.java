package slipstream.server.spec;

import java.util.regex.Pattern;
import slipstream.server.error.InvalidArgumentException;

/** Validation of slate ids as they arrive in requests. */
public final class SlateIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private SlateIds() {}

    public static void requireValid(String field, String slateId) {
        if (slateId.isEmpty()) {
            throw InvalidArgumentException.of(field, "is required, e.g. \"demo\"");
        }
        if (!VALID.matcher(slateId).matches()) {
            throw InvalidArgumentException.of(field,
                    "must be 1..128 characters of letters, digits, '_', '.', ':' or '-'");
        }
    }
}
