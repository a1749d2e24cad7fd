package slipstream.server.telemetry;

/** Where a feature's information comes from. Only information known before the race starts may be used. */
public enum FeatureSource {
    /** Results of earlier races (strictly before the race's start). */
    HISTORICAL,
    /** Practice sessions of this event (none are declared yet: no practice data is ingested). */
    PRACTICE,
    /** Qualifying of this event, e.g. the start position. */
    QUALIFYING
}
