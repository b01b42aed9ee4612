package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.Guard;
import dev.bulwark.api.RetryOptions;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.testing.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The backoffs of the programmatic door mean what the annotations mean, measured in virtual time. */
class ProgrammaticBackoffTest {

    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().executor(Runnable::run).build();

    /** The delays, in milliseconds, before each retry of a call that always fails. */
    private List<Long> delays(int maxRetries, UnaryOperator<RetryOptions> backoff) {
        List<Long> attempts = new ArrayList<>();
        Guard<String> guard = new GuardSpecBuilder<String>(engine)
                .withRetry(r -> backoff.apply(r.maxRetries(maxRetries).delay(Duration.ofMillis(100))
                        .jitter(Duration.ZERO)))
                .build();
        assertThrows(IllegalStateException.class, () -> guard.get(() -> {
            attempts.add(time.nanoTime());
            throw new IllegalStateException("down");
        }));
        List<Long> delays = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            delays.add((attempts.get(i) - attempts.get(i - 1)) / 1_000_000);
        }
        return delays;
    }

    @Test
    void shouldNotCapExponentialDelaysWhenMaxDelayIsZero() {
        assertEquals(List.of(100L, 200L, 400L, 800L), delays(4, r -> r.exponentialBackoff(2, Duration.ZERO)),
                "maxDelay 0 means no cap, as in @ExponentialBackoff");
    }

    @Test
    void shouldNotCapFibonacciDelaysWhenMaxDelayIsZero() {
        assertEquals(4, delays(4, r -> r.fibonacciBackoff(Duration.ZERO)).size());
        assertEquals(100L, delays(4, r -> r.fibonacciBackoff(Duration.ZERO)).get(0), "not capped at 0");
    }

    @Test
    void shouldGrowFibonacciDelaysLikeTheAnnotation() {
        assertEquals(List.of(100L, 200L, 300L, 500L, 800L), delays(5, r -> r.fibonacciBackoff(Duration.ofSeconds(10))),
                "@FibonacciBackoff's sequence: delay, 2, 3, 5, 8 times it");
    }

    @Test
    void shouldCapExponentialDelaysAtAPositiveMaxDelay() {
        assertEquals(List.of(100L, 200L, 300L, 300L), delays(4, r -> r.exponentialBackoff(2, Duration.ofMillis(300))));
    }
}
