package dev.bulwark.cdi.context;

import java.util.concurrent.Callable;

/**
 * The context an asynchronous call's caller had when it called: captured once at call entry, and restored around
 * each attempt, retry, before-retry action and fallback of that call, whichever thread runs it.
 */
public interface CallerContext {

    /** Nothing to restore: the thread keeps its own context. */
    CallerContext NONE = new CallerContext() {
        @Override
        public <T> T call(Callable<T> work) throws Exception {
            return work.call();
        }
    };

    /** The key under which a call's captured context travels in its interceptor invocation's context data. */
    String KEY = CallerContext.class.getName();

    /** Runs {@code work} on this thread with the caller's context in force, and this thread's own afterwards. */
    <T> T call(Callable<T> work) throws Exception;

    /**
     * The context captured for the call {@code invocation} (an interceptor's {@code InvocationContext}), or
     * {@link #NONE} for a synchronous call, which runs on its caller's thread anyway.
     */
    static CallerContext of(Object invocation) {
        if (invocation instanceof jakarta.interceptor.InvocationContext ic) {
            Object captured = ic.getContextData().get(KEY);
            if (captured instanceof CallerContext context) {
                return context;
            }
        }
        return NONE;
    }
}
