package dev.bulwark.examples;

/**
 * Counts the attempts of the current synchronous call. A synchronous call and all its retries run on the
 * caller's thread, so a thread-local counter set to zero before the call tells how many attempts it took:
 * every attempt that gets past the breaker, rate limit and bulkhead enters the method body once.
 */
final class Attempts {

    private static final ThreadLocal<int[]> CURRENT = ThreadLocal.withInitial(() -> new int[1]);

    private Attempts() {
    }

    static void reset() {
        CURRENT.get()[0] = 0;
    }

    static void record() {
        CURRENT.get()[0]++;
    }

    static int count() {
        return CURRENT.get()[0];
    }
}
