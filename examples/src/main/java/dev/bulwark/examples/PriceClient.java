package dev.bulwark.examples;

import dev.bulwark.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Prices come from the same service under a contract that allows only a few requests per second, so the whole
 * class is rate limited (a class-level annotation applies to every business method). This client has no
 * fallback: callers see the rejections as exceptions and decide for themselves.
 */
@ApplicationScoped
@RateLimit(value = 3 /* config: 4 */)
public class PriceClient {

    /** Under this name the price lookup's breaker is found in {@code CircuitBreakerMaintenance}: bean class and method. */
    public static final String PRICE_BREAKER = PriceClient.class.getName() + ".price";

    @Inject
    InventoryService service;

    @Inject
    Scoreboard scoreboard;

    /**
     * A call refused by the rate limit never reached the service, so it does not count for the breaker: only
     * real failures (and timeouts) can open it.
     */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 1000, successThreshold = 2)
    @Timeout(300)
    public long price(String sku) throws InterruptedException {
        long price = service.priceInCents(sku);
        scoreboard.count(Event.SUCCESS);
        return price;
    }
}
