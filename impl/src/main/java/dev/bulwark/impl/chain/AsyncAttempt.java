package dev.bulwark.impl.chain;

import static dev.bulwark.impl.chain.Futures.cancel;
import static dev.bulwark.impl.chain.Throwables.unwrap;

import dev.bulwark.impl.stage.Admission;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.NotStarted;
import dev.bulwark.impl.stage.Passage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt of an asynchronous call through the gates, outermost first, then the method: each gate admits it (at
 * once or later) or refuses it, and every gate that admitted it hears how it ended, innermost first, before the
 * outcome goes back to the call. Names no strategy.
 */
final class AsyncAttempt {

    private final AsyncCall<?> call;
    private final Gate[] gates;
    private final Level[] levels;
    // Set when the attempt is given up (a timeout, the caller's cancel): what has not started yet never starts.
    private volatile boolean aborted;
    // The offloaded method's task and the stage the method returned, so that an abort can stop them.
    private volatile FutureTask<?> running;
    private volatile CompletionStage<?> returned;
    // An admission came after its gate's enter returned (a permit waited for, a bulkhead place handed over by another
    // call): the method then does not run on the thread that admitted it, which may be another call's.
    private volatile boolean deferred;

    AsyncAttempt(AsyncCall<?> call) {
        this.call = call;
        this.gates = call.op.stages.gates;
        this.levels = new Level[gates.length];
    }

    void start() {
        enter(0);
    }

    private void enter(int i) {
        if (i == gates.length) {
            run();
            return;
        }
        Level level = new Level(i);
        levels[i] = level;
        level.enterer = Thread.currentThread();
        level.entering = true;
        gates[i].enter(level);
        level.entering = false;
    }

    /**
     * What ran inside gate {@code i} ended: each gate from {@code i} outwards hands its permit back with the outcome
     * (or replaces it), until one that a timeout already ended, which keeps this late outcome from going further.
     */
    private void ended(int i, Object value, Throwable failure, Passage passage) {
        while (i >= 0) {
            Level level = levels[i];
            level.innerDone = true;
            Throwable out;
            try {
                out = gates[i].exit(level.permit, level.mark, failure, passage);
            } catch (Throwable exitFailure) {
                out = exitFailure;
            }
            if (!level.finish()) {
                return;
            }
            if (out != failure) {
                failure = out;
                value = null;
                passage = Passage.RAN;
            }
            i--;
        }
        call.attemptEnded(value, failure);
    }

    /**
     * Gives up what runs inside gate {@code i} (-1: the whole attempt): waits of the gates inside stop, a method not
     * started yet never starts, the running one is cancelled (interrupted if asked and offloaded), and so is the stage
     * it returned, so that a downstream that never answers gives its bulkhead place back.
     */
    void abortInside(int i, boolean interrupt) {
        aborted = true;
        for (int j = i + 1; j < levels.length; j++) {
            Level level = levels[j];
            if (level != null) {
                level.abort();
            }
        }
        FutureTask<?> task = running;
        if (task != null) {
            // A non-blocking attempt's thread is its caller's (an event loop): never interrupted.
            task.cancel(interrupt && call.offload);
        }
        CompletionStage<?> stage = returned;
        if (stage != null) {
            cancel(stage);
        }
    }

    /** Every gate admitted the attempt: the method runs, on the executor when offloaded, else here or on the steps. */
    private void run() {
        Executor runner = call.offload ? call.op.engine.executor() : deferred ? call.steps : null;
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
        running = task;
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
        returned = stage;
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
        ended(gates.length - 1, value, failure, failure instanceof NotStarted ? Passage.NOT_STARTED : Passage.RAN);
    }

    private static final int PENDING = 0;
    private static final int ADMITTED = 1;
    private static final int REFUSED = 2;
    private static final int ENDED = 3;
    private static final int DONE = 4;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Level.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The attempt at gate {@code index}: what the gate is given to admit or refuse it, and its permit after. */
    private final class Level implements Admission {
        final int index;
        volatile int state = PENDING;
        Object permit;
        long mark;
        // Whether, and on which thread, the gate's enter is running: an admission from inside it is at once.
        volatile boolean entering;
        Thread enterer;
        volatile boolean innerDone;
        private volatile Runnable abort;

        Level(int index) {
            this.index = index;
        }

        @Override
        public void admit(Object permit) {
            if (!STATE.compareAndSet(this, PENDING, ADMITTED)) {
                return; // given up meanwhile
            }
            this.permit = permit;
            this.mark = gates[index].mark();
            if (!entering || Thread.currentThread() != enterer) {
                deferred = true;
            }
            enter(index + 1);
            if (!innerDone) {
                gates[index].started(permit, mark, this);
            }
        }

        @Override
        public void refuse(Throwable rejection) {
            if (STATE.compareAndSet(this, PENDING, REFUSED)) {
                ended(index - 1, null, rejection,
                        rejection instanceof NotStarted ? Passage.NOT_STARTED : Passage.REFUSED);
            }
        }

        @Override
        public void end(Throwable failure) {
            if (!STATE.compareAndSet(this, ADMITTED, ENDED)) {
                return;
            }
            abortInside(index, true);
            Runnable settle = () -> ended(index - 1, null, failure, Passage.RAN);
            try {
                call.steps.execute(settle);
            } catch (RejectedExecutionException refused) {
                // An executor that refuses work must not leave the caller waiting forever, nor put what follows
                // (breaker, retry, fallback: the application's code) on the timer's thread.
                call.op.engine.rescue(settle);
            }
        }

        /** The outcome from inside goes on outwards, unless {@link #end} already sent one. */
        boolean finish() {
            return STATE.compareAndSet(this, ADMITTED, DONE);
        }

        @Override
        public void onAbort(Runnable abort) {
            this.abort = abort;
            if (abort != null && aborted) {
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
            return call.op.engine.scheduleOn(call.steps, task, delayNanos, this::refuse);
        }

        @Override
        public Future<?> deadline(long delayNanos, Runnable task) {
            return call.op.engine.scheduler().schedule(task, delayNanos);
        }

        @Override
        public boolean over() {
            return aborted || call.isDone();
        }
    }
}
