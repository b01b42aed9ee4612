package dev.bulwark.impl.stage;

/**
 * A strategy that lets attempts through or refuses them, and hears how each one it let through ended (circuit
 * breaker, rate limit, timeout, bulkhead). The permission protocol, for every driver: {@code enter} gives a permit or
 * a rejection; every permit is handed back exactly once to {@link #exit}, whatever happened inside.
 *
 * <p>The synchronous methods run on the caller's thread and must not allocate on the success path: a permit is a
 * shared object or one the primitive reuses. A gate is shared by every call of its operation.
 */
public abstract class Gate {

    /** A permit for gates that need none of their own. */
    protected static final Object PERMIT = new Object();

    /**
     * Lets one synchronous attempt through, waiting on the caller's thread if this strategy waits.
     *
     * @return the permit for {@link #exit}, never null
     * @throws Exception the rejection (the method is not called)
     */
    public abstract Object enter() throws Exception;

    /**
     * Lets one asynchronous attempt through, at once or later, without blocking. By default as {@link #enter()}, for a
     * gate that never waits.
     */
    public void enter(Admission admission) {
        Object permit;
        try {
            permit = enter();
        } catch (Throwable rejection) {
            admission.refuse(rejection);
            return;
        }
        admission.admit(permit);
    }

    /**
     * Whether an asynchronous attempt needs an {@link Admission} of its own at this gate: true for a gate that
     * overrides {@link #enter(Admission)} (it may admit later) or {@link #started} (it arms something per attempt).
     * False, the default, lets the asynchronous driver call {@link #enter()} directly and allocate nothing for the
     * attempt at this gate.
     */
    public boolean usesAdmission() {
        return false;
    }

    /**
     * Asked first, for an asynchronous attempt at a gate that {@link #usesAdmission uses an admission}: the permit if
     * the attempt can be let through now and its admission would have nothing more to do (no wait, no timer), else
     * null, and the driver goes on with {@link #enter(Admission)}. Never refuses, never blocks. Lets the common case
     * allocate nothing for the attempt at this gate; by default null.
     */
    public Object admitAtOnce() {
        return null;
    }

    /**
     * A clock reading taken just after the attempt was admitted, handed to {@link #exit} with the permit (0, and no
     * clock read, when this gate does not need one). Kept apart from the permit so that neither allocates.
     */
    public long mark() {
        return 0;
    }

    /**
     * Whether this gate must hear {@link #started} for an asynchronous attempt that is not over at once (a timeout,
     * to arm its timer). False, the default, spares the driver the check and the admission it would make for it.
     * What {@code started} arms decides with the outcome through the admission: it may {@link Admission#end} the
     * attempt only after its {@link Admission#claimEnd} won; if the outcome came first, the driver cancels the
     * admission's deadline and hands this gate's {@link #exit} that admission as its permit (so the exit knows it was
     * told started); if the timer came first, the exit is not told of the late outcome. The driver may make the
     * admission only after the attempt was let through, when its outcome can already be on its way out.
     */
    public boolean followsStart() {
        return false;
    }

    /**
     * An asynchronous attempt this gate admitted has started inside and is not over yet: the moment to arm what
     * must only be armed for an attempt that takes time (a timeout's timer). Only called when {@link #followsStart}.
     */
    public void started(Object permit, long mark, Admission admission) {
    }

    /**
     * The attempt admitted with {@code permit} ended.
     *
     * @param failure how it failed, or null if it returned
     * @param passage how far it got
     * @return the failure the stages outside see: {@code failure} itself, or one that replaces it (a timeout), or null
     *         when the attempt returned and its value stands
     */
    public abstract Throwable exit(Object permit, long mark, Throwable failure, Passage passage);
}
