package dev.bulwark.cdi.definition;

import dev.bulwark.api.PartitionKeyResolver;

/**
 * How a method's calls find their partition: the argument at {@code parameter} ({@code @PartitionKey}), or what
 * {@code resolver} gives ({@code @PartitionedBy}, parameter -1); at most {@code max} live partitions; whether each
 * partition's series carry a {@code partition} tag ({@code bulwark.partitions.metrics-tag}).
 */
public record Partitioning(int parameter, Class<? extends PartitionKeyResolver> resolver, int max,
        boolean metricsTag) {
}
