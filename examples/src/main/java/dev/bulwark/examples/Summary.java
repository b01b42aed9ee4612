package dev.bulwark.examples;

import dev.bulwark.api.CircuitState;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The end-of-run summary: totals, each breaker's story, and the verdict. */
final class Summary {

    private Summary() {
    }

    /**
     * "CLOSED -> OPEN 5.1s (DOWN) -> 3 failed trials 6.1s..8.1s -> HALF_OPEN 9.1s (RECOVERING) -> CLOSED 9.3s": a
     * phase is named when it changes, and a run of trials that reopened the breaker is told as one step.
     */
    private static String story(Report report, String breaker) {
        if (!report.finalStates().containsKey(breaker)) {
            return "off (disabled by configuration)";
        }
        List<Transition> changes = report.transitionsOf(breaker);
        StringBuilder story = new StringBuilder("CLOSED");
        Phase shown = null;
        int i = 0;
        while (i < changes.size()) {
            int trials = 0;
            while (i + 2 * trials + 1 < changes.size() && failedTrial(changes.get(i + 2 * trials),
                    changes.get(i + 2 * trials + 1))) {
                trials++;
            }
            Transition change = changes.get(i);
            if (trials > 0) {
                Transition last = changes.get(i + 2 * trials - 1);
                story.append(trials == 1 ? " -> 1 failed trial " + seconds(change)
                        : String.format(Locale.ROOT, " -> %d failed trials %s..%s", trials, seconds(change),
                                seconds(last)));
                i += 2 * trials;
            } else {
                story.append(" -> ").append(change.to()).append(' ').append(seconds(change));
                i++;
            }
            if (change.phase() != shown) {
                story.append(" (").append(change.phase()).append(')');
                shown = change.phase();
            }
        }
        return story.toString();
    }

    /** OPEN -> HALF_OPEN followed by HALF_OPEN -> OPEN: the delay passed, and a trial call failed. */
    private static boolean failedTrial(Transition first, Transition second) {
        return first.to() == CircuitState.HALF_OPEN && second.from() == CircuitState.HALF_OPEN
                && second.to() == CircuitState.OPEN;
    }

    private static String seconds(Transition change) {
        return String.format(Locale.ROOT, "%.1fs", change.at().toMillis() / 1000.0);
    }

    static void print(PrintStream out, Report report, Verdict verdict) {
        Tally t = report.totals();
        out.println();
        out.printf(Locale.ROOT, "Summary after %.1f s%n", report.elapsed().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  calls %d: %d answered by the service, %d by a fallback, %d failed in the caller%n",
                t.get(Event.CALL), t.get(Event.SUCCESS), t.get(Event.FALLBACK), t.get(Event.FAILED));
        out.printf(Locale.ROOT, "  retries %d (at most %d attempt%s for one stock lookup), timeouts %d%n",
                t.get(Event.RETRY), report.mostAttempts(), report.mostAttempts() == 1 ? "" : "s",
                t.get(Event.TIMEOUT));
        out.printf(Locale.ROOT, "  refused: %d by the bulkhead, %d by the rate limit, %d by an open breaker%n",
                t.get(Event.BULKHEAD), t.get(Event.RATE_LIMIT), report.breakerRejections());
        for (String breaker : Scenario.BREAKERS) {
            out.printf(Locale.ROOT, "  breaker %s: %s%n", LiveTable.shortName(breaker), story(report, breaker));
        }
        if (verdict.passed()) {
            out.println("PASS: the breakers opened during the outage and closed after the recovery;"
                    + " every kind of event happened.");
        } else {
            out.println("FAIL: the scenario did not behave as expected:");
            verdict.problems().forEach(p -> out.println("  - " + p));
        }
        out.flush();
    }
}
