package slipstream.server.telemetry;

/**
 * Declared type of a telemetry column. Files are staged as text, so every value is checked against its
 * type in SQL (bad values are reported per row, not as one reader error) and then cast.
 */
enum ColumnType {
    /** Whole number; "3" and "3.0" are accepted, "3.5" is not (DuckDB's own cast would round it). */
    INTEGER("INTEGER",
            "regexp_full_match(trim(%1$s), '[+-]?[0-9]{1,9}(\\.0*)?')",
            "CAST(TRY_CAST(trim(%1$s) AS DOUBLE) AS INTEGER)", "an integer"),
    DOUBLE("DOUBLE", "isfinite(TRY_CAST(trim(%1$s) AS DOUBLE))", "TRY_CAST(trim(%1$s) AS DOUBLE)", "a finite number"),
    TEXT("VARCHAR", "true", "trim(%1$s)", "text"),
    TIMESTAMP("TIMESTAMP", "TRY_CAST(trim(%1$s) AS TIMESTAMP) IS NOT NULL", "TRY_CAST(trim(%1$s) AS TIMESTAMP)",
            "a date-time such as 2023-11-05T15:00:00"),
    DATE("DATE", "TRY_CAST(trim(%1$s) AS DATE) IS NOT NULL", "TRY_CAST(trim(%1$s) AS DATE)",
            "a date such as 2023-11-05 or 2023/11/05"),
    FLAG("BOOLEAN", "lower(trim(%1$s)) IN ('0', '1', 'true', 'false')", "lower(trim(%1$s)) IN ('1', 'true')",
            "0/1 or true/false"),
    /** A track archetype; the data's lower-case names map to the ontology's (short -> SHORT_TRACK). */
    ARCHETYPE("VARCHAR",
            "upper(trim(%1$s)) IN ('SUPERSPEEDWAY', 'INTERMEDIATE', 'SHORT', 'SHORT_TRACK', 'ROAD_COURSE', 'ROAD')",
            "CASE upper(trim(%1$s)) WHEN 'SHORT' THEN 'SHORT_TRACK' WHEN 'ROAD' THEN 'ROAD_COURSE' "
                    + "ELSE upper(trim(%1$s)) END",
            "one of superspeedway, intermediate, short (short_track), road_course");

    final String sqlType;
    private final String validTemplate;
    private final String castTemplate;
    final String expected;

    ColumnType(String sqlType, String validTemplate, String castTemplate, String expected) {
        this.sqlType = sqlType;
        this.validTemplate = validTemplate;
        this.castTemplate = castTemplate;
        this.expected = expected;
    }

    /** SQL that is true when the (non-null, text) value is of this type. */
    String valid(String expression) {
        return validTemplate.formatted(expression);
    }

    /** SQL that converts a valid text value to this type. */
    String cast(String expression) {
        return castTemplate.formatted(expression);
    }
}
