package slipstream.server.telemetry;

/**
 * One declared column of a telemetry file.
 *
 * @param name     header name in the file (matched case-insensitively)
 * @param stored   column name in the DuckDB table (usually the same)
 * @param type     declared type
 * @param required whether the column must be present and every value non-empty
 */
record Column(String name, String stored, ColumnType type, boolean required) {

    static Column req(String name, ColumnType type) {
        return new Column(name, name, type, true);
    }

    static Column opt(String name, ColumnType type) {
        return new Column(name, name, type, false);
    }
}
