package dev.bulwark.impl.chain;

import static dev.bulwark.impl.chain.Futures.cancel;
import static dev.bulwark.impl.chain.Throwables.unwrap;

import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.NotStarted;
import dev.bulwark.impl.stage.Passage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt of an asynchronous call through the gates, outermost first, then the method: each gate admits it (at
 * once or later) or refuses it, and every gate that admitted it hears how it ended, innermost first, before the
 * outcome goes back to the call. Names no strategy.
 */
final class AsyncAttempt {

    final AsyncCall<?> call;
    final Gate[] gates;
    // Each gate's permit, and its mark at marks[offset + i] (after the call's around-stages' marks).
    final Object[] permits;
    final long[] marks;
    // The attempt at each gate that uses an admission, created only for those; published[0..n) by the count below,
    // so that an abort from another thread finds every one a gate may already have given an abort hook to.
    private AttemptLevel[] levels;
    private volatile int published;
    // The innermost gate whose inside has ended (the outcome goes out from there): neither it nor a gate outside it
    // is told started any more.
    private volatile int reached = -1;
    // Set when the attempt is given up (a timeout, the caller's cancel): what has not started yet never starts.
    volatile boolean aborted;
    // A timeout ended the attempt: gates inside it exit later, still using this attempt's permits and marks.
    volatile boolean endedEarly;
    // The offloaded method's task, then the stage the method returned, so that an abort can stop them.
    private volatile Object inside;
    // An admission came after its gate's enter returned (a permit waited for, a bulkhead place handed over by another
    // call): the method then does not run on the thread that admitted it, which may be another call's.
    volatile boolean deferred;

    // The race this attempt is one of (hedging), which hears its outcome in place of the call; or null.
    private final RaceRound round;
    // A race withdrew it (another attempt won, or the caller cancelled): its failure is no outcome of the downstream.
    private volatile boolean withdrawn;

    AsyncAttempt(AsyncCall<?> call, Object[] permits, long[] marks, RaceRound round) {
        this.call = call;
        this.round = round;
        this.gates = call.op.stages.gates;
        this.permits = permits;
        this.marks = marks;
    }

    void start() {
        enter(0);
    }

    boolean endedEarly() {
        return endedEarly;
    }

    /**
     * Gates {@code i} and those inside it let the attempt through, or one refuses it. A gate that needs no admission,
     * or admits this attempt at once, is entered here, directly; otherwise it gets a {@link AttemptLevel} and the attempt
     * goes on from that admission.
     */
    void enter(int i) {
        int offset = marks.length - gates.length;
        for (; i < gates.length; i++) {
            Gate gate = gates[i];
            Object permit;
            if (gate.usesAdmission()) {
                permit = gate.admitAtOnce();
                if (permit == null) {
                    AttemptLevel level = new AttemptLevel(this, i, AttemptLevel.PENDING);
                    publish(level);
                    level.enterer = Thread.currentThread();
                    level.entering = true;
                    gate.enter(level);
                    level.entering = false;
                    return;
                }
            } else {
                try {
                    permit = gate.enter();
                } catch (Throwable rejection) {
                    ended(i - 1, null, rejection,
                            rejection instanceof NotStarted ? Passage.NOT_STARTED : Passage.REFUSED);
                    return;
                }
            }
            permits[i] = permit;
            long mark = gate.mark();
            marks[offset + i] = mark;
            if (gate.followsStart()) {
                enter(i + 1);
                startedInside(i, permit, mark, null);
                return;
            }
        }
        run();
    }

    /**
     * Gate {@code i} admitted the attempt and what is inside it has started: unless that is over already, the gate
     * hears of it, with the attempt's admission there ({@code level}), or one made now for a gate admitted at once.
     */
    void startedInside(int i, Object permit, long mark, AttemptLevel level) {
        if (reached >= i) {
            return; // over at once: no admission made, nothing armed
        }
        if (level == null) {
            level = new AttemptLevel(this, i, AttemptLevel.ADMITTED);
            publish(level);
            // Published, then reached read again (both volatile), as ended() writes reached and then reads published:
            // an outcome racing this either finds the admission and finishes it, or is seen here and nothing is armed.
            if (reached >= i) {
                return;
            }
        }
        gates[i].started(permit, mark, level);
    }

    private void publish(AttemptLevel level) {
        if (levels == null) {
            levels = new AttemptLevel[gates.length];
        }
        levels[level.index] = level;
        // A gate admitted at once gets its admission after those inside it: the count never goes down.
        published = Math.max(published, level.index + 1);
    }

    /**
     * What ran inside gate {@code i} ended: each gate from {@code i} outwards hands its permit back with the outcome
     * (or replaces it), until one that a timeout already ended, which keeps this late outcome from going further.
     */
    void ended(int i, Object value, Throwable failure, Passage passage) {
        if (i > reached) {
            reached = i;
        }
        int offset = marks.length - gates.length;
        while (i >= 0) {
            // A gate that claimed the end first (its deadline fired) already sent its failure outwards: this late
            // outcome stops here. The admission is read through the volatile count, after reached was written.
            AttemptLevel level = published > i ? levels[i] : null;
            if (level != null && !level.finish()) {
                return;
            }
            // A gate told started() gets that admission back as its permit: it knows then that it may have armed
            // something, which the admission's finish() has just cancelled.
            Object permit = level != null && gates[i].followsStart() ? level : permits[i];
            Throwable out;
            try {
                out = gates[i].exit(permit, marks[offset + i], failure, passage);
            } catch (Throwable exitFailure) {
                out = exitFailure;
            }
            if (out != failure) {
                failure = out;
                value = null;
                passage = Passage.RAN;
            }
            i--;
        }
        if (round != null) {
            round.ended(this, value, failure);
        } else {
            call.attemptEnded(value, failure);
        }
    }

    /**
     * A race gives this attempt up: it stops as {@link #abortInside} stops it, and a failure it then ends with (its
     * cancellation) reaches its gates as {@link Passage#NOT_STARTED}: a breaker counts no failure and an adaptive
     * limit takes no sample from a loser. A loser that returned first is still a success.
     */
    void withdraw(boolean interrupt) {
        withdrawn = true;
        abortInside(-1, interrupt);
    }

    boolean wasWithdrawn() {
        return withdrawn;
    }

    /**
     * Gives up what runs inside gate {@code i} (-1: the whole attempt): waits of the gates inside stop, a method not
     * started yet never starts, the running one is cancelled (interrupted if asked and offloaded), and so is the stage
     * it returned, so that a downstream that never answers gives its bulkhead place back.
     */
    void abortInside(int i, boolean interrupt) {
        aborted = true;
        int count = published;
        AttemptLevel[] tracked = levels;
        for (int j = i + 1; j < count; j++) {
            AttemptLevel level = tracked[j];
            if (level != null) {
                level.abort();
            }
        }
        Object running = inside;
        if (running instanceof FutureTask<?> task) {
            // A non-blocking attempt's thread is its caller's (an event loop): never interrupted.
            task.cancel(interrupt && call.offload());
        } else if (running instanceof CompletionStage<?> stage) {
            cancel(stage);
        }
    }

    /** Every gate admitted the attempt: the method runs, on the executor when offloaded, else here or on the steps. */
    private void run() {
        Executor runner = call.offload() ? call.op.engine.executor() : deferred ? call.steps() : null;
        if (runner == null) {
            inline();
        } else {
            offloaded(runner);
        }
    }

    private void offloaded(Executor runner) {
        // Exactly one of "the body starts" and "the task was cancelled before starting" ends the attempt.
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable body = () -> {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            runMethod();
        };
        FutureTask<Void> task = new FutureTask<>(body, null) {
            @Override
            protected void done() {
                if (isCancelled() && claimed.compareAndSet(false, true)) {
                    methodEnded(null, new NotStarted("attempt cancelled before it started"));
                }
            }
        };
        inside = task;
        if (aborted) {
            // The abort came before the task was published and could not reach it: the attempt never starts.
            task.cancel(false);
            return;
        }
        try {
            runner.execute(task);
        } catch (RuntimeException rejected) {
            if (claimed.compareAndSet(false, true)) {
                methodEnded(null, rejected);
            }
        }
    }

    /** A non-blocking attempt's method runs here, on the thread that admitted it: nothing to hand over or claim. */
    private void inline() {
        if (aborted) {
            methodEnded(null, new NotStarted("attempt cancelled before it started"));
            return;
        }
        runMethod();
    }

    private void runMethod() {
        CompletionStage<?> stage;
        try {
            stage = call.action.call();
        } catch (Throwable failure) {
            methodEnded(null, failure);
            return;
        }
        follow(stage);
    }

    /**
     * What the attempt does with the stage its method returned: remembers it, so that a timeout or cancel can cancel
     * it (at once if one came while the method was still returning it), and ends when it completes; at once, without
     * a callback, when it is a future that is already over (the common case of a non-blocking call).
     */
    private void follow(CompletionStage<?> stage) {
        if (stage == null) {
            methodEnded(null, new NullPointerException(call.op.spec.name() + " returned null"));
            return;
        }
        inside = stage;
        if (aborted) {
            cancel(stage); // timed out (or cancelled) while the method was still returning its stage
        }
        if (stage instanceof CompletableFuture<?> future && isDone(future)) {
            Object value = null;
            Throwable failure = null;
            try {
                value = future.join();
            } catch (Throwable t) {
                failure = unwrap(t);
            }
            methodEnded(value, failure);
            return;
        }
        stage.whenComplete((value, failure) -> methodEnded(value, failure == null ? null : unwrap(failure)));
    }

    /** Whether a future is over; false for a minimal stage, which may not be asked (it is followed by callback). */
    private static boolean isDone(CompletableFuture<?> future) {
        try {
            return future.isDone();
        } catch (UnsupportedOperationException minimalStage) {
            return false;
        }
    }

    private void methodEnded(Object value, Throwable failure) {
        if (round != null && failure == null) {
            round.returned(this, value);
        }
        boolean nothing = failure instanceof NotStarted || (failure != null && withdrawn);
        ended(gates.length - 1, value, failure, nothing ? Passage.NOT_STARTED : Passage.RAN);
    }
}
