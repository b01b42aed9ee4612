package dev.bulwark.impl.chain;

import static dev.bulwark.impl.chain.Throwables.unwrap;

import dev.bulwark.impl.async.Continuation;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.Decision;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One asynchronous call through an operation's stages, and the caller's future of it. Each attempt goes through the
 * gates as an {@link AsyncAttempt}; its outcome comes back here, where the around-stages decide, innermost first,
 * whether to return, fail, await a stage (an asynchronous fallback's) or run again after a delay. Names no strategy.
 *
 * <p>Waits are scheduled, never slept; every retry starts on the call's executor (also after a zero delay, so a gate
 * that refuses at once cannot recurse without bound). Per-call fields are written by one step and read by the next,
 * which the executor hand-off orders; the fields a canceller reads are volatile.
 *
 * <p>An offloaded call ({@code @Asynchronous}) runs each attempt's method on the engine's executor. A non-blocking one
 * ({@code Uni} without {@code @Asynchronous}, {@code @AsynchronousNonBlocking}) starts it on the thread that starts the
 * attempt, and goes on after every wait on its caller's {@link Continuation} (a Vert.x context) when it has one, else
 * on the engine's executor: nothing of it ever blocks a thread.
 */
final class AsyncCall<T> extends CompletableFuture<T> {

    final Operation op;
    final Callable<? extends CompletionStage<T>> action;
    final Object context;
    // Where the steps after a wait run: the caller's context for a non-blocking call that has one, else the executor.
    final Continuation continuation;
    // The around-stages' marks, then the attempt's gates' marks; and the gates' permits. One pair per call, used by
    // each attempt in turn; a fresh pair only after an attempt a timeout ended, whose inner gates may exit later.
    long[] marks;
    Object[] permits;
    // Each around-stage's state, created with its first decision that is not a plain return.
    private Decision[] decisions;
    private volatile Future<?> pendingRetry;
    // The attempt in progress; each attempt has its own, so a late timeout of one can never abort the next.
    private volatile AsyncAttempt current;
    // The race in progress, when the innermost around-stage races attempts (hedging), in place of one attempt.
    private volatile RaceRound round;

    AsyncCall(Operation op, Callable<? extends CompletionStage<T>> action, Object context, Continuation continuation) {
        this.op = op;
        this.action = action;
        this.context = context;
        this.continuation = op.spec.offload() ? null : continuation;
        Stages stages = op.stages;
        this.marks = new long[stages.arounds.length + stages.gates.length];
        this.permits = stages.gates.length == 0 ? NO_PERMITS : new Object[stages.gates.length];
    }

    private static final Object[] NO_PERMITS = {};

    /** Whether each attempt's method runs on the engine's executor ({@code @Asynchronous}). */
    boolean offload() {
        return op.spec.offload();
    }

    /** Where the steps after a wait run. */
    Executor steps() {
        Continuation caller = continuation;
        return caller != null ? caller : op.engine.executor();
    }

    CompletableFuture<T> start() {
        begin(0);
        runAttempt();
        return this;
    }

    /** Around-stages {@code from} and those inside it start a fresh call of what they wrap. */
    private void begin(int from) {
        Around[] arounds = op.stages.arounds;
        Decision[] state = decisions;
        for (int k = from; k < arounds.length; k++) {
            marks[k] = arounds[k].begin();
            if (state != null) {
                state[k] = null;
            }
        }
    }

    private void runAttempt() {
        if (isDone()) {
            return;
        }
        if (op.stages.race != null) {
            RaceRound race = new RaceRound(this, op.stages.race);
            round = race;
            race.start();
            return;
        }
        AsyncAttempt previous = current;
        if (previous != null && previous.endedEarly()) {
            marks = marks.clone();
            permits = permits.length == 0 ? NO_PERMITS : new Object[permits.length];
        }
        AsyncAttempt attempt = new AsyncAttempt(this, permits, marks, null);
        current = attempt;
        attempt.start();
    }

    /** The attempt ended with this outcome, on whatever thread it ended on. */
    void attemptEnded(Object value, Throwable failure) {
        if (continuation != null && !continuation.isCurrent()) {
            // The outcome came on another thread (a client's, a timer's): decide and go on in the caller's context.
            continuation.execute(() -> decide(op.stages.arounds.length - 1, value, failure, false));
        } else {
            decide(op.stages.arounds.length - 1, value, failure, false);
        }
    }

    /**
     * Around-stage {@code k}, then each one outside it, decides on an outcome of what it wraps.
     *
     * @param awaited whether the outcome is that of a stage {@code k} asked to await
     */
    private void decide(int k, Object value, Throwable failure, boolean awaited) {
        Around[] arounds = op.stages.arounds;
        while (k >= 0) {
            if (isDone()) {
                return;
            }
            Around stage = arounds[k];
            Decision decision;
            try {
                Decision prior = decisions == null ? null : decisions[k];
                if (!awaited && failure == null && stage.ends(value, prior)) {
                    k--;
                    continue;
                }
                decision = stage.next(prior, marks[k], value, failure, context);
            } catch (Throwable decisionFailure) {
                // The application's result predicate or backoff failed. A callback would swallow it and leave the
                // caller waiting forever; this stage's part ends with it instead, as in the synchronous driver.
                value = null;
                failure = decisionFailure;
                awaited = false;
                k--;
                continue;
            }
            awaited = false;
            if (decision == null) {
                k--;
                continue;
            }
            if (decisions == null) {
                decisions = new Decision[arounds.length];
            }
            decisions[k] = decision;
            switch (decision.kind()) {
                case RETURN:
                    value = decision.value();
                    failure = null;
                    k--;
                    break;
                case FAIL:
                    value = null;
                    failure = decision.failure();
                    k--;
                    break;
                case AGAIN:
                    again(k, decision);
                    return;
                default: // AWAIT
                    int at = k;
                    ((CompletionStage<?>) decision.value()).whenComplete(
                            (v, t) -> decide(at, v, t == null ? null : unwrap(t), true));
                    return;
            }
        }
        if (failure == null) {
            @SuppressWarnings("unchecked")
            T result = (T) value;
            complete(result);
        } else {
            completeExceptionally(failure);
        }
    }

    private void again(int k, Decision decision) {
        Around stage = op.stages.arounds[k];
        Runnable next = () -> {
            if (isDone()) {
                return;
            }
            Decision resumed;
            try {
                resumed = stage.resume(decision, marks[k], context);
            } catch (Throwable failure) {
                decide(k - 1, null, failure, false);
                return;
            }
            switch (resumed.kind()) {
                case AGAIN:
                    begin(k + 1);
                    runAttempt();
                    break;
                case FAIL:
                    decide(k - 1, null, resumed.failure(), false);
                    break;
                default:
                    decide(k - 1, resumed.value(), null, false);
                    break;
            }
        };
        // An executor that refuses the wait ends the call with its refusal (a stage outside may still apply).
        Consumer<RejectedExecutionException> refused = rejection -> {
            stage.stopped(decision);
            decide(k - 1, null, rejection, false);
        };
        try {
            if (decision.delayNanos() > 0) {
                pendingRetry = op.engine.scheduleOn(steps(), next, decision.delayNanos(), refused);
            } else {
                op.engine.executeOr(steps(), next, refused);
            }
        } catch (RejectedExecutionException stopped) {
            refused.accept(stopped); // the engine's timer is stopped: the call ends with that, never throws
        }
    }

    /** Cancelling the caller's future stops the pending retry and the attempt in progress. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            Future<?> retry = pendingRetry;
            if (retry != null) {
                retry.cancel(false);
            }
            AsyncAttempt attempt = current;
            if (attempt != null) {
                attempt.abortInside(-1, mayInterruptIfRunning);
            }
            RaceRound race = round;
            if (race != null) {
                race.cancel(mayInterruptIfRunning);
            }
        }
        return cancelled;
    }
}
