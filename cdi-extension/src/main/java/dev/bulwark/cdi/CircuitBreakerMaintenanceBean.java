package dev.bulwark.cdi;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.CircuitStateListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * {@link CircuitBreakerMaintenance} as a bean, so that operators' code can inject it: exactly this deployment's
 * breakers, even with other deployments in the JVM.
 */
@ApplicationScoped
public class CircuitBreakerMaintenanceBean implements CircuitBreakerMaintenance {

    @Inject
    BulwarkRuntime runtime;

    private CircuitBreakerMaintenance breakers() {
        return runtime.breakers();
    }

    @Override
    public CircuitState currentState(String name) {
        return breakers().currentState(name);
    }

    @Override
    public void reset(String name) {
        breakers().reset(name);
    }

    @Override
    public CircuitState currentState(String name, String key) {
        return breakers().currentState(name, key);
    }

    @Override
    public void reset(String name, String key) {
        breakers().reset(name, key);
    }

    @Override
    public java.util.Set<String> partitionKeys(String name) {
        return breakers().partitionKeys(name);
    }

    @Override
    public java.util.Set<String> partitionedNames() {
        return breakers().partitionedNames();
    }

    @Override
    public void resetAll() {
        breakers().resetAll();
    }

    @Override
    public void forceOpen(String name) {
        breakers().forceOpen(name);
    }

    @Override
    public void forceClosed(String name) {
        breakers().forceClosed(name);
    }

    @Override
    public Set<String> names() {
        return breakers().names();
    }

    @Override
    public java.util.Optional<CircuitBreakerHandle> find(String name) {
        return breakers().find(name);
    }

    @Override
    public CircuitBreakerHandle breaker(String name) {
        return breakers().breaker(name);
    }

    @Override
    public void onStateChange(String name, CircuitStateListener listener) {
        breakers().onStateChange(name, listener);
    }
}
