package dev.bulwark.cdi.definition;

/** How a guarded method's calls run, as its return type and {@code @Asynchronous}/{@code @AsynchronousNonBlocking} say. */
public enum Execution {
    /** On the caller's thread; the method's return or exception is the outcome. */
    SYNCHRONOUS,
    /** {@code @Asynchronous}: each attempt on Bulwark's executor; the returned stage, Future or Uni is followed. */
    OFFLOADED,
    /**
     * {@code Uni} without {@code @Asynchronous}, or {@code @AsynchronousNonBlocking}: each attempt starts on the thread
     * that starts it, the returned stage or Uni is followed, nothing blocks.
     */
    NON_BLOCKING;

    /** Whether the outcome is a returned stage, Future or Uni, followed by the asynchronous driver. */
    public boolean asynchronous() {
        return this != SYNCHRONOUS;
    }
}
