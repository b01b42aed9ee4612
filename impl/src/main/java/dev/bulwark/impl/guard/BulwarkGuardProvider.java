package dev.bulwark.impl.guard;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.api.RateLimitOptions;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.api.spi.GuardProvider;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerRegistry;
import dev.bulwark.impl.retry.TokenRetryBudget;
import dev.bulwark.impl.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The engine behind {@code Guard.builder()} and {@code CircuitBreakerMaintenance}; found by the ServiceLoader. */
public final class BulwarkGuardProvider implements GuardProvider {

    @Override
    public <T> GuardBuilder<T> newBuilder() {
        return new GuardSpecBuilder<>(Engine.shared());
    }

    @Override
    public RetryBudgetHandle newRetryBudget(double ratio, int minPerSecond, Duration ttl) {
        // Bound to the clock of the first guard built with it; to the JVM clock if used before any guard is.
        return TokenRetryBudget.unbound(ratio, minPerSecond, notNull(ttl, "ttl").toNanos(), Clock.system());
    }

    @Override
    public RateLimiterHandle newRateLimiter(Consumer<RateLimitOptions> options) {
        return GuardSpecBuilder.rateLimiter(Engine.shared(), options);
    }

    @Override
    public CircuitBreakerHandle circuitBreaker(String name) {
        return CircuitBreakerRegistry.global().get(name);
    }

    @Override
    public Set<String> circuitBreakerNames() {
        return CircuitBreakerRegistry.global().names();
    }

    @Override
    public boolean shutdown(Duration wait) throws InterruptedException {
        return Engine.shutdownShared(TimeUnit.NANOSECONDS.convert(wait)); // saturates instead of overflowing
    }
}
