package slipstream.kernels.race;

import java.util.Arrays;

/**
 * A DFS scoring table as data: points for finishing place {@code k} ({@code finishPoints[k - 1]}), points per place
 * gained ({@code placeDifferential * (start - finish)}, negative when places are lost), per lap led and per
 * fastest lap. Another site's rules are another instance, not new code.
 *
 * @param finishPoints       points by finishing place, index 0 = winner
 * @param placeDifferential  points per place gained from start to finish
 * @param lapLed             points per lap led
 * @param fastestLap         points per fastest lap
 */
public record ScoringTable(double[] finishPoints, double placeDifferential, double lapLed, double fastestLap) {

    /** DraftKings NASCAR classic (DESIGN.md): places 1-40, +/-1 per place, +0.25 per lap led, +0.45 per fastest lap. */
    public static final ScoringTable DRAFTKINGS_CLASSIC = new ScoringTable(new double[] {
        45, 42, 41, 40, 39, 38, 37, 36, 35, 34, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23,
        21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 1.0, 0.25, 0.45);

    public ScoringTable {
        if (finishPoints == null || finishPoints.length == 0) {
            throw new IllegalArgumentException("finishPoints must name at least one place");
        }
        finishPoints = finishPoints.clone();
    }

    /** A copy: the table is immutable. */
    @Override
    public double[] finishPoints() {
        return finishPoints.clone();
    }

    /** Largest field this table scores. */
    public int places() {
        return finishPoints.length;
    }

    /**
     * Points of one driver's line. Finish must be in 1..{@link #places()}.
     *
     * @throws IllegalArgumentException if finish is outside the table
     */
    public double points(int start, int finish, int lapsLed, int fastestLaps) {
        if (finish < 1 || finish > finishPoints.length) {
            throw new IllegalArgumentException("finish " + finish + " outside 1.." + finishPoints.length);
        }
        return finishPoints[finish - 1] + placeDifferential * (start - finish) + lapLed * lapsLed
                + fastestLap * fastestLaps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoringTable t && Arrays.equals(finishPoints, t.finishPoints)
                && Double.compare(placeDifferential, t.placeDifferential) == 0
                && Double.compare(lapLed, t.lapLed) == 0 && Double.compare(fastestLap, t.fastestLap) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(finishPoints) * 31 + Double.hashCode(placeDifferential) * 7
                + Double.hashCode(lapLed) * 3 + Double.hashCode(fastestLap);
    }

    @Override
    public String toString() {
        return "ScoringTable[places=" + finishPoints.length + ", placeDifferential=" + placeDifferential
                + ", lapLed=" + lapLed + ", fastestLap=" + fastestLap + "]";
    }
}
