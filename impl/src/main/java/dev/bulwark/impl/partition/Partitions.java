package dev.bulwark.impl.partition;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.async.AsyncType;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.metrics.MetricsRecorder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A partitioned operation: one state (breaker, rate limiter, bulkhead) per caller's key, each made from the method's
 * settings, at most {@code max} live at once. Partitions at rest (no call in flight, breaker CLOSED, no rate-limit
 * window running) are evicted least recently used first, a sixteenth of the bound at a time; one that holds a
 * protection never is. When the bound is reached with nothing to evict, new keys share one overflow partition (one
 * WARNING, and a counter). The partitions share the method's metrics recorder, so its series stay one per method.
 */
public final class Partitions {

    private static final Logger LOG = Logger.getLogger(Partitions.class.getName());
    /** How often a full map with nothing evictable is scanned again, at most. */
    private static final long RESCAN_NANOS = 100_000_000L;
    /** The {@code partition} tag of the overflow partition's series; no key's id can be it. */
    public static final String OVERFLOW_TAG = "~overflow";

    private final String name;
    private final Engine engine;
    private final int max;
    private final Function<String, OperationSpec> specFor;
    private final Partition overflow;
    private final MetricsRecorder metrics;
    /** The method's recorder as its partitions share it: each series looked up once, gauges the first's. */
    private final MetricsRecorder shared;
    private final Runnable overflows;
    private final ConcurrentHashMap<String, Partition> live = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicLong lastFruitlessScan = new AtomicLong(Long.MIN_VALUE / 2);
    private final long restNanos;
    // Whether each partition has series of its own, tagged with its id, instead of sharing the method's.
    private final boolean tagged;

    /** Partitions sharing the method's series: {@code this(name, engine, max, specFor, false)}. */
    public Partitions(String name, Engine engine, int max, Function<String, OperationSpec> specFor) {
        this(name, engine, max, specFor, false);
    }

    /**
     * @param specFor the spec of the partition with the given id ({@link PartitionKeys#id}), or of the overflow
     *        partition for null: the method's settings, with shared names made from the id
     * @param tagged whether each partition's series carry a {@code partition} tag (its id; the overflow partition's
     *        is {@value #OVERFLOW_TAG}) and are removed when it is evicted, instead of being the method's
     */
    public Partitions(String name, Engine engine, int max, Function<String, OperationSpec> specFor,
            boolean tagged) {
        if (max < 1) {
            throw new IllegalArgumentException(name + ": bulwark.partitions.max must be >= 1, was " + max);
        }
        this.name = name;
        this.engine = engine;
        this.max = max;
        this.specFor = specFor;
        this.tagged = tagged;
        Operation first = tagged ? engine.operation(specFor.apply(null), OVERFLOW_TAG)
                : engine.operation(specFor.apply(null));
        this.metrics = first.metrics();
        this.shared = metrics.shared();
        this.overflow = new Partition(null, first, engine.clock().nanoTime());
        OperationSpec spec = first.spec();
        this.restNanos = spec.rateLimit() == null ? 0 : spec.rateLimit().windowNanos();
        this.overflows = metrics.perMethod().counter("ft.partitions.overflow.total");
        metrics.perMethod().gauge("ft.partitions.live", live::size);
    }

    /** Runs {@code invoker} on {@code target} in the partition of {@code key}, on the caller's thread. */
    public Object call(String key, Invoker invoker, Object target, Object context) throws Exception {
        Partition p = enter(key);
        try {
            return p.operation.call(invoker, target, context);
        } finally {
            p.exit();
        }
    }

    /** Runs {@code action} as an asynchronous call in the partition of {@code key}. */
    public <T> CompletableFuture<T> callAsync(String key, Callable<? extends CompletionStage<T>> action,
            Object context) {
        Partition p = enter(key);
        CompletableFuture<T> call;
        try {
            call = p.operation.callAsync(action, context, p.operation.spec().offload() ? null
                    : engine.continuations().current());
        } catch (RuntimeException e) {
            p.exit();
            throw e;
        }
        call.whenComplete((v, t) -> p.exit());
        return call;
    }

    /** As {@link Operation#callAs}: each start (subscription) of the returned value is one call in the key's partition. */
    public <A> A callAs(String key, AsyncType<A> type, Callable<? extends CompletionStage<Object>> attempt,
            Object context) {
        return type.fromStage(() -> callAsync(key, attempt, context));
    }

    /** Starts what one attempt returned; as {@link Operation#started}. */
    public CompletionStage<Object> started(AsyncType<?> type, Object returned) {
        return overflow.operation.started(type, returned);
    }

    /** The partition for {@code key}, counted as in use until {@link Partition#exit}. */
    Partition enter(String key) {
        long now = engine.clock().nanoTime();
        // A plain key is its own id, so a partition found under the raw key whose id is plain is the key's: no scan
        // of the key's characters on the way. Found otherwise (a raw "#..." naming a hashed id), it is not.
        Partition hit = key == null ? null : live.get(key);
        if (hit != null && hit.plain && hit.tryEnter(now)) {
            return hit;
        }
        String id = PartitionKeys.id(key);
        while (true) {
            Partition p = live.get(id);
            if (p == null) {
                if (live.size() >= max && !makeRoom()) {
                    return overflowed(now);
                }
                // Made under the map's lock for the id: a partition whose series are its own registers them once,
                // and no racing copy is made and dropped.
                p = live.computeIfAbsent(id, made -> new Partition(made, tagged ? engine.operation(
                        specFor.apply(made), made) : engine.operation(specFor.apply(made), shared), now));
            }
            if (p.tryEnter(now)) {
                return p;
            }
            // Evicted between the lookup and the entry: look again; once the eviction has removed it from the map
            // (right after releasing it), a fresh partition takes its place.
            Thread.onSpinWait();
        }
    }

    private Partition overflowed(long now) {
        overflows.run();
        if (warned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, () -> name + ": " + max + " partitions are live and none is at rest (calls in"
                    + " flight, breakers not CLOSED or rate-limit windows running); new keys share one overflow"
                    + " partition until some are (raise bulwark.partitions.max if this is the normal load). Counted"
                    + " in ft.partitions.overflow.total; logged once.");
        }
        overflow.tryEnter(now);
        return overflow;
    }

    /** Evicts the least recently used partitions at rest, up to a sixteenth of the bound: whether any went. */
    private boolean makeRoom() {
        long now = engine.clock().nanoTime();
        long last = lastFruitlessScan.get();
        if (now - last < RESCAN_NANOS) {
            return false;
        }
        List<Partition> resting = new ArrayList<>();
        for (Partition p : live.values()) {
            if (atRest(p, now)) {
                resting.add(p);
            }
        }
        resting.sort(Comparator.comparingLong(p -> p.lastUsed));
        int quota = Math.max(1, max / 16);
        int evicted = 0;
        for (Partition p : resting) {
            if (evicted >= quota) {
                break;
            }
            if (atRest(p, now) && p.retire()) {
                // Released while still in the map, so that a new partition of the id (made only once this one is
                // gone) cannot register its series before this one's are removed; callers meanwhile retry.
                p.operation.release(); // a shared breaker's link to the store and tagged series go with it
                live.remove(p.id, p);
                evicted++;
            }
        }
        if (evicted == 0) {
            lastFruitlessScan.set(now);
        }
        return evicted > 0;
    }

    private boolean atRest(Partition p, long now) {
        if (p.inFlight() != 0) {
            return false;
        }
        CircuitBreaker breaker = p.operation.circuitBreaker();
        if (breaker != null && breaker.state() != CircuitState.CLOSED) {
            return false;
        }
        return restNanos == 0 || now - p.lastUsed >= restNanos;
    }

    /**
     * For operators: the breaker of {@code key}'s partition, if it is live (a key never seen, or evicted, is CLOSED
     * and empty); {@code key} may also be an id as {@link #ids} lists it. Never used on the call path.
     */
    public CircuitBreaker breaker(String key) {
        Partition p = live.get(PartitionKeys.id(key));
        if (p == null && key != null && (key.startsWith("#") || key.equals(PartitionKeys.NULL_ID))) {
            p = live.get(key);
        }
        return p == null ? null : p.operation.circuitBreaker();
    }

    /** Resets the breaker of every live partition. */
    public void resetBreakers() {
        for (Partition p : live.values()) {
            CircuitBreaker b = p.operation.circuitBreaker();
            if (b != null) {
                b.reset();
            }
        }
    }

    /** The ids of the live partitions ({@link PartitionKeys#id}: long or unusual keys appear hashed). */
    public Set<String> ids() {
        return Set.copyOf(live.keySet());
    }

    /** How many live partitions have a breaker that is not CLOSED. */
    public int openBreakers() {
        int open = 0;
        for (Partition p : live.values()) {
            CircuitBreaker b = p.operation.circuitBreaker();
            if (b != null && b.state() != CircuitState.CLOSED) {
                open++;
            }
        }
        return open;
    }

    public int size() {
        return live.size();
    }

    public String name() {
        return name;
    }

    /** Releases every partition's operation. */
    public void release() {
        overflow.operation.release();
        for (Map.Entry<String, Partition> e : live.entrySet()) {
            e.getValue().operation.release();
        }
    }

    /** One key's state: its operation, how many calls are in it (-1 once evicted), and when it was last entered. */
    static final class Partition {
        private static final VarHandle IN_FLIGHT;

        static {
            try {
                IN_FLIGHT = MethodHandles.lookup().findVarHandle(Partition.class, "inFlight", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Operation operation;
        // A field, not an AtomicInteger: one object less to reach per call among thousands of partitions.
        private volatile int inFlight;
        // When a call last entered: a permit is taken then, so a rate-limit window has run out one window after it.
        volatile long lastUsed;
        // Final, set before the partition is published: an eviction scan may find it the moment it is in the map.
        final String id;
        // Whether the id is a key itself (not a hash, not the null key's, not the overflow's).
        final boolean plain;

        Partition(String id, Operation operation, long now) {
            this.id = id;
            this.plain = id != null && id.charAt(0) != '#' && id.charAt(0) != '~';
            this.operation = operation;
            this.lastUsed = now;
        }

        int inFlight() {
            return inFlight;
        }

        boolean tryEnter(long now) {
            while (true) {
                int n = inFlight;
                if (n < 0) {
                    return false;
                }
                if (IN_FLIGHT.compareAndSet(this, n, n + 1)) {
                    lastUsed = now;
                    return true;
                }
            }
        }

        void exit() {
            IN_FLIGHT.getAndAdd(this, -1);
        }

        /** Evicted: no call may enter any more (only when none is in). */
        boolean retire() {
            return IN_FLIGHT.compareAndSet(this, 0, -1);
        }
    }
}
