package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.Guard;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A null in an exception list is a clear error naming the option, not a NullPointerException from deep inside. */
class ExceptionListOptionsTest {

    private static String failure(Runnable configure) {
        return assertThrows(IllegalArgumentException.class, configure::run).getMessage();
    }

    @Test
    void shouldFailNamingRetryOnWhenItContainsNull() {
        assertEquals("retryOn must not contain null, was [class java.io.IOException, null] (null at index 1)",
                failure(() -> Guard.builder().withRetry(r -> r.retryOn(IOException.class, null))));
    }

    @Test
    void shouldFailNamingAbortOnWhenItContainsNull() {
        assertEquals("abortOn must not contain null, was [null] (null at index 0)",
                failure(() -> Guard.builder().withRetry(r -> r.abortOn((Class<? extends Throwable>) null))));
    }

    @Test
    void shouldFailNamingFailOnAndSkipOnWhenTheyContainNull() {
        assertEquals("failOn must not contain null, was [null] (null at index 0)",
                failure(() -> Guard.builder().withCircuitBreaker(c -> c.failOn((Class<? extends Throwable>) null))));
        assertEquals("skipOn must not contain null, was [null] (null at index 0)",
                failure(() -> Guard.builder().withCircuitBreaker(c -> c.skipOn((Class<? extends Throwable>) null))));
    }

    @Test
    void shouldFailNamingTheFallbacksListsWhenTheyContainNull() {
        assertEquals("applyOn must not contain null, was [null] (null at index 0)", failure(() -> Guard.builder()
                .withFallback(f -> null, o -> o.applyOn((Class<? extends Throwable>) null))));
        assertEquals("skipOn must not contain null, was [null] (null at index 0)", failure(() -> Guard.builder()
                .withFallback(f -> null, o -> o.skipOn((Class<? extends Throwable>) null))));
    }

    @Test
    void shouldFailNamingRetryOnWhenTheArrayIsNull() {
        assertEquals("retryOn must not be null",
                failure(() -> Guard.builder().withRetry(r -> r.retryOn((Class<? extends Throwable>[]) null))));
    }
}
