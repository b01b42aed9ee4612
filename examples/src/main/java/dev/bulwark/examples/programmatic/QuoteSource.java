package dev.bulwark.examples.programmatic;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A plain, unguarded dependency that hands out quotes of the day; its health is switched from outside. */
final class QuoteSource implements Supplier<String> {

    enum Health {
        /** Every other request is lost. */
        FLAKY,
        /** Every request fails. */
        DOWN,
        /** Every request succeeds. */
        UP
    }

    private static final String[] QUOTES = {
        "Fail fast, recover gracefully.", "Timeouts are a feature.", "Retry, but not forever."};

    private final AtomicInteger requests = new AtomicInteger();
    private volatile Health health = Health.FLAKY;

    void health(Health health) {
        this.health = health;
    }

    @Override
    public String get() {
        int n = requests.incrementAndGet();
        if (health == Health.DOWN || (health == Health.FLAKY && n % 2 == 0)) {
            throw new IllegalStateException("quote service unavailable (request " + n + ")");
        }
        return QUOTES[n % QUOTES.length];
    }
}
