package slipstream.server.telemetry;

import static slipstream.server.telemetry.Column.opt;
import static slipstream.server.telemetry.Column.req;
import static slipstream.server.telemetry.ColumnType.ARCHETYPE;
import static slipstream.server.telemetry.ColumnType.DATE;
import static slipstream.server.telemetry.ColumnType.DOUBLE;
import static slipstream.server.telemetry.ColumnType.FLAG;
import static slipstream.server.telemetry.ColumnType.INTEGER;
import static slipstream.server.telemetry.ColumnType.TEXT;
import static slipstream.server.telemetry.ColumnType.TIMESTAMP;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The declared schema of each telemetry kind: its columns and types, the columns derived on ingest (slug ids),
 * the key that makes a row unique, the value checks, and which rows of a later snapshot supersede earlier
 * ones. Every column a file has must be declared here (unknown columns are rejected); optional columns may
 * be absent and are then stored as NULL.
 */
public enum TelemetrySchema {

    /**
     * Race results, one row per driver per race: the columns of {@code cup_results_2015_2023_model_ready.csv}.
     * A race is (season, race); {@code race_date} is its local start time and the as-of cut-off of features.
     */
    RESULTS("telemetry_results",
            List.of(req("season", INTEGER), req("race", INTEGER), req("race_date", TIMESTAMP),
                    opt("race_date_source", TEXT), opt("nascar_race_id", INTEGER), req("track", TEXT),
                    opt("race_name", TEXT), opt("track_length_mi", DOUBLE), opt("surface", TEXT),
                    req("archetype", ARCHETYPE), req("race_laps", INTEGER), opt("car", TEXT), req("driver", TEXT),
                    opt("make", TEXT), req("team", TEXT), req("start", INTEGER), req("finish", INTEGER),
                    opt("laps", INTEGER), req("laps_led", INTEGER), req("status", TEXT), req("dnf", FLAG),
                    opt("pts", INTEGER), opt("stage1", INTEGER), opt("stage2", INTEGER),
                    opt("driver_rating", DOUBLE), opt("win", FLAG), opt("seg_points", INTEGER)),
            List.of(new Derived("driver_id", "VARCHAR", DriverIds.sql("driver")),
                    new Derived("team_id", "VARCHAR", DriverIds.sql("team"))),
            List.of("season", "race", "driver_id"),
            """
            SELECT *,
              count(*) OVER (PARTITION BY season, race) AS field_size,
              count(*) OVER (PARTITION BY season, race, driver_id) AS same_driver,
              min(row_no) OVER (PARTITION BY season, race, driver_id) AS first_driver_row,
              count(*) OVER (PARTITION BY season, race, finish) AS same_finish,
              min(race_date) OVER (PARTITION BY season, race) <> max(race_date) OVER (PARTITION BY season, race)
                OR min(race_laps) OVER (PARTITION BY season, race) <> max(race_laps) OVER (PARTITION BY season, race)
                OR min(archetype) OVER (PARTITION BY season, race) <> max(archetype) OVER (PARTITION BY season, race)
                AS race_inconsistent
            FROM telemetry_typed""",
            List.of(new RowCheck("season", "season NOT BETWEEN 1949 AND 2100",
                            "'season ' || season || ' is outside 1949..2100'"),
                    new RowCheck("race", "race < 1", "'race number ' || race || ' must be at least 1'"),
                    new RowCheck("race_laps", "race_laps < 1", "'race_laps ' || race_laps || ' must be at least 1'"),
                    new RowCheck("driver", "driver_id = ''", "'driver name has no letters or digits'"),
                    new RowCheck("finish", "finish NOT BETWEEN 1 AND field_size",
                            "'finish ' || finish || ' is outside 1..' || field_size || ' (field size of season ' "
                                    + "|| season || ' race ' || race || ')'"),
                    new RowCheck("finish", "same_finish > 1 AND finish BETWEEN 1 AND field_size",
                            "'finish ' || finish || ' is given to ' || same_finish || ' drivers in season ' "
                                    + "|| season || ' race ' || race"),
                    new RowCheck("start", "start NOT BETWEEN 1 AND field_size",
                            "'start ' || start || ' is outside 1..' || field_size || ' (field size)'"),
                    new RowCheck("laps_led", "laps_led NOT BETWEEN 0 AND race_laps",
                            "'laps_led ' || laps_led || ' is outside 0..race_laps ' || race_laps"),
                    new RowCheck("laps", "laps NOT BETWEEN 0 AND race_laps",
                            "'laps ' || laps || ' is outside 0..race_laps ' || race_laps"),
                    new RowCheck("driver", "same_driver > 1 AND row_no > first_driver_row",
                            "'duplicate (race, driver): ' || driver_id || ' already appears in season ' || season "
                                    + "|| ' race ' || race || ' at rows[' || first_driver_row || ']'"),
                    new RowCheck("race_date", "race_inconsistent",
                            "'race_date, race_laps or archetype differ between rows of season ' || season "
                                    + "|| ' race ' || race")),
            "season, race"),

    /**
     * Loop statistics per driver per race ({@code cup_loop_data_2019_2023.csv}), carrying {@code fastest_lap}
     * (count of fastest laps). Points races are keyed by (season, race) like results; exhibitions have no race
     * number and are stored but not used by features.
     */
    LOOP("telemetry_loop",
            List.of(req("season", INTEGER), opt("race", INTEGER), opt("points_race", FLAG),
                    opt("nascaR_data_track", TEXT), opt("match_frac", DOUBLE), req("driver_name", TEXT),
                    new Column("driver_id", "source_driver_id", INTEGER, false), req("race_date", DATE),
                    opt("series", TEXT), req("track_name", TEXT), opt("start", INTEGER), opt("mid", INTEGER),
                    req("finish", INTEGER), opt("best", INTEGER), opt("worst", INTEGER), opt("avg", DOUBLE),
                    opt("green_flag_passing_diff", INTEGER), opt("green_flag_passes", INTEGER),
                    opt("green_flag_times_passed", INTEGER), opt("quality_passes", INTEGER),
                    opt("pct_quality_passes", DOUBLE), req("fastest_lap", INTEGER), opt("top_15_laps", INTEGER),
                    opt("pct_top_15_laps", DOUBLE), req("laps_led", INTEGER), opt("pct_laps_led", DOUBLE),
                    req("laps", INTEGER), opt("rating", DOUBLE), opt("status", TEXT)),
            List.of(new Derived("driver_id", "VARCHAR", DriverIds.sql("driver_name"))),
            List.of("season", "race_date", "track_name", "race", "driver_id"),
            """
            SELECT *,
              count(*) OVER (PARTITION BY season, race_date, track_name, race) AS field_size,
              max(laps) OVER (PARTITION BY season, race_date, track_name, race) AS race_laps,
              count(*) OVER (PARTITION BY season, race, driver_id) AS same_driver,
              min(row_no) OVER (PARTITION BY season, race, driver_id) AS first_driver_row
            FROM telemetry_typed""",
            List.of(new RowCheck("season", "season NOT BETWEEN 1949 AND 2100",
                            "'season ' || season || ' is outside 1949..2100'"),
                    new RowCheck("race", "race < 1", "'race number ' || race || ' must be at least 1'"),
                    new RowCheck("driver_name", "driver_id = ''", "'driver name has no letters or digits'"),
                    new RowCheck("finish", "finish NOT BETWEEN 1 AND field_size",
                            "'finish ' || finish || ' is outside 1..' || field_size || ' (field size)'"),
                    new RowCheck("laps", "laps < 0", "'laps ' || laps || ' is negative'"),
                    new RowCheck("laps_led", "laps_led NOT BETWEEN 0 AND race_laps",
                            "'laps_led ' || laps_led || ' is outside 0..' || race_laps || ' (race laps)'"),
                    new RowCheck("fastest_lap", "fastest_lap NOT BETWEEN 0 AND race_laps",
                            "'fastest_lap ' || fastest_lap || ' is outside 0..' || race_laps || ' (race laps)'"),
                    new RowCheck("driver_name", "race IS NOT NULL AND same_driver > 1 AND row_no > first_driver_row",
                            "'duplicate (race, driver): ' || driver_id || ' already appears in season ' || season "
                                    + "|| ' race ' || race || ' at rows[' || first_driver_row || ']'")),
            "season, coalesce(CAST(race AS VARCHAR), CAST(race_date AS VARCHAR) || track_name)"),

    /**
     * Lap-by-lap timing, one row per driver per lap ({@code f1_2024_lap_times.csv}: round, grand_prix,
     * constructor, driver, lap, position, time in seconds; an optional season column).
     */
    LAPS("telemetry_laps",
            List.of(opt("season", INTEGER), req("round", INTEGER), opt("grand_prix", TEXT), opt("constructor", TEXT),
                    req("driver", TEXT), req("lap", INTEGER), req("position", INTEGER), req("time", DOUBLE)),
            List.of(new Derived("driver_id", "VARCHAR", DriverIds.sql("driver"))),
            List.of("season", "round", "driver_id", "lap"),
            """
            SELECT *,
              count(DISTINCT driver_id) OVER (PARTITION BY season, round) AS field_size,
              count(*) OVER (PARTITION BY season, round, driver_id, lap) AS same_lap,
              min(row_no) OVER (PARTITION BY season, round, driver_id, lap) AS first_lap_row
            FROM telemetry_typed""",
            List.of(new RowCheck("season", "season NOT BETWEEN 1949 AND 2100",
                            "'season ' || season || ' is outside 1949..2100'"),
                    new RowCheck("round", "round < 1", "'round ' || round || ' must be at least 1'"),
                    new RowCheck("lap", "lap < 1", "'lap ' || lap || ' must be at least 1'"),
                    new RowCheck("position", "position NOT BETWEEN 1 AND field_size",
                            "'position ' || position || ' is outside 1..' || field_size || ' (drivers in the round)'"),
                    new RowCheck("time", "time <= 0", "'time ' || time || ' s must be positive'"),
                    new RowCheck("driver", "driver_id = ''", "'driver name has no letters or digits'"),
                    new RowCheck("lap", "same_lap > 1 AND row_no > first_lap_row",
                            "'duplicate (round, driver, lap): ' || driver_id || ' lap ' || lap || ' already at rows['"
                                    + " || first_lap_row || ']'")),
            "season, round");

    /** A column computed on ingest from the typed columns. */
    record Derived(String name, String sqlType, String expression) {}

    /** A value check on the typed rows: {@code badWhen} true flags the row, {@code reason} says why (SQL). */
    record RowCheck(String column, String badWhen, String reason) {}

    private final String table;
    private final List<Column> columns;
    private final List<Derived> derived;
    private final List<String> key;
    private final String checkedRelation;
    private final List<RowCheck> checks;
    private final String supersedePartition;

    TelemetrySchema(String table, List<Column> columns, List<Derived> derived, List<String> key,
                    String checkedRelation, List<RowCheck> checks, String supersedePartition) {
        this.table = table;
        this.columns = columns;
        this.derived = derived;
        this.key = key;
        this.checkedRelation = checkedRelation;
        this.checks = checks;
        this.supersedePartition = supersedePartition;
    }

    /** The DuckDB table holding every snapshot's rows of this kind. */
    public String table() {
        return table;
    }

    /** A view of the rows in force: for each race, the rows of the latest snapshot that contains it. */
    public String currentView() {
        return table + "_current";
    }

    public List<Column> columns() {
        return columns;
    }

    List<Derived> derived() {
        return derived;
    }

    List<String> key() {
        return key;
    }

    String checkedRelation() {
        return checkedRelation;
    }

    List<RowCheck> checks() {
        return checks;
    }

    String supersedePartition() {
        return supersedePartition;
    }

    Optional<Column> column(String headerName) {
        String lower = headerName.toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    /** Stored columns in table order: declared ones, then derived ones. */
    List<String> storedNames() {
        var names = new java.util.ArrayList<String>();
        columns.forEach(c -> names.add(c.stored()));
        derived.forEach(d -> names.add(d.name()));
        return names;
    }

    /** Guesses the kind of a file from its header (for the command line, where no kind is given). */
    public static Optional<TelemetrySchema> detect(List<String> header) {
        Set<String> h = header.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (h.contains("fastest_lap") && h.contains("driver_name")) {
            return Optional.of(LOOP);
        }
        if (h.contains("finish") && h.contains("race_laps")) {
            return Optional.of(RESULTS);
        }
        if (h.contains("lap") && h.contains("time") && h.contains("position")) {
            return Optional.of(LAPS);
        }
        return Optional.empty();
    }
}
