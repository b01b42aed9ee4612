package dev.bulwark.impl.time;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Comparator;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Virtual time for tests: a {@link Clock} that only moves when told to, a {@link Scheduler} whose
 * tasks run on the thread that moves the clock, in due order, and a {@link Sleeper} that moves the clock. Thread-safe; a task scheduled while time is
 * being advanced runs in the same advance if it falls due within it.
 */
public final class ManualTime implements Clock, Scheduler, Sleeper {

    private static final Comparator<Task> DUE_ORDER =
            Comparator.<Task>comparingLong(t -> t.dueAt).thenComparingLong(t -> t.order);

    private final PriorityQueue<Task> queue = new PriorityQueue<>(DUE_ORDER);
    private long now;
    private long sequence;

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
                    return;
                }
                queue.poll();
                now = Math.max(now, next.dueAt);
            }
            next.run();
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
            synchronized (ManualTime.this) {
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
