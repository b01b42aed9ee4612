package dev.bulwark.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Whether the store answers: after a failure it is left alone for a second (calls decide locally, paying no
 * timeout), then one call tries it again. Logs once per change, not once per call.
 */
final class StoreHealth {

    private static final System.Logger LOG = System.getLogger(RedisStore.class.getName());
    static final long RETRY_AFTER_NANOS = 1_000_000_000L;

    private final String store;
    private final LongSupplier nanoTime;
    private final AtomicBoolean available = new AtomicBoolean(true);
    private volatile long retryAt;
    private volatile long failedAt;
    private final Runnable onRecovery;
    private final UnaryOperator<String> scrub;

    /** @param scrub blanks the store's passwords out of a message (a driver's error may quote its URL) */
    StoreHealth(String store, LongSupplier nanoTime, Runnable onRecovery, UnaryOperator<String> scrub) {
        this.store = store;
        this.nanoTime = nanoTime;
        this.onRecovery = onRecovery;
        this.scrub = scrub;
    }

    boolean available() {
        return available.get();
    }

    /** Whether a call should ask the store now: yes while it answers, and once a second while it does not. */
    boolean shouldTry() {
        if (available.get()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        long at = retryAt;
        // One caller per second probes; the others decide locally meanwhile.
        return now - at >= 0 && casRetryAt(at, now + RETRY_AFTER_NANOS);
    }

    private synchronized boolean casRetryAt(long expected, long next) {
        if (retryAt != expected) {
            return false;
        }
        retryAt = next;
        return true;
    }

    /** The link is back (Lettuce reconnected): the next call asks the store instead of waiting out the second. */
    synchronized void probeNow() {
        if (!available.get()) {
            retryAt = nanoTime.getAsLong();
        }
    }

    /** The clock the times given to {@link #succeeded(long)} are read from. */
    long now() {
        return nanoTime.getAsLong();
    }

    /**
     * A command sent at {@code sentAt} ({@link #now()}) was answered. An answer to a command sent before the last
     * failure ends no outage: on a link being reset, one thread's answer, counted after another thread's failure,
     * would otherwise end the outage as it begins, and log it twice.
     */
    void succeeded(long sentAt) {
        if (!available.get() && sentAt - failedAt >= 0 && available.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "Bulwark: the shared store " + store + " answers again; rate limits "
                    + "and circuit breakers are shared again");
            onRecovery.run();
        }
    }

    void failed(Throwable cause) {
        long now = nanoTime.getAsLong();
        failedAt = now;
        retryAt = now + RETRY_AFTER_NANOS;
        if (available.compareAndSet(true, false)) {
            LOG.log(System.Logger.Level.WARNING, "Bulwark: the shared store " + store + " does not answer ("
                    + scrub.apply(describe(cause)) + "); each replica enforces its own rate limits and circuit breakers until it "
                    + "does");
        }
    }

    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
