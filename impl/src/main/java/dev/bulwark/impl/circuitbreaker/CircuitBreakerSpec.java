package dev.bulwark.impl.circuitbreaker;

import static dev.bulwark.impl.Preconditions.atLeast;
import static dev.bulwark.impl.Preconditions.between;
import static dev.bulwark.impl.Preconditions.check;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.exception.ExceptionMatcher;
import java.util.List;

/**
 * Immutable circuit-breaker settings, validated at construction.
 *
 * @param name the name it is registered under for operators, or null for an anonymous breaker
 * @param requestVolumeThreshold size of the rolling window, >= 1
 * @param failureRatio failures / window size at which a full window opens the breaker, 0..1
 * @param consecutiveFailures if > 0, open after this many failures in a row instead of using the window
 * @param delayNanos time spent OPEN before trial calls are admitted, >= 0
 * @param successThreshold successful trial calls in HALF_OPEN that close the breaker, >= 1
 * @param failOn which failures count as failures (failOn included, skipOn excluded)
 * @param listeners told of every state change
 * @param windowNanos if > 0, the failure ratio is judged over the outcomes of this much time instead of the last
 *        requestVolumeThreshold calls, which becomes the fewest calls in the window before it may trip
 * @param buckets the steps the time window moves by, 1..1000 (used with windowNanos only)
 * @param slowCallNanos if > 0, a call longer than this is slow, and the breaker also trips on the share of slow calls
 * @param slowCallRatio the share of slow calls that trips it, over 0 and at most 1 (used with slowCallNanos only)
 */
public record CircuitBreakerSpec(
        String name,
        int requestVolumeThreshold,
        double failureRatio,
        int consecutiveFailures,
        long delayNanos,
        int successThreshold,
        ExceptionMatcher failOn,
        List<CircuitStateListener> listeners,
        long windowNanos,
        int buckets,
        long slowCallNanos,
        double slowCallRatio) {

    public static final int MAX_BUCKETS = 1000;

    public CircuitBreakerSpec {
        atLeast(requestVolumeThreshold, 1, "requestVolumeThreshold");
        between(failureRatio, 0, 1, "failureRatio");
        atLeast(consecutiveFailures, 0, "consecutiveFailures");
        atLeast(delayNanos, 0, "delay");
        atLeast(successThreshold, 1, "successThreshold");
        notNull(failOn, "failOn");
        listeners = List.copyOf(listeners);
        atLeast(windowNanos, 0, "window");
        check(buckets >= 1 && buckets <= MAX_BUCKETS, "buckets must be between 1 and " + MAX_BUCKETS + ", was "
                + buckets);
        check(windowNanos == 0 || windowNanos >= buckets, "window must be at least one nanosecond per bucket");
        check(windowNanos == 0 || consecutiveFailures == 0, "a time window and consecutiveFailures exclude each other");
        atLeast(slowCallNanos, 0, "slowCall threshold");
        check(slowCallRatio > 0 && slowCallRatio <= 1, "slowCall ratio must be over 0 and at most 1, was "
                + slowCallRatio);
    }

    /** A breaker over the last requestVolumeThreshold calls (or consecutive failures), no slow calls. */
    public CircuitBreakerSpec(String name, int requestVolumeThreshold, double failureRatio, int consecutiveFailures,
            long delayNanos, int successThreshold, ExceptionMatcher failOn, List<CircuitStateListener> listeners) {
        this(name, requestVolumeThreshold, failureRatio, consecutiveFailures, delayNanos, successThreshold, failOn,
                listeners, 0, 10, 0, 1.0);
    }

    /** This breaker judging the outcomes of the last {@code newWindowNanos} in {@code newBuckets} steps. */
    public CircuitBreakerSpec withTimeWindow(long newWindowNanos, int newBuckets) {
        return new CircuitBreakerSpec(name, requestVolumeThreshold, failureRatio, consecutiveFailures, delayNanos,
                successThreshold, failOn, listeners, newWindowNanos, newBuckets, slowCallNanos, slowCallRatio);
    }

    /** This breaker also tripping when the share of calls longer than {@code thresholdNanos} reaches {@code ratio}. */
    public CircuitBreakerSpec withSlowCalls(long thresholdNanos, double ratio) {
        return new CircuitBreakerSpec(name, requestVolumeThreshold, failureRatio, consecutiveFailures, delayNanos,
                successThreshold, failOn, listeners, windowNanos, buckets, thresholdNanos, ratio);
    }

    /** The spec's breaker: ratio over a count-based window, no name, no listeners. */
    public static CircuitBreakerSpec of(int requestVolumeThreshold, double failureRatio, long delayNanos,
            int successThreshold, ExceptionMatcher failOn) {
        return new CircuitBreakerSpec(null, requestVolumeThreshold, failureRatio, 0, delayNanos, successThreshold,
                failOn, List.of());
    }
}
