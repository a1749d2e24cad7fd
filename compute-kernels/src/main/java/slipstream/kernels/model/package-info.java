/**
 * The race model shared by fitting, simulation and calibration: hierarchical Plackett-Luce over finishing orders
 * per track archetype (non-centred), logistic DNFs tied at the back, and a laps-led multinomial.
 * {@link slipstream.kernels.model.RaceModelData} lays races out so SIMD lanes hold different races;
 * {@link slipstream.kernels.model.RaceModelDensity} is the log density with analytic gradient;
 * {@link slipstream.kernels.model.ParameterLayout} names the parameters and turns a draw into strengths, DNF
 * probabilities and laps-led concentrations.
 */
package slipstream.kernels.model;
