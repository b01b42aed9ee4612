package dev.bulwark.impl.stage;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * One asynchronous attempt at one gate, as the driver gives it to {@link Gate#enter(Admission)}: the gate admits or
 * refuses it exactly once, at once or later (after a wait it schedules here, or when a place frees), and a timeout
 * may {@link #end} it early. Nothing here blocks.
 */
public interface Admission {

    /** Lets the attempt through with {@code permit}, handed back to {@link Gate#exit} when it ends. */
    void admit(Object permit);

    /** Refuses the attempt with {@code rejection}; the method is not called and the gate's exit is not told. */
    void refuse(Throwable rejection);

    /**
     * Claims the end of this admitted attempt for the gate (a timeout whose deadline fired): true unless its outcome
     * from inside came first, in which case that outcome goes on and the gate must do nothing more. Exactly one of
     * the two wins.
     */
    boolean claimEnd();

    /**
     * Ends the attempt here with {@code failure}, after {@link #claimEnd} returned true: whatever runs inside this
     * gate is aborted (the offloaded method interrupted, a stage it returned cancelled) and the stages outside go on
     * with {@code failure}, on the call's own executor. The gate's exit is not told of the outcome that comes from
     * inside later: the gates inside it hear of it, this gate and those outside already went on.
     */
    void end(Throwable failure);

    /**
     * What a pending admission does if the attempt is given up before the gate decided (the caller cancelled, a
     * timeout outside fired): typically stop its wait and {@link #refuse} with a {@link NotStarted}. Replaces the
     * previous one; null clears it.
     */
    void onAbort(Runnable abort);

    /** Runs {@code task} on the call's own executor after {@code delayNanos}; if that refuses it, refuses the attempt. */
    Future<?> after(long delayNanos, Runnable task);

    /**
     * Runs {@code task} on the engine's timer thread after {@code delayNanos}: for a deadline that must fire even when
     * every executor thread is busy. The task must be short. The timer is cancelled once the attempt's outcome comes
     * from inside.
     */
    Future<?> deadline(long delayNanos, Runnable task);

    /** Whether the call is already over (cancelled): a gate that waits stops waiting. */
    boolean over();
}
