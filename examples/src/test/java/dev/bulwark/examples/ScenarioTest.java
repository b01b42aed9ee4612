package dev.bulwark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the scripted scenario once in fast mode, the way {@code Main --fast} does, and checks the story it tells.
 * The downstream's failures are counted, not random, and the outage fails every attempt for longer than it takes
 * to open a breaker, so none of this depends on lucky timing.
 */
class ScenarioTest {

    private static Report report;
    private static String output;

    @BeforeAll
    static void runFastScenario() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            report = Main.run(Timeline.fast(), out, false);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output);
    }

    @Test
    void eachBreakerOpensDuringTheOutageAndEndsClosed() {
        for (String breaker : Scenario.BREAKERS) {
            List<CircuitState> states = report.statesOf(breaker);
            assertTrue(states.size() >= 4, breaker + " went through " + states);
            assertEquals(List.of(CircuitState.CLOSED, CircuitState.OPEN), states.subList(0, 2),
                    breaker + ": " + states);
            assertEquals(CircuitState.CLOSED, states.get(states.size() - 1), breaker + ": " + states);

            List<Transition> changes = report.transitionsOf(breaker);
            assertEquals(Phase.DOWN, changes.get(0).phase(), "first opened during " + changes.get(0).phase());
            Transition last = changes.get(changes.size() - 1);
            assertEquals(CircuitState.HALF_OPEN, last.from());
            assertEquals(Phase.RECOVERING, last.phase(), "closed again during " + last.phase());
            assertEquals(CircuitState.CLOSED, report.finalStates().get(breaker));
        }
    }

    @Test
    void everyStateChangeIsOneTheSpecificationAllows() {
        Set<List<CircuitState>> legal = Set.of(
                List.of(CircuitState.CLOSED, CircuitState.OPEN),
                List.of(CircuitState.OPEN, CircuitState.HALF_OPEN),
                List.of(CircuitState.HALF_OPEN, CircuitState.OPEN),
                List.of(CircuitState.HALF_OPEN, CircuitState.CLOSED));
        for (Transition t : report.transitions()) {
            assertTrue(legal.contains(List.of(t.from(), t.to())), "unexpected " + t);
        }
    }

    @Test
    void everyKindOfEventHappened() {
        for (Event e : Event.values()) {
            assertTrue(report.totals().get(e) > 0, e + " never happened: " + report.totals());
        }
        assertTrue(report.breakerRejections() > 0, "no call was refused by an open breaker");
        // The first lookup of the outage makes every attempt it may (its failures alone cannot open the breaker):
        // 1 + maxRetries as MP Config says, 3 from microprofile-config.properties where the annotation says 2.
        int maxRetries = ConfigProvider.getConfig().getValue(ConfigReport.STOCK_MAX_RETRIES, Integer.class);
        assertEquals(1 + maxRetries, report.mostAttempts());
        assertTrue(Verdict.of(report).passed(), Verdict.of(report).problems().toString());
    }

    @Test
    void theTableHasOnePlainRowPerTick() {
        assertFalse(output.contains("\u001b"), "escape codes in plain output");
        long rows = output.lines().filter(l -> l.matches("\\s*\\d+\\.\\ds\\s+[A-Z]+\\s.*")).count();
        assertEquals(Timeline.fast().totalTicks(), rows);
        assertTrue(output.contains("PASS"), output);
    }
}
