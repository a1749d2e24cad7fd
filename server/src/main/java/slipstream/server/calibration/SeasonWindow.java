package slipstream.server.calibration;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import slipstream.server.error.FieldViolation;

/**
 * A window of races, inclusive at both ends, by race date. Seasons "2015-2022" become 2015-01-01..2022-12-31.
 * Parsing collects field violations instead of throwing, so a request reports every bad field at once.
 */
public record SeasonWindow(LocalDate from, LocalDate to, String label) {

    private static final Pattern SEASONS = Pattern.compile("(\\d{4})(?:\\s*-\\s*(\\d{4}))?");
    static final int FIRST_SEASON = 1949;
    static final int LAST_SEASON = 2100;

    public boolean overlaps(SeasonWindow other) {
        return !from.isAfter(other.to) && !other.from.isAfter(to);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /** Parses "YYYY" or "YYYY-YYYY"; returns null and records a violation when malformed. */
    static SeasonWindow seasons(String field, String text, java.util.List<FieldViolation> violations) {
        Matcher m = SEASONS.matcher(text.trim());
        if (!m.matches()) {
            violations.add(new FieldViolation(field, "must be \"YYYY\" or \"YYYY-YYYY\", e.g. \"2015-2022\"; got \"" + text + "\""));
            return null;
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        if (first > last || first < FIRST_SEASON || last > LAST_SEASON) {
            violations.add(new FieldViolation(field, "seasons must be ascending within " + FIRST_SEASON + ".."
                    + LAST_SEASON + "; got \"" + text + "\""));
            return null;
        }
        return new SeasonWindow(LocalDate.of(first, 1, 1), LocalDate.of(last, 12, 31),
                first == last ? Integer.toString(first) : first + "-" + last);
    }

    /** Parses a pair of ISO dates; returns null and records violations when malformed. */
    static SeasonWindow dates(String fromField, String from, String toField, String to,
                              java.util.List<FieldViolation> violations) {
        LocalDate start = date(fromField, from, violations);
        LocalDate end = date(toField, to, violations);
        if (start == null || end == null) {
            return null;
        }
        if (end.isBefore(start)) {
            violations.add(new FieldViolation(toField, "must not be before " + fromField));
            return null;
        }
        return new SeasonWindow(start, end, start + ".." + end);
    }

    private static LocalDate date(String field, String text, java.util.List<FieldViolation> violations) {
        if (text.isEmpty()) {
            violations.add(new FieldViolation(field, "is required when a date window is used (yyyy-mm-dd)"));
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "must be an ISO date yyyy-mm-dd; got \"" + text + "\""));
            return null;
        }
    }
}
