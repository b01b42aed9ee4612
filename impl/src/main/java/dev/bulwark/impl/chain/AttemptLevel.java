package dev.bulwark.impl.chain;

import dev.bulwark.impl.stage.Admission;
import dev.bulwark.impl.stage.NotStarted;
import dev.bulwark.impl.stage.Passage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * An asynchronous attempt at gate {@code index}: what the gate is given to admit or refuse it, and, once admitted,
 * how a gate that ends it early (a timeout) does so. Its state moves once from PENDING to ADMITTED or REFUSED, and
 * from ADMITTED to ENDED (the gate ended it) or DONE (the outcome came from inside), by compare-and-set, so that of
 * an early end and a late outcome exactly one goes outwards.
 */
final class AttemptLevel implements Admission {

    static final int PENDING = 0;
    static final int ADMITTED = 1;
    static final int REFUSED = 2;
    static final int ENDED = 3;
    static final int DONE = 4;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AttemptLevel.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AsyncAttempt attempt;
    final int index;
    volatile int state;
    // Whether, and on which thread, the gate's enter is running: an admission from inside it is at once.
    volatile boolean entering;
    Thread enterer;
    private volatile Runnable abort;

    AttemptLevel(AsyncAttempt attempt, int index, int state) {
        this.attempt = attempt;
        this.index = index;
        this.state = state;
    }

    @Override
    public void admit(Object permit) {
        if (!STATE.compareAndSet(this, PENDING, ADMITTED)) {
            return; // given up meanwhile
        }
        attempt.permits[index] = permit;
        long mark = attempt.gates[index].mark();
        attempt.marks[attempt.marks.length - attempt.gates.length + index] = mark;
        if (!entering || Thread.currentThread() != enterer) {
            attempt.deferred = true;
        }
        attempt.enter(index + 1);
        if (attempt.gates[index].followsStart()) {
            attempt.startedInside(index, permit, mark, this);
        }
    }

    @Override
    public void refuse(Throwable rejection) {
        if (STATE.compareAndSet(this, PENDING, REFUSED)) {
            attempt.ended(index - 1, null, rejection,
                    rejection instanceof NotStarted ? Passage.NOT_STARTED : Passage.REFUSED);
        }
    }

    @Override
    public void end(Throwable failure) {
        if (!STATE.compareAndSet(this, ADMITTED, ENDED)) {
            return;
        }
        attempt.endedEarly = true;
        attempt.abortInside(index, true);
        Runnable settle = () -> attempt.ended(index - 1, null, failure, Passage.RAN);
        try {
            attempt.call.steps().execute(settle);
        } catch (RejectedExecutionException refused) {
            // An executor that refuses work must not leave the caller waiting forever, nor put what follows
            // (breaker, retry, fallback: the application's code) on the timer's thread.
            attempt.call.op.engine.rescue(settle);
        }
    }

    /** The outcome from inside goes on outwards, unless {@link #end} already sent one. */
    boolean finish() {
        return STATE.compareAndSet(this, ADMITTED, DONE);
    }

    @Override
    public void onAbort(Runnable abort) {
        this.abort = abort;
        if (abort != null && attempt.aborted) {
            abort.run(); // the attempt was given up while the hook was being set
        }
    }

    void abort() {
        Runnable hook = abort;
        if (hook != null && state == PENDING) {
            hook.run();
        }
    }

    @Override
    public Future<?> after(long delayNanos, Runnable task) {
        return attempt.call.op.engine.scheduleOn(attempt.call.steps(), task, delayNanos, this::refuse);
    }

    @Override
    public Future<?> deadline(long delayNanos, Runnable task) {
        return attempt.call.op.engine.scheduler().schedule(task, delayNanos);
    }

    @Override
    public boolean over() {
        return attempt.aborted || attempt.call.isDone();
    }
}
