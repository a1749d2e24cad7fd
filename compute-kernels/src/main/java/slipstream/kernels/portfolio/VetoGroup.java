package slipstream.kernels.portfolio;

/**
 * Drivers that may not all appear in one lineup: a lineup may hold at most {@code maxTogether} of the members.
 * A spec's NOT_TOGETHER rule over k drivers maps to {@code maxTogether = k - 1} (the literal reading: all of them
 * together is what is forbidden; for a pair that is "not both"). A stricter "at most one of these" rule is
 * {@code maxTogether = 1}. A driver excluded from the slate is not a group: clear it from the eligible drivers.
 *
 * @param name        label used in rejection reasons ({@code "veto:" + name}), e.g. the rule id
 * @param members     bit i set for driver index i (slates have at most 64 drivers)
 * @param maxTogether how many members one lineup may hold, {@code 0 <= maxTogether < bitCount(members)}
 */
public record VetoGroup(String name, long members, int maxTogether) {
    public VetoGroup {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("veto group needs a name");
        }
        if (maxTogether < 0 || maxTogether >= Long.bitCount(members)) {
            throw new IllegalArgumentException("veto group " + name + ": maxTogether " + maxTogether
                    + " must be in 0.." + (Long.bitCount(members) - 1));
        }
    }

    /** A NOT_TOGETHER rule: the listed drivers may not all be in one lineup. */
    public static VetoGroup notTogether(String name, int... drivers) {
        long m = 0;
        for (int d : drivers) {
            m |= 1L << d;
        }
        return new VetoGroup(name, m, Long.bitCount(m) - 1);
    }

    /** Whether a lineup (as a driver bit mask) breaks this rule. */
    public boolean violatedBy(long lineupMask) {
        return Long.bitCount(lineupMask & members) > maxTogether;
    }
}
