package dev.bulwark.benchmarks.quarkus;

import dev.bulwark.benchmarks.quarkus.Scenario.Path;
import dev.bulwark.benchmarks.quarkus.Scenario.Strategy;
import dev.bulwark.benchmarks.quarkus.Scenario.Wrap;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The in-process harness: measures every scenario on the main thread (through the injected client proxies for the
 * CDI rows), self-checks them, prints one {@code RESULT} line per scenario, a table, and exits 1 if a check failed.
 *
 * <pre>
 *   java -jar target/quarkus-app/quarkus-run.jar [--list] [--only=cdi/retry,programmatic/retry,...]
 *        -Dbench.warmup-ms=1500 -Dbench.batches=10 -Dbench.batch-ms=150 -Dbench.checks=true
 * </pre>
 */
@QuarkusMain
public class Harness implements QuarkusApplication {

    private static final EnumSet<Strategy> NONE = EnumSet.noneOf(Strategy.class);
    private static final EnumSet<Strategy> RCB =
            EnumSet.of(Strategy.RETRY, Strategy.CIRCUIT_BREAKER, Strategy.BULKHEAD);
    private static final EnumSet<Strategy> RCBT = EnumSet.allOf(Strategy.class);

    @Inject
    Stacks.Plain plain;
    @Inject
    Stacks.Noop noop;
    @Inject
    Stacks.RetryBreakerBulkhead rcb;
    @Inject
    Stacks.WithTimeout rcbt;
    @Inject
    Stacks.RetryOnly retry;
    @Inject
    Stacks.BreakerOnly breaker;
    @Inject
    Stacks.BulkheadOnly bulkhead;
    @Inject
    Stacks.TimeoutOnly timeout;
    @Inject
    Instance<ScenarioSource> more;

    @Override
    public int run(String... args) throws Exception {
        String build = build();
        List<Scenario> all = scenarios();
        Set<String> only = new HashSet<>();
        for (String arg : args) {
            if (arg.equals("--list")) {
                all.forEach(s -> System.out.println(s.key()));
                return 0;
            } else if (arg.startsWith("--only=")) {
                only.addAll(Arrays.asList(arg.substring("--only=".length()).split(",")));
            } else {
                System.err.println("unknown argument " + arg);
                return 2;
            }
        }
        List<Scenario> chosen = only.isEmpty() ? all
                : all.stream().filter(s -> only.contains(s.key())).collect(Collectors.toList());
        if (chosen.isEmpty() || (!only.isEmpty() && chosen.size() != only.size())) {
            System.err.println("no such scenario among " + only + "; --list shows them");
            return 2;
        }
        long warmup = Long.getLong("bench.warmup-ms", 1500) * 1_000_000;
        int batches = Integer.getInteger("bench.batches", 10);
        long batch = Long.getLong("bench.batch-ms", 150) * 1_000_000;

        List<String> lines = new ArrayList<>();
        List<Measure.Result> results = new ArrayList<>();
        for (Scenario s : chosen) {
            Measure.Result r = Measure.run(s.loop, warmup, batches, batch);
            results.add(r);
            String line = String.format(Locale.ROOT,
                    "RESULT build=%s path=%s scenario=%s ns_median=%.2f ns_min=%.2f ns_max=%.2f bytes_per_call=%.1f"
                            + " calls_per_batch=%d batches=%d",
                    build, s.path.label(), s.name, r.nsMedian, r.nsMin, r.nsMax, r.bytesPerCall, r.callsPerBatch,
                    r.batches);
            lines.add(line);
            System.out.println(line);
        }
        table(build, chosen, results);

        if (!Boolean.parseBoolean(System.getProperty("bench.checks", "true"))) {
            System.out.println("CHECKS skipped (-Dbench.checks=false): these numbers are not vouched for");
            return 0;
        }
        List<String> failures = new Checks(build.equals("bulwark") ? "dev.bulwark." : "io.smallrye.faulttolerance.")
                .runAll(chosen);
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("SELF-CHECK FAILED " + f));
            System.err.println("SELF-CHECK FAILED: " + failures.size() + " problem(s); the numbers above are void");
            return 1;
        }
        System.out.println("CHECKS ok: " + chosen.size() + " scenario(s), each wrapped as expected");
        return 0;
    }

    /** Which fault-tolerance implementation this build has (each build has exactly one). */
    private static String build() {
        try {
            Class.forName("dev.bulwark.cdi.BulwarkExtension", false, Harness.class.getClassLoader());
            return "bulwark";
        } catch (ClassNotFoundException e) {
            return "smallrye";
        }
    }

    /** The scenarios, each with its own loop lambda (see {@link Scenario}); the targets are locals, read once. */
    private List<Scenario> scenarios() {
        List<Scenario> list = new ArrayList<>();
        Target direct = new Target.Unmanaged();
        list.add(new Scenario("direct", Path.BASELINE, Wrap.NONE, NONE, direct, direct::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += direct.call().length();
            }
            return acc;
        }));
        Stacks.Plain p = plain;
        list.add(new Scenario("proxy", Path.CDI, Wrap.NONE, NONE, p, p::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += p.call().length();
            }
            return acc;
        }));
        Stacks.Noop f = noop;
        list.add(new Scenario("noop_interceptor", Path.CDI, Wrap.FLOOR, NONE, f, f::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += f.call().length();
            }
            return acc;
        }));
        Stacks.RetryBreakerBulkhead a = rcb;
        list.add(new Scenario("retry_breaker_bulkhead", Path.CDI, Wrap.FT, RCB, a, a::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += a.call().length();
            }
            return acc;
        }));
        Stacks.WithTimeout b = rcbt;
        list.add(new Scenario("with_timeout", Path.CDI, Wrap.FT, RCBT, b, b::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += b.call().length();
            }
            return acc;
        }));
        Stacks.RetryOnly r = retry;
        list.add(new Scenario("retry", Path.CDI, Wrap.FT, EnumSet.of(Strategy.RETRY), r, r::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += r.call().length();
            }
            return acc;
        }));
        Stacks.BreakerOnly c = breaker;
        list.add(new Scenario("circuit_breaker", Path.CDI, Wrap.FT, EnumSet.of(Strategy.CIRCUIT_BREAKER), c, c::call,
                n -> {
                    long acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += c.call().length();
                    }
                    return acc;
                }));
        Stacks.BulkheadOnly d = bulkhead;
        list.add(new Scenario("bulkhead", Path.CDI, Wrap.FT, EnumSet.of(Strategy.BULKHEAD), d, d::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += d.call().length();
            }
            return acc;
        }));
        Stacks.TimeoutOnly t = timeout;
        list.add(new Scenario("timeout", Path.CDI, Wrap.FT, EnumSet.of(Strategy.TIMEOUT), t, t::call, n -> {
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += t.call().length();
            }
            return acc;
        }));
        for (ScenarioSource source : more) {
            list.addAll(source.scenarios());
        }
        return list;
    }

    /** The human-readable table: each CDI row above the no-op floor, each programmatic row above the direct call. */
    private static void table(String build, List<Scenario> scenarios, List<Measure.Result> results) {
        Measure.Result floor = null;
        Measure.Result direct = null;
        for (int i = 0; i < scenarios.size(); i++) {
            if (scenarios.get(i).name.equals("noop_interceptor")) {
                floor = results.get(i);
            } else if (scenarios.get(i).name.equals("direct")) {
                direct = results.get(i);
            }
        }
        System.out.printf(Locale.ROOT, "%n%-8s %-13s %-23s %10s %17s %8s %12s %12s%n", "build", "path", "scenario",
                "ns/call", "min-max", "B/call", "ns > floor", "B > floor");
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            Measure.Result r = results.get(i);
            Measure.Result base = s.path == Path.CDI ? floor : direct;
            boolean none = base == null || r == base || s.wrap == Wrap.NONE;
            String aboveNs = none ? "-" : String.format(Locale.ROOT, "%+.1f", r.nsMedian - base.nsMedian);
            String aboveB = none ? "-"
                    : String.format(Locale.ROOT, "%+.0f", r.bytesPerCall - base.bytesPerCall);
            System.out.printf(Locale.ROOT, "%-8s %-13s %-23s %10.1f %17s %8.0f %12s %12s%n", build, s.path.label(),
                    s.name, r.nsMedian, String.format(Locale.ROOT, "%.1f-%.1f", r.nsMin, r.nsMax), r.bytesPerCall,
                    aboveNs, aboveB);
        }
        System.out.println("(floor: cdi rows minus noop_interceptor, programmatic rows minus direct)");
    }
}
