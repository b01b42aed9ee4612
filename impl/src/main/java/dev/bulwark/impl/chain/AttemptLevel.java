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
    // The gate's deadline timer, cancelled once the outcome has come from inside.
    private volatile Future<?> timer;

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
    public boolean claimEnd() {
        return STATE.compareAndSet(this, ADMITTED, ENDED);
    }

    @Override
    public void end(Throwable failure) {
        if (state != ENDED) {
            throw new IllegalStateException("end() without a claimEnd() that returned true");
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

    /**
     * The outcome from inside goes on outwards, unless the gate claimed the end first ({@link #claimEnd}); a deadline
     * it armed is cancelled. Its timer and this are written and read in opposite orders (volatile), so that of an
     * arming racing this, at least one sees the other and the timer never outlives the attempt.
     */
    boolean finish() {
        if (!STATE.compareAndSet(this, ADMITTED, DONE)) {
            return false;
        }
        Future<?> armed = timer;
        if (armed != null) {
            armed.cancel(false);
        }
        return true;
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
        Future<?> armed = attempt.call.op.engine.scheduler().schedule(task, delayNanos);
        timer = armed;
        if (state == DONE) {
            armed.cancel(false); // the outcome came while the timer was being armed
        }
        return armed;
    }

    @Override
    public boolean over() {
        return attempt.aborted || attempt.call.isDone();
    }
}
