package dev.bulwark.examples;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Plays the timeline: switches the downstream from phase to phase, has the {@link Shopper} visit a page a few
 * times per tick, and prints a row of the table at the end of each tick.
 */
public final class Scenario {

    /** Breakers the table shows, in column order. */
    public static final List<String> BREAKERS = List.of(InventoryClient.STOCK_BREAKER, PriceClient.PRICE_BREAKER);

    private final Shopper shopper;
    private final InventoryService service;
    private final Scoreboard scoreboard;
    private final Timeline timeline;
    private final PrintStream out;
    private final boolean colour;

    public Scenario(InventoryClient inventory, PriceClient prices, InventoryService service, Scoreboard scoreboard,
            Timeline timeline, PrintStream out, boolean colour) {
        this.shopper = new Shopper(inventory, prices, scoreboard);
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
        List<Optional<CircuitBreakerHandle>> breakers = BREAKERS.stream().map(CircuitBreakerMaintenance.get()::find).toList();
        LiveTable table = new LiveTable(out, colour, BREAKERS);
        table.printHeader();
        Tally before = scoreboard.snapshot();
        long rejectedBefore = rejected(breakers);
        long visitNanos = timeline.tick().toNanos() / timeline.visitsPerTick();
        for (Timeline.Step step : timeline.steps()) {
            service.enter(step.phase());
            for (int tick = 0; tick < step.ticks(); tick++) {
                long next = System.nanoTime();
                for (int v = 0; v < timeline.visitsPerTick(); v++) {
                    shopper.visitPage();
                    // A visit that overran (retries, timeouts) pushes the rest back rather than being made up for.
                    next = Math.max(next + visitNanos, System.nanoTime());
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
        if (!shopper.awaitReservations(Duration.ofSeconds(10))) {
            out.println("some reservations did not complete within 10 s");
        }
        Map<String, CircuitState> finalStates = new LinkedHashMap<>();
        breakers.forEach(b -> b.ifPresent(handle -> finalStates.put(handle.name(), handle.state())));
        return new Report(scoreboard.snapshot(), rejected(breakers), log.transitions(), finalStates,
                shopper.mostAttempts(),
                Duration.ofNanos(System.nanoTime() - start));
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
