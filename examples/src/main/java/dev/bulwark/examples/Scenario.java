package dev.bulwark.examples;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.CircuitBreakers;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.RateLimitException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives the client through the timeline. Each tick is a few rounds; a round is what one shopper's page does:
 * fire a burst of reservations (asynchronous, more than the bulkhead admits), look up the stock, look up two
 * prices (more than the rate limit allows). The stock and price lookups run one after another on this thread,
 * so the order of their outcomes, which is what the breakers judge, is the same on every run.
 */
public final class Scenario {

    /** Breakers the table shows, in column order. */
    public static final List<String> BREAKERS = List.of(InventoryClient.STOCK_BREAKER, PriceClient.PRICE_BREAKER);

    private static final int RESERVATIONS_PER_ROUND = 6;
    private static final int PRICES_PER_ROUND = 2;
    private static final List<String> SKUS = List.of("apple", "pear", "plum", "fig", "quince");

    private final InventoryClient inventory;
    private final PriceClient prices;
    private final InventoryService service;
    private final Scoreboard scoreboard;
    private final Timeline timeline;
    private final PrintStream out;
    private final boolean colour;
    private final List<CompletableFuture<?>> reservations = new ArrayList<>();
    private int round;
    private int mostAttempts;

    public Scenario(InventoryClient inventory, PriceClient prices, InventoryService service, Scoreboard scoreboard,
            Timeline timeline, PrintStream out, boolean colour) {
        this.inventory = inventory;
        this.prices = prices;
        this.service = service;
        this.scoreboard = scoreboard;
        this.timeline = timeline;
        this.out = out;
        this.colour = colour;
    }

    public Report run() throws InterruptedException {
        long start = System.nanoTime();
        BreakerLog log = BreakerLog.watch(BREAKERS, start, service::phase);
        // A breaker disabled by configuration does not exist; the table shows it as "off" and the checks fail.
        List<Optional<CircuitBreakerHandle>> breakers = BREAKERS.stream().map(CircuitBreakers::find).toList();
        LiveTable table = new LiveTable(out, colour, BREAKERS);
        table.printHeader();
        Tally before = scoreboard.snapshot();
        long rejectedBefore = rejected(breakers);
        long roundNanos = timeline.tick().toNanos() / timeline.roundsPerTick();
        for (Timeline.Step step : timeline.steps()) {
            service.enter(step.phase());
            for (int tick = 0; tick < step.ticks(); tick++) {
                long next = System.nanoTime();
                for (int r = 0; r < timeline.roundsPerTick(); r++) {
                    oneRound();
                    // A round that overran (retries, timeouts) pushes the rest back rather than being made up for.
                    next = Math.max(next + roundNanos, System.nanoTime());
                    sleepUntil(next);
                }
                Tally now = scoreboard.snapshot();
                long rejectedNow = rejected(breakers);
                table.printRow(Duration.ofNanos(System.nanoTime() - start), step.phase(), now.minus(before),
                        rejectedNow - rejectedBefore, states(breakers));
                before = now;
                rejectedBefore = rejectedNow;
            }
        }
        awaitReservations();
        Map<String, CircuitState> finalStates = new LinkedHashMap<>();
        breakers.forEach(b -> b.ifPresent(handle -> finalStates.put(handle.name(), handle.state())));
        return new Report(scoreboard.snapshot(), rejected(breakers), log.transitions(), finalStates, mostAttempts,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void oneRound() {
        String sku = SKUS.get(round++ % SKUS.size());
        for (int i = 0; i < RESERVATIONS_PER_ROUND; i++) {
            reserve(sku);
        }
        lookUpStock(sku);
        for (int i = 0; i < PRICES_PER_ROUND; i++) {
            lookUpPrice(sku);
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

    /** Lets the last reservations finish, so the totals are complete and nothing runs after the container stops. */
    private void awaitReservations() throws InterruptedException {
        try {
            CompletableFuture.allOf(reservations.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            out.println("some reservations did not complete: " + e);
        }
    }

    private static long rejected(List<Optional<CircuitBreakerHandle>> breakers) {
        return breakers.stream().flatMap(Optional::stream).mapToLong(CircuitBreakerHandle::rejectedCalls).sum();
    }

    /** Each breaker's state, null for one that does not exist. */
    private static List<CircuitState> states(List<Optional<CircuitBreakerHandle>> breakers) {
        List<CircuitState> states = new ArrayList<>();
        breakers.forEach(b -> states.add(b.map(CircuitBreakerHandle::state).orElse(null)));
        return states;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
