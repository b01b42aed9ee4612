package dev.bulwark.examples.helidon;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated downstream: an inventory system reached over the network, with no fault tolerance of its own. It
 * behaves as its current {@link Mode} says; {@code POST /admin/downstream/{mode}} switches it. In a real app this
 * would be a REST client, a database or a message broker.
 */
@ApplicationScoped
public class Downstream {

    private final AtomicLong stockAttempts = new AtomicLong();
    private final AtomicLong priceAttempts = new AtomicLong();
    private volatile Mode mode = Mode.HEALTHY;

    public Mode mode() {
        return mode;
    }

    public void switchTo(Mode next) {
        mode = next;
    }

    /** A blocking call, as a JDBC query or a classic HTTP client is. */
    public int stockLevel(String sku) throws InterruptedException {
        answer(stockAttempts.incrementAndGet(), "inventory");
        return 40 + Math.floorMod(sku.hashCode(), 60);
    }

    public long priceInCents(String sku) throws InterruptedException {
        answer(priceAttempts.incrementAndGet(), "pricing");
        return 500L + Math.floorMod(sku.hashCode(), 1000);
    }

    private void answer(long attempt, String service) throws InterruptedException {
        Mode now = mode;
        if (now.fails(attempt)) {
            throw new DownstreamUnavailableException(service + " unavailable (" + now + ")");
        }
        Thread.sleep(now.latency().toMillis());
    }
}
