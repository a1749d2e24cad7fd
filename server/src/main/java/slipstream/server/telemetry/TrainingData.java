package slipstream.server.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Races of a window with their outcomes and as-of features, for Calibrate's training and held-out sets.
 *
 * @param featureNames          the order of every {@link RaceRow#features()} vector
 * @param rows                  ordered by race (start time, season, race number) then finish
 * @param scaling               means and sds of the features over these rows
 * @param telemetrySnapshotIds  the telemetry snapshots the rows and features came from (lineage), sorted
 * @param datasetId             SHA-256 of the feature names, lineage and rows (content id of this dataset)
 */
public record TrainingData(List<String> featureNames, List<RaceRow> rows, FeatureScaling scaling,
                           List<String> telemetrySnapshotIds, String datasetId) {

    /** The rows grouped by race, races in order, each race's rows by finish. */
    public List<List<RaceRow>> byRace() {
        Map<String, List<RaceRow>> races = new LinkedHashMap<>();
        for (RaceRow r : rows) {
            races.computeIfAbsent(r.raceKey(), k -> new ArrayList<>()).add(r);
        }
        return List.copyOf(races.values());
    }
}
