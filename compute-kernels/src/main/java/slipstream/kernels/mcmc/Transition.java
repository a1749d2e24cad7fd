package slipstream.kernels.mcmc;

/** Statistics of one NUTS transition, as Stan reports them per draw. */
record Transition(double stepSize, int treeDepth, int leapfrogSteps, boolean divergent, double energy,
                  double acceptStat, double logp) {}
