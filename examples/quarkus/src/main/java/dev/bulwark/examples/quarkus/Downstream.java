package dev.bulwark.examples.quarkus;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated downstream: an inventory system reached over the network, with no fault tolerance of its own. It
 * behaves as its current {@link Mode} says; {@code POST /admin/downstream/{mode}} switches it. In a real app this
 * would be a REST client (quarkus-rest-client), a database or a message broker.
 */
@ApplicationScoped
public class Downstream {

    private final AtomicLong stockAttempts = new AtomicLong();
    private final AtomicLong priceAttempts = new AtomicLong();
    private final AtomicLong shippingAttempts = new AtomicLong();
    private volatile Mode mode = Mode.HEALTHY;

    public Mode mode() {
        return mode;
    }

    public void switchTo(Mode next) {
        mode = next;
    }

    /** A blocking call, as a JDBC query or a classic HTTP client is: it holds the caller's (worker) thread. */
    public int stockLevel(String sku) throws InterruptedException {
        Mode now = mode;
        if (now.fails(stockAttempts.incrementAndGet())) {
            throw new DownstreamUnavailableException("inventory unavailable (" + now + ")");
        }
        Thread.sleep(now.latency().toMillis());
        return 40 + Math.floorMod(sku.hashCode(), 60);
    }

    /** A non-blocking call, as a reactive REST client's is: the answer comes later, no thread waits for it. */
    public Uni<Long> priceInCents(String sku) {
        return Uni.createFrom().deferred(() -> {
            Mode now = mode;
            if (now.fails(priceAttempts.incrementAndGet())) {
                return Uni.createFrom().failure(new DownstreamUnavailableException("pricing unavailable (" + now + ")"));
            }
            Uni<Long> price = Uni.createFrom().item(500L + Math.floorMod(sku.hashCode(), 1000));
            return now.latency().isZero() ? price : price.onItem().delayIt().by(now.latency());
        });
    }

    /** A partner's shipping-rate service, blocking. */
    public int shippingInCents(String sku) throws InterruptedException {
        Mode now = mode;
        if (now.fails(shippingAttempts.incrementAndGet())) {
            throw new DownstreamUnavailableException("shipping partner unavailable (" + now + ")");
        }
        Thread.sleep(now.latency().toMillis());
        return 300 + Math.floorMod(sku.hashCode(), 200);
    }
}
