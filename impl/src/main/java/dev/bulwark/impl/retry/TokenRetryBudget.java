package dev.bulwark.impl.retry;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.impl.Checks;
import dev.bulwark.impl.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    /**
     * The clock and the reading the slices count from. Bound once: at construction, or, for a budget made before
     * any guard ({@code RetryBudgets.create}), by the first guard built with it ({@link #bindTo}), so that its
     * deposits and withdrawals read the clock of that guard's engine (virtual time in tests); a budget used before
     * any guard binds to {@link #fallback}.
     */
    private final AtomicReference<Timebase> time = new AtomicReference<>();
    private final Clock fallback;
    private final AtomicReferenceArray<Slice> ring = new AtomicReferenceArray<>(SLICES);
    /** The slice the last deposit went to: while the clock is inside it, a deposit needs no division. */
    private volatile Slice last;

    /**
     * @throws IllegalArgumentException for a ratio outside 0..1000, {@code minPerSecond < 0}, or ttl outside 1..60 s
     */
    public TokenRetryBudget(double ratio, int minPerSecond, long ttlNanos, Clock clock) {
        this(ratio, minPerSecond, ttlNanos, notNull(clock, "clock"), true);
    }

    private TokenRetryBudget(double ratio, int minPerSecond, long ttlNanos, Clock clock, boolean bound) {
        validate(ratio, minPerSecond, ttlNanos);
        this.ratio = ratio;
        this.reserve = (long) Math.floor(minPerSecond * (ttlNanos / 1e9));
        this.sliceNanos = ttlNanos / SLICES;
        this.fallback = notNull(clock, "clock");
        if (bound) {
            time.set(new Timebase(clock, clock.nanoTime()));
        }
        for (int i = 0; i < SLICES; i++) {
            ring.set(i, new Slice(Long.MIN_VALUE, Long.MIN_VALUE));
        }
        this.last = ring.get(0);
    }

    /**
     * A budget whose clock is that of the first guard built with it ({@link #bindTo}), or {@code fallback} if it is
     * used before any guard is.
     */
    public static TokenRetryBudget unbound(double ratio, int minPerSecond, long ttlNanos, Clock fallback) {
        return new TokenRetryBudget(ratio, minPerSecond, ttlNanos, fallback, false);
    }

    /**
     * Binds an unbound budget to {@code clock}, the clock of the engine of a guard being built with it; nothing to do
     * if it is bound to that clock already.
     *
     * @throws IllegalStateException if it is bound to another clock: one budget cannot count in two times
     */
    public void bindTo(Clock clock) {
        notNull(clock, "clock");
        Timebase bound = time.get();
        if (bound == null && time.compareAndSet(null, new Timebase(clock, clock.nanoTime()))) {
            return;
        }
        bound = time.get();
        if (bound.clock() != clock) {
            throw new IllegalStateException("This retry budget already counts on another engine's clock ("
                    + bound.clock() + "), so a guard on an engine with the clock " + clock + " cannot use it: make one budget per"
                    + " engine (RetryBudgets.create for guards of Guard.builder(), another for an engine of your own)");
        }
    }

    private Timebase time() {
        Timebase bound = time.get();
        if (bound == null) {
            time.compareAndSet(null, new Timebase(fallback, fallback.nanoTime()));
            bound = time.get();
        }
        return bound;
    }

    private record Timebase(Clock clock, long origin) {
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
        deposit(time().clock().nanoTime());
    }

    /** A deposit at {@code nowNanos}, a reading of this budget's clock the caller already made. */
    public void deposit(long nowNanos) {
        Slice s = last;
        long into = nowNanos - s.startNanos;
        if (into < 0 || into >= sliceNanos || s.epoch == Long.MIN_VALUE) {
            Timebase t = time();
            s = slice(epoch(t, nowNanos), t);
            last = s;
        }
        s.deposits.incrementAndGet();
    }

    @Override
    public boolean tryWithdraw() {
        Timebase t = time();
        while (true) {
            long epoch = epoch(t, t.clock().nanoTime());
            Slice current = slice(epoch, t);
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
        Timebase t = time();
        return balance(epoch(t, t.clock().nanoTime()));
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

    private long epoch(Timebase t, long now) {
        return Math.floorDiv(now - t.origin(), sliceNanos);
    }

    /** The slice of {@code epoch}, replacing the one its ring slot holds from an older lap. */
    private Slice slice(long epoch, Timebase t) {
        int index = (int) Math.floorMod(epoch, (long) SLICES);
        while (true) {
            Slice s = ring.get(index);
            if (s.epoch == epoch) {
                return s;
            }
            if (s.epoch > epoch) {
                return s; // a racing caller's clock ran ahead: count it there, one slice early
            }
            Slice fresh = new Slice(epoch, t.origin() + epoch * sliceNanos);
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
