package dev.bulwark.impl.guard;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.RateLimitOptions;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.SharedStore;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import java.time.Duration;

/** Collects {@link RateLimitOptions}; the {@code @RateLimit} defaults until told otherwise. */
final class RateLimitSettings implements RateLimitOptions {

    private int permits = 100;
    private Duration window = Duration.ofSeconds(1);
    private RateLimitType type = RateLimitType.FIXED;
    private Duration minSpacing = Duration.ZERO;
    private int burst;
    private Duration maxWait = Duration.ZERO;
    final SharedSetting shared = new SharedSetting();

    @Override
    public RateLimitOptions limit(int permits, Duration window) {
        this.permits = permits;
        this.window = notNull(window, "window");
        return this;
    }

    @Override
    public RateLimitOptions type(RateLimitType type) {
        this.type = notNull(type, "type");
        return this;
    }

    @Override
    public RateLimitOptions minSpacing(Duration minSpacing) {
        this.minSpacing = notNull(minSpacing, "minSpacing");
        return this;
    }

    @Override
    public RateLimitOptions burst(int burst) {
        this.burst = burst;
        return this;
    }

    @Override
    public RateLimitOptions maxWait(Duration maxWait) {
        this.maxWait = notNull(maxWait, "maxWait");
        return this;
    }

    @Override
    public RateLimitOptions shared(SharedStore store, String name) {
        shared.set(notNull(store, "store"), name);
        return this;
    }

    @Override
    public RateLimitOptions shared(String name) {
        shared.set(null, name);
        return this;
    }

    RateLimitSpec toSpec() {
        return new RateLimitSpec(permits, window.toNanos(), minSpacing.toNanos(), type, burst, maxWait.toNanos());
    }
}
