package slipstream.server.telemetry;

import java.util.List;

/**
 * A materialised feature snapshot: features of every (race, driver) of a season range, as of each race.
 *
 * @param featureSnapshotId     SHA-256 of feature names, lineage and rows
 * @param created               false when identical content was built before
 * @param telemetrySnapshotIds  telemetry snapshots it was computed from
 * @param parquetPath           its Parquet export, relative to the data root
 */
public record FeatureSnapshot(String featureSnapshotId, boolean created, List<String> telemetrySnapshotIds,
                              long rowCount, List<FeatureDeclaration> features, int fromSeason, int toSeason,
                              String parquetPath, double buildMillis) {}
