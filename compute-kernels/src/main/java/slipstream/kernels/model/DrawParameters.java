package slipstream.kernels.model;

/**
 * Every posterior draw's simulator parameters for one upcoming race, draw-major as the race kernel's inputs take
 * them: {@code eta[r * drivers + d]}, {@code dnfProbability[r * drivers + d]}, {@code kappa[r]}, {@code topScale[r]};
 * {@code topPlaces} is the model's top tier. Built by {@link ParameterLayout#perDraw}.
 */
public record DrawParameters(double[] eta, double[] dnfProbability, double[] kappa, double[] topScale,
                             int topPlaces) {}
