package dev.bulwark.cdi.definition;

/**
 * A method's {@code @RetryBudget}, validated.
 *
 * @param name the budget's name: methods with the same name share one budget; null for the method's own
 * @param ratio retries per call made, 0..1000
 * @param minPerSecond retries always allowed per second, >= 0
 * @param ttlNanos how long a deposit counts, 1 s..60 s
 */
public record RetryBudgetDefinition(String name, double ratio, int minPerSecond, long ttlNanos) {

    /** Whether {@code other} describes the same budget (two methods sharing a name must agree on it). */
    public boolean sameSettings(RetryBudgetDefinition other) {
        return Double.compare(ratio, other.ratio) == 0 && minPerSecond == other.minPerSecond
                && ttlNanos == other.ttlNanos;
    }
}
