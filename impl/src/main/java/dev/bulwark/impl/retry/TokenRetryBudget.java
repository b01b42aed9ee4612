package dev.bulwark.impl.retry;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.impl.Checks;
import dev.bulwark.impl.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Finagle's retry budget: calls deposit, retries withdraw, and a deposit counts for {@code ttl}. Over the last ttl
 * the retries allowed are {@code floor(ratio * deposits) + minPerSecond * ttl-in-seconds - withdrawals}.
 *
 * <p>The ttl is a ring of {@value #SLICES} slices, each with its own two counters; a slice is replaced by a fresh one
 * (one compare-and-set, one small object per slice length, never per call) when the clock enters it again. A deposit
 * is one increment; a withdrawal reads the ring and takes the token with a compare-and-set on its slice, so that
 * concurrent retries cannot together take more than the balance. Lock-free; no allocation per call.
 */
public final class TokenRetryBudget implements RetryBudgetHandle {

    static final int SLICES = 10;
    public static final long MIN_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);
    public static final long MAX_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
    public static final double MAX_RATIO = 1000;

    private final double ratio;
    private final long reserve;
    private final long sliceNanos;
    private final Clock clock;
    private final long origin;
    private final AtomicReferenceArray<Slice> ring = new AtomicReferenceArray<>(SLICES);
    /** The slice the last deposit went to: while the clock is inside it, a deposit needs no division. */
    private volatile Slice last;

    /**
     * @throws IllegalArgumentException for a ratio outside 0..1000, {@code minPerSecond < 0}, or ttl outside 1..60 s
     */
    public TokenRetryBudget(double ratio, int minPerSecond, long ttlNanos, Clock clock) {
        validate(ratio, minPerSecond, ttlNanos);
        this.ratio = ratio;
        this.reserve = (long) Math.floor(minPerSecond * (ttlNanos / 1e9));
        this.sliceNanos = ttlNanos / SLICES;
        this.clock = notNull(clock, "clock");
        this.origin = clock.nanoTime();
        for (int i = 0; i < SLICES; i++) {
            ring.set(i, new Slice(Long.MIN_VALUE, Long.MIN_VALUE));
        }
        this.last = ring.get(0);
    }

    /**
     * The rules of a budget's settings, for a front door that checks them before the budget is made.
     *
     * @throws dev.bulwark.impl.InvalidSettingsException naming each setting that breaks them
     */
    public static void validate(double ratio, int minPerSecond, long ttlNanos) {
        Checks c = new Checks();
        c.between(ratio, 0, MAX_RATIO, "ratio");
        c.atLeast(minPerSecond, 0, "minPerSecond");
        c.check(ttlNanos >= MIN_TTL_NANOS && ttlNanos <= MAX_TTL_NANOS, "ttl", ttlNanos + " ns",
                "must be between 1 s and 60 s");
        c.done();
    }

    @Override
    public void deposit() {
        deposit(clock.nanoTime());
    }

    /** A deposit at {@code nowNanos}, a reading of this budget's clock the caller already made. */
    public void deposit(long nowNanos) {
        Slice s = last;
        long into = nowNanos - s.startNanos;
        if (into < 0 || into >= sliceNanos || s.epoch == Long.MIN_VALUE) {
            s = slice(epoch(nowNanos));
            last = s;
        }
        s.deposits.incrementAndGet();
    }

    @Override
    public boolean tryWithdraw() {
        while (true) {
            long epoch = epoch(clock.nanoTime());
            Slice current = slice(epoch);
            long taken = current.withdrawals.get();
            if (balance(epoch) < 1) {
                return false;
            }
            if (current.withdrawals.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    @Override
    public long balance() {
        return balance(epoch(clock.nanoTime()));
    }

    private long balance(long epoch) {
        long deposits = 0;
        long withdrawals = 0;
        for (int i = 0; i < SLICES; i++) {
            Slice s = ring.get(i);
            if (epoch - s.epoch < SLICES && s.epoch <= epoch) {
                deposits += s.deposits.get();
                withdrawals += s.withdrawals.get();
            }
        }
        return (long) Math.floor(ratio * deposits) + reserve - withdrawals;
    }

    private long epoch(long now) {
        return Math.floorDiv(now - origin, sliceNanos);
    }

    /** The slice of {@code epoch}, replacing the one its ring slot holds from an older lap. */
    private Slice slice(long epoch) {
        int index = (int) Math.floorMod(epoch, (long) SLICES);
        while (true) {
            Slice s = ring.get(index);
            if (s.epoch == epoch) {
                return s;
            }
            if (s.epoch > epoch) {
                return s; // a racing caller's clock ran ahead: count it there, one slice early
            }
            Slice fresh = new Slice(epoch, origin + epoch * sliceNanos);
            if (ring.compareAndSet(index, s, fresh)) {
                return fresh;
            }
        }
    }

    @Override
    public String toString() {
        return "RetryBudget[ratio " + ratio + ", reserve " + reserve + ", balance " + balance() + "]";
    }

    private static final class Slice {
        final long epoch;
        final long startNanos;
        final AtomicLong deposits = new AtomicLong();
        final AtomicLong withdrawals = new AtomicLong();

        Slice(long epoch, long startNanos) {
            this.epoch = epoch;
            this.startNanos = startNanos;
        }
    }
}
