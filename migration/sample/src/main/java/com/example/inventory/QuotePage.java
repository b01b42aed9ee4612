package com.example.inventory;

import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Tells a user when to come back for a quote. Calls the client through its bean, so the interceptor applies. */
@ApplicationScoped
public class QuotePage {

    @Inject
    StockClient client;

    /** How many milliseconds to wait before the next quote, or 0 when a quote was possible now. */
    public long availableIn(String sku) {
        try {
            client.quote(sku);
            return 0;
        } catch (RateLimitException e) {
            return e.getRetryAfterMillis();
        }
    }
}
