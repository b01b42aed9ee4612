package dev.bulwark.impl.stage;

/**
 * What an {@link Around} decided after an outcome, and the per-call state it keeps between attempts: created on the
 * first decision that is not a plain return (so a call that succeeds at once allocates none), then reused.
 * A strategy that needs more state (retry: the count, the last delay) extends it.
 */
public class Decision {

    /** How the call goes on. */
    public enum Kind {
        /** The call returns {@link #value()}. */
        RETURN,
        /** The call fails with {@link #failure()}. */
        FAIL,
        /** What is inside runs again after {@link #delayNanos()}, then {@link Around#resume} confirms. */
        AGAIN,
        /** An asynchronous call waits for the stage in {@link #value()} and brings its outcome back to the stage. */
        AWAIT
    }

    private Kind kind;
    private Object value;
    private Throwable failure;
    private long delayNanos;

    public final Decision returns(Object value) {
        this.kind = Kind.RETURN;
        this.value = value;
        this.failure = null;
        return this;
    }

    public final Decision fails(Throwable failure) {
        this.kind = Kind.FAIL;
        this.value = null;
        this.failure = failure;
        return this;
    }

    /** Again after {@code delayNanos}; {@code value} and {@code failure} are the outcome that is being retried. */
    public final Decision again(long delayNanos, Object value, Throwable failure) {
        this.kind = Kind.AGAIN;
        this.delayNanos = delayNanos;
        this.value = value;
        this.failure = failure;
        return this;
    }

    public final Decision awaits(Object stage) {
        this.kind = Kind.AWAIT;
        this.value = stage;
        this.failure = null;
        return this;
    }

    public final Kind kind() {
        return kind;
    }

    public final Object value() {
        return value;
    }

    public final Throwable failure() {
        return failure;
    }

    public final long delayNanos() {
        return delayNanos;
    }
}
