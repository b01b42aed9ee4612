package dev.bulwark.benchmarks.quarkus;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Single-threaded timing: a warm-up that also sizes the batches, then batches of one scenario's loop, each timed
 * with {@code System.nanoTime} and weighed with the thread's allocated-bytes counter. Medians over batches, so one
 * batch hit by a GC or a compilation does not move the figure.
 */
final class Measure {

    /** What one scenario measured. */
    static final class Result {
        final double nsMedian;
        final double nsMin;
        final double nsMax;
        final double bytesPerCall;
        final long callsPerBatch;
        final int batches;

        Result(double nsMedian, double nsMin, double nsMax, double bytesPerCall, long callsPerBatch, int batches) {
            this.nsMedian = nsMedian;
            this.nsMin = nsMin;
            this.nsMax = nsMax;
            this.bytesPerCall = bytesPerCall;
            this.callsPerBatch = callsPerBatch;
            this.batches = batches;
        }
    }

    /** Where the loops' results go, so that the JIT cannot drop the calls. */
    static volatile long sink;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Measure() {
    }

    static Result run(Scenario.Loop loop, long warmupNanos, int batches, long batchNanos) {
        long threadId = Thread.currentThread().getId();
        THREADS.getThreadAllocatedBytes(threadId); // first call may allocate its own bookkeeping
        // Warm-up in chunks: the loop is compiled (OSR first, then whole) and the call rate estimated.
        int chunk = 10_000;
        long calls = 0;
        long start = System.nanoTime();
        long now = start;
        long acc = 0;
        while (now - start < warmupNanos) {
            acc += loop.run(chunk);
            calls += chunk;
            now = System.nanoTime();
        }
        double nsPerCall = (double) (now - start) / calls;
        long perBatch = Math.max(10_000, (long) (batchNanos / Math.max(nsPerCall, 0.1)));
        int n = (int) Math.min(Integer.MAX_VALUE, perBatch);

        double[] ns = new double[batches];
        double[] bytes = new double[batches];
        for (int b = 0; b < batches; b++) {
            long a0 = THREADS.getThreadAllocatedBytes(threadId);
            long t0 = System.nanoTime();
            acc += loop.run(n);
            long t1 = System.nanoTime();
            long a1 = THREADS.getThreadAllocatedBytes(threadId);
            ns[b] = (double) (t1 - t0) / n;
            bytes[b] = (double) (a1 - a0) / n;
        }
        sink = acc;
        double[] sorted = ns.clone();
        Arrays.sort(sorted);
        return new Result(median(ns), sorted[0], sorted[sorted.length - 1], median(bytes), n, batches);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
