package dev.bulwark.impl.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.testing.VirtualTime;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proof, in virtual time and through the real asynchronous driver: a downstream that answers 99% of
 * attempts in about 10 ms (uniform between 5 and 15 ms) and 1% in 1 s, called once a millisecond for 20 s. Prints
 * each run's row for the README.
 */
class HedgeSimulationTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int CALLS = 20_000;
    private static final double SLOW_SHARE = 0.01;

    /** What one run shows. */
    record Result(String name, double p50Millis, double p99Millis, double attemptsPerCall, int failed) {
        @Override
        public String toString() {
            return String.format("%-26s p50 %7.1f ms   p99 %7.1f ms   attempts per call %.4f   failed %d", name,
                    p50Millis, p99Millis, attemptsPerCall, failed);
        }
    }

    /** Runs the load on the downstream above, or on one where every attempt fails after 5 to 15 ms ({@code down}). */
    private static Result run(String name, OperationSpec.Builder spec, boolean down) {
        VirtualTime time = new VirtualTime();
        Engine engine = time.engine().executor(Runnable::run).build();
        Operation op = engine.operation(spec.build());
        Random random = new Random(7);
        long[] attempts = {0};
        long[] latencies = new long[CALLS];
        int[] failed = {0};
        for (int i = 0; i < CALLS; i++) {
            int call = i;
            long start = time.nanoTime();
            CompletableFuture<Object> result = op.callAsync(() -> {
                attempts[0]++;
                CompletableFuture<Object> answer = new CompletableFuture<>();
                boolean slow = random.nextDouble() < SLOW_SHARE;
                time.schedule(() -> {
                    if (down) {
                        answer.completeExceptionally(new IllegalStateException("down"));
                    } else {
                        answer.complete("ok");
                    }
                }, slow && !down ? 1000 * MS : 5 * MS + (long) (random.nextDouble() * 10 * MS));
                return answer;
            }, null);
            result.whenComplete((v, t) -> {
                latencies[call] = time.nanoTime() - start;
                if (t != null) {
                    failed[0]++;
                }
            });
            time.advance(MS);
        }
        time.advance(5000 * MS);
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Result r = new Result(name, sorted[CALLS / 2] / 1e6, sorted[(int) (CALLS * 0.99) - 1] / 1e6,
                (double) attempts[0] / CALLS, failed[0]);
        System.out.println(r);
        engine.close();
        return r;
    }

    private static OperationSpec.Builder async() {
        return OperationSpec.builder("downstream").asynchronous(true).offload(false);
    }

    @Test
    void shouldCutTheP99OfASlowTailWithLittleExtraLoad() {
        Result plain = run("no hedge", async(), false);
        Result hedged = run("@Hedge(delay = 50 ms)", async().stage(new HedgeSpec(50 * MS, 2, 0)), false);
        Result percentile = run("@Hedge(delayPercentile = 95)", async().stage(new HedgeSpec(50 * MS, 2, 95)), false);

        assertTrue(plain.p99Millis() >= 1000, "without a hedge the tail is the p99: " + plain);
        assertTrue(hedged.p99Millis() < 100, "p99 under 100 ms: " + hedged);
        assertTrue(hedged.attemptsPerCall() - 1 < 0.02 + SLOW_SHARE, "extra load under 2% + the slow share: " + hedged);
        assertTrue(percentile.p99Millis() < 100, "p99 under 100 ms: " + percentile);
        assertTrue(percentile.attemptsPerCall() - 1 < 0.05 + 0.02 + SLOW_SHARE,
                "extra load under the 5% hedged by choice + 2% + the slow share: " + percentile);
        assertEquals(0, hedged.failed() + percentile.failed());
    }

    @Test
    void shouldNeverMultiplyTheLoadOnADownstreamThatIsDownBeyondMaxAttempts() {
        Result two = run("down, maxAttempts 2", async().stage(new HedgeSpec(50 * MS, 2, 0)), true);
        Result three = run("down, maxAttempts 3", async().stage(new HedgeSpec(0, 3, 0)), true);

        assertEquals(CALLS, two.failed());
        assertTrue(two.attemptsPerCall() <= 2, two.toString());
        assertTrue(three.attemptsPerCall() <= 3, three.toString());
    }
}
