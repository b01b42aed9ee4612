package dev.bulwark.impl.adaptive;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A simulated downstream in virtual time, and the open-loop load that calls it through a limiter: it serves
 * {@code servers} calls at a time, each for {@code serviceNanos}, and queues the rest first come, first served, so
 * its latency grows with the concurrency let through beyond {@code servers}. Arrivals are Poisson at
 * {@code perSecond}; a seeded random makes every run the same.
 */
final class Downstream {

    /** Where the simulation asks for a place and hands it back, as a bulkhead would. */
    interface Limiter {
        /** What {@link #acquire} gives for a call it rejects. */
        long REJECTED = Long.MAX_VALUE - 1;

        /** A place for a call arriving now: the mark to hand back to {@link #release}, or {@link #REJECTED}. */
        long acquire(long now);

        /** A call that {@link #acquire got a place} at {@code start}, with {@code mark}, ended at {@code now}. */
        void release(long start, long mark, long now);

        int limit();
    }

    /** What one run shows, measured over its second half. */
    record Result(String name, double meanLimit, double p99Millis, double throughput, double rejectedShare) {

        @Override
        public String toString() {
            return String.format("%-22s limit %6.1f   p99 %8.1f ms   throughput %7.1f/s   rejected %5.1f%%", name,
                    meanLimit, p99Millis, throughput, 100 * rejectedShare);
        }
    }

    private final int servers;
    private final long serviceNanos;

    Downstream(int servers, long serviceNanos) {
        this.servers = servers;
        this.serviceNanos = serviceNanos;
    }

    /** The latency of a call that finds a free server. */
    long unloadedNanos() {
        return serviceNanos;
    }

    /** Calls per second it completes when every server is busy. */
    double capacity() {
        return servers * 1e9 / serviceNanos;
    }

    /** Runs {@code seconds} of load at {@code perSecond} through {@code limiter}, on {@code clock}. */
    Result run(String name, Limiter limiter, double perSecond, int seconds, long[] clock) {
        Random random = new Random(42);
        long end = seconds * 1_000_000_000L;
        long half = end / 2;
        // An event is a completion (its start time) at its time; arrivals are drawn one ahead.
        PriorityQueue<long[]> completions = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        ArrayDeque<long[]> queued = new ArrayDeque<>();
        int busy = 0;
        long nextArrival = 0;
        long[] latencies = new long[1 << 16];
        int measured = 0;
        long completed = 0;
        long arrivals = 0;
        long rejected = 0;
        double limitSum = 0;
        long limitSamples = 0;
        while (true) {
            long nextCompletion = completions.isEmpty() ? Long.MAX_VALUE : completions.peek()[0];
            long now = Math.min(nextArrival, nextCompletion);
            if (now >= end) {
                break;
            }
            clock[0] = now;
            if (now == nextCompletion) {
                long[] done = completions.poll();
                long start = done[1];
                limiter.release(start, done[2], now);
                if (!queued.isEmpty()) {
                    long[] next = queued.poll();
                    completions.add(new long[] {now + serviceNanos, next[0], next[1]});
                } else {
                    busy--;
                }
                if (start >= half) {
                    completed++;
                    if (measured == latencies.length) {
                        latencies = Arrays.copyOf(latencies, measured * 2);
                    }
                    latencies[measured++] = now - start;
                }
            } else {
                nextArrival = now + (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9);
                boolean counted = now >= half;
                if (counted) {
                    arrivals++;
                    limitSum += limiter.limit();
                    limitSamples++;
                }
                long mark = limiter.acquire(now);
                if (mark == Limiter.REJECTED) {
                    rejected += counted ? 1 : 0;
                } else if (busy < servers) {
                    busy++;
                    completions.add(new long[] {now + serviceNanos, now, mark});
                } else {
                    queued.add(new long[] {now, mark});
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        double p99 = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e6;
        return new Result(name, limitSum / Math.max(1, limitSamples), p99, completed / ((end - half) / 1e9),
                rejected / (double) Math.max(1, arrivals));
    }
}
