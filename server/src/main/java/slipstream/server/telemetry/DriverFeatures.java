package slipstream.server.telemetry;

/**
 * As-of features of one driver for an upcoming race.
 *
 * @param features    raw values in the order of the requested feature names
 * @param priorRaces  the driver's earlier races in the 20-race window (0 = no history: every historical
 *                    feature is its documented default, see {@link FeatureCatalog})
 */
public record DriverFeatures(String driverId, double[] features, int priorRaces) {}
