package dev.bulwark.benchmarks.quarkus.programmatic;

import dev.bulwark.api.Guard;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.benchmarks.quarkus.Scenario;
import dev.bulwark.benchmarks.quarkus.Scenario.Path;
import dev.bulwark.benchmarks.quarkus.Scenario.Strategy;
import dev.bulwark.benchmarks.quarkus.Scenario.Wrap;
import dev.bulwark.benchmarks.quarkus.ScenarioSource;
import dev.bulwark.benchmarks.quarkus.Target;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The annotated stacks again, through {@code Guard.builder()} with the same settings (those of the benchmarks
 * module's BulwarkContender and Settings), each guarding a call to a target that is no bean. The Bulwark build
 * only: the SmallRye build leaves this package out. What the CDI rows cost above these is the CDI path's own cost.
 */
@ApplicationScoped
public class ProgrammaticStacks implements ScenarioSource {

    @Override
    public List<Scenario> scenarios() {
        Stack a = new Stack(b -> {
            retry(b);
            breaker(b);
            bulkhead(b);
        });
        Stack t = new Stack(b -> {
            retry(b);
            breaker(b);
            bulkhead(b);
            b.withTimeout(Duration.ofSeconds(10));
        });
        Stack r = new Stack(ProgrammaticStacks::retry);
        Stack c = new Stack(ProgrammaticStacks::breaker);
        Stack d = new Stack(ProgrammaticStacks::bulkhead);
        Stack e = new Stack(b -> b.withTimeout(Duration.ofSeconds(10)));
        // One lambda per scenario, each capturing its guard and action as locals: its own profile (see Scenario).
        Guard<String> ag = a.guard;
        Supplier<String> aa = a.action;
        Guard<String> tg = t.guard;
        Supplier<String> ta = t.action;
        Guard<String> rg = r.guard;
        Supplier<String> ra = r.action;
        Guard<String> cg = c.guard;
        Supplier<String> ca = c.action;
        Guard<String> dg = d.guard;
        Supplier<String> da = d.action;
        Guard<String> eg = e.guard;
        Supplier<String> ea = e.action;
        return List.of(
                a.scenario("retry_breaker_bulkhead", EnumSet.of(Strategy.RETRY, Strategy.CIRCUIT_BREAKER,
                        Strategy.BULKHEAD), n -> {
                            long acc = 0;
                            for (int i = 0; i < n; i++) {
                                acc += ag.get(aa).length();
                            }
                            return acc;
                        }),
                t.scenario("with_timeout", EnumSet.allOf(Strategy.class), n -> {
                    long acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += tg.get(ta).length();
                    }
                    return acc;
                }),
                r.scenario("retry", EnumSet.of(Strategy.RETRY), n -> {
                    long acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += rg.get(ra).length();
                    }
                    return acc;
                }),
                c.scenario("circuit_breaker", EnumSet.of(Strategy.CIRCUIT_BREAKER), n -> {
                    long acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += cg.get(ca).length();
                    }
                    return acc;
                }),
                d.scenario("bulkhead", EnumSet.of(Strategy.BULKHEAD), n -> {
                    long acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += dg.get(da).length();
                    }
                    return acc;
                }),
                e.scenario("timeout", EnumSet.of(Strategy.TIMEOUT), n -> {
                    long acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += eg.get(ea).length();
                    }
                    return acc;
                }));
    }

    // The settings of @Retry(maxRetries = 3) @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5)
    // @Bulkhead(10): the breaker's delay is the annotation's default, 5 s.
    private static void retry(GuardBuilder<String> b) {
        b.withRetry(r -> r.maxRetries(3));
    }

    private static void breaker(GuardBuilder<String> b) {
        b.withCircuitBreaker(cb -> cb.requestVolumeThreshold(20).failureRatio(0.5).delay(Duration.ofSeconds(5)));
    }

    private static void bulkhead(GuardBuilder<String> b) {
        b.withBulkhead(bh -> bh.limit(10));
    }

    /** A guard and the action it guards, a method reference to a target of its own. */
    private static final class Stack {
        final Target target = new Target.Unmanaged();
        final Supplier<String> action = target::call;
        final Guard<String> guard;

        Stack(Consumer<GuardBuilder<String>> configure) {
            GuardBuilder<String> builder = Guard.builder();
            configure.accept(builder);
            guard = builder.build();
        }

        Scenario scenario(String name, EnumSet<Strategy> strategies, Scenario.Loop loop) {
            return new Scenario(name, Path.PROGRAMMATIC, Wrap.FT, strategies, target, () -> guard.get(action), loop);
        }
    }
}
