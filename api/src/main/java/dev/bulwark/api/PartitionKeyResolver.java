package dev.bulwark.api;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** Gives the partition key of a call of a {@link PartitionedBy} method. Called on the caller's thread, once per call. */
@FunctionalInterface
public interface PartitionKeyResolver {

    /**
     * The key of this call (its method and arguments are in {@code context}); null is the null key's partition.
     *
     * @param context the call's method and arguments
     * @return the key
     */
    String keyOf(ExecutionContext context);
}
