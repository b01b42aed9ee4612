package dev.bulwark.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The smoke test must also fail when it should: a run whose breakers never opened is reported. */
class VerdictTest {

    @Test
    void aBreakerThatNeverOpenedFailsTheRun() {
        Report quiet = new Report(Tally.empty(), 0, List.of(),
                Map.of(InventoryClient.STOCK_BREAKER, CircuitState.CLOSED, PriceClient.PRICE_BREAKER,
                        CircuitState.CLOSED), 1, Duration.ofSeconds(1));
        Verdict verdict = Verdict.of(quiet);
        assertFalse(verdict.passed());
        assertTrue(verdict.problems().stream().anyMatch(p -> p.contains("never left CLOSED")), verdict.toString());
        assertTrue(verdict.problems().stream().anyMatch(p -> p.contains("RETRY never happened")), verdict.toString());
    }
}
