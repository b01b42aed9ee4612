package dev.bulwark.examples.programmatic;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.Guard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The programmatic API on its own: no CDI container, no annotations, no configuration. A plain {@code Supplier}
 * is called through a guard with retry (exponential backoff), a named circuit breaker, a timeout and a fallback.
 *
 * <p>Run it with {@code mvn -B -q -pl examples exec:java
 * -Dexec.mainClass=dev.bulwark.examples.programmatic.GuardedSupplierExample}.
 */
public final class GuardedSupplierExample {

    private GuardedSupplierExample() {
    }

    @SuppressWarnings("unchecked") // abortOn(Class<? extends Throwable>...): an interface cannot say @SafeVarargs
    public static void main(String[] args) throws InterruptedException {
        QuoteSource quotes = new QuoteSource();
        AtomicInteger retries = new AtomicInteger();

        // Built once and shared: the breaker's state lives in the guard, not in each call.
        Guard<String> guard = Guard.<String>builder()
                .withRetry(r -> r.maxRetries(3)
                        .delay(Duration.ofMillis(20))
                        .exponentialBackoff(2, Duration.ofMillis(200))
                        // A call the open breaker refused would only be refused again.
                        .abortOn(CircuitBreakerOpenException.class)
                        .beforeRetry((retry, cause) -> retries.incrementAndGet()))
                .withCircuitBreaker(cb -> cb.name("quotes")
                        .requestVolumeThreshold(4)
                        .failureRatio(0.75)
                        .delay(Duration.ofMillis(500))
                        .successThreshold(1))
                .withTimeout(Duration.ofSeconds(1))
                .withFallback(failure -> "(no quote: " + failure.getClass().getSimpleName() + ")")
                .build();

        System.out.println("The source loses every other request; retry hides that:");
        for (int i = 0; i < 3; i++) {
            show(guard.get(quotes), retries);
        }

        System.out.println("The source goes down; after a few failures the breaker opens and calls fail fast:");
        quotes.health(QuoteSource.Health.DOWN);
        for (int i = 0; i < 4; i++) {
            show(guard.get(quotes), retries);
        }

        System.out.println("The source is back; once the breaker's delay has passed a trial call closes it:");
        quotes.health(QuoteSource.Health.UP);
        Thread.sleep(600);
        show(guard.get(quotes), retries);
    }

    private static void show(String result, AtomicInteger retries) {
        System.out.printf("  %-45s retries so far: %d, breaker: %s%n", result, retries.get(),
                CircuitBreakerMaintenance.get().breaker("quotes").state());
    }
}
