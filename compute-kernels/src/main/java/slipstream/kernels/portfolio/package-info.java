/**
 * DFS lineup search and portfolio construction over simulated scenarios. Points are flat,
 * {@code points[driver * S + s]}; lineups are driver bit masks (slates of at most 64 drivers) or ascending driver
 * indices, {@code roster} per lineup.
 *
 * <p>Typical sequence (the server's Optimize): {@link slipstream.kernels.portfolio.SlateRules} →
 * {@link slipstream.kernels.portfolio.FeasibilityCheck#require} →
 * {@link slipstream.kernels.portfolio.CandidateGenerator#generate} → score candidates with a
 * {@link slipstream.kernels.portfolio.LineupScorer} → (TAIL_UPSIDE / TOURNAMENT_EQUITY)
 * {@link slipstream.kernels.portfolio.Ownership#defaultFrom}, {@link slipstream.kernels.portfolio.OpponentField#sample},
 * {@link slipstream.kernels.portfolio.ContestField#simulate} → an objective from
 * {@link slipstream.kernels.portfolio.Objectives} → {@link slipstream.kernels.portfolio.PortfolioSelector#select} →
 * reports: {@link slipstream.kernels.portfolio.TailMeasures}, {@link slipstream.kernels.portfolio.ContestOutcome#evaluate},
 * {@link slipstream.kernels.portfolio.Regimes}, {@link slipstream.kernels.portfolio.BootstrapStability}.
 * Long loops poll a {@link slipstream.kernels.portfolio.RunControl}; all randomness comes from a
 * {@link slipstream.kernels.portfolio.RandomSource} keyed by (purpose, index, counter).
 */
package slipstream.kernels.portfolio;
