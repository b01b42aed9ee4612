package dev.bulwark.api;

import java.util.Optional;
import java.util.Set;

/**
 * Circuit breakers by name, for operators: every breaker created with a name, by the programmatic API or
 * by {@code @CircuitBreakerName} in CDI, is found here.
 */
public final class CircuitBreakers {

    private CircuitBreakers() {
    }

    /** The breaker registered under {@code name}, if any. */
    public static Optional<CircuitBreakerHandle> find(String name) {
        return Optional.ofNullable(GuardProviders.get().circuitBreaker(name));
    }

    /** The breaker registered under {@code name}; fails if there is none. */
    public static CircuitBreakerHandle get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no circuit breaker named '" + name + "'"));
    }

    /** The names of every registered breaker. */
    public static Set<String> names() {
        return GuardProviders.get().circuitBreakerNames();
    }
}
