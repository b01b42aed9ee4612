package dev.bulwark.impl.chain;

import dev.bulwark.impl.metrics.MetricsRecorder;

/**
 * Creates the recorder of each operation when the operation is created, before its stages, which then declare their
 * series on it. The engine's default records nothing. It lives beside {@link Operation}, which it is handed (for its
 * name), so that the metrics package (the recorder) depends on nothing of the chain.
 */
@FunctionalInterface
public interface MetricsProvider {

    MetricsProvider NOOP = operation -> MetricsRecorder.NOOP;

    MetricsRecorder recorderFor(Operation operation);

    /**
     * The recorder of one partition of a partitioned method whose series carry a {@code partition} tag (its id,
     * {@code bulwark.partitions.metrics-tag=true}). A provider that cannot tag gives the operation's own recorder.
     */
    default MetricsRecorder recorderFor(Operation operation, String partition) {
        return recorderFor(operation);
    }
}
