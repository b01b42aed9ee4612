package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the attempts of guarded methods that always fail, for tests that check how often a call was tried. */
final class FailingCalls {

    /** Static: the beans are reached through client proxies. */
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    private FailingCalls() {
    }

    /** A failed attempt: counted, then thrown. */
    static void fail() {
        ATTEMPTS.incrementAndGet();
        throw new IllegalStateException("down");
    }

    /** How many attempts {@code call} made before it failed with the method's own exception. */
    static int attempts(Runnable call) {
        int before = ATTEMPTS.get();
        assertThrows(IllegalStateException.class, call::run);
        return ATTEMPTS.get() - before;
    }
}
