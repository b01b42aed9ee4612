package dev.bulwark.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one spec's constructor: each rule is written once, here in the engine, and every broken rule is
 * collected before {@link #done()} throws them together in an {@link InvalidSettingsException}, so one bad
 * annotation reports all its bad values at once, whichever front door made it.
 */
public final class Checks {

    private List<InvalidSettingsException.Violation> violations;

    public long atLeast(long value, long min, String setting) {
        check(value >= min, setting, value, "must be >= " + min);
        return value;
    }

    public int atLeast(int value, int min, String setting) {
        check(value >= min, setting, value, "must be >= " + min);
        return value;
    }

    /** {@code value} in {@code [min, max]}; NaN never is. */
    public double between(double value, double min, double max, String setting) {
        check(value >= min && value <= max, setting, value, "must be between " + number(min) + " and " + number(max));
        return value;
    }

    public <T> T notNull(T value, String setting) {
        check(value != null, setting, null, "must not be null");
        return value;
    }

    /** Records that {@code value} of {@code setting} breaks {@code rule} unless {@code holds}. */
    public void check(boolean holds, String setting, Object value, String rule, String... related) {
        if (!holds) {
            if (violations == null) {
                violations = new ArrayList<>(2);
            }
            violations.add(new InvalidSettingsException.Violation(setting, value, rule, List.of(related)));
        }
    }

    /** Whether no rule is broken so far: a check that divides by a value runs only once the value is known good. */
    public boolean passed() {
        return violations == null;
    }

    /** @throws InvalidSettingsException with every broken rule, if any */
    public void done() {
        if (violations != null) {
            throw new InvalidSettingsException(violations);
        }
    }

    /** 1 rather than 1.0: the rule reads as the annotation's documentation writes it. */
    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
