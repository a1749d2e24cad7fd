package slipstream.server.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;

/**
 * Every feature the server can build, each declared with its source kind, and the race-day outcomes that may
 * never be features of their own race. The standard vector is {@link #STANDARD}, in this fixed order
 * (indices in brackets):
 * <pre>
 *  [0..2]   finish_mean_last5/10/20        mean finish over the driver's last 5/10/20 races
 *  [3..5]   start_mean_last5/10/20         mean start position
 *  [6..8]   laps_led_share_last5/10/20     mean of laps led / race laps
 *  [9..11]  dnf_rate_last5/10/20           share of those races not finished
 *  [12..14] top10_rate_last5/10/20         share finished in the top 10
 *  [15..17] fastest_lap_share_last5/10/20  mean of fastest laps / the race's fastest laps (loop data, 2019+)
 *  [18..35] arch_&lt;same 18, same order&gt;      the same over the driver's last 5/10/20 races at this archetype
 *  [36]     start_position                 this race's start position (qualifying)
 *  [37]     days_since_last_race           days since the driver's previous race, capped at 365
 *  [38]     prior_races_20                 the driver's earlier races counted in the 20-race window (0..20)
 * </pre>
 * Defaults (documented, applied inside the SQL so every path agrees) when a window holds no earlier race:
 * finish and start means 28; laps-led share 0; DNF rate 0.15; top-10 rate 0; fastest-lap share falls back to
 * the same window's laps-led share (seasons before loop data), then 0; archetype features fall back to the
 * driver's overall value of the same window, then to those defaults; start_position (when an upcoming entry
 * has none) falls back to start_mean_last5; days_since_last_race 365; prior_races_20 0.
 */
public final class FeatureCatalog {

    /** Finish and start mean of a driver with no earlier race: the back half of a 36-40 car field. */
    public static final double DEFAULT_POSITION = 28.0;
    /** DNF rate of a driver with no earlier race (Cup 2015-2023 average is 0.13; newcomers wreck more). */
    public static final double DEFAULT_DNF_RATE = 0.15;
    /** Cap and default of days_since_last_race. */
    public static final double MAX_DAYS = 365.0;

    static final int[] WINDOWS = {5, 10, 20};

    private static final Map<String, FeatureDeclaration> ALL = new LinkedHashMap<>();
    /** The standard feature vector, in its fixed order. */
    public static final List<String> STANDARD;

    /** Race-day outcomes: never features of their own race. */
    private static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("finish", "the race's finishing position"),
            Map.entry("laps_led", "laps led in the race"),
            Map.entry("status", "the race's finishing status"),
            Map.entry("dnf", "whether the driver finished the race"),
            Map.entry("fastest_lap", "fastest laps in the race"),
            Map.entry("fastest_laps", "fastest laps in the race"),
            Map.entry("rating", "the driver rating of the race"),
            Map.entry("driver_rating", "the driver rating of the race"),
            Map.entry("laps", "laps completed in the race"),
            Map.entry("pts", "points scored in the race"),
            Map.entry("win", "whether the driver won the race"),
            Map.entry("stage1", "stage 1 result of the race"),
            Map.entry("stage2", "stage 2 result of the race"),
            Map.entry("seg_points", "segment points of the race"),
            Map.entry("mid", "mid-race running position"),
            Map.entry("best", "best running position in the race"),
            Map.entry("worst", "worst running position in the race"),
            Map.entry("avg", "average running position in the race"),
            Map.entry("top_15_laps", "laps run in the top 15 in the race"),
            Map.entry("quality_passes", "quality passes in the race"),
            Map.entry("green_flag_passes", "green-flag passes in the race"),
            Map.entry("incidents", "incidents in the race"));

    static {
        String[][] measures = {
                {"finish_mean", "finish", "mean finishing position (1 = win)"},
                {"start_mean", "start", "mean start position"},
                {"laps_led_share", "led", "mean share of race laps led (0..1)"},
                {"dnf_rate", "dnf", "share of races not finished (0..1)"},
                {"top10_rate", "top10", "share of races finished in the top 10 (0..1)"},
                {"fastest_lap_share", "fl", "mean share of the race's fastest laps (0..1; loop data)"}};
        for (String scope : new String[] {"", "arch_"}) {
            for (String[] m : measures) {
                for (int w : WINDOWS) {
                    String over = scope.isEmpty() ? "the driver's last " + w + " races"
                            : "the driver's last " + w + " races at this race's archetype";
                    declare(new FeatureDeclaration(scope + m[0] + "_last" + w, FeatureSource.HISTORICAL,
                            m[2] + " over " + over + " strictly before this race", expression(scope, m[1], w)));
                }
            }
        }
        declare(new FeatureDeclaration("start_position", FeatureSource.QUALIFYING,
                "start position in this race (qualifying; 1 = pole)",
                "CAST(coalesce(t.start_position, " + expression("", "start", 5) + ") AS DOUBLE)"));
        declare(new FeatureDeclaration("days_since_last_race", FeatureSource.HISTORICAL,
                "days since the driver's previous race (capped at 365; 365 without one)",
                "least(coalesce(date_diff('second', o.race_start, t.race_start) / 86400.0, " + MAX_DAYS + "), "
                        + MAX_DAYS + ")"));
        declare(new FeatureDeclaration("prior_races_20", FeatureSource.HISTORICAL,
                "the driver's earlier races in the 20-race window (0..20; 0 = no history)",
                "CAST(coalesce(o.n_20, 0) AS DOUBLE)"));
        STANDARD = List.copyOf(ALL.keySet());
    }

    private FeatureCatalog() {}

    private static void declare(FeatureDeclaration d) {
        ALL.put(d.name(), d);
    }

    /** Overall ({@code scope=""}) or archetype ({@code "arch_"}) value of a measure over a window, with defaults. */
    private static String expression(String scope, String measure, int w) {
        String o = "o." + measure + "_" + w;
        String a = "a." + measure + "_" + w;
        String fallback = switch (measure) {
            case "finish", "start" -> Double.toString(DEFAULT_POSITION);
            case "dnf" -> Double.toString(DEFAULT_DNF_RATE);
            case "fl" -> "o.led_" + w + ", 0.0";
            default -> "0.0";
        };
        String overall = "coalesce(" + o + ", " + fallback + ")";
        if (scope.isEmpty()) {
            return "CAST(" + overall + " AS DOUBLE)";
        }
        String archOwn = "fl".equals(measure) ? a + ", a.led_" + w + ", " : a + ", ";
        return "CAST(coalesce(" + archOwn + overall + ") AS DOUBLE)";
    }

    public static FeatureDeclaration declaration(String name) {
        FeatureDeclaration d = ALL.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown feature " + name);
        }
        return d;
    }

    /** All declared features, standard order. */
    public static List<FeatureDeclaration> all() {
        return List.copyOf(ALL.values());
    }

    /**
     * Checks requested feature names: empty means {@link #STANDARD}. A race-day outcome or an unknown name is
     * INVALID_ARGUMENT naming it ({@code field[i]}); every bad name is listed at once.
     */
    public static List<String> resolve(String field, List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return STANDARD;
        }
        List<FieldViolation> bad = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            String at = field + "[" + i + "]";
            if (FORBIDDEN.containsKey(name)) {
                bad.add(new FieldViolation(at, "'" + name + "' is forbidden: it is a race-day outcome ("
                        + FORBIDDEN.get(name) + ") and cannot be a feature of its own race; use its history, e.g. '"
                        + suggestion(name) + "'"));
            } else if (!ALL.containsKey(name)) {
                bad.add(new FieldViolation(at, "unknown feature '" + name + "'; declared features: " + STANDARD));
            } else if (!seen.add(name)) {
                bad.add(new FieldViolation(at, "feature '" + name + "' is requested twice"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        return List.copyOf(requested);
    }

    private static String suggestion(String forbidden) {
        return switch (forbidden) {
            case "laps_led" -> "laps_led_share_last10";
            case "dnf", "status" -> "dnf_rate_last10";
            case "fastest_lap", "fastest_laps" -> "fastest_lap_share_last10";
            default -> "finish_mean_last10";
        };
    }
}
