package dev.bulwark.redis;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;
import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A rate limit whose permits every replica takes from the store, one script (one round trip) per decision, timed by
 * the server's clock in microseconds. While the store does not answer, {@link OnFailure} decides: by default the
 * local limiter, which enforces the same limit for this replica alone.
 */
final class SharedRateLimiter implements RateLimiter {

    private static final System.Logger LOG = System.getLogger(RedisStore.class.getName());
    private static final Script FIXED = Script.of(Scripts.FIXED);
    private static final Script ROLLING = Script.of(Scripts.ROLLING);
    private static final Script SMOOTH = Script.of(Scripts.SMOOTH);

    private final RedisStore store;
    private final String name;
    private final RateLimitSpec spec;
    private final RateLimiter local;
    private final Script script;
    private final String[] keys;
    /** The script's arguments, the permits at index 3: one array per common weight (1..16), built once. */
    private final String[][] byPermits;
    private final AtomicBoolean refusedLogged = new AtomicBoolean();

    SharedRateLimiter(RedisStore store, String key, RateLimitSpec spec, RateLimiter local) {
        if (spec.windowNanos() < 1_000_000) {
            throw new IllegalArgumentException("a shared rate limit counts time in microseconds on the server and "
                    + "needs a window of at least 1 ms, was " + spec.windowNanos() + " ns");
        }
        this.store = store;
        this.name = key;
        this.spec = spec;
        this.local = local;
        long windowMicros = ceilMicros(spec.windowNanos());
        long spacingMicros = ceilMicros(spec.minSpacingNanos());
        String first;
        String second;
        long ttlMicros;
        if (spec.type() == RateLimitType.SMOOTH) {
            long intervalNanos = spec.windowNanos() / spec.value() + (spec.windowNanos() % spec.value() == 0 ? 0 : 1);
            long interval = ceilMicros(intervalNanos);
            first = Long.toString(interval);
            second = Integer.toString(spec.capacity());
            ttlMicros = interval * spec.capacity() + spacingMicros;
            this.script = SMOOTH;
            this.keys = new String[] {key};
        } else {
            first = Long.toString(windowMicros);
            second = Integer.toString(spec.value());
            ttlMicros = windowMicros + spacingMicros;
            this.script = spec.type() == RateLimitType.FIXED ? FIXED : ROLLING;
            this.keys = spec.type() == RateLimitType.FIXED ? new String[] {key} : new String[] {key, key + ":seq"};
        }
        // Idle keys go away a second after they stop mattering.
        String ttlMillis = Long.toString(ttlMicros / 1000 + 1000);
        this.byPermits = new String[Math.min(spec.capacity(), 16) + 1][];
        for (int p = 1; p < byPermits.length; p++) {
            byPermits[p] = new String[] {first, second, Long.toString(spacingMicros), Integer.toString(p), ttlMillis};
        }
    }

    private static long ceilMicros(long nanos) {
        return nanos / 1000 + (nanos % 1000 == 0 ? 0 : 1);
    }

    @Override
    public long tryAcquire(int permits) {
        if (permits < 1 || permits > spec.capacity()) {
            throw new IllegalArgumentException("permits must be between 1 and " + spec.capacity() + ", was " + permits);
        }
        if (!store.shouldTry()) {
            return whileUnavailable(permits);
        }
        String[] args = permits < byPermits.length ? byPermits[permits] : argsFor(permits);
        long sent = store.health().now();
        try {
            long waitMicros = store.evalInteger(script, keys, args);
            store.health().succeeded(sent);
            return waitMicros <= 0 ? 0 : waitMicros * 1000;
        } catch (RedisCommandExecutionException refused) {
            if (RedisStore.isOutage(refused)) {
                // A failover or a resharding under way: the store, not this limit.
                store.health().failed(refused);
                return whileUnavailable(permits);
            }
            // The server answered but refused the script (a key of another type under our name, say): a problem
            // with this limit, not with the store, so the store stays in use for the others.
            if (refusedLogged.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "Bulwark: Redis refused the shared rate limit " + name + " ("
                        + store.scrub(refused.getMessage()) + "); it is enforced per replica until the key is fixed");
            }
            return whileUnavailable(permits);
        } catch (RuntimeException unavailable) {
            store.health().failed(unavailable);
            return whileUnavailable(permits);
        }
    }

    private String[] argsFor(int permits) {
        String[] args = byPermits[1].clone();
        args[3] = Integer.toString(permits);
        return args;
    }

    private long whileUnavailable(int permits) {
        switch (store.onFailure()) {
            case ALLOW:
                return 0;
            case REJECT:
                return spec.windowNanos();
            default:
                return local.tryAcquire(permits);
        }
    }

    @Override
    public RateLimitSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "SharedRateLimiter[" + name + ", " + spec.type() + " " + spec.value() + " per " + spec.windowNanos()
                + " ns]";
    }
}
