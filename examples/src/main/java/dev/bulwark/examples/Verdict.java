package dev.bulwark.examples;

import dev.bulwark.api.CircuitState;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a run told the story it is meant to: each breaker stayed closed until the outage, opened during it
 * and was closed again at the end, and every kind of event happened at least once. This is what makes the run
 * command a smoke test.
 */
public record Verdict(List<String> problems) {

    public static Verdict of(Report report) {
        List<String> problems = new ArrayList<>();
        for (String breaker : Scenario.BREAKERS) {
            checkBreaker(report, breaker, problems);
        }
        for (Event e : List.of(Event.SUCCESS, Event.RETRY, Event.FALLBACK, Event.TIMEOUT, Event.BULKHEAD,
                Event.RATE_LIMIT)) {
            if (report.totals().get(e) == 0) {
                problems.add("no " + e.column() + " at all: " + e.name() + " never happened");
            }
        }
        if (report.breakerRejections() == 0) {
            problems.add("no call was refused by an open circuit breaker");
        }
        return new Verdict(List.copyOf(problems));
    }

    private static void checkBreaker(Report report, String breaker, List<String> problems) {
        String name = LiveTable.shortName(breaker);
        if (!report.finalStates().containsKey(breaker)) {
            problems.add("breaker " + name + " does not exist: is @CircuitBreaker disabled by configuration?");
            return;
        }
        List<Transition> changes = report.transitionsOf(breaker);
        if (changes.isEmpty()) {
            problems.add("breaker " + name + " never left CLOSED: it did not open during the outage");
            return;
        }
        Transition first = changes.get(0);
        if (first.to() != CircuitState.OPEN || first.phase() != Phase.DOWN) {
            problems.add("breaker " + name + " first went " + first.to() + " during " + first.phase()
                    + "; expected OPEN during DOWN");
        }
        CircuitState end = report.finalStates().get(breaker);
        if (end != CircuitState.CLOSED) {
            problems.add("breaker " + name + " ended " + end + "; expected CLOSED after the recovery");
        }
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
