package dev.bulwark.cdi;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.partition.Partitions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A deployment's breaker maintenance, with the partitioned breakers' keys beside the directory's breakers. */
final class PartitionedBreakers implements CircuitBreakerMaintenance {

    private final CircuitBreakerMaintenance directory;
    private final Map<String, Partitions> partitioned;

    PartitionedBreakers(CircuitBreakerMaintenance directory, Map<String, Partitions> partitioned) {
        this.directory = directory;
        this.partitioned = partitioned;
    }

    private Partitions partitions(String name) {
        Partitions p = partitioned.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no partitioned circuit breaker is named " + name + "; partitioned: "
                    + partitioned.keySet());
        }
        return p;
    }

    @Override
    public CircuitState currentState(String name, String key) {
        CircuitBreaker breaker = partitions(name).breaker(key);
        return breaker == null ? CircuitState.CLOSED : breaker.state();
    }

    @Override
    public void reset(String name, String key) {
        CircuitBreaker breaker = partitions(name).breaker(key);
        if (breaker != null) {
            breaker.reset();
        }
    }

    @Override
    public Set<String> partitionKeys(String name) {
        Partitions p = partitioned.get(name);
        return p == null ? Set.of() : p.ids();
    }

    @Override
    public Set<String> partitionedNames() {
        return partitioned.keySet();
    }

    @Override
    public CircuitState currentState(String name) {
        return directory.currentState(name);
    }

    @Override
    public void reset(String name) {
        directory.reset(name);
    }

    @Override
    public void resetAll() {
        directory.resetAll();
        partitioned.values().forEach(Partitions::resetBreakers);
    }

    @Override
    public void forceOpen(String name) {
        directory.forceOpen(name);
    }

    @Override
    public void forceClosed(String name) {
        directory.forceClosed(name);
    }

    @Override
    public Set<String> names() {
        return directory.names();
    }

    @Override
    public Optional<CircuitBreakerHandle> find(String name) {
        return directory.find(name);
    }

    @Override
    public CircuitBreakerHandle breaker(String name) {
        return directory.breaker(name);
    }

    @Override
    public void onStateChange(String name, CircuitStateListener listener) {
        directory.onStateChange(name, listener);
    }
}
