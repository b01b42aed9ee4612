package dev.bulwark.redis;

import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.shared.SharedState;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared store that tells which calls its rate limits decided locally: it hands the real store local limiters that
 * note each call they decide, so that a test counts the calls a fault left to {@code on-failure}, not only how long
 * the store said it was down. Breakers and the rest are the real store's.
 */
final class LocalDecisions implements SharedState {

    /** Whether this thread's call since {@link #startCall()} was decided locally; an array, to set it without boxing. */
    private static final ThreadLocal<boolean[]> LOCAL = ThreadLocal.withInitial(() -> new boolean[1]);

    private final SharedState store;
    private final AtomicLong decided = new AtomicLong();

    LocalDecisions(SharedState store) {
        this.store = store;
    }

    /** Forgets what this thread's last call was: {@link #lastCallWasLocal()} tells of the calls from here on. */
    static void startCall() {
        LOCAL.get()[0] = false;
    }

    /** Whether a local limiter decided this thread's call since {@link #startCall()}. */
    static boolean lastCallWasLocal() {
        return LOCAL.get()[0];
    }

    /** How many calls this store's limits decided locally so far. */
    long decidedLocally() {
        return decided.get();
    }

    @Override
    public RateLimiter rateLimiter(String name, RateLimitSpec spec, RateLimiter local) {
        return store.rateLimiter(name, spec, new RateLimiter() {
            @Override
            public long tryAcquire(int permits) {
                decided.incrementAndGet();
                LOCAL.get()[0] = true;
                return local.tryAcquire(permits);
            }

            @Override
            public RateLimitSpec spec() {
                return local.spec();
            }
        });
    }

    @Override
    public void link(String name, CircuitBreaker breaker) {
        store.link(name, breaker);
    }

    @Override
    public void unlink(String name, CircuitBreaker breaker) {
        store.unlink(name, breaker);
    }

    @Override
    public boolean available() {
        return store.available();
    }

    /** Closes the real store. */
    @Override
    public void close() {
        store.close();
    }
}
