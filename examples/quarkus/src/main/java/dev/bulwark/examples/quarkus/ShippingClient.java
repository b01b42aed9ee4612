package dev.bulwark.examples.quarkus;

import dev.bulwark.api.AdaptiveBulkhead;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.Shared;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * A partner's shipping rates, under a contract of 5 requests a second for the whole application, however many
 * replicas it runs: {@code @Shared} keeps the rate limit in Redis ({@code bulwark.redis.url}). Without Redis every
 * replica decides alone, and {@code ft_shared_store_available} shows 0. How many calls may run at once is learnt
 * from the partner's latency ({@code @AdaptiveBulkhead}, gauge {@code ft_bulkhead_limit}).
 */
@ApplicationScoped
public class ShippingClient {

    @Inject
    Downstream downstream;

    @Fallback(fallbackMethod = "flatRate")
    @RateLimit(value = 5, window = 1)
    @Shared("shipping-quotes")
    @AdaptiveBulkhead(initialLimit = 4, maxLimit = 16)
    @Timeout(500)
    public String quote(String sku) throws InterruptedException {
        return sku + ": shipping " + downstream.shippingInCents(sku) + " cents";
    }

    String flatRate(String sku) {
        return sku + ": flat-rate shipping 990 cents (fallback)";
    }
}
