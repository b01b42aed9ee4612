package dev.bulwark.impl.guard;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.PartitionedGuard;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.partition.Partitions;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** A {@link PartitionedGuard} over the partitions of one synchronous operation. */
final class PartitionedSyncGuard<T> implements PartitionedGuard<T> {

    private final Partitions partitions;

    PartitionedSyncGuard(Partitions partitions) {
        this.partitions = partitions;
    }

    @SuppressWarnings("unchecked")
    @Override
    public T call(String key, Callable<? extends T> action) throws Exception {
        return (T) partitions.call(key, Invoker.CALLABLE, action, null);
    }

    @SuppressWarnings("unchecked")
    @Override
    public T get(String key, Supplier<? extends T> action) {
        try {
            return (T) partitions.call(key, Invoker.SUPPLIER, action, null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Only a fallback can throw a checked exception here; surface it without losing it.
            throw new java.lang.reflect.UndeclaredThrowableException(e);
        }
    }

    @Override
    public CircuitState state(String key) {
        CircuitBreaker breaker = partitions.breaker(key);
        return breaker == null ? CircuitState.CLOSED : breaker.state();
    }

    @Override
    public Set<String> partitionKeys() {
        return partitions.ids();
    }
}
