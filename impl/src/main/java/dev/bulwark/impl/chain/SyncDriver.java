package dev.bulwark.impl.chain;

import static dev.bulwark.impl.chain.Throwables.sneakyThrow;

import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.Decision;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Sleeper;

/**
 * Runs an operation's stages on the caller's thread: each around-stage a loop over its decisions, each gate a frame
 * that holds its permit in locals, the method innermost. Names no strategy. Nothing is allocated on the success path;
 * waits (a retry's delay) sleep through the engine's sleeper, interruptibly.
 */
final class SyncDriver {

    private SyncDriver() {
    }

    static Object call(Operation op, Invoker action, Object target, Object context) throws Exception {
        return op.stages.syncArounds.length == 0 ? attempt(op.stages.gates, action, target)
                : around(op, 0, action, target, context);
    }

    private static Object around(Operation op, int k, Invoker action, Object target, Object context) throws Exception {
        Around[] arounds = op.stages.syncArounds;
        Around stage = arounds[k];
        // The innermost around-stage calls the attempt itself: one level of recursion less for the JIT to inline.
        boolean innermost = k + 1 == arounds.length;
        long mark = stage.begin();
        Decision decision = null;
        while (true) {
            Object value = null;
            Throwable failure = null;
            try {
                value = innermost ? attempt(op.stages.gates, action, target)
                        : around(op, k + 1, action, target, context);
            } catch (Throwable t) {
                failure = t;
            }
            // Outside the attempt's try: a decision that throws (a result predicate) ends this stage's call with its
            // exception instead of being taken for the downstream's failure.
            if (failure == null && stage.ends(value, decision)) {
                return value;
            }
            Decision next = stage.next(decision, mark, value, failure, context);
            if (next == null) {
                if (failure != null) {
                    throw sneakyThrow(failure);
                }
                return value;
            }
            decision = next;
            if (decision.kind() == Decision.Kind.AGAIN) {
                decision = waitAndResume(op.engine.sleeper(), stage, decision, mark, context);
            }
            switch (decision.kind()) {
                case AGAIN:
                    continue;
                case FAIL:
                    throw sneakyThrow(decision.failure());
                default: // RETURN; AWAIT is for asynchronous calls, whose stage is the value here
                    return decision.value();
            }
        }
    }

    private static Decision waitAndResume(Sleeper sleeper, Around stage, Decision decision, long mark, Object context)
            throws Exception {
        if (decision.delayNanos() > 0) {
            try {
                sleeper.sleep(decision.delayNanos());
            } catch (InterruptedException e) {
                // The caller was interrupted while waiting: stop, and keep the interrupt visible.
                Thread.currentThread().interrupt();
                Throwable last = stage.stopped(decision).failure();
                throw sneakyThrow(last != null ? last : e);
            }
        }
        return stage.resume(decision, mark, context);
    }

    /** One attempt through the gates: the outermost one enters here, each frame inside enters the next. */
    private static Object attempt(Gate[] gates, Invoker action, Object target) throws Exception {
        if (gates.length == 0) {
            return action.invoke(target);
        }
        Gate gate = gates[0];
        Object permit = gate.enter();
        if (gates.length == 1) {
            return last(gate, permit, gate.mark(), action, target);
        }
        try {
            return through(gates, 0, permit, gate.mark(), action, target);
        } catch (Refusal refusal) {
            throw sneakyThrow(refusal.rejection);
        }
    }

    /**
     * The innermost gate let the attempt through with {@code permit}: calls the method and hands the permit back with
     * the outcome. Apart from {@link #through} so that the recursion, which the JIT inlines only so deep, is one level
     * shorter.
     */
    private static Object last(Gate gate, Object permit, long mark, Invoker action, Object target) throws Exception {
        Object value;
        try {
            value = action.invoke(target);
        } catch (Throwable failure) {
            throw sneakyThrow(gate.exit(permit, mark, failure, Passage.RAN));
        }
        return returned(gate, permit, mark, value);
    }

    /**
     * Gate {@code i}, not the innermost, let the attempt through with {@code permit}: runs what is inside it and hands
     * the permit back with the outcome. A refusal by a gate inside travels outwards as a {@link Refusal} for as long as no gate replaces it,
     * so that every gate it passes knows the downstream was never called.
     */
    private static Object through(Gate[] gates, int i, Object permit, long mark, Invoker action, Object target)
            throws Exception {
        Gate gate = gates[i];
        int inner = i + 1;
        Object value;
        try {
            Gate next = gates[inner];
            Object innerPermit;
            try {
                innerPermit = next.enter();
            } catch (Throwable rejection) {
                throw new Refusal(rejection);
            }
            value = inner + 1 == gates.length ? last(next, innerPermit, next.mark(), action, target)
                    : through(gates, inner, innerPermit, next.mark(), action, target);
        } catch (Refusal refusal) {
            Throwable out = gate.exit(permit, mark, refusal.rejection, Passage.REFUSED);
            throw out == refusal.rejection ? refusal : sneakyThrow(out);
        } catch (Throwable failure) {
            throw sneakyThrow(gate.exit(permit, mark, failure, Passage.RAN));
        }
        return returned(gate, permit, mark, value);
    }

    /** The attempt returned {@code value} inside {@code gate}: hands the permit back; the gate may replace the value. */
    private static Object returned(Gate gate, Object permit, long mark, Object value) {
        Throwable out = gate.exit(permit, mark, null, Passage.RAN);
        if (out != null) {
            throw sneakyThrow(out);
        }
        return value;
    }

    /** A gate's rejection on its way out through the gates outside it; only on the rejection path, never seen. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Throwable rejection;

        Refusal(Throwable rejection) {
            super(null, null, false, false);
            this.rejection = rejection;
        }
    }
}
