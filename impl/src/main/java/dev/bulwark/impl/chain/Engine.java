package dev.bulwark.impl.chain;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.impl.async.Continuation;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerRegistry;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.CoarseClock;
import dev.bulwark.impl.time.Scheduler;
import dev.bulwark.impl.time.Sleeper;
import dev.bulwark.impl.timeout.TimeoutWatchdog;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What operations run on: the clock, the scheduler, the executor for asynchronous attempts, the timeout
 * watchdog, the metrics provider and the registry of named circuit breakers. An engine that created its
 * own threads shuts them down in {@link #close()}; what it was given stays the giver's to close.
 */
public final class Engine implements AutoCloseable {

    /** Threads of the default executor: enough for the spec's concurrency, bounded so load cannot explode. */
    public static final int DEFAULT_MAX_THREADS = 100;

    private static volatile Engine shared;

    private final Clock clock;
    private final Scheduler scheduler;
    private final Sleeper sleeper;
    private final Executor executor;
    private final TimeoutWatchdog watchdog;
    private final MetricsProvider metrics;
    private final CircuitBreakerRegistry circuitBreakers;
    private final Continuation.Capture continuations;
    /** What this engine created and so stops in {@link #close()}; null where it was given the part. */
    private final ScheduledThreadPoolExecutor ownScheduler;
    private final ExecutorService ownExecutor;
    private final TimeoutWatchdog ownWatchdog;
    private final OwnThreads threads = new OwnThreads();
    private final CoarseClock coarseClock;
    /** Runs what a refusing executor would not (see {@link #rescue}). */
    private final Rescuer rescuer = new Rescuer(threads.factory("bulwark-rescue"));

    private Engine(Builder b) {
        // The system clock gets a coarse reading of its own (a ticker of this engine's); a given clock keeps its own.
        this.coarseClock = b.clock == Clock.system() ? new CoarseClock(threads.factory("bulwark-clock")) : null;
        this.clock = coarseClock != null ? coarseClock : b.clock;
        this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.REAL;
        this.metrics = b.metrics;
        this.circuitBreakers = b.circuitBreakers;
        this.continuations = b.continuations != null ? b.continuations : Continuation.Capture.detect();
        ScheduledThreadPoolExecutor ownScheduler = null;
        ExecutorService ownExecutor = null;
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
        } else {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, threads.factory("bulwark-scheduler"));
            s.setRemoveOnCancelPolicy(true);
            ownScheduler = s;
            this.scheduler = (task, delayNanos) -> s.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
        if (b.executor != null) {
            this.executor = b.executor;
        } else if (b.virtualThreads) {
            ownExecutor = VirtualThreads.newExecutor();
            this.executor = ownExecutor;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_MAX_THREADS, DEFAULT_MAX_THREADS, 60,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads.factory("bulwark-async"));
            pool.allowCoreThreadTimeOut(true);
            ownExecutor = pool;
            this.executor = pool;
        }
        this.watchdog = b.watchdog != null ? b.watchdog
                : TimeoutWatchdog.start(clock, threads.factory("bulwark-timeout-watchdog"));
        this.ownScheduler = ownScheduler;
        this.ownExecutor = ownExecutor;
        this.ownWatchdog = b.watchdog == null ? watchdog : null;
    }

    /**
     * A builder of an engine of its own, for an application or a test that should not share {@link #shared()}.
     * Nothing is started until {@link Builder#build()}; the caller closes the engine built with {@link #close()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The engine behind the programmatic API: system time, daemon threads, created on first use. */
    public static Engine shared() {
        Engine e = shared;
        if (e == null) {
            synchronized (Engine.class) {
                e = shared;
                if (e == null) {
                    e = builder().build();
                    shared = e;
                }
            }
        }
        return e;
    }

    /**
     * Stops the threads of the engine behind the programmatic API (see {@link #close()}) and waits up to
     * {@code waitNanos} for them to end. The next use of the programmatic API starts a fresh engine; guards built
     * before keep the stopped one and fail loudly where they would need its threads.
     *
     * @return true if every thread of the stopped engine ended in time (also when none had been started)
     */
    public static boolean shutdownShared(long waitNanos) throws InterruptedException {
        Engine e;
        synchronized (Engine.class) {
            e = shared;
            shared = null;
        }
        if (e == null) {
            return true;
        }
        e.close();
        return e.awaitTermination(waitNanos);
    }

    /** Builds the runnable form of {@code spec}; its circuit breaker and bulkhead start fresh. */
    public Operation operation(OperationSpec spec) {
        return new Operation(spec, this);
    }

    /**
     * Builds one partition of a partitioned operation: state of its own (breaker, rate limiter, bulkhead), the
     * metrics recorder {@code metrics} of the operation it partitions, so that its series stay one per method (that
     * recorder's {@link MetricsRecorder#shared()}, one for all the partitions: each series is then looked up once).
     */
    public Operation operation(OperationSpec spec, MetricsRecorder metrics) {
        return new Operation(spec, this, notNull(metrics, "metrics"), null);
    }

    /**
     * Builds one partition of a partitioned operation with series of its own, tagged {@code partition} (its id):
     * {@code bulwark.partitions.metrics-tag=true}.
     */
    public Operation operation(OperationSpec spec, String partition) {
        return new Operation(spec, this, null, notNull(partition, "partition"));
    }

    public Clock clock() {
        return clock;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public Executor executor() {
        return executor;
    }

    public TimeoutWatchdog watchdog() {
        return watchdog;
    }

    public MetricsProvider metrics() {
        return metrics;
    }

    public CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    /** How a non-blocking call captures the context it goes on in (Vert.x' where it is present). */
    public Continuation.Capture continuations() {
        return continuations;
    }

    /**
     * Runs {@code task} on the executor after {@code delayNanos}. The scheduler's own thread only hands the
     * task over, so user code (fallbacks, callbacks on the result) never runs on it. If the executor refuses
     * the task (saturated or shut down), {@code refused} is told, so that no call is left waiting forever.
     */
    Future<?> scheduleOnExecutor(Runnable task, long delayNanos, Consumer<RejectedExecutionException> refused) {
        return scheduleOn(executor, task, delayNanos, refused);
    }

    /** Like {@link #scheduleOnExecutor}, the task then running on {@code runner} (a call's own continuation). */
    Future<?> scheduleOn(Executor runner, Runnable task, long delayNanos, Consumer<RejectedExecutionException> refused) {
        return scheduler.schedule(() -> executeOr(runner, task, refused), delayNanos);
    }

    /** Runs {@code task} on the executor, or tells {@code refused} if the executor will not take it. */
    void executeOr(Runnable task, Consumer<RejectedExecutionException> refused) {
        executeOr(executor, task, refused);
    }

    /** Runs {@code task} on {@code runner}, or tells {@code refused} if it will not take it. */
    void executeOr(Executor runner, Runnable task, Consumer<RejectedExecutionException> refused) {
        try {
            runner.execute(task);
        } catch (RejectedExecutionException e) {
            rescue(() -> refused.accept(e));
        }
    }

    /** Runs {@code task}, which settles a call the executor refused to run, on a thread of its own. */
    void rescue(Runnable task) {
        rescuer.run(task);
    }

    /**
     * Stops the threads this engine created: its scheduler, its executor (interrupting running attempts) and its
     * watchdog. A call that needs one of them afterwards fails: an asynchronous one with a
     * {@link RejectedExecutionException}, a synchronous one with a timeout with an {@link IllegalStateException}.
     */
    @Override
    public void close() {
        rescuer.close();
        if (coarseClock != null) {
            coarseClock.close();
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        if (ownWatchdog != null) {
            ownWatchdog.close();
        }
    }

    /**
     * Waits after {@link #close()} until the threads this engine created have ended. The pools are waited for too: a
     * virtual-thread executor's threads come from no factory of ours.
     *
     * @return false if one was still running after {@code waitNanos}
     */
    public boolean awaitTermination(long waitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(waitNanos, TimeUnit.DAYS.toNanos(365)); // no overflow
        for (ExecutorService pool : new ExecutorService[] {ownScheduler, ownExecutor, rescuer.pool()}) {
            if (pool != null && !pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return threads.join(deadline);
    }

    /**
     * Every part is optional. For a scheduler, executor or watchdog not given, the engine starts daemon threads of
     * its own and stops them in {@link Engine#close()}; a part that is given stays the giver's to stop. Each setter
     * throws an {@link IllegalArgumentException} for a null argument.
     */
    public static final class Builder {
        private Clock clock = Clock.system();
        private Scheduler scheduler;
        private Sleeper sleeper;
        private Executor executor;
        private TimeoutWatchdog watchdog;
        private MetricsProvider metrics = MetricsProvider.NOOP;
        private CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.global();
        private boolean virtualThreads;
        private Continuation.Capture continuations;

        private Builder() {
        }

        /**
         * Runs asynchronous attempts each on a new virtual thread (JDK 21+) instead of the default bounded pool;
         * ignored when an {@link #executor(Executor)} is given. Default {@code false}. Bulkheads still cap the
         * concurrency.
         *
         * @throws UnsupportedOperationException for {@code true} on a JDK without virtual threads
         */
        public Builder virtualThreads(boolean virtualThreads) {
            if (virtualThreads && !VirtualThreads.available()) {
                throw new UnsupportedOperationException("virtual threads need Java 21 or later; this is Java "
                        + Runtime.version().feature());
            }
            this.virtualThreads = virtualThreads;
            return this;
        }

        /**
         * The time that delays, breaker delays, rate-limit windows and timeout deadlines are measured in. Default
         * {@link Clock#system()}. The default watchdog reads this clock, but the default
         * {@link #scheduler(Scheduler)} and {@link #sleeper(Sleeper)} wait in real time: a test on a clock of its own
         * sets those too.
         */
        public Builder clock(Clock clock) {
            this.clock = notNull(clock, "clock");
            return this;
        }

        /**
         * Fires retry delays and asynchronous timeouts; its tasks only hand work on to the
         * {@link #executor(Executor)}. Default: one daemon thread ({@code bulwark-scheduler-1}) on real time, shut
         * down by {@link Engine#close()}; a scheduler given here is not stopped by the engine.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = notNull(scheduler, "scheduler");
            return this;
        }

        /**
         * How synchronous calls wait on the caller's thread: between retries and for a rate-limit permit.
         * Default {@link Sleeper#REAL}, a real {@code Thread} sleep whatever the {@link #clock(Clock)}.
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = notNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Runs asynchronous attempts and what the scheduler hands on (delayed retries, fallbacks after a timeout).
         * Default: a pool of {@value Engine#DEFAULT_MAX_THREADS} daemon threads ({@code bulwark-async-N}, idle ones
         * end after 60 s) with an unbounded queue, or virtual threads with {@link #virtualThreads(boolean)}; the
         * engine shuts its own pool down in {@link Engine#close()}, but never an executor given here: its owner does.
         */
        public Builder executor(Executor executor) {
            this.executor = notNull(executor, "executor");
            return this;
        }

        /**
         * Interrupts synchronous calls that overrun their timeout. Default: a watchdog on the {@link #clock(Clock)}
         * with one daemon thread ({@code bulwark-timeout-watchdog-1}), closed by {@link Engine#close()}; a watchdog
         * given here (such as {@link TimeoutWatchdog#driven}) is not closed by the engine.
         */
        public Builder watchdog(TimeoutWatchdog watchdog) {
            this.watchdog = notNull(watchdog, "watchdog");
            return this;
        }

        /**
         * Makes the metrics recorder of each operation when the operation is created. Default
         * {@link MetricsProvider#NOOP}, which records nothing.
         */
        public Builder metrics(MetricsProvider metrics) {
            this.metrics = notNull(metrics, "metrics");
            return this;
        }

        /**
         * How non-blocking calls (a {@code Uni}, {@code @AsynchronousNonBlocking}) capture the context they go on in
         * after a wait. Default {@link Continuation.Capture#detect()}: Vert.x' context when Vert.x is on the class
         * path, else none.
         */
        public Builder continuations(Continuation.Capture continuations) {
            this.continuations = notNull(continuations, "continuations");
            return this;
        }

        /**
         * Where named circuit breakers of this engine's operations are registered for operators. Default
         * {@link CircuitBreakerRegistry#global()}, the process-wide directory that
         * {@code CircuitBreakerMaintenance.get()} reads; {@code CircuitBreakerRegistry.isolated()} keeps them out of it.
         */
        public Builder circuitBreakers(CircuitBreakerRegistry circuitBreakers) {
            this.circuitBreakers = notNull(circuitBreakers, "circuitBreakers");
            return this;
        }

        /**
         * A new engine; starts the threads of the parts not given (the default executor's threads on demand). Each
         * call builds a separate engine, with threads of its own.
         *
         * @throws IllegalStateException if the virtual-thread executor cannot be created
         */
        public Engine build() {
            return new Engine(this);
        }
    }
}
