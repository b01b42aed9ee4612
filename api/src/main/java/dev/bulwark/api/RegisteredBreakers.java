package dev.bulwark.api;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** {@link CircuitBreakerMaintenance} over the breakers the engine registers by name. */
final class RegisteredBreakers implements CircuitBreakerMaintenance {

    static final RegisteredBreakers INSTANCE = new RegisteredBreakers();

    private RegisteredBreakers() {
    }

    private static CircuitBreakerHandle breaker(String name) {
        Objects.requireNonNull(name, "name");
        CircuitBreakerHandle handle = GuardProviders.get().circuitBreaker(name);
        if (handle == null) {
            throw new IllegalArgumentException("no circuit breaker named '" + name + "'; the names are "
                    + new java.util.TreeSet<>(GuardProviders.get().circuitBreakerNames()));
        }
        return handle;
    }

    @Override
    public CircuitState currentState(String name) {
        return breaker(name).state();
    }

    @Override
    public void reset(String name) {
        breaker(name).reset();
    }

    @Override
    public void resetAll() {
        for (String name : names()) {
            CircuitBreakerHandle handle = GuardProviders.get().circuitBreaker(name);
            if (handle != null) { // gone since names() was read: nothing to reset
                handle.reset();
            }
        }
    }

    @Override
    public void forceOpen(String name) {
        breaker(name).forceOpen();
    }

    @Override
    public void forceClosed(String name) {
        breaker(name).forceClosed();
    }

    @Override
    public Set<String> names() {
        return GuardProviders.get().circuitBreakerNames();
    }

    @Override
    public void onStateChange(String name, Consumer<CircuitState> listener) {
        Objects.requireNonNull(listener, "listener");
        breaker(name).onStateChange((breaker, from, to) -> listener.accept(to));
    }
}
