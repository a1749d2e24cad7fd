package slipstream.server.telemetry;

import java.util.List;
import java.util.stream.Collectors;

/**
 * THE feature query: the one SQL text that computes features, used by the materialised feature snapshots,
 * the training/held-out dataset and the as-of query for an upcoming race alike.
 *
 * <p>It reads a temp table {@code feature_targets(target_id, driver_id, archetype, race_start,
 * start_position)} and the current telemetry views. Per driver (and per driver and archetype) it runs window
 * functions over the driver's races in start order: means over the last 5/10/20 rows up to and including
 * each race. Each target is then matched with an {@code ASOF} join to the driver's latest race whose start
 * is STRICTLY BEFORE the target's {@code race_start}: that inequality is the as-of cut-off, inside the SQL,
 * so no caller can read a race's own outcome or anything later. Averages are exact sums of integers (shares
 * in parts per million) divided once, so values never depend on summation order or thread count.
 */
public final class FeatureSql {

    /** The query with the strict cut-off ({@code history start < race start}). */
    public static final FeatureSql STANDARD = new FeatureSql(">");

    private final String cutoff;

    /**
     * @param cutoff comparison of target start to history start in the as-of join; only tests pass anything
     *               but {@code ">"} (to plant a leak and show the leakage check catches it)
     */
    FeatureSql(String cutoff) {
        this.cutoff = cutoff;
    }

    /** SELECT target_id, prior_races, then the named features in order, for every row of feature_targets. */
    String select(List<String> features) {
        String columns = features.stream()
                .map(f -> FeatureCatalog.declaration(f).sql() + " AS " + TelemetryStore.q(f))
                .collect(Collectors.joining(",\n  "));
        return """
                WITH loop_fl AS (
                  SELECT season, race, replace(driver_id, '-', '') AS driver_key, fastest_lap,
                         sum(fastest_lap) OVER (PARTITION BY season, race) AS race_fastest_laps
                  FROM telemetry_loop_current
                  WHERE race IS NOT NULL AND coalesce(points_race, true)
                ), hist AS (
                  SELECT r.driver_id, r.archetype, r.race_date AS race_start, r.season, r.race,
                         r.finish, r.start, CAST(r.dnf AS INTEGER) AS dnf, CAST(r.finish <= 10 AS INTEGER) AS top10,
                         CAST(round(1e6 * r.laps_led / r.race_laps) AS BIGINT) AS led,
                         CASE WHEN l.race_fastest_laps > 0
                              THEN CAST(round(1e6 * l.fastest_lap / l.race_fastest_laps) AS BIGINT) END AS fl
                  FROM telemetry_results_current r
                  LEFT JOIN loop_fl l ON l.season = r.season AND l.race = r.race
                                     AND l.driver_key = replace(r.driver_id, '-', '')
                ), overall AS (
                  SELECT driver_id, race_start, %s
                  FROM hist
                  WINDOW %s
                ), arch AS (
                  SELECT driver_id, archetype, race_start, %s
                  FROM hist
                  WINDOW %s
                )
                SELECT t.target_id, CAST(coalesce(o.n_20, 0) AS INTEGER) AS prior_races,
                  %s
                FROM feature_targets t
                ASOF LEFT JOIN overall o ON o.driver_id = t.driver_id AND t.race_start %s o.race_start
                ASOF LEFT JOIN arch a ON a.driver_id = t.driver_id AND a.archetype = t.archetype
                                     AND t.race_start %s a.race_start
                ORDER BY t.target_id
                """.formatted(aggregates(), windows("driver_id"), aggregates(), windows("driver_id, archetype"),
                columns, cutoff, cutoff);
    }

    private static String aggregates() {
        StringBuilder sb = new StringBuilder();
        String[] measures = {"finish", "start", "led", "dnf", "top10", "fl"};
        for (int w : FeatureCatalog.WINDOWS) {
            for (String m : measures) {
                String scale = m.equals("led") || m.equals("fl") ? " / 1e6" : "";
                sb.append("sum(").append(m).append(") OVER w").append(w).append(" / nullif(count(").append(m)
                        .append(") OVER w").append(w).append(", 0)").append(scale).append(" AS ").append(m)
                        .append('_').append(w).append(", ");
            }
        }
        return sb.append("count(*) OVER w20 AS n_20").toString();
    }

    private static String windows(String partition) {
        return java.util.Arrays.stream(FeatureCatalog.WINDOWS)
                .mapToObj(w -> "w" + w + " AS (PARTITION BY " + partition
                        + " ORDER BY race_start, season, race ROWS BETWEEN " + (w - 1) + " PRECEDING AND CURRENT ROW)")
                .collect(Collectors.joining(", "));
    }
}
