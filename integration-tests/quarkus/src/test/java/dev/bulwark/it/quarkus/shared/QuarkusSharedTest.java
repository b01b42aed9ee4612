package dev.bulwark.it.quarkus.shared;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import dev.bulwark.redis.RedisStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * {@code @Shared} in a Quarkus app, against a real redis-server: the app and a second replica (a programmatic guard
 * on its own connection, standing for another instance of the app) share one limit and one breaker.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class QuarkusSharedTest {

    @Inject
    SharedQuotes quotes;

    @Test
    void shouldShareTheRateLimitWithAnotherReplica() {
        try (RedisStore replica = RedisStore.create(RedisTestResource.server.url())) {
            RateLimiterHandle other = RateLimiters.create(r -> r.limit(2, Duration.ofSeconds(60))
                    .shared(replica, SharedQuotes.NAME));
            assertEquals("quote", quotes.quote());
            assertTrue(other.tryAcquire(1), "the other replica takes the second permit of the minute");
            assertThrows(RateLimitException.class, quotes::quote, "the app's limit is spent by both together");
            assertFalse(other.tryAcquire(1));
        }
    }

    @Test
    void shouldOpenTheAppsBreakerWhenAnotherReplicaOpensIt() {
        try (RedisStore replica = RedisStore.create(RedisTestResource.server.url())) {
            Guard<String> other = Guard.<String>builder()
                    .withCircuitBreaker(cb -> cb.name("other-replica-orders").requestVolumeThreshold(2).failureRatio(1)
                            .delay(Duration.ofSeconds(60)).shared(replica, "quarkus-orders"))
                    .build();
            assertEquals("ordered", quotes.order(false));
            for (int i = 0; i < 2; i++) {
                assertThrows(IllegalStateException.class, () -> other.call(() -> {
                    throw new IllegalStateException("down");
                }));
            }
            assertEquals(CircuitState.OPEN, CircuitBreakerMaintenance.get().breaker("other-replica-orders").state());
            long deadline = System.nanoTime() + 100_000_000L;
            boolean rejected = false;
            while (!rejected && System.nanoTime() < deadline) {
                try {
                    quotes.order(false);
                    Thread.sleep(1);
                } catch (CircuitBreakerOpenException open) {
                    rejected = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            assertTrue(rejected, "the app's breaker opened within 100 ms of the other replica's");
        }
    }

    @Test
    void shouldShowTheSharedStoreInTheReadinessCheck() {
        get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'bulwark-circuit-breakers' }.data.'bulwark.shared-store'",
                        equalTo("UP"));
    }
}
