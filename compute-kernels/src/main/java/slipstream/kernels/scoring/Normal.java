package slipstream.kernels.scoring;

/** Standard normal density and distribution function (erfc by Cody's rational approximations, ~1e-15). */
final class Normal {

    private Normal() {}

    static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** Complementary error function, W. J. Cody (1969), relative error below 1e-15 across the range. */
    static double erfc(double x) {
        double ax = Math.abs(x);
        double result;
        if (ax < 0.5) {
            double t = x * x;
            double top = (((0.1857777061846031526730 * t + 3.161123743870565596947) * t + 113.8641541510501556495) * t
                    + 377.4852376853020208137) * t + 3209.377589138469472562;
            double bot = (((t + 23.60129095234412093499) * t + 244.0246379344441733056) * t
                    + 1282.616526077372275645) * t + 2844.236833439170622273;
            return 1 - x * top / bot;
        } else if (ax < 4) {
            double top = (((((((2.15311535474403846343e-8 * ax + 0.564188496988670089180) * ax + 8.88314979438837594118) * ax
                    + 66.1191906371416294775) * ax + 298.635138197400131132) * ax + 881.952221241769090411) * ax
                    + 1712.04761263407058314) * ax + 2051.07837782607146532) * ax + 1230.33935479799725272;
            double bot = (((((((ax + 15.7449261107098347253) * ax + 117.693950891312499305) * ax + 537.181101862009857509) * ax
                    + 1621.38957456669018874) * ax + 3290.79923573345962678) * ax + 4362.61909014324715820) * ax
                    + 3439.36767414372163696) * ax + 1230.33935480374942043;
            result = Math.exp(-ax * ax) * top / bot;
        } else {
            double z = 1 / (ax * ax);
            double top = ((((0.0163153871373020978498 * z + 0.305326634961232344035) * z + 0.360344899949804439429) * z
                    + 0.125781726111229246204) * z + 0.0160837851487422766278) * z + 6.58749161529837803157e-4;
            double bot = ((((z + 2.56852019228982242072) * z + 1.87295284992346725209) * z + 0.527905102951428412248) * z
                    + 0.0605183413124413191178) * z + 0.00233520497626869185443;
            result = Math.exp(-ax * ax) / ax * (1 / Math.sqrt(Math.PI) - z * top / bot);
        }
        return x < 0 ? 2 - result : result;
    }
}
