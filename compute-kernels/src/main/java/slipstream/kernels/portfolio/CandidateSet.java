package slipstream.kernels.portfolio;

import java.util.Map;

/**
 * Distinct candidate lineups for portfolio selection.
 *
 * @param masks      lineups as driver bit masks, in the order generated
 * @param lineups    the same lineups as ascending driver indices, flat, {@code roster} per lineup
 * @param count      number of candidates
 * @param rejections "duplicate" (a generator produced a lineup already in the set) and the search's cut branches
 *                   by rule: "salary_cap", "salary_floor", "veto:NAME" (branches, not lineups: one cut branch
 *                   removes every lineup below it)
 * @param sources    how many candidates each generator contributed ("mean_top_k", "exclude_variation",
 *                   "min_exposure_lock", "scenario_optimum", "block_mean")
 */
public record CandidateSet(long[] masks, int[] lineups, int count, Map<String, Long> rejections,
                           Map<String, Integer> sources) {}
