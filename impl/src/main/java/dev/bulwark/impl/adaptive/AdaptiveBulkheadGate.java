package dev.bulwark.impl.adaptive;

import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.impl.bulkhead.BulkheadSeries;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Admission;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.NotStarted;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.stage.StageContext;
import dev.bulwark.impl.time.Clock;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The adaptive bulkhead as a gate: a place is taken on entry if fewer than the current limit run, and given back on
 * exit with a sample of the attempt's latency. Samples add up in one packed counter (count and sum of microseconds);
 * the exit that fills a window takes it with one compare-and-set and moves the limit ({@link Estimator}), so no call
 * waits for another and none allocates. Asynchronous calls over the limit wait in a bounded queue when it has one.
 */
final class AdaptiveBulkheadGate extends Gate {

    private static final int COUNT_SHIFT = 44;
    private static final long SUM_MASK = (1L << COUNT_SHIFT) - 1;
    /**
     * A sample's latency counts as at most 2^24 µs (16.8 s), so that a window's sum never spills into the count: a
     * window holds at most {@code MAX_LIMIT / 2} samples, below 2^20, and 2^20 x 2^24 fits the sum's 44 bits.
     */
    private static final long MAX_SAMPLE_MICROS = 1L << 24;
    /** The fewest samples a window holds: fewer make the average latency noise. */
    private static final int MIN_WINDOW = 16;
    /**
     * One call in this many is timed: two clock reads cost several times what the rest of the gate does, and the
     * mean latency of a window needs samples, not every call. A power of two, for the mask.
     */
    private static final int SAMPLE_EVERY = 8;
    /** The mark of a call that is not timed. */
    private static final long UNTIMED = Long.MIN_VALUE;

    private final AdaptiveBulkheadSpec spec;
    private final Clock clock;
    private final String name;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicLong window = new AtomicLong();
    private final AtomicBoolean updating = new AtomicBoolean();
    private final Estimator estimator;
    private volatile int limit;
    /** The most calls in flight seen at an exit of this window; racy on purpose: a hint, not a count. */
    private volatile int peak;
    private volatile boolean dropped;
    /** Counts calls to pick the timed ones; racy on purpose: a lost increment only moves which call is timed. */
    private int tick;
    private final ConcurrentLinkedQueue<Admission> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final boolean queues;
    private final BulkheadSeries series;

    AdaptiveBulkheadGate(AdaptiveBulkheadSpec spec, StageContext operation) {
        this.spec = spec;
        this.clock = operation.clock();
        this.name = operation.name();
        this.estimator = new Estimator(spec);
        this.limit = spec.initialLimit();
        this.queues = operation.asynchronous() && spec.queueSize() > 0;
        MetricsRecorder metrics = operation.metrics();
        this.series = BulkheadSeries.declare(metrics, inflight::get);
        metrics.gauge("ft.bulkhead.limit", () -> limit);
        if (queues) {
            metrics.gauge("ft.bulkhead.executionsWaiting", waiting::get);
        }
    }

    /** The current limit. */
    int limit() {
        return limit;
    }

    /** Calls running now. */
    int running() {
        return inflight.get();
    }

    private boolean tryAcquire() {
        for (;;) {
            int n = inflight.get();
            if (n >= limit) {
                return false;
            }
            if (inflight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private BulkheadException full() {
        series.rejected().run();
        return new BulkheadException(name + " rejected: its adaptive limit of " + limit + " calls are running"
                + (queues ? " and " + spec.queueSize() + " are waiting" : ""));
    }

    @Override
    public Object enter() {
        if (!tryAcquire()) {
            throw full();
        }
        series.accepted().run();
        return PERMIT;
    }

    @Override
    public boolean usesAdmission() {
        return queues;
    }

    @Override
    public void enter(Admission admission) {
        if (tryAcquire()) {
            series.accepted().run();
            admission.admit(PERMIT);
            return;
        }
        if (!queues || waiting.incrementAndGet() > spec.queueSize()) {
            if (queues) {
                waiting.decrementAndGet();
            }
            admission.refuse(full());
            return;
        }
        series.accepted().run();
        queue.add(admission);
        admission.onAbort(() -> {
            if (queue.remove(admission)) {
                waiting.decrementAndGet();
                admission.refuse(new NotStarted("attempt left the adaptive bulkhead's queue"));
            }
        });
        admitWaiting(); // a place may have freed between the try above and joining the queue
    }

    /** Hands freed places to waiting attempts, oldest first; a place taken for an attempt gone is given back. */
    private void admitWaiting() {
        while (!queue.isEmpty() && tryAcquire()) {
            Admission next = queue.poll();
            if (next == null) {
                inflight.decrementAndGet();
                continue; // emptied meanwhile: the loop looks again, so a later arrival is not stranded
            }
            waiting.decrementAndGet();
            next.onAbort(null);
            next.admit(PERMIT);
        }
    }

    @Override
    public long mark() {
        return (++tick & (SAMPLE_EVERY - 1)) == 0 ? clock.nanoTime() : UNTIMED;
    }

    @Override
    public Throwable exit(Object permit, long mark, Throwable failure, Passage passage) {
        int was = inflight.getAndDecrement();
        boolean drop = passage == Passage.RAN && failure != null && timedOut(failure);
        if (drop) {
            dropped = true; // timed or not: a window with a timeout in it is a window with a drop
        }
        if (mark != UNTIMED) {
            long nanos = clock.nanoTime() - mark;
            series.running().accept(nanos);
            if (passage == Passage.RAN && failure == null || drop) {
                sample(nanos, was);
            }
        }
        if (queues) {
            admitWaiting();
        }
        return failure;
    }

    /** What a timeout outside looks like from inside it: the attempt interrupted or cancelled, or the timeout. */
    private static boolean timedOut(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof InterruptedException
                || failure instanceof CancellationException && !(failure instanceof NotStarted);
    }

    private void sample(long nanos, int concurrency) {
        if (concurrency > peak) {
            peak = concurrency;
        }
        long micros = Math.max(1, (nanos + 999) / 1000);
        long now = window.addAndGet((1L << COUNT_SHIFT) + Math.min(micros, MAX_SAMPLE_MICROS));
        int count = (int) (now >>> COUNT_SHIFT);
        if (count >= Math.max(MIN_WINDOW, limit / 2) && window.compareAndSet(now, 0)
                && updating.compareAndSet(false, true)) {
            try {
                int windowPeak = peak;
                peak = 0;
                boolean drop = dropped;
                dropped = false;
                limit = estimator.next((now & SUM_MASK) / (double) count, windowPeak, drop);
            } finally {
                updating.set(false);
            }
        }
    }

    /**
     * Moves the limit once per window of samples; run by one thread at a time. GRADIENT2 and VEGAS compare the
     * window's latency with a latency without queueing, which they re-measure every {@link #PROBE_EVERY} windows by
     * halving the limit until the queue has drained (as BBR's ProbeRTT does): without it a limit that starts too
     * high would take its own queueing for the norm and never come down.
     */
    static final class Estimator {

        static final int PROBE_EVERY = 40;
        /** GRADIENT2: how much latency above the long-run latency is tolerated before the limit shrinks. */
        static final double TOLERANCE = 1.05;
        /** GRADIENT2: the share of the new limit taken each window. */
        static final double SMOOTHING = 0.2;
        /** GRADIENT2: the weight of a window in the long-run latency. */
        static final double LONG_WEIGHT = 0.01;

        private final AdaptiveAlgorithm algorithm;
        private final int min;
        private final int max;
        private double estimate;
        /** The latency without queueing (VEGAS), or the long-run latency (GRADIENT2), in µs; 0 until known. */
        private double baseline;
        private int windows;
        private boolean draining;
        private boolean measuring;
        private double saved;

        Estimator(AdaptiveBulkheadSpec spec) {
            this.algorithm = spec.algorithm();
            this.min = spec.minLimit();
            this.max = spec.maxLimit();
            this.estimate = spec.initialLimit();
        }

        /** The limit after a window whose mean latency was {@code rtt} µs, at most {@code peak} in flight. */
        int next(double rtt, int peak, boolean drop) {
            if (algorithm == AdaptiveAlgorithm.AIMD) {
                estimate = drop ? estimate * 0.9 : 2 * peak >= estimate ? estimate + 1 : estimate;
                return clamp();
            }
            if (draining) { // the halved limit holds until the calls let in before it are gone
                if (peak <= clamp()) {
                    draining = false;
                    measuring = true;
                }
                return clamp();
            }
            if (measuring) {
                measuring = false;
                baseline = rtt;
                estimate = saved;
                return clamp();
            }
            if (++windows >= PROBE_EVERY && !drop) {
                windows = 0;
                saved = estimate;
                estimate = Math.max(min, estimate / 2);
                draining = true;
                return clamp();
            }
            boolean used = 2 * peak >= estimate;
            if (algorithm == AdaptiveAlgorithm.GRADIENT2) {
                baseline = baseline == 0 ? rtt : baseline + (rtt - baseline) * LONG_WEIGHT;
                double gradient = drop ? 0.5 : Math.max(0.5, Math.min(1.0, TOLERANCE * baseline / rtt));
                if (used || gradient < 1) {
                    // The headroom, log10 of the limit (at least 1), probes for more without queueing much.
                    double headroom = Math.max(1, Math.log10(estimate));
                    estimate = estimate * (1 - SMOOTHING) + (estimate * gradient + headroom) * SMOOTHING;
                }
            } else {
                baseline = baseline == 0 ? rtt : Math.min(baseline, rtt);
                double log = Math.max(1, Math.log10(estimate));
                double queued = estimate * (1 - baseline / rtt);
                if (drop || queued > 6 * log) {
                    estimate -= log;
                } else if (used && queued <= log) {
                    estimate += 6 * log;
                } else if (used && queued < 3 * log) {
                    estimate += log;
                }
            }
            return clamp();
        }

        private int clamp() {
            estimate = Math.max(min, Math.min(max, estimate));
            return (int) Math.round(estimate);
        }
    }
}
