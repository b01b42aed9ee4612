package dev.bulwark.examples;

import dev.bulwark.api.RateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one visit to a product page does: fire a burst of reservations (asynchronous, more than the bulkhead
 * admits), look up the stock, look up two prices (more than the rate limit allows). The stock and price lookups
 * run one after another on the caller's thread, so the order of their outcomes, which is what the breakers
 * judge, is the same on every run. Used from one thread only.
 */
final class Shopper {

    private static final int RESERVATIONS_PER_PAGE = 6;
    private static final int PRICES_PER_PAGE = 2;
    private static final List<String> SKUS = List.of("apple", "pear", "plum", "fig", "quince");

    private final InventoryClient inventory;
    private final PriceClient prices;
    private final Scoreboard scoreboard;
    private final List<CompletableFuture<?>> reservations = new ArrayList<>();
    private int visits;
    private int mostAttempts;

    Shopper(InventoryClient inventory, PriceClient prices, Scoreboard scoreboard) {
        this.inventory = inventory;
        this.prices = prices;
        this.scoreboard = scoreboard;
    }

    void visitPage() {
        String sku = SKUS.get(visits++ % SKUS.size());
        for (int i = 0; i < RESERVATIONS_PER_PAGE; i++) {
            reserve(sku);
        }
        lookUpStock(sku);
        for (int i = 0; i < PRICES_PER_PAGE; i++) {
            lookUpPrice(sku);
        }
    }

    /** The most attempts one stock lookup made so far. */
    int mostAttempts() {
        return mostAttempts;
    }

    /**
     * Lets the reservations still running finish, so the totals are complete and nothing runs after the container
     * stops; false if some did not within {@code limit}.
     */
    boolean awaitReservations(Duration limit) throws InterruptedException {
        try {
            CompletableFuture.allOf(reservations.toArray(CompletableFuture[]::new))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void reserve(String sku) {
        scoreboard.count(Event.CALL);
        try {
            reservations.add(inventory.reserve(sku).toCompletableFuture()
                    .handle((reservation, failure) -> {
                        if (failure != null) {
                            scoreboard.count(Event.FAILED);
                        }
                        return reservation;
                    }));
        } catch (InterruptedException | RuntimeException e) {
            // The fallback answers every failure; getting here means the example itself is broken.
            scoreboard.count(Event.FAILED);
        }
    }

    private void lookUpStock(String sku) {
        scoreboard.count(Event.CALL);
        Attempts.reset();
        try {
            inventory.stock(sku);
        } catch (InterruptedException | RuntimeException e) {
            scoreboard.count(Event.FAILED);
        }
        int attempts = Attempts.count();
        scoreboard.count(Event.RETRY, Math.max(0, attempts - 1));
        mostAttempts = Math.max(mostAttempts, attempts);
    }

    private void lookUpPrice(String sku) {
        scoreboard.count(Event.CALL);
        try {
            prices.price(sku);
        } catch (RateLimitException refused) {
            scoreboard.count(Event.RATE_LIMIT);
            scoreboard.count(Event.FAILED);
        } catch (InterruptedException | RuntimeException e) {
            // Service errors, timeouts and open-breaker refusals: a price page would show "price unavailable".
            scoreboard.count(Event.FAILED);
        }
    }
}
