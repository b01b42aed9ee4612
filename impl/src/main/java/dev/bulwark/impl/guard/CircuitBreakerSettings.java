package dev.bulwark.impl.guard;

import static dev.bulwark.impl.Preconditions.noNulls;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.CircuitBreakerOptions;
import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.api.SharedStore;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects {@link CircuitBreakerOptions}; the spec's defaults until told otherwise. */
final class CircuitBreakerSettings implements CircuitBreakerOptions {

    private String name;
    final SharedSetting shared = new SharedSetting();
    private int requestVolumeThreshold = 20;
    private double failureRatio = 0.5;
    private int consecutiveFailures;
    private Duration delay = Duration.ofSeconds(5);
    private int successThreshold = 1;
    private List<Class<? extends Throwable>> failOn = List.of(Throwable.class);
    private List<Class<? extends Throwable>> skipOn = List.of();
    private final List<CircuitStateListener> listeners = new ArrayList<>();
    private Duration window = Duration.ZERO;
    private int buckets = 10;
    private Duration slowCall = Duration.ZERO;
    private double slowCallRatio = 1.0;

    @Override
    public CircuitBreakerOptions name(String name) {
        this.name = notNull(name, "name");
        return this;
    }

    @Override
    public CircuitBreakerOptions requestVolumeThreshold(int requestVolumeThreshold) {
        this.requestVolumeThreshold = requestVolumeThreshold;
        return this;
    }

    @Override
    public CircuitBreakerOptions failureRatio(double failureRatio) {
        this.failureRatio = failureRatio;
        return this;
    }

    @Override
    public CircuitBreakerOptions consecutiveFailures(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be >= 1, was " + failures);
        }
        this.consecutiveFailures = failures;
        return this;
    }

    @Override
    public CircuitBreakerOptions delay(Duration delay) {
        this.delay = notNull(delay, "delay");
        return this;
    }

    @Override
    public CircuitBreakerOptions successThreshold(int successThreshold) {
        this.successThreshold = successThreshold;
        return this;
    }

    @SafeVarargs
    @Override
    public final CircuitBreakerOptions failOn(Class<? extends Throwable>... types) {
        this.failOn = noNulls("failOn", types);
        return this;
    }

    @SafeVarargs
    @Override
    public final CircuitBreakerOptions skipOn(Class<? extends Throwable>... types) {
        this.skipOn = noNulls("skipOn", types);
        return this;
    }

    @Override
    public CircuitBreakerOptions onStateChange(CircuitStateListener listener) {
        listeners.add(notNull(listener, "listener"));
        return this;
    }

    @Override
    public CircuitBreakerOptions shared(SharedStore store, String name) {
        shared.set(notNull(store, "store"), name);
        return this;
    }

    @Override
    public CircuitBreakerOptions shared(String name) {
        shared.set(null, name);
        return this;
    }

    @Override
    public CircuitBreakerOptions slidingTimeWindow(Duration window, int buckets) {
        notNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be > 0, was " + window);
        }
        this.window = window;
        this.buckets = buckets;
        return this;
    }

    @Override
    public CircuitBreakerOptions slowCall(Duration threshold, double ratio) {
        notNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("slowCall threshold must be > 0, was " + threshold);
        }
        this.slowCall = threshold;
        this.slowCallRatio = ratio;
        return this;
    }

    CircuitBreakerSpec toSpec() {
        return CircuitBreakerSpec.builder(requestVolumeThreshold, failureRatio, delay.toNanos(), successThreshold,
                        ExceptionMatcher.of(failOn, skipOn))
                .name(name).consecutiveFailures(consecutiveFailures).listeners(listeners)
                .timeWindow(window.toNanos(), buckets).slowCalls(slowCall.toNanos(), slowCallRatio).build();
    }
}
