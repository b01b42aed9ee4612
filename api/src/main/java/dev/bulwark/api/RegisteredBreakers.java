package dev.bulwark.api;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link CircuitBreakerMaintenance} over a directory of breakers by name: the JVM's, or one deployment's. */
final class RegisteredBreakers implements CircuitBreakerMaintenance {

    /** The breakers the engine registers by name in this JVM (the programmatic API's and the latest of each). */
    static final RegisteredBreakers INSTANCE = new RegisteredBreakers(name -> GuardProviders.get().circuitBreaker(name),
            () -> GuardProviders.get().circuitBreakerNames());

    private final Function<String, CircuitBreakerHandle> find;
    private final Supplier<Set<String>> names;

    RegisteredBreakers(Function<String, CircuitBreakerHandle> find, Supplier<Set<String>> names) {
        this.find = find;
        this.names = names;
    }

    @Override
    public java.util.Optional<CircuitBreakerHandle> find(String name) {
        Objects.requireNonNull(name, "name");
        return java.util.Optional.ofNullable(find.apply(name));
    }

    @Override
    public CircuitBreakerHandle breaker(String name) {
        Objects.requireNonNull(name, "name");
        CircuitBreakerHandle handle = find.apply(name);
        if (handle == null) {
            throw new IllegalArgumentException("no circuit breaker named '" + name + "'; the names are "
                    + new java.util.TreeSet<>(names.get()));
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
            CircuitBreakerHandle handle = find.apply(name);
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
        return names.get();
    }

    @Override
    public void onStateChange(String name, CircuitStateListener listener) {
        Objects.requireNonNull(listener, "listener");
        breaker(name).onStateChange(listener);
    }
}
