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
     * A clock reading taken just after the attempt was admitted, handed to {@link #exit} with the permit (0, and no
     * clock read, when this gate does not need one). Kept apart from the permit so that neither allocates.
     */
    public long mark() {
        return 0;
    }

    /**
     * An asynchronous attempt this gate admitted has started inside and is not over yet: the moment to arm what
     * must only be armed for an attempt that takes time (a timeout's timer).
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
