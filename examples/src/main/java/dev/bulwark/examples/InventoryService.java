package dev.bulwark.examples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated downstream: an inventory system reached over the network. It has no fault tolerance of its own;
 * it just behaves as the current {@link Phase} says. Each operation counts its own attempts, so the failure
 * pattern of one does not depend on how often the others are called.
 */
@ApplicationScoped
public class InventoryService {

    private final AtomicLong stockAttempts = new AtomicLong();
    private final AtomicLong reserveAttempts = new AtomicLong();
    private final AtomicLong priceAttempts = new AtomicLong();
    private volatile Phase phase = Phase.HEALTHY;

    @Inject
    Scoreboard scoreboard;

    public void enter(Phase next) {
        phase = next;
    }

    public Phase phase() {
        return phase;
    }

    public int stockLevel(String sku) throws InterruptedException {
        answer(stockAttempts.incrementAndGet(), Duration.ZERO);
        return 40 + Math.floorMod(sku.hashCode(), 60);
    }

    /** Reservations hold a row lock on the other side, so they always take a while: that is what fills the bulkhead. */
    public String reserve(String sku) throws InterruptedException {
        answer(reserveAttempts.incrementAndGet(), Duration.ofMillis(100));
        return "R-" + sku;
    }

    public long priceInCents(String sku) throws InterruptedException {
        answer(priceAttempts.incrementAndGet(), Duration.ZERO);
        return 999;
    }

    private void answer(long attempt, Duration extra) throws InterruptedException {
        Phase now = phase;
        if (now.fails(attempt)) {
            throw new ServiceUnavailableException("inventory service unavailable (" + now + ")");
        }
        try {
            Thread.sleep(now.latency(attempt).plus(extra).toMillis());
        } catch (InterruptedException e) {
            // Nothing but @Timeout interrupts an attempt here: the client gave up waiting for this answer.
            scoreboard.count(Event.TIMEOUT);
            throw e;
        }
    }
}
