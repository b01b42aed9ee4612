package dev.bulwark.impl.adaptive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.stage.StageContext;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Scheduler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The adaptive bulkhead against a simulated downstream in virtual time (10 servers, 10 ms per call, queueing beyond):
 * where its limit goes, and what latency and throughput callers get, beside fixed bulkheads and Netflix's own
 * Gradient2 and Vegas limits on the same downstream and load. Each run prints its row; the figures in the README
 * come from here ({@code mvn -pl impl test -Dtest=AdaptiveBulkheadSimulationTest}).
 */
class AdaptiveBulkheadSimulationTest {

    private static final int SERVERS = 10;
    private static final Downstream DOWNSTREAM = new Downstream(SERVERS, TimeUnit.MILLISECONDS.toNanos(10));
    private static final int SECONDS = 120;

    private final long[] clock = {0};

    /** Bulwark's gate, made as the chain makes it, on the simulation's clock. */
    private Downstream.Limiter bulwark(AdaptiveAlgorithm algorithm, int initial, int max) {
        Gate gate = new AdaptiveBulkheadSpec(algorithm, initial, 1, max, 0).gate(new StageContext() {
            @Override
            public String name() {
                return "simulated";
            }

            @Override
            public boolean asynchronous() {
                return false;
            }

            @Override
            public Clock clock() {
                return () -> clock[0];
            }

            @Override
            public Scheduler scheduler() {
                throw new UnsupportedOperationException("the gate schedules nothing");
            }

            @Override
            public MetricsRecorder metrics() {
                return MetricsRecorder.NOOP;
            }
        });
        AdaptiveBulkheadGate adaptive = (AdaptiveBulkheadGate) gate;
        return new Downstream.Limiter() {
            @Override
            public long acquire(long now) {
                try {
                    adaptive.enter();
                } catch (RuntimeException rejected) {
                    return REJECTED;
                }
                return adaptive.mark();
            }

            @Override
            public void release(long start, long mark, long now) {
                gate.exit(Gate.class, mark, null, Passage.RAN);
            }

            @Override
            public int limit() {
                return adaptive.limit();
            }
        };
    }

    private static Downstream.Limiter fixed(int limit) {
        int[] inflight = {0};
        return new Downstream.Limiter() {
            @Override
            public long acquire(long now) {
                return inflight[0] < limit && ++inflight[0] > 0 ? now : REJECTED;
            }

            @Override
            public void release(long start, long mark, long now) {
                inflight[0]--;
            }

            @Override
            public int limit() {
                return limit;
            }
        };
    }

    /** Netflix's limit driven as its SimpleLimiter drives it: a sample per completed call, with the calls in flight. */
    private static Downstream.Limiter netflix(Limit limit) {
        int[] inflight = {0};
        return new Downstream.Limiter() {
            @Override
            public long acquire(long now) {
                return inflight[0] < limit.getLimit() && ++inflight[0] > 0 ? now : REJECTED;
            }

            @Override
            public void release(long start, long mark, long now) {
                limit.onSample(start, now - start, inflight[0], false);
                inflight[0]--;
            }

            @Override
            public int limit() {
                return limit.getLimit();
            }
        };
    }

    private Downstream.Result run(String name, Downstream.Limiter limiter, double overload) {
        clock[0] = 0;
        Downstream.Result result = DOWNSTREAM.run(name, limiter, overload * DOWNSTREAM.capacity(), SECONDS, clock);
        System.out.println("[adaptive simulation] " + overload + "x load  " + result);
        return result;
    }

    @Test
    void theLimitConvergesNearTheDownstreamsConcurrencyFromTenTimesTooHighAndTooLow() {
        for (AdaptiveAlgorithm algorithm : new AdaptiveAlgorithm[] {AdaptiveAlgorithm.GRADIENT2,
            AdaptiveAlgorithm.VEGAS}) {
            for (int initial : new int[] {SERVERS * 10, SERVERS / 10}) {
                Downstream.Result r = run(algorithm + " from " + initial, bulwark(algorithm, initial, 200), 2);
                // VEGAS holds by design between 3 and 6 log10(limit) calls queued: at 10 servers, 14 to 17 places.
                double above = algorithm == AdaptiveAlgorithm.GRADIENT2 ? 0.25 * SERVERS
                        : 6 * Math.log10(2 * SERVERS) + 0.25 * SERVERS;
                assertTrue(r.meanLimit() >= 0.75 * SERVERS && r.meanLimit() <= SERVERS + above,
                        algorithm + " from " + initial + ": limit " + r.meanLimit() + ", best " + SERVERS);
            }
        }
        run("Netflix Gradient2 from 100", netflix(Gradient2Limit.newBuilder().initialLimit(100).minLimit(1)
                .maxConcurrency(200).build()), 2);
        run("Netflix Gradient2 from 1", netflix(Gradient2Limit.newBuilder().initialLimit(1).minLimit(1)
                .maxConcurrency(200).build()), 2);
        run("Netflix Vegas from 100", netflix(VegasLimit.newBuilder().initialLimit(100).maxConcurrency(200).build()), 2);
        run("Netflix Vegas from 1", netflix(VegasLimit.newBuilder().initialLimit(1).maxConcurrency(200).build()), 2);
    }

    @Test
    void underThreeTimesOverloadLatencyStaysNearUnloadedAndThroughputNearTheBestFixedBulkhead() {
        double unloaded = DOWNSTREAM.unloadedNanos() / 1e6;
        Downstream.Result adaptive = run("Bulwark GRADIENT2", bulwark(AdaptiveAlgorithm.GRADIENT2, 20, 200), 3);
        Downstream.Result vegas = run("Bulwark VEGAS", bulwark(AdaptiveAlgorithm.VEGAS, 20, 200), 3);
        Downstream.Result wide = run("fixed 200", fixed(200), 3);
        double best = 0;
        for (int limit = SERVERS / 2; limit <= SERVERS * 2; limit++) {
            best = Math.max(best, DOWNSTREAM.run("fixed " + limit, fixed(limit), 3 * DOWNSTREAM.capacity(), SECONDS,
                    clock).throughput());
        }
        System.out.println("[adaptive simulation] 3.0x load  best fixed bulkhead throughput " + best + "/s");
        run("Netflix Gradient2", netflix(Gradient2Limit.newBuilder().initialLimit(20).minLimit(1)
                .maxConcurrency(200).build()), 3);
        run("Netflix Vegas", netflix(VegasLimit.newBuilder().initialLimit(20).maxConcurrency(200).build()), 3);
        assertTrue(adaptive.p99Millis() < 2 * unloaded, adaptive + " against unloaded " + unloaded + " ms");
        assertTrue(adaptive.throughput() >= 0.9 * best, adaptive + " against the best fixed bulkhead's " + best + "/s");
        // VEGAS lets its few calls queue (see above): its p99 is bounded by them, not by the load.
        assertTrue(vegas.p99Millis() < 3 * unloaded, vegas + " against unloaded " + unloaded + " ms");
        assertTrue(vegas.throughput() >= 0.9 * best, vegas + " against the best fixed bulkhead's " + best + "/s");
        assertTrue(wide.p99Millis() > 10 * unloaded, "a fixed bulkhead of 200 lets the queue grow: " + wide);
    }
}
