package dev.bulwark.testing;

import dev.bulwark.api.GuardBuilder;
import dev.bulwark.api.RateLimitOptions;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerRegistry;
import dev.bulwark.impl.guard.GuardSpecBuilder;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Scheduler;
import dev.bulwark.impl.time.Sleeper;
import dev.bulwark.impl.timeout.TimeoutWatchdog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Virtual time for tests of guarded code: a clock that only moves when the test moves it, a scheduler whose tasks run
 * on the thread that moves it, in due order, and a sleeper that moves it. Retries' delays, breakers' delays,
 * rate-limit windows and asynchronous timeouts then take no real time, and a test says exactly when each happens:
 *
 * <pre>{@code
 * VirtualTime time = new VirtualTime();
 * Guard<String> guard = time.<String>guard()
 *         .withRetry(r -> r.maxRetries(3).delay(Duration.ofSeconds(1)))
 *         .build();
 * guard.get(flakyDownstream);             // its three retries' delays pass in virtual time, at once
 * assertEquals(Duration.ofSeconds(3), time.elapsed());
 * }</pre>
 *
 * <p>Guards from {@link #guard()} run on an engine of their own with this time and a same-thread executor: an
 * asynchronous attempt runs on the thread that starts it or that moves the time. A synchronous call's timeout is
 * checked each time the time moves ({@link #advance}), which interrupts the calling thread once its deadline passed,
 * as the real watchdog would. Thread-safe; a task scheduled while the time is being moved runs in the same move if
 * it falls due within it.
 */
public final class VirtualTime implements Clock, Scheduler, Sleeper {

    private static final Comparator<Task> DUE_ORDER =
            Comparator.<Task>comparingLong(t -> t.dueAt).thenComparingLong(t -> t.order);

    private final PriorityQueue<Task> queue = new PriorityQueue<>(DUE_ORDER);
    // The watchdogs of the engines built on this time: checked after each move, as their thread would be.
    private final List<TimeoutWatchdog> watchdogs = new CopyOnWriteArrayList<>();
    private long now;
    private long sequence;
    private volatile Engine engine;

    /**
     * A builder of an engine on this time (clock, scheduler, sleeper, and a timeout watchdog checked on each move),
     * for a test that needs more of the engine than {@link #guard()} gives (its own executor, metrics). Its named
     * breakers are registered with the JVM's {@code CircuitBreakerMaintenance}, as a real engine's are, unless the
     * builder is given a directory of its own ({@code circuitBreakers(CircuitBreakerRegistry.isolated())}).
     */
    public Engine.Builder engine() {
        TimeoutWatchdog watchdog = TimeoutWatchdog.driven(this);
        watchdogs.add(watchdog);
        return Engine.builder().clock(this).scheduler(this).sleeper(this).watchdog(watchdog);
    }

    /**
     * A builder of a guard that runs in this time, on an engine this time made once, with a same-thread executor.
     * The guard's breakers are not registered with the JVM's {@code CircuitBreakerMaintenance}.
     */
    public <T> GuardBuilder<T> guard() {
        return GuardSpecBuilder.on(ownEngine());
    }

    /**
     * A stand-alone rate limiter, as {@code RateLimiters.create(options)} gives, on this time: its windows turn and
     * its {@code acquire} waits pass only as the test moves the time. ({@code RateLimiters.create} itself, used by no
     * guard, is on the JVM's clock.)
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public RateLimiterHandle rateLimiter(Consumer<RateLimitOptions> options) {
        return GuardSpecBuilder.rateLimiter(ownEngine(), options);
    }

    private Engine ownEngine() {
        Engine own = engine;
        if (own == null) {
            synchronized (this) {
                own = engine;
                if (own == null) {
                    own = engine().executor(Runnable::run).circuitBreakers(CircuitBreakerRegistry.isolated()).build();
                    engine = own;
                }
            }
        }
        return own;
    }

    /** How much time has passed since this time was made. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** Moves the time forward by {@code amount}, running every task that falls due, in order. */
    public void advance(Duration amount) {
        advance(amount.toNanos());
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, long delayNanos) {
        Task t = new Task(task, now + Math.max(0, delayNanos), sequence++);
        queue.add(t);
        return t;
    }

    /** Moves time forward by {@code nanos}, running every task that falls due, in order. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must be >= 0, was " + nanos);
        }
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueAt > target) {
                    now = target;
                    break;
                }
                queue.poll();
                now = Math.max(now, next.dueAt);
            }
            next.run();
        }
        for (TimeoutWatchdog watchdog : watchdogs) {
            watchdog.tick();
        }
    }

    /** A "sleep" in virtual time: moves the clock, running what falls due. */
    @Override
    public void sleep(long nanos) {
        advance(Math.max(nanos, 0));
    }

    /** Moves time forward by {@code amount} of {@code unit}. */
    public void advance(long amount, TimeUnit unit) {
        advance(unit.toNanos(amount));
    }

    /** Runs the tasks due now without moving time. */
    public void runDue() {
        advance(0);
    }

    /** How many scheduled tasks have not run and were not cancelled. */
    public synchronized int pendingTasks() {
        int n = 0;
        for (Task t : queue) {
            if (!t.isCancelled()) {
                n++;
            }
        }
        return n;
    }

    /** The delays, from now, of the pending tasks, soonest first. */
    public synchronized List<Long> pendingDelays() {
        List<Task> tasks = new ArrayList<>(queue);
        tasks.sort(DUE_ORDER);
        List<Long> delays = new ArrayList<>();
        for (Task t : tasks) {
            if (!t.isCancelled()) {
                delays.add(t.dueAt - now);
            }
        }
        return delays;
    }

    private final class Task implements Future<Object> {
        private final Runnable action;
        private final long dueAt;
        private final long order;
        private volatile int state; // 0 pending, 1 done, 2 cancelled

        Task(Runnable action, long dueAt, long order) {
            this.action = action;
            this.dueAt = dueAt;
            this.order = order;
        }

        void run() {
            if (state == 0) {
                state = 1;
                action.run();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (state != 0) {
                return false;
            }
            state = 2;
            synchronized (VirtualTime.this) {
                queue.remove(this);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return state == 2;
        }

        @Override
        public boolean isDone() {
            return state != 0;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

}
