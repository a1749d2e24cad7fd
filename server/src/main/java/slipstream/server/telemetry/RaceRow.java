package slipstream.server.telemetry;

import java.time.LocalDateTime;

/**
 * One driver in one race of a dataset: the race, the outcome (labels: these are what a model fits, never
 * features of this race) and the feature vector computed as of the race's start.
 *
 * @param raceKey     "season-race", e.g. "2023-36" (race number zero-padded to two digits)
 * @param raceStart   local start time of the race (the as-of cut-off of its features)
 * @param archetype   SUPERSPEEDWAY, INTERMEDIATE, SHORT_TRACK or ROAD_COURSE
 * @param fastestLaps fastest laps in this race from loop data; null where no loop data covers it (before 2019)
 * @param features    raw (unstandardised) values in the order of {@link TrainingData#featureNames()}
 */
public record RaceRow(String raceKey, int season, int race, LocalDateTime raceStart, String archetype,
                      int raceLaps, String driverId, String teamId, int start, int finish, boolean dnf,
                      int lapsLed, Integer fastestLaps, double[] features) {

    static String key(int season, int race) {
        return season + "-" + (race < 10 ? "0" : "") + race;
    }
}
