package slipstream.server.telemetry;

/**
 * A driver entered in an upcoming race.
 *
 * @param driverId      ontology id (slug of the name)
 * @param startPosition start position if qualifying is done, else null (start_position then defaults to the
 *                      driver's start_mean_last5)
 */
public record UpcomingEntry(String driverId, Integer startPosition) {}
