package slipstream.server.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical serialisation of a spec that its id hashes: compact JSON with a fixed field order, no
 * timestamps and no id, lists in their sorted spec order, doubles in Java's shortest round-trip form.
 * Changing this format changes every spec id, so it is versioned by the leading {@code "v":1}.
 */
public final class CanonicalForm {

    private CanonicalForm() {}

    public static String of(ConstraintSpec s) {
        StringBuilder b = new StringBuilder(4096).append('{');
        field(b, "v", 1).append(',');
        field(b, "slate_id", s.slateId()).append(',');
        field(b, "slate_name", s.slateName()).append(',');
        field(b, "race_date", s.raceDate()).append(',');
        b.append("\"track\":{");
        ConstraintSpec.Track t = s.track();
        field(b, "track_id", t.trackId()).append(',');
        field(b, "name", t.name()).append(',');
        field(b, "length_miles", t.lengthMiles()).append(',');
        field(b, "surface", t.surface()).append(',');
        field(b, "archetype", t.archetype()).append(',');
        field(b, "scheduled_laps", t.scheduledLaps()).append("},");
        field(b, "race_laps", s.raceLaps()).append(',');
        field(b, "salary_cap", s.salaryCap()).append(',');
        field(b, "roster_size", s.rosterSize()).append(',');
        ConstraintSpec.ScoringRules r = s.scoring();
        b.append("\"scoring\":{");
        field(b, "name", r.name()).append(',');
        b.append("\"finish_points\":[");
        for (int i = 0; i < r.finishPoints().size(); i++) {
            b.append(i > 0 ? "," : "").append(number(r.finishPoints().get(i)));
        }
        b.append("],");
        field(b, "place_differential_points", r.placeDifferentialPoints()).append(',');
        field(b, "lap_led_points", r.lapLedPoints()).append(',');
        field(b, "fastest_lap_points", r.fastestLapPoints()).append("},");
        b.append("\"entries\":[");
        for (int i = 0; i < s.entries().size(); i++) {
            ConstraintSpec.Entry e = s.entries().get(i);
            b.append(i > 0 ? ",{" : "{");
            field(b, "driver_id", e.driverId()).append(',');
            field(b, "driver_name", e.driverName()).append(',');
            field(b, "team_id", e.teamId()).append(',');
            field(b, "car_number", e.carNumber()).append(',');
            field(b, "salary", e.salary()).append(',');
            field(b, "start_position", e.startPosition()).append(',');
            field(b, "site_player_id", e.sitePlayerId()).append('}');
        }
        b.append("],\"teams\":[");
        for (int i = 0; i < s.teams().size(); i++) {
            ConstraintSpec.Team team = s.teams().get(i);
            b.append(i > 0 ? ",{" : "{");
            field(b, "team_id", team.teamId()).append(',');
            field(b, "name", team.name()).append('}');
        }
        b.append("],\"vetoes\":[");
        for (int i = 0; i < s.vetoes().size(); i++) {
            ConstraintSpec.Veto v = s.vetoes().get(i);
            b.append(i > 0 ? ",{" : "{");
            field(b, "rule_id", v.ruleId()).append(',');
            field(b, "kind", v.kind()).append(',');
            b.append("\"driver_ids\":[");
            List<String> ids = v.driverIds();
            for (int k = 0; k < ids.size(); k++) {
                b.append(k > 0 ? "," : "");
                string(b, ids.get(k));
            }
            b.append("],");
            field(b, "reason", v.reason()).append('}');
        }
        return b.append("]}").toString();
    }

    /** Lower-case hex SHA-256 of the canonical form. */
    public static String contentId(ConstraintSpec spec) {
        return sha256(of(spec));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        string(b, name);
        b.append(':');
        string(b, value);
        return b;
    }

    private static StringBuilder field(StringBuilder b, String name, long value) {
        string(b, name);
        return b.append(':').append(value);
    }

    private static StringBuilder field(StringBuilder b, String name, double value) {
        string(b, name);
        return b.append(':').append(number(value));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
