package slipstream.server.telemetry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Driver and team ids: slugs of names, the same rule as the ontology's {@code Driver.id}: lower case, every run
 * of characters outside {@code [a-z0-9]} replaced by one '-', trimmed of '-' ("Martin Truex Jr." becomes
 * {@code martin-truex-jr}). {@link #SQL} is the same rule for DuckDB, so ids made in Java and in SQL agree.
 */
public final class DriverIds {

    private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");

    /** DuckDB expression template: replace {@code %s} with a VARCHAR expression. */
    static final String SQL = "trim(regexp_replace(lower(%s), '[^a-z0-9]+', '-', 'g'), '-')";

    private DriverIds() {}

    public static String slug(String name) {
        String s = NON_SLUG.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '-') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '-') {
            to--;
        }
        return s.substring(from, to);
    }

    static String sql(String expression) {
        return SQL.formatted(expression);
    }
}
