package dev.bulwark.benchmarks.quarkus;

import dev.bulwark.benchmarks.quarkus.Scenario.Strategy;
import dev.bulwark.benchmarks.quarkus.Scenario.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The self-check, run after the measurement on the very targets and calls that were measured: a number is only
 * reported for a stack that really was wrapped. First the stack check (who is between the caller and the method),
 * then one behaviour per strategy: retry (two failures, one answer, three invocations), bulkhead (ten callers
 * inside, the eleventh rejected), timeout (a sleeping call interrupted after 10 s), breaker last (it stays open).
 */
final class Checks {

    /** Class-name prefix of the fault-tolerance implementation's frames in this build. */
    private final String ftPrefix;

    Checks(String ftPrefix) {
        this.ftPrefix = ftPrefix;
    }

    /** Checks every scenario, each on a thread of its own so that the 10 s timeout checks overlap. */
    List<String> runAll(List<Scenario> scenarios) throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<List<String>>> futures = new ArrayList<>();
        for (Scenario s : scenarios) {
            futures.add(pool.submit(() -> check(s)));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            String key = scenarios.get(i).key();
            try {
                futures.get(i).get(60, TimeUnit.SECONDS).forEach(msg -> failures.add(key + ": " + msg));
            } catch (Exception e) {
                failures.add(key + ": check did not finish: " + e);
            }
        }
        pool.shutdownNow();
        return failures;
    }

    List<String> check(Scenario s) {
        List<String> failures = new ArrayList<>();
        try {
            stack(s, failures);
            if (s.strategies.contains(Strategy.RETRY)) {
                retry(s, failures);
            }
            if (s.strategies.contains(Strategy.BULKHEAD)) {
                bulkhead(s, failures);
            }
            if (s.strategies.contains(Strategy.TIMEOUT)) {
                timeout(s, failures);
            }
            if (s.strategies.contains(Strategy.CIRCUIT_BREAKER)) {
                breaker(s, failures);
            }
        } catch (Exception e) {
            failures.add("unexpected " + e);
        } finally {
            s.target.mode(Probe.OK);
        }
        return failures;
    }

    private void stack(Scenario s, List<String> failures) {
        Probe p = s.target.probe();
        s.target.mode(Probe.STACK);
        s.once.get();
        s.target.mode(Probe.OK);
        List<String> frames = p.frames;
        boolean ft = frames.stream().anyMatch(c -> c.startsWith(ftPrefix) && !c.startsWith("dev.bulwark.benchmarks."));
        boolean floor = frames.stream().anyMatch(c -> c.startsWith(PassThroughInterceptor.class.getName()));
        boolean ok = s.wrap == Wrap.FT ? ft && !floor : s.wrap == Wrap.FLOOR ? floor && !ft : !ft && !floor;
        if (!ok) {
            failures.add("expected " + s.wrap + " on the stack, found " + (ft ? "" : "no ") + ftPrefix + "* frame and "
                    + (floor ? "" : "no ") + "pass-through interceptor: " + frames);
        }
    }

    private static void retry(Scenario s, List<String> failures) {
        Probe p = s.target.probe();
        int before = p.invocations.get();
        p.failuresLeft.set(2);
        s.target.mode(Probe.FAIL);
        try {
            String answer = s.once.get();
            int invocations = p.invocations.get() - before;
            if (!Probe.OK.equals(answer) || invocations != 3) {
                failures.add("retry: expected ok after 3 invocations, got " + answer + " after " + invocations);
            }
        } catch (RuntimeException e) {
            failures.add("retry: two failures were not retried: " + e);
        } finally {
            s.target.mode(Probe.OK);
        }
    }

    private static void bulkhead(Scenario s, List<String> failures) throws Exception {
        Probe p = s.target.probe();
        CountDownLatch gate = new CountDownLatch(1);
        p.gate = gate;
        p.blocked.set(0);
        s.target.mode(Probe.BLOCK);
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> inside = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                inside.add(callers.submit(s.once::get));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (p.blocked.get() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            try {
                s.once.get();
                failures.add("bulkhead: an 11th concurrent call was let in (" + p.blocked.get() + " inside)");
            } catch (BulkheadException expected) {
                // the bulkhead is full: what the check wants
            }
            s.target.mode(Probe.OK);
            gate.countDown();
            for (Future<String> f : inside) {
                String answer = f.get(10, TimeUnit.SECONDS);
                if (!Probe.OK.equals(answer)) {
                    failures.add("bulkhead: a call inside answered " + answer);
                }
            }
        } finally {
            s.target.mode(Probe.OK);
            gate.countDown();
            callers.shutdownNow();
        }
    }

    private static void timeout(Scenario s, List<String> failures) {
        Probe p = s.target.probe();
        p.interrupted = false;
        s.target.mode(Probe.SLEEP_ONCE);
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = s.once.get(); // with a retry around it: the second attempt answers
        } catch (TimeoutException e) {
            outcome = "TimeoutException";
        } catch (RuntimeException e) {
            outcome = e.toString();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean retried = s.strategies.contains(Strategy.RETRY);
        String expected = retried ? Probe.OK : "TimeoutException";
        if (!p.interrupted || !expected.equals(outcome) || seconds < 9.5 || seconds > 10.9 + (retried ? 0.3 : 0)) {
            failures.add("timeout: expected the sleeping call interrupted after 10 s and " + expected + ", got "
                    + outcome + " after " + String.format("%.2f", seconds) + " s, interrupted " + p.interrupted);
        }
    }

    private static void breaker(Scenario s, List<String> failures) {
        Probe p = s.target.probe();
        p.failuresLeft.set(Integer.MAX_VALUE);
        s.target.mode(Probe.FAIL);
        boolean opened = false;
        for (int i = 0; i < 100 && !opened; i++) {
            try {
                s.once.get();
            } catch (CircuitBreakerOpenException e) {
                opened = true;
            } catch (RuntimeException e) {
                // a failure the breaker records
            }
        }
        s.target.mode(Probe.OK);
        if (!opened) {
            failures.add("breaker: never opened in 100 failing calls");
            return;
        }
        int before = p.invocations.get();
        try {
            s.once.get();
            failures.add("breaker: an open breaker let a call through");
        } catch (CircuitBreakerOpenException expected) {
            if (p.invocations.get() != before) {
                failures.add("breaker: the method ran although the breaker was open");
            }
        }
    }
}
