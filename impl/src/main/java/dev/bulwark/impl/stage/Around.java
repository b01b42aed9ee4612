package dev.bulwark.impl.stage;

/**
 * A strategy that decides, per call, what an outcome of everything inside it means (fallback, retry, and later
 * hedging): return it, fail with it or something else, or run what is inside again after a delay. Shared by every
 * call of its operation; the per-call state is the {@link Decision} it returns, null until its first decision that is
 * not a plain return.
 */
public abstract class Around {

    /**
     * The call starts (once per call, not per attempt).
     *
     * @return a mark handed to every decision of this call (retry: the start time), 0 when none is needed
     */
    public long begin() {
        return 0;
    }

    /**
     * The fast path for a returned value: whether it ends the call as it is (recording what a plain return records).
     * When false, {@link #next} decides.
     *
     * @param prior this call's state, null before its first decision
     */
    public abstract boolean ends(Object value, Decision prior);

    /**
     * Decides after an outcome that {@link #ends} did not end: the value it did not accept, or a failure (or, after
     * {@link Decision.Kind#AWAIT}, the awaited stage's outcome).
     *
     * @param prior this call's state, null before its first decision
     * @param context the call's context (the CDI invocation context), may be null
     * @return the decision, usually {@code prior} updated (a new one when it was null); or null when the outcome
     *         stands as it is (the value is returned, the failure thrown), which allocates nothing
     */
    public abstract Decision next(Decision prior, long mark, Object value, Throwable failure, Object context);

    /**
     * The delay of an {@link Decision.Kind#AGAIN} decision has passed: {@code AGAIN} to run what is inside now, or
     * the call's end if waiting used up what was allowed.
     */
    public Decision resume(Decision decision, long mark, Object context) {
        return decision;
    }

    /**
     * The wait of an {@link Decision.Kind#AGAIN} decision could not happen (the caller was interrupted, the executor
     * refused): the call ends; the driver fails it with the outcome being retried or with that refusal.
     */
    public Decision stopped(Decision decision) {
        return decision;
    }
}
