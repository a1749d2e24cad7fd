package slipstream.kernels.model;

/**
 * Track archetypes of the race model. The ordinal is the archetype index {@code a} used in
 * {@link RaceModelData.Builder#addRace} and {@link ParameterLayout}.
 */
public enum Archetype {
    SUPERSPEEDWAY,
    INTERMEDIATE,
    SHORT_TRACK,
    ROAD_COURSE;

    /** Number of archetypes (4). */
    public static final int COUNT = values().length;
}
