package dev.bulwark.impl.metrics;

import dev.bulwark.impl.chain.Operation;

/**
 * Creates the recorder of each operation when the operation is created, and may register gauges that read
 * the operation's circuit breaker and bulkhead. The engine's default records nothing.
 */
@FunctionalInterface
public interface MetricsProvider {

    MetricsProvider NOOP = operation -> MetricsRecorder.NOOP;

    MetricsRecorder recorderFor(Operation operation);
}
