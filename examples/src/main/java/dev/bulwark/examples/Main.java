package dev.bulwark.examples;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scripted scenario as a command: starts a Weld SE container (bean discovery finds this module's beans and
 * Bulwark's extension), drives the client through the timeline while printing the live table, prints a summary
 * and exits non-zero if the scenario did not behave as expected.
 *
 * <p>Usage: {@code Main [--fast]}. {@code --fast} runs the same timeline with quarter-second ticks.
 */
public final class Main {

    // Held so the logger, and with it the level, is not garbage collected: Weld's start-up banner is noise here.
    private static final Logger WELD_LOG = Logger.getLogger("org.jboss.weld");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> options = List.of(args);
        if (!options.stream().allMatch("--fast"::equals)) {
            System.err.println("usage: Main [--fast]");
            System.exit(2);
        }
        Timeline timeline = options.contains("--fast") ? Timeline.fast() : Timeline.standard();
        Report report = run(timeline, System.out, System.console() != null);
        if (!Verdict.of(report).passed()) {
            System.exit(1);
        }
    }

    /** Runs the scenario in a container of its own and prints the table and the summary to {@code out}. */
    public static Report run(Timeline timeline, PrintStream out, boolean colour) throws InterruptedException {
        WELD_LOG.setLevel(Level.WARNING);
        ConfigReport.print(out);
        Report report;
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            report = scenario(container, timeline, out, colour).run();
        }
        Summary.print(out, report, Verdict.of(report));
        return report;
    }

    private static Scenario scenario(SeContainer container, Timeline timeline, PrintStream out, boolean colour) {
        return new Scenario(
                container.select(InventoryClient.class).get(),
                container.select(PriceClient.class).get(),
                container.select(InventoryService.class).get(),
                container.select(Scoreboard.class).get(),
                timeline, out, colour);
    }
}
