package dev.bulwark.examples;

import java.time.Duration;
import java.util.List;

/**
 * The script: which phases the downstream goes through, for how many ticks each, how long a tick lasts and how
 * many page visits ({@link Shopper}) a tick holds. The table prints one row per tick.
 *
 * <p>Fast mode shortens the ticks, not the annotations' own delays and limits, so two phases keep a length in
 * wall time: the outage spans two whole one-second rate-limit windows, so the rate-limited price lookups get
 * enough calls through to open their breaker; and the recovery is long enough for a breaker that reopened at
 * the very end of the outage to wait out its one-second delay, and a few trial calls more.
 */
public record Timeline(List<Step> steps, Duration tick, int visitsPerTick) {

    /** One phase of the script and how many ticks it lasts. */
    public record Step(Phase phase, int ticks) {
    }

    /** About 25 seconds: one row per second (a little more while the service is slow). */
    public static Timeline standard() {
        return new Timeline(List.of(
                new Step(Phase.HEALTHY, 3),
                new Step(Phase.FLAKY, 4),
                new Step(Phase.SLOW, 4),
                new Step(Phase.DOWN, 6),
                new Step(Phase.RECOVERING, 6)), Duration.ofSeconds(1), 5);
    }

    /** A few seconds: the same story with short ticks, for the test and impatient readers. */
    public static Timeline fast() {
        return new Timeline(List.of(
                new Step(Phase.HEALTHY, 2),
                new Step(Phase.FLAKY, 2),
                new Step(Phase.SLOW, 2),
                new Step(Phase.DOWN, 8),
                new Step(Phase.RECOVERING, 14)), Duration.ofMillis(250), 4);
    }

    public int totalTicks() {
        return steps.stream().mapToInt(Step::ticks).sum();
    }
}
