package slipstream.server.optimizer;

import java.util.List;
import slipstream.server.spec.ConstraintSpec;

/**
 * The DraftKings classic upload format: a header of six "D" columns, then one lineup per row, each cell
 * "Name (ID)". Where the spec has no site player id (the demo slate has none), the spec driver id stands in,
 * so the file still names every driver unambiguously.
 */
public final class DraftKingsCsv {

    private DraftKingsCsv() {}

    public static String of(ConstraintSpec spec, List<int[]> lineups) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < spec.rosterSize(); i++) {
            csv.append(i == 0 ? "" : ",").append('D');
        }
        csv.append('\n');
        for (int[] lineup : lineups) {
            for (int i = 0; i < lineup.length; i++) {
                ConstraintSpec.Entry e = spec.entries().get(lineup[i]);
                String id = e.sitePlayerId().isEmpty() ? e.driverId() : e.sitePlayerId();
                csv.append(i == 0 ? "" : ",").append(quote(e.driverName() + " (" + id + ")"));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
