package slipstream.kernels.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import slipstream.kernels.vector.VectorSupport;

/**
 * Race results laid out so the Plackett-Luce suffix log-sum-exp runs across races in SIMD lanes.
 *
 * <p>Races are grouped, in the order they were added, into blocks of {@link #lanes()} races. Lane {@code j} of a
 * block holds race {@code j} of that block; position {@code k} of a lane is the driver in place {@code k} of that
 * race's finishing order (finishers first, then DNFs). Every race of a block is padded to the block's largest
 * field: padded slots have zero features, {@code real = 0}, and strength offset {@link #PAD} (a finite stand-in
 * for minus infinity, so that the running max/sum recurrences never compute {@code -inf - -inf}). A last block
 * with fewer than {@code lanes} races is filled with empty lanes. With {@code p} the global position index
 * ({@code blockOffset[b] + k}) the flat arrays are
 * <pre>
 *   x[(p * F + f) * L + j]   w[(p * G + g) * L + j]
 *   pad, real, finisher, dnf, lapsLed  [p * L + j]
 *   archetype, lapsTotal, fieldSize, finishers  [b * L + j]
 * </pre>
 * Immutable once built; shared freely between chains and threads.
 */
public final class RaceModelData {

    /** Strength offset of padded slots: exp(PAD - anything realistic) is exactly 0, and PAD - PAD is 0, not NaN. */
    public static final double PAD = -1e300;
    /** Places decided at the sharper top-tier scale unless {@link Builder#topPlaces} says otherwise. */
    public static final int DEFAULT_TOP_PLACES = 10;

    final int features;
    final int dnfFeatures;
    final int lanes;
    final int races;
    final int blocks;
    final int positions;
    final int maxWidth;
    final int[] blockOffset;
    final int[] blockWidth;
    final double[] x;
    final double[] w;
    final double[] pad;
    final double[] plOffset;
    final boolean dnfsInDenominator;
    final int topPlaces;
    final double[] real;
    final double[] finisher;
    final double[] dnf;
    final double[] lapsLed;
    final int[] archetype;
    final double[] lapsTotal;
    final int[] fieldSize;
    final int[] finishers;
    final int drivers;
    private final int[] racesPerArchetype = new int[Archetype.COUNT];
    private final ParameterLayout layout;

    private RaceModelData(Builder b, int lanes) {
        this.features = b.features;
        this.dnfFeatures = b.dnfFeatures;
        this.lanes = lanes;
        this.races = b.raceList.size();
        this.blocks = (races + lanes - 1) / lanes;
        this.layout = new ParameterLayout(b.featureNames, b.dnfFeatureNames);
        blockOffset = new int[blocks + 1];
        blockWidth = new int[blocks];
        int widest = 0;
        int count = 0;
        for (int blk = 0; blk < blocks; blk++) {
            int width = 0;
            for (int j = 0; j < lanes && blk * lanes + j < races; j++) {
                width = Math.max(width, b.raceList.get(blk * lanes + j).x.length);
            }
            blockWidth[blk] = width;
            blockOffset[blk + 1] = blockOffset[blk] + width;
            widest = Math.max(widest, width);
        }
        this.maxWidth = widest;
        this.positions = blockOffset[blocks];
        int cells = positions * lanes;
        x = new double[cells * features];
        w = new double[cells * dnfFeatures];
        pad = new double[cells];
        plOffset = new double[cells];
        this.dnfsInDenominator = b.dnfsInDenominator;
        this.topPlaces = b.topPlaces;
        real = new double[cells];
        finisher = new double[cells];
        dnf = new double[cells];
        lapsLed = new double[cells];
        Arrays.fill(pad, PAD);
        archetype = new int[blocks * lanes];
        lapsTotal = new double[blocks * lanes];
        fieldSize = new int[blocks * lanes];
        finishers = new int[blocks * lanes];
        for (int r = 0; r < races; r++) {
            Race race = b.raceList.get(r);
            int blk = r / lanes;
            int j = r % lanes;
            int lane = blk * lanes + j;
            archetype[lane] = race.archetype;
            racesPerArchetype[race.archetype]++;
            fieldSize[lane] = race.x.length;
            count += race.x.length;
            for (int k = 0; k < race.x.length; k++) {
                int p = blockOffset[blk] + k;
                int cell = p * lanes + j;
                for (int f = 0; f < features; f++) {
                    x[(p * features + f) * lanes + j] = race.x[k][f];
                }
                for (int g = 0; g < dnfFeatures; g++) {
                    w[(p * dnfFeatures + g) * lanes + j] = race.w[k][g];
                }
                pad[cell] = 0.0;
                real[cell] = 1.0;
                finisher[cell] = race.dnf[k] ? 0.0 : 1.0;
                plOffset[cell] = race.dnf[k] && !b.dnfsInDenominator ? PAD : 0.0;
                dnf[cell] = race.dnf[k] ? 1.0 : 0.0;
                if (!race.dnf[k]) {
                    finishers[lane]++;
                }
                if (race.lapsLed != null) {
                    lapsLed[cell] = race.lapsLed[k];
                    lapsTotal[lane] += race.lapsLed[k];
                }
            }
        }
        this.drivers = count;
    }

    /** Starts a data set with {@code features} strength features (F) and {@code dnfFeatures} DNF features (G). */
    public static Builder builder(int features, int dnfFeatures) {
        return new Builder(features, dnfFeatures);
    }

    /** Number of strength features F. */
    public int features() {
        return features;
    }

    /** Number of DNF features G. */
    public int dnfFeatures() {
        return dnfFeatures;
    }

    /** Races per block (SIMD lanes the data was laid out for). */
    public int lanes() {
        return lanes;
    }

    /** Number of races added. */
    public int races() {
        return races;
    }

    /** Number of driver entries over all races. */
    public int drivers() {
        return drivers;
    }

    /** Padded slots per lane over all blocks (the loop length of one gradient evaluation). */
    public int positions() {
        return positions;
    }

    /** Places 1..topPlaces are ranked at the archetype's top-tier scale lambda, see {@link RaceLikelihood}. */
    public int topPlaces() {
        return topPlaces;
    }

    /** Whether DNFs stay in the Plackett-Luce denominators (ties at the back), see {@link Builder#dnfsInDenominator}. */
    public boolean dnfsInDenominator() {
        return dnfsInDenominator;
    }

    /** Parameter names and offsets of the model on this data (feature names as given to the builder). */
    /** Races of each archetype in the data (a copy). */
    public int[] racesPerArchetype() {
        return racesPerArchetype.clone();
    }

    public ParameterLayout layout() {
        return layout;
    }

    private record Race(int archetype, double[][] x, double[][] w, boolean[] dnf, int[] lapsLed) {}

    /** Collects races; {@link #build()} lays them out. Not thread-safe. */
    public static final class Builder {
        private final int features;
        private final int dnfFeatures;
        private final List<Race> raceList = new ArrayList<>();
        private String[] featureNames;
        private String[] dnfFeatureNames;
        private int lanes;
        private boolean dnfsInDenominator = true;
        private int topPlaces = DEFAULT_TOP_PLACES;

        private Builder(int features, int dnfFeatures) {
            if (features < 1 || dnfFeatures < 0) {
                throw new IllegalArgumentException("need features >= 1 and dnfFeatures >= 0, got "
                        + features + ", " + dnfFeatures);
            }
            this.features = features;
            this.dnfFeatures = dnfFeatures;
            featureNames = new String[features];
            for (int f = 0; f < features; f++) {
                featureNames[f] = "x" + f;
            }
            dnfFeatureNames = new String[dnfFeatures];
            for (int g = 0; g < dnfFeatures; g++) {
                dnfFeatureNames[g] = "w" + g;
            }
        }

        /** Names of the F strength features, used in parameter names such as {@code mu[start_position]}. */
        public Builder featureNames(String... names) {
            if (names.length != features) {
                throw new IllegalArgumentException("expected " + features + " feature names, got " + names.length);
            }
            featureNames = names.clone();
            return this;
        }

        /** Names of the G DNF features, used in parameter names such as {@code gamma[dnf_rate_last20]}. */
        public Builder dnfFeatureNames(String... names) {
            if (names.length != dnfFeatures) {
                throw new IllegalArgumentException("expected " + dnfFeatures + " DNF feature names, got "
                        + names.length);
            }
            dnfFeatureNames = names.clone();
            return this;
        }

        /**
         * {@code true} (default, the DESIGN model): DNFs are tied at the back of the finishing order, so they stay
         * in every finisher's Plackett-Luce denominator and a DNF counts as evidence of low strength.
         * {@code false}: Plackett-Luce among finishers only (DNFs leave the denominators), which is the exact
         * likelihood of a simulator that draws DNFs by Bernoulli independently of strength and orders the
         * finishers by Gumbel-max. With the default, data from such a simulator gives strengths shrunk towards 0
         * (see RaceModelRecoveryTest).
         */
        public Builder dnfsInDenominator(boolean include) {
            this.dnfsInDenominator = include;
            return this;
        }

        /**
         * Number of leading finishing places ranked at the top-tier scale (default
         * {@value RaceModelData#DEFAULT_TOP_PLACES}); 0 gives plain Plackett-Luce whatever lambda is.
         */
        public Builder topPlaces(int places) {
            if (places < 0) {
                throw new IllegalArgumentException("topPlaces must be >= 0, got " + places);
            }
            this.topPlaces = places;
            return this;
        }

        /**
         * Lanes per block. Defaults to {@code DoubleVector.SPECIES_PREFERRED.length()} when the Panama twins are
         * enabled and 4 otherwise; the Panama likelihood requires the preferred length.
         */
        public Builder lanes(int lanes) {
            if (lanes < 1) {
                throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
            }
            this.lanes = lanes;
            return this;
        }

        /**
         * Adds one race. Rows are drivers in finishing order: finishers first (winner first), then the DNFs in any
         * order (they are tied at the back).
         *
         * @param archetype {@link Archetype} ordinal, 0..3
         * @param x         [drivers][F] standardised strength features
         * @param w         [drivers][G] DNF features
         * @param dnf       [drivers] true for a DNF; all true entries must come after all false ones
         * @param lapsLed   [drivers] laps led (>= 0), or null when the race has no laps-led data
         */
        public Builder addRace(int archetype, double[][] x, double[][] w, boolean[] dnf, int[] lapsLed) {
            if (archetype < 0 || archetype >= Archetype.COUNT) {
                throw new IllegalArgumentException("archetype must be in 0.." + (Archetype.COUNT - 1)
                        + ", got " + archetype);
            }
            int n = x.length;
            if (n == 0) {
                throw new IllegalArgumentException("a race needs at least one driver");
            }
            if (w.length != n || dnf.length != n || (lapsLed != null && lapsLed.length != n)) {
                throw new IllegalArgumentException("x, w, dnf and lapsLed must all have one row per driver (" + n
                        + ")");
            }
            double[][] xc = new double[n][];
            double[][] wc = new double[n][];
            for (int i = 0; i < n; i++) {
                if (x[i].length != features || w[i].length != dnfFeatures) {
                    throw new IllegalArgumentException("driver " + i + ": x needs " + features + " columns and w "
                            + dnfFeatures);
                }
                if (i > 0 && dnf[i - 1] && !dnf[i]) {
                    throw new IllegalArgumentException("driver " + i + " finished after a DNF: put finishers first");
                }
                if (lapsLed != null && lapsLed[i] < 0) {
                    throw new IllegalArgumentException("driver " + i + ": laps led must be >= 0");
                }
                xc[i] = x[i].clone();
                wc[i] = w[i].clone();
            }
            raceList.add(new Race(archetype, xc, wc, dnf.clone(), lapsLed == null ? null : lapsLed.clone()));
            return this;
        }

        /** Lays out the races added so far. */
        public RaceModelData build() {
            int l = lanes > 0 ? lanes : (VectorSupport.panamaEnabled() ? PanamaLanes.preferred() : 4);
            return new RaceModelData(this, l);
        }
    }
}
