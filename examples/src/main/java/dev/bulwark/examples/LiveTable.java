package dev.bulwark.examples;

import dev.bulwark.api.CircuitState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints one line per tick: what happened during that tick, and each breaker's state at its end. Lines are only
 * ever appended, so the output reads the same in a terminal and in a CI log; on a terminal the breaker states are
 * coloured, elsewhere the output is plain text with no escape codes at all.
 */
final class LiveTable {

    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final boolean colour;
    private final List<String> breakers;

    LiveTable(PrintStream out, boolean colour, List<String> breakers) {
        this.out = out;
        this.colour = colour;
        this.breakers = breakers;
    }

    void printHeader() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6s  %-10s", "time", "phase"));
        for (Event e : Event.values()) {
            line.append(String.format(Locale.ROOT, " %7s", e.column()));
        }
        line.append(String.format(Locale.ROOT, " %7s", "cb-rej"));
        for (String breaker : breakers) {
            line.append("  ").append(String.format(Locale.ROOT, "%-9s", shortName(breaker)));
        }
        out.println(line.toString().stripTrailing());
        out.flush();
    }

    /**
     * A row: the counts of one tick ({@code delta}), and the breaker states in the order of the header (null for a
     * breaker that does not exist because configuration disabled it).
     */
    void printRow(Duration elapsed, Phase phase, Tally delta, long breakerRejections, List<CircuitState> states) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5.1fs  %-10s",
                elapsed.toMillis() / 1000.0, phase));
        for (Event e : Event.values()) {
            line.append(String.format(Locale.ROOT, " %7d", delta.get(e)));
        }
        line.append(String.format(Locale.ROOT, " %7d", breakerRejections));
        for (CircuitState state : states) {
            String text = state == null ? "off" : state.name();
            // Padded outside the colour, so that the line's trailing blanks can be stripped.
            line.append("  ").append(state == null ? text : paint(state, text))
                    .append(" ".repeat(Math.max(0, 9 - text.length())));
        }
        out.println(line.toString().stripTrailing());
        out.flush();
    }

    /** "stock" for "dev.bulwark.examples.InventoryClient.stock": the method is what a reader recognises. */
    static String shortName(String breaker) {
        String method = breaker.substring(breaker.lastIndexOf('.') + 1);
        return method.length() > 9 ? method.substring(0, 9) : method;
    }

    private String paint(CircuitState state, String text) {
        if (!colour) {
            return text;
        }
        String code = switch (state) {
            case CLOSED -> "\u001b[32m";
            case HALF_OPEN -> "\u001b[33m";
            default -> "\u001b[31m";
        };
        return code + text + RESET;
    }
}
