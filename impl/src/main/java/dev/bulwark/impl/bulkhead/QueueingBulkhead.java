package dev.bulwark.impl.bulkhead;

import java.util.ArrayDeque;

/**
 * The asynchronous bulkhead: {@code limit} tasks run at once and up to {@code queueSize} more wait in
 * arrival order; a task beyond that is rejected. A place is held until the task's result completes, not
 * merely until its method returns.
 *
 * <p>A plain lock guards the two counts and the queue: every use is followed by a thread hop anyway, and a
 * lock makes "start the next waiter when a place frees" obviously exactly-once. Tasks are started outside
 * the lock.
 */
public final class QueueingBulkhead {

    private final int limit;
    private final int queueSize;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public QueueingBulkhead(BulkheadSpec spec) {
        this.limit = spec.limit();
        this.queueSize = spec.queueSize();
    }

    /** What {@link #submit} did with a task. */
    public enum Admission { STARTED, QUEUED, REJECTED }

    /**
     * Runs {@code start} now if a place is free, queues it if the queue has room, or rejects it. A started
     * or queued task must call {@link #release()} exactly once when its result completes; a queued task that
     * is given up must be passed to {@link #cancelWaiting}.
     */
    public Admission submit(Runnable start) {
        synchronized (this) {
            if (running >= limit) {
                if (waiting.size() >= queueSize) {
                    return Admission.REJECTED;
                }
                waiting.addLast(start);
                return Admission.QUEUED;
            }
            running++;
        }
        start.run();
        return Admission.STARTED;
    }

    /**
     * Takes a place if one is free and nobody waits for one, without a task to run: the caller runs its own, and
     * calls {@link #release()} exactly once when its result completes. False leaves everything as it was.
     */
    public synchronized boolean tryStart() {
        if (running >= limit || !waiting.isEmpty()) {
            return false;
        }
        running++;
        return true;
    }

    /** Gives the place of a finished task to the next waiter, or frees it. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }

    /** Removes a task that is still waiting; returns false if it has already started (or was never queued). */
    public boolean cancelWaiting(Runnable start) {
        synchronized (this) {
            return waiting.removeFirstOccurrence(start);
        }
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public int limit() {
        return limit;
    }

    public int queueSize() {
        return queueSize;
    }
}
