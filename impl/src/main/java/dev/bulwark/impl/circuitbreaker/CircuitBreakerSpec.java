package dev.bulwark.impl.circuitbreaker;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.Checks;
import dev.bulwark.impl.exception.ExceptionMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable circuit-breaker settings, validated once, when {@link Builder#build()} makes them.
 *
 * <p>The spec's settings are what every breaker has ({@link #builder}); a name, consecutive failures, listeners, a
 * time window and slow calls are optional.
 */
public final class CircuitBreakerSpec {

    public static final int MAX_BUCKETS = 1000;

    private final String name;
    private final int requestVolumeThreshold;
    private final double failureRatio;
    private final int consecutiveFailures;
    private final long delayNanos;
    private final int successThreshold;
    private final ExceptionMatcher failOn;
    private final List<CircuitStateListener> listeners;
    private final long windowNanos;
    private final int buckets;
    private final long slowCallNanos;
    private final double slowCallRatio;

    private CircuitBreakerSpec(Builder b) {
        Checks c = new Checks();
        name = b.name;
        requestVolumeThreshold = c.atLeast(b.requestVolumeThreshold, 1, "requestVolumeThreshold");
        failureRatio = c.between(b.failureRatio, 0, 1, "failureRatio");
        consecutiveFailures = c.atLeast(b.consecutiveFailures, 0, "consecutiveFailures");
        delayNanos = c.atLeast(b.delayNanos, 0, "delay");
        successThreshold = c.atLeast(b.successThreshold, 1, "successThreshold");
        failOn = c.notNull(b.failOn, "failOn");
        listeners = List.copyOf(b.listeners);
        windowNanos = c.atLeast(b.windowNanos, 0, "window");
        buckets = b.buckets;
        c.check(buckets >= 1 && buckets <= MAX_BUCKETS, "buckets", buckets, "must be between 1 and " + MAX_BUCKETS);
        c.check(windowNanos == 0 || windowNanos >= buckets, "window", windowNanos,
                "must be at least one nanosecond per bucket", "buckets");
        c.check(windowNanos == 0 || consecutiveFailures == 0, "window", windowNanos,
                "excludes consecutiveFailures (a time window and consecutiveFailures exclude each other)",
                "consecutiveFailures");
        slowCallNanos = c.atLeast(b.slowCallNanos, 0, "slowCallThreshold");
        slowCallRatio = b.slowCallRatio;
        c.check(slowCallRatio > 0 && slowCallRatio <= 1, "slowCallRatio", slowCallRatio, "must be over 0 and at most 1");
        c.done();
    }

    /**
     * A breaker with the spec's settings: anonymous, judging a ratio over the last {@code requestVolumeThreshold}
     * calls, no listeners, no slow calls.
     *
     * @param requestVolumeThreshold size of the rolling window, >= 1
     * @param failureRatio failures / window size at which a full window opens the breaker, 0..1
     * @param delayNanos time spent OPEN before trial calls are admitted, >= 0
     * @param successThreshold successful trial calls in HALF_OPEN that close the breaker, >= 1
     * @param failOn which failures count as failures (failOn included, skipOn excluded)
     */
    public static Builder builder(int requestVolumeThreshold, double failureRatio, long delayNanos,
            int successThreshold, ExceptionMatcher failOn) {
        return new Builder(requestVolumeThreshold, failureRatio, delayNanos, successThreshold, failOn);
    }

    /** The spec's breaker: {@link #builder} with nothing else set. */
    public static CircuitBreakerSpec of(int requestVolumeThreshold, double failureRatio, long delayNanos,
            int successThreshold, ExceptionMatcher failOn) {
        return builder(requestVolumeThreshold, failureRatio, delayNanos, successThreshold, failOn).build();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(requestVolumeThreshold, failureRatio, delayNanos, successThreshold, failOn).name(name)
                .consecutiveFailures(consecutiveFailures).listeners(listeners).timeWindow(windowNanos, buckets)
                .slowCalls(slowCallNanos, slowCallRatio);
    }

    /** This breaker judging the outcomes of the last {@code newWindowNanos} in {@code newBuckets} steps. */
    public CircuitBreakerSpec withTimeWindow(long newWindowNanos, int newBuckets) {
        return toBuilder().timeWindow(newWindowNanos, newBuckets).build();
    }

    /** This breaker also tripping when the share of calls longer than {@code thresholdNanos} reaches {@code ratio}. */
    public CircuitBreakerSpec withSlowCalls(long thresholdNanos, double ratio) {
        return toBuilder().slowCalls(thresholdNanos, ratio).build();
    }

    /** The name it is registered under for operators, or null for an anonymous breaker. */
    public String name() {
        return name;
    }

    /**
     * Size of the rolling window; with a time window, the fewest calls in the window before it may trip.
     */
    public int requestVolumeThreshold() {
        return requestVolumeThreshold;
    }

    /** Failures / window size at which a full window opens the breaker. */
    public double failureRatio() {
        return failureRatio;
    }

    /** If > 0, open after this many failures in a row instead of using the window. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Time spent OPEN before trial calls are admitted. */
    public long delayNanos() {
        return delayNanos;
    }

    /** Successful trial calls in HALF_OPEN that close the breaker. */
    public int successThreshold() {
        return successThreshold;
    }

    /** Which failures count as failures. */
    public ExceptionMatcher failOn() {
        return failOn;
    }

    /** Told of every state change. */
    public List<CircuitStateListener> listeners() {
        return listeners;
    }

    /** If > 0, the failure ratio is judged over the outcomes of this much time instead of a count of calls. */
    public long windowNanos() {
        return windowNanos;
    }

    /** The steps the time window moves by, 1..{@value #MAX_BUCKETS} (used with a time window only). */
    public int buckets() {
        return buckets;
    }

    /** If > 0, a call longer than this is slow, and the breaker also trips on the share of slow calls. */
    public long slowCallNanos() {
        return slowCallNanos;
    }

    /** The share of slow calls that trips it, over 0 and at most 1 (used with slow calls only). */
    public double slowCallRatio() {
        return slowCallRatio;
    }

    /** A setting two breakers of one name disagree on: its value here ({@code mine}) and there ({@code theirs}). */
    record Difference(String setting, Object mine, Object theirs) {
    }

    /** Every setting that differs between this spec and {@code other}; empty when they are {@link #equals equal}. */
    List<Difference> differences(CircuitBreakerSpec other) {
        List<Difference> found = new ArrayList<>();
        differ(found, "name", name, other.name);
        differ(found, "requestVolumeThreshold", requestVolumeThreshold, other.requestVolumeThreshold);
        differ(found, "failureRatio", failureRatio, other.failureRatio);
        differ(found, "consecutiveFailures", consecutiveFailures, other.consecutiveFailures);
        differ(found, "delayNanos", delayNanos, other.delayNanos);
        differ(found, "successThreshold", successThreshold, other.successThreshold);
        differ(found, "failOn", failOn, other.failOn);
        // Listeners have no value to compare: the same listener objects, in the same order, or they differ.
        differ(found, "listeners", listeners, other.listeners);
        differ(found, "windowNanos", windowNanos, other.windowNanos);
        differ(found, "buckets", buckets, other.buckets);
        differ(found, "slowCallNanos", slowCallNanos, other.slowCallNanos);
        differ(found, "slowCallRatio", slowCallRatio, other.slowCallRatio);
        return found;
    }

    private static void differ(List<Difference> found, String setting, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            found.add(new Difference(setting, mine, theirs));
        }
    }

    /** Equal when every setting is: the numbers, the name, {@link ExceptionMatcher#equals failOn}, the same listeners. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CircuitBreakerSpec other && differences(other).isEmpty();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, requestVolumeThreshold, failureRatio, consecutiveFailures, delayNanos,
                successThreshold, failOn, listeners, windowNanos, buckets, slowCallNanos, slowCallRatio);
    }

    @Override
    public String toString() {
        return "CircuitBreakerSpec[name=" + name + ", requestVolumeThreshold=" + requestVolumeThreshold
                + ", failureRatio=" + failureRatio + ", consecutiveFailures=" + consecutiveFailures + ", delayNanos="
                + delayNanos + ", successThreshold=" + successThreshold + ", windowNanos=" + windowNanos
                + ", buckets=" + buckets + ", slowCallNanos=" + slowCallNanos + ", slowCallRatio=" + slowCallRatio
                + "]";
    }

    /** Collects breaker settings; {@link #build()} validates them. */
    public static final class Builder {

        private final int requestVolumeThreshold;
        private final double failureRatio;
        private final long delayNanos;
        private final int successThreshold;
        private final ExceptionMatcher failOn;
        private String name;
        private int consecutiveFailures;
        private List<CircuitStateListener> listeners = List.of();
        private long windowNanos;
        private int buckets = 10;
        private long slowCallNanos;
        private double slowCallRatio = 1.0;

        private Builder(int requestVolumeThreshold, double failureRatio, long delayNanos, int successThreshold,
                ExceptionMatcher failOn) {
            this.requestVolumeThreshold = requestVolumeThreshold;
            this.failureRatio = failureRatio;
            this.delayNanos = delayNanos;
            this.successThreshold = successThreshold;
            this.failOn = failOn;
        }

        /** The name operators reach it by; null (the default) for an anonymous breaker. */
        public Builder name(String breakerName) {
            this.name = breakerName;
            return this;
        }

        /** If > 0, open after this many failures in a row instead of judging the window; 0 by default. */
        public Builder consecutiveFailures(int failures) {
            this.consecutiveFailures = failures;
            return this;
        }

        /** Told of every state change; none by default. */
        public Builder listeners(List<CircuitStateListener> stateListeners) {
            this.listeners = notNull(stateListeners, "listeners");
            return this;
        }

        /** Judge the outcomes of the last {@code nanos} (0: a count of calls) in {@code steps} buckets. */
        public Builder timeWindow(long nanos, int steps) {
            this.windowNanos = nanos;
            this.buckets = steps;
            return this;
        }

        /** Also trip when the share of calls longer than {@code thresholdNanos} (0: none) reaches {@code ratio}. */
        public Builder slowCalls(long thresholdNanos, double ratio) {
            this.slowCallNanos = thresholdNanos;
            this.slowCallRatio = ratio;
            return this;
        }

        /** The settings, validated; an {@link IllegalArgumentException} names the first invalid one. */
        public CircuitBreakerSpec build() {
            return new CircuitBreakerSpec(this);
        }
    }
}
