package slipstream.server.calibration;

import java.util.List;

/**
 * The feature set of the race model: which as-of features (from the telemetry's standard catalogue) drive
 * the strengths and which the DNF part. All are known before the race (history or qualifying).
 * Chosen to cover the four signals the design names: start position, recent form, form at this archetype,
 * and the history of laps led and DNFs, while keeping the model small enough to mix well.
 */
public final class ModelFeatures {

    private ModelFeatures() {}

    /** Strength features x (log-strength = x · beta_archetype), in parameter order. */
    public static final List<String> STRENGTH = List.of(
            "start_position",
            "finish_mean_last10",
            "arch_finish_mean_last10",
            "laps_led_share_last10",
            "top10_rate_last20",
            "fastest_lap_share_last10");

    /** DNF features w (logit P(DNF) = alpha_archetype + w · gamma). */
    public static final List<String> DNF = List.of(
            "dnf_rate_last20",
            "arch_dnf_rate_last20");

    /** Model archetype order (index = archetype id in the model and the simulator). */
    public static final List<String> ARCHETYPES = List.of("SUPERSPEEDWAY", "INTERMEDIATE", "SHORT_TRACK", "ROAD_COURSE");

    /** Positions of {@code wanted} inside {@code available}; fails loudly when the catalogue lacks one. */
    static int[] indices(List<String> available, List<String> wanted) {
        int[] out = new int[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = available.indexOf(wanted.get(i));
            if (out[i] < 0) {
                throw new IllegalStateException("feature " + wanted.get(i) + " is not in the feature catalogue " + available);
            }
        }
        return out;
    }
}
